//! INI files as dnf/yum read `.repo` files: `[section]`, `key=value`, `#`/`;` comments, and
//! indented continuation lines. Every line is a node; unknown lines are errors, not losses.

use crate::span::Span;
use crate::syntax::SyntaxError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Ini {
    pub sections: Vec<IniSection>,
    pub errors: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IniSection {
    pub name: String,
    pub header_span: Span,
    pub span: Span,
    pub entries: Vec<IniEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IniEntry {
    pub key: String,
    pub value: String,
    pub span: Span,
    pub key_span: Span,
    pub value_span: Span,
}

pub fn parse(src: &str) -> Ini {
    let mut ini = Ini { sections: vec![], errors: vec![] };
    let mut off = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let span = Span::new(off, off + line.len());
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        off += raw.len();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(inner) = trimmed.strip_prefix('[') {
            match inner.find(']') {
                Some(end) => {
                    let name = inner[..end].trim().to_string();
                    ini.sections.push(IniSection { name, header_span: span, span, entries: vec![] });
                }
                None => ini.errors.push(SyntaxError::new(span, "section header without closing `]`")),
            }
            continue;
        }
        let Some(sec) = ini.sections.last_mut() else {
            ini.errors.push(SyntaxError::new(span, "line outside any `[section]`"));
            continue;
        };
        sec.span = sec.span.cover(span);
        if lead > 0 {
            if let Some(prev) = sec.entries.last_mut() {
                // an indented line continues the previous value (dnf's iniparse)
                prev.value.push('\n');
                prev.value.push_str(trimmed);
                prev.value_span = prev.value_span.cover(span);
                prev.span = prev.span.cover(span);
                continue;
            }
        }
        match line.find(['=', ':']) {
            Some(eq) => {
                let key = line[..eq].trim();
                let value = line[eq + 1..].trim();
                let key_start = off - raw.len() + (line.len() - line.trim_start().len());
                let value_start = off - raw.len() + eq + 1 + (line[eq + 1..].len() - line[eq + 1..].trim_start().len());
                sec.entries.push(IniEntry {
                    key: key.to_string(),
                    value: value.to_string(),
                    span,
                    key_span: Span::new(key_start, key_start + key.len()),
                    value_span: Span::new(value_start, value_start + value.len()),
                });
            }
            None => ini.errors.push(SyntaxError::new(span, "expected `key=value`")),
        }
    }
    ini
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_repo_files() {
        let ini = super::parse("# c\n[phoreus]\nname=Phoreus\nbaseurl=https://x/\n  https://y/\ngpgcheck = 1\n");
        assert_eq!(ini.sections[0].name, "phoreus");
        assert_eq!(ini.sections[0].entries[1].value, "https://x/\nhttps://y/");
        assert_eq!(ini.sections[0].entries[2].key, "gpgcheck");
        assert_eq!(ini.sections[0].entries[2].value, "1");
        assert!(ini.errors.is_empty());
    }
}
