//! Rule fixtures: files whose expected findings are marked in comments.
//!
//! A line `#~^ policy/rule-name` (`--~^` in Lua) expects a finding of that rule on the
//! nearest line above it that is not itself a marker; `#~^^` the second such line, and so on.
//! Marker lines are blanked before checking, so they never influence the rules, and line
//! numbers stay the same. For history rules, `NAME.prev` beside a fixture is the file as it was
//! at the `--since` revision (without it, the fixture counts as a new file).

use crate::engine::{Checker, MemFile};
use crate::model::DocKind;
use crate::span::LineIndex;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expectation {
    /// 1-based line.
    pub line: u32,
    pub rule: String,
}

fn marker(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let rest = t.strip_prefix("#~").or_else(|| t.strip_prefix("--~"))?;
    let ups = rest.bytes().take_while(|b| *b == b'^').count();
    if ups == 0 {
        return None;
    }
    Some((ups, rest[ups..].trim()))
}

/// The expectations of a fixture, and its text with marker lines blanked.
pub fn expectations(text: &str) -> (Vec<Expectation>, String) {
    let mut exp = Vec::new();
    let mut cleaned = String::with_capacity(text.len());
    let mut content_lines: Vec<u32> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match marker(line) {
            Some((ups, rules)) => {
                if let Some(target) = content_lines.len().checked_sub(ups).and_then(|k| content_lines.get(k)) {
                    for r in rules.split([',', ' ']).filter(|r| !r.is_empty()) {
                        exp.push(Expectation { line: *target, rule: r.to_string() });
                    }
                }
                if line.ends_with('\n') {
                    cleaned.push('\n');
                }
            }
            None => {
                content_lines.push(i as u32 + 1);
                cleaned.push_str(line);
            }
        }
    }
    exp.sort();
    (exp, cleaned)
}

#[derive(Debug, Default)]
pub struct FixtureOutcome {
    pub missing: Vec<Expectation>,
    /// (expectation, message)
    pub unexpected: Vec<(Expectation, String)>,
    pub tool_errors: Vec<String>,
}

impl FixtureOutcome {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty() && self.tool_errors.is_empty()
    }

    pub fn report(&self, name: &str) -> String {
        let mut s = String::new();
        for m in &self.missing {
            s.push_str(&format!("{name}:{}: expected {} but it did not fire\n", m.line, m.rule));
        }
        for (u, msg) in &self.unexpected {
            s.push_str(&format!("{name}:{}: unexpected {}: {msg}\n", u.line, u.rule));
        }
        for t in &self.tool_errors {
            s.push_str(&format!("{name}: tool error: {t}\n"));
        }
        s
    }
}

/// Check one fixture text with `checker`. Findings of rules not in `scope` are ignored
/// (parse errors always count).
pub fn check_fixture(
    checker: &Checker,
    kind: DocKind,
    name: &str,
    text: &str,
    scope: &[&str],
    history: Option<Option<&str>>,
) -> FixtureOutcome {
    let (expected, cleaned) = expectations(text);
    let result = match history {
        Some(previous) => {
            checker.check_text_with_previous(kind, name, &cleaned, previous.map(|p| expectations(p).1).as_deref())
        }
        None => checker.check_text(kind, name, &cleaned),
    };
    let idx = LineIndex::new(&cleaned);
    let mut actual: Vec<(Expectation, String)> = result
        .diagnostics
        .iter()
        .filter(|d| d.rule == "parse-error" || scope.contains(&d.rule.as_str()))
        .map(|d| {
            (Expectation { line: idx.position(d.span.start as usize).line, rule: d.rule.clone() }, d.message.clone())
        })
        .collect();
    actual.sort();
    let mut out = FixtureOutcome {
        tool_errors: result.tool_errors.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    let mut remaining = actual.clone();
    for e in &expected {
        match remaining.iter().position(|(a, _)| a == e) {
            Some(p) => {
                remaining.remove(p);
            }
            None => out.missing.push(e.clone()),
        }
    }
    out.unexpected = remaining;
    out
}

/// Check a set of fixture files as one run (tree rules see all of them). Expectations are per
/// file; findings are compared as (file, line, rule).
///
/// `extra` holds expectations that cannot be marked in a file, such as a finding about a file
/// that is missing (from an `EXPECTED` file, see [`read_expected`]).
pub fn check_fixture_set(
    checker: &Checker,
    files: &[MemFile],
    scope: &[&str],
    extra: &[(String, Expectation)],
) -> FixtureOutcome {
    let mut expected: Vec<(String, Expectation)> = extra.to_vec();
    let mut cleaned: Vec<MemFile> = Vec::new();
    for f in files {
        let (exp, clean) = expectations(&f.text);
        expected.extend(exp.into_iter().map(|e| (f.name.clone(), e)));
        cleaned.push(MemFile {
            kind: f.kind,
            name: f.name.clone(),
            text: clean,
            disk: f.disk.clone(),
            link: f.link.clone(),
        });
    }
    let result = checker.run_mem(&cleaned);
    let mut actual: Vec<(String, Expectation, String)> = Vec::new();
    for d in result.diagnostics.iter().filter(|d| d.rule == "parse-error" || scope.contains(&d.rule.as_str())) {
        // a finding about a file that is not in the set (a missing file) is on its line 1
        let line = match cleaned.iter().find(|f| f.name == d.path) {
            Some(f) => LineIndex::new(&f.text).position(d.span.start as usize).line,
            None => 1,
        };
        actual.push((d.path.clone(), Expectation { line, rule: d.rule.clone() }, d.message.clone()));
    }
    let mut out = FixtureOutcome {
        tool_errors: result.tool_errors.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    for (file, e) in &expected {
        match actual.iter().position(|(f, a, _)| f == file && a == e) {
            Some(p) => {
                actual.remove(p);
            }
            None => out.missing.push(Expectation { line: e.line, rule: format!("{} (in {file})", e.rule) }),
        }
    }
    out.unexpected = actual
        .into_iter()
        .map(|(f, e, m)| (Expectation { line: e.line, rule: format!("{} (in {f})", e.rule) }, m))
        .collect();
    out
}

/// Read an `EXPECTED` file of a directory fixture: one `PATH:LINE policy/rule` per line, PATH
/// relative to `dir`; blank lines and `#` comments are skipped.
pub fn read_expected(dir: &std::path::Path) -> Result<Vec<(String, Expectation)>, String> {
    let path = dir.join("EXPECTED");
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(vec![]) };
    let mut out = vec![];
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = line.split_once(' ').and_then(|(loc, rule)| {
            let (file, ln) = loc.rsplit_once(':')?;
            Some((file, ln.parse::<u32>().ok()?, rule.trim()))
        });
        match parsed {
            Some((file, ln, rule)) => {
                out.push((dir.join(file).display().to_string(), Expectation { line: ln, rule: rule.to_string() }))
            }
            None => return Err(format!("{}:{}: expected `PATH:LINE policy/rule`", path.display(), n + 1)),
        }
    }
    Ok(out)
}

/// Split a documentation example into files: `#==> path` lines start a new file, and
/// `#==> path -> target` declares a symlink (with no content); without them the whole example
/// is one file named `example.<lang>`. Returns (path, text, link target).
pub fn example_files(lang: &str, code: &str) -> Vec<(String, String, Option<String>)> {
    if !code.lines().any(|l| l.starts_with("#==> ")) {
        return vec![(format!("example.{lang}"), code.to_string(), None)];
    }
    let mut out: Vec<(String, String, Option<String>)> = Vec::new();
    for line in code.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("#==> ") {
            match header.split_once(" -> ") {
                Some((name, target)) => {
                    out.push((name.trim().to_string(), String::new(), Some(target.trim().to_string())))
                }
                None => out.push((header.trim().to_string(), String::new(), None)),
            }
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out
}
