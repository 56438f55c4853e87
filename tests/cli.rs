//! The command line as users see it: exit codes, output formats, subcommands, determinism.

mod common;

use common::{run, stderr, stdout};

#[test]
fn clean_files_exit_zero() {
    let o = run(&["--policy", "rpm", "corpus/rpm/good"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("No findings; 2 files checked."));
}

#[test]
fn findings_exit_one_and_fail_on_moves_the_threshold() {
    let o = run(&["--policy", "rpm", "corpus/rpm/bad/legacy.spec"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["--policy", "rpm", "--fail-on", "never", "corpus/rpm/bad/legacy.spec"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn usage_and_config_errors_exit_two() {
    assert_eq!(run(&["--policy", "no-such-policy", "corpus"]).status.code(), Some(2));
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["corpus/does-not-exist"]).status.code(), Some(2));
    assert_eq!(run(&["explain", "rpm/no-such-rule"]).status.code(), Some(2));
}

#[test]
fn pretty_output_snapshot() {
    let o = run(&[
        "--policy",
        "rpm",
        "--color",
        "never",
        "corpus/rpm/bad/legacy.spec",
        "corpus/rpm/bad/broken-syntax.spec",
    ]);
    insta::assert_snapshot!("pretty_bad_corpus", stdout(&o));
}

#[test]
fn json_output_snapshot() {
    let o = run(&["--policy", "rpm", "--format", "json", "corpus/rpm/bad/legacy.spec"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON array");
    assert!(v.as_array().is_some_and(|a| !a.is_empty()));
    insta::assert_snapshot!("json_legacy", stdout(&o));
}

#[test]
fn parse_errors_are_findings_and_the_rest_is_still_checked() {
    let o = run(&["--policy", "rpm", "--format", "json", "corpus/rpm/bad/broken-syntax.spec"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"parse-error"));
    assert!(rules.contains(&"rpm/setup-not-quiet"), "rules still ran after the parse error: {rules:?}");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    // every built-in policy (tree rules included) over the whole example corpus, in each
    // format, at -j1 and -j8, each twice: the same bytes every time
    let policies = ["-p", "rpm", "-p", "phoreus", "-p", "immunos", "-p", "debian", "-p", "homebrew", "-p", "lmod"];
    for format in ["json", "sarif", "pretty"] {
        let mut outputs = Vec::new();
        for jobs in ["1", "8", "1", "8"] {
            let mut args = policies.to_vec();
            args.extend(["--format", format, "--color", "never", "-j", jobs, "corpus/"]);
            outputs.push(stdout(&run(&args)));
        }
        assert!(!outputs[0].is_empty());
        assert!(outputs.iter().all(|o| o == &outputs[0]), "{format} output differs between runs or thread counts");
    }
}

#[test]
fn rules_explain_dump_policies() {
    let o = run(&["rules", "--policy", "rpm"]);
    assert_eq!(o.status.code(), Some(0));
    let ids: Vec<String> = stdout(&o).lines().map(|l| l.split_whitespace().next().unwrap_or("").to_string()).collect();
    assert!(ids.len() >= 12, "rpm has {} rules", ids.len());
    for id in &ids {
        let e = run(&["explain", id]);
        assert_eq!(e.status.code(), Some(0), "explain {id}");
        let text = stdout(&e);
        assert!(text.contains("## Why") && text.contains("## Fix"), "explain {id} lacks rationale or fix:\n{text}");
    }
    let d = run(&["dump", "corpus/rpm/good/jq.spec"]);
    let v: serde_json::Value = serde_json::from_slice(&d.stdout).unwrap();
    assert_eq!(v["kind"], "rpm-spec");
    assert_eq!(v["packages"][0]["name"], "jq");
    assert_eq!(v["packages"][0]["version"], "1.7.1");
    assert_eq!(v["packages"][0]["release"], "2.el9");
    assert_eq!(v["packages"][1]["name"], "jq-libs");
    let p = run(&["policies"]);
    assert!(stdout(&p).contains("rpm"));
}

#[test]
fn define_changes_expansion() {
    let d = run(&["dump", "--define", "dist .fc40", "corpus/rpm/good/jq.spec"]);
    let v: serde_json::Value = serde_json::from_slice(&d.stdout).unwrap();
    assert_eq!(v["packages"][0]["release"], "2.fc40");
}

#[test]
fn output_file_is_written() {
    let out = std::env::temp_dir().join(format!("speclint-out-{}.json", std::process::id()));
    let o = run(&["--policy", "rpm", "--format", "json", "--output", out.to_str().unwrap(), "corpus/rpm/good"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap().trim(), "[]");
    let _ = std::fs::remove_file(out);
}

#[test]
fn broken_rules_fail_at_load_and_runaway_rules_are_contained() {
    let dir = std::env::temp_dir().join(format!("speclint-pol-{}", std::process::id()));
    let rules = dir.join("rules").join("site");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    std::fs::write(dir.join("policies/site.toml"), "name = \"site\"\nrules = [\"site/*\"]\n").unwrap();
    std::fs::write(rules.join("spin.rhai"), "//! Spins.\nfn meta() { #{ severity: \"warning\", formats: [\"rpm\"], standard: \"test\" } }\nfn check(doc) { loop {} }\n").unwrap();
    std::fs::write(rules.join("ok.rhai"), "//! Names.\nfn meta() { #{ severity: \"warning\", formats: [\"rpm\"], standard: \"test\" } }\nfn check(doc) { [violation(doc.packages[0].name_span, \"named \" + doc.packages[0].name)] }\n").unwrap();
    let pol = dir.join("policies/site.toml");
    let o = run(&["--policy", pol.to_str().unwrap(), "--format", "json", "corpus/rpm/good/jq.spec"]);
    assert_eq!(o.status.code(), Some(2), "a rule-error is a tool failure");
    assert!(stdout(&o).contains("named jq"), "the other rule still reported: {}", stdout(&o));
    assert!(stderr(&o).contains("rule-error[site/spin]") && stderr(&o).contains("operation limit"), "{}", stderr(&o));
    std::fs::write(
        rules.join("spin.rhai"),
        "//! Broken.\nfn meta() { #{ severity: \"warning\" } }\nfn check(doc) { let x = ; }\n",
    )
    .unwrap();
    let o = run(&["--policy", pol.to_str().unwrap(), "corpus/rpm/good/jq.spec"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("spin.rhai:3"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn suppressions_hide_findings_and_are_checked_themselves() {
    let o = run(&["--policy", "rpm", "--format", "json", "tests/fixtures/suppressions.spec"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<String> =
        v.as_array().unwrap().iter().map(|d| format!("{}:{}", d["line"], d["rule"].as_str().unwrap())).collect();
    assert_eq!(
        got,
        vec![
            // the suppression on line 6 covers line 7, not the Name line the finding is on
            "1:rpm/no-changelog",
            "6:speclint/unused-suppression",
            // line 11's %setup is suppressed by the comment above it; line 12's by its own
            // trailing comment, which gives no reason
            "12:speclint/suppression-without-reason",
            "13:speclint/unused-suppression",
        ]
    );
    // SARIF gives the meta rules driver entries, so every result has a ruleIndex
    let s = run(&["--policy", "rpm", "--format", "sarif", "tests/fixtures/suppressions.spec"]);
    let log: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    assert!(log["runs"][0]["results"].as_array().unwrap().iter().all(|r| r["ruleIndex"].is_u64()));
}

#[test]
fn select_ignore_extend_select_and_statistics() {
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut r: Vec<String> =
            v.as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_string()).collect();
        r.sort();
        r.dedup();
        r
    };
    let legacy = "corpus/rpm/bad/legacy.spec";
    assert_eq!(rules_of(&["--select", "rpm/setup-not-quiet", legacy]), vec!["rpm/setup-not-quiet"]);
    let prefixed = rules_of(&["--select", "rpm/hardcoded-", legacy]);
    assert!(!prefixed.is_empty() && prefixed.iter().all(|r| r.starts_with("rpm/hardcoded-")), "{prefixed:?}");
    assert!(!rules_of(&["--ignore", "rpm/setup-not-quiet", legacy]).contains(&"rpm/setup-not-quiet".to_string()));
    // a rule of another policy, on top of rpm's
    let extended = rules_of(&["--extend-select", "phoreus/name-convention", legacy]);
    assert!(
        extended.contains(&"phoreus/name-convention".to_string())
            && extended.contains(&"rpm/setup-not-quiet".to_string())
    );
    assert_eq!(run(&["--select", "rpm/no-such", legacy]).status.code(), Some(2));
    let s = run(&["--statistics", "--fail-on", "never", legacy]);
    assert!(
        stdout(&s).lines().any(|l| l.trim_start().starts_with('1') && l.contains("rpm/setup-not-quiet")),
        "{}",
        stdout(&s)
    );
}

#[test]
fn baseline_reports_only_new_findings_and_counts_fixed_ones() {
    let dir = std::env::temp_dir().join(format!("speclint-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = std::fs::read_to_string(common::root().join("corpus/rpm/bad/legacy.spec")).unwrap();
    let file = dir.join("legacy.spec");
    std::fs::write(&file, &spec).unwrap();
    let base = dir.join("baseline.json");
    let w = common::speclint()
        .current_dir(&dir)
        .args(["baseline", "write", "baseline.json", "legacy.spec"])
        .output()
        .unwrap();
    assert_eq!(w.status.code(), Some(0), "{}", stderr(&w));
    let recorded: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let n = recorded["entries"].as_array().unwrap().len();
    assert!(n > 10);
    // lines inserted above, one new problem, one old problem fixed
    let changed = format!(
        "# a new comment\n{}",
        spec.replacen("Summary:", "Packager:       Someone\nSummary:", 1).replace("Obsoletes:      oldtool\n", "")
    );
    std::fs::write(&file, changed).unwrap();
    let o = common::speclint()
        .current_dir(&dir)
        .args(["--baseline", "baseline.json", "--format", "json", "legacy.spec"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["rpm/hardcoded-packager-tag"]);
    assert!(stderr(&o).contains(&format!("{} findings are in the baseline", n - 1)), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 baseline entry is gone (fixed)"), "{}", stderr(&o));
    let bad = common::speclint().current_dir(&dir).args(["--baseline", "nope.json", "legacy.spec"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_file_is_discovered_applied_and_validated() {
    let dir = std::env::temp_dir().join(format!("speclint-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let spec = std::fs::read_to_string(common::root().join("corpus/rpm/bad/legacy.spec")).unwrap();
    for d in ["specs", "legacy", "vendor"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
        std::fs::write(dir.join(d).join("legacy.spec"), &spec).unwrap();
    }
    std::fs::write(
        dir.join("speclint.toml"),
        "policies = [\"rpm\"]\nignore = [\"rpm/buildroot-tag\"]\nfail-on = \"error\"\nexclude = [\"vendor/**\"]\n\n[per-file-ignores]\n\"legacy/**\" = [\"rpm/\"]\n\n[severity]\n\"rpm/setup-not-quiet\" = \"error\"\n",
    )
    .unwrap();
    let check = |cwd: &std::path::Path, args: &[&str]| {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let o = common::speclint().current_dir(cwd).args(&all).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
        (o.status.code(), v, stderr(&o))
    };
    let (code, v, _) = check(&dir.join("specs"), &["."]);
    assert_eq!(code, Some(1), "fail-on = error, and the spec has errors");
    let findings = v.as_array().unwrap();
    assert!(!findings.iter().any(|d| d["rule"] == "rpm/buildroot-tag"), "ignored by the config");
    assert!(
        findings.iter().any(|d| d["rule"] == "rpm/setup-not-quiet" && d["severity"] == "error"),
        "severity override"
    );
    let (_, v, _) = check(&dir, &["specs", "legacy", "vendor"]);
    let paths: std::collections::BTreeSet<&str> =
        v.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        vec!["specs/legacy.spec"],
        "vendor excluded, legacy per-file-ignored"
    );
    let (_, v, _) = check(&dir, &["--isolated", "specs"]);
    assert!(v.as_array().unwrap().iter().any(|d| d["rule"] == "rpm/buildroot-tag"), "--isolated ignores the config");
    std::fs::write(dir.join("bad.toml"), "polices = [\"rpm\"]\n").unwrap();
    let (code, _, err) = check(&dir, &["--config", "bad.toml", "specs"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown field `polices`") && err.contains("bad.toml:1:1"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_writes_a_working_site_policy() {
    let dir = std::env::temp_dir().join(format!("speclint-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let i = common::speclint().current_dir(&dir).args(["init", "--policy", "rpm"]).output().unwrap();
    assert_eq!(i.status.code(), Some(0), "{}", stderr(&i));
    let t = common::speclint()
        .current_dir(&dir)
        .args(["test", "--policy", "speclint/policy.toml", "site/"])
        .output()
        .unwrap();
    assert_eq!(t.status.code(), Some(0), "{}", stdout(&t));
    std::fs::write(dir.join("demo.spec"), "Name: demo\nVersion: 1\n").unwrap();
    let o = common::speclint().current_dir(&dir).args(["--format", "json", "--fail-on", "never"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: std::collections::BTreeSet<&str> =
        v.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths.into_iter().collect::<Vec<_>>(), vec!["demo.spec"], "the policy's own fixtures are excluded");
    assert!(v.as_array().unwrap().iter().any(|d| d["rule"] == "site/vendor-tag"));
    assert_eq!(
        common::speclint().current_dir(&dir).arg("init").output().unwrap().status.code(),
        Some(2),
        "never overwrites"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_rule_calling_an_unknown_function_fails_at_load() {
    let dir = std::env::temp_dir().join(format!("speclint-unknown-fn-{}", std::process::id()));
    let rules = dir.join("rules").join("site");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(dir.join("site.toml"), "name = \"site\"\nrules = [\"site/*\"]\nrule-dirs = [\"rules/site\"]\n")
        .unwrap();
    let rule = |body: &str| {
        format!("//! Test.\nfn meta() {{ #{{ severity: \"warning\", formats: [\"rpm\"], standard: \"t\" }} }}\nfn two(a, b) {{ a }}\nfn check(doc) {{\n    if doc.packages.len() > 99 {{ {body} }}\n    []\n}}\n")
    };
    let pol = dir.join("site.toml");
    for (body, expect) in [
        ("prepend_pth(1);", Some("unknown function `prepend_pth`")),
        ("two(1);", Some("`two` is called with 1 argument(s)")),
        ("\"x\".to_uper();", Some("unknown function `to_uper`")),
        // registered API, standard library, Rhai keywords, own functions, closures
        ("regex_match(\"a\", \"b\"); \"x\".to_upper(); type_of(1); two(1, 2); [1].filter(|x| x > 0); let f = Fn(\"two\"); f.call(1, 2);", None),
    ] {
        std::fs::write(rules.join("t.rhai"), rule(body)).unwrap();
        let o = run(&["--policy", pol.to_str().unwrap(), "corpus/rpm/good/jq.spec"]);
        match expect {
            Some(msg) => {
                assert_eq!(o.status.code(), Some(2), "{body}");
                assert!(stderr(&o).contains(msg) && stderr(&o).contains("t.rhai:5:"), "{body}: {}", stderr(&o));
            }
            None => assert_eq!(o.status.code(), Some(0), "{body}: {}", stderr(&o)),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ci_formats_github_gitlab_junit_snapshots() {
    let files = ["--policy", "rpm", "corpus/rpm/bad/legacy.spec", "corpus/rpm/good/jq.spec"];
    let gh = run(&[&["--format", "github"][..], &files].concat());
    assert_eq!(gh.status.code(), Some(1));
    // one workflow command per line, with every property GitHub reads
    for l in stdout(&gh).lines() {
        assert!(l.starts_with("::warning file=") || l.starts_with("::error file=") || l.starts_with("::notice file="));
        assert!(["line=", "col=", "endLine=", "endColumn=", "title="].iter().all(|k| l.contains(k)), "{l}");
    }
    insta::assert_snapshot!("format_github", stdout(&gh));

    let gl = run(&[&["--format", "gitlab"][..], &files].concat());
    let v: serde_json::Value = serde_json::from_slice(&gl.stdout).unwrap();
    let issues = v.as_array().unwrap();
    let mut fps = std::collections::HashSet::new();
    for i in issues {
        for k in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[k].is_string(), "{k} in {i}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()));
        assert!(i["location"]["path"].is_string() && i["location"]["positions"]["begin"]["line"].is_u64());
        assert!(fps.insert(i["fingerprint"].as_str().unwrap().to_string()), "fingerprints are unique");
    }
    insta::assert_snapshot!("format_gitlab", stdout(&gl));

    let ju = run(&[&["--format", "junit"][..], &files].concat());
    let text = stdout(&ju);
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let failures: usize = root.attribute("failures").unwrap().parse().unwrap();
    assert_eq!(failures, doc.descendants().filter(|n| n.has_tag_name("failure")).count());
    assert!(failures > 0);
    // the clean file is a passing test case
    assert!(doc.descendants().any(|n| n.has_tag_name("testsuite")
        && n.attribute("name") == Some("corpus/rpm/good/jq.spec")
        && n.attribute("failures") == Some("0")));
    insta::assert_snapshot!("format_junit", text);
}

#[test]
fn audit_options_output_dir_statistics_no_ignore_hidden_files() {
    let dir = std::env::temp_dir().join(format!("speclint-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let legacy = std::fs::read_to_string(common::root().join("corpus/rpm/bad/legacy.spec")).unwrap();
    let jq = std::fs::read_to_string(common::root().join("corpus/rpm/good/jq.spec")).unwrap();
    for (p, t) in [
        ("audit/repo-a/specs/legacy.spec", legacy.as_str()),
        ("audit/repo-b/jq.spec", jq.as_str()),
        ("audit/repo-b/vendor/legacy.spec", legacy.as_str()),
        ("audit/repo-b/.hidden.spec", legacy.as_str()),
        ("audit/repo-b/.git/legacy.spec", legacy.as_str()),
        ("audit/repo-b/.ignore", "vendor/\n"),
    ] {
        let f = dir.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, t).unwrap();
    }
    let speclint = |args: &[&str]| common::speclint().current_dir(&dir).args(args).output().unwrap();
    let o = speclint(&["--policy", "rpm", "--format", "sarif", "--output-dir", "out", "audit"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut written: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["repo-a.sarif", "repo-b.sarif"]);
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/repo-b.sarif")).unwrap()).unwrap();
    let uris: std::collections::BTreeSet<String> = b["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_string())
        .collect();
    // hidden files are walked, hidden directories and .ignore'd ones are not
    assert_eq!(uris.into_iter().collect::<Vec<_>>(), ["audit/repo-b/.hidden.spec"], "{b}");
    assert!(stdout(&o).contains("out/repo-a.sarif: "), "{}", stdout(&o));
    // --no-ignore lints what .ignore hides (hidden directories stay out)
    let o = speclint(&["--policy", "rpm", "--format", "json", "--no-ignore", "audit/repo-b"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|d| d["path"] == "audit/repo-b/vendor/legacy.spec"));
    assert!(!v.as_array().unwrap().iter().any(|d| d["path"].as_str().unwrap().contains(".git/")));
    // statistics: per rule, then per policy when several report
    let o = speclint(&["-p", "rpm", "-p", "phoreus", "--statistics", "audit"]);
    let out = stdout(&o);
    assert!(
        out.contains("per policy:") && out.lines().any(|l| l.trim_start().contains("rpm") && l.contains("in 2 files")),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_include_and_parameters() {
    let dir = std::env::temp_dir().join(format!("speclint-config-params-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let copy = |from: &str, to: &str| {
        let t = std::fs::read_to_string(common::root().join(from)).unwrap();
        let f = dir.join(to);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, t).unwrap();
    };
    copy("corpus/rpm/bad/legacy.spec", "specs/legacy.spec");
    copy("corpus/rpm/bad/legacy.spec", "attic/legacy.spec");
    copy("corpus/phoreus/good/specs/jellyfish/phoreus-jellyfish-2.3.0.spec", "phoreus/phoreus-jellyfish-2.3.0.spec");
    let json = |args: &[&str]| -> Vec<(String, String)> {
        let o = common::speclint()
            .current_dir(&dir)
            .args(args)
            .args(["--format", "json", "--fail-on", "never"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| (d["path"].as_str().unwrap().to_string(), d["rule"].as_str().unwrap().to_string()))
            .collect()
    };
    std::fs::write(dir.join("speclint.toml"), "policies = [\"rpm\"]\ninclude = [\"specs/**\"]\n").unwrap();
    let found = json(&["."]);
    assert!(!found.is_empty() && found.iter().all(|(p, _)| p.starts_with("specs/")), "{found:?}");
    // a file named on the command line is checked whatever `include` says
    assert!(json(&["attic/legacy.spec"]).iter().any(|(p, _)| p == "attic/legacy.spec"));
    // [parameters] override the policy's: the Phoreus root moves, so the clean payload is now
    // outside it
    std::fs::write(dir.join("speclint.toml"), "policies = [\"phoreus\"]\n").unwrap();
    let before = json(&["phoreus"]);
    std::fs::write(dir.join("speclint.toml"), "policies = [\"phoreus\"]\n[parameters]\nroot = \"/opt/elsewhere\"\n")
        .unwrap();
    let after = json(&["phoreus"]);
    assert!(after.len() > before.len(), "before {before:?}\nafter {after:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
