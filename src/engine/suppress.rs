//! Inline suppressions:
//!
//! ```text
//! # speclint: ignore[rpm/setup-not-quiet] upstream tarball is tiny       (this line or the next)
//! # speclint: ignore[rpm/, phoreus/hardcoded-path] vendored layout        (ids or id prefixes)
//! # speclint: ignore-file[rpm/no-changelog] generated spec                (the whole file)
//! -- speclint: ignore[phoreus/modulefile-whatis] legacy module            (Lua)
//! ```
//!
//! A suppression on a comment line of its own covers the next line that is not a comment; one
//! at the end of a line covers that line. A suppression without a reason is reported as
//! `speclint/suppression-without-reason`, one that suppresses nothing as
//! `speclint/unused-suppression`: both are findings, so they cannot be suppressed themselves.

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};

pub const UNUSED: &str = "speclint/unused-suppression";
pub const NO_REASON: &str = "speclint/suppression-without-reason";

#[derive(Debug, Clone)]
pub struct Suppression {
    /// Rule ids or prefixes (ending in `/`, or any prefix of an id).
    pub rules: Vec<String>,
    pub file_level: bool,
    /// 0-based lines covered (empty for file-level).
    pub lines: Vec<usize>,
    pub span: Span,
    pub has_reason: bool,
}

impl Suppression {
    fn matches(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| rule == r || (r.ends_with('/') && rule.starts_with(r.as_str())))
    }
}

/// Find the suppressions in a file's text.
pub fn scan(text: &str) -> Vec<Suppression> {
    if !text.contains("speclint:") {
        return Vec::new();
    }
    let re = match crate::util::regex(r"(?:^|\s)(?:#|--)\s*speclint:\s*(ignore|ignore-file)\[([^\]]*)\]\s*(.*)$") {
        Ok(r) => r,
        Err(_) => return Vec::new(),
    };
    let idx = LineIndex::new(text);
    let mut out = Vec::new();
    for line0 in 0..idx.line_count() {
        let line = idx.line_text(line0);
        let Some(c) = re.captures(line) else { continue };
        let (Some(whole), Some(kind), Some(list)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        let rules: Vec<String> =
            list.as_str().split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        if rules.is_empty() {
            continue;
        }
        let start = idx.line_start(line0) + whole.start();
        let span = Span::new(start, idx.line_start(line0) + line.len()).clamp_to(text);
        let file_level = kind.as_str() == "ignore-file";
        let own_line = line.trim_start().starts_with('#') || line.trim_start().starts_with("--");
        let mut lines = vec![line0];
        if own_line && !file_level {
            // the next line that is not a comment
            let mut next = line0 + 1;
            while next < idx.line_count() {
                let t = idx.line_text(next).trim_start();
                if !(t.starts_with('#') || t.starts_with("--")) {
                    break;
                }
                next += 1;
            }
            lines.push(next);
        }
        let has_reason = c.get(3).is_some_and(|r| r.as_str().trim().chars().count() >= 3);
        out.push(Suppression { rules, file_level, lines, span, has_reason });
    }
    out
}

/// Remove suppressed diagnostics of one file; add findings for unused and reasonless
/// suppressions. `ran` tells whether a rule (or prefix) ran at all in this run: a suppression
/// for a rule that was not selected is not "unused".
pub fn apply(path: &str, text: &str, sups: &[Suppression], diags: &mut Vec<Diagnostic>, ran: &dyn Fn(&str) -> bool) {
    if sups.is_empty() {
        return;
    }
    let idx = LineIndex::new(text);
    let mut used = vec![false; sups.len()];
    diags.retain(|d| {
        if d.path != path || d.rule.starts_with("speclint/") || d.rule == "parse-error" {
            return true;
        }
        let line0 = idx.line_of(d.span.start as usize);
        for (i, s) in sups.iter().enumerate() {
            if s.matches(&d.rule) && (s.file_level || s.lines.contains(&line0)) {
                used[i] = true;
                return false;
            }
        }
        true
    });
    for (i, s) in sups.iter().enumerate() {
        if !s.has_reason {
            diags.push(meta_finding(
                path,
                s.span,
                NO_REASON,
                "suppression without a reason",
                "say why after the `]`: `# speclint: ignore[rule] upstream ships it this way`",
            ));
        }
        if !used[i] && s.rules.iter().any(|r| ran(r)) {
            diags.push(meta_finding(
                path,
                s.span,
                UNUSED,
                &format!("suppression of `{}` suppresses nothing", s.rules.join(", ")),
                "remove it, or correct the rule id or its line",
            ));
        }
    }
}

fn meta_finding(path: &str, span: Span, rule: &str, message: &str, help: &str) -> Diagnostic {
    Diagnostic {
        rule: rule.to_string(),
        severity: Severity::Warning,
        message: message.to_string(),
        path: path.to_string(),
        span,
        labels: vec![],
        help: Some(help.to_string()),
        note: Some("suppressions are part of the code base: each must name what it hides and why (like ruff's RUF100 and lintian's unused-override)".into()),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_line_above_trailing_and_file_level() {
        let t = "# speclint: ignore[rpm/a] reason here\nName: x\nmake # speclint: ignore[rpm/] trailing reason\n# speclint: ignore-file[rpm/b]\n";
        let s = scan(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].lines, vec![0, 1]);
        assert_eq!(s[1].lines, vec![2]);
        assert!(s[2].file_level && !s[2].has_reason);
        assert!(s[1].matches("rpm/anything") && !s[0].matches("rpm/ab"));
    }
}
