//! `--format json`: one stable array of findings, sorted like every other output.
//!
//! Findings are serialized straight from the run through borrowed records, without building a
//! JSON document tree first: a run with a million findings costs the output text, not a tree
//! several times its size.

use super::positions;
use crate::diagnostic::{Fix, Label, Severity};
use crate::engine::RunResult;
use crate::span::Span;
use serde::Serialize;

#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    span: Span,
    help: &'a Option<String>,
    note: &'a Option<String>,
    labels: &'a [Label],
    fix: &'a Option<Fix>,
}

/// A serializer over the findings that produces each record as it is written.
struct Records<'a>(&'a RunResult);

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let run = self.0;
        let mut seq = s.serialize_seq(Some(run.diagnostics.len()))?;
        for d in &run.diagnostics {
            let (start, end) = positions(run, &d.path, d.span);
            seq.serialize_element(&Record {
                path: &d.path,
                rule: &d.rule,
                severity: d.severity,
                message: &d.message,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                span: d.span,
                help: &d.help,
                note: &d.note,
                labels: &d.labels,
                fix: &d.fix,
            })?;
        }
        seq.end()
    }
}

pub fn render(run: &RunResult) -> String {
    let mut out = serde_json::to_string_pretty(&Records(run)).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
