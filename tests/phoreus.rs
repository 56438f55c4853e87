//! The phoreus policy end to end: the good example tree is clean, each broken example gives
//! exactly its EXPECTED findings, SARIF validates, history rules work in a real git repository,
//! and the examples are real rpm and real Lmod (when those tools are installed).

mod common;

use common::{run, stderr, stdout};
use std::path::Path;
use std::process::Command;

#[test]
fn good_tree_has_no_findings() {
    let o = run(&["--policy", "phoreus", "corpus/phoreus/good"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("No findings;"), "{}", stdout(&o));
}

fn findings_in(dir: &Path) -> Vec<String> {
    let o =
        common::speclint().current_dir(dir).args(["--policy", "phoreus", "--format", "json", "."]).output().unwrap();
    assert!(matches!(o.status.code(), Some(0) | Some(1)), "{}: {}", dir.display(), stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut got: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}",
                d["path"].as_str().unwrap().trim_start_matches("./"),
                d["line"],
                d["rule"].as_str().unwrap()
            )
        })
        .collect();
    got.sort();
    got
}

#[test]
fn each_broken_example_gives_exactly_its_findings() {
    let broken = common::root().join("corpus/phoreus/broken");
    let mut dirs: Vec<_> =
        std::fs::read_dir(&broken).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 20);
    let mut problems = Vec::new();
    for d in &dirs {
        let mut expected: Vec<String> = std::fs::read_to_string(d.join("EXPECTED"))
            .unwrap()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        expected.sort();
        let rule = d.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            expected.iter().any(|e| e.ends_with(&format!("phoreus/{rule}"))),
            "{}: EXPECTED does not name its rule",
            d.display()
        );
        let got = findings_in(d);
        if got != expected {
            problems.push(format!("{}:\n  expected {expected:?}\n  got      {got:?}", d.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn phoreus_sarif_is_schema_valid() {
    let o = run(&["--policy", "phoreus", "--format", "sarif", "corpus/phoreus"]);
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let Some(shared) = common::shared() else { return common::skip("../shared is absent") };
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("schemas/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let v = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&log).take(10).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(log["runs"][0]["results"].as_array().unwrap().len() >= 20);
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn history_rules_compare_with_a_git_revision() {
    if Command::new("git").arg("--version").output().is_err() {
        return common::skip("git is not installed");
    }
    let dir = std::env::temp_dir().join(format!("speclint-history-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let good = common::root().join("corpus/phoreus/good/specs");
    let payload = std::fs::read_to_string(good.join("jellyfish/phoreus-jellyfish-2.3.1.spec")).unwrap();
    let meta = std::fs::read_to_string(good.join("jellyfish/phoreus-jellyfish.spec")).unwrap();
    std::fs::write(dir.join("phoreus-jellyfish-2.3.1.spec"), &payload).unwrap();
    std::fs::write(dir.join("phoreus-jellyfish.spec"), &meta).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "base"]);

    let check = |extra: &[&str]| {
        let mut args = vec!["--policy", "phoreus", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(".");
        let o = common::speclint().current_dir(&dir).args(&args).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", stderr(&o)));
        let mut rules: Vec<String> =
            v.as_array().unwrap().iter().map(|d| format!("{}:{}", d["rule"].as_str().unwrap(), d["line"])).collect();
        rules.sort();
        (o.status.code(), rules, stderr(&o))
    };

    // Unchanged since HEAD: clean.
    let (code, rules, _) = check(&["--since", "HEAD"]);
    assert_eq!((code, rules), (Some(0), vec![]));

    // Edit the payload's build without touching Release, and the meta's Requires likewise.
    let edited = payload.replacen("%description", "BuildRequires:  zlib-devel\n\n%description", 1);
    std::fs::write(dir.join("phoreus-jellyfish-2.3.1.spec"), &edited).unwrap();
    let meta_edited = meta.replace("Summary:", "Summary:        (default pointer)\n#Summary:");
    std::fs::write(dir.join("phoreus-jellyfish.spec"), &meta_edited).unwrap();
    let (code, rules, _) = check(&["--since", "HEAD"]);
    assert_eq!(code, Some(1));
    assert!(rules.iter().any(|r| r.starts_with("phoreus/immutable-payload:")), "{rules:?}");
    assert_eq!(rules.iter().filter(|r| r.starts_with("phoreus/release-not-bumped:")).count(), 2, "{rules:?}");

    // Without --since the history rules are skipped, and -v says so.
    let (_, rules, err) = check(&["-v"]);
    assert!(!rules.iter().any(|r| r.contains("release-not-bumped") || r.contains("immutable-payload")), "{rules:?}");
    assert!(err.contains("skipped: phoreus/release-not-bumped"), "{err}");

    // Bumping the meta's Release satisfies release-not-bumped for it.
    let bumped = meta_edited.replacen("Release:        2%{?dist}", "Release:        3%{?dist}", 1);
    assert_ne!(bumped, meta_edited, "the meta example has Release 2");
    std::fs::write(dir.join("phoreus-jellyfish.spec"), &bumped).unwrap();
    let (_, rules, _) = check(&["--since", "HEAD"]);
    assert_eq!(rules.iter().filter(|r| r.starts_with("phoreus/release-not-bumped:")).count(), 1, "{rules:?}");

    // A revision that does not exist is a usage error.
    let o = common::speclint()
        .current_dir(&dir)
        .args(["--policy", "phoreus", "--since", "no-such-rev", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--since no-such-rev"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn examples_are_real_rpm_and_real_lmod() {
    let script = common::root().join("corpus/phoreus/check-with-real-tools.sh");
    let o = Command::new("bash").arg(&script).current_dir(common::root()).output().expect("bash runs");
    let out = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{out}");
    if out.contains("skip") {
        eprintln!("{out}");
    }
}

#[test]
fn a_site_policy_extends_phoreus_adds_a_rule_and_raises_a_severity() {
    let dir = std::env::temp_dir().join(format!("speclint-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let rules = dir.join("rules/site");
    std::fs::create_dir_all(rules.join("vendor-tag")).unwrap();
    std::fs::write(
        dir.join("policy.toml"),
        "name = \"site\"\nextends = [\"phoreus\"]\nrules = [\"site/*\"]\nrule-dirs = [\"rules/site\"]\n\n[severity]\n\"phoreus/hardcoded-path\" = \"error\"\n",
    )
    .unwrap();
    std::fs::write(
        rules.join("vendor-tag.rhai"),
        r#"//! The spec does not set `Vendor: Example Lab`.
//!
//! ## Why
//! Site rule 4.2: every package we build says who built it.
//!
//! ## Fix
//! Add `Vendor: Example Lab`.
//!
//! ## Example
//! ```spec,fail
//! Name: phoreus
//! ```
//! ```spec,pass
//! Name: phoreus
//! Vendor: Example Lab
//! ```
fn meta() { #{ severity: "warning", formats: ["rpm"], standard: "Site packaging rules 4.2" } }
fn check(doc) {
    if tags(doc, "vendor").some(|t| t.value == "Example Lab") { return []; }
    [violation(doc.packages[0].span, "no `Vendor: Example Lab`").help("add `Vendor: Example Lab`")]
}
"#,
    )
    .unwrap();
    std::fs::write(rules.join("vendor-tag/fail.spec"), "Name: phoreus\n#~^ site/vendor-tag\nVersion: 1\n").unwrap();
    std::fs::write(rules.join("vendor-tag/pass.spec"), "Name: phoreus\nVendor: Example Lab\n").unwrap();

    // its fixtures (and the inherited rules' doc examples) pass, from any directory
    let t = common::speclint().current_dir(&dir).args(["test", "--policy", "policy.toml", "site/"]).output().unwrap();
    assert_eq!(t.status.code(), Some(0), "{}{}", stdout(&t), stderr(&t));
    assert!(stdout(&t).contains("ok    site/vendor-tag (4 cases)"), "{}", stdout(&t));
    let pol = dir.join("policy.toml");
    let o = run(&["--policy", pol.to_str().unwrap(), "--format", "json", "corpus/phoreus/broken/hardcoded-path"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
        .collect();
    assert!(found.contains(&("phoreus/hardcoded-path".into(), "error".into())), "raised severity: {found:?}");
    assert!(found.iter().any(|(r, _)| r == "site/vendor-tag"), "the site rule runs: {found:?}");
    // parameters flow through `extends` to the inherited rules: with another root, the good
    // tree's modulefiles point outside it
    std::fs::write(
        dir.join("moved.toml"),
        "name = \"moved\"\nextends = [\"phoreus\"]\n\n[parameters]\nroot = \"/opt/phoreus\"\n",
    )
    .unwrap();
    let moved = dir.join("moved.toml");
    let o = run(&[
        "--policy",
        moved.to_str().unwrap(),
        "--format",
        "json",
        "--select",
        "phoreus/modulefile-path-outside-prefix",
        "corpus/phoreus/good",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v.as_array().unwrap().is_empty(), "root parameter not seen by the rules: {}", stderr(&o));
    let rules_list = run(&["rules", "--policy", pol.to_str().unwrap()]);
    let n = stdout(&rules_list).lines().count();
    assert_eq!(n, 25, "24 phoreus rules + 1 site rule:\n{}", stdout(&rules_list));
    let _ = std::fs::remove_dir_all(&dir);
}
