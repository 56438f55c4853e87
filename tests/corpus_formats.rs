//! Robustness of the deb822, debian/changelog and Homebrew formula parsers on the shared
//! corpus (`../shared/corpus/{debian,homebrew}`) and on our own: no panic, every byte accounted
//! for, spans inside the text and on char boundaries, and the model builds.

mod common;

use speclint::model::{self, DocKind, LowerOptions};
use speclint::span::Span;
use speclint::syntax::{deb822, debchangelog, formula};
use std::path::{Path, PathBuf};

fn in_bounds(text: &str, s: Span) -> bool {
    s.start <= s.end
        && (s.end as usize) <= text.len()
        && text.is_char_boundary(s.start as usize)
        && text.is_char_boundary(s.end as usize)
}

/// Every line of `text` is blank, a comment (when `comments`), or inside one of `covered`.
fn lines_covered(text: &str, covered: &[Span], comments: bool) -> Result<(), String> {
    let mut sorted = covered.to_vec();
    sorted.sort();
    let mut off = 0usize;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = off;
        off += raw.len();
        if line.trim().is_empty() || (comments && line.starts_with('#')) {
            continue;
        }
        let hits =
            sorted.iter().filter(|s| (s.start as usize) <= start && start < (s.end as usize).max(start + 1)).count();
        if hits == 0 {
            return Err(format!("line {} is in no node: {line:?}", n + 1));
        }
    }
    Ok(())
}

fn check_deb822(text: &str) -> Result<usize, String> {
    let d = std::panic::catch_unwind(|| deb822::parse(text)).map_err(|_| "deb822 parser panicked".to_string())?;
    let mut covered: Vec<Span> = vec![];
    for p in &d.paragraphs {
        for f in &p.fields {
            for s in [f.span, f.name_span, f.value_span] {
                if !in_bounds(text, s) {
                    return Err(format!("field {} span {s:?} out of bounds", f.name));
                }
            }
            // a field's lines must not overlap the next field's
            if covered.iter().any(|c| c.start < f.span.end && f.span.start < c.end) {
                return Err(format!("field {} overlaps another node", f.name));
            }
            covered.push(f.span);
            if deb822::is_relation_field(&f.name) {
                let (groups, errs) = deb822::parse_relations(f);
                for g in &groups {
                    for a in &g.alternatives {
                        if !in_bounds(text, a.span) {
                            return Err(format!("relation span {:?} out of bounds", a.span));
                        }
                    }
                }
                let _ = errs;
            }
        }
    }
    covered.extend(d.errors.iter().map(|e| e.span));
    lines_covered(text, &covered, true)?;
    Ok(d.errors.len())
}

fn check_changelog(text: &str) -> Result<usize, String> {
    let c =
        std::panic::catch_unwind(|| debchangelog::parse(text)).map_err(|_| "changelog parser panicked".to_string())?;
    let mut covered: Vec<Span> = c.errors.iter().map(|e| e.span).collect();
    covered.extend(c.rest);
    for e in &c.entries {
        for s in [e.span, e.header_span, e.version_span, e.distributions_span].into_iter().chain(e.date_span) {
            if !in_bounds(text, s) {
                return Err(format!("entry {} span {s:?} out of bounds", e.version.full));
            }
        }
        covered.push(e.span);
    }
    lines_covered(text, &covered, false)?;
    Ok(c.errors.len())
}

fn check_formula(text: &str) -> Result<usize, String> {
    let f = std::panic::catch_unwind(|| formula::parse(text)).map_err(|_| "formula parser panicked".to_string())?;
    // Tokens and comments cover every byte that is not whitespace.
    let mut spans: Vec<Span> = f
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(f.comments.iter().copied())
        .chain(f.heredoc_bodies.iter().copied())
        .collect();
    spans.sort();
    let mut at = 0usize;
    for s in &spans {
        if !in_bounds(text, *s) {
            return Err(format!("token span {s:?} out of bounds"));
        }
        let gap = &text[at.min(s.start as usize)..s.start as usize];
        if !gap.chars().all(|c| c.is_whitespace() || c == '\\') {
            return Err(format!("bytes {at}..{} are in no token: {gap:?}", s.start));
        }
        at = at.max(s.end as usize);
    }
    if !text[at.min(text.len())..].trim().is_empty() {
        return Err(format!("bytes after {at} are in no token"));
    }
    // Top-level statements are ordered and do not overlap.
    let mut end = 0;
    for s in &f.body {
        let sp = s.span();
        if !in_bounds(text, sp) || (sp.start as usize) < end {
            return Err(format!("statement span {sp:?} overlaps or is out of bounds"));
        }
        end = sp.end as usize;
    }
    Ok(f.errors.len())
}

fn lower(kind: DocKind, path: &str, text: &str) -> Result<(), String> {
    std::panic::catch_unwind(|| model::lower(kind, path, text, &LowerOptions::default()))
        .map(|_| ())
        .map_err(|_| format!("lowering {path} panicked"))
}

fn run(files: &[PathBuf], check: &dyn Fn(&Path, &str) -> Result<usize, String>) -> (usize, usize) {
    let mut failures = vec![];
    let mut with_errors = 0;
    for f in files {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        match check(f, &text) {
            Ok(0) => {}
            Ok(_) => with_errors += 1,
            Err(e) => failures.push(format!("{}: {e}", f.display())),
        }
    }
    assert!(failures.is_empty(), "{} of {} files failed:\n{}", failures.len(), files.len(), failures.join("\n"));
    (files.len(), with_errors)
}

fn debian_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    common::files_with_any_ext(dir).into_iter().filter(|p| p.file_name().is_some_and(|n| n == name)).collect()
}

#[test]
fn shared_debian_corpus() {
    let Some(shared) = common::shared() else { return common::skip("../shared is absent") };
    let dir = shared.join("corpus/debian");
    let control = debian_files(&dir, "control");
    let (n, errs) = run(&control, &|p, t| {
        lower(DocKind::DebControl, &p.to_string_lossy(), t)?;
        check_deb822(t)
    });
    assert!(n > 500, "{n} control files");
    // Real control files are valid deb822: the parser must accept (nearly) all of them.
    assert!(errs * 100 <= n, "{errs} of {n} control files have syntax errors");
    let copyright = debian_files(&dir, "copyright");
    let (n, errs) = run(&copyright, &|p, t| {
        lower(DocKind::DebCopyright, &p.to_string_lossy(), t)?;
        check_deb822(t)
    });
    eprintln!("copyright: {errs} of {n} files not deb822 (older free-form copyright files)");
    let changelogs = debian_files(&dir, "changelog");
    let (n, errs) = run(&changelogs, &|p, t| {
        lower(DocKind::DebChangelog, &p.to_string_lossy(), t)?;
        check_changelog(t)
    });
    assert!(n > 300, "{n} changelogs");
    assert!(errs * 50 <= n, "{errs} of {n} changelogs have syntax errors");
}

#[test]
fn shared_homebrew_corpus() {
    let Some(shared) = common::shared() else { return common::skip("../shared is absent") };
    let files = common::files_with_ext(&shared.join("corpus/homebrew"), "rb");
    let (n, errs) = run(&files, &|p, t| {
        lower(DocKind::HomebrewFormula, &p.to_string_lossy(), t)?;
        check_formula(t)
    });
    assert!(n > 1000, "{n} formulas");
    assert!(errs * 100 <= n, "{errs} of {n} formulas have syntax errors");
}

#[test]
fn own_corpus_formats() {
    let root = common::root().join("corpus");
    let all = common::files_with_any_ext(&root);
    let pick = |pred: &dyn Fn(&Path) -> bool| all.iter().filter(|p| pred(p)).cloned().collect::<Vec<_>>();
    let under_debian = |p: &Path| p.parent().and_then(Path::file_name).is_some_and(|n| n == "debian");
    let control = pick(&|p| under_debian(p) && p.ends_with("control"));
    assert!(!control.is_empty());
    let (_, errs) = run(&control, &|_, t| check_deb822(t));
    assert_eq!(errs, 0);
    let changelogs = pick(&|p| under_debian(p) && p.ends_with("changelog"));
    let (_, errs) = run(&changelogs, &|_, t| check_changelog(t));
    assert_eq!(errs, 0);
    let formulas = pick(&|p| p.extension().is_some_and(|e| e == "rb"));
    assert!(!formulas.is_empty());
    let (_, errs) = run(&formulas, &|_, t| check_formula(t));
    assert_eq!(errs, 0);
}

#[test]
fn hostile_inputs_do_not_panic() {
    let deep = "a do\n".repeat(5000) + "end\n".repeat(5000).as_str();
    let brackets = "x [".repeat(5000);
    let interp = "\"#{\"".repeat(3000);
    // found by tests/mutations.rs: a `<` as the last byte after a value
    let regressions = ["class A < Formula\n  x = (<", "f(<", "a <"];
    for text in [deep.as_str(), brackets.as_str(), interp.as_str(), "\u{feff}Source: x\n\u{0}\n", "é:é\n é\n"]
        .into_iter()
        .chain(regressions)
    {
        check_formula(text).unwrap();
        check_deb822(text).unwrap();
        check_changelog(text).unwrap();
    }
}

#[test]
fn deb822_agrees_with_python_debian() {
    let Some(shared) = common::shared() else { return common::skip("../shared is absent") };
    let has_debian = std::process::Command::new("/usr/bin/python3")
        .args(["-c", "import debian"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_debian {
        return common::skip("python3-debian is not installed (.ci/run installs it)");
    }
    let o = std::process::Command::new("/usr/bin/python3")
        .arg(common::root().join("scripts/deb822-agreement.py"))
        .arg(shared.join("corpus/debian"))
        .args(["--speclint", env!("CARGO_BIN_EXE_speclint")])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    // the script exits 1 below its 99.5 % threshold
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("overall:"), "{out}");
}
