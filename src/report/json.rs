//! `--format json`: one stable array of findings, sorted like every other output.

use super::positions;
use crate::engine::RunResult;
use serde_json::{json, Value};

pub fn render(run: &RunResult) -> String {
    let items: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            let (s, e) = positions(run, &d.path, d.span);
            json!({
                "path": d.path,
                "rule": d.rule,
                "severity": d.severity,
                "message": d.message,
                "line": s.line,
                "column": s.column,
                "end_line": e.line,
                "end_column": e.column,
                "span": d.span,
                "help": d.help,
                "note": d.note,
                "labels": d.labels,
                "fix": d.fix,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
