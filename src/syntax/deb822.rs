//! deb822, the format of `debian/control`, `DEBIAN/control`, `debian/copyright` (DEP-5) and
//! `.dsc` files (Debian Policy §5.1): paragraphs of `Field: value` lines separated by blank
//! lines, continuation lines starting with a space or tab, `#` comment lines.
//!
//! Values are kept as python-debian's `Deb822` returns them (the first line trimmed, each
//! continuation line appended after a `\n` with its leading whitespace), so the agreement
//! script in `scripts/` can compare them directly. Relationship fields are parsed further by
//! [`parse_relations`].

use crate::span::Span;
use crate::syntax::SyntaxError;
use nom::bytes::complete::{tag, take_till, take_while1};
use nom::character::complete::{char, space0};
use nom::combinator::opt;
use nom::sequence::delimited;
use nom::{IResult, Parser};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Deb822 {
    pub paragraphs: Vec<Paragraph>,
    #[serde(skip)]
    pub errors: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// From the first field line to the end of the last line of the paragraph.
    pub span: Span,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// The whole field, continuation lines included (without the final newline).
    pub span: Span,
    pub name_span: Span,
    /// The value, from its first non-blank byte to the end of its last line.
    pub value_span: Span,
    /// For each line of `value`: (offset in `value`, offset in the file) of its first byte, so
    /// offsets into `value` map back to the file although trailing blanks and `\r` were
    /// dropped from it (see [`Field::file_offset`]).
    #[serde(skip)]
    pub line_starts: Vec<(usize, usize)>,
}

impl Field {
    /// The file offset of byte `at` of `value`.
    pub fn file_offset(&self, at: usize) -> usize {
        let i = self.line_starts.partition_point(|(v, _)| *v <= at).saturating_sub(1);
        self.line_starts.get(i).map_or(self.value_span.start as usize + at, |(v, f)| f + (at - v))
    }
}

impl Paragraph {
    /// The first field called `name` (field names are case-insensitive).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }
}

/// A field name: printable ASCII except `:` and space, not starting with `#` or `-`.
fn field_name(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_graphic() && c != ':')(i)
}

fn field_line(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, name) = field_name(i)?;
    let (i, _) = char(':')(i)?;
    let (i, _) = space0(i)?;
    Ok(("", (name, i)))
}

pub fn parse(src: &str) -> Deb822 {
    let mut out = Deb822 { paragraphs: vec![], errors: vec![] };
    let mut para: Option<Paragraph> = None;
    let mut off = 0;
    // where the last orphan continuation line ended (to merge runs of them)
    let mut orphan_end: Option<usize> = None;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = off;
        off += raw.len();
        let span = Span::new(start, start + line.len());
        if line.trim().is_empty() {
            if let Some(p) = para.take() {
                out.paragraphs.push(p);
            }
            continue;
        }
        // Comments are allowed anywhere in source control files and do not end a paragraph.
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match para.as_mut().and_then(|p| p.fields.last_mut()) {
                Some(f) => {
                    f.value.push('\n');
                    f.line_starts.push((f.value.len(), start));
                    f.value.push_str(line.trim_end());
                    if f.value_span.is_empty() {
                        let lead = line.len() - line.trim_start().len();
                        f.value_span = Span::new(start + lead, start + line.trim_end().len());
                    } else {
                        f.value_span.end = (start + line.trim_end().len()) as u32;
                    }
                    f.span.end = span.end;
                    if let Some(p) = para.as_mut() {
                        p.span.end = span.end;
                    }
                }
                // A run of orphan lines (a license text after a blank line instead of ` .`)
                // is one error, not one per line.
                None => {
                    match out.errors.last_mut() {
                        Some(e) if e.message.starts_with("continuation line") && orphan_end == Some(start) => {
                            e.span.end = span.end;
                            e.message = "continuation lines without a field before them (a blank line inside a value must be ` .`)".into();
                            orphan_end = Some(off);
                        }
                        _ => {
                            out.errors.push(SyntaxError::new(span, "continuation line without a field before it"));
                            orphan_end = Some(off);
                        }
                    }
                }
            }
            continue;
        }
        match field_line(line) {
            Ok((_, (name, value))) if !name.starts_with('-') => {
                let name_span = Span::of_subslice(line, name, start);
                let value = value.trim_end();
                let value_span = Span::of_subslice(line, value, start);
                let p = para.get_or_insert_with(|| Paragraph { span, fields: vec![] });
                p.span.end = span.end;
                if p.fields.iter().any(|f| f.name.eq_ignore_ascii_case(name)) {
                    out.errors.push(SyntaxError::new(name_span, format!("duplicate field `{name}` in this paragraph")));
                }
                p.fields.push(Field {
                    name: name.to_string(),
                    value: value.to_string(),
                    span,
                    name_span,
                    value_span,
                    line_starts: vec![(0, value_span.start as usize)],
                });
            }
            _ => {
                out.errors.push(SyntaxError::new(span, "expected `Field: value`, a continuation line or a blank line"))
            }
        }
    }
    if let Some(p) = para.take() {
        out.paragraphs.push(p);
    }
    out
}

/// The fields whose values are relationships (Debian Policy §7.1), parsed by [`parse_relations`].
pub fn is_relation_field(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "depends",
        "pre-depends",
        "recommends",
        "suggests",
        "enhances",
        "breaks",
        "conflicts",
        "replaces",
        "provides",
        "build-depends",
        "build-depends-indep",
        "build-depends-arch",
        "build-conflicts",
        "build-conflicts-indep",
        "build-conflicts-arch",
        "built-using",
        "static-built-using",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// One alternative of a relationship: `name[:arch] [(op version)] [[arches]] [<profiles>]...`,
/// or a substitution variable `${misc:Depends}`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Relation {
    pub name: String,
    pub arch_qualifier: Option<String>,
    pub op: Option<String>,
    pub version: Option<String>,
    pub arches: Vec<String>,
    /// Each `<...>` group is one restriction list (the relation applies if any list matches).
    pub profiles: Vec<Vec<String>>,
    /// `${...}`: the name is the variable, e.g. `misc:Depends`.
    pub substvar: bool,
    pub span: Span,
}

/// A comma-separated entry: one or more alternatives separated by `|`.
#[derive(Debug, Clone, Serialize)]
pub struct RelationGroup {
    pub alternatives: Vec<Relation>,
    pub span: Span,
}

fn pkg_name(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || "+-.".contains(c))(i)
}

fn version_constraint(i: &str) -> IResult<&str, (&str, &str)> {
    delimited(
        (char('('), space0),
        (
            nom::branch::alt((tag("<<"), tag("<="), tag(">="), tag(">>"), tag("="), tag("<"), tag(">"))),
            nom::sequence::preceded(space0, take_till(|c: char| c == ')' || c.is_whitespace())),
        ),
        (space0, char(')')),
    )
    .parse(i)
}

fn bracket_list(open: char, close: char) -> impl FnMut(&str) -> IResult<&str, Vec<String>> {
    move |i: &str| {
        let (i, inner) = delimited(char(open), take_till(|c: char| c == close), char(close)).parse(i)?;
        Ok((i, inner.split_whitespace().map(String::from).collect()))
    }
}

fn relation(i: &str) -> IResult<&str, Relation> {
    let (i, _) = space0(i)?;
    if let Ok((rest, var)) =
        delimited(tag::<_, _, nom::error::Error<&str>>("${"), take_till(|c| c == '}'), char('}')).parse(i)
    {
        let (rest, _) = space0(rest)?;
        return Ok((
            rest,
            Relation {
                name: var.to_string(),
                arch_qualifier: None,
                op: None,
                version: None,
                arches: vec![],
                profiles: vec![],
                substvar: true,
                span: Span::default(),
            },
        ));
    }
    let (i, name) = pkg_name(i)?;
    let (i, arch_qualifier) =
        opt(nom::sequence::preceded(char(':'), take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-')))
            .parse(i)?;
    let (i, _) = space0(i)?;
    let (i, constraint) = opt(version_constraint).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, arches) = opt(bracket_list('[', ']')).parse(i)?;
    let (mut i, _) = space0(i)?;
    let mut profiles = vec![];
    while let Ok((rest, p)) = bracket_list('<', '>')(i) {
        profiles.push(p);
        i = space0::<_, nom::error::Error<&str>>(rest).map(|(r, _)| r).unwrap_or(rest);
    }
    Ok((
        i,
        Relation {
            name: name.to_string(),
            arch_qualifier: arch_qualifier.map(String::from),
            op: constraint.map(|c| c.0.to_string()),
            version: constraint.map(|c| c.1.to_string()),
            arches: arches.unwrap_or_default(),
            profiles,
            substvar: false,
            span: Span::default(),
        },
    ))
}

/// Parse a relationship field's value; spans are file spans. Entries that do not parse are
/// returned as errors and skipped.
pub fn parse_relations(field: &Field) -> (Vec<RelationGroup>, Vec<SyntaxError>) {
    let value = field.value.as_str();
    let at = |from: usize, len: usize| {
        Span::new(field.file_offset(from), field.file_offset(from + len.saturating_sub(1)) + usize::from(len > 0))
    };
    let mut groups = vec![];
    let mut errors = vec![];
    let mut pos = 0;
    for entry in value.split(',') {
        let entry_start = pos;
        pos += entry.len() + 1;
        if entry.trim().is_empty() {
            continue;
        }
        let mut alternatives = vec![];
        let mut apos = entry_start;
        for alt in entry.split('|') {
            let alt_start = apos;
            apos += alt.len() + 1;
            let trimmed = alt.trim();
            let lead = alt.len() - alt.trim_start().len();
            let span = at(alt_start + lead, trimmed.len());
            match relation(trimmed) {
                Ok((rest, mut r)) if rest.trim().is_empty() => {
                    r.span = span;
                    alternatives.push(r);
                }
                // Substitution variables may expand to anything (`libfoo${abi}`, a whole
                // list); only the expanded field could be judged.
                _ if trimmed.contains("${") => alternatives.push(Relation {
                    name: trimmed.to_string(),
                    arch_qualifier: None,
                    op: None,
                    version: None,
                    arches: vec![],
                    profiles: vec![],
                    substvar: true,
                    span,
                }),
                _ => errors.push(SyntaxError::new(span, format!("malformed relationship `{trimmed}`"))),
            }
        }
        if !alternatives.is_empty() {
            let lead = entry.len() - entry.trim_start().len();
            let span = at(entry_start + lead, entry.trim().len());
            groups.push(RelationGroup { alternatives, span });
        }
    }
    (groups, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTROL: &str = "\
# comment
Source: hello
Build-Depends: debhelper-compat (= 13),
 libfoo-dev:native [!hurd-any] <!nocheck> | libbar-dev (>= 1.2~rc1),
 ${misc:Depends}

Package: hello
Description: short synopsis
 Extended text.
 .
 More.
";

    #[test]
    fn paragraphs_fields_and_continuations() {
        let d = parse(CONTROL);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.paragraphs.len(), 2);
        let src = &d.paragraphs[0];
        assert_eq!(src.field("source").unwrap().value, "hello");
        let bd = src.field("Build-Depends").unwrap();
        assert!(bd.value.starts_with("debhelper-compat (= 13),\n libfoo-dev"));
        assert_eq!(&CONTROL[bd.name_span.range()], "Build-Depends");
        assert!(CONTROL[bd.value_span.range()].ends_with("${misc:Depends}"));
        let desc = d.paragraphs[1].field("Description").unwrap();
        assert_eq!(desc.value, "short synopsis\n Extended text.\n .\n More.");
    }

    #[test]
    fn relations() {
        let d = parse(CONTROL);
        let bd = d.paragraphs[0].field("Build-Depends").unwrap();
        let (groups, errors) = parse_relations(bd);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].alternatives[0].op.as_deref(), Some("="));
        assert_eq!(groups[0].alternatives[0].version.as_deref(), Some("13"));
        let alts = &groups[1].alternatives;
        assert_eq!(alts.len(), 2);
        assert_eq!(alts[0].arch_qualifier.as_deref(), Some("native"));
        assert_eq!(alts[0].arches, vec!["!hurd-any"]);
        assert_eq!(alts[0].profiles, vec![vec!["!nocheck".to_string()]]);
        assert_eq!(&CONTROL[alts[1].span.range()], "libbar-dev (>= 1.2~rc1)");
        assert!(groups[2].alternatives[0].substvar);
        // trailing blanks and `\r` dropped from the value do not shift spans
        let crlf = parse("Depends: a, \r\n b (>= 1),  \r\n c\r\n");
        let f = crlf.paragraphs[0].field("Depends").unwrap();
        let (crlf_groups, _) = parse_relations(f);
        let src = "Depends: a, \r\n b (>= 1),  \r\n c\r\n";
        let texts: Vec<&str> = crlf_groups.iter().map(|g| &src[g.span.range()]).collect();
        assert_eq!(texts, ["a", "b (>= 1)", "c"]);
        assert_eq!(groups[2].alternatives[0].name, "misc:Depends");
    }

    #[test]
    fn orphan_continuation_lines_are_one_error() {
        let d = parse("Files: *\nLicense: X\n\n text one\n text two\n text three\n\nFiles: a\n");
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].span, Span::new(21, 52));
        assert_eq!(d.paragraphs.len(), 2);
    }

    #[test]
    fn bad_lines_are_errors_not_losses() {
        let d = parse(" orphan\nNo colon here\nPackage: x\n");
        assert_eq!(d.errors.len(), 2);
        assert_eq!(d.paragraphs[0].fields[0].value, "x");
    }
}
