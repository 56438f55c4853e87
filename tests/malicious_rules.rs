//! Rules from a repository being audited are untrusted code. They run in a Rhai sandbox with
//! no file, process or network access; every limit (operations, call depth, string, array and
//! map sizes) turns a runaway rule into a `rule-error` while the other rules and files are
//! still checked; `eval` and `import` are refused when the rule loads.

mod common;

use common::{stderr, stdout};
use std::path::PathBuf;

struct Policy(PathBuf);

impl Policy {
    fn new(name: &str, rules: &[(&str, &str)]) -> Policy {
        let dir = std::env::temp_dir().join(format!("speclint-malicious-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("rules/evil")).unwrap();
        std::fs::write(dir.join("evil.toml"), "name = \"evil\"\nrules = [\"evil/*\"]\nrule-dirs = [\"rules/evil\"]\n")
            .unwrap();
        for (name, body) in rules {
            std::fs::write(
                dir.join(format!("rules/evil/{name}.rhai")),
                format!("//! {name}.\nfn meta() {{ #{{ severity: \"warning\", formats: [\"rpm\"], standard: \"test\" }} }}\n{body}\n"),
            )
            .unwrap();
        }
        Policy(dir)
    }

    fn run(&self, extra: &[&str]) -> std::process::Output {
        let pol = self.0.join("evil.toml");
        let mut args = vec!["--policy", pol.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        args.extend(["corpus/rpm/good/jq.spec", "corpus/rpm/bad/legacy.spec"]);
        common::speclint().args(&args).output().unwrap()
    }
}

impl Drop for Policy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const HONEST: (&str, &str) =
    ("honest", "fn check(doc) { [violation(doc.packages[0].name_span, \"checked \" + doc.packages[0].name)] }");

#[test]
fn runaway_rules_become_rule_errors_and_the_run_goes_on() {
    let p = Policy::new(
        "runaway",
        &[
            HONEST,
            ("spin", "fn check(doc) { loop { } }"),
            ("huge-string", "fn check(doc) { let s = \"xxxxxxxx\"; loop { s += s; } }"),
            ("huge-array", "fn check(doc) { let a = []; loop { a.push(a.len()); } }"),
            ("huge-map", "fn check(doc) { let m = #{}; let i = 0; loop { m[`k${i}`] = i; i += 1; } }"),
            ("deep-recursion", "fn dive(n) { dive(n + 1) }\nfn check(doc) { dive(0) }"),
            ("tree-spin", "fn check_tree(docs) { while true { } }"),
            ("writes-model", "fn check(doc) { doc.packages[0].name = \"pwned\"; [] }"),
            ("throws", "fn check(doc) { throw \"boom\"; }"),
            // few operations, each slow: under the operation limit, stopped by the time budget
            ("slow", "fn check(doc) { let s = \"\"; s.pad(4000000, 'x'); let n = 0; for i in 0..300000 { if s.contains(\"y\") { n += 1; } } [] }"),
        ],
    );
    let o = p.run(&[]);
    assert_eq!(o.status.code(), Some(2), "rule errors are tool failures: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"checked jq") && names.contains(&"checked legacytool"),
        "honest rule ran on both: {names:?}"
    );
    let err = stderr(&o);
    for rule in [
        "spin",
        "huge-string",
        "huge-array",
        "huge-map",
        "deep-recursion",
        "tree-spin",
        "writes-model",
        "throws",
        "slow",
    ] {
        assert!(err.contains(&format!("rule-error[evil/{rule}]")), "{rule} is a rule-error:\n{err}");
    }
    assert!(err.contains("time budget"), "{err}");
    // the model is read-only: the honest rule saw the real names
    assert!(!stdout(&o).contains("pwned"));
}

#[test]
fn no_file_process_network_eval_or_import() {
    for (name, body, expect) in [
        ("eval", "fn check(doc) { eval(\"1 + 1\") }", "eval"),
        ("import", "import \"../../../../etc/passwd\" as pw;\nfn check(doc) { [] }", "import"),
        ("open-file", "fn check(doc) { open_file(\"/etc/passwd\") }", "open_file"),
        ("run-process", "fn check(doc) { system(\"id\") }", "system"),
        ("network", "fn check(doc) { http_get(\"https://example.org\") }", "http_get"),
    ] {
        let p = Policy::new(name, &[HONEST, (name, body)]);
        let o = p.run(&[]);
        assert_eq!(o.status.code(), Some(2), "{name}: refused at load");
        assert!(stderr(&o).contains(expect), "{name}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{name}: nothing ran");
    }
    // path_exists is the one file-system question, and only under --installed's root
    let p = Policy::new(
        "exists",
        &[(
            "probe",
            "fn check(doc) { let e = path_exists(doc, \"/etc/passwd\"); [violation(doc.span, `exists: ${e}`)] }",
        )],
    );
    let v: serde_json::Value = serde_json::from_slice(&p.run(&[]).stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|d| d["message"] == "exists: "), "() without --installed: {v}");
    let empty_root = p.0.join("root");
    std::fs::create_dir_all(&empty_root).unwrap();
    let root_arg = format!("--installed={}", empty_root.display());
    let v: serde_json::Value = serde_json::from_slice(&p.run(&[&root_arg]).stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|d| d["message"] == "exists: false"), "looked up under ROOT only: {v}");
}
