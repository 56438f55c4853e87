//! Throughput on the shared corpus (`../shared/corpus`), per format and per policy, falling
//! back to the repository's own `corpus/` when it is absent.
//!
//! `cargo bench --bench check` prints, per benchmark, the time per iteration and the
//! throughput: bytes/s for parsing, files/s for lowering and checking.
//!
//! - `parse::*`: the nom parser of each format alone, one thread.
//! - `lower::*`: parse + lower to the model rules see, one thread.
//! - `check::*`: parse + lower + every rule of a policy (tree rules included), on all cores,
//!   as a run does. The Rhai rule layer's cost is `check` minus `lower` (per thread).
//! - `startup_compile_builtin_rules`: building the engine and compiling every built-in rule.

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use speclint::engine::Checker;
use speclint::model::{self, DocKind, LowerOptions};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn main() {
    for (name, files) in [("rpm", &*RPM), ("deb-control", &*CONTROL), ("changelog", &*CHANGELOG)] {
        eprintln!("{name}: {} files, {} bytes", files.len(), bytes(files));
    }
    for (name, files) in [("formula", &*FORMULA), ("lua", &*LUA)] {
        eprintln!("{name}: {} files, {} bytes", files.len(), bytes(files));
    }
    divan::main();
}

type Files = Vec<(String, String)>;

fn bytes(files: &Files) -> usize {
    files.iter().map(|(_, t)| t.len()).sum()
}

fn walk(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, keep, out);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

/// The files of `../shared/corpus/<sub>` (else our `corpus/`) that `keep` selects, sorted.
fn load(sub: &str, keep: &dyn Fn(&Path) -> bool) -> Files {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus").join(sub);
    let dir = if shared.is_dir() { shared } else { root.join("corpus") };
    let mut files = Vec::new();
    walk(&dir, keep, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()))
        .collect()
}

fn ext(e: &'static str) -> impl Fn(&Path) -> bool {
    move |p: &Path| p.extension().is_some_and(|x| x == e)
}

fn named(n: &'static str) -> impl Fn(&Path) -> bool {
    move |p: &Path| p.file_name().is_some_and(|x| x == n)
}

static RPM: LazyLock<Files> = LazyLock::new(|| load("rpm", &ext("spec")));
static CONTROL: LazyLock<Files> = LazyLock::new(|| load("debian", &named("control")));
static CHANGELOG: LazyLock<Files> = LazyLock::new(|| load("debian", &named("changelog")));
static FORMULA: LazyLock<Files> = LazyLock::new(|| load("homebrew", &ext("rb")));
static LUA: LazyLock<Files> = LazyLock::new(|| load("lmod", &ext("lua")));
/// Every file of the Debian corpus, for the debian policy (control, changelog, copyright...).
static DEBIAN_ALL: LazyLock<Files> = LazyLock::new(|| load("debian", &|_| true));

mod parse {
    use super::*;
    use speclint::syntax::{deb822, debchangelog, formula, lua, rpmspec};

    fn run(b: Bencher, files: &'static Files, f: fn(&str) -> usize) {
        b.counter(BytesCount::new(bytes(files))).bench(|| files.iter().map(|(_, t)| f(t)).sum::<usize>());
    }

    #[divan::bench(sample_count = 10)]
    fn rpm_spec(b: Bencher) {
        run(b, &RPM, |t| rpmspec::parse(t).sections.len());
    }

    #[divan::bench(sample_count = 10)]
    fn deb822_control(b: Bencher) {
        run(b, &CONTROL, |t| deb822::parse(t).paragraphs.len());
    }

    #[divan::bench(sample_count = 10)]
    fn debian_changelog(b: Bencher) {
        run(b, &CHANGELOG, |t| debchangelog::parse(t).entries.len());
    }

    #[divan::bench(sample_count = 10)]
    fn homebrew_formula(b: Bencher) {
        run(b, &FORMULA, |t| formula::parse(t).body.len());
    }

    #[divan::bench(sample_count = 10)]
    fn lua_modulefile(b: Bencher) {
        run(b, &LUA, |t| lua::parse(t).block.stats.len());
    }
}

mod lower {
    use super::*;

    fn run(b: Bencher, files: &'static Files, kind: DocKind) {
        b.counter(ItemsCount::new(files.len())).bench(|| {
            files.iter().map(|(p, t)| model::lower(kind, p, t, &LowerOptions::default()).errors.len()).sum::<usize>()
        });
    }

    #[divan::bench(sample_count = 10)]
    fn rpm_spec(b: Bencher) {
        run(b, &RPM, DocKind::RpmSpec);
    }

    #[divan::bench(sample_count = 10)]
    fn deb822_control(b: Bencher) {
        run(b, &CONTROL, DocKind::DebControl);
    }

    #[divan::bench(sample_count = 10)]
    fn homebrew_formula(b: Bencher) {
        run(b, &FORMULA, DocKind::HomebrewFormula);
    }

    #[divan::bench(sample_count = 10)]
    fn lua_modulefile(b: Bencher) {
        run(b, &LUA, DocKind::LmodModulefile);
    }
}

mod check {
    use super::*;

    /// One whole run of `policy` over `files` (parallel per-file pass, then tree rules).
    fn run(b: Bencher, policy: &str, files: &'static Files) {
        let engine = speclint::script::build_engine();
        let policy = speclint::policy::load(&engine, policy).expect("built-in policy");
        let checker = Checker {
            engine: &engine,
            rules: &policy.rules,
            lower: LowerOptions::default(),
            timings: None,
            history: None,
            installed: None,
            progress: None,
            cache: None,
        };
        let mem: Vec<speclint::engine::MemFile> = files
            .iter()
            .filter_map(|(p, t)| {
                Some(speclint::engine::MemFile {
                    kind: DocKind::detect(Path::new(p))?,
                    name: p.clone(),
                    text: t.clone(),
                    disk: None,
                    link: None,
                })
            })
            .collect();
        b.counter(ItemsCount::new(files.len())).bench(|| checker.run_mem(&mem).diagnostics.len());
    }

    #[divan::bench(sample_count = 5)]
    fn rpm_policy(b: Bencher) {
        run(b, "rpm", &RPM);
    }

    #[divan::bench(sample_count = 5)]
    fn phoreus_policy(b: Bencher) {
        run(b, "phoreus", &RPM);
    }

    #[divan::bench(sample_count = 5)]
    fn debian_policy(b: Bencher) {
        run(b, "debian", &DEBIAN_ALL);
    }

    #[divan::bench(sample_count = 5)]
    fn homebrew_policy(b: Bencher) {
        run(b, "homebrew", &FORMULA);
    }

    #[divan::bench(sample_count = 5)]
    fn lmod_policy(b: Bencher) {
        run(b, "lmod", &LUA);
    }
}

/// Building the engine and compiling every built-in rule from source (start-up cost; the
/// in-process cache is bypassed).
#[divan::bench(sample_count = 10)]
fn startup_compile_builtin_rules() -> usize {
    let engine = speclint::script::build_engine();
    speclint::policy::builtin_rule_sources()
        .iter()
        .filter(|(id, origin, src)| speclint::script::Rule::load(&engine, id, origin, src).is_ok())
        .count()
}
