//! Embeds every built-in rule (`rules/<policy>/<name>.rhai`) and policy (`policies/*.toml`)
//! into the binary, so an installed speclint works anywhere. Adding a rule needs no Rust edit.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let out = std::env::var("OUT_DIR").unwrap();
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=policies");
    let mut code = String::from("pub static RULES: &[(&str, &str, &str)] = &[\n");
    let mut rules = Vec::new();
    let mut libs = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(Path::new(&root).join("rules")) {
        for d in dirs.flatten().filter(|d| d.path().is_dir()) {
            let policy = d.file_name().to_string_lossy().to_string();
            for f in std::fs::read_dir(d.path()).unwrap().flatten() {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "rhai") {
                    let stem = p.file_stem().unwrap().to_string_lossy().to_string();
                    let entry =
                        (format!("{policy}/{stem}"), format!("rules/{policy}/{stem}.rhai"), p.display().to_string());
                    // `_lib.rhai` and other `_*.rhai` files are function libraries shared by the
                    // policy's rules, not rules.
                    if stem.starts_with('_') {
                        libs.push((policy.clone(), entry.1, entry.2));
                    } else {
                        rules.push(entry);
                    }
                }
            }
        }
    }
    rules.sort();
    for (id, origin, path) in &rules {
        writeln!(code, "    ({id:?}, {origin:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\npub static LIBS: &[(&str, &str, &str)] = &[\n");
    libs.sort();
    for (policy, origin, path) in &libs {
        writeln!(code, "    ({policy:?}, {origin:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\npub static POLICIES: &[(&str, &str)] = &[\n");
    let mut policies = Vec::new();
    if let Ok(files) = std::fs::read_dir(Path::new(&root).join("policies")) {
        for f in files.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "toml") {
                policies.push((p.file_stem().unwrap().to_string_lossy().to_string(), p.display().to_string()));
            }
        }
    }
    policies.sort();
    for (name, path) in &policies {
        writeln!(code, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("embedded.rs"), code).unwrap();
}
