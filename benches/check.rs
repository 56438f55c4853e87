//! Parse and check throughput on the shared rpm corpus (`../shared/corpus/rpm`), falling back
//! to the repository's own `corpus/` when it is absent.
//!
//! `cargo bench --bench check` prints per-iteration times; divide the file count (printed
//! first) by them for files per second.

use speclint::engine::Checker;
use speclint::model::{self, DocKind, LowerOptions};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn main() {
    eprintln!("corpus: {} spec files, {} bytes", CORPUS.len(), CORPUS.iter().map(|(_, t)| t.len()).sum::<usize>());
    divan::main();
}

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            specs(&p, out);
        } else if p.extension().is_some_and(|x| x == "spec") {
            out.push(p);
        }
    }
}

static CORPUS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus/rpm");
    let dir = if shared.is_dir() { shared } else { root.join("corpus") };
    let mut files = Vec::new();
    specs(&dir, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()))
        .collect()
});

/// Parsing alone (nom parser), all files, one thread.
#[divan::bench(sample_count = 10)]
fn parse_corpus() -> usize {
    CORPUS.iter().map(|(_, t)| speclint::syntax::rpmspec::parse(t).sections.len()).sum()
}

/// Parse + lower to the model, all files, one thread.
#[divan::bench(sample_count = 10)]
fn lower_corpus() -> usize {
    CORPUS.iter().map(|(p, t)| model::lower(DocKind::RpmSpec, p, t, &LowerOptions::default()).errors.len()).sum()
}

/// Parse + lower + every rule of the `rpm` policy, all files, on all cores (rayon).
#[divan::bench(sample_count = 10)]
fn check_corpus_rpm_policy(bencher: divan::Bencher) {
    let engine = speclint::script::build_engine();
    let policy = speclint::policy::load(&engine, "rpm").expect("rpm policy");
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
    bencher.bench_local(|| {
        use rayon::prelude::*;
        CORPUS.par_iter().map(|(p, t)| checker.check_text(DocKind::RpmSpec, p, t).diagnostics.len()).sum::<usize>()
    });
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
