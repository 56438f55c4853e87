//! Reporters: render a [`RunResult`] as pretty terminal output, SARIF 2.1.0 or JSON.
//! They see diagnostics and file texts only, never ASTs or models.

pub mod ci;
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

/// A stable hash (FNV-1a 64): fingerprints must not change between runs or versions.
fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in data {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// One fingerprint per diagnostic (same order): rule + file URI + the flagged line's text with
/// whitespace normalised, and an occurrence number among identical ones. It survives lines
/// inserted above, which is what SARIF's `primaryLocationLineHash` and baselines need.
pub fn fingerprints(run: &RunResult) -> Vec<String> {
    let mut occurrences: std::collections::HashMap<(String, String, u64), usize> = std::collections::HashMap::new();
    run.diagnostics
        .iter()
        .map(|d| {
            let file = run.source_of(&d.path);
            let uri = file.map(|f| f.uri.clone()).unwrap_or_else(|| d.path.clone());
            let line_text = file
                .map(|f| {
                    let idx = f.line_index();
                    let line0 = idx.position(d.span.start as usize).line as usize - 1;
                    idx.line_text(line0).split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .unwrap_or_default();
            let h = fnv1a(format!("{}\0{}\0{}", d.rule, uri, line_text).as_bytes());
            let occ = occurrences.entry((d.rule.clone(), uri, h)).or_insert(0);
            *occ += 1;
            format!("{h:016x}:{occ}")
        })
        .collect()
}
