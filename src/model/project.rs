//! The plain-text files of a project: `CHANGELOG.md` (Keep a Changelog structure), README,
//! LICENSE (identified by its wording), `MANIFEST.in`, `__init__.py` (`__version__`).

use crate::span::Span;
use serde::Serialize;

fn lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    src.split_inclusive('\n').map(move |raw| {
        let s = off;
        off += raw.len();
        (s, raw.trim_end_matches(['\n', '\r']))
    })
}

#[derive(Debug, Serialize)]
pub struct TextAt {
    pub text: String,
    pub span: Span,
}

// ---------------------------------------------------------------- CHANGELOG.md

#[derive(Debug, Serialize)]
pub struct Changelog<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// The first `# ` heading.
    pub title: Option<TextAt>,
    /// Every `## ` heading in order: `[Unreleased]` and releases.
    pub releases: Vec<Release>,
    /// Link reference definitions at the bottom: `[1.4.2]: https://...`.
    pub links: Vec<TextAt>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Release {
    /// The heading text without `## `.
    pub heading: String,
    /// `Unreleased` or the version, brackets removed; `()` if the heading has neither.
    pub version: Option<String>,
    /// Whether the version is written in brackets (`## [1.0.0]`).
    pub bracketed: bool,
    /// `YYYY-MM-DD` after ` - `, as written.
    pub date: Option<String>,
    pub unreleased: bool,
    pub yanked: bool,
    pub span: Span,
    /// `### Added`, `### Fixed`, ...
    pub sections: Vec<TextAt>,
}

pub fn changelog<'a>(path: &'a str, src: &str) -> Changelog<'a> {
    let mut c = Changelog {
        kind: "changelog-md",
        path,
        title: None,
        releases: vec![],
        links: vec![],
        span: Span::new(0, src.len()),
    };
    let mut fenced = false;
    for (start, line) in lines(src) {
        let span = Span::new(start, start + line.len());
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        if let Some(t) = line.strip_prefix("# ") {
            if c.title.is_none() {
                c.title = Some(TextAt { text: t.trim().to_string(), span });
            }
        } else if let Some(h) = line.strip_prefix("## ") {
            let h = h.trim();
            let (head, rest) = match h.split_once(" - ").or_else(|| h.split_once(" – ")) {
                Some((a, b)) => (a.trim(), Some(b.trim())),
                None => (h, None),
            };
            let bracketed = head.starts_with('[') && head.contains(']');
            let version = if bracketed {
                head[1..].split(']').next().map(str::to_string)
            } else {
                head.split_whitespace().next().map(str::to_string)
            };
            let unreleased = version.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("unreleased"));
            let date = rest.map(|r| r.split_whitespace().next().unwrap_or("").to_string()).filter(|d| !d.is_empty());
            let yanked = rest.is_some_and(|r| r.contains("[YANKED]"));
            c.releases.push(Release {
                heading: h.to_string(),
                version,
                bracketed,
                date,
                unreleased,
                yanked,
                span,
                sections: vec![],
            });
        } else if let Some(h) = line.strip_prefix("### ") {
            if let Some(r) = c.releases.last_mut() {
                r.sections.push(TextAt { text: h.trim().to_string(), span });
            }
        } else if line.starts_with('[') && line.contains("]: ") {
            c.links.push(TextAt { text: line.to_string(), span });
        }
    }
    c
}

// ---------------------------------------------------------------- README

#[derive(Debug, Serialize)]
pub struct Readme<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    pub title: Option<TextAt>,
    pub empty: bool,
    pub span: Span,
}

pub fn readme<'a>(path: &'a str, src: &str) -> Readme<'a> {
    let title = lines(src)
        .find(|(_, l)| l.starts_with("# "))
        .map(|(s, l)| TextAt { text: l[2..].trim().to_string(), span: Span::new(s, s + l.len()) });
    Readme { kind: "readme", path, title, empty: src.trim().is_empty(), span: Span::new(0, src.len()) }
}

// ---------------------------------------------------------------- LICENSE

#[derive(Debug, Serialize)]
pub struct License<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// The SPDX id recognised from the text (`MIT`, `Apache-2.0`, ...), `()` if unknown.
    pub license: Option<&'static str>,
    /// The first non-blank line, for messages.
    pub first_line: Option<TextAt>,
    pub span: Span,
}

/// Identify a license by distinctive phrases of its text (whitespace and case normalised).
pub fn identify_license(text: &str) -> Option<&'static str> {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let has = |s: &str| t.contains(s);
    if has("gnu affero general public license") {
        return Some(if has("version 3") { "AGPL-3.0" } else { "AGPL" });
    }
    if has("gnu lesser general public license") {
        return Some(if has("version 3") {
            "LGPL-3.0"
        } else if has("version 2.1") {
            "LGPL-2.1"
        } else {
            "LGPL"
        });
    }
    if has("gnu general public license") {
        if has("version 3, 29 june 2007") {
            return Some("GPL-3.0");
        }
        if has("version 2, june 1991") {
            return Some("GPL-2.0");
        }
        return Some("GPL");
    }
    if has("apache license") && has("version 2.0") {
        return Some("Apache-2.0");
    }
    if has("mozilla public license version 2.0") || has("mozilla public license, version 2.0") {
        return Some("MPL-2.0");
    }
    if has("this is free and unencumbered software released into the public domain") {
        return Some("Unlicense");
    }
    if has("permission is hereby granted, free of charge, to any person obtaining a copy") {
        return Some("MIT");
    }
    if has("permission to use, copy, modify, and/or distribute this software for any purpose") {
        return Some("ISC");
    }
    if has("redistribution and use in source and binary forms") {
        return Some(if has("neither the name") || has("may be used to endorse or promote") {
            "BSD-3-Clause"
        } else {
            "BSD-2-Clause"
        });
    }
    None
}

pub fn license<'a>(path: &'a str, src: &str) -> License<'a> {
    let first_line = lines(src)
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(s, l)| TextAt { text: l.trim().to_string(), span: Span::new(s, s + l.len()) });
    License { kind: "license-text", path, license: identify_license(src), first_line, span: Span::new(0, src.len()) }
}

// ---------------------------------------------------------------- MANIFEST.in

#[derive(Debug, Serialize)]
pub struct ManifestIn<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// `include LICENSE README.md` → `{command: "include", args: ["LICENSE", "README.md"]}`.
    pub commands: Vec<Command>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Command {
    pub command: String,
    pub args: Vec<String>,
    pub span: Span,
}

pub fn manifest_in<'a>(path: &'a str, src: &str) -> ManifestIn<'a> {
    let commands = lines(src)
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(s, l)| {
            let mut words = l.split_whitespace();
            Command {
                command: words.next().unwrap_or("").to_string(),
                args: words.map(String::from).collect(),
                span: Span::new(s, s + l.len()),
            }
        })
        .collect();
    ManifestIn { kind: "manifest-in", path, commands, span: Span::new(0, src.len()) }
}

// ---------------------------------------------------------------- __init__.py

#[derive(Debug, Serialize)]
pub struct PythonInit<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// `__version__ = "1.2.3"` at the start of a line: the string and its span (quotes excluded).
    pub version: Option<TextAt>,
    pub span: Span,
}

pub fn python_init<'a>(path: &'a str, src: &str) -> PythonInit<'a> {
    let version = lines(src).find_map(|(s, l)| {
        let rest = l.strip_prefix("__version__")?.trim_start();
        let rest = rest.strip_prefix(':').map(|r| r.split_once('=').map_or("", |x| x.1)).unwrap_or(rest);
        let rest = rest.trim_start().strip_prefix('=').unwrap_or(rest).trim_start();
        let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = &rest[1..];
        let end = body.find(q)?;
        let at = s + (l.len() - rest.len()) + 1;
        Some(TextAt { text: body[..end].to_string(), span: Span::new(at, at + end) })
    });
    PythonInit { kind: "python-init", path, version, span: Span::new(0, src.len()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_a_changelog() {
        let src = "# Changelog\n\n## [Unreleased]\n\n## [1.4.2] - 2026-11-10\n### Fixed\n- x\n```\n## not a heading\n```\n## [1.4.1] - 2026-10-01 [YANKED]\n\n[1.4.2]: https://x\n";
        let c = changelog("CHANGELOG.md", src);
        assert_eq!(c.title.unwrap().text, "Changelog");
        assert_eq!(c.releases.len(), 3);
        assert!(c.releases[0].unreleased);
        assert_eq!(c.releases[1].version.as_deref(), Some("1.4.2"));
        assert_eq!(c.releases[1].date.as_deref(), Some("2026-11-10"));
        assert_eq!(c.releases[1].sections[0].text, "Fixed");
        assert!(c.releases[2].yanked);
        assert_eq!(c.links.len(), 1);
    }

    #[test]
    fn licenses_by_text() {
        assert_eq!(
            identify_license(
                "MIT License\n\nPermission is hereby granted, free of charge, to any person\nobtaining a copy"
            ),
            Some("MIT")
        );
        assert_eq!(identify_license("  Apache License\n  Version 2.0, January 2004"), Some("Apache-2.0"));
        assert_eq!(identify_license("GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007"), Some("GPL-3.0"));
        assert_eq!(
            identify_license(
                "Redistribution and use in source and binary forms ... Neither the name of the copyright holder"
            ),
            Some("BSD-3-Clause")
        );
        assert_eq!(identify_license("All rights reserved."), None);
    }

    #[test]
    fn python_version() {
        let src = "\"\"\"doc\"\"\"\n\n__version__ = \"1.4.2\"\n";
        let p = python_init("x/__init__.py", src);
        let v = p.version.unwrap();
        assert_eq!(v.text, "1.4.2");
        assert_eq!(&src[v.span.range()], "1.4.2");
        assert_eq!(python_init("a", "__version__: str = '2.0'\n").version.unwrap().text, "2.0");
    }
}
