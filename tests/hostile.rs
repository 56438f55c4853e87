//! Hostile inputs through the whole program: each gives a clear diagnostic (or none), never a
//! panic or a hang, and the other files of the run are still checked.

mod common;

use common::{stderr, stdout};
use std::process::Output;

use common::TempDir as Scratch;

trait Run {
    fn run(&self, args: &[&str]) -> Output;
}

impl Run for Scratch {
    fn run(&self, args: &[&str]) -> Output {
        common::speclint().current_dir(&self.0).args(args).output().unwrap()
    }
}

const GOOD: &str = "corpus/rpm/good/jq.spec";
const LEGACY: &str = "corpus/rpm/bad/legacy.spec";

fn repo_text(rel: &str) -> String {
    std::fs::read_to_string(common::root().join(rel)).unwrap()
}

/// The run finished (exit 0, 1 or 2 by design, not a signal or a panic) and still reported the
/// legacy spec's findings.
fn survived(o: &Output, what: &str) -> serde_json::Value {
    let err = stderr(o);
    assert!(matches!(o.status.code(), Some(0..=2)), "{what}: status {:?}\n{err}", o.status);
    assert!(!err.contains("panicked"), "{what}: {err}");
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{what}: JSON ({e}): {}", stdout(o)));
    assert!(
        v.as_array().unwrap().iter().any(|d| d["path"] == "legacy.spec" && d["rule"] == "rpm/setup-not-quiet"),
        "{what}: the other file was still checked"
    );
    v
}

fn rules_for<'a>(v: &'a serde_json::Value, path: &str) -> Vec<&'a str> {
    v.as_array().unwrap().iter().filter(|d| d["path"] == path).map(|d| d["rule"].as_str().unwrap()).collect()
}

#[test]
fn hostile_spec_files_beside_a_normal_one() {
    let s = Scratch::new("hostile-specs");
    s.write("legacy.spec", repo_text(LEGACY));
    let good = repo_text(GOOD);
    // binary and non-UTF-8 content
    let mut latin1 = good.clone().into_bytes();
    latin1.extend_from_slice(b"# caf\xe9\n");
    s.write("latin1.spec", latin1);
    s.write("binary.spec", (0..=255u8).cycle().take(64 * 1024).collect::<Vec<u8>>());
    // a 1 MB line, 10,000 nested %if, macro bombs and recursion
    s.write("longline.spec", format!("{good}%global long {}\n", "x".repeat(1 << 20)));
    s.write("nested.spec", format!("{good}{}{}", "%if 1\n".repeat(10_000), "%endif\n".repeat(10_000)));
    let mut bomb = good.clone();
    bomb.push_str("%global b0 xxxxxxxxxxxxxxxx\n");
    for i in 1..60 {
        bomb.push_str(&format!("%global b{i} %{{b{}}}%{{b{}}}\n", i - 1, i - 1));
    }
    bomb.push_str("Provides: %{b59}\n%define r %{r}x\nProvides: %{r}\n%define p() %{p %1}\nProvides: %{p 1}\n");
    s.write("bomb.spec", bomb);
    s.write("empty.spec", "");
    s.write("nul.spec", "\0\0\0Name: \0x\n%if\n%else\n%else\n%endif\n%endif\n");
    let o = s.run(&["--policy", "rpm", "--format", "json", "."]);
    let v = survived(&o, "hostile specs");
    let latin = rules_for(&v, "latin1.spec");
    assert!(latin.contains(&"parse-error"), "non-UTF-8 is reported: {latin:?}");
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"] == "latin1.spec" && d["message"].as_str().unwrap().contains("not valid UTF-8")),
        "the message says what is wrong"
    );
    // every file was checked, none became a tool error
    assert!(!stderr(&o).contains("internal-error"), "{}", stderr(&o));
    let stats = s.run(&["--policy", "rpm", "--statistics", "--fail-on", "never", "."]);
    assert!(stdout(&stats).contains("; 8 files checked."), "{}", stdout(&stats));
    // the macro bomb and the recursive macros were cut off, not expanded to the end
    assert!(stdout(&o).len() < 1 << 20, "output of {} bytes", stdout(&o).len());
}

#[test]
fn a_fifty_megabyte_spec_is_checked() {
    let s = Scratch::new("hostile-big");
    s.write("legacy.spec", repo_text(LEGACY));
    let good = repo_text(GOOD);
    let mut big = String::with_capacity(50 << 20);
    big.push_str(&good);
    let filler = "# a comment line to make this spec file very large indeed, and then some more\n";
    while big.len() < 50 << 20 {
        big.push_str(filler);
    }
    s.write("big.spec", big);
    let o = s.run(&["--policy", "rpm", "--format", "json", "."]);
    survived(&o, "50 MB spec");
}

#[test]
fn hostile_lua_and_deb822() {
    let s = Scratch::new("hostile-lua");
    s.write("legacy.spec", repo_text(LEGACY));
    s.write("mf/deep/1.0.lua", format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000)));
    s.write("mf/tables/1.0.lua", format!("x = {}{}\n", "{".repeat(10_000), "}".repeat(10_000)));
    s.write("mf/funcs/1.0.lua", "function f() ".repeat(5_000) + "end ".repeat(5_000).as_str());
    s.write("mf/str/1.0.lua", format!("setenv(\"X\", \"{}", "a".repeat(1 << 20)));
    s.write("pkg/debian/control", format!("Source: x\nDepends: {}\n", "a | ".repeat(100_000)));
    s.write("pkg/debian/changelog", "x (1) u; urgency=low\n".repeat(10_000));
    let o = s.run(&["-p", "rpm", "-p", "lmod", "-p", "debian", "--format", "json", "."]);
    let v = survived(&o, "hostile Lua and deb822");
    // Lua nesting beyond the parser's limit is a syntax error with a position, like luac's
    // "chunk has too many syntax levels"
    let deep = rules_for(&v, "mf/deep/1.0.lua");
    assert!(deep.contains(&"parse-error"), "{deep:?}");
}

#[test]
fn paths_with_spaces_newlines_and_odd_bytes_are_valid_sarif_uris() {
    let s = Scratch::new("hostile-paths");
    s.write("legacy.spec", repo_text(LEGACY));
    s.write("with space/a#b?.spec", repo_text(LEGACY));
    s.write("new\nline.spec", repo_text(LEGACY));
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.spec");
        std::fs::write(s.0.join(name), repo_text(LEGACY)).unwrap();
    }
    let o = s.run(&["--policy", "rpm", "--format", "sarif", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uris: std::collections::BTreeSet<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_string())
        .collect();
    for u in &uris {
        assert!(
            u.bytes().all(|b| b.is_ascii_graphic() && b != b' ' && b != b'#' && b != b'?'),
            "not a valid URI reference: {u:?}"
        );
    }
    assert!(uris.contains("with%20space/a%23b%3F.spec"), "{uris:?}");
    assert!(uris.contains("new%0Aline.spec"), "{uris:?}");
    #[cfg(unix)]
    assert!(uris.iter().any(|u| u.starts_with("caf%EF%BF%BD")), "lossy name, encoded: {uris:?}");
}

#[test]
fn symlinks_loops_and_links_out_of_the_tree() {
    let s = Scratch::new("hostile-links");
    s.write("tree/legacy.spec", repo_text(LEGACY));
    let outside = s.write("outside/secret.spec", repo_text(LEGACY)).join("outside/secret.spec");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", s.0.join("tree/loop")).unwrap();
        std::os::unix::fs::symlink(outside.parent().unwrap(), s.0.join("tree/out")).unwrap();
    }
    // not followed by default: the loop is harmless and nothing outside the tree is read
    let o = s.run(&["--policy", "rpm", "--format", "json", "tree"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stdout(&o).contains("secret.spec"), "a link out of the tree was followed");
    // followed on request: the loop is reported (exit 2), every reachable finding still is
    let o = s.run(&["--policy", "rpm", "--format", "json", "--follow-links", "tree"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("loop"), "{}", stderr(&o));
    assert!(stdout(&o).contains("tree/legacy.spec"));
}

#[test]
fn a_directory_of_many_files() {
    let s = Scratch::new("hostile-many");
    s.write("legacy.spec", repo_text(LEGACY));
    let dir = s.0.join("many");
    std::fs::create_dir_all(&dir).unwrap();
    // 100,000 entries: most are files speclint does not read, 500 are specs
    for i in 0..100_000 {
        let name = if i % 200 == 0 { format!("f{i}.spec") } else { format!("f{i}.txt") };
        std::fs::write(dir.join(name), if i % 200 == 0 { "Name: x\n" } else { "" }).unwrap();
    }
    let o = s.run(&["--policy", "rpm", "--format", "json", "."]);
    survived(&o, "100,000 files");
    let o = s.run(&["--policy", "rpm", "--statistics", "--fail-on", "never", "."]);
    assert!(stdout(&o).contains("501 files checked"), "{}", stdout(&o));
}

#[test]
fn unreadable_files_are_tool_errors_and_the_rest_is_checked() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let s = Scratch::new("hostile-unreadable");
        s.write("legacy.spec", repo_text(LEGACY));
        let f = s.write("locked/secret.spec", repo_text(LEGACY)).join("locked/secret.spec");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
        let locked_dir = s.0.join("closed");
        s.write("closed/x.spec", repo_text(LEGACY));
        std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&f).is_ok() {
            // root reads everything: nothing to test here
            std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            return common::skip("running as root: permissions are not enforced");
        }
        let o = s.run(&["--policy", "rpm", "--format", "json", "."]);
        std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(o.status.code(), Some(2), "a tool error");
        survived(&o, "unreadable");
        let err = stderr(&o);
        assert!(err.contains("locked/secret.spec") && err.contains("closed"), "{err}");
        // one line each
        assert!(err.lines().filter(|l| l.contains("secret.spec")).count() == 1, "{err}");
    }
}

/// A file the walk found but that is gone when its turn comes (a checkout switching branches
/// under a running audit): one io-error naming it, and every other file still checked.
#[test]
fn a_file_that_vanishes_after_the_walk() {
    use speclint::engine::Checker;
    let t = Scratch::new("vanish");
    let spec = std::fs::read(common::root().join("corpus/rpm/bad/legacy.spec")).unwrap();
    t.write("a/gone.spec", &spec).write("b/kept.spec", &spec);
    let (inputs, problems) = speclint::engine::collect_files(std::slice::from_ref(&t.0));
    assert!(problems.is_empty() && inputs.len() == 2, "{problems:?}");
    std::fs::remove_file(t.join("a/gone.spec")).unwrap();
    let engine = speclint::script::build_engine();
    let policy = speclint::policy::load(&engine, "rpm").unwrap();
    let checker = Checker {
        engine: &engine,
        rules: &policy.rules,
        lower: Default::default(),
        timings: None,
        history: None,
        installed: None,
        progress: None,
        cache: None,
    };
    let r = checker.run(&inputs);
    assert_eq!(r.tool_errors.len(), 1, "{:?}", r.tool_errors);
    let e = &r.tool_errors[0];
    assert_eq!(e.kind, "io-error");
    assert!(e.path.as_deref().is_some_and(|p| p.ends_with("gone.spec")), "{e:?}");
    assert!(!e.to_string().contains('\n'), "{e}");
    assert!(!r.diagnostics.is_empty() && r.diagnostics.iter().all(|d| d.path.ends_with("kept.spec")));
}
