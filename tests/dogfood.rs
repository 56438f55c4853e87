//! speclint is packaged the way it tells others to package: `packaging/` holds an RPM spec, a
//! `debian/` directory and a Homebrew formula for speclint itself, and each is clean under the
//! matching built-in policy. CHANGELOG.md follows Keep a Changelog (checked by the immunos
//! rule for it), and `--version` is Cargo.toml's version.

mod common;

use common::{run, stderr, stdout};

fn clean(args: &[&str]) {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "speclint {}:\n{}{}", args.join(" "), stdout(&o), stderr(&o));
}

#[test]
fn packaging_of_speclint_is_clean() {
    clean(&["--policy", "rpm", "packaging/speclint.spec"]);
    clean(&["--policy", "debian", "packaging/debian"]);
    clean(&["--policy", "homebrew", "packaging/homebrew"]);
}

#[test]
fn packaging_versions_match_cargo_toml() {
    let version = env!("CARGO_PKG_VERSION");
    let spec = std::fs::read_to_string(common::root().join("packaging/speclint.spec")).unwrap();
    assert!(spec.lines().any(|l| l.starts_with("Version:") && l.trim_end().ends_with(version)), "spec Version");
    let changelog = std::fs::read_to_string(common::root().join("packaging/debian/changelog")).unwrap();
    assert!(changelog.starts_with(&format!("speclint ({version}-")), "debian/changelog");
    let formula = std::fs::read_to_string(common::root().join("packaging/homebrew/speclint.rb")).unwrap();
    assert!(formula.contains(&format!("/v{version}.tar.gz")), "formula url");
    let o = run(&["--version"]);
    assert_eq!(stdout(&o).trim(), format!("speclint {version}"));
}

#[test]
fn changelog_follows_keep_a_changelog() {
    clean(&["--policy", "immunos", "--select", "immunos/changelog-format", "CHANGELOG.md"]);
}
