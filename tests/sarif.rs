//! SARIF output validates against the official SARIF 2.1.0 schema and carries what GitHub
//! code scanning needs.

mod common;

use serde_json::Value;

fn validator() -> Option<jsonschema::Validator> {
    let path = common::shared()?.join("schemas").join("sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    Some(jsonschema::draft4::new(&schema).expect("the SARIF schema compiles"))
}

fn sarif_of(args: &[&str]) -> Value {
    let mut all = vec!["--format", "sarif", "--sarif-category", "speclint/rpm"];
    all.extend_from_slice(args);
    let o = common::run(&all);
    let code = o.status.code();
    assert!(code == Some(0) || code == Some(1), "exit {code:?}: {}", common::stderr(&o));
    serde_json::from_slice(&o.stdout).expect("SARIF output is JSON")
}

fn assert_valid(v: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = v.iter_errors(log).take(20).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
}

#[test]
fn own_corpus_sarif_is_schema_valid_and_complete() {
    let log = sarif_of(&["--policy", "rpm", "corpus/"]);
    match validator() {
        Some(v) => assert_valid(&v, &log),
        None => common::skip("../shared/schemas is absent; structural checks only"),
    }
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "speclint");
    assert_eq!(run["automationDetails"]["id"], "speclint/rpm/");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 12);
    for r in rules {
        for key in ["id", "shortDescription", "fullDescription", "help", "defaultConfiguration"] {
            assert!(r.get(key).is_some(), "rule {} lacks {key}", r["id"]);
        }
        assert!(r["help"]["markdown"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let idx = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("corpus/"), "URI relative to the repository: {uri}");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(res["partialFingerprints"]["primaryLocationLineHash"].as_str().is_some());
    }
}

#[test]
fn shared_corpus_sarif_is_schema_valid() {
    let Some(v) = validator() else {
        return common::skip("../shared is absent");
    };
    let shared = common::shared().unwrap();
    let dir = shared.join("corpus").join("rpm");
    let log = sarif_of(&["--policy", "rpm", dir.to_str().unwrap()]);
    assert_valid(&v, &log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 100);
    // Files outside the current directory get URIs relative to the scanned root.
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert!(!uri.starts_with('/') && !uri.starts_with(".."), "{uri}");
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = std::env::temp_dir().join(format!("speclint-fp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = std::fs::read_to_string(common::root().join("corpus/rpm/bad/legacy.spec")).unwrap();
    let a = dir.join("a.spec");
    std::fs::write(&a, &spec).unwrap();
    let before = sarif_of(&[a.to_str().unwrap()]);
    std::fs::write(&a, format!("# a new comment\n# and another\n{spec}")).unwrap();
    let after = sarif_of(&[a.to_str().unwrap()]);
    let fps = |log: &Value| -> Vec<String> {
        let mut v: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert!(!fps(&before).is_empty());
    assert_eq!(fps(&before), fps(&after));
    let _ = std::fs::remove_dir_all(&dir);
}
