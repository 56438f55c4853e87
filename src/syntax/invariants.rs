//! The structural promises every parser makes, as checks: spans inside the input and on char
//! boundaries, every byte accounted for, nodes in order and not overlapping. The corpus tests
//! and the fuzz targets (`fuzz/`) run the same checks, so a fuzzer finding is a test finding.
//!
//! Each check parses `text` itself and returns the number of syntax errors the parser
//! recovered from, or a description of the first broken promise.

use crate::span::Span;
use crate::syntax::{deb822, debchangelog, formula, lua, rpmspec};

pub type Outcome = Result<usize, String>;

fn in_bounds(text: &str, s: Span) -> bool {
    s.start <= s.end
        && (s.end as usize) <= text.len()
        && text.is_char_boundary(s.start as usize)
        && text.is_char_boundary(s.end as usize)
}

fn all_in_bounds(text: &str, what: &str, spans: impl IntoIterator<Item = Span>) -> Result<(), String> {
    for s in spans {
        if !in_bounds(text, s) {
            return Err(format!("{what} span {s:?} is outside the text or not on a char boundary"));
        }
    }
    Ok(())
}

/// Every line of `text` is blank, a comment (when `comments`), or starts inside one of `covered`.
fn lines_covered(text: &str, covered: &[Span], comments: bool) -> Result<(), String> {
    let mut sorted = covered.to_vec();
    sorted.sort();
    let mut off = 0usize;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = off;
        off += raw.len();
        if line.trim().is_empty() || (comments && line.starts_with('#')) {
            continue;
        }
        let hit = sorted.iter().any(|s| (s.start as usize) <= start && start < (s.end as usize).max(start + 1));
        if !hit {
            return Err(format!("line {} is in no node: {line:?}", n + 1));
        }
    }
    Ok(())
}

/// Sorted `spans` leave only whitespace (or `also_blank` characters) between them, up to `end`.
fn gaps_blank(text: &str, mut spans: Vec<Span>, end: usize, also_blank: Option<char>) -> Result<(), String> {
    spans.sort();
    let mut at = 0usize;
    for s in &spans {
        let start = (s.start as usize).min(end);
        let gap = &text[at.min(start)..start];
        if !gap.chars().all(|c| c.is_whitespace() || Some(c) == also_blank) {
            return Err(format!("bytes {at}..{start} are in no token: {gap:?}"));
        }
        at = at.max(s.end as usize);
    }
    if at < end && !text[at..end].trim().is_empty() {
        return Err(format!("bytes {at}..{end} are in no token"));
    }
    Ok(())
}

/// RPM spec: sections and their lines tile the input exactly, in order.
pub fn rpm_spec(text: &str) -> Outcome {
    let ast = rpmspec::parse(text);
    let mut at = 0usize;
    for s in &ast.sections {
        if s.span.start as usize != at {
            return Err(format!("section {} starts at {} but the previous ended at {at}", s.name, s.span.start));
        }
        let mut line_at = at;
        for l in &s.lines {
            if l.span.start as usize != line_at {
                return Err(format!("line at {} leaves a gap or overlap at {line_at}", l.span.start));
            }
            line_at = l.span.end as usize;
        }
        if line_at != s.span.end as usize {
            return Err(format!("section {} lines end at {line_at}, section at {}", s.name, s.span.end));
        }
        all_in_bounds(text, "section", [s.span])?;
        at = s.span.end as usize;
    }
    if at != text.len() {
        return Err(format!("sections cover {at} of {} bytes", text.len()));
    }
    all_in_bounds(text, "branch", ast.branches.iter().map(|b| b.directive_span))?;
    all_in_bounds(text, "error", ast.errors.iter().map(|e| e.span))?;
    Ok(ast.errors.len())
}

/// deb822: fields in bounds, not overlapping, every non-comment line in a field or an error;
/// relation entries in bounds.
pub fn deb822(text: &str) -> Outcome {
    let d = deb822::parse(text);
    let mut covered: Vec<Span> = vec![];
    for p in &d.paragraphs {
        for f in &p.fields {
            all_in_bounds(text, &format!("field {}", f.name), [f.span, f.name_span, f.value_span])?;
            if covered.iter().any(|c| c.start < f.span.end && f.span.start < c.end) {
                return Err(format!("field {} overlaps another node", f.name));
            }
            covered.push(f.span);
            if deb822::is_relation_field(&f.name) {
                let (groups, errs) = deb822::parse_relations(f);
                all_in_bounds(text, "relation", groups.iter().flat_map(|g| g.alternatives.iter().map(|a| a.span)))?;
                all_in_bounds(text, "relation error", errs.iter().map(|e| e.span))?;
            }
        }
    }
    all_in_bounds(text, "error", d.errors.iter().map(|e| e.span))?;
    covered.extend(d.errors.iter().map(|e| e.span));
    lines_covered(text, &covered, true)?;
    Ok(d.errors.len())
}

/// debian/changelog: entries in bounds; every line in an entry, the trailer or an error.
pub fn changelog(text: &str) -> Outcome {
    let c = debchangelog::parse(text);
    all_in_bounds(text, "error", c.errors.iter().map(|e| e.span))?;
    all_in_bounds(text, "trailer", c.rest)?;
    let mut covered: Vec<Span> = c.errors.iter().map(|e| e.span).collect();
    covered.extend(c.rest);
    for e in &c.entries {
        let spans = [e.span, e.header_span, e.version_span, e.distributions_span];
        all_in_bounds(text, &format!("entry {}", e.version.full), spans.into_iter().chain(e.date_span))?;
        covered.push(e.span);
    }
    lines_covered(text, &covered, false)?;
    Ok(c.errors.len())
}

/// Homebrew formula: tokens, comments and heredoc bodies cover every non-blank byte;
/// top-level statements are in order and do not overlap.
pub fn formula(text: &str) -> Outcome {
    let f = formula::parse(text);
    let spans: Vec<Span> = f
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(f.comments.iter().copied())
        .chain(f.heredoc_bodies.iter().copied())
        .collect();
    all_in_bounds(text, "token", spans.iter().copied())?;
    // a backslash-newline joins lines outside any token
    gaps_blank(text, spans, text.len(), Some('\\'))?;
    let mut end = 0;
    for s in &f.body {
        let sp = s.span();
        if !in_bounds(text, sp) || (sp.start as usize) < end {
            return Err(format!("statement span {sp:?} overlaps or is out of bounds"));
        }
        end = sp.end as usize;
    }
    all_in_bounds(text, "error", f.errors.iter().map(|e| e.span))?;
    Ok(f.errors.len())
}

/// Lua: tokens and comments cover every non-blank byte up to the first lexical error (Lua
/// stops there, and so does the lexer); statements in order, inside their block.
pub fn lua(text: &str) -> Outcome {
    let lexed = lua::lexer::lex(text);
    let spans: Vec<Span> = lexed.tokens.iter().map(|t| t.span).chain(lexed.comments.iter().copied()).collect();
    // Bytes after the last whole token before an error belong to the token that failed (an
    // unfinished string's quote, say): coverage is checked up to that token.
    let end = match &lexed.error {
        None => text.len(),
        Some(e) => spans.iter().map(|s| s.end as usize).filter(|&x| x <= e.span.start as usize).max().unwrap_or(0),
    };
    all_in_bounds(text, "token", spans.iter().copied())?;
    // like lua.c, the lexer skips a first line starting with `#` (`#!/usr/bin/env lua`)
    let mut spans = spans;
    if text.starts_with('#') {
        spans.push(Span::new(0, text.find('\n').unwrap_or(text.len())));
    }
    gaps_blank(text, spans, end, None).map_err(|e| format!("{e} (lexer)"))?;
    let chunk = lua::parse(text);
    all_in_bounds(text, "error", chunk.errors.iter().map(|e| e.span))?;
    all_in_bounds(text, "comment", chunk.comments.iter().copied())?;
    block_in_order(text, &chunk.block)?;
    Ok(chunk.errors.len())
}

fn block_in_order(text: &str, b: &lua::ast::Block) -> Result<(), String> {
    all_in_bounds(text, "block", [b.span])?;
    let mut end = 0;
    for s in &b.stats {
        if !in_bounds(text, s.span) || (s.span.start as usize) < end {
            return Err(format!("statement span {:?} overlaps the previous or is out of bounds", s.span));
        }
        end = s.span.end as usize;
    }
    Ok(())
}

/// The RPM macro expander on `%define`/`%global` lines then a text to expand: output stays
/// within the expander's size limit, whatever the definitions.
pub fn macros(text: &str) -> Outcome {
    use crate::model::rpm::macros::{MacroTable, MAX_OUTPUT};
    let mut table = MacroTable::new();
    let mut body = String::new();
    for line in text.lines() {
        let def = line.strip_prefix("%define ").or_else(|| line.strip_prefix("%global "));
        match def.and_then(|d| d.trim_start().split_once(char::is_whitespace)) {
            Some((name, value)) => match name.split_once('(') {
                Some((name, params)) => table.define(name, value, Some(params.trim_end_matches(')').to_string())),
                None => table.define(name, value, None),
            },
            None => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    let out = table.expand(&body);
    if out.len() > MAX_OUTPUT {
        return Err(format!("expansion produced {} bytes, over the {MAX_OUTPUT}-byte limit", out.len()));
    }
    Ok(0)
}
