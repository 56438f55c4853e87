//! `speclint.toml` / `.speclint.toml`: project configuration.
//!
//! ```toml
//! policies = ["rpm", "./site/policy.toml"]   # built-in names, or paths relative to this file
//! select = ["rpm/"]                          # ids or prefixes (default: every rule of the policies)
//! extend-select = ["phoreus/name-convention"]
//! ignore = ["rpm/define-instead-of-global"]
//! fail-on = "warning"                        # error | warning | note | never
//! exclude = ["vendor/**"]                    # globs, relative to this file
//! include = ["specs/**", "**/debian/*"]      # walk only these (files named on the command line always count)
//!
//! [per-file-ignores]
//! "legacy/**" = ["rpm/"]
//!
//! [severity]
//! "rpm/no-changelog" = "error"
//!
//! [defines]                                  # rpm macros, as --define
//! dist = ".el9"
//!
//! [parameters]                               # over the policies' [parameters], per key
//! root = "/opt/site"
//! ```
//!
//! Found by walking up from the first path checked (the nearest wins); `--config FILE` names
//! one, `--isolated` ignores them all. Command-line options override the file. An unknown key
//! or a bad value is an error pointing at its line, exit 2.

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const NAMES: &[&str] = &["speclint.toml", ".speclint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub policies: Vec<String>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub extend_select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOnValue>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityValue>,
    #[serde(default)]
    pub defines: BTreeMap<String, String>,
    #[serde(default)]
    pub parameters: toml::Table,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FailOnValue {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SeverityValue {
    Error,
    Warning,
    Note,
}

impl From<SeverityValue> for Severity {
    fn from(s: SeverityValue) -> Severity {
        match s {
            SeverityValue::Error => Severity::Error,
            SeverityValue::Warning => Severity::Warning,
            SeverityValue::Note => Severity::Note,
        }
    }
}

/// A loaded configuration and the directory its relative paths are resolved from.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub dir: PathBuf,
    /// `dir` resolved once, for [`Loaded::relative`].
    canonical_dir: PathBuf,
    pub config: Config,
}

/// Why a configuration could not be loaded: the file, its text, and where.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        text: String::new(),
        span: None,
        message: e.to_string(),
    })?;
    let config: Config = toml::from_str(&text).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        span: e.span(),
        message: e.message().trim().to_string(),
        text: text.clone(),
    })?;
    for pattern in config.per_file_ignores.keys().chain(&config.include).chain(&config.exclude) {
        if let Err(e) = globset::Glob::new(pattern) {
            let span = text.find(pattern.as_str()).map(|s| s..s + pattern.len());
            return Err(ConfigError {
                path: path.to_path_buf(),
                text,
                span,
                message: format!("bad glob `{pattern}`: {e}"),
            });
        }
    }
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    let canonical_dir = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    Ok(Loaded { path: path.to_path_buf(), dir, canonical_dir, config })
}

/// The nearest `speclint.toml`/`.speclint.toml` at or above `start`; relative to the current
/// directory when it is below it, so messages name it the way the user would.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
    let cwd = std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok());
    while let Some(d) = dir {
        for n in NAMES {
            let p = d.join(n);
            if p.is_file() {
                return Some(match cwd.as_deref().and_then(|c| p.strip_prefix(c).ok()) {
                    Some(rel) => rel.to_path_buf(),
                    None => p,
                });
            }
        }
        dir = d.parent();
    }
    None
}

impl Loaded {
    /// A policy entry: built-in names stay, paths are made relative to the config's directory.
    pub fn policy_spec(&self, p: &str) -> String {
        if crate::policy::builtin_policy_names().contains(&p) {
            p.to_string()
        } else {
            self.dir.join(p).to_string_lossy().into_owned()
        }
    }

    /// The path of `file` relative to the config's directory, `/`-separated, for globs.
    pub fn relative(&self, file: &Path) -> String {
        let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        abs.strip_prefix(&self.canonical_dir).unwrap_or(&abs).to_string_lossy().replace('\\', "/")
    }
}
