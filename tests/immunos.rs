//! The immunos policy end to end: the good project is clean, each broken copy gives exactly
//! its EXPECTED findings, a directory of several projects is checked project by project, and
//! `speclint dump` works for every file of the project.

mod common;

use common::{run, stderr, stdout};
use std::path::Path;

#[test]
fn good_project_has_no_findings() {
    let o = run(&["--policy", "immunos", "corpus/immunos/good"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("No findings;"), "{}", stdout(&o));
}

fn findings_in(dir: &Path) -> Vec<String> {
    let o =
        common::speclint().current_dir(dir).args(["--policy", "immunos", "--format", "json", "."]).output().unwrap();
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
fn each_broken_copy_gives_exactly_its_findings() {
    let broken = common::root().join("corpus/immunos/broken");
    let mut dirs: Vec<_> =
        std::fs::read_dir(&broken).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 19);
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
            expected.iter().all(|e| e.ends_with(&format!("immunos/{rule}"))),
            "{}: EXPECTED names other rules",
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
fn a_directory_of_projects_is_checked_project_by_project() {
    // Twenty projects side by side: each broken copy still gives only its own findings, so
    // versions and licenses are compared within a project, never across projects.
    let o = run(&["--policy", "immunos", "--format", "json", "corpus/immunos"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for d in v.as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        let rule = d["rule"].as_str().unwrap();
        let dir = path.trim_start_matches("corpus/immunos/broken/").split('/').next().unwrap();
        assert_eq!(rule, format!("immunos/{dir}"), "{path}: {rule} fired outside its broken copy");
    }
}

#[test]
fn missing_files_are_reported_at_their_path_in_sarif() {
    let o = run(&["--policy", "immunos", "--format", "sarif", "corpus/immunos/broken/license-file"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "corpus/immunos/broken/license-file/LICENSE");
    assert_eq!(loc["region"]["startLine"], 1);
}

#[test]
fn every_project_file_dumps_as_its_format() {
    let good = common::root().join("corpus/immunos/good");
    let cases = [
        ("pyproject.toml", "pyproject"),
        ("package.json", "package-json"),
        ("LICENSE", "license-text"),
        ("README.md", "readme"),
        ("CHANGELOG.md", "changelog-md"),
        ("MANIFEST.in", "manifest-in"),
        ("src/immunos/__init__.py", "python-init"),
        ("Dockerfile", "dockerfile"),
        ("snap/snapcraft.yaml", "snapcraft"),
        ("flatpak/com.biobitworks.Immunos.yml", "flatpak-manifest"),
        ("packaging/winget/BiobitWorks.Immunos.yaml", "winget-manifest"),
        ("packaging/chocolatey/immunos.nuspec", "nuspec"),
        ("packaging/homebrew/immunos.rb", "homebrew-formula"),
        ("packaging/rpm/immunos.spec", "rpm-spec"),
        ("debian/control", "deb-control"),
        ("debian/copyright", "deb-copyright"),
        ("debian/changelog", "deb-changelog"),
        ("debian/rules", "deb-rules"),
    ];
    for (file, kind) in cases {
        let p = good.join(file);
        let o = run(&["dump", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["kind"], kind, "{file}");
        assert_eq!(v["parse_errors"], serde_json::json!([]), "{file}");
    }
    let lic = run(&["dump", good.join("LICENSE").to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&lic.stdout).unwrap();
    assert_eq!(v["license"], "MIT");
    let init = run(&["dump", good.join("src/immunos/__init__.py").to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&init.stdout).unwrap();
    assert_eq!(v["version"]["text"], "1.4.2");
}
