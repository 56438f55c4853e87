//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
//!
//! The log is assembled as JSON and then passed through serde-sarif's typed model, so a field
//! the schema does not know cannot slip out. URIs are relative to `%SRCROOT%` (the current
//! directory, or the scanned root for files outside it); columns are Unicode code points.

use super::{positions, RuleInfo};
use crate::diagnostic::Severity;
use crate::engine::RunResult;

use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/speclint/speclint";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A path as a URI reference (RFC 3986): bytes other than unreserved characters, `/` and a few
/// safe sub-delimiters are percent-encoded, so spaces, `%`, `#`, `?`, newlines and non-ASCII
/// names give valid URIs (a lossily decoded non-UTF-8 name shows as U+FFFD, encoded).
pub fn encode_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GitHub code scanning's limits: results per run, and locations per result (it keeps 1,000).
const MAX_RESULTS: usize = 25_000;
const MAX_RELATED: usize = 999;

fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "recommendation",
    }
}

pub fn render(run: &RunResult, rules: &[RuleInfo], category: Option<&str>) -> String {
    let mut rule_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut rule_objs: Vec<Value> = Vec::new();
    let mut push_rule = |id: &str, obj: Value, rule_objs: &mut Vec<Value>| {
        rule_index.entry(id.to_string()).or_insert(rule_objs.len());
        rule_objs.push(obj);
    };
    for r in rules {
        let mut tags = vec!["packaging".to_string(), format!("policy:{}", r.policy)];
        tags.extend(r.tags.iter().cloned());
        tags.truncate(20);
        push_rule(
            &r.id,
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": if r.rationale.is_empty() { r.summary.clone() } else { r.rationale.clone() } },
                "help": { "text": if r.help.is_empty() { r.summary.clone() } else { r.help.clone() }, "markdown": r.markdown },
                "helpUri": format!("{INFORMATION_URI}/blob/main/docs/rules.md#{}", r.id.replace('/', "")),
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "tags": tags, "precision": r.precision, "problem.severity": problem_severity(r.severity) },
            }),
            &mut rule_objs,
        );
    }
    // Findings of speclint itself (parse errors, suppression hygiene) get driver entries too,
    // so every result has a ruleIndex.
    const BUILTIN: &[(&str, &str, &str, &str)] = &[
        ("parse-error", "The file could not be parsed completely.", "A construct speclint could not parse; the rest of the file was still checked.", "error"),
        ("speclint/unused-suppression", "A `speclint: ignore[...]` comment suppresses nothing.", "Suppressions that hide nothing go stale and hide future findings; remove them or correct the rule id or line.", "warning"),
        ("speclint/suppression-without-reason", "A `speclint: ignore[...]` comment gives no reason.", "Every suppression says why after the `]`, so reviewers can judge it.", "warning"),
    ];
    for (id, short, full, lvl) in BUILTIN {
        if run.diagnostics.iter().any(|d| d.rule == *id) {
            push_rule(
                id,
                json!({
                    "id": id,
                    "name": id,
                    "shortDescription": { "text": short },
                    "fullDescription": { "text": full },
                    "help": { "text": full, "markdown": full },
                    "defaultConfiguration": { "level": lvl },
                    "properties": { "tags": ["packaging", "speclint"], "precision": "very-high", "problem.severity": lvl },
                }),
                &mut rule_objs,
            );
        }
    }
    let fingerprints = super::fingerprints(run);
    let mut results = Vec::new();
    for (d, fp) in run.diagnostics.iter().zip(&fingerprints).take(MAX_RESULTS) {
        let (s, e) = positions(run, &d.path, d.span);
        let file = run.source_of(&d.path);
        let uri = encode_uri(&file.map(|f| f.uri.clone()).unwrap_or_else(|| d.path.clone()));
        let mut result = json!({
            "ruleId": d.rule,
            "level": level(d.severity),
            "message": { "text": match &d.help { Some(h) => format!("{}. Help: {}", d.message, h), None => d.message.clone() } },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                    "region": { "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column.max(if e.line == s.line { s.column } else { 1 }) }
                }
            }],
            "partialFingerprints": { "primaryLocationLineHash": fp },
        });
        if let Some(i) = rule_index.get(d.rule.as_str()) {
            result["ruleIndex"] = json!(i);
        }
        if !d.labels.is_empty() {
            let related: Vec<Value> = d
                .labels
                .iter()
                .take(MAX_RELATED)
                .enumerate()
                .map(|(i, l)| {
                    let (ls, le) = positions(run, &d.path, l.span);
                    json!({
                        "id": i,
                        "message": { "text": l.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                            "region": { "startLine": ls.line, "startColumn": ls.column, "endLine": le.line, "endColumn": le.column }
                        }
                    })
                })
                .collect();
            result["relatedLocations"] = Value::Array(related);
        }
        results.push(result);
    }
    let mut notifications: Vec<Value> = run
        .tool_errors
        .iter()
        .map(|t| {
            let mut n =
                json!({ "level": "error", "message": { "text": t.to_string() }, "descriptor": { "id": t.kind } });
            if let Some(p) = &t.path {
                let uri = encode_uri(&run.source_of(p).map(|f| f.uri.clone()).unwrap_or_else(|| p.clone()));
                n["locations"] =
                    json!([{ "physicalLocation": { "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" } } }]);
            }
            n
        })
        .collect();
    if run.diagnostics.len() > MAX_RESULTS {
        // GitHub code scanning rejects runs with more results; say so instead of dropping silently.
        notifications.push(json!({
            "level": "warning",
            "message": { "text": format!(
                "{} results; only the first {MAX_RESULTS} (sorted by path and position) are in this run, GitHub code scanning's limit per run: use a baseline or --select to reduce them",
                run.diagnostics.len()
            ) },
            "descriptor": { "id": "results-truncated" }
        }));
    }
    let cwd = std::env::current_dir()
        .ok()
        .map(|p| format!("file://{}/", encode_uri(&p.to_string_lossy())))
        .unwrap_or_else(|| "file:///".into());
    let mut run_obj = json!({
        "tool": { "driver": {
            "name": "speclint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": INFORMATION_URI,
            "rules": rule_objs,
        }},
        "originalUriBaseIds": { "%SRCROOT%": { "uri": cwd } },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{ "executionSuccessful": run.tool_errors.is_empty(), "toolExecutionNotifications": notifications }],
    });
    if let Some(c) = category {
        let id = if c.ends_with('/') { c.to_string() } else { format!("{c}/") };
        run_obj["automationDetails"] = json!({ "id": id });
    }
    let log = json!({ "$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run_obj] });
    // Through serde-sarif's typed model: what we emit is what the schema defines.
    let typed: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_value(log.clone());
    let text = match typed {
        Ok(t) => serde_json::to_string_pretty(&t),
        Err(_) => serde_json::to_string_pretty(&log),
    };
    let mut out = text.unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod uri_tests {
    use super::encode_uri;

    #[test]
    fn paths_become_valid_uri_references() {
        assert_eq!(encode_uri("specs/jq.spec"), "specs/jq.spec");
        assert_eq!(encode_uri("my specs/a#1?.spec"), "my%20specs/a%231%3F.spec");
        assert_eq!(encode_uri("100%/x\ny"), "100%25/x%0Ay");
        assert_eq!(encode_uri("é"), "%C3%A9");
    }
}
