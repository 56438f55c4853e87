//! Structured manifests (TOML, JSON, YAML, XML) read with well-kept crates into one shape:
//! the data as plain values plus a span for every value, keyed by its dotted path
//! (`project.version`, `Installers.0.InstallerSha256`). Rules read `doc.data` and point at
//! `doc.spans["project.version"]`.

use crate::span::Span;
use crate::syntax::SyntaxError;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Data {
    pub data: Value,
    /// Dotted path → span of the value (for a TOML table: its `[header]` line, when it has one).
    pub spans: BTreeMap<String, Span>,
    /// Dotted path → span of the key.
    pub key_spans: BTreeMap<String, Span>,
    pub errors: Vec<SyntaxError>,
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

const MAX_DEPTH: usize = 64;

// ---------------------------------------------------------------- TOML

pub fn toml(src: &str) -> Data {
    let mut out = Data::default();
    let (table, errors) = toml::de::DeTable::parse_recoverable(src);
    for e in errors {
        let span = e.span().map_or(Span::empty(0), |r| Span::new(r.start, r.end));
        out.errors.push(SyntaxError::new(span, e.message().to_string()));
    }
    let mut root = Map::new();
    for (k, v) in table.get_ref() {
        let key = k.get_ref().to_string();
        let path = key.clone();
        out.key_spans.insert(path.clone(), to_span(k.span()));
        root.insert(key, toml_value(v, &path, src, &mut out, 0));
    }
    out.data = Value::Object(root);
    out
}

fn to_span(r: std::ops::Range<usize>) -> Span {
    Span::new(r.start, r.end)
}

fn toml_value(v: &toml::Spanned<toml::de::DeValue>, path: &str, src: &str, out: &mut Data, depth: usize) -> Value {
    use toml::de::DeValue;
    let mut span = to_span(v.span());
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    let value = match v.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(i.as_str().to_string())),
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().map(Value::from).unwrap_or(Value::Null),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| toml_value(item, &join(path, &i.to_string()), src, out, depth + 1))
                .collect(),
        ),
        DeValue::Table(t) => {
            let mut m = Map::new();
            for (k, item) in t {
                let key = k.get_ref().to_string();
                let p = join(path, &key);
                out.key_spans.insert(p.clone(), to_span(k.span()));
                m.insert(key, toml_value(item, &p, src, out, depth + 1));
            }
            // A `[table]` is spanned by its body; point at its header line instead.
            if let Some(h) = header_line(src, path) {
                span = h;
            }
            Value::Object(m)
        }
    };
    out.spans.insert(path.to_string(), span);
    value
}

/// The `[a.b]` header line of table `a.b`, if the file has one.
fn header_line(src: &str, path: &str) -> Option<Span> {
    let mut off = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let t = line.trim();
        if let Some(inner) = t.strip_prefix('[').and_then(|r| r.split(']').next()) {
            let name: String = inner.split('.').map(|p| p.trim().trim_matches('"')).collect::<Vec<_>>().join(".");
            if name == path && !t.starts_with("[[") {
                return Some(Span::new(off, off + line.len()));
            }
        }
        off += raw.len();
    }
    None
}

// ---------------------------------------------------------------- JSON

pub fn json(src: &str) -> Data {
    let mut out = Data::default();
    let opts = jsonc_parser::ParseOptions::default();
    match jsonc_parser::parse_to_ast(src, &Default::default(), &opts) {
        Ok(r) => {
            if let Some(v) = r.value {
                out.data = json_value(&v, "", &mut out, 0);
            }
        }
        Err(e) => {
            let r = e.range();
            out.errors.push(SyntaxError::new(Span::new(r.start, r.end), e.kind().to_string()));
        }
    }
    out
}

fn json_value(v: &jsonc_parser::ast::Value, path: &str, out: &mut Data, depth: usize) -> Value {
    use jsonc_parser::ast::{ObjectPropName, Value as J};
    use jsonc_parser::common::Ranged;
    let r = v.range();
    out.spans.insert(path.to_string(), Span::new(r.start, r.end));
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match v {
        J::StringLit(s) => Value::String(s.value.to_string()),
        J::NumberLit(n) => n
            .value
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| n.value.parse::<f64>().map(Value::from))
            .unwrap_or(Value::Null),
        J::BooleanLit(b) => Value::Bool(b.value),
        J::NullKeyword(_) => Value::Null,
        J::Array(a) => Value::Array(
            a.elements
                .iter()
                .enumerate()
                .map(|(i, e)| json_value(e, &join(path, &i.to_string()), out, depth + 1))
                .collect(),
        ),
        J::Object(o) => {
            let mut m = Map::new();
            for p in &o.properties {
                let (key, kr) = match &p.name {
                    ObjectPropName::String(s) => (s.value.to_string(), s.range),
                    ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                };
                let path = join(path, &key);
                out.key_spans.insert(path.clone(), Span::new(kr.start, kr.end));
                let value = json_value(&p.value, &path, out, depth + 1);
                m.insert(key, value);
            }
            Value::Object(m)
        }
    }
}

// ---------------------------------------------------------------- YAML

pub fn yaml(src: &str) -> Data {
    use yaml_rust2::parser::{Event, Parser};
    let mut out = Data::default();
    let mut parser = Parser::new_from_str(src);
    // A stack of containers being built: (value, path, pending key for maps, key span).
    enum Frame {
        Seq(Vec<Value>, String),
        Map(Map<String, Value>, String, Option<(String, Span)>),
    }
    let mut stack: Vec<Frame> = vec![];
    // yaml-rust2's markers count characters, not bytes
    let char_starts: Vec<usize> =
        if src.is_ascii() { vec![] } else { src.char_indices().map(|(b, _)| b).chain([src.len()]).collect() };
    let to_byte = |chars: usize| -> usize {
        if char_starts.is_empty() {
            chars.min(src.len())
        } else {
            char_starts.get(chars).copied().unwrap_or(src.len())
        }
    };
    let mut root: Option<Value> = None;
    let mut starts: Vec<usize> = vec![];
    let text_end = |start: usize| -> usize {
        // a scalar's end: the end of its line, less a trailing comment and spaces
        let line_end = src[start..].find('\n').map_or(src.len(), |n| start + n);
        let line = &src[start..line_end];
        let cut = line.find(" #").unwrap_or(line.len());
        start + line[..cut].trim_end().len()
    };
    loop {
        let (ev, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => {
                let at = to_byte(e.marker().index());
                out.errors.push(SyntaxError::new(Span::new(at, at), e.info().to_string()));
                break;
            }
        };
        let at = to_byte(mark.index());
        // Where the next value goes: (path, span) for the value being completed.
        let complete = |value: Value, span: Span, stack: &mut Vec<Frame>, out: &mut Data, root: &mut Option<Value>| {
            match stack.last_mut() {
                None => {
                    out.spans.insert(String::new(), span);
                    *root = Some(value);
                }
                Some(Frame::Seq(items, path)) => {
                    out.spans.insert(join(path, &items.len().to_string()), span);
                    items.push(value);
                }
                Some(Frame::Map(m, path, pending)) => match pending.take() {
                    None => {
                        // this value is a key
                        let key = match &value {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        // a key's scalar ends at its `:`, not at the end of the line
                        let text = src.get(span.range()).unwrap_or("");
                        let kend =
                            text.find(": ").or_else(|| text.strip_suffix(':').map(str::len)).unwrap_or(text.len());
                        *pending = Some((key, Span::new(span.start as usize, span.start as usize + kend)));
                    }
                    Some((key, kspan)) => {
                        let p = join(path, &key);
                        out.key_spans.insert(p.clone(), kspan);
                        out.spans.insert(p, span);
                        m.insert(key, value);
                    }
                },
            }
        };
        let child_path = |stack: &Vec<Frame>| -> String {
            match stack.last() {
                None => String::new(),
                Some(Frame::Seq(items, path)) => join(path, &items.len().to_string()),
                Some(Frame::Map(_, path, Some((key, _)))) => join(path, key),
                Some(Frame::Map(_, path, None)) => path.clone(),
            }
        };
        match ev {
            Event::StreamEnd => break,
            Event::DocumentEnd if root.is_some() => break,
            Event::Scalar(s, style, _, _) => {
                // quoted and block scalars are spanned to the end of their first line
                let end = text_end(at);
                let value = match style {
                    yaml_rust2::scanner::TScalarStyle::Plain => match s.as_str() {
                        "true" | "True" | "TRUE" => Value::Bool(true),
                        "false" | "False" | "FALSE" => Value::Bool(false),
                        "null" | "~" | "" => Value::Null,
                        _ => s.parse::<i64>().map(Value::from).unwrap_or(Value::String(s)),
                    },
                    _ => Value::String(s),
                };
                complete(value, Span::new(at, end.max(at)), &mut stack, &mut out, &mut root);
            }
            Event::SequenceStart(..) if stack.len() < MAX_DEPTH => {
                let p = child_path(&stack);
                starts.push(at);
                stack.push(Frame::Seq(vec![], p));
            }
            Event::MappingStart(..) if stack.len() < MAX_DEPTH => {
                let p = child_path(&stack);
                starts.push(at);
                stack.push(Frame::Map(Map::new(), p, None));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let start = starts.pop().unwrap_or(at);
                let v = match stack.pop() {
                    Some(Frame::Seq(items, _)) => Value::Array(items),
                    Some(Frame::Map(m, _, _)) => Value::Object(m),
                    None => Value::Null,
                };
                let span = Span::new(start, at.max(start));
                complete(v, span, &mut stack, &mut out, &mut root);
            }
            Event::Alias(_) => complete(Value::Null, Span::new(at, at), &mut stack, &mut out, &mut root),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                out.errors.push(SyntaxError::new(Span::new(at, at), "nesting too deep"));
                break;
            }
            _ => {}
        }
    }
    out.data = root.unwrap_or(Value::Null);
    out
}

// ---------------------------------------------------------------- XML

/// XML as nested objects: each element is `{ "@attr": value, "child": ..., "#text": text }`;
/// an element with text only (and no attributes) is its text. Repeated children become arrays.
pub fn xml(src: &str) -> Data {
    let mut out = Data::default();
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    match roxmltree::Document::parse_with_options(src, opts) {
        Ok(doc) => {
            let root = doc.root_element();
            let name = root.tag_name().name().to_string();
            let v = xml_element(root, &name, &mut out, 0);
            let mut m = Map::new();
            m.insert(name.clone(), v);
            out.data = Value::Object(m);
        }
        Err(e) => {
            let p = e.pos();
            // roxmltree reports row/col; find the byte offset of that position
            let off = src.split_inclusive('\n').take(p.row.saturating_sub(1) as usize).map(str::len).sum::<usize>();
            let line = &src[off.min(src.len())..];
            let col = line.char_indices().nth(p.col.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i);
            let at = (off + col).min(src.len());
            out.errors.push(SyntaxError::new(Span::new(at, at), e.to_string()));
        }
    }
    out
}

fn xml_element(node: roxmltree::Node, path: &str, out: &mut Data, depth: usize) -> Value {
    let r = node.range();
    out.spans.insert(path.to_string(), Span::new(r.start, r.end));
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    let mut m = Map::new();
    for a in node.attributes() {
        m.insert(format!("@{}", a.name()), Value::String(a.value().to_string()));
    }
    let mut text = String::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for c in node.children() {
        if c.is_element() {
            let name = c.tag_name().name().to_string();
            let n = seen.entry(name.clone()).or_insert(0);
            let child_path = if *n == 0 { join(path, &name) } else { join(path, &format!("{name}.{n}")) };
            *n += 1;
            let v = xml_element(c, &child_path, out, depth + 1);
            match m.get_mut(&name) {
                Some(Value::Array(items)) if *seen.get(&name).unwrap_or(&0) > 2 => items.push(v),
                Some(existing) => {
                    let first = existing.take();
                    *existing = Value::Array(vec![first, v]);
                }
                None => {
                    m.insert(name, v);
                }
            }
        } else if c.is_text() {
            text.push_str(c.text().unwrap_or(""));
        }
    }
    let text = text.trim();
    if m.is_empty() {
        return Value::String(text.to_string());
    }
    if !text.is_empty() {
        m.insert("#text".into(), Value::String(text.to_string()));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_spans() {
        let src = "[project]\nname = \"x\"\nversion = \"1.2.3\"\n\n[project.urls]\nHome = \"https://x\"\n";
        let d = toml(src);
        assert!(d.errors.is_empty());
        assert_eq!(d.data["project"]["version"], "1.2.3");
        assert_eq!(&src[d.spans["project.version"].range()], "\"1.2.3\"");
        assert_eq!(&src[d.spans["project"].range()], "[project]");
        assert_eq!(&src[d.spans["project.urls"].range()], "[project.urls]");
    }

    #[test]
    fn json_spans() {
        let src = "{\n  \"name\": \"x\",\n  \"engines\": {\"node\": \">=18\"},\n  \"files\": [\"a\", \"b\"]\n}\n";
        let d = json(src);
        assert_eq!(d.data["engines"]["node"], ">=18");
        assert_eq!(&src[d.spans["files.1"].range()], "\"b\"");
        assert_eq!(&src[d.key_spans["name"].range()], "\"name\"");
        assert!(!json("{\"a\": }").errors.is_empty());
    }

    #[test]
    fn yaml_spans() {
        let src = "name: immunos\nversion: '1.4.2' # release\napps:\n  immunos:\n    command: bin/immunos\nlist:\n  - a\n  - b: 2\n";
        let d = yaml(src);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.data["version"], "1.4.2");
        assert_eq!(&src[d.spans["version"].range()], "'1.4.2'");
        assert_eq!(&src[d.key_spans["apps.immunos.command"].range()], "command");
        assert_eq!(d.data["list"][1]["b"], 2);
        assert_eq!(&src[d.spans["list.0"].range()], "a");
        assert!(!yaml("a: [1,\n").errors.is_empty());
        // spans are byte offsets even after multi-byte characters
        let src = "name: \u{e9}t\u{e9}\nversion: 1.0.0\n";
        let d = yaml(src);
        assert_eq!(&src[d.spans["version"].range()], "1.0.0");
    }

    #[test]
    fn xml_elements() {
        let src = "<?xml version=\"1.0\"?>\n<package xmlns=\"x\"><metadata><id>immunos</id><version>1.4.2</version>\
                   <tags>a</tags><tags>b</tags></metadata></package>";
        let d = xml(src);
        assert!(d.errors.is_empty());
        assert_eq!(d.data["package"]["metadata"]["version"], "1.4.2");
        assert_eq!(&src[d.spans["package.metadata.version"].range()], "<version>1.4.2</version>");
        assert_eq!(d.data["package"]["metadata"]["tags"][1], "b");
        assert!(!xml("<a><b></a>").errors.is_empty());
    }
}
