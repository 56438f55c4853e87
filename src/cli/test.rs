//! `speclint test`: run the fixtures beside each rule and the examples in its docs.
//!
//! For a rule `DIR/name.rhai`, every file in `DIR/name/` is a fixture whose expected findings
//! are marked with `#~^ policy/rule` lines (see [`crate::testing`]). Each ```` ```spec,fail ````
//! example in the rule's docs must produce at least one finding of the rule, and each
//! ```` ```spec,pass ```` example none.

use super::{TestArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::engine::{Checker, MemFile};
use crate::model::{DocKind, LowerOptions};
use crate::policy::{self, ActiveRule};
use crate::testing::{check_fixture, check_fixture_set, example_files};
use std::path::{Path, PathBuf};

/// Outcome of testing one rule: (fixtures run, failure report lines).
pub fn test_rule(engine: &rhai::Engine, rule: &ActiveRule, defines: &[(String, String)]) -> (usize, Vec<String>) {
    let rules = vec![rule.clone()];
    let dir = PathBuf::from(rule.rule.origin.trim_end_matches(".rhai"));
    // Rules for installed trees look paths up under the fixture folder, so a fixture can hold
    // the tree it describes (`opt/apps/x/1.0/bin`) and the test never touches the host's `/`.
    let needs_installed = rule.rule.meta.requires.iter().any(|r| r == "installed");
    let checker = Checker {
        engine,
        rules: &rules,
        lower: LowerOptions { defines: defines.to_vec(), base_dir: None },
        timings: None,
        history: None,
        installed: needs_installed.then_some(dir.as_path()),
        progress: None,
        cache: None,
    };
    let id = rule.rule.id.as_str();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    let needs_history = rule.rule.meta.requires.iter().any(|r| r == "history");
    for f in &entries {
        // A directory is one multi-file fixture (for tree rules): all its files are one run.
        if f.is_dir() {
            let files = fixture_tree(f);
            if files.is_empty() {
                continue;
            }
            count += 1;
            let extra = match crate::testing::read_expected(f) {
                Ok(e) => e,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            let tree_checker = Checker {
                engine,
                rules: &rules,
                lower: checker.lower.clone(),
                timings: None,
                history: None,
                installed: needs_installed.then_some(f.as_path()),
                progress: None,
                cache: None,
            };
            let out = check_fixture_set(&tree_checker, &files, &[id], &extra);
            if !out.passed() {
                failures.push(out.report(&f.display().to_string()).trim_end().to_string());
            }
            continue;
        }
        let Some(kind) = DocKind::detect(f) else { continue };
        let Ok(text) = std::fs::read_to_string(f) else {
            failures.push(format!("{}: cannot read fixture", f.display()));
            continue;
        };
        count += 1;
        let prev_path = PathBuf::from(format!("{}.prev", f.display()));
        let prev_text = std::fs::read_to_string(&prev_path).ok();
        let history = if needs_history || prev_text.is_some() { Some(prev_text.as_deref()) } else { None };
        let out = check_fixture(&checker, kind, &f.display().to_string(), &text, &[id], history);
        if !out.passed() {
            failures.push(out.report(&f.display().to_string()).trim_end().to_string());
        }
    }
    for (i, ex) in rule.rule.docs.examples.iter().enumerate() {
        let name = format!("{} (docs example {})", rule.rule.origin, i + 1);
        let all = example_files(&ex.lang, &ex.code);
        // `#==> NAME.prev` is the file as it was at the `--since` revision (history rules).
        let previous = all.iter().find(|(n, _, _)| n.ends_with(".prev")).map(|(_, t, _)| t.clone());
        let files: Vec<MemFile> = all
            .into_iter()
            .filter_map(|(n, t, link)| {
                DocKind::detect(Path::new(&n)).map(|k| MemFile { kind: k, name: n, text: t, disk: None, link })
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        count += 1;
        let r = if needs_history {
            checker.check_text_with_previous(files[0].kind, &files[0].name, &files[0].text, previous.as_deref())
        } else {
            checker.run_mem(&files)
        };
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

/// Every recognised file under `dir` (symlinks included, dangling ones as empty files), sorted.
fn fixture_tree(dir: &Path) -> Vec<MemFile> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
            if p.is_dir() && !is_link {
                stack.push(p);
            } else if let Some(kind) = DocKind::detect(&p) {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                out.push(MemFile { kind, name: p.display().to_string(), text, disk: Some(p.clone()), link: None });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
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
