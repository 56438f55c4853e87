//! Lowering of Debian source packaging: `debian/control` (and `DEBIAN/control`, `.dsc`),
//! `debian/copyright`, `debian/changelog` and `debian/rules`.

use crate::span::Span;
use crate::syntax::deb822::{self, Deb822, RelationGroup};
use crate::syntax::debchangelog::{Changelog, Entry};
use crate::syntax::SyntaxError;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct Control<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    pub paragraphs: Vec<Paragraph<'a>>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Paragraph<'a> {
    pub span: Span,
    /// The span of the paragraph's first line (where "missing field" findings point).
    pub first_line: Span,
    pub fields: Vec<Field<'a>>,
    /// Lower-cased field name → value of its first occurrence (deb822 names are case-insensitive).
    pub values: BTreeMap<String, &'a str>,
}

#[derive(Debug, Serialize)]
pub struct Field<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
    /// Relationship fields (Depends, Build-Depends, ...): comma-separated groups of alternatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<Vec<RelationGroup>>,
}

fn first_line(src: &str, span: Span) -> Span {
    let s = span.start as usize;
    let end = src[s.min(src.len())..].find('\n').map_or(src.len(), |n| s + n);
    Span::new(s, end)
}

/// Lower deb822 paragraphs; relationship fields are parsed and their errors returned.
pub fn paragraphs<'a>(d: &'a Deb822, src: &str, errors: &mut Vec<SyntaxError>) -> Vec<Paragraph<'a>> {
    d.paragraphs
        .iter()
        .map(|p| {
            let fields = p
                .fields
                .iter()
                .map(|f| {
                    let relations = deb822::is_relation_field(&f.name).then(|| {
                        let (groups, errs) = deb822::parse_relations(f);
                        errors.extend(errs);
                        groups
                    });
                    Field {
                        name: &f.name,
                        value: &f.value,
                        span: f.span,
                        name_span: f.name_span,
                        value_span: f.value_span,
                        relations,
                    }
                })
                .collect();
            let mut values = BTreeMap::new();
            for f in &p.fields {
                values.entry(f.name.to_ascii_lowercase()).or_insert(f.value.as_str());
            }
            Paragraph { span: p.span, first_line: first_line(src, p.span), fields, values }
        })
        .collect()
}

pub fn control<'a>(
    kind: &'static str,
    d: &'a Deb822,
    path: &'a str,
    src: &str,
    errors: &mut Vec<SyntaxError>,
) -> Control<'a> {
    Control { kind, path, paragraphs: paragraphs(d, src, errors), span: Span::new(0, src.len()) }
}

#[derive(Debug, Serialize)]
pub struct Copyright<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// DEP-5: the first paragraph has a `Format:` field.
    pub machine_readable: bool,
    pub format: Option<&'a str>,
    pub paragraphs: Vec<Paragraph<'a>>,
    /// Every `License:` field's short name (its first line), with the span of that name.
    pub licenses: Vec<LicenseName>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct LicenseName {
    pub name: String,
    pub span: Span,
    /// Whether the paragraph is a `Files:` paragraph (else a stand-alone license text).
    pub files: Option<String>,
}

pub fn copyright<'a>(d: &'a Deb822, path: &'a str, src: &str, errors: &mut Vec<SyntaxError>) -> Copyright<'a> {
    let format = d.paragraphs.first().and_then(|p| p.field("Format")).map(|f| f.value.as_str());
    let mut licenses = vec![];
    for p in &d.paragraphs {
        if let Some(l) = p.field("License") {
            let name = l.value.lines().next().unwrap_or("").trim();
            let start = l.value_span.start as usize;
            licenses.push(LicenseName {
                name: name.to_string(),
                span: Span::new(start, start + name.len()),
                files: p.field("Files").map(|f| f.value.split_whitespace().collect::<Vec<_>>().join(" ")),
            });
        }
    }
    // Free-form (pre-DEP-5) copyright files are prose, not deb822: their "syntax errors" are
    // not errors, so they are dropped and the file is simply not machine-readable.
    let machine_readable = format.is_some();
    let paragraphs = paragraphs(d, src, errors);
    Copyright {
        kind: "deb-copyright",
        path,
        machine_readable,
        format,
        paragraphs,
        licenses,
        span: Span::new(0, src.len()),
    }
}

#[derive(Debug, Serialize)]
pub struct DebChangelog<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    pub entries: &'a [Entry],
    pub span: Span,
}

pub fn changelog<'a>(c: &'a Changelog, path: &'a str, src: &str) -> DebChangelog<'a> {
    DebChangelog { kind: "deb-changelog", path, entries: &c.entries, span: Span::new(0, src.len()) }
}

#[derive(Debug, Serialize)]
pub struct Rules<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// The `#!` line, if the file starts with one.
    pub shebang: Option<TextAt<'a>>,
    /// Make targets defined at the start of a line (`override_dh_auto_test:`, `%:`).
    pub targets: Vec<TextAt<'a>>,
    /// Variable assignments at the start of a line: `export DH_VERBOSE = 1`, `CFLAGS += -O2`.
    pub assignments: Vec<Assignment<'a>>,
    /// Every line that is neither blank nor a comment, without its newline.
    pub lines: Vec<TextAt<'a>>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Assignment<'a> {
    pub name: &'a str,
    /// `=`, `:=`, `::=`, `?=`, `+=` or `!=`.
    pub op: &'a str,
    pub value: &'a str,
    pub exported: bool,
    pub span: Span,
    pub name_span: Span,
}

#[derive(Debug, Serialize)]
pub struct TextAt<'a> {
    pub text: &'a str,
    pub span: Span,
}

pub fn rules<'a>(path: &'a str, src: &'a str) -> Rules<'a> {
    let first = src.lines().next().unwrap_or("");
    let shebang =
        first.starts_with("#!").then(|| TextAt { text: first.trim_end(), span: Span::new(0, first.trim_end().len()) });
    let mut targets = vec![];
    let mut assignments = vec![];
    let mut lines = vec![];
    let mut off = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            lines.push(TextAt { text: line, span: Span::new(off, off + line.len()) });
        }
        if !line.starts_with([' ', '\t', '#']) {
            if let Some(a) = assignment(line, off) {
                assignments.push(a);
            } else if let Some(colon) = line.find(':') {
                let name = line[..colon].trim();
                if !name.is_empty() && !name.contains(['=', '$', ' ']) && !line[colon..].starts_with(":=") {
                    targets.push(TextAt { text: name, span: Span::new(off, off + name.len()) });
                }
            }
        }
        off += raw.len();
    }
    Rules { kind: "deb-rules", path, shebang, targets, assignments, lines, span: Span::new(0, src.len()) }
}

/// `[export ]NAME op value` where op is one of make's assignment operators and comes before
/// any `:` that would make the line a rule.
fn assignment(line: &str, off: usize) -> Option<Assignment<'_>> {
    let (exported, rest) = match line.strip_prefix("export ").or_else(|| line.strip_prefix("override ")) {
        Some(r) => (line.starts_with("export "), r),
        None => (false, line),
    };
    let lead = line.len() - rest.len();
    let trimmed = rest.trim_start();
    let lead = lead + (rest.len() - trimmed.len());
    let name_len = trimmed.find(|c: char| c.is_whitespace() || matches!(c, '=' | ':' | '?' | '+' | '!'))?;
    let name = &trimmed[..name_len];
    if name.is_empty() || name.contains('$') {
        return None;
    }
    let after = trimmed[name_len..].trim_start();
    let op = ["::=", ":=", "?=", "+=", "!=", "="].into_iter().find(|op| after.starts_with(op))?;
    let value = after[op.len()..].trim();
    Some(Assignment {
        name,
        op,
        value,
        exported,
        span: Span::new(off, off + line.len()),
        name_span: Span::new(off + lead, off + lead + name_len),
    })
}

#[derive(Debug, Serialize)]
pub struct SourceFormat<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// The first line, trimmed: `3.0 (quilt)`, `3.0 (native)`, `1.0`.
    pub format: Option<TextAt<'a>>,
    pub span: Span,
}

pub fn source_format<'a>(path: &'a str, src: &'a str) -> SourceFormat<'a> {
    let first = src.split('\n').next().unwrap_or("");
    let text = first.trim();
    let start = first.len() - first.trim_start().len();
    let format = (!text.is_empty()).then(|| TextAt { text, span: Span::new(start, start + text.len()) });
    SourceFormat { kind: "deb-source-format", path, format, span: Span::new(0, src.len()) }
}

#[derive(Debug, Serialize)]
pub struct Compat<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// The debhelper compatibility level as written (first non-comment line).
    pub level: Option<TextAt<'a>>,
    pub span: Span,
}

pub fn compat<'a>(path: &'a str, src: &'a str) -> Compat<'a> {
    let mut off = 0;
    let mut level = None;
    for raw in src.split_inclusive('\n') {
        let text = raw.trim();
        if !text.is_empty() && !text.starts_with('#') {
            let start = off + (raw.len() - raw.trim_start().len());
            level = Some(TextAt { text, span: Span::new(start, start + text.len()) });
            break;
        }
        off += raw.len();
    }
    Compat { kind: "deb-compat", path, level, span: Span::new(0, src.len()) }
}

#[derive(Debug, Serialize)]
pub struct Watch<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// `version=N`, the value and its span.
    pub version: Option<TextAt<'a>>,
    /// Watch lines after the version line, continuation lines (`\` at the end) joined.
    pub entries: Vec<WatchEntry>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct WatchEntry {
    /// The logical line, continuations joined without the backslash and leading blanks.
    pub text: String,
    /// `opts=...` (or `opts="..."`) at the start, without `opts=` and quotes.
    pub opts: Option<String>,
    /// The first word after the options: the URL (or directory) pattern.
    pub url: String,
    pub span: Span,
}

pub fn watch<'a>(path: &'a str, src: &'a str) -> Watch<'a> {
    let mut version = None;
    let mut entries = vec![];
    let mut off = 0;
    let mut pending: Option<(String, usize)> = None;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let end = off + line.len();
        let this_off = off;
        off += raw.len();
        if pending.is_none() && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        if pending.is_none() && version.is_none() && entries.is_empty() {
            // `version=4`, also written `version = 4` (uscan accepts blanks around `=`)
            let v = line.trim_start().strip_prefix("version").map(str::trim_start).and_then(|r| r.strip_prefix('='));
            if let Some(v) = v {
                let text = v.trim();
                let at = this_off + (line.len() - v.trim_start().len());
                version = Some(TextAt { text, span: Span::new(at, at + text.len()) });
                continue;
            }
        }
        let (mut text, start) = pending.take().unwrap_or((String::new(), this_off));
        let piece = if text.is_empty() { line.trim_start() } else { line.trim() };
        if let Some(cont) = piece.strip_suffix('\\') {
            text.push_str(cont);
            pending = Some((text, start));
            continue;
        }
        text.push_str(piece);
        entries.push(watch_entry(text, Span::new(start, end)));
    }
    if let Some((text, start)) = pending {
        entries.push(watch_entry(text, Span::new(start, src.len())));
    }
    Watch { kind: "deb-watch", path, version, entries, span: Span::new(0, src.len()) }
}

fn watch_entry(text: String, span: Span) -> WatchEntry {
    let (opts, rest) = match text.strip_prefix("opts=") {
        Some(r) if r.starts_with('"') => {
            let body = &r[1..];
            let close = body.find('"').unwrap_or(body.len());
            (Some(body[..close].to_string()), body.get(close + 1..).unwrap_or(""))
        }
        Some(r) => {
            let sp = r.find(char::is_whitespace).unwrap_or(r.len());
            (Some(r[..sp].to_string()), &r[sp..])
        }
        None => (None, text.as_str()),
    };
    let url = rest.split_whitespace().next().unwrap_or("").to_string();
    WatchEntry { text: text.clone(), opts, url, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_assignments_and_targets() {
        let src = "#!/usr/bin/make -f\nexport DH_VERBOSE = 1\nCFLAGS += -O2\n%:\n\tdh $@\n\noverride_dh_auto_test:\n";
        let r = rules("debian/rules", src);
        let names: Vec<_> = r.assignments.iter().map(|a| (a.name, a.op, a.value, a.exported)).collect();
        assert_eq!(names, [("DH_VERBOSE", "=", "1", true), ("CFLAGS", "+=", "-O2", false)]);
        let targets: Vec<_> = r.targets.iter().map(|t| t.text).collect();
        assert_eq!(targets, ["%", "override_dh_auto_test"]);
        assert_eq!(&src[r.assignments[0].name_span.range()], "DH_VERBOSE");
        assert_eq!(r.lines.len(), 5);
    }

    #[test]
    fn watch_joins_continuations_and_reads_opts() {
        let src = "# comment\nversion=4\nopts=\"filenamemangle=s/.+\\/v?(\\d\\S+)\\.tar\\.gz/foo-$1\\.tar\\.gz/\" \\\n  https://github.com/o/foo/tags .*/v?(\\d\\S+)\\.tar\\.gz\n";
        let w = watch("debian/watch", src);
        assert_eq!(w.version.as_ref().map(|v| v.text), Some("4"));
        assert_eq!(w.entries.len(), 1);
        assert_eq!(w.entries[0].url, "https://github.com/o/foo/tags");
        assert!(w.entries[0].opts.as_deref().unwrap().starts_with("filenamemangle="));
        assert_eq!(w.entries[0].span.end as usize, src.len() - 1);
        let spaced = watch("debian/watch", "version = 4\nhttps://x/ .*\n");
        let v = spaced.version.unwrap();
        assert_eq!((v.text, v.span.start), ("4", 10));
        assert_eq!(spaced.entries.len(), 1);
    }

    #[test]
    fn source_format_and_compat() {
        assert_eq!(source_format("debian/source/format", "3.0 (quilt)\n").format.unwrap().text, "3.0 (quilt)");
        assert!(source_format("debian/source/format", "").format.is_none());
        let c = compat("debian/compat", "\n12\n");
        assert_eq!(c.level.as_ref().map(|l| (l.text, l.span.start)), Some(("12", 1u32)));
    }
}
