//! The peer-parity policies against their real peers on the shared corpus: `lmod` against
//! luac5.4 and Lmod itself, `homebrew` against what homebrew-core's CI accepted. Each script
//! prints agreement per rule and exits non-zero below its target. They skip cleanly (exit 0
//! with "skipped") without ../shared or the peer tool.

mod common;

use std::process::Command;

fn script(name: &str) -> (bool, String) {
    let out = Command::new("python3")
        .arg(common::root().join("scripts").join(name))
        .args(["--speclint", env!("CARGO_BIN_EXE_speclint")])
        .env("SPECLINT_CACHE_DIR", common::cache_dir())
        .current_dir(common::root())
        .output();
    match out {
        Ok(o) => {
            let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
            (o.status.success(), text)
        }
        Err(e) => (true, format!("skipped: python3 not available ({e})")),
    }
}

#[test]
fn lmod_policy_agrees_with_luac_and_lmod() {
    if common::shared().is_none() {
        return common::skip("../shared is absent");
    }
    let (ok, text) = script("lmod-compare.py");
    assert!(ok, "{text}");
    if !text.contains("skipped") {
        assert!(text.contains("1032/1032"), "luac agreement on every file:\n{text}");
    }
}

#[test]
fn homebrew_policy_agrees_with_homebrew_core() {
    if common::shared().is_none() {
        return common::skip("../shared is absent");
    }
    let (ok, text) = script("homebrew-compare.py");
    assert!(ok, "{text}");
}
