//! Policies: named sets of rules with severities, parameters and macro defines.
//!
//! A policy is a TOML file. Built-in ones are embedded from `policies/`; `--policy PATH` loads
//! one from disk, with its rules from `rule-dirs` (default: `../rules/<name>` beside it).
//!
//! ```toml
//! name = "rpm"
//! summary = "Spec-file hygiene"
//! standard = "rpmlint SpecCheck"
//! rules = ["rpm/*"]            # rule ids or globs
//! [severity]                   # overrides
//! "rpm/setup-not-quiet" = "error"
//! [parameters]                 # passed to check(doc, params)
//! [defines]                    # rpm macros, like rpmbuild --define
//! dist = ".el9"
//! ```

use crate::diagnostic::Severity;
use crate::script::rule::{LoadError, Rule};
use rhai::{Dynamic, Engine};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Built-in policy names.
pub fn builtin_policy_names() -> Vec<&'static str> {
    embedded::POLICIES.iter().map(|(n, _)| *n).collect()
}

/// `(id, origin, source)` of every embedded rule.
pub fn builtin_rule_sources() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::RULES
}

/// The sources of every embedded `_*.rhai` library.
pub fn builtin_lib_sources() -> impl Iterator<Item = &'static str> {
    embedded::LIBS.iter().map(|(_, _, src)| *src)
}

/// Whether `source` is the embedded text of built-in rule `id` (not a rule of the same id
/// loaded from disk).
pub fn is_builtin_source(id: &str, source: &str) -> bool {
    embedded::RULES.iter().any(|(rid, _, src)| *rid == id && *src == source)
}

pub fn builtin_rule_ids() -> Vec<&'static str> {
    embedded::RULES.iter().map(|(id, _, _)| *id).collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PolicyFile {
    name: String,
    /// Policies this one builds on: built-in names or paths relative to this file.
    #[serde(default)]
    extends: Vec<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    standard: String,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    rule_dirs: Option<Vec<String>>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    parameters: toml::Table,
    #[serde(default)]
    defines: BTreeMap<String, String>,
}

/// A rule as a policy runs it.
#[derive(Clone)]
pub struct ActiveRule {
    pub rule: Arc<Rule>,
    pub severity: Severity,
    pub policy: String,
    /// The policy's parameters, as the second argument of `check(doc, params)`.
    pub params: Dynamic,
}

pub struct Policy {
    pub name: String,
    pub summary: String,
    pub standard: String,
    /// Where it came from: `builtin:rpm` or a path.
    pub origin: String,
    pub rules: Vec<ActiveRule>,
    pub parameters: serde_json::Value,
    pub defines: Vec<(String, String)>,
}

#[derive(Debug)]
pub enum PolicyError {
    /// Not a built-in name and not a readable file.
    NotFound(String),
    /// The policy file is malformed.
    Invalid { origin: String, message: String },
    /// A rule script failed to load.
    Rule(LoadError),
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyError::NotFound(p) => write!(
                f,
                "unknown policy `{p}`: not a built-in policy ({}) and no such file",
                builtin_policy_names().join(", ")
            ),
            PolicyError::Invalid { origin, message } => write!(f, "{origin}: {message}"),
            PolicyError::Rule(e) => write!(f, "{e}"),
        }
    }
}

/// Compiled built-in rules, compiled on first use only (a run pays for the policies it selects).
static BUILTIN_CACHE: LazyLock<Mutex<BTreeMap<String, Arc<Rule>>>> = LazyLock::new(|| Mutex::new(BTreeMap::new()));

/// The compiled `_*.rhai` libraries of each built-in policy, merged into one AST, compiled once
/// per process: every rule of the policy shares it (debian's library alone is 31 KB).
static BUILTIN_LIBS: LazyLock<Mutex<BTreeMap<String, Option<rhai::AST>>>> =
    LazyLock::new(|| Mutex::new(BTreeMap::new()));

fn builtin_lib(engine: &Engine, policy: &str) -> Result<Option<rhai::AST>, LoadError> {
    let mut libs = BUILTIN_LIBS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(lib) = libs.get(policy) {
        return Ok(lib.clone());
    }
    let mut lib: Option<rhai::AST> = None;
    for (_, origin, src) in embedded::LIBS.iter().filter(|(p, _, _)| *p == policy) {
        let ast = Rule::compile_lib_with(engine, origin, src, false)?;
        lib = Some(match lib {
            Some(l) => l.merge(&ast),
            None => ast,
        });
    }
    libs.insert(policy.to_string(), lib.clone());
    Ok(lib)
}

fn builtin_rule(engine: &Engine, id: &str) -> Option<Result<Arc<Rule>, LoadError>> {
    let (_, origin, src) = embedded::RULES.iter().find(|(rid, _, _)| *rid == id)?;
    if let Some(r) = BUILTIN_CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(id) {
        return Some(Ok(r.clone()));
    }
    let policy = id.split('/').next().unwrap_or("");
    let lib = match builtin_lib(engine, policy) {
        Ok(l) => l,
        Err(e) => return Some(Err(e)),
    };
    // compiled outside the lock, so rules compile in parallel (a thread that loses a race
    // compiled for nothing, and takes the winner's)
    Some(Rule::load_checked(engine, id, origin, src, lib.as_ref(), false).map(|r| {
        let mut cache = BUILTIN_CACHE.lock().unwrap_or_else(|e| e.into_inner());
        cache.entry(id.to_string()).or_insert_with(|| Arc::new(r)).clone()
    }))
}

/// Compile these built-in rules on all threads, ahead of [`builtin_rule`] taking them from
/// the cache: start-up is mostly compiling, and a pre-commit run waits for it.
fn precompile(engine: &Engine, ids: &[&str]) {
    use rayon::prelude::*;
    let policies: std::collections::BTreeSet<&str> = ids.iter().map(|id| id.split('/').next().unwrap_or("")).collect();
    for p in policies {
        let _ = builtin_lib(engine, p);
    }
    ids.par_iter().for_each(|id| {
        let _ = builtin_rule(engine, id);
    });
}

/// Load `spec`: a built-in policy name or a path to a policy file.
pub fn load(engine: &Engine, spec: &str) -> Result<Policy, PolicyError> {
    load_depth(engine, spec, 0)
}

fn load_depth(engine: &Engine, spec: &str, depth: usize) -> Result<Policy, PolicyError> {
    if depth > 8 {
        return Err(PolicyError::Invalid {
            origin: spec.to_string(),
            message: "`extends` is nested more than 8 deep (a cycle?)".into(),
        });
    }
    if let Some((name, text)) = embedded::POLICIES.iter().find(|(n, _)| *n == spec) {
        return build(engine, text, &format!("builtin:{name}"), None, depth);
    }
    let path = PathBuf::from(spec);
    if path.is_file() {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| PolicyError::Invalid { origin: spec.to_string(), message: e.to_string() })?;
        return build(engine, &text, spec, path.parent(), depth);
    }
    Err(PolicyError::NotFound(spec.to_string()))
}

fn build(engine: &Engine, text: &str, origin: &str, dir: Option<&Path>, depth: usize) -> Result<Policy, PolicyError> {
    let file: PolicyFile = toml::from_str(text)
        .map_err(|e| PolicyError::Invalid { origin: origin.to_string(), message: e.to_string().trim().to_string() })?;
    // Rules available to this policy: from its rule directories, then the built-ins.
    let mut local: BTreeMap<String, Arc<Rule>> = BTreeMap::new();
    if let Some(dir) = dir {
        let dirs: Vec<PathBuf> = match &file.rule_dirs {
            Some(ds) => ds.iter().map(|d| dir.join(d)).collect(),
            None => vec![dir.join("..").join("rules").join(&file.name)],
        };
        for d in dirs {
            let Ok(entries) = std::fs::read_dir(&d) else {
                if file.rule_dirs.is_some() {
                    return Err(PolicyError::Invalid {
                        origin: origin.to_string(),
                        message: format!("rule directory {} cannot be read", d.display()),
                    });
                }
                continue;
            };
            let mut paths: Vec<PathBuf> =
                entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "rhai")).collect();
            paths.sort();
            // `_*.rhai` files are libraries shared by the directory's rules.
            let (lib_paths, paths): (Vec<PathBuf>, Vec<PathBuf>) =
                paths.into_iter().partition(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_')));
            let mut lib: Option<rhai::AST> = None;
            for lp in &lib_paths {
                let src = std::fs::read_to_string(lp)
                    .map_err(|e| PolicyError::Invalid { origin: lp.display().to_string(), message: e.to_string() })?;
                let ast = Rule::compile_lib(engine, &lp.display().to_string(), &src).map_err(PolicyError::Rule)?;
                lib = Some(match lib {
                    Some(l) => l.merge(&ast),
                    None => ast,
                });
            }
            let policy_part =
                d.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| file.name.clone());
            for p in paths {
                let stem = p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                let id = format!("{policy_part}/{stem}");
                let src = std::fs::read_to_string(&p)
                    .map_err(|e| PolicyError::Invalid { origin: p.display().to_string(), message: e.to_string() })?;
                let rule = Rule::load_with(engine, &id, &p.display().to_string(), &src, lib.as_ref())
                    .map_err(PolicyError::Rule)?;
                local.insert(id, Arc::new(rule));
            }
        }
    }
    // `extends`: the base policies' rules, severities, parameters and defines come first; this
    // file adds rules and overrides severities, parameters (per key) and defines.
    let mut rules: Vec<ActiveRule> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut merged_params = serde_json::Map::new();
    let mut defines: Vec<(String, String)> = Vec::new();
    for base in &file.extends {
        let spec = if builtin_policy_names().contains(&base.as_str()) {
            base.clone()
        } else {
            dir.map(|d| d.join(base)).unwrap_or_else(|| PathBuf::from(base)).to_string_lossy().into_owned()
        };
        let b = load_depth(engine, &spec, depth + 1).map_err(|e| match e {
            PolicyError::NotFound(p) => PolicyError::Invalid {
                origin: origin.to_string(),
                message: format!("`extends` names `{p}`, which is neither a built-in policy nor a file"),
            },
            other => other,
        })?;
        if let serde_json::Value::Object(m) = b.parameters {
            merged_params.extend(m);
        }
        defines.extend(b.defines);
        for r in b.rules {
            if seen.insert(r.rule.id.clone()) {
                rules.push(r);
            }
        }
    }
    if let serde_json::Value::Object(m) = serde_json::to_value(&file.parameters).unwrap_or(serde_json::Value::Null) {
        merged_params.extend(m);
    }
    defines.extend(file.defines.clone());
    let params_json = serde_json::Value::Object(merged_params);
    let params = crate::script::node::to_dynamic(&crate::model::tree::Tree::from_serialize(&params_json));
    // inherited rules see the merged parameters (a site policy can move the Phoreus root)
    for r in rules.iter_mut() {
        r.params = params.clone();
    }
    let patterns: Vec<globset::GlobMatcher> =
        file.rules.iter().filter_map(|p| globset::Glob::new(p).ok()).map(|g| g.compile_matcher()).collect();
    let wanted: Vec<&str> = builtin_rule_ids()
        .into_iter()
        .filter(|id| !local.contains_key(*id) && patterns.iter().any(|g| g.is_match(id)))
        .collect();
    precompile(engine, &wanted);
    for pattern in &file.rules {
        let glob = globset::Glob::new(pattern)
            .map_err(|e| PolicyError::Invalid {
                origin: origin.to_string(),
                message: format!("bad rule pattern `{pattern}`: {e}"),
            })?
            .compile_matcher();
        let mut ids: Vec<String> = local.keys().filter(|id| glob.is_match(id.as_str())).cloned().collect();
        ids.extend(
            builtin_rule_ids().into_iter().filter(|id| glob.is_match(id) && !local.contains_key(*id)).map(String::from),
        );
        if ids.is_empty() {
            return Err(PolicyError::Invalid {
                origin: origin.to_string(),
                message: format!("`{pattern}` matches no rule"),
            });
        }
        for id in ids {
            if !seen.insert(id.clone()) {
                continue;
            }
            let rule = match local.get(&id) {
                Some(r) => r.clone(),
                None => match builtin_rule(engine, &id) {
                    Some(r) => r.map_err(PolicyError::Rule)?,
                    None => continue,
                },
            };
            rules.push(ActiveRule {
                severity: rule.meta.severity,
                rule,
                policy: file.name.clone(),
                params: params.clone(),
            });
        }
    }
    for (id, sev) in &file.severity {
        let s = Severity::parse(sev).ok_or_else(|| PolicyError::Invalid {
            origin: origin.to_string(),
            message: format!("severity of `{id}` must be error, warning or note, not `{sev}`"),
        })?;
        let r = rules.iter_mut().find(|r| &r.rule.id == id).ok_or_else(|| PolicyError::Invalid {
            origin: origin.to_string(),
            message: format!("[severity] names `{id}`, which is not a rule of this policy"),
        })?;
        r.severity = s;
    }
    rules.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
    Ok(Policy {
        name: file.name,
        summary: file.summary,
        standard: file.standard,
        origin: origin.to_string(),
        rules,
        parameters: params_json,
        defines,
    })
}

/// One built-in rule with its default severity (for `--select`/`--extend-select`).
pub fn load_builtin_rule(engine: &Engine, id: &str) -> Result<ActiveRule, PolicyError> {
    let rule =
        builtin_rule(engine, id).ok_or_else(|| PolicyError::NotFound(id.to_string()))?.map_err(PolicyError::Rule)?;
    let policy = id.split('/').next().unwrap_or("").to_string();
    // the rule's own policy parameters, so it behaves as it does in that policy
    let params =
        crate::script::node::to_dynamic(&crate::model::tree::Tree::from_serialize(&builtin_parameters(&policy)));
    Ok(ActiveRule { severity: rule.meta.severity, rule, policy, params })
}

/// A built-in policy's `[parameters]` (`null` for an unknown name).
pub fn builtin_parameters(policy: &str) -> serde_json::Value {
    embedded::POLICIES
        .iter()
        .find(|(n, _)| *n == policy)
        .and_then(|(_, text)| toml::from_str::<PolicyFile>(text).ok())
        .and_then(|f| serde_json::to_value(&f.parameters).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Every built-in rule, compiled (for `speclint explain` and docs).
pub fn all_builtin_rules(engine: &Engine) -> Result<Vec<Arc<Rule>>, LoadError> {
    builtin_rule_ids().into_iter().filter_map(|id| builtin_rule(engine, id)).collect()
}
