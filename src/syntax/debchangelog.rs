//! `debian/changelog` (deb-changelog(5)):
//!
//! ```text
//! package (version) distribution(s); urgency=urgency[, key=value]
//!
//!   * change details
//!
//!  -- maintainer name <email address>  date
//! ```
//!
//! Entries are parsed as dpkg-parsechangelog reads them; lines it would warn about become
//! errors, and text outside an entry (old-style trailers, Emacs/vim variables) is kept as-is.

use crate::span::Span;
use crate::syntax::SyntaxError;
use nom::bytes::complete::{tag, take_till, take_till1, take_while1};
use nom::character::complete::{char, space0, space1};
use nom::sequence::delimited;
use nom::{IResult, Parser};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Changelog {
    pub entries: Vec<Entry>,
    /// Text after the last entry that is not an entry (old-format history, editor settings).
    pub rest: Option<Span>,
    #[serde(skip)]
    pub errors: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub package: String,
    pub version: Version,
    pub distributions: Vec<String>,
    pub urgency: Option<String>,
    /// `key=value` pairs after the `;` (urgency included), in order.
    pub keywords: Vec<(String, String)>,
    pub header_span: Span,
    pub version_span: Span,
    pub distributions_span: Span,
    /// The change lines between header and trailer, verbatim.
    pub changes: Vec<String>,
    pub maintainer: Option<String>,
    pub email: Option<String>,
    pub date: Option<String>,
    pub trailer_span: Option<Span>,
    pub date_span: Option<Span>,
    pub span: Span,
}

/// `[epoch:]upstream[-revision]` (Debian Policy §5.6.12).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Version {
    pub full: String,
    pub epoch: Option<String>,
    pub upstream: String,
    pub revision: Option<String>,
}

impl Version {
    pub fn parse(s: &str) -> Version {
        let (epoch, rest) = match s.split_once(':') {
            Some((e, r)) if !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()) => (Some(e.to_string()), r),
            _ => (None, s),
        };
        let (upstream, revision) = match rest.rfind('-') {
            Some(i) => (rest[..i].to_string(), Some(rest[i + 1..].to_string())),
            None => (rest.to_string(), None),
        };
        Version { full: s.to_string(), epoch, upstream, revision }
    }
}

struct Header<'a> {
    package: &'a str,
    version: &'a str,
    dists: &'a str,
    keywords: &'a str,
}

fn header(i: &str) -> IResult<&str, Header<'_>> {
    let (i, package) = take_while1(|c: char| c.is_ascii_alphanumeric() || "+-.".contains(c))(i)?;
    let (i, _) = space1(i)?;
    let (i, version) = delimited(char('('), take_till1(|c: char| c == ')' || c.is_whitespace()), char(')')).parse(i)?;
    let (i, _) = space1(i)?;
    let (i, dists) = take_till1(|c: char| c == ';')(i)?;
    let (i, _) = char(';')(i)?;
    let (i, _) = space0(i)?;
    Ok(("", Header { package, version, dists, keywords: i }))
}

/// ` -- name <email>  date` (exactly one leading space, two spaces before the date).
fn trailer(i: &str) -> IResult<&str, (&str, &str, &str)> {
    let (i, _) = tag(" -- ")(i)?;
    let (i, name) = take_till(|c: char| c == '<')(i)?;
    let (i, email) = delimited(char('<'), take_till(|c: char| c == '>'), char('>')).parse(i)?;
    Ok(("", (name.trim(), email, i)))
}

pub fn parse(src: &str) -> Changelog {
    let mut out = Changelog { entries: vec![], rest: None, errors: vec![] };
    let mut off = 0;
    let mut current: Option<Entry> = None;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = off;
        off += raw.len();
        let span = Span::new(start, start + line.len());
        let first = line.chars().next();
        if first.is_some_and(|c| c.is_ascii_alphanumeric()) {
            match header(line) {
                Ok((_, h)) => {
                    if let Some(e) = current.take() {
                        finish(e, &mut out);
                    }
                    let keywords: Vec<(String, String)> = h
                        .keywords
                        .split(',')
                        .filter_map(|kv| kv.trim().split_once('='))
                        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                        .collect();
                    let urgency =
                        keywords.iter().find(|(k, _)| k.eq_ignore_ascii_case("urgency")).map(|(_, v)| v.clone());
                    let dists_trimmed = h.dists.trim();
                    current = Some(Entry {
                        package: h.package.to_string(),
                        version: Version::parse(h.version),
                        distributions: dists_trimmed.split_whitespace().map(String::from).collect(),
                        urgency,
                        keywords,
                        header_span: span,
                        version_span: Span::of_subslice(line, h.version, start),
                        distributions_span: Span::of_subslice(line, dists_trimmed, start),
                        changes: vec![],
                        maintainer: None,
                        email: None,
                        date: None,
                        trailer_span: None,
                        date_span: None,
                        span,
                    });
                }
                // Old-format entries and editor settings at the end of long changelogs
                // (`Local variables:`, `Old Changelog:`) are not errors for dpkg either.
                Err(_) if current.as_ref().is_some_and(|e| e.trailer_span.is_some()) || current.is_none() => {
                    if current.is_none() && out.entries.is_empty() {
                        out.errors
                            .push(SyntaxError::new(span, "expected `package (version) distribution; urgency=...`"));
                    } else if let Some(e) = current.take() {
                        finish(e, &mut out);
                    }
                    // Everything after a non-entry line at column 0 is old-style history.
                    out.rest = Some(Span::new(start, src.len()));
                    break;
                }
                Err(_) => {
                    out.errors.push(SyntaxError::new(span, "expected a change line (indented) or the ` -- ` trailer"))
                }
            }
            continue;
        }
        let Some(e) = current.as_mut() else {
            if !line.trim().is_empty() {
                out.errors.push(SyntaxError::new(span, "text before the first changelog entry"));
            }
            continue;
        };
        if line.starts_with(" --") {
            e.span.end = span.end;
            match trailer(line) {
                Ok((_, (name, email, date))) => {
                    e.maintainer = Some(name.to_string());
                    e.email = Some(email.to_string());
                    let d = date.trim();
                    e.date = Some(d.to_string());
                    e.date_span = Some(Span::of_subslice(line, d, start));
                    e.trailer_span = Some(span);
                }
                Err(_) => {
                    e.trailer_span = Some(span);
                    out.errors.push(SyntaxError::new(span, "malformed trailer; expected ` -- name <email>  date`"));
                }
            }
            continue;
        }
        if e.trailer_span.is_none() {
            e.span.end = span.end;
            if !line.trim().is_empty() {
                e.changes.push(line.to_string());
            }
        } else if !line.trim().is_empty() {
            out.errors.push(SyntaxError::new(span, "text between an entry's trailer and the next entry"));
        }
    }
    if let Some(e) = current.take() {
        finish(e, &mut out);
    }
    out
}

fn finish(e: Entry, out: &mut Changelog) {
    if e.trailer_span.is_none() {
        out.errors.push(SyntaxError::new(e.header_span, "entry without a ` -- name <email>  date` trailer"));
    }
    out.entries.push(e);
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
hello (1:2.10-3) unstable experimental; urgency=medium, binary-only=yes

  * New upstream release.
    - continued

 -- Jane Doe <jane@example.org>  Mon, 02 Jan 2023 10:00:00 +0100

hello (2.9-1) unstable; urgency=low

  * Initial release.

 -- Jane Doe <jane@example.org>  Sun, 01 Jan 2023 10:00:00 +0100

Local variables:
mode: debian-changelog
End:
";

    #[test]
    fn entries() {
        let c = parse(LOG);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.entries.len(), 2);
        let e = &c.entries[0];
        assert_eq!(e.package, "hello");
        assert_eq!(
            e.version,
            Version {
                full: "1:2.10-3".into(),
                epoch: Some("1".into()),
                upstream: "2.10".into(),
                revision: Some("3".into())
            }
        );
        assert_eq!(e.distributions, vec!["unstable", "experimental"]);
        assert_eq!(e.urgency.as_deref(), Some("medium"));
        assert_eq!(e.keywords[1], ("binary-only".into(), "yes".into()));
        assert_eq!(e.changes, vec!["  * New upstream release.", "    - continued"]);
        assert_eq!(e.email.as_deref(), Some("jane@example.org"));
        assert_eq!(&LOG[e.date_span.unwrap().range()], "Mon, 02 Jan 2023 10:00:00 +0100");
        assert_eq!(&LOG[e.version_span.range()], "1:2.10-3");
    }

    #[test]
    fn missing_trailer_is_an_error() {
        let c = parse("x (1.0) unstable; urgency=low\n\n  * a\n");
        assert_eq!(c.entries.len(), 1);
        assert_eq!(c.errors.len(), 1);
    }

    #[test]
    fn versions() {
        assert_eq!(Version::parse("1.0").revision, None);
        assert_eq!(Version::parse("1.0-2-3").upstream, "1.0-2");
        assert_eq!(Version::parse("a:1").epoch, None);
    }
}
