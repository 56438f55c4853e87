//! The documented model rules see, one lowering per format.
//!
//! A model is plain serde data: `speclint dump` prints it as JSON, and the script host turns
//! the same data into Rhai values once per file. Its shape is the rule authors' API (see the
//! README's "The model" section); keep it stable.

pub mod lmod;
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
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::RpmSpec => "rpm-spec",
            DocKind::LmodModulefile => "lmod-modulefile",
            DocKind::YumRepo => "yum-repo",
        }
    }

    /// The short format names rules use in `meta().formats`.
    pub fn format(self) -> &'static str {
        match self {
            DocKind::RpmSpec => "rpm",
            DocKind::LmodModulefile => "lmod",
            DocKind::YumRepo => "repo",
        }
    }

    /// Recognise a file by its path alone.
    pub fn detect(path: &std::path::Path) -> Option<DocKind> {
        let name = path.file_name()?.to_str()?;
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
        None
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

/// Parse and lower one file's text.
pub fn lower(kind: DocKind, path: &str, text: &str, opts: &LowerOptions) -> Lowered {
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
            let model =
                Repo { kind: "yum-repo", path, repos: &ini.sections, span: crate::span::Span::new(0, text.len()) };
            Lowered { model: tree::Tree::from_serialize(&model), errors: ini.errors }
        }
        DocKind::LmodModulefile => {
            let chunk = crate::syntax::lua::parse(text);
            let model = lmod::lower(&chunk, path, text);
            Lowered { model: tree::Tree::from_serialize(&model), errors: chunk.errors }
        }
    }
}
