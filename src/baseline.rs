//! Baselines: record today's findings, then report only new ones.
//!
//! `speclint baseline write FILE PATHS` stores one entry per finding: rule, file (as in SARIF,
//! relative to the current directory) and the fingerprint of SARIF's `primaryLocationLineHash`
//! (rule + file + the flagged line's normalised text + occurrence), so entries survive lines
//! being inserted or removed elsewhere. `--baseline FILE` drops the findings the baseline holds
//! and says how many were baselined and how many entries are gone (fixed).

use crate::engine::RunResult;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    pub message: String,
}

fn entries(run: &RunResult) -> Vec<Entry> {
    let mut v = entries_unsorted(run);
    for (e, d) in v.iter_mut().zip(&run.diagnostics) {
        e.message = d.message.clone();
    }
    v.sort();
    v
}

pub fn write(path: &Path, run: &RunResult) -> std::io::Result<usize> {
    let b = Baseline { version: 1, entries: entries(run) };
    let mut text = serde_json::to_string_pretty(&b).map_err(std::io::Error::other)?;
    text.push('\n');
    crate::cli::write_atomic(path, &text)?;
    Ok(b.entries.len())
}

pub fn load(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let b: Baseline =
        serde_json::from_str(&text).map_err(|e| format!("{}: not a speclint baseline: {e}", path.display()))?;
    if b.version != 1 {
        return Err(format!("{}: baseline version {} is not supported (expected 1)", path.display(), b.version));
    }
    Ok(b)
}

/// Remove baselined findings from `run`; returns (baselined, entries no longer found).
pub fn apply(run: &mut RunResult, base: &Baseline) -> (usize, usize) {
    let mut remaining: HashMap<(String, String, String), usize> = HashMap::new();
    for e in &base.entries {
        *remaining.entry((e.rule.clone(), e.path.clone(), e.fingerprint.clone())).or_default() += 1;
    }
    let current = entries_unsorted(run);
    let mut keep = Vec::with_capacity(run.diagnostics.len());
    let mut baselined = 0;
    for (d, e) in std::mem::take(&mut run.diagnostics).into_iter().zip(current) {
        match remaining.get_mut(&(e.rule, e.path, e.fingerprint)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                baselined += 1;
            }
            _ => keep.push(d),
        }
    }
    run.diagnostics = keep;
    let gone = remaining.values().sum();
    (baselined, gone)
}

fn entries_unsorted(run: &RunResult) -> Vec<Entry> {
    let fps = crate::report::fingerprints(run);
    run.diagnostics
        .iter()
        .zip(fps)
        .map(|(d, fingerprint)| Entry {
            rule: d.rule.clone(),
            path: run.source_of(&d.path).map(|f| f.uri.clone()).unwrap_or_else(|| d.path.clone()),
            fingerprint,
            message: String::new(),
        })
        .collect()
}
