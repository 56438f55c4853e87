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
