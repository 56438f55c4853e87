//! The run: walk the paths, parse and check every file in parallel, then run tree rules over
//! all documents, and return findings sorted so output never depends on thread scheduling.

mod cache;
mod history;
pub mod suppress;
mod walk;

pub use cache::Cache;
pub use history::History;

pub use walk::{collect_files, collect_files_with, InputFile, WalkOptions};

use crate::diagnostic::{Diagnostic, Fix, Label, Severity, ToolError};
use crate::model::tree::Tree;
use crate::model::{self, DocKind, LowerOptions};
use crate::policy::ActiveRule;
use crate::script::api::Finding;
use crate::span::Span;
use rayon::prelude::*;
use rhai::{CallFnOptions, Dynamic, Engine, EvalAltResult, Scope};
use std::sync::Arc;

/// Stack size of checking threads. The parsers bound their recursion (Lua at luac's 200 syntax
/// levels, Rhai at 48 call levels), but a bounded depth of big frames still needs more than
/// the 2 MiB threads get by default (a debug build overflowed on 200 nested Lua functions); the
/// main thread has 8 MiB. Address space, not memory: untouched pages cost nothing.
pub const WORKER_STACK: usize = 64 << 20;

thread_local! {
    /// When the file being checked on this thread has used up its time budget.
    static FILE_DEADLINE: std::cell::Cell<Option<std::time::Instant>> = const { std::cell::Cell::new(None) };
}

/// A file that was checked, with what reporters need to render snippets.
pub struct CheckedFile {
    pub path: String,
    pub uri: String,
    pub source: Arc<str>,
    /// Where to read the text again when `source` was dropped after the per-file pass (only
    /// a tree rule could still report on the file, and few do).
    reload_from: Option<std::path::PathBuf>,
    /// Built on first use by reporters, once per file rather than once per finding.
    line_index: std::sync::OnceLock<crate::span::LineIndex<'static>>,
}

impl CheckedFile {
    pub fn new(path: String, uri: String, source: Arc<str>) -> CheckedFile {
        CheckedFile { path, uri, source, reload_from: None, line_index: std::sync::OnceLock::new() }
    }

    /// The text, read again from disk if it was dropped (lossily, as the first time).
    fn text(&self) -> Arc<str> {
        match &self.reload_from {
            Some(p) if self.source.is_empty() => std::fs::read(p)
                .map(|b| Arc::from(String::from_utf8_lossy(&b).as_ref()))
                .unwrap_or_else(|_| self.source.clone()),
            _ => self.source.clone(),
        }
    }

    pub fn line_index(&self) -> &crate::span::LineIndex<'static> {
        self.line_index.get_or_init(|| crate::span::LineIndex::new_shared(self.source.clone()))
    }
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
    /// `--since REV`: history for rules that require it; without it those rules are skipped.
    pub history: Option<&'a History>,
    /// `--installed [ROOT]`: the files describe a tree installed under ROOT (usually `/`);
    /// rules may then test whether absolute paths exist there (`path_exists`), and rules that
    /// require it (`meta().requires = ["installed"]`) run.
    pub installed: Option<&'a std::path::Path>,
    /// Called once per file checked (from worker threads): the CLI's progress bar.
    pub progress: Option<&'a (dyn Fn() + Sync)>,
    /// Per-file findings of earlier runs (`~/.cache/speclint`); `None` with `--no-cache`.
    pub cache: Option<&'a Cache>,
}

/// A file checked from memory, for [`Checker::run_mem`].
pub struct MemFile {
    pub kind: DocKind,
    pub name: String,
    pub text: String,
    pub disk: Option<std::path::PathBuf>,
    /// A symlink to this target (relative to the file's directory), for examples.
    pub link: Option<String>,
}

/// Facts about the file itself, in the model as `file`.
#[derive(serde::Serialize)]
struct FileMeta {
    /// The path is a symbolic link (not followed by the walk).
    symlink: bool,
    /// Where the link points, as written in the link.
    link_target: Option<String>,
    /// False for a dangling link (the model then describes an empty file).
    target_exists: bool,
    /// Any execute bit set (Unix).
    executable: bool,
    /// The facts come from a file on disk (false for text checked from memory, whose
    /// `executable` and `symlink` are then unknown, not false).
    on_disk: bool,
}

fn file_meta(path: &std::path::Path) -> FileMeta {
    let lmeta = std::fs::symlink_metadata(path).ok();
    let symlink = lmeta.as_ref().is_some_and(|m| m.file_type().is_symlink());
    let link_target =
        if symlink { std::fs::read_link(path).ok().map(|t| t.to_string_lossy().into_owned()) } else { None };
    let meta = std::fs::metadata(path).ok();
    #[cfg(unix)]
    let executable = {
        use std::os::unix::fs::PermissionsExt;
        meta.as_ref().is_some_and(|m| m.permissions().mode() & 0o111 != 0)
    };
    #[cfg(not(unix))]
    let executable = false;
    FileMeta { symlink, link_target, target_exists: meta.is_some(), executable, on_disk: lmeta.is_some() }
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
    /// The document with its format, kept when a tree rule without `summarize` applies to it.
    doc: Option<(&'static str, Dynamic)>,
    /// `(index of the rule in Checker::rules, summary)` for tree rules with `summarize`.
    summaries: Vec<(usize, Dynamic)>,
    diagnostics: Vec<Diagnostic>,
    tool_errors: Vec<ToolError>,
    suppressions: Vec<suppress::Suppression>,
}

impl Checker<'_> {
    pub fn run(&self, inputs: &[InputFile]) -> RunResult {
        // A file is checked only when a selected rule applies to its format: `--policy rpm`
        // over a mixed tree does not report Lua syntax errors.
        let wanted = |k: DocKind| self.rules.iter().any(|r| r.rule.applies_to(k.format()));
        let outcomes: Vec<FileOutcome> = inputs
            .par_iter()
            // every input counts towards the progress bar, checked or skipped
            .inspect(|_| {
                if let Some(p) = self.progress {
                    p();
                }
            })
            .filter(|i| wanted(i.kind) && (!i.context || self.has_tree_rules()))
            .map(|input| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.check_file(input))).unwrap_or_else(|_| {
                    FileOutcome {
                        file: None,
                        doc: None,
                        summaries: vec![],
                        suppressions: vec![],
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
        let mut result = self.finish(outcomes);
        if inputs.iter().any(|i| i.context) {
            // Context files were there for the tree rules to see; what is reported is only
            // about the files the user named (a pre-commit hook's staged files).
            let context: std::collections::HashSet<&str> =
                inputs.iter().filter(|i| i.context).map(|i| i.display.as_str()).collect();
            result.diagnostics.retain(|d| !context.contains(d.path.as_str()));
            result.tool_errors.retain(|t| t.path.as_deref().is_none_or(|p| !context.contains(p)));
            result.files.retain(|f| !context.contains(f.path.as_str()));
        }
        result
    }

    /// Check texts held in memory as one run, tree rules included (fixtures, doc examples).
    pub fn run_texts(&self, texts: &[(DocKind, String, String)]) -> RunResult {
        let items: Vec<MemFile> = texts
            .iter()
            .map(|(k, n, t)| MemFile { kind: *k, name: n.clone(), text: t.clone(), disk: None, link: None })
            .collect();
        self.run_mem(&items)
    }

    /// Like [`Checker::run_texts`]; a file with a `disk` path gets that file's metadata
    /// (symlink, link target, execute bit), so fixtures can hold symlinks.
    pub fn run_mem(&self, files: &[MemFile]) -> RunResult {
        let outcomes: Vec<FileOutcome> = files
            .par_iter()
            .map(|f| {
                let input = InputFile {
                    path: f.name.clone().into(),
                    display: f.name.clone(),
                    uri: f.name.clone(),
                    kind: f.kind,
                    context: false,
                };
                let meta = match &f.link {
                    // an in-memory symlink exists if its target is another file of the set
                    Some(target) => {
                        let dir = std::path::Path::new(&f.name).parent().unwrap_or(std::path::Path::new(""));
                        let resolved = crate::util::normalize_path(&dir.join(target).to_string_lossy());
                        let target_exists = files.iter().any(|o| crate::util::normalize_path(&o.name) == resolved);
                        Some(FileMeta {
                            symlink: true,
                            link_target: Some(target.clone()),
                            target_exists,
                            executable: false,
                            on_disk: false,
                        })
                    }
                    None => f.disk.as_deref().map(file_meta),
                };
                let base = f.disk.as_deref().and_then(|d| d.parent());
                self.check_source(&input, Arc::from(f.text.as_str()), None, meta, None, base, None)
            })
            .collect();
        self.finish(outcomes)
    }

    /// After the per-file pass: tree rules over all documents, then sorting.
    fn finish(&self, outcomes: Vec<FileOutcome>) -> RunResult {
        let mut files = Vec::new();
        let mut docs = Vec::new();
        let mut summaries: Vec<Vec<Dynamic>> = vec![Vec::new(); self.rules.len()];
        let mut diagnostics = Vec::new();
        let mut tool_errors = Vec::new();
        let mut sups: Vec<(String, Vec<suppress::Suppression>)> = Vec::new();
        for o in outcomes {
            if let (Some(f), false) = (&o.file, o.suppressions.is_empty()) {
                sups.push((f.path.clone(), o.suppressions));
            }
            files.extend(o.file);
            docs.extend(o.doc);
            for (i, s) in o.summaries {
                summaries[i].push(s);
            }
            diagnostics.extend(o.diagnostics);
            tool_errors.extend(o.tool_errors);
        }
        // Tree-level rules see every document of the run of their formats at once, or the
        // summaries their `summarize` made of them.
        let tree_rules: Vec<(&ActiveRule, Dynamic)> = self
            .rules
            .iter()
            .zip(summaries)
            .filter(|(r, _)| r.rule.check_tree.is_some() && self.can_run(r))
            .map(|(r, s)| {
                let input: rhai::Array = match r.rule.summarize {
                    Some(_) => s,
                    None => docs.iter().filter(|(f, _)| r.rule.applies_to(f)).map(|(_, d)| d.clone()).collect(),
                };
                (r, Dynamic::from_array(input))
            })
            .collect();
        drop(docs);
        if !tree_rules.is_empty() {
            let results: Vec<(Vec<Diagnostic>, Vec<ToolError>, Vec<CheckedFile>)> = {
                let index: std::collections::HashMap<&str, usize> =
                    files.iter().enumerate().map(|(i, f)| (f.path.as_str(), i)).collect();
                tree_rules.par_iter().map(|(r, input)| self.run_tree_rule(r, input, &files, &index)).collect()
            };
            drop(tree_rules);
            for (d, t, missing) in results {
                diagnostics.extend(d);
                tool_errors.extend(t);
                for m in missing {
                    if !files.iter().any(|f| f.path == m.path) {
                        files.push(m);
                    }
                }
            }
        }
        // Texts dropped after the per-file pass, of files a tree rule reported on: reporters
        // show their snippets.
        let reported: std::collections::HashSet<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
        for f in files.iter_mut().filter(|f| f.reload_from.is_some() && reported.contains(f.path.as_str())) {
            f.source = f.text();
            f.reload_from = None;
        }
        // Suppressions last, so they cover tree-rule findings too.
        let ran = |r: &str| self.rules.iter().any(|a| a.rule.id == r || (r.ends_with('/') && a.rule.id.starts_with(r)));
        for (path, list) in &sups {
            if let Some(f) = files.iter().find(|f| &f.path == path) {
                suppress::apply(path, &f.source, list, &mut diagnostics, &ran);
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        sort_diagnostics(&mut diagnostics);
        tool_errors
            .sort_by(|a, b| (&a.path, &a.rule, &a.kind, &a.message).cmp(&(&b.path, &b.rule, &b.kind, &b.message)));
        tool_errors.dedup();
        RunResult { files, diagnostics, tool_errors }
    }

    /// Rules that need history run only with `--since`.
    pub fn can_run(&self, r: &ActiveRule) -> bool {
        (self.history.is_some() || !needs_history(r)) && (self.installed.is_some() || !needs_installed(r))
    }

    fn history_of(&self, h: &History, input: &InputFile, source: &str) -> Tree {
        #[derive(serde::Serialize)]
        struct Hist<'a> {
            rev: &'a str,
            existed: bool,
            changed: bool,
        }
        match h.previous(&input.path) {
            history::Previous::Untracked => Tree::Null,
            history::Previous::Absent => Tree::from_serialize(&Hist { rev: &h.rev, existed: false, changed: true }),
            history::Previous::Text(old) => {
                let prev = model::lower(input.kind, &input.display, &old, &self.lower).model;
                Tree::from_serialize(&Hist { rev: &h.rev, existed: true, changed: old != source })
                    .with_field("previous", prev)
            }
        }
    }

    /// The tree rules that can run and apply to documents of `format`, with their index in
    /// `self.rules`.
    fn tree_rules_for<'s>(&'s self, format: &'s str) -> impl Iterator<Item = (usize, &'s ActiveRule)> + 's {
        self.rules
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.rule.check_tree.is_some() && r.rule.applies_to(format) && self.can_run(r))
    }

    fn has_tree_rules(&self) -> bool {
        self.rules.iter().any(|r| r.rule.check_tree.is_some())
    }

    /// Check a text held in memory (fixtures, editors, stdin) as if it were file `name`.
    pub fn check_text(&self, kind: DocKind, name: &str, text: &str) -> RunResult {
        let input =
            InputFile { path: name.into(), display: name.to_string(), uri: name.to_string(), kind, context: false };
        let o = self.check_source(&input, Arc::from(text), None, None, None, None, None);
        self.finish(vec![o])
    }

    fn check_file(&self, input: &InputFile) -> FileOutcome {
        let meta = file_meta(&input.path);
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            // A dangling symlink is a fact about the tree for rules to judge, not an I/O failure.
            Err(_) if meta.symlink && !meta.target_exists => Vec::new(),
            Err(e) => {
                return FileOutcome {
                    file: None,
                    doc: None,
                    summaries: vec![],
                    suppressions: vec![],
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
        let history = self.history.map(|h| self.history_of(h, input, &text));
        let base = input.path.parent().map(|p| if p.as_os_str().is_empty() { std::path::Path::new(".") } else { p });
        // Not cached: history is another revision's text, and with --installed rules look at
        // the installed tree (`path_exists`); neither is in the key.
        let cache = self.cache.filter(|_| history.is_none() && self.installed.is_none() && !input.context);
        let key = cache.and_then(|c| c.key(&input.display, &meta, text.as_bytes()).map(|k| (c, k)));
        let cached = key.as_ref().and_then(|(c, k)| c.get(k));
        let hit = cached.is_some();
        let out = self.check_source(input, Arc::from(text), bad_utf8, Some(meta), history, base, cached);
        if let (Some((c, k)), false, true) = (&key, hit, out.tool_errors.is_empty()) {
            c.put(k, &out.diagnostics);
        }
        out
    }

    /// Check a fixture as if `--since REV` had found `previous` (None: the file is new).
    pub fn check_text_with_previous(&self, kind: DocKind, name: &str, text: &str, previous: Option<&str>) -> RunResult {
        #[derive(serde::Serialize)]
        struct Hist {
            rev: &'static str,
            existed: bool,
            changed: bool,
        }
        let input =
            InputFile { path: name.into(), display: name.to_string(), uri: name.to_string(), kind, context: false };
        let hist = match previous {
            None => Tree::from_serialize(&Hist { rev: "REV", existed: false, changed: true }),
            Some(old) => {
                let prev = model::lower(kind, name, old, &self.lower).model;
                Tree::from_serialize(&Hist { rev: "REV", existed: true, changed: old != text })
                    .with_field("previous", prev)
            }
        };
        let o = self.check_source(&input, Arc::from(text), None, None, Some(hist), None, None);
        self.finish(vec![o])
    }

    fn check_source(
        &self,
        input: &InputFile,
        source: Arc<str>,
        bad_utf8: Option<usize>,
        meta: Option<FileMeta>,
        history: Option<Tree>,
        base_dir: Option<&std::path::Path>,
        cached: Option<Vec<Diagnostic>>,
    ) -> FileOutcome {
        let with_history = history.is_some();
        let on_disk = meta.as_ref().is_some_and(|m| m.on_disk);
        let mut out = FileOutcome {
            file: None,
            doc: None,
            summaries: vec![],
            diagnostics: vec![],
            tool_errors: vec![],
            suppressions: suppress::scan(&source),
        };
        let t0 = std::time::Instant::now();
        let kind = input.kind.refine(&source);
        let format = kind.format();
        let from_cache = cached.is_some();
        if let Some(diagnostics) = cached {
            out.diagnostics = diagnostics;
            // nothing else to do unless a tree rule needs the document
            if self.tree_rules_for(format).next().is_none() {
                let keep = !out.diagnostics.is_empty() || !out.suppressions.is_empty();
                let source = if keep { source } else { Arc::from("") };
                out.file = Some(CheckedFile::new(input.display.clone(), input.uri.clone(), source));
                return out;
            }
        }
        // %include reads relative to the file's own directory (files checked from memory have none)
        let opts = LowerOptions { base_dir: base_dir.map(|d| d.to_path_buf()), ..self.lower.clone() };
        // the path leaves some formats open (winget or flatpak YAML); the text settles them
        let lowered = model::lower(kind, &input.display, &source, &opts);
        if let (Some(at), false) = (bad_utf8, from_cache) {
            out.diagnostics.push(parse_error(
                &input.display,
                Span::new(at, at + 1).clamp_to(&source),
                "file is not valid UTF-8; invalid bytes were replaced with U+FFFD for checking".into(),
            ));
        }
        for e in lowered.errors.iter().filter(|_| !from_cache) {
            out.diagnostics.push(parse_error(&input.display, e.span, e.message.clone()));
        }
        let mut model = lowered.model.with_field(
            "file",
            Tree::from_serialize(&meta.unwrap_or(FileMeta {
                symlink: false,
                link_target: None,
                target_exists: true,
                executable: false,
                on_disk: false,
            })),
        );
        if let Some(h) = history {
            model = model.with_field("history", h);
        }
        // what `speclint dump` shows, rules see: a rule can step aside on a file that did
        // not parse (lintian skips a copyright file its parser refuses)
        model = model.with_field("parse_errors", Tree::from_serialize(&lowered.errors));
        if let Some(root) = self.installed {
            #[derive(serde::Serialize)]
            struct Installed {
                root: String,
            }
            model =
                model.with_field("installed", Tree::from_serialize(&Installed { root: root.display().to_string() }));
        }
        let doc = crate::script::node::to_dynamic(&model);
        if let Some(t) = self.timings {
            t.add("(parse+lower)", t0.elapsed());
        }
        FILE_DEADLINE.with(|d| d.set(Some(std::time::Instant::now() + crate::script::engine::FILE_TIME_BUDGET)));
        for r in self.rules.iter().filter(|r| {
            !input.context
                && !from_cache
                && r.rule.check.is_some()
                && r.rule.applies_to(format)
                && (with_history || !needs_history(r))
                && (self.installed.is_some() || !needs_installed(r))
        }) {
            let t0 = std::time::Instant::now();
            let budget = crate::script::engine::CALL_TIME_BUDGET;
            let res = call_rule(self.engine, r, "check", doc.clone(), r.rule.check.unwrap_or(1), budget);
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
        // What the tree rules will need of this document: its summaries, made now on this
        // thread, or the whole model when a tree rule has no `summarize`.
        let mut keep_doc = false;
        for (i, r) in self.tree_rules_for(format) {
            let Some(arity) = r.rule.summarize else {
                keep_doc = true;
                continue;
            };
            let budget = crate::script::engine::CALL_TIME_BUDGET;
            match call_fn(self.engine, r, "summarize", doc.clone(), arity, budget).and_then(|v| summary(v, &doc)) {
                Ok(Some(s)) => out.summaries.push((i, s)),
                Ok(None) => {}
                Err(e) => out.tool_errors.push(rule_error(r, Some(&input.display), &e)),
            }
        }
        FILE_DEADLINE.with(|d| d.set(None));
        // Keep what later stages need, and no more: a distribution-sized run must not hold
        // every model and text in memory.
        if keep_doc {
            out.doc = Some((format, doc));
        }
        // The text is kept for files with findings or suppressions; one a tree rule still
        // needs is read again from disk if that rule reports on it.
        let needed = !out.diagnostics.is_empty() || !out.suppressions.is_empty();
        let tree_input = keep_doc || !out.summaries.is_empty();
        let mut file = CheckedFile::new(input.display.clone(), input.uri.clone(), Arc::from(""));
        if needed || (tree_input && !on_disk) {
            file.source = source;
        } else if tree_input {
            file.reload_from = Some(input.path.clone());
        }
        out.file = Some(file);
        out
    }

    fn run_tree_rule(
        &self,
        r: &ActiveRule,
        docs: &Dynamic,
        files: &[CheckedFile],
        index: &std::collections::HashMap<&str, usize>,
    ) -> (Vec<Diagnostic>, Vec<ToolError>, Vec<CheckedFile>) {
        let mut diags = Vec::new();
        let mut errs = Vec::new();
        let mut missing = Vec::new();
        // a tree rule's work grows with the run: its budget does too (and no file's budget
        // applies, even one left behind on this thread by a file that panicked)
        FILE_DEADLINE.with(|d| d.set(None));
        let n = docs.read_lock::<rhai::Array>().map_or(0, |a| a.len()) as u32;
        let budget = crate::script::engine::TREE_TIME_BUDGET + crate::script::engine::TREE_TIME_PER_DOC * n;
        match call_rule(self.engine, r, "check_tree", docs.clone(), r.rule.check_tree.unwrap_or(1), budget) {
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
                    match index.get(path.as_str()).map(|&i| &files[i]) {
                        Some(file) => diags.push(to_diagnostic(r, f, &path, &file.text())),
                        // A finding about a file that should exist but does not (`LICENSE`
                        // missing): reported at its line 1 as an empty file.
                        None if !std::path::Path::new(&path).exists() && !path.is_empty() => {
                            let f = Finding { span: Span::empty(0), ..f };
                            diags.push(to_diagnostic(r, f, &path, ""));
                            missing.push(CheckedFile::new(path.clone(), uri_beside(files, &path), Arc::from("")));
                        }
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
        (diags, errs, missing)
    }
}

/// The SARIF URI of a path that is not in the run, relative to the same base as a file of the
/// run in the same tree (their displayed paths end with their URIs).
fn uri_beside(files: &[CheckedFile], path: &str) -> String {
    files
        .iter()
        .filter_map(|f| f.path.strip_suffix(f.uri.as_str()))
        .find(|base| path.starts_with(base))
        .map_or_else(|| path.trim_start_matches("./").to_string(), |base| path[base.len()..].to_string())
}

fn needs_history(r: &ActiveRule) -> bool {
    r.rule.meta.requires.iter().any(|x| x == "history")
}

fn needs_installed(r: &ActiveRule) -> bool {
    r.rule.meta.requires.iter().any(|x| x == "installed")
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
        EvalAltResult::ErrorTerminated(token, _)
            if token.clone().into_string().ok().as_deref() == Some(crate::script::engine::TIME_BUDGET_TOKEN) =>
        {
            format!(
                "rule exceeded its time budget ({} s per call, {} s per file for all rules; tree rules {} s + {} ms per document)",
                crate::script::engine::CALL_TIME_BUDGET.as_secs(),
                crate::script::engine::FILE_TIME_BUDGET.as_secs(),
                crate::script::engine::TREE_TIME_BUDGET.as_secs(),
                crate::script::engine::TREE_TIME_PER_DOC.as_millis()
            )
        }
        other => other.to_string(),
    };
    ToolError {
        kind: "rule-error".into(),
        path: path.map(String::from),
        rule: Some(r.rule.id.clone()),
        message: format!("{what}{at}"),
    }
}

/// A summary as tree rules see it: a map with the document's `path` and `kind` (so
/// `violation(summary, span, message)` names the document); `None` for `()`.
fn summary(v: Dynamic, doc: &Dynamic) -> Result<Option<Dynamic>, Box<EvalAltResult>> {
    let v = v.flatten();
    if v.is_unit() {
        return Ok(None);
    }
    let Some(mut map) = v.try_cast::<rhai::Map>() else {
        return Err(Box::new(EvalAltResult::ErrorRuntime(
            "summarize() must return a map (or () to leave the document out)".into(),
            rhai::Position::NONE,
        )));
    };
    if let Some(node) = doc.read_lock::<crate::script::node::Node>() {
        for key in ["path", "kind"] {
            if !map.contains_key(key) {
                map.insert(key.into(), crate::script::node::to_dynamic(node.tree().get(key)));
            }
        }
    }
    // kept as a read-only model node, like the documents themselves
    let tree = crate::script::node::tree_of(&Dynamic::from_map(map));
    Ok(Some(crate::script::node::to_dynamic(&tree)))
}

/// Call a rule's function with the file's (or the call's) time budget.
fn call_fn(
    engine: &Engine,
    r: &ActiveRule,
    func: &str,
    arg: Dynamic,
    arity: usize,
    budget: std::time::Duration,
) -> Result<Dynamic, Box<EvalAltResult>> {
    let mut scope = Scope::new();
    let opts = CallFnOptions::new().eval_ast(false).rewind_scope(true);
    use crate::script::engine::DEADLINE;
    // the call's own budget, within what is left of the file's (set by check_source)
    let file_deadline = FILE_DEADLINE.with(|d| d.get());
    let call_deadline = std::time::Instant::now() + budget;
    DEADLINE.with(|d| d.set(Some(file_deadline.map_or(call_deadline, |f| f.min(call_deadline)))));
    let ret: Result<Dynamic, _> = if arity == 2 {
        engine.call_fn_with_options(opts, &mut scope, &r.rule.ast, func, (arg, r.params.clone()))
    } else {
        engine.call_fn_with_options(opts, &mut scope, &r.rule.ast, func, (arg,))
    };
    DEADLINE.with(|d| d.set(None));
    ret
}

/// Call `check`/`check_tree` and collect the returned findings (a Finding, an array of them, or `()`).
fn call_rule(
    engine: &Engine,
    r: &ActiveRule,
    func: &str,
    arg: Dynamic,
    arity: usize,
    budget: std::time::Duration,
) -> Result<Vec<Finding>, Box<EvalAltResult>> {
    let ret = call_fn(engine, r, func, arg, arity, budget)?.flatten();
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
        // a finding may ask to be less severe than its rule, never more
        severity: f.severity.map_or(r.severity, |s| s.min(r.severity)),
        message: f.message,
        path: path.to_string(),
        span: f.span.clamp_to(source),
        labels: f.labels.into_iter().map(|(s, m)| Label { span: s.clamp_to(source), message: m }).collect(),
        help: f.help.or_else(|| first_paragraph(&docs.help)),
        note: f.note.or_else(|| rationale_note(&docs.rationale, &r.rule.meta.standard)),
        fix: f.fix.map(|(s, t)| Fix { span: s.clamp_to(source), replacement: t }),
    }
}

/// The default `note:` of a finding: the rationale's first sentence and the standard's clause.
/// (`speclint explain` has the whole text.)
fn rationale_note(rationale: &str, standard: &str) -> Option<String> {
    let para = first_paragraph(rationale)?;
    let b = para.as_bytes();
    // the first ". " followed by a capital or a backtick ends the sentence ("e.g. x" does not)
    let mut end = para.len();
    for (i, w) in b.windows(3).enumerate() {
        if w[0] == b'.'
            && w[1] == b' '
            && (w[2].is_ascii_uppercase() || w[2] == b'`')
            && i > 3
            // checked slice: the text is UTF-8 (`§` and friends), i - 3 may fall inside a char
            && para.get(i - 3..i) != Some("e.g")
        {
            end = i + 1;
            break;
        }
    }
    let mut note = para[..end].to_string();
    if !standard.is_empty() && !note.contains(standard) {
        note.push_str(&format!(" ({standard})"));
    }
    Some(note)
}

fn first_paragraph(s: &str) -> Option<String> {
    let p = s.split("\n\n").next()?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!p.is_empty()).then_some(p)
}

/// Sort by path, line, column, rule id, message: identical output whatever the thread count.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
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

#[cfg(test)]
mod tests {
    use super::rationale_note;

    #[test]
    fn notes_cut_at_the_first_sentence_without_splitting_characters() {
        let n =
            rationale_note("A payload lives in its prefix (§2.3). Versions coexist.", "Phoreus charter §2.3").unwrap();
        assert_eq!(n, "A payload lives in its prefix (§2.3). (Phoreus charter §2.3)");
        let n = rationale_note("Use a macro, e.g. `%{x}`. More text.", "").unwrap();
        assert_eq!(n, "Use a macro, e.g. `%{x}`.");
        // regression: a `§` three bytes before a sentence end made the slice panic
        assert!(rationale_note("See §1. Next.", "").is_some());
        assert!(rationale_note("x §§. Y", "").is_some());
    }
}
