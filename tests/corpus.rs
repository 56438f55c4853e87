//! Parser robustness on real files: no panic, every byte in exactly one top-level node, spans
//! inside the text and on char boundaries, and the model builds.

mod common;

use speclint::model::{self, DocKind, LowerOptions};
use speclint::syntax::invariants;
use std::path::Path;

fn check_spec(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    std::panic::catch_unwind(|| invariants::rpm_spec(&text)).map_err(|_| "parser panicked".to_string())??;
    std::panic::catch_unwind(|| model::lower(DocKind::RpmSpec, "x.spec", &text, &LowerOptions::default()))
        .map_err(|_| "lowering panicked".to_string())?;
    Ok(())
}

fn check_dir(dir: &Path) -> usize {
    let files = common::files_with_ext(dir, "spec");
    let failures: Vec<String> =
        files.iter().filter_map(|f| check_spec(f).err().map(|e| format!("{}: {e}", f.display()))).collect();
    assert!(failures.is_empty(), "{} of {} files failed:\n{}", failures.len(), files.len(), failures.join("\n"));
    files.len()
}

#[test]
fn own_corpus_parses_with_full_coverage() {
    assert!(check_dir(&common::root().join("corpus")) > 0);
    assert!(check_dir(&common::root().join("rules")) > 0);
}

#[test]
fn shared_rpm_corpus_parses_with_full_coverage() {
    let Some(shared) = common::shared() else {
        return common::skip("../shared is absent");
    };
    let n = check_dir(&shared.join("corpus").join("rpm"));
    assert!(n > 2000, "expected the whole shared rpm corpus, found {n} files");
}

#[test]
fn dump_works_on_every_shared_spec() {
    let Some(shared) = common::shared() else {
        return common::skip("../shared is absent");
    };
    // One process per file would take minutes; the library entry point is what `dump` calls.
    for f in common::files_with_ext(&shared.join("corpus").join("rpm"), "spec") {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        let l = model::lower(DocKind::RpmSpec, &f.display().to_string(), &text, &LowerOptions::default());
        assert_eq!(l.model.get("kind").as_str(), Some("rpm-spec"), "{}", f.display());
        let pkgs = l.model.get("packages").as_array().expect("packages");
        assert!(!pkgs.is_empty(), "{}", f.display());
        assert!(matches!(pkgs[0], speclint::model::tree::Tree::Obj(_)));
    }
}
