//! Small pure helpers shared by the engine and the rule API.

use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// rpm's version comparison (`rpmvercmp`): -1, 0 or 1. Handles `~` (sorts before anything)
/// and `^` (sorts after the base version but before the next segment).
pub fn rpmvercmp(a: &str, b: &str) -> i32 {
    if a == b {
        return 0;
    }
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    let sep = |c: u8| !(c.is_ascii_alphanumeric() || c == b'~' || c == b'^');
    loop {
        while !x.is_empty() && sep(x[0]) {
            x = &x[1..];
        }
        while !y.is_empty() && sep(y[0]) {
            y = &y[1..];
        }
        // tilde sorts before everything, even the end of the string
        match (x.first() == Some(&b'~'), y.first() == Some(&b'~')) {
            (true, true) => {
                x = &x[1..];
                y = &y[1..];
                continue;
            }
            (true, false) => return -1,
            (false, true) => return 1,
            _ => {}
        }
        // caret sorts after the end of the string but before anything else
        match (x.first() == Some(&b'^'), y.first() == Some(&b'^')) {
            (true, true) => {
                x = &x[1..];
                y = &y[1..];
                continue;
            }
            (true, false) => return if y.is_empty() { 1 } else { -1 },
            (false, true) => return if x.is_empty() { -1 } else { 1 },
            _ => {}
        }
        if x.is_empty() || y.is_empty() {
            break;
        }
        let numeric = x[0].is_ascii_digit();
        let take = |s: &[u8]| -> usize {
            s.iter().take_while(|c| if numeric { c.is_ascii_digit() } else { c.is_ascii_alphabetic() }).count()
        };
        let (lx, ly) = (take(x), take(y));
        if ly == 0 {
            // segments of different types: numeric is newer
            return if numeric { 1 } else { -1 };
        }
        let (sx, sy) = (&x[..lx], &y[..ly]);
        x = &x[lx..];
        y = &y[ly..];
        let ord = if numeric {
            let tx = trim_zeros(sx);
            let ty = trim_zeros(sy);
            tx.len().cmp(&ty.len()).then(tx.cmp(ty))
        } else {
            sx.cmp(sy)
        };
        match ord {
            std::cmp::Ordering::Less => return -1,
            std::cmp::Ordering::Greater => return 1,
            _ => {}
        }
    }
    match (x.is_empty(), y.is_empty()) {
        (true, true) => 0,
        (true, false) => -1,
        _ => 1,
    }
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| **c == b'0').count();
    &s[n..]
}

/// Lexically normalise an absolute or relative path: collapse `//`, `.` and `..`.
pub fn normalize_path(p: &str) -> String {
    let abs = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !abs {
                    parts.push("..");
                }
            }
            x => parts.push(x),
        }
    }
    let joined = parts.join("/");
    if abs {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".into()
    } else {
        joined
    }
}

thread_local! {
    // Per worker thread, so rules calling regex helpers on every line never contend on a lock.
    static REGEX_CACHE: RefCell<HashMap<String, Rc<Regex>>> = RefCell::new(HashMap::new());
}

/// A compiled regex, cached: rules call the same patterns for every file.
/// Shared, not cloned: a cloned `Regex` starts with an empty lazy-DFA cache.
pub fn regex(pattern: &str) -> Result<Rc<Regex>, String> {
    REGEX_CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if let Some(r) = cache.get(pattern) {
            return Ok(r.clone());
        }
        let r = Rc::new(
            regex::RegexBuilder::new(pattern).size_limit(1 << 20).build().map_err(|e| format!("invalid regex: {e}"))?,
        );
        if cache.len() > 4096 {
            cache.clear();
        }
        cache.insert(pattern.to_string(), r.clone());
        Ok(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpmvercmp_matches_rpm() {
        assert_eq!(rpmvercmp("1.0", "1.0"), 0);
        assert_eq!(rpmvercmp("1.0", "1.1"), -1);
        assert_eq!(rpmvercmp("1.10", "1.9"), 1);
        assert_eq!(rpmvercmp("1.0~rc1", "1.0"), -1);
        assert_eq!(rpmvercmp("1.0^git1", "1.0"), 1);
        assert_eq!(rpmvercmp("1.0^git1", "1.0.1"), -1);
        assert_eq!(rpmvercmp("2a", "2.0"), -1);
        assert_eq!(rpmvercmp("001", "1"), 0);
        assert_eq!(rpmvercmp("1.el9", "2.el9"), -1);
    }

    #[test]
    fn normalize() {
        assert_eq!(normalize_path("/usr/local/phoreus/x/../y//z/."), "/usr/local/phoreus/y/z");
        assert_eq!(normalize_path("a/../../b"), "../b");
    }
}

/// A parsed SPDX license expression: the license ids and exceptions it names.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Spdx {
    pub ids: Vec<String>,
    pub exceptions: Vec<String>,
}

/// Parse an SPDX license expression (`MIT OR Apache-2.0`, `GPL-2.0-or-later WITH
/// Classpath-exception-2.0`, `(A AND B) OR LicenseRef-x`). Syntax only: whether an id is on the
/// SPDX list is the rule's business. Operators are accepted in upper or lower case.
pub fn spdx_parse(text: &str) -> Result<Spdx, String> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let toks: Vec<String> = spaced.split_whitespace().map(String::from).collect();
    let mut pos = 0;
    let mut out = Spdx::default();
    fn is_op(t: &str, op: &str) -> bool {
        t == op || t == op.to_ascii_lowercase()
    }
    fn id_ok(t: &str) -> bool {
        !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+' || c == ':')
    }
    fn expr(t: &[String], pos: &mut usize, out: &mut Spdx, depth: usize) -> Result<(), String> {
        if depth > 64 {
            return Err("expression nested too deep".into());
        }
        term(t, pos, out, depth)?;
        while *pos < t.len() && (is_op(&t[*pos], "OR") || is_op(&t[*pos], "AND")) {
            *pos += 1;
            term(t, pos, out, depth)?;
        }
        Ok(())
    }
    fn term(t: &[String], pos: &mut usize, out: &mut Spdx, depth: usize) -> Result<(), String> {
        let Some(tok) = t.get(*pos) else { return Err("expression ends where a license was expected".into()) };
        if tok == "(" {
            *pos += 1;
            expr(t, pos, out, depth + 1)?;
            if t.get(*pos).map(String::as_str) != Some(")") {
                return Err("missing `)`".into());
            }
            *pos += 1;
        } else if is_op(tok, "AND") || is_op(tok, "OR") || is_op(tok, "WITH") || tok == ")" {
            return Err(format!("`{tok}` where a license was expected"));
        } else if id_ok(tok) {
            out.ids.push(tok.trim_end_matches('+').to_string());
            *pos += 1;
        } else {
            return Err(format!("`{tok}` is not a license id"));
        }
        if t.get(*pos).is_some_and(|w| is_op(w, "WITH")) {
            *pos += 1;
            match t.get(*pos) {
                Some(e) if id_ok(e) => {
                    out.exceptions.push(e.clone());
                    *pos += 1;
                }
                _ => return Err("`WITH` must be followed by an exception id".into()),
            }
        }
        Ok(())
    }
    if toks.is_empty() {
        return Err("empty license expression".into());
    }
    expr(&toks, &mut pos, &mut out, 0)?;
    if pos != toks.len() {
        return Err(format!("unexpected `{}`", toks[pos]));
    }
    Ok(out)
}

#[cfg(test)]
mod spdx_tests {
    use super::*;

    #[test]
    fn parses_spdx_expressions() {
        let s = spdx_parse("(MIT OR Apache-2.0) AND GPL-2.0-or-later WITH Classpath-exception-2.0").unwrap();
        assert_eq!(s.ids, vec!["MIT", "Apache-2.0", "GPL-2.0-or-later"]);
        assert_eq!(s.exceptions, vec!["Classpath-exception-2.0"]);
        assert_eq!(spdx_parse("mit or bsd-3-clause").unwrap().ids.len(), 2);
        assert!(spdx_parse("MIT OR").is_err());
        assert!(spdx_parse("(MIT").is_err());
        assert!(spdx_parse("MIT Apache-2.0").is_err());
        assert!(spdx_parse("GPL v2").is_err());
        assert!(spdx_parse("").is_err());
    }
}
