//! Parser robustness on real files: no panic, every byte in exactly one top-level node, spans
//! inside the text and on char boundaries, and the model builds.

mod common;

use speclint::model::{self, DocKind, LowerOptions};
use speclint::syntax::rpmspec;
use std::path::Path;

fn check_spec(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let ast = std::panic::catch_unwind(|| rpmspec::parse(&text)).map_err(|_| "parser panicked".to_string())?;
    let mut at = 0usize;
    for s in &ast.sections {
        if s.span.start as usize != at {
            return Err(format!("section {} starts at {} but the previous ended at {at}", s.name, s.span.start));
        }
        let mut line_at = at;
        for l in &s.lines {
            if l.span.start as usize != line_at {
                return Err(format!("line at {} leaves a gap or overlap at {line_at}", l.span.start));
            }
            line_at = l.span.end as usize;
        }
        if line_at != s.span.end as usize {
            return Err(format!("section {} lines end at {line_at}, section at {}", s.name, s.span.end));
        }
        at = s.span.end as usize;
    }
    if at != text.len() {
        return Err(format!("sections cover {at} of {} bytes", text.len()));
    }
    for e in &ast.errors {
        if e.span.end as usize > text.len()
            || !text.is_char_boundary(e.span.start as usize)
            || !text.is_char_boundary(e.span.end as usize)
        {
            return Err(format!("error span {:?} is not on char boundaries", e.span));
        }
    }
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
