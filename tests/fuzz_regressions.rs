//! Inputs the fuzzers (`fuzz/`, `scripts/fuzz.sh`) once broke, kept in
//! `fuzz/regressions/<target>/`: each goes through the same invariant check as its target and
//! then the whole program, which must not crash on it.

mod common;

use speclint::model::{self, DocKind, LowerOptions};
use speclint::syntax::invariants;

type Target = (&'static str, fn(&str) -> invariants::Outcome, Option<(DocKind, &'static str)>);

const TARGETS: &[Target] = &[
    ("rpm_spec", invariants::rpm_spec, Some((DocKind::RpmSpec, "fuzz.spec"))),
    ("macros", invariants::macros, None),
    ("deb822", invariants::deb822, Some((DocKind::DebControl, "debian/control"))),
    ("changelog", invariants::changelog, Some((DocKind::DebChangelog, "debian/changelog"))),
    ("formula", invariants::formula, Some((DocKind::HomebrewFormula, "Formula/fuzz.rb"))),
    ("lua", invariants::lua, Some((DocKind::LmodModulefile, "modulefiles/fuzz/1.0.lua"))),
];

#[test]
fn every_fuzz_regression_keeps_the_invariants() {
    let root = common::root().join("fuzz/regressions");
    let mut seen = 0;
    let mut failures = vec![];
    for (name, check, lower) in TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join(name)) else { continue };
        for entry in dir.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            seen += 1;
            let outcome = std::panic::catch_unwind(|| {
                let r = check(&text);
                if let Some((kind, path)) = lower {
                    model::lower(*kind, path, &text, &LowerOptions::default());
                }
                r
            });
            match outcome {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => failures.push(format!("{}: {e}", entry.path().display())),
                Err(_) => failures.push(format!("{}: panicked", entry.path().display())),
            }
        }
    }
    assert!(seen > 0, "no regression inputs under {}", root.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_program_checks_every_fuzz_regression() {
    let root = common::root().join("fuzz/regressions");
    let tmp = common::TempDir::new("fuzz-regressions");
    // give each input a name its format is recognised by
    for (name, _, lower) in TARGETS {
        let Some((_, path)) = lower else { continue };
        let Ok(dir) = std::fs::read_dir(root.join(name)) else { continue };
        for (i, entry) in dir.flatten().enumerate() {
            let dest = tmp.0.join(format!("{name}-{i}")).join(path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    let out = common::speclint()
        .args(["-p", "rpm", "-p", "debian", "-p", "homebrew", "-p", "lmod", "-q", "--fail-on", "never"])
        .arg(&tmp.0)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("rule-error"), "{stderr}");
}
