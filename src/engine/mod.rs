//! The run: walk the paths, parse and check every file in parallel, then run tree rules over
//! all documents, and return findings sorted so output never depends on thread scheduling.

mod walk;

pub use walk::{collect_files, InputFile};

use crate::diagnostic::{Diagnostic, Fix, Label, Severity, ToolError};
use crate::model::{self, DocKind, LowerOptions};
use crate::policy::ActiveRule;
use crate::script::api::Finding;
use crate::span::Span;
use rayon::prelude::*;
use rhai::{CallFnOptions, Dynamic, Engine, EvalAltResult, Scope};
use std::sync::Arc;

/// A file that was checked, with what reporters need to render snippets.
pub struct CheckedFile {
    pub path: String,
    pub uri: String,
    pub kind: DocKind,
    pub source: Arc<str>,
}

pub struct RunResult {
    pub files: Vec<CheckedFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub tool_errors: Vec<ToolError>,
}

impl RunResult {
    pub fn source_of(&self, path: &str) -> Option<&CheckedFile> {
        self.files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().and_then(|i| self.files.get(i))
    }
}

pub struct Checker<'a> {
    pub engine: &'a Engine,
    pub rules: &'a [ActiveRule],
    pub lower: LowerOptions,
    /// When set, time spent per rule (and in parsing) is accumulated here.
    pub timings: Option<&'a Timings>,
}

/// Cumulative time per rule id (`(parse+lower)` for the model), for `--timings`.
#[derive(Default)]
pub struct Timings(std::sync::Mutex<std::collections::BTreeMap<String, std::time::Duration>>);

impl Timings {
    fn add(&self, key: &str, d: std::time::Duration) {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *m.entry(key.to_string()).or_default() += d;
    }

    /// Lines `  1.234s  rule/id`, slowest first.
    pub fn report(&self) -> String {
        let m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter().map(|(k, d)| format!("{:>9.3}s  {k}\n", d.as_secs_f64())).collect()
    }
}

struct FileOutcome {
    file: Option<CheckedFile>,
    doc: Option<Dynamic>,
    diagnostics: Vec<Diagnostic>,
    tool_errors: Vec<ToolError>,
}

impl Checker<'_> {
    pub fn run(&self, inputs: &[InputFile]) -> RunResult {
        // A file is checked only when a selected rule applies to its format: `--policy rpm`
        // over a mixed tree does not report Lua syntax errors.
        let wanted = |k: DocKind| self.rules.iter().any(|r| r.rule.applies_to(k.format()));
        let outcomes: Vec<FileOutcome> = inputs
            .par_iter()
            .filter(|i| wanted(i.kind))
            .map(|input| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.check_file(input))).unwrap_or_else(|_| {
                    FileOutcome {
                        file: None,
                        doc: None,
                        diagnostics: vec![],
                        tool_errors: vec![ToolError {
                            kind: "internal-error".into(),
                            path: Some(input.display.clone()),
                            rule: None,
                            message: "speclint panicked while checking this file; please report it".into(),
                        }],
                    }
                })
            })
            .collect();
        let mut files = Vec::new();
        let mut docs = Vec::new();
        let mut diagnostics = Vec::new();
        let mut tool_errors = Vec::new();
        for o in outcomes {
            files.extend(o.file);
            docs.extend(o.doc);
            diagnostics.extend(o.diagnostics);
            tool_errors.extend(o.tool_errors);
        }
        // Tree-level rules see every document of the run at once.
        let tree_rules: Vec<&ActiveRule> = self.rules.iter().filter(|r| r.rule.check_tree.is_some()).collect();
        if !tree_rules.is_empty() {
            let docs_arr: Dynamic = Dynamic::from_array(docs);
            let results: Vec<(Vec<Diagnostic>, Vec<ToolError>)> =
                tree_rules.par_iter().map(|r| self.run_tree_rule(r, &docs_arr, &files)).collect();
            for (d, t) in results {
                diagnostics.extend(d);
                tool_errors.extend(t);
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        sort_diagnostics(&mut diagnostics, &files);
        tool_errors
            .sort_by(|a, b| (&a.path, &a.rule, &a.kind, &a.message).cmp(&(&b.path, &b.rule, &b.kind, &b.message)));
        tool_errors.dedup();
        RunResult { files, diagnostics, tool_errors }
    }

    fn has_tree_rules(&self) -> bool {
        self.rules.iter().any(|r| r.rule.check_tree.is_some())
    }

    /// Check a text held in memory (fixtures, editors, stdin) as if it were file `name`.
    pub fn check_text(&self, kind: DocKind, name: &str, text: &str) -> RunResult {
        let input = InputFile { path: name.into(), display: name.to_string(), uri: name.to_string(), kind };
        let o = self.check_source(&input, Arc::from(text), None);
        let mut diagnostics = o.diagnostics;
        sort_diagnostics(&mut diagnostics, &[]);
        RunResult { files: o.file.into_iter().collect(), diagnostics, tool_errors: o.tool_errors }
    }

    fn check_file(&self, input: &InputFile) -> FileOutcome {
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => {
                return FileOutcome {
                    file: None,
                    doc: None,
                    diagnostics: vec![],
                    tool_errors: vec![ToolError {
                        kind: "io-error".into(),
                        path: Some(input.display.clone()),
                        rule: None,
                        message: format!("cannot read file: {e}"),
                    }],
                };
            }
        };
        let (text, bad_utf8) = match String::from_utf8(bytes) {
            Ok(s) => (s, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
            }
        };
        self.check_source(input, Arc::from(text), bad_utf8)
    }

    fn check_source(&self, input: &InputFile, source: Arc<str>, bad_utf8: Option<usize>) -> FileOutcome {
        let mut out = FileOutcome { file: None, doc: None, diagnostics: vec![], tool_errors: vec![] };
        let t0 = std::time::Instant::now();
        let lowered = model::lower(input.kind, &input.display, &source, &self.lower);
        if let Some(at) = bad_utf8 {
            out.diagnostics.push(parse_error(
                &input.display,
                Span::new(at, at + 1).clamp_to(&source),
                "file is not valid UTF-8; invalid bytes were replaced with U+FFFD for checking".into(),
            ));
        }
        for e in &lowered.errors {
            out.diagnostics.push(parse_error(&input.display, e.span, e.message.clone()));
        }
        let doc = crate::script::node::to_dynamic(&lowered.model);
        if let Some(t) = self.timings {
            t.add("(parse+lower)", t0.elapsed());
        }
        let format = input.kind.format();
        for r in self.rules.iter().filter(|r| r.rule.check.is_some() && r.rule.applies_to(format)) {
            let t0 = std::time::Instant::now();
            let res = call_rule(self.engine, r, "check", doc.clone(), r.rule.check.unwrap_or(1));
            if let Some(t) = self.timings {
                t.add(&r.rule.id, t0.elapsed());
            }
            match res {
                Ok(findings) => {
                    for f in findings {
                        out.diagnostics.push(to_diagnostic(r, f, &input.display, &source));
                    }
                }
                Err(e) => out.tool_errors.push(rule_error(r, Some(&input.display), &e)),
            }
        }
        // Keep what later stages need, and no more: a distribution-sized run must not hold
        // every model and text in memory.
        let keep = self.has_tree_rules();
        if keep {
            out.doc = Some(doc);
        }
        let source = if keep || !out.diagnostics.is_empty() { source } else { Arc::from("") };
        out.file = Some(CheckedFile { path: input.display.clone(), uri: input.uri.clone(), kind: input.kind, source });
        out
    }

    fn run_tree_rule(
        &self,
        r: &ActiveRule,
        docs: &Dynamic,
        files: &[CheckedFile],
    ) -> (Vec<Diagnostic>, Vec<ToolError>) {
        let mut diags = Vec::new();
        let mut errs = Vec::new();
        match call_rule(self.engine, r, "check_tree", docs.clone(), r.rule.check_tree.unwrap_or(1)) {
            Ok(findings) => {
                for f in findings {
                    let Some(path) = f.path.clone() else {
                        errs.push(ToolError {
                            kind: "rule-error".into(),
                            path: None,
                            rule: Some(r.rule.id.clone()),
                            message: "a tree rule's finding must name its document: violation(doc, span, message)"
                                .into(),
                        });
                        continue;
                    };
                    match files.iter().find(|x| x.path == path) {
                        Some(file) => diags.push(to_diagnostic(r, f, &path, &file.source)),
                        None => errs.push(ToolError {
                            kind: "rule-error".into(),
                            path: Some(path),
                            rule: Some(r.rule.id.clone()),
                            message: "finding names a document that is not part of this run".into(),
                        }),
                    }
                }
            }
            Err(e) => errs.push(rule_error(r, None, &e)),
        }
        (diags, errs)
    }
}

fn parse_error(path: &str, span: Span, message: String) -> Diagnostic {
    Diagnostic {
        rule: "parse-error".into(),
        severity: Severity::Error,
        message,
        path: path.to_string(),
        span,
        labels: vec![],
        help: Some("fix the syntax; the rest of the file was still checked".into()),
        note: None,
        fix: None,
    }
}

fn rule_error(r: &ActiveRule, path: Option<&str>, e: &EvalAltResult) -> ToolError {
    let pos = e.position();
    let at = match (pos.line(), pos.position()) {
        (Some(l), Some(c)) => format!(" at {}:{l}:{c}", r.rule.origin),
        (Some(l), None) => format!(" at {}:{l}", r.rule.origin),
        _ => format!(" in {}", r.rule.origin),
    };
    let what = match e {
        EvalAltResult::ErrorTooManyOperations(_) => "rule exceeded its operation limit (infinite loop?)".to_string(),
        other => other.to_string(),
    };
    ToolError {
        kind: "rule-error".into(),
        path: path.map(String::from),
        rule: Some(r.rule.id.clone()),
        message: format!("{what}{at}"),
    }
}

/// Call `check`/`check_tree` and collect the returned findings (a Finding, an array of them, or `()`).
fn call_rule(
    engine: &Engine,
    r: &ActiveRule,
    func: &str,
    arg: Dynamic,
    arity: usize,
) -> Result<Vec<Finding>, Box<EvalAltResult>> {
    let mut scope = Scope::new();
    let opts = CallFnOptions::new().eval_ast(false).rewind_scope(true);
    let ret: Dynamic = if arity == 2 {
        engine.call_fn_with_options(opts, &mut scope, &r.rule.ast, func, (arg, r.params.clone()))?
    } else {
        engine.call_fn_with_options(opts, &mut scope, &r.rule.ast, func, (arg,))?
    };
    let ret = ret.flatten();
    if ret.is_unit() {
        return Ok(vec![]);
    }
    if ret.is::<Finding>() {
        return Ok(vec![ret.cast::<Finding>()]);
    }
    if ret.is_array() {
        let mut out = Vec::new();
        for item in ret.into_array().unwrap_or_default() {
            let item = item.flatten();
            match item.try_cast::<Finding>() {
                Some(f) => out.push(f),
                None => {
                    return Err(Box::new(EvalAltResult::ErrorRuntime(
                        format!("{func}() must return findings made with violation(...)").into(),
                        rhai::Position::NONE,
                    )))
                }
            }
        }
        return Ok(out);
    }
    Err(Box::new(EvalAltResult::ErrorRuntime(
        format!("{func}() must return an array of findings, a finding or (), not {}", ret.type_name()).into(),
        rhai::Position::NONE,
    )))
}

fn to_diagnostic(r: &ActiveRule, f: Finding, path: &str, source: &str) -> Diagnostic {
    let docs = &r.rule.docs;
    Diagnostic {
        rule: r.rule.id.clone(),
        severity: r.severity,
        message: f.message,
        path: path.to_string(),
        span: f.span.clamp_to(source),
        labels: f.labels.into_iter().map(|(s, m)| Label { span: s.clamp_to(source), message: m }).collect(),
        help: f.help.or_else(|| first_paragraph(&docs.help)),
        note: f.note.or_else(|| first_paragraph(&docs.rationale)),
        fix: f.fix.map(|(s, t)| Fix { span: s.clamp_to(source), replacement: t }),
    }
}

fn first_paragraph(s: &str) -> Option<String> {
    let p = s.split("\n\n").next()?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!p.is_empty()).then_some(p)
}

/// Sort by path, line, column, rule id, message: identical output whatever the thread count.
pub fn sort_diagnostics(diags: &mut [Diagnostic], _files: &[CheckedFile]) {
    diags.sort_by(|a, b| {
        (&a.path, a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            &b.path,
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
}
