//! `speclint test`: run the fixtures beside each rule and the examples in its docs.
//!
//! For a rule `DIR/name.rhai`, every file in `DIR/name/` is a fixture whose expected findings
//! are marked with `#~^ policy/rule` lines (see [`crate::testing`]). Each ```` ```spec,fail ````
//! example in the rule's docs must produce at least one finding of the rule, and each
//! ```` ```spec,pass ```` example none.

use super::{TestArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::engine::Checker;
use crate::model::{DocKind, LowerOptions};
use crate::policy::{self, ActiveRule};
use crate::testing::check_fixture;
use std::path::{Path, PathBuf};

/// Outcome of testing one rule: (fixtures run, failure report lines).
pub fn test_rule(engine: &rhai::Engine, rule: &ActiveRule, defines: &[(String, String)]) -> (usize, Vec<String>) {
    let rules = vec![rule.clone()];
    let checker = Checker {
        engine,
        rules: &rules,
        lower: LowerOptions { defines: defines.to_vec() },
        timings: None,
        history: None,
    };
    let id = rule.rule.id.as_str();
    let mut failures = Vec::new();
    let mut count = 0;
    let dir = PathBuf::from(rule.rule.origin.trim_end_matches(".rhai"));
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    fixtures.sort();
    for f in &fixtures {
        let Some(kind) = DocKind::detect(f) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(f) else {
            failures.push(format!("{}: cannot read fixture", f.display()));
            continue;
        };
        count += 1;
        let needs_history = rule.rule.meta.requires.iter().any(|r| r == "history");
        let prev_path = PathBuf::from(format!("{}.prev", f.display()));
        let prev_text = std::fs::read_to_string(&prev_path).ok();
        let history = if needs_history || prev_text.is_some() { Some(prev_text.as_deref()) } else { None };
        let out = check_fixture(&checker, kind, &f.display().to_string(), &text, &[id], history);
        if !out.passed() {
            failures.push(out.report(&f.display().to_string()).trim_end().to_string());
        }
    }
    for (i, ex) in rule.rule.docs.examples.iter().enumerate() {
        let Some(kind) = DocKind::detect(Path::new(&format!("example.{}", ex.lang))) else {
            continue;
        };
        count += 1;
        let name = format!("{} (docs example {})", rule.rule.origin, i + 1);
        let r = checker.check_text(kind, &name, &ex.code);
        let hits = r.diagnostics.iter().filter(|d| d.rule == id).count();
        let errs: Vec<String> = r.tool_errors.iter().map(|t| t.to_string()).collect();
        if !errs.is_empty() {
            failures.push(format!("{name}: {}", errs.join("; ")));
        } else if ex.pass && hits > 0 {
            failures.push(format!("{name}: `pass` example produced {hits} finding(s) of {id}"));
        } else if !ex.pass && hits == 0 {
            failures.push(format!("{name}: `fail` example produced no finding of {id}"));
        }
    }
    (count, failures)
}

pub fn run(args: TestArgs) -> u8 {
    let engine = crate::script::build_engine();
    let specs = if args.policies.is_empty() { vec!["rpm".to_string()] } else { args.policies.clone() };
    let mut failed = 0;
    let mut total = 0;
    let mut rules_tested = 0;
    for s in &specs {
        let pol = match policy::load(&engine, s) {
            Ok(p) => p,
            Err(e) => {
                super::check::report_policy_error(&e);
                return EXIT_ERROR;
            }
        };
        for r in &pol.rules {
            if !args.rules.is_empty()
                && !args.rules.iter().any(|x| r.rule.id == *x || r.rule.id.starts_with(x.as_str()))
            {
                continue;
            }
            rules_tested += 1;
            let (n, fails) = test_rule(&engine, r, &pol.defines);
            total += n;
            if fails.is_empty() {
                println!("ok    {} ({n} cases)", r.rule.id);
            } else {
                failed += 1;
                println!("FAIL  {} ({n} cases)", r.rule.id);
                for f in fails {
                    for line in f.lines() {
                        println!("      {line}");
                    }
                }
            }
        }
    }
    println!("{} passed, {} failed ({} cases)", rules_tested - failed, failed, total);
    if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
