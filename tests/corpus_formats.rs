//! Robustness of the deb822, debian/changelog, Homebrew formula and Lua parsers on the shared
//! corpus (`../shared/corpus/{debian,homebrew,lmod}`) and on our own: no panic, every byte
//! accounted for, spans inside the text and on char boundaries, and the model builds. The checks
//! are `speclint::syntax::invariants`, the same the fuzz targets run.

mod common;

use speclint::model::{self, DocKind, LowerOptions};
use speclint::syntax::invariants;
use std::path::{Path, PathBuf};

/// Runs one of the parser invariant checks, turning a panic into a failure.
fn guarded(what: &str, check: fn(&str) -> invariants::Outcome, text: &str) -> Result<usize, String> {
    std::panic::catch_unwind(|| check(text)).map_err(|_| format!("{what} parser panicked"))?
}

fn check_deb822(text: &str) -> Result<usize, String> {
    guarded("deb822", invariants::deb822, text)
}

fn check_changelog(text: &str) -> Result<usize, String> {
    guarded("changelog", invariants::changelog, text)
}

fn check_formula(text: &str) -> Result<usize, String> {
    guarded("formula", invariants::formula, text)
}

fn check_lua(text: &str) -> Result<usize, String> {
    guarded("lua", invariants::lua, text)
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
fn shared_lmod_corpus() {
    let Some(shared) = common::shared() else { return common::skip("../shared is absent") };
    let files = common::files_with_ext(&shared.join("corpus/lmod"), "lua");
    let (n, errs) = run(&files, &|p, t| {
        lower(DocKind::LmodModulefile, &p.to_string_lossy(), t)?;
        check_lua(t)
    });
    assert!(n > 1000, "{n} modulefiles");
    // Lmod's own test suite has files luac rejects; tests/luac_agreement.rs checks which.
    eprintln!("{errs} of {n} modulefiles have syntax errors");
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
        check_lua(text).unwrap();
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
        .env("SPECLINT_CACHE_DIR", common::cache_dir())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    // the script exits 1 below its 99.5 % threshold
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("overall:"), "{out}");
}
