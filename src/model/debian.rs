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
    pub span: Span,
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
    let mut off = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if !line.starts_with([' ', '\t', '#']) {
            if let Some(colon) = line.find(':') {
                let name = line[..colon].trim();
                if !name.is_empty() && !name.contains(['=', '$', ' ']) && !line[colon..].starts_with(":=") {
                    targets.push(TextAt { text: name, span: Span::new(off, off + name.len()) });
                }
            }
        }
        off += raw.len();
    }
    Rules { kind: "deb-rules", path, shebang, targets, span: Span::new(0, src.len()) }
}
