//! The pre-commit integration, with the real pre-commit (`pip install pre-commit`; `.ci/run`
//! installs it): a throwaway git repository with a failing and a passing spec runs this
//! repository's hooks through `pre-commit try-repo`; the commit check must fail, then pass once
//! the spec is fixed. The `-system` hooks use the speclint built for these tests (put first on
//! PATH), so the test is offline; the `language: rust` hooks run the same entry after
//! `cargo install`. Skips cleanly when pre-commit or git is missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn available(cmd: &str) -> bool {
    Command::new(cmd).arg("--version").output().is_ok_and(|o| o.status.success())
}

struct Repo {
    dir: PathBuf,
    path_env: String,
    home: PathBuf,
}

impl Repo {
    fn git(&self, args: &[&str]) {
        let o = Command::new("git").args(args).current_dir(&self.dir).output().unwrap();
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn try_repo(&self, hook: &str, extra: &[&str]) -> Output {
        let mut c = precommit().expect("checked in setup");
        c.arg("try-repo").arg(common::root()).arg(hook).args(["--verbose", "--color", "never"]).args(extra);
        c.current_dir(&self.dir)
            .env("PATH", &self.path_env)
            // pre-commit's cache (the cloned hook repository) stays inside the scratch directory
            .env("PRE_COMMIT_HOME", self.home.join("cache"))
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org");
        c.output().unwrap()
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// `pre-commit`, or `python3 -m pre_commit` when pip put it off PATH.
fn precommit() -> Option<Command> {
    if available("pre-commit") {
        return Some(Command::new("pre-commit"));
    }
    let ok = Command::new("python3").args(["-m", "pre_commit", "--version"]).output().is_ok_and(|o| o.status.success());
    ok.then(|| {
        let mut c = Command::new("python3");
        c.args(["-m", "pre_commit"]);
        c
    })
}

fn setup(name: &str) -> Option<Repo> {
    if precommit().is_none() || !available("git") {
        common::skip("pre-commit or git is not installed (pip install pre-commit)");
        return None;
    }
    let home = std::env::temp_dir().join(format!("speclint-precommit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let dir = home.join("repo");
    std::fs::create_dir_all(&dir).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_speclint")).parent().unwrap().to_path_buf();
    let path_env = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let repo = Repo { dir, path_env, home };
    repo.git(&["init", "-q", "-b", "main"]);
    repo.git(&["config", "user.email", "t@example.org"]);
    repo.git(&["config", "user.name", "t"]);
    Some(repo)
}

fn spec(name: &str) -> String {
    std::fs::read_to_string(common::root().join("corpus/rpm").join(name)).unwrap()
}

#[test]
fn the_hooks_manifest_is_valid() {
    let Some(mut c) = precommit() else { return common::skip("pre-commit is not installed") };
    let o = c.args(["validate-manifest"]).arg(common::root().join(".pre-commit-hooks.yaml")).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn staged_specs_fail_then_pass_after_the_fix() {
    let Some(repo) = setup("staged") else { return };
    repo.write("specs/jq.spec", &spec("good/jq.spec"));
    repo.write("specs/legacy.spec", &spec("bad/legacy.spec"));
    repo.write("README.md", "not a packaging file\n");
    repo.git(&["add", "."]);
    let o = repo.try_repo("speclint-system", &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "the bad spec fails the hook:\n{out}");
    assert!(out.contains("specs/legacy.spec") && out.contains("rpm/setup-not-quiet"), "{out}");
    assert!(!out.contains("error: README.md"), "only packaging files are passed: {out}");

    // fix it: the staged version is what the hook sees
    repo.write("specs/legacy.spec", &spec("good/jq.spec").replace("Name:           jq", "Name:           legacy"));
    repo.git(&["add", "."]);
    let o = repo.try_repo("speclint-system", &[]);
    assert_eq!(o.status.code(), Some(0), "fixed:\n{}", text(&o));
}

#[test]
fn staged_subset_sees_the_tree_but_reports_only_staged_files() {
    let Some(repo) = setup("tree") else { return };
    // A Phoreus tree where two payloads collide on one prefix: a tree-level finding on both.
    let broken = common::root().join("corpus/phoreus/broken/prefix-collision/specs/samtools");
    let a = std::fs::read_to_string(broken.join("phoreus-samtools-1.20.spec")).unwrap();
    let b = std::fs::read_to_string(broken.join("variants/phoreus-samtools-1.20-libdeflate.spec")).unwrap();
    repo.write(".pre-commit-config.yaml", "repos: []\n");
    repo.write("speclint.toml", "policies = [\"phoreus\"]\nselect = [\"phoreus/prefix-collision\"]\n");
    repo.write("specs/a.spec", &a);
    repo.write("specs/b.spec", &b);
    repo.git(&["add", "."]);
    repo.git(&["commit", "-q", "-m", "tree"]);
    // Only a.spec changes: the hook gets only a.spec, the rule still sees b.spec and reports
    // on a.spec alone.
    repo.write("specs/a.spec", &format!("{a}\n"));
    repo.git(&["add", "specs/a.spec"]);
    let o = repo.try_repo("speclint-system", &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("specs/a.spec") && out.contains("phoreus/prefix-collision"), "{out}");
    assert!(!out.contains("specs/b.spec:"), "b.spec is context, not reported: {out}");
    // the whole-repository hook reports both
    let o = repo.try_repo("speclint-tree-system", &["--all-files"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("specs/a.spec") && out.contains("specs/b.spec"), "{out}");
}
