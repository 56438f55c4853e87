//! `--format pretty`: ariadne snippets with the rule id, message, label, help and the
//! standard's rationale as a note, then a one-line summary.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::RunResult;
use ariadne::{CharSet, Color, Config, IndexType, Label, Report, ReportKind, Source};

pub struct PrettyOptions {
    pub color: bool,
    /// ASCII box drawing, for snapshots and dumb terminals.
    pub ascii: bool,
}

pub fn render(run: &RunResult, opts: &PrettyOptions) -> String {
    let mut out = Vec::new();
    // Findings are sorted by path: build each file's ariadne source once, not per finding.
    let mut cache: Option<(String, Source<std::sync::Arc<str>>)> = None;
    for d in &run.diagnostics {
        let Some(file) = run.source_of(&d.path) else { continue };
        if cache.as_ref().is_none_or(|(p, _)| p != &d.path) {
            cache = Some((d.path.clone(), Source::from(file.source.clone())));
        }
        if let Some(c) = cache.as_mut() {
            render_one(d, opts, c, &mut out);
        }
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    s.push_str(&summary(run));
    s
}

fn render_one(
    d: &Diagnostic,
    opts: &PrettyOptions,
    cache: &mut (String, Source<std::sync::Arc<str>>),
    out: &mut Vec<u8>,
) {
    let (kind, color) = match d.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Note => (ReportKind::Advice, Color::Cyan),
    };
    let id = d.path.clone();
    let config = Config::default()
        .with_color(opts.color)
        .with_index_type(IndexType::Byte)
        .with_char_set(if opts.ascii { CharSet::Ascii } else { CharSet::Unicode });
    let range = d.span.range();
    let mut label = Label::new((id.clone(), range.clone())).with_message(&d.message);
    if opts.color {
        label = label.with_color(color);
    }
    let mut report = Report::build(kind, (id.clone(), range))
        .with_config(config)
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_label(label);
    for l in &d.labels {
        report = report.with_label(Label::new((id.clone(), l.span.range())).with_message(&l.message));
    }
    if let Some(h) = &d.help {
        report = report.with_help(h);
    }
    if let Some(n) = &d.note {
        report = report.with_note(n);
    }
    let _ = report.finish().write(&mut *cache, &mut *out);
}

pub fn summary(run: &RunResult) -> String {
    let count = |s: Severity| run.diagnostics.iter().filter(|d| d.severity == s).count();
    let (e, w, n) = (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    let files_with: std::collections::BTreeSet<&str> = run.diagnostics.iter().map(|d| d.path.as_str()).collect();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = if run.diagnostics.is_empty() {
        format!("No findings; {} checked.\n", plural(run.files.len(), "file"))
    } else {
        format!(
            "Found {} ({}, {}, {}) in {}; {} checked.\n",
            plural(run.diagnostics.len(), "finding"),
            plural(e, "error"),
            plural(w, "warning"),
            plural(n, "note"),
            plural(files_with.len(), "file"),
            plural(run.files.len(), "file"),
        )
    };
    if !run.tool_errors.is_empty() {
        s.push_str(&format!("{} while checking (see above).\n", plural(run.tool_errors.len(), "tool error")));
    }
    s
}

/// `--statistics`: findings per rule, most frequent first (as ruff's `--statistics`).
pub fn statistics(run: &RunResult) -> String {
    let mut counts: std::collections::BTreeMap<(&str, Severity), usize> = std::collections::BTreeMap::new();
    for d in &run.diagnostics {
        *counts.entry((d.rule.as_str(), d.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0 .0.cmp(b.0 .0)));
    let width = rows.iter().map(|((r, _), _)| r.len()).max().unwrap_or(0);
    let mut s = String::new();
    for ((rule, sev), n) in rows {
        s.push_str(&format!("{n:>6}  {rule:<width$}  {sev}\n"));
    }
    // Per policy: findings and how many files they touch (an audit's overview).
    let mut policies: std::collections::BTreeMap<&str, (usize, std::collections::BTreeSet<&str>)> = Default::default();
    for d in &run.diagnostics {
        let policy = d.rule.split_once('/').map_or(d.rule.as_str(), |(p, _)| p);
        let e = policies.entry(policy).or_default();
        e.0 += 1;
        e.1.insert(d.path.as_str());
    }
    if policies.len() > 1 {
        let width = policies.keys().map(|p| p.len()).max().unwrap_or(0);
        s.push_str("\nper policy:\n");
        for (p, (n, files)) in &policies {
            let f = files.len();
            s.push_str(&format!("{n:>6}  {p:<width$}  in {f} file{}\n", if f == 1 { "" } else { "s" }));
        }
    }
    s.push_str(&summary(run));
    s
}
