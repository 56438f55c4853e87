//! The documented model rules see, one lowering per format.
//!
//! A model is plain serde data: `speclint dump` prints it as JSON, and the script host turns
//! the same data into Rhai values once per file. Its shape is the rule authors' API (see the
//! README's "The model" section); keep it stable.

pub mod debian;
pub mod homebrew;
pub mod lmod;
pub mod project;
pub mod rpm;
pub mod tree;

use serde::Serialize;

/// What kind of file a document is. The names are the `kind` field of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    RpmSpec,
    LmodModulefile,
    YumRepo,
    DebControl,
    DebDsc,
    DebCopyright,
    DebChangelog,
    DebRules,
    DebSourceFormat,
    DebCompat,
    DebWatch,
    HomebrewFormula,
    Pyproject,
    PackageJson,
    Snapcraft,
    FlatpakManifest,
    WingetManifest,
    Nuspec,
    Dockerfile,
    ChangelogMd,
    Readme,
    LicenseText,
    ManifestIn,
    PythonInit,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::RpmSpec => "rpm-spec",
            DocKind::LmodModulefile => "lmod-modulefile",
            DocKind::YumRepo => "yum-repo",
            DocKind::DebControl => "deb-control",
            DocKind::DebDsc => "deb-dsc",
            DocKind::DebCopyright => "deb-copyright",
            DocKind::DebChangelog => "deb-changelog",
            DocKind::DebRules => "deb-rules",
            DocKind::DebSourceFormat => "deb-source-format",
            DocKind::DebCompat => "deb-compat",
            DocKind::DebWatch => "deb-watch",
            DocKind::HomebrewFormula => "homebrew-formula",
            DocKind::Pyproject => "pyproject",
            DocKind::PackageJson => "package-json",
            DocKind::Snapcraft => "snapcraft",
            DocKind::FlatpakManifest => "flatpak-manifest",
            DocKind::WingetManifest => "winget-manifest",
            DocKind::Nuspec => "nuspec",
            DocKind::Dockerfile => "dockerfile",
            DocKind::ChangelogMd => "changelog-md",
            DocKind::Readme => "readme",
            DocKind::LicenseText => "license-text",
            DocKind::ManifestIn => "manifest-in",
            DocKind::PythonInit => "python-init",
        }
    }

    /// The short format names rules use in `meta().formats`.
    pub fn format(self) -> &'static str {
        match self {
            DocKind::RpmSpec => "rpm",
            DocKind::LmodModulefile => "lmod",
            DocKind::YumRepo => "repo",
            DocKind::DebControl => "deb-control",
            DocKind::DebDsc => "dsc",
            DocKind::DebCopyright => "deb-copyright",
            DocKind::DebChangelog => "deb-changelog",
            DocKind::DebRules => "deb-rules",
            DocKind::DebSourceFormat => "deb-source-format",
            DocKind::DebCompat => "deb-compat",
            DocKind::DebWatch => "deb-watch",
            DocKind::HomebrewFormula => "homebrew",
            DocKind::Pyproject => "pyproject",
            DocKind::PackageJson => "package-json",
            DocKind::Snapcraft => "snapcraft",
            DocKind::FlatpakManifest => "flatpak",
            DocKind::WingetManifest => "winget",
            DocKind::Nuspec => "nuspec",
            DocKind::Dockerfile => "dockerfile",
            DocKind::ChangelogMd => "changelog-md",
            DocKind::Readme => "readme",
            DocKind::LicenseText => "license",
            DocKind::ManifestIn => "manifest-in",
            DocKind::PythonInit => "python",
        }
    }

    /// Recognise a file by its path alone.
    pub fn detect(path: &std::path::Path) -> Option<DocKind> {
        // A name that is not UTF-8 (`caf\xe9.spec`) is still a spec: recognise it by its lossy
        // form; reading uses the real path, and reports show the lossy name.
        let lossy = path.file_name()?.to_string_lossy();
        let name: &str = &lossy;
        if name.ends_with(".spec") {
            return Some(DocKind::RpmSpec);
        }
        // Lmod modulefiles (`<name>/<version>.lua`, `.modulerc.lua`); exclude other Lua
        // sources with .speclintignore.
        if name.ends_with(".lua") {
            return Some(DocKind::LmodModulefile);
        }
        if name.ends_with(".repo") {
            return Some(DocKind::YumRepo);
        }
        // Every walked file comes through here: the cheap suffix checks above run first.
        let comps: Vec<&str> =
            path.parent().map(|p| p.components().filter_map(|c| c.as_os_str().to_str()).collect()).unwrap_or_default();
        let parent = comps.last().copied().unwrap_or("");
        let grandparent = comps.len().checked_sub(2).map_or("", |i| comps[i]);
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        // `debian/control`, `DEBIAN/control`, and `debian/<package>/control` (archive layouts)
        let in_debian = parent == "debian" || parent == "DEBIAN" || grandparent == "debian";
        if in_debian {
            match name {
                "control" => return Some(DocKind::DebControl),
                "copyright" => return Some(DocKind::DebCopyright),
                "changelog" => return Some(DocKind::DebChangelog),
                "rules" if parent == "debian" => return Some(DocKind::DebRules),
                "compat" if parent == "debian" => return Some(DocKind::DebCompat),
                "watch" if parent == "debian" => return Some(DocKind::DebWatch),
                _ => {}
            }
        }
        if name == "format" && parent == "source" && grandparent == "debian" {
            return Some(DocKind::DebSourceFormat);
        }
        if ext == "dsc" {
            return Some(DocKind::DebDsc);
        }
        if ext == "rb" {
            let homebrew = comps.iter().any(|c| {
                let c = c.to_ascii_lowercase();
                c == "formula" || c == "homebrewformula" || c.contains("homebrew")
            });
            return homebrew.then_some(DocKind::HomebrewFormula);
        }
        match name {
            "pyproject.toml" => return Some(DocKind::Pyproject),
            "package.json" => return Some(DocKind::PackageJson),
            "snapcraft.yaml" | ".snapcraft.yaml" => return Some(DocKind::Snapcraft),
            "MANIFEST.in" => return Some(DocKind::ManifestIn),
            "__init__.py" => return Some(DocKind::PythonInit),
            "Dockerfile" | "Containerfile" => return Some(DocKind::Dockerfile),
            _ => {}
        }
        if lower.starts_with("dockerfile.") || lower.ends_with(".dockerfile") {
            return Some(DocKind::Dockerfile);
        }
        if ext == "nuspec" {
            return Some(DocKind::Nuspec);
        }
        if matches!(lower.as_str(), "changelog.md") {
            return Some(DocKind::ChangelogMd);
        }
        let stem = lower.split('.').next().unwrap_or("");
        if stem == "readme" && matches!(ext, "" | "md" | "rst" | "txt" | "readme") {
            return Some(DocKind::Readme);
        }
        if matches!(stem, "license" | "licence" | "copying")
            && matches!(ext, "" | "md" | "txt" | "license" | "licence" | "copying")
        {
            return Some(DocKind::LicenseText);
        }
        if matches!(ext, "yaml" | "yml" | "json") {
            let dir_has = |needle: &str| comps.iter().any(|c| c.to_ascii_lowercase().contains(needle));
            if dir_has("winget") {
                return Some(DocKind::WingetManifest);
            }
            // Flatpak manifests are named after their reverse-DNS app id: `com.example.App.yml`.
            let id = &name[..name.len() - ext.len() - 1];
            let reverse_dns = id.split('.').count() >= 3
                && id
                    .split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
            if dir_has("flatpak") || reverse_dns {
                return Some(DocKind::FlatpakManifest);
            }
        }
        None
    }

    /// Settle what the path alone leaves open: a YAML/JSON file in a `winget` or `flatpak`
    /// directory (or named like a reverse-DNS id) is a winget manifest if it has a
    /// `PackageIdentifier`, and a flatpak manifest if it has an `app-id`.
    pub fn refine(self, text: &str) -> DocKind {
        if !matches!(self, DocKind::WingetManifest | DocKind::FlatpakManifest) {
            return self;
        }
        let has_key = |k: &str| {
            text.lines().any(|l| {
                let l = l.trim_start().trim_start_matches('"');
                l.starts_with(k) && l[k.len()..].trim_start_matches('"').trim_start().starts_with(':')
            })
        };
        if has_key("PackageIdentifier") {
            DocKind::WingetManifest
        } else if has_key("app-id") || (has_key("id") && has_key("runtime")) {
            DocKind::FlatpakManifest
        } else {
            self
        }
    }
}

/// Settings that change how documents are lowered (macro defines from the CLI and policies).
#[derive(Debug, Clone, Default)]
pub struct LowerOptions {
    /// `name → body`, applied after the built-in defaults, before the file is read.
    pub defines: Vec<(String, String)>,
    /// The directory of the file being lowered: `%include` of a relative path reads from it.
    /// `None` (text checked from memory) leaves `%include` unresolved.
    pub base_dir: Option<std::path::PathBuf>,
}

/// A lowered document plus the syntax errors found while parsing it.
pub struct Lowered {
    pub model: tree::Tree,
    pub errors: Vec<crate::syntax::SyntaxError>,
}

/// The model of a structured manifest: its data and the span of every value by dotted path.
#[derive(Serialize)]
struct DataDoc<'a> {
    kind: &'static str,
    path: &'a str,
    data: &'a serde_json::Value,
    spans: &'a std::collections::BTreeMap<String, crate::span::Span>,
    key_spans: &'a std::collections::BTreeMap<String, crate::span::Span>,
    span: crate::span::Span,
}

/// Parse and lower one file's text.
pub fn lower(kind: DocKind, path: &str, text: &str, opts: &LowerOptions) -> Lowered {
    use crate::syntax::{data, deb822, debchangelog, dockerfile, formula};
    let whole = crate::span::Span::new(0, text.len());
    match kind {
        DocKind::RpmSpec => {
            let ast = crate::syntax::rpmspec::parse(text);
            let model = rpm::lower(&ast, path, text, opts);
            Lowered { model: tree::Tree::from_serialize(&model), errors: ast.errors }
        }
        DocKind::YumRepo => {
            #[derive(serde::Serialize)]
            struct Repo<'a> {
                kind: &'static str,
                path: &'a str,
                /// One per `[repository]` section, with its `entries` (`key`, `value`, spans).
                repos: &'a [crate::syntax::ini::IniSection],
                span: crate::span::Span,
            }
            let ini = crate::syntax::ini::parse(text);
            let model = Repo { kind: "yum-repo", path, repos: &ini.sections, span: whole };
            Lowered { model: tree::Tree::from_serialize(&model), errors: ini.errors }
        }
        DocKind::LmodModulefile => {
            let chunk = crate::syntax::lua::parse(text);
            let model = lmod::lower(&chunk, path, text);
            Lowered { model: tree::Tree::from_serialize(&model), errors: chunk.errors }
        }
        DocKind::DebControl | DocKind::DebDsc => {
            let d = deb822::parse(text);
            let mut errors = d.errors.clone();
            let model = debian::control(kind.name(), &d, path, text, &mut errors);
            Lowered { model: tree::Tree::from_serialize(&model), errors }
        }
        DocKind::DebCopyright => {
            let d = deb822::parse(text);
            let mut errors = vec![];
            let model = debian::copyright(&d, path, text, &mut errors);
            // Free-form copyright files are prose: only machine-readable ones have syntax.
            if model.machine_readable {
                errors.extend(d.errors.iter().cloned());
            } else {
                errors.clear();
            }
            Lowered { model: tree::Tree::from_serialize(&model), errors }
        }
        DocKind::DebChangelog => {
            let c = debchangelog::parse(text);
            let model = debian::changelog(&c, path, text);
            Lowered { model: tree::Tree::from_serialize(&model), errors: c.errors.clone() }
        }
        DocKind::DebRules => Lowered { model: tree::Tree::from_serialize(&debian::rules(path, text)), errors: vec![] },
        DocKind::DebSourceFormat => {
            Lowered { model: tree::Tree::from_serialize(&debian::source_format(path, text)), errors: vec![] }
        }
        DocKind::DebCompat => {
            Lowered { model: tree::Tree::from_serialize(&debian::compat(path, text)), errors: vec![] }
        }
        DocKind::DebWatch => Lowered { model: tree::Tree::from_serialize(&debian::watch(path, text)), errors: vec![] },
        DocKind::HomebrewFormula => {
            let f = formula::parse(text);
            let model = homebrew::lower(&f, path, text);
            Lowered { model: tree::Tree::from_serialize(&model), errors: f.errors.clone() }
        }
        DocKind::Pyproject
        | DocKind::PackageJson
        | DocKind::Snapcraft
        | DocKind::FlatpakManifest
        | DocKind::WingetManifest
        | DocKind::Nuspec => {
            let d = match kind {
                DocKind::Pyproject => data::toml(text),
                DocKind::PackageJson => data::json(text),
                DocKind::Nuspec => data::xml(text),
                _ if path.ends_with(".json") => data::json(text),
                _ => data::yaml(text),
            };
            let model = DataDoc {
                kind: kind.name(),
                path,
                data: &d.data,
                spans: &d.spans,
                key_spans: &d.key_spans,
                span: whole,
            };
            Lowered { model: tree::Tree::from_serialize(&model), errors: d.errors.clone() }
        }
        DocKind::Dockerfile => {
            #[derive(serde::Serialize)]
            struct Docker<'a> {
                kind: &'static str,
                path: &'a str,
                instructions: &'a [dockerfile::Instruction],
                stages: &'a [dockerfile::Stage],
                span: crate::span::Span,
            }
            let d = dockerfile::parse(text);
            let model =
                Docker { kind: "dockerfile", path, instructions: &d.instructions, stages: &d.stages, span: whole };
            Lowered { model: tree::Tree::from_serialize(&model), errors: d.errors.clone() }
        }
        DocKind::ChangelogMd => {
            Lowered { model: tree::Tree::from_serialize(&project::changelog(path, text)), errors: vec![] }
        }
        DocKind::Readme => Lowered { model: tree::Tree::from_serialize(&project::readme(path, text)), errors: vec![] },
        DocKind::LicenseText => {
            Lowered { model: tree::Tree::from_serialize(&project::license(path, text)), errors: vec![] }
        }
        DocKind::ManifestIn => {
            Lowered { model: tree::Tree::from_serialize(&project::manifest_in(path, text)), errors: vec![] }
        }
        DocKind::PythonInit => {
            Lowered { model: tree::Tree::from_serialize(&project::python_init(path, text)), errors: vec![] }
        }
    }
}
