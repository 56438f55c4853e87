//! Exact command-line transcripts (command, exit code, stdout, stderr) for the features users
//! script against: suppressions, per-file-ignores, nearest-wins configuration, baselines and
//! rule load errors. Each scenario runs in its own temporary directory with relative paths, so
//! the snapshots hold exactly what a user sees.

mod common;

use common::{stderr, stdout};
use std::path::Path;

use common::TempDir as Scratch;

trait Transcript {
    fn copy(&self, rel: &str, from_repo: &str) -> &Self;
    /// `$ speclint ARGS`, the exit code, then stdout and stderr, as one text.
    fn run(&self, args: &[&str]) -> String;
}

impl Transcript for Scratch {
    fn copy(&self, rel: &str, from_repo: &str) -> &Scratch {
        self.write(rel, std::fs::read_to_string(common::root().join(from_repo)).unwrap())
    }

    fn run(&self, args: &[&str]) -> String {
        transcript(&self.0, args)
    }
}

fn transcript(cwd: &Path, args: &[&str]) -> String {
    let o = common::speclint().current_dir(cwd).args(args).output().unwrap();
    format!(
        "$ speclint {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        o.status.code().map_or("signal".to_string(), |c| c.to_string()),
        stdout(&o),
        stderr(&o)
    )
}

const SPEC: &str = "Name:           demo
Version:        1.0
Release:        1
Summary:        Demo tool
License:        MIT
%description
Demo.
%prep
%setup -n demo-1.0
%files
%license LICENSE
";

#[test]
fn suppressions_transcript() {
    let s = Scratch::new("transcript-suppress");
    s.copy("demo.spec", "tests/fixtures/suppressions.spec");
    insta::assert_snapshot!("suppressions", s.run(&["--policy", "rpm", "--color", "never", "demo.spec"]));
}

#[test]
fn per_file_ignores_transcript() {
    let s = Scratch::new("transcript-pfi");
    s.write("speclint.toml", "policies = [\"rpm\"]\n\n[per-file-ignores]\n\"legacy/**\" = [\"rpm/\"]\n\"specs/old-*.spec\" = [\"rpm/no-changelog\"]\n")
        .write("legacy/demo.spec", SPEC)
        .write("specs/old-demo.spec", SPEC)
        .write("specs/demo.spec", SPEC);
    insta::assert_snapshot!("per_file_ignores", s.run(&["--color", "never", "--statistics", "."]));
}

#[test]
fn nearest_configuration_wins_per_file() {
    let s = Scratch::new("transcript-nearest");
    s.write("speclint.toml", "policies = [\"rpm\"]\nignore = [\"rpm/no-changelog\"]\n")
        .write("top.spec", SPEC)
        .write(
            "sub/speclint.toml",
            "policies = [\"rpm\"]\nignore = [\"rpm/release-without-dist\"]\nfail-on = \"error\"\n",
        )
        .write("sub/inner.spec", SPEC);
    // from the top, each file gets its own nearest configuration
    let top = s.run(&["--format", "json", "--fail-on", "never", "."]);
    let inner = s.run(&["--statistics", "sub"]);
    let forced = s.run(&["--statistics", "--config", "speclint.toml", "sub"]);
    let isolated = s.run(&["--statistics", "--isolated", "."]);
    insta::assert_snapshot!("nearest_config", [top, inner, forced, isolated].join("\n"));
    // The subproject's fail-on = "error" governs its own files only: its warnings don't fail
    // the run, the top file's warnings (default fail-on warning) do.
    assert!(s.run(&["sub"]).contains("exit: 0"));
    assert!(s.run(&["."]).contains("exit: 1"));
}

#[test]
fn baseline_transcript() {
    let s = Scratch::new("transcript-baseline");
    s.write("demo.spec", SPEC);
    let write = s.run(&["baseline", "write", "baseline.json", "demo.spec"]);
    let same = s.run(&["--baseline", "baseline.json", "demo.spec"]);
    // two lines inserted above, one problem fixed (the dist tag), one new (a Packager tag)
    s.write(
        "demo.spec",
        &format!(
            "# packaged for the demo\n\n{}",
            SPEC.replace("Release:        1\n", "Release:        1%{?dist}\nPackager:       Someone\n")
        ),
    );
    let changed = s.run(&["--baseline", "baseline.json", "--color", "never", "demo.spec"]);
    let missing = s.run(&["--baseline", "nope.json", "demo.spec"]);
    insta::assert_snapshot!("baseline", [write, same, changed, missing].join("\n"));
}

#[test]
fn config_and_rule_errors_transcript() {
    let s = Scratch::new("transcript-errors");
    s.write("speclint.toml", "policies = [\"rpm\"]\nfail-on = \"sometimes\"\n").write("demo.spec", SPEC);
    let bad_value = s.run(&["demo.spec"]);
    s.write("speclint.toml", "policies = [\"rpm\"]\n[per-file-ignores]\n\"legacy/[\" = [\"rpm/\"]\n");
    let bad_glob = s.run(&["demo.spec"]);
    s.write("speclint.toml", "policies = [\"./policy.toml\"]\n")
        .write("policy.toml", "name = \"site\"\nrules = [\"site/*\"]\nrule-dirs = [\"rules/site\"]\n")
        .write(
            "rules/site/typo.rhai",
            "//! A rule with a typo in a branch no fixture reaches.\nfn meta() { #{ severity: \"warning\", formats: [\"rpm\"], standard: \"site\" } }\nfn check(doc) {\n    if doc.packages.len() > 99 {\n        return [violation(doc.span, \"many\")].filtr(|f| true);\n    }\n    []\n}\n",
        );
    let unknown_fn = s.run(&["demo.spec"]);
    insta::assert_snapshot!("config_and_rule_errors", [bad_value, bad_glob, unknown_fn].join("\n"));
}
