//! Lua 5.4 tokens, following `llex.c`: the same numerals, escapes, long brackets and error
//! messages, so what luac rejects we reject with the same reason.

use crate::span::Span;
use crate::syntax::SyntaxError;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::{IResult, Parser};

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(String),
    /// A keyword (`and`, `break`, ... `while`).
    Kw(&'static str),
    /// A numeral as written (validated).
    Num(String),
    /// A string literal, decoded (invalid UTF-8 from `\xNN` escapes is replaced).
    Str(String),
    /// An operator or punctuation.
    Op(&'static str),
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// True when only whitespace/comments precede it on its line.
    pub line_start: bool,
}

pub const KEYWORDS: &[&str] = &[
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
    "not", "or", "repeat", "return", "then", "true", "until", "while",
];

const OPS: &[&str] = &[
    "...", "..", "==", "~=", "<=", ">=", "<<", ">>", "//", "::", "+", "-", "*", "/", "%", "^", "#", "&", "~", "|", "<",
    ">", "=", "(", ")", "{", "}", "[", "]", ";", ":", ",", ".",
];

pub struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<Span>,
    /// The first lexical error; Lua stops at the first one, and so do we.
    pub error: Option<SyntaxError>,
}

/// `[=*[` at `s`: the level (number of `=`), or None.
fn long_bracket_open(s: &str) -> Option<usize> {
    let r: IResult<&str, (&str, &str, &str)> = (tag("["), take_while(|c| c == '='), tag("[")).parse(s);
    r.ok().map(|(_, (_, eq, _))| eq.len())
}

/// Skip a long bracket body after its opening; returns (content, bytes consumed incl. brackets).
fn long_bracket(s: &str, level: usize) -> Option<(&str, usize)> {
    let open = level + 2;
    let close = format!("]{}]", "=".repeat(level));
    let body = s.get(open..)?;
    let end = body.find(&close)?;
    let mut content = &body[..end];
    // The first newline right after the opening bracket is skipped.
    if let Some(rest) = content.strip_prefix("\r\n").or_else(|| content.strip_prefix("\n\r")) {
        content = rest;
    } else if let Some(rest) = content.strip_prefix('\n').or_else(|| content.strip_prefix('\r')) {
        content = rest;
    }
    Some((content, open + end + close.len()))
}

fn near(src: &str, span: Span) -> String {
    let t: String = src.get(span.range()).unwrap_or("").chars().take(40).collect();
    t
}

/// Whether `s` is a numeral Lua accepts (`luaO_str2num`).
fn valid_numeral(s: &str) -> bool {
    let (hex, body) = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(b) => (true, b),
        None => (false, s),
    };
    let is_digit = |c: char| {
        if hex {
            c.is_ascii_hexdigit()
        } else {
            c.is_ascii_digit()
        }
    };
    let exp_chars: &[char] = if hex { &['p', 'P'] } else { &['e', 'E'] };
    let (mantissa, exp) = match body.find(exp_chars) {
        Some(p) => (&body[..p], Some(&body[p + 1..])),
        None => (body, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    if frac.is_some_and(|f| f.contains('.')) {
        return false;
    }
    if !int.chars().all(is_digit) || !frac.unwrap_or("").chars().all(is_digit) {
        return false;
    }
    if int.is_empty() && frac.unwrap_or("").is_empty() {
        return false;
    }
    if let Some(e) = exp {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !e.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    true
}

pub fn lex(src: &str) -> Lexed {
    let b = src.as_bytes();
    let mut out = Lexed { tokens: Vec::new(), comments: Vec::new(), error: None };
    let mut i = 0;
    // A first line starting with '#' (a shebang) is skipped, as luac does.
    if b.first() == Some(&b'#') {
        i = src.find('\n').unwrap_or(src.len());
    }
    let mut line_start = true;
    macro_rules! fail {
        ($span:expr, $msg:expr) => {{
            out.error = Some(SyntaxError::new($span, $msg));
            out.tokens.push(Token { tok: Tok::Eof, span: Span::empty(src.len()), line_start: true });
            return out;
        }};
    }
    while i < b.len() {
        let c = b[i];
        if c == b'\n' || c == b'\r' {
            line_start = true;
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' || c == 0x0b || c == 0x0c {
            i += 1;
            continue;
        }
        let rest = &src[i..];
        if rest.starts_with("--") {
            let after = &rest[2..];
            let len = match long_bracket_open(after) {
                Some(level) => match long_bracket(after, level) {
                    Some((_, n)) => 2 + n,
                    None => fail!(Span::new(i, src.len()), "unfinished long comment near <eof>"),
                },
                None => after.find('\n').map(|p| 2 + p).unwrap_or(rest.len()),
            };
            out.comments.push(Span::new(i, i + len));
            i += len;
            continue;
        }
        let start = i;
        let ls = line_start;
        line_start = false;
        // names and keywords
        if c.is_ascii_alphabetic() || c == b'_' {
            let r: IResult<&str, &str> = take_while1(|ch: char| ch.is_ascii_alphanumeric() || ch == '_').parse(rest);
            let word = r.map(|(_, w)| w).unwrap_or(&rest[..1]);
            i += word.len();
            let tok = match KEYWORDS.iter().find(|k| **k == word) {
                Some(k) => Tok::Kw(k),
                None => Tok::Name(word.to_string()),
            };
            out.tokens.push(Token { tok, span: Span::new(start, i), line_start: ls });
            continue;
        }
        // numerals (read_numeral)
        if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let hex = c == b'0' && matches!(b.get(i + 1), Some(b'x') | Some(b'X'));
            let mut j = i + if hex { 2 } else { 1 };
            let expo: &[u8] = if hex { b"Pp" } else { b"Ee" };
            loop {
                match b.get(j) {
                    Some(ch) if expo.contains(ch) => {
                        j += 1;
                        if matches!(b.get(j), Some(b'+') | Some(b'-')) {
                            j += 1;
                        }
                    }
                    Some(ch) if ch.is_ascii_hexdigit() || *ch == b'.' => j += 1,
                    _ => break,
                }
            }
            if b.get(j).is_some_and(|ch| ch.is_ascii_alphabetic() || *ch == b'_') {
                j += 1;
            }
            let text = &src[i..j];
            if !valid_numeral(text) {
                fail!(Span::new(i, j), format!("malformed number near '{text}'"));
            }
            out.tokens.push(Token { tok: Tok::Num(text.to_string()), span: Span::new(i, j), line_start: ls });
            i = j;
            continue;
        }
        // long strings
        if c == b'[' {
            if let Some(level) = long_bracket_open(rest) {
                match long_bracket(rest, level) {
                    Some((content, n)) => {
                        out.tokens.push(Token {
                            tok: Tok::Str(content.to_string()),
                            span: Span::new(i, i + n),
                            line_start: ls,
                        });
                        i += n;
                        continue;
                    }
                    None => fail!(Span::new(i, src.len()), "unfinished long string near <eof>"),
                }
            }
            if rest.as_bytes().get(1) == Some(&b'=') {
                // `[=` not followed by a valid long bracket
                fail!(Span::new(i, i + 2), "invalid long string delimiter near '[='");
            }
        }
        // short strings
        if c == b'"' || c == b'\'' {
            match short_string(src, i) {
                Ok((value, end)) => {
                    out.tokens.push(Token { tok: Tok::Str(value), span: Span::new(i, end), line_start: ls });
                    i = end;
                    continue;
                }
                Err(e) => fail!(e.span, e.message),
            }
        }
        if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
            i += op.len();
            out.tokens.push(Token { tok: Tok::Op(op), span: Span::new(start, i), line_start: ls });
            continue;
        }
        let ch_len = rest.chars().next().map(|ch| ch.len_utf8()).unwrap_or(1);
        let span = Span::new(i, i + ch_len);
        fail!(span, format!("unexpected symbol near '{}'", near(src, span)));
    }
    out.tokens.push(Token { tok: Tok::Eof, span: Span::empty(src.len()), line_start: true });
    out
}

/// Read a quoted string starting at `src[start]`; returns the decoded value and the end offset.
fn short_string(src: &str, start: usize) -> Result<(String, usize), SyntaxError> {
    let b = src.as_bytes();
    let quote = b[start];
    let mut bytes: Vec<u8> = Vec::new();
    let mut i = start + 1;
    let unfinished = |end: usize| {
        SyntaxError::new(
            Span::new(start, end),
            format!("unfinished string near '{}'", &src[start..end].chars().take(40).collect::<String>()),
        )
    };
    loop {
        let Some(&c) = b.get(i) else {
            return Err(unfinished(src.len()));
        };
        match c {
            c if c == quote => return Ok((String::from_utf8_lossy(&bytes).into_owned(), i + 1)),
            b'\n' | b'\r' => return Err(unfinished(i)),
            b'\\' => {
                let esc_start = i;
                i += 1;
                let Some(&e) = b.get(i) else {
                    return Err(unfinished(src.len()));
                };
                let bad = |end: usize, what: &str| {
                    // an escaped non-ASCII character: the span takes all of it (found by fuzzing)
                    let mut end = end.min(src.len()).max(esc_start + 1);
                    while !src.is_char_boundary(end) {
                        end += 1;
                    }
                    SyntaxError::new(
                        Span::new(esc_start, end),
                        format!("{what} near '{}'", src.get(start..end).unwrap_or("")),
                    )
                };
                match e {
                    b'a' => bytes.push(7),
                    b'b' => bytes.push(8),
                    b'f' => bytes.push(12),
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'v' => bytes.push(11),
                    b'\\' => bytes.push(b'\\'),
                    b'"' => bytes.push(b'"'),
                    b'\'' => bytes.push(b'\''),
                    b'\n' | b'\r' => {
                        bytes.push(b'\n');
                        // \r\n or \n\r count as one line break
                        if matches!((e, b.get(i + 1)), (b'\n', Some(b'\r')) | (b'\r', Some(b'\n'))) {
                            i += 1;
                        }
                    }
                    b'x' => {
                        let h =
                            src.get(i + 1..i + 3).filter(|h| h.len() == 2 && h.chars().all(|c| c.is_ascii_hexdigit()));
                        match h.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            Some(v) => {
                                bytes.push(v);
                                i += 2;
                            }
                            None => {
                                let n = b[i + 1..].iter().take(2).take_while(|c| c.is_ascii_hexdigit()).count();
                                return Err(bad(i + 2 + n, "hexadecimal digit expected"));
                            }
                        }
                    }
                    b'z' => {
                        while b.get(i + 1).is_some_and(|c| c.is_ascii_whitespace()) {
                            i += 1;
                        }
                    }
                    b'u' => {
                        if b.get(i + 1) != Some(&b'{') {
                            return Err(bad(i + 2, "missing '{' in \\u{xxxx}"));
                        }
                        let digits = b[i + 2..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
                        if digits == 0 {
                            return Err(bad(i + 3, "hexadecimal digit expected"));
                        }
                        let hex = &src[i + 2..i + 2 + digits];
                        let v = u64::from_str_radix(hex, 16).unwrap_or(u64::MAX);
                        if v > 0x7FFF_FFFF {
                            return Err(bad(i + 2 + digits, "UTF-8 value too large"));
                        }
                        if b.get(i + 2 + digits) != Some(&b'}') {
                            return Err(bad(i + 3 + digits, "missing '}' in \\u{xxxx}"));
                        }
                        match char::from_u32(v as u32) {
                            Some(ch) => bytes.extend_from_slice(ch.to_string().as_bytes()),
                            None => bytes.extend_from_slice("\u{FFFD}".as_bytes()),
                        }
                        i += 2 + digits;
                    }
                    d if d.is_ascii_digit() => {
                        let n = b[i..].iter().take(3).take_while(|c| c.is_ascii_digit()).count();
                        let v: u32 = src[i..i + n].parse().unwrap_or(999);
                        if v > 255 {
                            return Err(bad(i + n + 1, "decimal escape too large"));
                        }
                        bytes.push(v as u8);
                        i += n - 1;
                    }
                    _ => return Err(bad(i + 1, "invalid escape sequence")),
                }
                i += 1;
            }
            _ => {
                bytes.push(c);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).tokens.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn tokens_and_strings() {
        assert_eq!(
            toks("local x = 'a\\tb' .. [[\nlong]] -- c\n"),
            vec![
                Tok::Kw("local"),
                Tok::Name("x".into()),
                Tok::Op("="),
                Tok::Str("a\tb".into()),
                Tok::Op(".."),
                Tok::Str("long".into()),
                Tok::Eof
            ]
        );
        assert_eq!(
            toks("0x1p4 3. .5e-2"),
            vec![Tok::Num("0x1p4".into()), Tok::Num("3.".into()), Tok::Num(".5e-2".into()), Tok::Eof]
        );
    }

    #[test]
    fn errors_like_luac() {
        assert!(lex("x = 3x").error.unwrap().message.starts_with("malformed number"));
        assert!(lex("x = 'abc\n'").error.unwrap().message.starts_with("unfinished string"));
        assert!(lex("x = '\\q'").error.unwrap().message.starts_with("invalid escape"));
        // an escaped multi-byte character: the span ends on a char boundary
        let e = lex("x = '\\é'").error.unwrap();
        assert_eq!((e.span.start, e.span.end), (5, 8));
        assert!(lex("x = [==[ abc ]=]").error.unwrap().message.starts_with("unfinished long string"));
        assert!(lex("--[[ never closed").error.is_some());
        assert!(lex("x = '\\300'").error.unwrap().message.starts_with("decimal escape"));
        assert!(lex("#!/usr/bin/lua\nx = 1").error.is_none());
    }
}
