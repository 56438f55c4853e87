//! Diagnostics are plain data: what is wrong, where, why, and how to fix it.
//! Reporters render them; nothing here knows about output formats.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "note" | "info" => Some(Severity::Note),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location with its own message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A suggested replacement of `span` by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `policy/rule-name`, or `parse-error` for syntax errors.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Path as displayed and as written to SARIF (relative to the scanned root when possible).
    pub path: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub note: Option<String>,
    pub fix: Option<Fix>,
}

/// Problems of the tool itself, not of the files: broken rules, unreadable files.
/// They never hide findings, and they make the run exit with 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolError {
    /// `rule-error`, `io-error`, `internal-error`.
    pub kind: String,
    pub path: Option<String>,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(r) = &self.rule {
            write!(f, "[{r}]")?;
        }
        if let Some(p) = &self.path {
            write!(f, " {p}")?;
        }
        write!(f, ": {}", self.message)
    }
}
