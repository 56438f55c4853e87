//! The RPM spec AST: sections made of logical lines, each with a byte span.
//!
//! The file is a sequence of sections (the preamble first), and each section a sequence of
//! logical lines, exactly as rpm reads it: a physical line continues while it ends in a
//! backslash or while a `%{`, `%(` or `%[` is still open. Conditionals do not nest the tree
//! (rpm does not nest them either: an `%if` may open in one section and close in another);
//! instead every line records the innermost conditional branch it sits in.

use crate::span::Span;
use crate::syntax::SyntaxError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SpecAst {
    /// Contiguous, in file order, covering every byte of the input once.
    pub sections: Vec<Section>,
    /// Every conditional branch (`%if`, `%elif`, `%else` and the arch/os variants).
    pub branches: Vec<Branch>,
    pub errors: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Preamble,
    Package,
    Description,
    /// %prep %conf %build %install %check %clean %generate_buildrequires
    Build,
    /// %pre %post %preun %postun %pretrans %posttrans %preuntrans %postuntrans %verifyscript
    Scriptlet,
    /// %trigger* %filetrigger* %transfiletrigger*
    Trigger,
    Files,
    Changelog,
    /// %sourcelist %patchlist
    List,
}

/// Every section keyword rpm knows, with its kind.
pub const SECTION_KEYWORDS: &[(&str, SectionKind)] = &[
    ("package", SectionKind::Package),
    ("description", SectionKind::Description),
    ("prep", SectionKind::Build),
    ("conf", SectionKind::Build),
    ("build", SectionKind::Build),
    ("install", SectionKind::Build),
    ("check", SectionKind::Build),
    ("clean", SectionKind::Build),
    ("generate_buildrequires", SectionKind::Build),
    ("pre", SectionKind::Scriptlet),
    ("post", SectionKind::Scriptlet),
    ("preun", SectionKind::Scriptlet),
    ("postun", SectionKind::Scriptlet),
    ("pretrans", SectionKind::Scriptlet),
    ("posttrans", SectionKind::Scriptlet),
    ("preuntrans", SectionKind::Scriptlet),
    ("postuntrans", SectionKind::Scriptlet),
    ("verifyscript", SectionKind::Scriptlet),
    ("triggerprein", SectionKind::Trigger),
    ("triggerin", SectionKind::Trigger),
    ("triggerun", SectionKind::Trigger),
    ("triggerpostun", SectionKind::Trigger),
    ("filetriggerin", SectionKind::Trigger),
    ("filetriggerun", SectionKind::Trigger),
    ("filetriggerpostun", SectionKind::Trigger),
    ("transfiletriggerin", SectionKind::Trigger),
    ("transfiletriggerun", SectionKind::Trigger),
    ("transfiletriggerpostun", SectionKind::Trigger),
    ("files", SectionKind::Files),
    ("changelog", SectionKind::Changelog),
    ("sourcelist", SectionKind::List),
    ("patchlist", SectionKind::List),
];

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The keyword without `%` (`"preamble"` for the implicit first section).
    pub name: String,
    /// The header line's parsed arguments; `None` for the preamble.
    pub header: Option<SectionHeader>,
    /// All lines, the header line first (when there is one).
    pub lines: Vec<Line>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionHeader {
    pub keyword_span: Span,
    /// Subpackage named by the header: `Some((name, full, span))`; `full` is true for `-n`.
    pub package: Option<PackageRef>,
    /// Option flags with their argument, e.g. `-f files.list`, `-p /sbin/ldconfig`.
    pub options: Vec<HeaderOption>,
    /// Words after `--` (trigger conditions).
    pub trigger: Option<Word>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackageRef {
    pub name: String,
    /// `-n NAME` names the package in full; otherwise NAME is a suffix to the main name.
    pub full: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeaderOption {
    pub flag: String,
    pub value: Option<Word>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The whole logical line, including its newline.
    pub span: Span,
    /// The line without its trailing newline.
    pub text_span: Span,
    pub kind: LineKind,
    /// Index into [`SpecAst::branches`] of the innermost conditional branch holding this line.
    pub branch: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LineKind {
    Blank,
    Comment,
    SectionHeader,
    Tag(Tag),
    MacroDef(MacroDef),
    Undefine(Word),
    Conditional(CondLine),
    FileEntry(FileEntry),
    ChangelogHeader(ChangelogHeader),
    /// Description text, script lines, changelog items, macro calls in the preamble.
    Text,
    /// A line the parser could not make sense of; an error was recorded for it.
    Invalid,
}

/// A preamble tag such as `Requires(post): foo >= 1.2`.
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    /// As written (`BuildRequires`, `Source0`).
    pub name: String,
    pub name_span: Span,
    /// Lower-case name without the number (`buildrequires`, `source`).
    pub key: String,
    /// The number of `Source0`/`Patch12`.
    pub number: Option<u32>,
    /// The parenthesised qualifier of `Requires(post)`, without parentheses.
    pub qualifier: Option<Word>,
    pub value: String,
    pub value_span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct MacroDef {
    /// `global` or `define`.
    pub keyword: String,
    pub keyword_span: Span,
    pub name: String,
    pub name_span: Span,
    /// Option string of a parametric macro (`%define foo(a:b) ...` → `a:b`).
    pub params: Option<String>,
    /// The body with `\`-newline continuations joined into newlines.
    pub body: String,
    pub body_span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CondKind {
    If,
    Ifarch,
    Ifnarch,
    Ifos,
    Ifnos,
    Elif,
    Elifarch,
    Elifos,
    Else,
    Endif,
}

impl CondKind {
    pub fn opens(self) -> bool {
        matches!(self, CondKind::If | CondKind::Ifarch | CondKind::Ifnarch | CondKind::Ifos | CondKind::Ifnos)
    }
    pub fn continues(self) -> bool {
        matches!(self, CondKind::Elif | CondKind::Elifarch | CondKind::Elifos | CondKind::Else)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CondLine {
    pub kind: CondKind,
    pub keyword_span: Span,
    /// The condition text (empty for `%else`/`%endif`).
    pub expr: String,
    pub expr_span: Span,
    /// The branch this line opens (for if/elif/else), an index into [`SpecAst::branches`].
    pub opens_branch: Option<u32>,
}

/// One branch of a conditional: from its directive line to the next `%elif`/`%else`/`%endif`.
#[derive(Debug, Clone, Serialize)]
pub struct Branch {
    pub kind: CondKind,
    pub expr: String,
    pub directive_span: Span,
    /// The branch enclosing this whole conditional.
    pub parent: Option<u32>,
    /// Earlier branches of the same conditional (for `%elif`/`%else`).
    pub previous: Vec<u32>,
}

/// A `%files` line: directives then paths.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub directives: Vec<FileDirective>,
    pub paths: Vec<Word>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileDirective {
    /// Without `%`: `dir`, `doc`, `license`, `config`, `attr`, `defattr`, ...
    pub name: String,
    /// The text inside the parentheses, if any (`noreplace`, `0644,root,root`).
    pub args: Option<String>,
    pub span: Span,
}

/// The directives rpm accepts at the start of a `%files` line.
pub const FILE_DIRECTIVES: &[&str] = &[
    "dir",
    "doc",
    "license",
    "config",
    "attr",
    "defattr",
    "ghost",
    "verify",
    "exclude",
    "lang",
    "docdir",
    "artifact",
    "readme",
    "caps",
    "missingok",
];

/// `* Mon Jan 01 2024 Jane Doe <jane@example.org> - 1.0-1`
#[derive(Debug, Clone, Serialize)]
pub struct ChangelogHeader {
    pub date: Word,
    pub author: Option<Word>,
    pub email: Option<Word>,
    pub evr: Option<Word>,
}
