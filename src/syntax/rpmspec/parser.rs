//! The spec parser. It reads logical lines the way rpm's `readLine` does, then classifies each
//! line by the section it is in. Every byte lands in exactly one line, every line in exactly
//! one section; what cannot be understood becomes an [`LineKind::Invalid`] line plus an error.

use super::ast::*;
use crate::span::Span;
use crate::syntax::SyntaxError;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_till, take_while, take_while1};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, recognize};
use nom::sequence::delimited;
use nom::{IResult, Parser};

/// Split `src` into logical lines: `(whole line incl. newline, line without newline)`.
///
/// rpm's `copyNextLineFromOFI` joins lines while one ends in `\` or while a `%{`, `%(` or `%[`
/// is unbalanced, but only to expand macros: it still classifies the result line by line, so a
/// `%else` inside a `\`-continued shell command is a conditional. We therefore join a
/// `\`-continuation only for `%define`/`%global` bodies, and unbalanced groups always.
pub fn logical_lines(src: &str) -> Vec<(Span, Span)> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let (mut bc, mut pc, mut xc) = (0i32, 0i32, 0i32);
        let mut i = start;
        let end = loop {
            // scan one physical line
            let line_end = match bytes[i..].iter().position(|&b| b == b'\n') {
                Some(p) => i + p,
                None => bytes.len(),
            };
            let mut nc = false;
            let mut j = i;
            while j < line_end {
                match bytes[j] {
                    b'\\' => {
                        if j + 1 == line_end && line_end < bytes.len() {
                            nc = true;
                        }
                        j += 1;
                    }
                    b'%' => match bytes.get(j + 1) {
                        Some(b'{') => {
                            bc += 1;
                            j += 1;
                        }
                        Some(b'(') => {
                            pc += 1;
                            j += 1;
                        }
                        Some(b'[') => {
                            xc += 1;
                            j += 1;
                        }
                        Some(b'%') => j += 1,
                        _ => {}
                    },
                    b'{' if bc > 0 => bc += 1,
                    b'}' if bc > 0 => bc -= 1,
                    b'(' if pc > 0 => pc += 1,
                    b')' if pc > 0 => pc -= 1,
                    b'[' if xc > 0 => xc += 1,
                    b']' if xc > 0 => xc -= 1,
                    _ => {}
                }
                j += 1;
            }
            if line_end >= bytes.len() {
                break bytes.len();
            }
            if (nc && is_macro_def(&src[start..line_end])) || bc > 0 || pc > 0 || xc > 0 {
                i = line_end + 1;
                continue;
            }
            break line_end + 1;
        };
        let text_end = if end > start && bytes.get(end - 1) == Some(&b'\n') { end - 1 } else { end };
        out.push((Span::new(start, end), Span::new(start, text_end)));
        start = end;
    }
    out
}

fn is_macro_def(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("%define") || t.starts_with("%global")
}

struct State<'s> {
    src: &'s str,
    ast: SpecAst,
    /// Open conditionals: (index of the current branch, all branch indices so far).
    cond_stack: Vec<(u32, Vec<u32>)>,
}

/// Parse a spec file. Never fails, never panics.
pub fn parse(src: &str) -> SpecAst {
    let mut st = State {
        src,
        ast: SpecAst {
            sections: vec![Section {
                kind: SectionKind::Preamble,
                name: "preamble".into(),
                header: None,
                lines: Vec::new(),
                span: Span::empty(0),
            }],
            branches: Vec::new(),
            errors: Vec::new(),
        },
        cond_stack: Vec::new(),
    };
    for (span, text_span) in logical_lines(src) {
        st.line(span, text_span);
    }
    for (branch, _) in std::mem::take(&mut st.cond_stack) {
        if let Some(b) = st.ast.branches.get(branch as usize) {
            let span = b.directive_span;
            st.ast.errors.push(SyntaxError::new(span, "conditional is never closed: missing %endif"));
        }
    }
    // Drop an empty implicit preamble only if something follows; keep one section always.
    if st.ast.sections.len() > 1 && st.ast.sections[0].lines.is_empty() {
        st.ast.sections.remove(0);
    }
    for s in &mut st.ast.sections {
        if let (Some(first), Some(last)) = (s.lines.first(), s.lines.last()) {
            s.span = Span { start: first.span.start, end: last.span.end };
        }
    }
    st.ast
}

impl<'s> State<'s> {
    fn text(&self, span: Span) -> &'s str {
        self.src.get(span.range()).unwrap_or("")
    }

    fn current_branch(&self) -> Option<u32> {
        self.cond_stack.last().map(|(b, _)| *b)
    }

    fn push_line(&mut self, span: Span, text_span: Span, kind: LineKind, branch: Option<u32>) {
        let line = Line { span, text_span, kind, branch };
        if let Some(sec) = self.ast.sections.last_mut() {
            sec.lines.push(line);
        }
    }

    fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.ast.errors.push(SyntaxError::new(span, msg));
    }

    fn line(&mut self, span: Span, text_span: Span) {
        let text = self.text(text_span);
        let base = text_span.start as usize;
        let trimmed = text.trim_start();
        let branch = self.current_branch();

        if trimmed.starts_with('%') {
            if let Some(kind) = self.conditional(text, base, span, text_span) {
                self.push_line(span, text_span, kind, branch);
                return;
            }
        }
        if text.starts_with('%') {
            if let Some((sec_kind, name, kw_len)) = section_keyword(text) {
                let header = parse_header(text, base, kw_len);
                let kw_span = Span::new(base, base + kw_len);
                self.ast.sections.push(Section {
                    kind: sec_kind,
                    name: name.to_string(),
                    header: Some(SectionHeader { keyword_span: kw_span, ..header }),
                    lines: Vec::new(),
                    span,
                });
                self.push_line(span, text_span, LineKind::SectionHeader, branch);
                return;
            }
        }
        if trimmed.starts_with('%') {
            if let Some(kind) = macro_definition(text, base) {
                self.push_line(span, text_span, kind, branch);
                return;
            }
        }
        let section = self.ast.sections.last().map(|s| s.kind).unwrap_or(SectionKind::Preamble);
        let kind = if trimmed.is_empty() {
            LineKind::Blank
        } else {
            match section {
                SectionKind::Preamble | SectionKind::Package => {
                    if trimmed.starts_with('#') {
                        LineKind::Comment
                    } else if let Some(tag) = parse_tag(text, base) {
                        LineKind::Tag(tag)
                    } else if trimmed.starts_with('%') {
                        // A macro call in the preamble, such as %{?systemd_requires}.
                        LineKind::Text
                    } else {
                        self.error(
                            text_span,
                            format!("unrecognised preamble line: expected `Tag: value`, found `{}`", preview(trimmed)),
                        );
                        LineKind::Invalid
                    }
                }
                SectionKind::Files => {
                    if trimmed.starts_with('#') {
                        LineKind::Comment
                    } else {
                        match parse_file_entry(text, base) {
                            Ok(e) => LineKind::FileEntry(e),
                            Err(msg) => {
                                self.error(text_span, msg);
                                LineKind::Invalid
                            }
                        }
                    }
                }
                SectionKind::Changelog => {
                    if text.starts_with('*') {
                        match parse_changelog_header(text, base) {
                            Some(h) => LineKind::ChangelogHeader(h),
                            None => {
                                self.error(text_span, "malformed %changelog entry header: expected `* Www Mmm DD YYYY Name <email> - version-release`");
                                LineKind::Invalid
                            }
                        }
                    } else {
                        LineKind::Text
                    }
                }
                SectionKind::Description => LineKind::Text,
                _ => {
                    if trimmed.starts_with('#') {
                        LineKind::Comment
                    } else {
                        LineKind::Text
                    }
                }
            }
        };
        self.push_line(span, text_span, kind, branch);
    }

    /// Recognise a conditional directive and maintain the branch stack.
    fn conditional(&mut self, text: &str, base: usize, span: Span, text_span: Span) -> Option<LineKind> {
        let lead = text.len() - text.trim_start().len();
        let rest = &text[lead..];
        let (kw, kind) = COND_KEYWORDS.iter().find(|(kw, _)| {
            rest.len() > kw.len()
                && rest.as_bytes().get(kw.len()).is_some_and(|b| b.is_ascii_whitespace())
                && rest.get(..kw.len()).is_some_and(|p| p == *kw)
                || rest == *kw
        })?;
        let kw_span = Span::new(base + lead, base + lead + kw.len());
        let expr_raw = rest.get(kw.len()..).unwrap_or("");
        let expr = expr_raw.trim();
        let expr_span =
            if expr.is_empty() { Span::empty(kw_span.end as usize) } else { Span::of_subslice(text, expr, base) };
        let _ = span;
        let mut opens_branch = None;
        let kind = *kind;
        if kind.opens() {
            let parent = self.current_branch();
            let idx = self.ast.branches.len() as u32;
            self.ast.branches.push(Branch {
                kind,
                expr: expr.to_string(),
                directive_span: text_span,
                parent,
                previous: vec![],
            });
            self.cond_stack.push((idx, vec![idx]));
            opens_branch = Some(idx);
        } else if kind.continues() {
            match self.cond_stack.pop() {
                Some((_, all)) => {
                    let parent = self.ast.branches.get(all[0] as usize).and_then(|b| b.parent);
                    let idx = self.ast.branches.len() as u32;
                    self.ast.branches.push(Branch {
                        kind,
                        expr: expr.to_string(),
                        directive_span: text_span,
                        parent,
                        previous: all.clone(),
                    });
                    let mut all = all;
                    all.push(idx);
                    self.cond_stack.push((idx, all));
                    opens_branch = Some(idx);
                }
                None => self.error(kw_span, format!("{} without a matching %if", kw)),
            }
        } else if self.cond_stack.pop().is_none() {
            self.error(kw_span, "%endif without a matching %if");
        }
        Some(LineKind::Conditional(CondLine {
            kind,
            keyword_span: kw_span,
            expr: expr.to_string(),
            expr_span,
            opens_branch,
        }))
    }
}

const COND_KEYWORDS: &[(&str, CondKind)] = &[
    ("%ifarch", CondKind::Ifarch),
    ("%ifnarch", CondKind::Ifnarch),
    ("%ifos", CondKind::Ifos),
    ("%ifnos", CondKind::Ifnos),
    ("%if", CondKind::If),
    ("%elifarch", CondKind::Elifarch),
    ("%elifos", CondKind::Elifos),
    ("%elif", CondKind::Elif),
    ("%else", CondKind::Else),
    ("%endif", CondKind::Endif),
];

fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// `%files -n foo` → (Files, "files", 6). The keyword must end at whitespace or end of line.
fn section_keyword(text: &str) -> Option<(SectionKind, &'static str, usize)> {
    let word_end = text[1..].find(|c: char| c.is_whitespace()).map(|p| p + 1).unwrap_or(text.len());
    let word = text.get(1..word_end)?;
    SECTION_KEYWORDS.iter().find(|(kw, _)| *kw == word).map(|(kw, k)| (*k, *kw, word_end))
}

/// Whitespace-separated words with their spans.
fn words(text: &str, base: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let w = &trimmed[..end];
        out.push(Word { text: w.to_string(), span: Span::of_subslice(text, w, base) });
        rest = &trimmed[end..];
    }
    out
}

fn parse_header(text: &str, base: usize, kw_len: usize) -> SectionHeader {
    let args = words(text.get(kw_len..).unwrap_or(""), base + kw_len);
    let mut header = SectionHeader { keyword_span: Span::empty(base), package: None, options: vec![], trigger: None };
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        if w.text == "--" {
            let rest: Vec<&Word> = args[i + 1..].iter().collect();
            if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
                let span = first.span.cover(last.span);
                let t = text.get(span.start as usize - base..span.end as usize - base).unwrap_or("").to_string();
                header.trigger = Some(Word { text: t, span });
            }
            break;
        }
        if let Some(flag) = w.text.strip_prefix('-') {
            let takes_value = matches!(flag, "n" | "f" | "p" | "P");
            let value = if takes_value { args.get(i + 1).cloned() } else { None };
            if flag == "n" {
                if let Some(v) = &value {
                    header.package = Some(PackageRef { name: v.text.clone(), full: true, span: v.span });
                }
            }
            let span = value.as_ref().map(|v| w.span.cover(v.span)).unwrap_or(w.span);
            header.options.push(HeaderOption { flag: w.text.clone(), value: value.clone(), span });
            i += if value.is_some() { 2 } else { 1 };
            continue;
        }
        if header.package.is_none() {
            header.package = Some(PackageRef { name: w.text.clone(), full: false, span: w.span });
        }
        i += 1;
    }
    header
}

fn ident(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while1(|c: char| c.is_ascii_alphabetic() || c == '_'),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))
    .parse(i)
}

/// `%global name body`, `%define name(opts) body`, `%undefine name`.
fn macro_definition(text: &str, base: usize) -> Option<LineKind> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let res: IResult<&str, (&str, &str, &str)> =
        (alt((tag("%global"), tag("%define"), tag("%undefine"))), space1, ident).parse(rest);
    let (after, (kw, _, name)) = res.ok()?;
    let kw_span = Span::of_subslice(text, kw, base);
    let name_span = Span::of_subslice(text, name, base);
    if kw == "%undefine" {
        return Some(LineKind::Undefine(Word { text: name.to_string(), span: name_span }));
    }
    let params_res: IResult<&str, &str> = delimited(char('('), take_till(|c| c == ')'), char(')')).parse(after);
    let (after, params) = match params_res {
        Ok((a, p)) => (a, Some(p.to_string())),
        Err(_) => (after, None),
    };
    let body_raw = after.trim_start_matches([' ', '\t']);
    let body_trimmed = body_raw.trim_end();
    let body_span = Span::of_subslice(text, body_trimmed, base);
    let body = join_continuations(body_trimmed);
    Some(LineKind::MacroDef(MacroDef {
        keyword: kw.trim_start_matches('%').to_string(),
        keyword_span: kw_span,
        name: name.to_string(),
        name_span,
        params,
        body,
        body_span,
    }))
}

/// rpm keeps the newline of a `\`-continued macro body and drops the backslash.
fn join_continuations(s: &str) -> String {
    s.replace("\\\r\n", "\n").replace("\\\n", "\n")
}

/// `Tag(qualifier): value`. Tag names are letters and digits, starting with a letter.
fn parse_tag(text: &str, base: usize) -> Option<Tag> {
    let res: IResult<&str, (&str, &str, Option<&str>, &str, char)> = (
        space0,
        recognize((
            take_while1(|c: char| c.is_ascii_alphabetic()),
            take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        )),
        // rpm allows blanks around the qualifier: `Summary (de) :`
        opt(delimited((space0, char('('), space0), take_till(|c| c == ')' || c == '\n'), char(')'))),
        space0,
        char(':'),
    )
        .parse(text);
    let (after, (_, name, qual, _, _)) = res.ok()?;
    let value = after.trim();
    let value_span = if value.is_empty() {
        Span::new(base + text.len() - after.len(), base + text.len() - after.len())
    } else {
        Span::of_subslice(text, value, base)
    };
    let lower = name.to_ascii_lowercase();
    let digits_at = lower.find(|c: char| c.is_ascii_digit());
    let (key, number) = match digits_at {
        Some(p)
            if lower[p..].chars().all(|c| c.is_ascii_digit())
                && (lower.starts_with("source") || lower.starts_with("patch")) =>
        {
            (lower[..p].to_string(), lower[p..].parse().ok())
        }
        _ => (lower.clone(), None),
    };
    Some(Tag {
        name: name.to_string(),
        name_span: Span::of_subslice(text, name, base),
        key,
        number,
        qualifier: qual
            .map(str::trim_end)
            .map(|q| Word { text: q.to_string(), span: Span::of_subslice(text, q, base) }),
        value: value.to_string(),
        value_span,
    })
}

/// `%attr(0755,root,root) %config(noreplace) /etc/foo "/a path"`
fn parse_file_entry(text: &str, base: usize) -> Result<FileEntry, String> {
    let mut entry = FileEntry { directives: vec![], paths: vec![] };
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if let Some(after_pct) = rest.strip_prefix('%') {
            let name_len =
                after_pct.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after_pct.len());
            let name = &after_pct[..name_len];
            if FILE_DIRECTIVES.contains(&name) {
                let mut consumed = 1 + name_len;
                let mut args = None;
                if after_pct[name_len..].starts_with('(') {
                    match after_pct[name_len..].find(')') {
                        Some(close) => {
                            args = Some(after_pct[name_len + 1..name_len + close].trim().to_string());
                            consumed += close + 1;
                        }
                        None => return Err(format!("unclosed parenthesis after %{name} in %files")),
                    }
                }
                let d = &rest[..consumed];
                entry.directives.push(FileDirective {
                    name: name.to_string(),
                    args,
                    span: Span::of_subslice(text, d, base),
                });
                rest = rest[consumed..].trim_start();
                continue;
            }
        }
        // A path: quoted, or up to whitespace (keeping %{...} groups whole).
        let (word, after) = if let Some(q) = rest.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (&rest[..end + 2], &rest[end + 2..]),
                None => return Err("unterminated quoted path in %files".into()),
            }
        } else {
            let end = path_token_end(rest);
            (&rest[..end], &rest[end..])
        };
        if word.is_empty() {
            break;
        }
        entry.paths.push(Word { text: word.trim_matches('"').to_string(), span: Span::of_subslice(text, word, base) });
        rest = after.trim_start();
    }
    Ok(entry)
}

/// End of an unquoted %files path: the first whitespace outside `%{...}`.
fn path_token_end(s: &str) -> usize {
    let mut depth = 0i32;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => depth += 1,
            b'}' => depth = (depth - 1).max(0),
            c if c.is_ascii_whitespace() && depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// `* Mon Jan 01 2024 Jane Doe <jane@example.org> - 1.0-1`, tolerant about the tail.
fn parse_changelog_header(text: &str, base: usize) -> Option<ChangelogHeader> {
    type R<'a> = IResult<&'a str, (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str)>;
    let alpha = |i| take_while1(|c: char| c.is_ascii_alphabetic()).parse(i);
    let digits = |i| take_while1(|c: char| c.is_ascii_digit()).parse(i);
    let res: R = (tag("*"), space0, alpha, space1, alpha, space1, digits, space1, digits).parse(text);
    let (after, (_, _, wd, ..)) = res.ok()?;
    let date_text = &text[text.find(wd)?..text.len() - after.len()];
    let date = Word { text: date_text.to_string(), span: Span::of_subslice(text, date_text, base) };
    // Optional "HH:MM:SS ZONE" between date and author is accepted by newer rpm; skip it.
    let mut tail = after.trim_start();
    let time: IResult<&str, &str> = recognize((digits, tag(":"), digits, opt((tag(":"), digits)))).parse(tail);
    if let Ok((rest, _)) = time {
        tail = rest.trim_start();
        let zone: IResult<&str, &str> = take_while1(|c: char| c.is_ascii_uppercase()).parse(tail);
        if let Ok((rest, _)) = zone {
            tail = rest.trim_start();
        }
    }
    let (who, evr) = match tail.rfind(" - ").or_else(|| tail.rfind(">-").map(|p| p + 1)) {
        Some(p) => (&tail[..p], Some(tail[p..].trim_start_matches([' ', '-']).trim())),
        None => (tail, None),
    };
    let who = who.trim();
    let email = who.find('<').and_then(|s| who[s..].find('>').map(|e| &who[s..s + e + 1]));
    let author = who.find('<').map(|s| who[..s].trim()).unwrap_or(who);
    let mk = |s: &str| Word { text: s.to_string(), span: Span::of_subslice(text, s, base) };
    let _ = tag_no_case::<&str, &str, nom::error::Error<&str>>;
    Some(ChangelogHeader {
        date,
        author: (!author.is_empty()).then(|| mk(author)),
        email: email
            .map(|e| Word { text: e.trim_matches(['<', '>']).to_string(), span: Span::of_subslice(text, e, base) }),
        evr: evr.filter(|e| !e.is_empty()).map(mk),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        parse(src)
            .sections
            .iter()
            .flat_map(|s| {
                s.lines.iter().map(move |l| {
                    format!("{}:{}", s.name, serde_json::to_value(&l.kind).unwrap()["type"].as_str().unwrap())
                })
            })
            .collect()
    }

    #[test]
    fn logical_lines_follow_rpm_continuations() {
        let src = "a \\\nb\n%{expand:x\ny}\n%define f() \\\n  body\nc";
        let lines: Vec<&str> = logical_lines(src).iter().map(|(s, _)| &src[s.range()]).collect();
        assert_eq!(lines, vec!["a \\\n", "b\n", "%{expand:x\ny}\n", "%define f() \\\n  body\n", "c"]);
    }

    #[test]
    fn classifies_lines_by_section() {
        let src = "Name: foo\nRequires(post): bar\n%if 0%{?rhel}\nBuildRequires: x\n%endif\n\n%description\n# text\n%files\n%doc README\n%changelog\n* Mon Jan 01 2024 A B <a@b> - 1-1\n- item\n";
        assert_eq!(
            kinds(src),
            vec![
                "preamble:tag",
                "preamble:tag",
                "preamble:conditional",
                "preamble:tag",
                "preamble:conditional",
                "preamble:blank",
                "description:section-header",
                "description:text",
                "files:section-header",
                "files:file-entry",
                "changelog:section-header",
                "changelog:changelog-header",
                "changelog:text",
            ]
        );
    }

    #[test]
    fn tags_keep_qualifier_and_number() {
        let ast = parse("Requires(post): systemd\nSource12: http://x/y.tar.gz\n");
        let tags: Vec<&Tag> = ast.sections[0]
            .lines
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Tag(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tags[0].key, "requires");
        assert_eq!(tags[0].qualifier.as_ref().unwrap().text, "post");
        assert_eq!(tags[1].key, "source");
        assert_eq!(tags[1].number, Some(12));
    }

    #[test]
    fn files_directives_and_paths() {
        let e =
            parse_file_entry("%attr(0755,root,root) %config(noreplace) %{_sysconfdir}/a b.conf \"/x y\"", 0).unwrap();
        let names: Vec<_> = e.directives.iter().map(|d| (d.name.as_str(), d.args.as_deref())).collect();
        assert_eq!(names, vec![("attr", Some("0755,root,root")), ("config", Some("noreplace"))]);
        let paths: Vec<_> = e.paths.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(paths, vec!["%{_sysconfdir}/a", "b.conf", "/x y"]);
    }

    #[test]
    fn changelog_header_parts() {
        let h = parse_changelog_header("* Tue Mar 05 2024 Jane Doe <jane@example.org> - 1:2.0-3", 0).unwrap();
        assert_eq!(h.date.text, "Tue Mar 05 2024");
        assert_eq!(h.author.unwrap().text, "Jane Doe");
        assert_eq!(h.email.unwrap().text, "jane@example.org");
        assert_eq!(h.evr.unwrap().text, "1:2.0-3");
    }

    #[test]
    fn unbalanced_conditionals_are_errors_not_panics() {
        let ast = parse("%endif\n%if 1\n%else\n");
        assert_eq!(ast.errors.len(), 2);
    }

    #[test]
    fn sections_cover_every_byte() {
        let src = "Name: a\n%package -n b\nSummary: s\n%files -f x.list\n/a\n%post -p /sbin/ldconfig";
        let ast = parse(src);
        let mut at = 0;
        for s in &ast.sections {
            assert_eq!(s.span.start as usize, at);
            at = s.span.end as usize;
        }
        assert_eq!(at, src.len());
        let h = ast.sections[1].header.as_ref().unwrap();
        assert!(h.package.as_ref().unwrap().full);
    }
}
