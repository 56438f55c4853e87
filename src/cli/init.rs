//! `speclint init [--policy X]`: a starter `speclint.toml`, and a site policy with one example
//! rule and its fixtures, ready for `speclint test --policy speclint/policy.toml`.

use super::{InitArgs, EXIT_CLEAN, EXIT_ERROR};
use std::path::Path;

const RULE: &str = r#"//! The spec does not say who packaged it (`Vendor:`).
//!
//! ## Why
//! Our packaging standard (section 1, "Provenance") asks every package to name its vendor, so
//! that `rpm -qi` on any host tells who built it. Replace this text with your own standard's
//! clause.
//!
//! ## Fix
//! Add `Vendor: <your organisation>` to the preamble.
//!
//! ## Example
//! ```spec,fail
//! Name: demo
//! ```
//! ```spec,pass
//! Name: demo
//! Vendor: Example Lab
//! ```

fn meta() {
    #{ severity: "warning", formats: ["rpm"], standard: "Site packaging standard §1", tags: ["provenance"] }
}

fn check(doc) {
    if tags(doc, "vendor").some(|t| t.active && t.value != "") { return []; }
    [violation(doc.packages[0].span, "the spec does not set `Vendor:`")
        .help("add `Vendor: <your organisation>`")]
}
"#;

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Err(format!("{} exists already; not overwriting it", path.display()));
    }
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("created {}", path.display());
    Ok(())
}

pub fn run(args: InitArgs) -> u8 {
    let base = args.policy.unwrap_or_else(|| "rpm".to_string());
    if !crate::policy::builtin_policy_names().contains(&base.as_str()) {
        eprintln!("error: `{base}` is not a built-in policy ({})", crate::policy::builtin_policy_names().join(", "));
        return EXIT_ERROR;
    }
    let dir = args.dir;
    let config = format!(
        "# speclint configuration (see README, \"Configuration\")\npolicies = [\"speclint/policy.toml\"]\nfail-on = \"warning\"\n# the example rule's fixtures are meant to fail\nexclude = [\"speclint/**\"]\n\n# [per-file-ignores]\n# \"legacy/**\" = [\"rpm/\"]\n"
    );
    let policy = format!(
        "name = \"site\"\nsummary = \"Our packaging standard\"\nstandard = \"Site packaging standard\"\nextends = [\"{base}\"]\nrules = [\"site/*\"]\nrule-dirs = [\"rules/site\"]\n\n# [severity]\n# \"{base}/...\" = \"error\"\n\n# [parameters]\n"
    );
    let result = (|| -> Result<(), String> {
        write_new(&dir.join("speclint.toml"), &config)?;
        write_new(&dir.join("speclint/policy.toml"), &policy)?;
        write_new(&dir.join("speclint/rules/site/vendor-tag.rhai"), RULE)?;
        write_new(
            &dir.join("speclint/rules/site/vendor-tag/fail.spec"),
            "Name: demo\n#~^ site/vendor-tag\nVersion: 1.0\n",
        )?;
        write_new(
            &dir.join("speclint/rules/site/vendor-tag/pass.spec"),
            "Name: demo\nVendor: Example Lab\nVersion: 1.0\n",
        )?;
        Ok(())
    })();
    match result {
        Ok(()) => {
            println!("next: `speclint test --policy speclint/policy.toml site/` runs the example rule's fixtures; `speclint` checks this directory");
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}
