//! Agreement of our Lua parser with `luac -p` (Lua 5.4) on the shared Lmod corpus: every file
//! luac accepts we accept, every file it rejects we reject. Needs `luac5.4` (apt-get install
//! lua5.4) and ../shared; skips cleanly without them.

mod common;

use std::process::Command;

fn luac() -> Option<&'static str> {
    ["luac5.4", "luac"].into_iter().find(|c| {
        Command::new(c)
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("5.4"))
    })
}

#[test]
fn lua_parser_agrees_with_luac() {
    let Some(shared) = common::shared() else {
        return common::skip("../shared is absent");
    };
    let Some(luac) = luac() else {
        return common::skip("luac5.4 is not installed");
    };
    let files = common::files_with_ext(&shared.join("corpus").join("lmod"), "lua");
    let mut mismatches = Vec::new();
    for f in &files {
        let ours = speclint::syntax::lua::parse(&String::from_utf8_lossy(&std::fs::read(f).unwrap())).errors;
        let out = Command::new(luac).args(["-p", "-o", "/dev/null"]).arg(f).output().unwrap();
        let theirs_ok = out.status.success();
        if theirs_ok != ours.is_empty() {
            mismatches.push(format!(
                "{}: luac {} / speclint {}",
                f.display(),
                if theirs_ok { "ok".to_string() } else { String::from_utf8_lossy(&out.stderr).trim().to_string() },
                ours.first().map(|e| e.message.clone()).unwrap_or_else(|| "ok".into())
            ));
        }
    }
    let agree = files.len() - mismatches.len();
    eprintln!(
        "luac agreement: {agree}/{} files ({:.2}%)",
        files.len(),
        100.0 * agree as f64 / files.len().max(1) as f64
    );
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}
