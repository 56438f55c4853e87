//! Reporters: render a [`RunResult`] as pretty terminal output, SARIF 2.1.0 or JSON.
//! They see diagnostics and file texts only, never ASTs or models.

pub mod json;
pub mod pretty;
pub mod sarif;

use crate::diagnostic::Severity;
use crate::engine::RunResult;
use crate::span::Position;

/// Rule docs the SARIF reporter needs for `tool.driver.rules`.
pub struct RuleInfo {
    pub id: String,
    pub summary: String,
    pub rationale: String,
    pub help: String,
    pub markdown: String,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub precision: String,
    pub policy: String,
}

/// Start and end positions (1-based, end column exclusive) of a diagnostic.
pub fn positions(run: &RunResult, path: &str, span: crate::span::Span) -> (Position, Position) {
    match run.source_of(path) {
        Some(f) => {
            let idx = f.line_index();
            (idx.position(span.start as usize), idx.position(span.end as usize))
        }
        None => (Position { line: 1, column: 1 }, Position { line: 1, column: 1 }),
    }
}
