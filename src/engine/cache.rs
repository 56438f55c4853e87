//! The result cache for repeated runs, like ruff's: each file's per-file findings, stored
//! under a key made of everything they depend on, so a hit is exactly what checking again
//! would give.
//!
//! The key hashes (BLAKE3) the speclint version, every active rule (id, severity, source, its
//! policy library's source, parameters), the macro defines, the path as displayed, the file's
//! facts (symlink, mode) and its bytes. Not cached: runs with `--since` history or
//! `--installed` (rules then read another revision or the installed tree), RPM specs that
//! `%include` other files, and files whose check hit a tool error (a time budget is not a
//! property of the file). Tree rules always run: the
//! documents they need are still parsed on a hit, only the per-file rules are skipped.
//!
//! Layout: `<dir>/v1/<2 hex>/<62 hex>.json`, each written atomically (temp file + rename), so
//! concurrent runs share a cache safely. A cache that cannot be read or written is ignored:
//! it never changes a run's result.

use crate::diagnostic::Diagnostic;
use crate::policy::ActiveRule;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const LAYOUT: &str = "v1";

pub struct Cache {
    dir: PathBuf,
    run: blake3::Hash,
    pub hits: AtomicUsize,
    pub misses: AtomicUsize,
}

impl Cache {
    /// `$SPECLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/speclint`, else `~/.cache/speclint`.
    pub fn default_dir() -> Option<PathBuf> {
        let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        var("SPECLINT_CACHE_DIR")
            .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("speclint")))
            .or_else(|| var("HOME").map(|h| h.join(".cache").join("speclint")))
    }

    /// A cache in `dir` for runs with these rules and macro defines.
    pub fn new(dir: PathBuf, rules: &[ActiveRule], defines: &[(String, String)]) -> Cache {
        let mut h = blake3::Hasher::new();
        let mut field = |bytes: &[u8]| {
            // length-prefixed, so no two different sequences of fields hash alike
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(env!("CARGO_PKG_VERSION").as_bytes());
        // the built-in libraries (a development build changes them without a new version)
        for src in crate::policy::builtin_lib_sources() {
            field(src.as_bytes());
        }
        let mut lib_dirs = std::collections::BTreeSet::new();
        for r in rules {
            field(r.rule.id.as_bytes());
            field(r.severity.to_string().as_bytes());
            field(r.rule.source.as_bytes());
            // the parameters' content: a Node's Debug would only name its type
            let params = match r.params.read_lock::<crate::script::node::Node>() {
                Some(n) => serde_json::to_string(n.tree()).unwrap_or_default(),
                None => format!("{:?}", r.params),
            };
            field(params.as_bytes());
            if !crate::policy::is_builtin_source(&r.rule.id, &r.rule.source) {
                lib_dirs.extend(Path::new(&r.rule.origin).parent().map(Path::to_path_buf));
            }
        }
        for dir in &lib_dirs {
            field(library_sources(dir).as_bytes());
        }
        for (k, v) in defines {
            field(k.as_bytes());
            field(v.as_bytes());
        }
        Cache { dir, run: h.finalize(), hits: AtomicUsize::new(0), misses: AtomicUsize::new(0) }
    }

    /// The key of one file, or `None` when the file must not be cached.
    pub fn key(&self, display: &str, meta: &impl serde::Serialize, bytes: &[u8]) -> Option<blake3::Hash> {
        // `%include` reads other files, which the key does not cover
        if memchr_include(bytes) {
            return None;
        }
        let mut h = blake3::Hasher::new();
        h.update(self.run.as_bytes());
        for part in [display.as_bytes(), serde_json::to_string(meta).unwrap_or_default().as_bytes(), bytes] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        Some(h.finalize())
    }

    fn path(&self, key: &blake3::Hash) -> PathBuf {
        let hex = key.to_hex();
        self.dir.join(LAYOUT).join(&hex[..2]).join(format!("{}.json", &hex[2..]))
    }

    pub fn get(&self, key: &blake3::Hash) -> Option<Vec<Diagnostic>> {
        let found = std::fs::read(self.path(key)).ok().and_then(|b| serde_json::from_slice(&b).ok());
        match found {
            Some(_) => self.hits.fetch_add(1, Ordering::Relaxed),
            None => self.misses.fetch_add(1, Ordering::Relaxed),
        };
        found
    }

    pub fn put(&self, key: &blake3::Hash, diagnostics: &[Diagnostic]) {
        let path = self.path(key);
        let Some(parent) = path.parent() else { return };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        self.mark_dir();
        let Ok(json) = serde_json::to_vec(diagnostics) else { return };
        let tmp = parent.join(format!(".{}.{}.tmp", std::process::id(), key.to_hex()));
        if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// A CACHEDIR.TAG, so backup tools skip the cache (https://bford.info/cachedir/).
    fn mark_dir(&self) {
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            let _ = std::fs::write(
                tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# speclint's result cache; safe to delete.\n",
            );
        }
    }
}

/// The `_*.rhai` libraries in the directory of rules loaded from disk.
fn library_sources(dir: &Path) -> String {
    let mut libs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "rhai")
                        && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_'))
                })
                .collect()
        })
        .unwrap_or_default();
    libs.sort();
    libs.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect::<Vec<_>>().join("\0")
}

fn memchr_include(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"%include") || bytes.windows(7).any(|w| w == b"%{load:")
}
