//! Formats CI systems read natively: GitHub Actions workflow commands (annotations on the pull
//! request diff), GitLab Code Quality JSON (the merge-request widget) and JUnit XML (test
//! report tabs of Jenkins, GitLab, Azure...).

use super::{fingerprints, positions};
use crate::diagnostic::Severity;
use crate::engine::RunResult;
use serde_json::{json, Value};

/// GitHub escapes for a workflow command's message, and additionally for its properties.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn uri_of(run: &RunResult, path: &str) -> String {
    run.source_of(path).map(|f| f.uri.clone()).unwrap_or_else(|| path.trim_start_matches("./").to_string())
}

/// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message` per finding;
/// notes become `::notice`. Tool errors are annotations too, so a broken rule is visible on the
/// pull request and not only in the log.
pub fn github(run: &RunResult) -> String {
    let mut out = String::new();
    for d in &run.diagnostics {
        let (s, e) = positions(run, &d.path, d.span);
        let cmd = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            gh_property(&uri_of(run, &d.path)),
            s.line,
            s.column,
            e.line,
            e.column,
            gh_property(&format!("{} ({})", d.rule, d.severity)),
            gh_data(&message)
        ));
    }
    for t in &run.tool_errors {
        let file = t.path.as_deref().map(|p| format!("file={},", gh_property(&uri_of(run, p)))).unwrap_or_default();
        out.push_str(&format!("::error {file}title={}::{}\n", gh_property(&t.kind), gh_data(&t.to_string())));
    }
    out
}

/// GitLab Code Quality report: an array of issues with `check_name`, `description`,
/// `fingerprint` (unique per issue, stable across line shifts), `severity` and `location`.
pub fn gitlab(run: &RunResult) -> String {
    let fps = fingerprints(run);
    let items: Vec<Value> = run
        .diagnostics
        .iter()
        .zip(&fps)
        .map(|(d, fp)| {
            let (s, e) = positions(run, &d.path, d.span);
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Note => "info",
            };
            json!({
                "type": "issue",
                "check_name": d.rule,
                "description": d.message,
                "content": { "body": d.help.clone().unwrap_or_default() },
                "categories": ["Style"],
                "fingerprint": format!("{:x}", super::fnv1a(format!("{}\0{}", d.rule, fp).as_bytes())),
                "severity": severity,
                "location": {
                    "path": uri_of(run, &d.path),
                    "positions": {
                        "begin": { "line": s.line, "column": s.column },
                        "end": { "line": e.line, "column": e.column }
                    }
                }
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// JUnit XML: one test suite per checked file, one failing test case per finding (a clean file
/// has one passing case, so the report counts it), tool errors as `<error>` cases.
pub fn junit(run: &RunResult) -> String {
    let mut suites = String::new();
    let mut total = 0;
    let mut failures = 0;
    let mut by_path: std::collections::BTreeMap<&str, Vec<&crate::diagnostic::Diagnostic>> =
        run.files.iter().map(|f| (f.path.as_str(), vec![])).collect();
    for d in &run.diagnostics {
        by_path.entry(d.path.as_str()).or_default().push(d);
    }
    for (path, diags) in &by_path {
        let uri = uri_of(run, path);
        let n = diags.len().max(1);
        total += n;
        failures += diags.len();
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{}\" errors=\"0\">\n",
            xml(&uri),
            diags.len()
        ));
        if diags.is_empty() {
            suites.push_str(&format!("    <testcase name=\"speclint\" classname=\"{}\"/>\n", xml(&uri)));
        }
        for d in diags {
            let (s, _) = positions(run, &d.path, d.span);
            let mut body = format!("{}:{}:{}: {}", uri, s.line, s.column, d.message);
            if let Some(h) = &d.help {
                body.push_str(&format!("\nhelp: {h}"));
            }
            suites.push_str(&format!(
                "    <testcase name=\"{} line {}, column {}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                xml(&d.rule),
                s.line,
                s.column,
                xml(&uri),
                xml(&uri),
                s.line,
                xml(&d.message),
                xml(&d.severity.to_string()),
                xml(&body)
            ));
        }
        suites.push_str("  </testsuite>\n");
    }
    if !run.tool_errors.is_empty() {
        suites.push_str(&format!(
            "  <testsuite name=\"speclint\" tests=\"{0}\" failures=\"0\" errors=\"{0}\">\n",
            run.tool_errors.len()
        ));
        for t in &run.tool_errors {
            suites.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"speclint\">\n      <error message=\"{}\" type=\"{}\"/>\n    </testcase>\n",
                xml(t.rule.as_deref().unwrap_or(&t.kind)),
                xml(&t.to_string()),
                xml(&t.kind)
            ));
        }
        suites.push_str("  </testsuite>\n");
        total += run.tool_errors.len();
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"speclint\" tests=\"{total}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        run.tool_errors.len()
    )
}
