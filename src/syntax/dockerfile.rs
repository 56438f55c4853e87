//! Dockerfiles: instructions (with `\` continuations, comments and parser directives), grouped
//! into build stages by `FROM`, with `LABEL key=value` pairs split out.

use crate::span::Span;
use crate::syntax::SyntaxError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Dockerfile {
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
    #[serde(skip)]
    pub errors: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Instruction {
    /// Upper-cased: `FROM`, `LABEL`, `USER`, `EXPOSE`, ...
    pub keyword: String,
    /// The arguments with continuations joined by a space.
    pub args: String,
    pub span: Span,
    pub args_span: Span,
    /// Index of the stage the instruction belongs to (`()` before the first `FROM`).
    pub stage: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub index: usize,
    pub image: String,
    /// `FROM image AS name`
    pub name: Option<String>,
    /// The `FROM` instruction.
    pub from_span: Span,
    pub labels: Vec<Label>,
    /// The last `USER` of the stage.
    pub user: Option<Label>,
    pub expose: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub key: String,
    pub value: String,
    pub span: Span,
    pub value_span: Span,
}

pub fn parse(src: &str) -> Dockerfile {
    let mut out = Dockerfile { instructions: vec![], stages: vec![], errors: vec![] };
    let lines: Vec<(usize, &str)> = {
        let mut off = 0;
        src.split_inclusive('\n')
            .map(|raw| {
                let s = off;
                off += raw.len();
                (s, raw.trim_end_matches(['\n', '\r']))
            })
            .collect()
    };
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        i += 1;
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let lead = line.len() - t.len();
        let kw_len = t.find(char::is_whitespace).unwrap_or(t.len());
        let keyword = t[..kw_len].to_ascii_uppercase();
        if !keyword.chars().all(|c| c.is_ascii_alphabetic()) {
            out.errors
                .push(SyntaxError::new(Span::new(start, start + line.len()), "expected a Dockerfile instruction"));
            continue;
        }
        let args_start = start + lead + kw_len + (t[kw_len..].len() - t[kw_len..].trim_start().len());
        let mut args = t[kw_len..].trim().to_string();
        let mut end = start + line.len();
        // `\` at the end of a line continues the instruction; comment lines inside are skipped
        while args.ends_with('\\') && i < lines.len() {
            args.pop();
            let (s, next) = lines[i];
            i += 1;
            if next.trim_start().starts_with('#') {
                continue;
            }
            args = format!("{} {}", args.trim_end(), next.trim());
            end = s + next.len();
        }
        let args = args.trim_end_matches('\\').trim().to_string();
        let span = Span::new(start + lead, end);
        let args_span = Span::new(args_start.min(end), end);
        if keyword == "FROM" {
            let words: Vec<&str> = args.split_whitespace().filter(|w| !w.starts_with("--")).collect();
            let image = words.first().map(|s| s.to_string()).unwrap_or_default();
            let name = match words.as_slice() {
                [_, as_, n, ..] if as_.eq_ignore_ascii_case("as") => Some(n.to_string()),
                _ => None,
            };
            let index = out.stages.len();
            out.stages.push(Stage {
                index,
                image,
                name,
                from_span: span,
                labels: vec![],
                user: None,
                expose: vec![],
                span,
            });
        }
        let stage = out.stages.len().checked_sub(1);
        if let Some(st) = out.stages.last_mut() {
            st.span = st.span.cover(span);
            match keyword.as_str() {
                "LABEL" => st.labels.extend(labels(src, &args, args_span)),
                "USER" => {
                    st.user = Some(Label { key: "USER".into(), value: args.clone(), span, value_span: args_span })
                }
                "EXPOSE" => st.expose.extend(args.split_whitespace().map(String::from)),
                // The legacy `MAINTAINER` instruction is a label too.
                "MAINTAINER" => {
                    st.labels.push(Label { key: "maintainer".into(), value: args.clone(), span, value_span: args_span })
                }
                _ => {}
            }
        }
        out.instructions.push(Instruction { keyword, args, span, args_span, stage });
    }
    out
}

/// `key=value key2="v 2"` (and the legacy `LABEL key value`).
fn labels(src: &str, args: &str, args_span: Span) -> Vec<Label> {
    let raw = src.get(args_span.range()).unwrap_or("");
    let single_line = raw == args;
    let mut out = vec![];
    let b = args.as_bytes();
    let mut i = 0;
    if !args.contains('=') {
        if let Some((k, v)) = args.split_once(char::is_whitespace) {
            out.push(Label { key: k.into(), value: v.trim().into(), span: args_span, value_span: args_span });
        }
        return out;
    }
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let ks = i;
        while i < b.len() && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = unquote(&args[ks..i]);
        if i >= b.len() || b[i] != b'=' {
            break;
        }
        i += 1;
        let vs = i;
        if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            let q = b[i];
            i += 1;
            while i < b.len() && b[i] != q {
                i += 1 + usize::from(b[i] == b'\\');
            }
            i = (i + 1).min(b.len());
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
        }
        let value = unquote(&args[vs..i]);
        // exact spans when the instruction is on one line; else the whole argument list
        let (span, value_span) = if single_line {
            let base = args_span.start as usize;
            (Span::new(base + ks, base + i), Span::new(base + vs, base + i))
        } else {
            (args_span, args_span)
        };
        out.push(Label { key, value, span, value_span });
    }
    out
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return t[1..t.len() - 1].replace("\\\"", "\"");
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn stages_labels_user() {
        let src = "# syntax=docker/dockerfile:1\nFROM python:3.12 AS build\nRUN pip wheel . \\\n  -w /w\n\nFROM python:3.12-slim\nLABEL version=\"1.4.2\" maintainer=\"A <a@b>\"\nUSER app\nEXPOSE 80 443\n";
        let d = super::parse(src);
        assert!(d.errors.is_empty());
        assert_eq!(d.stages.len(), 2);
        assert_eq!(d.stages[0].name.as_deref(), Some("build"));
        assert_eq!(d.instructions[1].args, "pip wheel . -w /w");
        let s = &d.stages[1];
        assert_eq!(s.labels[0].value, "1.4.2");
        assert_eq!(&src[s.labels[0].value_span.range()], "\"1.4.2\"");
        assert_eq!(s.labels[1].value, "A <a@b>");
        assert_eq!(s.user.as_ref().unwrap().value, "app");
        assert_eq!(s.expose, vec!["80", "443"]);
    }
}
