//! The result cache: a warm run reports exactly what a cold one does, tree rules still run,
//! and anything a result depends on (the file, the rules' parameters) invalidates it.

mod common;

use common::TempDir;

fn run(cache: &std::path::Path, dir: &std::path::Path, extra: &[&str]) -> (String, String) {
    let o = common::speclint()
        .current_dir(dir)
        .env("SPECLINT_CACHE_DIR", cache)
        .args(["--format", "json", "--fail-on", "never", "-v"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    (common::stdout(&o), common::stderr(&o))
}

fn project(name: &str) -> TempDir {
    let t = TempDir::new(&format!("cache-project-{name}"));
    for (from, to) in [
        ("corpus/rpm/bad/legacy.spec", "specs/legacy.spec"),
        ("corpus/phoreus/good/specs/jellyfish/phoreus-jellyfish-2.3.0.spec", "specs/a/phoreus-jellyfish-2.3.0.spec"),
        ("corpus/phoreus/good/specs/jellyfish/phoreus-jellyfish-2.3.0.spec", "specs/b/phoreus-jellyfish-2.3.0.spec"),
    ] {
        t.write(to, std::fs::read(common::root().join(from)).unwrap());
    }
    t
}

#[test]
fn a_warm_run_reports_what_a_cold_run_does() {
    let t = project("warm");
    let cache = TempDir::new("cache-warm");
    let args = ["-p", "rpm", "-p", "phoreus", "."];
    let (cold, err) = run(&cache.0, &t.0, &args);
    assert!(err.contains("cache: 0 hits, 3 misses"), "{err}");
    assert!(cache.0.join("CACHEDIR.TAG").is_file());
    let (warm, err) = run(&cache.0, &t.0, &args);
    assert!(err.contains("cache: 3 hits, 0 misses"), "{err}");
    assert_eq!(cold, warm);
    // the tree rule still ran on the warm run: the two copies collide
    assert!(warm.contains("phoreus/prefix-collision") && warm.contains("rpm/"), "{warm}");
    let (fresh, err) = run(&cache.0, &t.0, &["--no-cache", "-p", "rpm", "-p", "phoreus", "."]);
    assert!(!err.contains("cache:"), "{err}");
    assert_eq!(fresh, cold);
}

#[test]
fn a_changed_file_or_parameter_is_checked_again() {
    let t = project("invalidate");
    let cache = TempDir::new("cache-invalidate");
    let args = ["-p", "rpm", "-p", "phoreus", "."];
    let (before, _) = run(&cache.0, &t.0, &args);
    // a finding fixed in one file: one miss, and the finding is gone
    let spec = t.join("specs/legacy.spec");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, text.replace("%setup -n", "%setup -q -n")).unwrap();
    let (after, err) = run(&cache.0, &t.0, &args);
    assert!(err.contains("cache: 2 hits, 1 misses"), "{err}");
    assert!(before.contains("rpm/setup-not-quiet") && !after.contains("rpm/setup-not-quiet"), "{after}");
    // new parameters are another run: nothing is reused
    t.write("speclint.toml", "policies = [\"rpm\", \"phoreus\"]\n[parameters]\nroot = \"/opt/elsewhere\"\n");
    let (_, err) = run(&cache.0, &t.0, &["."]);
    assert!(err.contains("cache: 0 hits, 3 misses"), "{err}");
}

#[test]
fn a_corrupt_cache_is_ignored() {
    let t = project("corrupt");
    let cache = TempDir::new("cache-corrupt");
    let args = ["-p", "rpm", "."];
    let (cold, _) = run(&cache.0, &t.0, &args);
    let entries = common::files_with_ext(&cache.0, "json");
    assert_eq!(entries.len(), 3);
    for e in &entries {
        std::fs::write(e, "{ not json").unwrap();
    }
    let (again, err) = run(&cache.0, &t.0, &args);
    assert!(err.contains("cache: 0 hits, 3 misses"), "{err}");
    assert_eq!(cold, again);
    // and it was rewritten
    let (_, err) = run(&cache.0, &t.0, &args);
    assert!(err.contains("cache: 3 hits"), "{err}");
}

#[test]
fn runs_over_an_installed_tree_are_not_cached() {
    // with --installed, rules may look at the tree (path_exists), which the key does not cover
    let t = project("installed");
    let cache = TempDir::new("cache-installed");
    let (_, err) = run(&cache.0, &t.0, &["-p", "rpm", "--installed=/", "."]);
    assert!(err.contains("cache: 0 hits, 0 misses"), "{err}");
    assert!(common::files_with_ext(&cache.0, "json").is_empty());
}
