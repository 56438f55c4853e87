//! What rule scripts can call: the `Finding` builder and pure helpers.
//!
//! Nothing here reads files, runs processes or touches the network: the whole API is pure
//! functions over values, which is what makes running third-party policies safe.

use crate::span::Span;
use rhai::{Dynamic, Engine, EvalAltResult, ImmutableString, Map, Position};

/// A finding as a rule builds it; the engine turns it into a [`crate::diagnostic::Diagnostic`].
#[derive(Debug, Clone, Default)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
    pub labels: Vec<(Span, String)>,
    pub fix: Option<(Span, String)>,
    /// A lower severity than the rule's for this finding (`.severity("warning")`).
    pub severity: Option<crate::diagnostic::Severity>,
    /// For tree rules: the document the finding is about.
    pub path: Option<String>,
}

fn err(msg: String) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(msg.into(), Position::NONE))
}

/// Read a span from `#{start, end}` (or any map/value with those fields, e.g. a tag's `value_span`).
pub fn span_of(d: &Dynamic) -> Result<Span, Box<EvalAltResult>> {
    let d = d.flatten_clone();
    let type_name = d.type_name();
    if let Some(s) = d.clone().try_cast::<Span>() {
        return Ok(s);
    }
    if let Some(n) = d.clone().try_cast::<super::node::Node>() {
        let t = n.tree();
        if let (Some(s), Some(e)) = (t.get("start").as_i64(), t.get("end").as_i64()) {
            if s >= 0 && e >= s {
                return Ok(Span::new(s as usize, e as usize));
            }
        }
        if !t.get("span").is_null() {
            return span_of(&n.get("span"));
        }
    }
    if d.is_map() {
        let m = d.cast::<Map>();
        let get = |k: &str| m.get(k).map(|v| v.flatten_clone()).and_then(|v| v.as_int().ok());
        if let (Some(s), Some(e)) = (get("start"), get("end")) {
            if s >= 0 && e >= s {
                return Ok(Span::new(s as usize, e as usize));
            }
        }
        // a model node with a `span` field
        if let Some(inner) = m.get("span") {
            return span_of(inner);
        }
    }
    Err(err(format!("expected a span (#{{start, end}}), got {type_name}")))
}

fn path_of(d: &Dynamic) -> Result<String, Box<EvalAltResult>> {
    let d = d.flatten_clone();
    if d.is_string() {
        return Ok(d.into_string().unwrap_or_default());
    }
    if let Some(n) = d.clone().try_cast::<super::node::Node>() {
        if let Some(p) = n.tree().get("path").as_str() {
            return Ok(p.to_string());
        }
    }
    if d.is_map() {
        if let Some(p) = d.cast::<Map>().get("path") {
            return Ok(p.flatten_clone().into_string().unwrap_or_default());
        }
    }
    Err(err("expected a document (with a `path`) or a path string".into()))
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Finding>("Finding");
    engine.register_type_with_name::<Span>("Span");
    // model spans are `Span` values (not objects): the same fields, read-only
    engine.register_get("start", |s: &mut Span| s.start as i64);
    engine.register_get("end", |s: &mut Span| s.end as i64);
    engine.register_fn("==", |a: Span, b: Span| a == b);
    engine.register_fn("!=", |a: Span, b: Span| a != b);
    engine.register_fn("to_string", |s: &mut Span| format!("{}..{}", s.start, s.end));
    engine.register_fn("to_debug", |s: &mut Span| format!("#{{start: {}, end: {}}}", s.start, s.end));
    engine.register_fn("to_json", |s: &mut Span| format!("{{\"start\":{},\"end\":{}}}", s.start, s.end));

    engine.register_fn("violation", |span: Dynamic, message: ImmutableString| -> Result<Finding, Box<EvalAltResult>> {
        Ok(Finding { span: span_of(&span)?, message: message.to_string(), ..Default::default() })
    });
    // Tree rules name the document the finding belongs to.
    engine.register_fn(
        "violation",
        |doc: Dynamic, span: Dynamic, message: ImmutableString| -> Result<Finding, Box<EvalAltResult>> {
            Ok(Finding {
                span: span_of(&span)?,
                message: message.to_string(),
                path: Some(path_of(&doc)?),
                ..Default::default()
            })
        },
    );
    engine.register_fn("severity", |f: &mut Finding, level: ImmutableString| -> Result<Finding, Box<EvalAltResult>> {
        let sev = crate::diagnostic::Severity::parse(&level)
            .ok_or_else(|| err(format!("unknown severity `{level}` (error, warning, note)")))?;
        f.severity = Some(sev);
        Ok(f.clone())
    });
    // `items.join(", ")`: Rhai's own `reduce` starts from `()`, which leaks into messages.
    engine.register_fn("join", |items: rhai::Array, sep: ImmutableString| -> String {
        items.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(sep.as_str())
    });
    // Path helpers for tree rules: the directory and the last component of a `/` path.
    engine.register_fn("dirname", |p: ImmutableString| -> String {
        match p.trim_end_matches('/').rsplit_once('/') {
            Some(("", _)) => "/".to_string(),
            Some((d, _)) => d.to_string(),
            None => ".".to_string(),
        }
    });
    engine.register_fn("basename", |p: ImmutableString| -> String {
        let t = p.trim_end_matches('/');
        t.rsplit_once('/').map_or(t, |(_, b)| b).to_string()
    });
    engine.register_fn("help", |f: &mut Finding, text: ImmutableString| -> Finding {
        f.help = Some(text.to_string());
        f.clone()
    });
    engine.register_fn("note", |f: &mut Finding, text: ImmutableString| -> Finding {
        f.note = Some(text.to_string());
        f.clone()
    });
    engine.register_fn(
        "label",
        |f: &mut Finding, span: Dynamic, text: ImmutableString| -> Result<Finding, Box<EvalAltResult>> {
            f.labels.push((span_of(&span)?, text.to_string()));
            Ok(f.clone())
        },
    );
    engine.register_fn(
        "fix",
        |f: &mut Finding, span: Dynamic, replacement: ImmutableString| -> Result<Finding, Box<EvalAltResult>> {
            f.fix = Some((span_of(&span)?, replacement.to_string()));
            Ok(f.clone())
        },
    );

    engine.register_fn("span", |start: i64, end: i64| -> Map {
        let mut m = Map::new();
        m.insert("start".into(), Dynamic::from_int(start.max(0)));
        m.insert("end".into(), Dynamic::from_int(end.max(start).max(0)));
        m
    });
    engine.register_fn("span_join", |a: Dynamic, b: Dynamic| -> Result<Map, Box<EvalAltResult>> {
        let s = span_of(&a)?.cover(span_of(&b)?);
        let mut m = Map::new();
        m.insert("start".into(), Dynamic::from_int(s.start as i64));
        m.insert("end".into(), Dynamic::from_int(s.end as i64));
        Ok(m)
    });

    engine.register_fn("glob_match", |pattern: &str, path: &str| -> bool {
        globset::Glob::new(pattern).map(|g| g.compile_matcher().is_match(path)).unwrap_or(false)
    });
    engine.register_fn("rpmvercmp", |a: &str, b: &str| -> i64 { crate::util::rpmvercmp(a, b) as i64 });
    engine.register_fn("normalize_path", |p: &str| -> String { crate::util::normalize_path(p) });
    engine.register_fn("regex_match", |pattern: &str, text: &str| -> Result<bool, Box<EvalAltResult>> {
        crate::util::regex(pattern).map(|r| r.is_match(text)).map_err(err)
    });
    engine.register_fn("regex_find", |pattern: &str, text: &str| -> Result<Dynamic, Box<EvalAltResult>> {
        let re = crate::util::regex(pattern).map_err(err)?;
        Ok(match re.find(text) {
            Some(m) => {
                let mut map = Map::new();
                map.insert("start".into(), Dynamic::from_int(m.start() as i64));
                map.insert("end".into(), Dynamic::from_int(m.end() as i64));
                map.insert("text".into(), Dynamic::from(m.as_str().to_string()));
                Dynamic::from_map(map)
            }
            None => Dynamic::UNIT,
        })
    });
    engine.register_fn("regex_captures", |pattern: &str, text: &str| -> Result<Dynamic, Box<EvalAltResult>> {
        let re = crate::util::regex(pattern).map_err(err)?;
        Ok(match re.captures(text) {
            Some(c) => Dynamic::from_array(
                c.iter().map(|m| m.map(|m| Dynamic::from(m.as_str().to_string())).unwrap_or(Dynamic::UNIT)).collect(),
            ),
            None => Dynamic::UNIT,
        })
    });
    // A sub-span of a string that starts at `base`: byte offsets of `text` are what rules get from
    // regex_find, so this turns a match inside a value into a file span.
    engine.register_fn("sub_span", |base: Dynamic, start: i64, end: i64| -> Result<Map, Box<EvalAltResult>> {
        let b = span_of(&base)?;
        let s = (b.start as i64 + start.max(0)).min(b.end as i64);
        let e = (b.start as i64 + end.max(start).max(0)).min(b.end as i64);
        let mut m = Map::new();
        m.insert("start".into(), Dynamic::from_int(s));
        m.insert("end".into(), Dynamic::from_int(e));
        Ok(m)
    });
    engine.register_fn("byte_len", |s: &str| -> i64 { s.len() as i64 });
    // `spdx_parse("MIT OR Apache-2.0")` → #{ valid, ids, exceptions, error }
    engine.register_fn("spdx_parse", |expr: &str| -> Map {
        let mut m = Map::new();
        let (valid, ids, exceptions, error) = match crate::util::spdx_parse(expr) {
            Ok(s) => (true, s.ids, s.exceptions, String::new()),
            Err(e) => (false, vec![], vec![], e),
        };
        m.insert("valid".into(), Dynamic::from_bool(valid));
        m.insert("ids".into(), Dynamic::from_array(ids.into_iter().map(Dynamic::from).collect()));
        m.insert("exceptions".into(), Dynamic::from_array(exceptions.into_iter().map(Dynamic::from).collect()));
        m.insert("error".into(), Dynamic::from(error));
        m
    });
}
