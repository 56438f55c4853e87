//! The model as Rhai sees it: read-only handles into the shared [`Tree`].
//!
//! A property access converts only what was asked for: scalars become Rhai values, objects stay
//! `Node` handles (an `Arc` clone), arrays become Rhai arrays of those (so `len`, `filter`, `for`
//! and indexing work). There are no setters: a rule cannot change what the next rule sees.

use crate::model::tree::Tree;
use rhai::{Array, Dynamic, Engine};

/// A handle to an object of the model.
#[derive(Debug, Clone)]
pub struct Node(pub Tree);

impl Node {
    pub fn tree(&self) -> &Tree {
        &self.0
    }

    pub fn get(&self, key: &str) -> Dynamic {
        to_dynamic(self.0.get(key))
    }
}

/// Convert a (sub)tree into a Rhai value, sharing objects.
pub fn to_dynamic(t: &Tree) -> Dynamic {
    match t {
        Tree::Null => Dynamic::UNIT,
        Tree::Bool(b) => Dynamic::from_bool(*b),
        Tree::Int(i) => Dynamic::from_int(*i),
        Tree::Float(f) => Dynamic::from_float(*f),
        Tree::Str(s) => Dynamic::from(s.clone()),
        Tree::Obj(_) => Dynamic::from(Node(t.clone())),
        Tree::Arr(items) => Dynamic::from_array(items.iter().map(to_dynamic).collect::<Array>()),
        Tree::Span(s) => Dynamic::from(*s),
    }
}

/// A Rhai value as a model tree (maps become objects; model handles and spans stay what they
/// are). Used for tree rules' summaries: as read-only `Node`s they are compact, and opaque to
/// Rhai's size checks, which would otherwise re-measure every nested summary on each push.
pub fn tree_of(d: &Dynamic) -> Tree {
    let d = d.flatten_clone();
    if d.is_unit() {
        return Tree::Null;
    }
    if let Ok(b) = d.as_bool() {
        return Tree::Bool(b);
    }
    if let Ok(i) = d.as_int() {
        return Tree::Int(i);
    }
    if let Ok(f) = d.as_float() {
        return Tree::Float(f);
    }
    if let Some(s) = d.read_lock::<rhai::ImmutableString>() {
        return Tree::Str(s.clone());
    }
    if let Some(n) = d.read_lock::<Node>() {
        return n.0.clone();
    }
    if let Some(s) = d.read_lock::<crate::span::Span>() {
        return Tree::Span(*s);
    }
    if let Some(a) = d.read_lock::<Array>() {
        return Tree::Arr(a.iter().map(tree_of).collect());
    }
    if let Some(m) = d.read_lock::<rhai::Map>() {
        return Tree::Obj(m.iter().map(|(k, v)| (std::borrow::Cow::Owned(k.to_string()), tree_of(v))).collect());
    }
    Tree::Str(d.to_string().into())
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Node>("Node");
    // Property access (`doc.packages`) falls back to this string indexer.
    engine.register_indexer_get(|n: &mut Node, key: &str| -> Dynamic { n.get(key) });
    engine.register_fn("keys", |n: &mut Node| -> Array {
        match &n.0 {
            Tree::Obj(f) => f.iter().map(|(k, _)| Dynamic::from(k.to_string())).collect(),
            _ => Array::new(),
        }
    });
    engine.register_fn("contains", |n: &mut Node, key: &str| -> bool {
        matches!(&n.0, Tree::Obj(f) if f.iter().any(|(k, _)| k == key))
    });
    engine.register_fn("len", |n: &mut Node| -> i64 {
        match &n.0 {
            Tree::Obj(f) => f.len() as i64,
            _ => 0,
        }
    });
    engine.register_fn("to_json", |n: &mut Node| -> String { serde_json::to_string(&n.0).unwrap_or_default() });
    engine.register_fn("to_string", |n: &mut Node| -> String { serde_json::to_string(&n.0).unwrap_or_default() });
    engine.register_fn("to_debug", |n: &mut Node| -> String { serde_json::to_string(&n.0).unwrap_or_default() });
    register_scan(engine);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Dynamic {
        let v = serde_json::json!({"packages": [{"name": "a", "span": {"start": 1, "end": 2}}], "n": 3});
        to_dynamic(&Tree::from_serialize(&v))
    }

    #[test]
    fn rules_read_nested_values_through_nodes() {
        let mut engine = crate::script::build_engine();
        engine.set_strict_variables(false);
        let mut scope = rhai::Scope::new();
        scope.push("doc", doc());
        let r: String = engine
            .eval_with_scope(&mut scope, r#"doc.packages[0].name + doc.packages.len() + doc.n + doc.missing"#)
            .unwrap();
        assert_eq!(r, "a13");
        let r: bool = engine.eval_with_scope(&mut scope, r#"doc.packages[0].span.start == 1 && "n" in doc"#).unwrap();
        assert!(r);
    }

    #[test]
    fn nodes_are_read_only() {
        let mut engine = crate::script::build_engine();
        engine.set_strict_variables(false);
        let mut scope = rhai::Scope::new();
        scope.push("doc", doc());
        let assigned = engine.eval_with_scope::<()>(&mut scope, r#"doc.packages[0].name = "x""#);
        assert!(
            assigned.is_err() || engine.eval_with_scope::<String>(&mut scope, "doc.packages[0].name").unwrap() == "a"
        );
    }
}

/// `find_lines(doc, pattern)` / `find_lines(doc, pattern, #{sections, kinds, active, limit})`: the lines
/// of an rpm document whose text matches `pattern`, scanned in Rust so a rule pays only for the
/// hits. Each hit is `#{text, span, kind, active, depth, section, section_kind, package,
/// found: #{start, end, text}, found_span, captures}`.
pub fn find_lines(doc: &Node, pattern: &str, opts: &rhai::Map) -> Result<Array, Box<rhai::EvalAltResult>> {
    let re = crate::util::regex(pattern)
        .map_err(|e| Box::new(rhai::EvalAltResult::ErrorRuntime(e.into(), rhai::Position::NONE)))?;
    let list = |k: &str| -> Option<Vec<String>> {
        opts.get(k).map(|v| match v.clone().try_cast::<Array>() {
            Some(a) => a.iter().map(|x| x.to_string()).collect(),
            None => vec![v.to_string()],
        })
    };
    let sections = list("sections");
    let kinds = list("kinds");
    let only_active = opts.get("active").and_then(|v| v.as_bool().ok());
    let limit = opts.get("limit").and_then(|v| v.as_int().ok()).map(|l| l.max(0) as usize).unwrap_or(usize::MAX);
    let mut out = Array::new();
    for sec in doc.0.get("sections").as_array().unwrap_or(&[]) {
        let name = sec.get("name").as_str().unwrap_or("");
        let skind = sec.get("kind").as_str().unwrap_or("");
        if let Some(s) = &sections {
            if !s.iter().any(|x| x == name || x == skind) {
                continue;
            }
        }
        for line in sec.get("lines").as_array().unwrap_or(&[]) {
            let kind = line.get("kind").as_str().unwrap_or("");
            if kinds.as_ref().is_some_and(|k| !k.iter().any(|x| x == kind)) {
                continue;
            }
            let active = matches!(line.get("active"), Tree::Bool(true));
            if only_active.is_some_and(|want| want != active) {
                continue;
            }
            let text = line.get("text").as_str().unwrap_or("");
            // is_match runs the fast (lazy DFA) engine; captures only for the few hits.
            if !re.is_match(text) {
                continue;
            }
            let Some(caps) = re.captures(text) else {
                continue;
            };
            let Some(m) = caps.get(0) else { continue };
            let start = line.get("span").as_span().map_or(0, |s| s.start as i64);
            let mut hit = rhai::Map::new();
            let mut mm = rhai::Map::new();
            mm.insert("start".into(), Dynamic::from_int(m.start() as i64));
            mm.insert("end".into(), Dynamic::from_int(m.end() as i64));
            mm.insert("text".into(), Dynamic::from(m.as_str().to_string()));
            let mut ms = rhai::Map::new();
            ms.insert("start".into(), Dynamic::from_int(start + m.start() as i64));
            ms.insert("end".into(), Dynamic::from_int(start + m.end() as i64));
            let captures: Array = caps
                .iter()
                .map(|c| c.map(|c| Dynamic::from(c.as_str().to_string())).unwrap_or(Dynamic::UNIT))
                .collect();
            hit.insert("text".into(), Dynamic::from(text.to_string()));
            hit.insert("span".into(), to_dynamic(line.get("span")));
            hit.insert("kind".into(), Dynamic::from(kind.to_string()));
            hit.insert("active".into(), Dynamic::from_bool(active));
            hit.insert("depth".into(), to_dynamic(line.get("depth")));
            hit.insert("section".into(), Dynamic::from(name.to_string()));
            hit.insert("section_kind".into(), Dynamic::from(skind.to_string()));
            hit.insert("package".into(), to_dynamic(sec.get("package")));
            hit.insert("found".into(), Dynamic::from_map(mm));
            hit.insert("found_span".into(), Dynamic::from_map(ms));
            hit.insert("captures".into(), Dynamic::from_array(captures));
            out.push(Dynamic::from_map(hit));
            if out.len() >= limit {
                return Ok(out);
            }
        }
    }
    Ok(out)
}

/// `tags(doc, "obsoletes")` / `tags(doc, ["copyright", "serial"])`: the tags with those keys
/// (lower case, without number), filtered in Rust.
pub fn tags(doc: &Node, keys: &[String]) -> Array {
    doc.0
        .get("tags")
        .as_array()
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.get("key").as_str().is_some_and(|k| keys.iter().any(|x| x == k)))
        .map(to_dynamic)
        .collect()
}

/// Whether rpm would know macro `name` in this spec: a built-in default, a `%global`/`%define`
/// of the spec (in any branch), a tag macro (`%{name}`, `%{version}`...) or `%{SOURCEn}`.
pub fn macro_defined(doc: &Node, name: &str) -> bool {
    if crate::model::rpm::macros::is_builtin(name) {
        return true;
    }
    let in_macros = doc
        .0
        .get("macros")
        .as_array()
        .unwrap_or(&[])
        .iter()
        .any(|m| m.get("name").as_str() == Some(name) && m.get("keyword").as_str() != Some("undefine"));
    if in_macros {
        return true;
    }
    let tags = doc.0.get("tags").as_array().unwrap_or(&[]);
    let lower = name.to_ascii_lowercase();
    if crate::model::rpm::MACRO_TAGS.contains(&name) && tags.iter().any(|t| t.get("key").as_str() == Some(&lower)) {
        return true;
    }
    for (prefix, key) in [("SOURCE", "source"), ("PATCH", "patch")] {
        if let Some(n) = name.strip_prefix(prefix) {
            return tags.iter().any(|t| {
                t.get("key").as_str() == Some(key)
                    && (n.is_empty()
                        || t.get("number").as_i64().map(|x| x.to_string()).as_deref() == Some(n)
                        || (n == "0" && t.get("number").is_null()))
            });
        }
    }
    false
}

/// Expand `text` with the spec's own macros as they stand at the end of the file (active
/// `%global`/`%define`s and tag macros such as `%{version}`) plus the built-in defaults. An
/// approximation for rules that read script lines, which the model keeps unexpanded.
pub fn expand_macros(doc: &Node, text: &str) -> String {
    let mut table = crate::model::rpm::macros::MacroTable::new();
    for t in doc.0.get("tags").as_array().unwrap_or(&[]) {
        let key = t.get("key").as_str().unwrap_or("");
        if matches!(t.get("active"), Tree::Bool(true)) && crate::model::rpm::MACRO_TAGS.contains(&key) {
            table.define(key, t.get("value").as_str().unwrap_or(""), None);
        }
    }
    for m in doc.0.get("macros").as_array().unwrap_or(&[]) {
        if !matches!(m.get("active"), Tree::Bool(true)) {
            continue;
        }
        let name = m.get("name").as_str().unwrap_or("");
        match m.get("keyword").as_str() {
            Some("undefine") => table.undefine(name),
            _ => {
                let body = m.get("expanded").as_str().or(m.get("body").as_str()).unwrap_or("");
                let params = m.get("params").as_str().map(String::from);
                table.define(name, body, params);
            }
        }
    }
    table.expand(text)
}

/// Whether an absolute path exists in the installed tree (`--installed ROOT`), without
/// following a final symlink; `()` when the run is not about an installed tree. This is the
/// only file-system access rules have: a read-only existence test under the root the user named.
fn path_exists(doc: &mut Node, path: &str) -> Dynamic {
    let Some(root) = doc.0.get("installed").get("root").as_str().map(std::path::PathBuf::from) else {
        return Dynamic::UNIT;
    };
    let rel = crate::util::normalize_path(path);
    let rel = rel.trim_start_matches('/');
    // `..` cannot climb out of the root: normalize_path resolves it lexically first.
    if rel.split('/').any(|c| c == "..") {
        return Dynamic::FALSE;
    }
    Dynamic::from_bool(std::fs::symlink_metadata(root.join(rel)).is_ok())
}

pub fn register_scan(engine: &mut Engine) {
    engine.register_fn("expand_macros", |doc: &mut Node, text: &str| expand_macros(doc, text));
    engine.register_fn("macro_defined", |doc: &mut Node, name: &str| macro_defined(doc, name));
    engine.register_fn("tags", |doc: &mut Node, key: &str| tags(doc, &[key.to_ascii_lowercase()]));
    engine.register_fn("tags", |doc: &mut Node, keys: Array| {
        tags(doc, &keys.iter().map(|k| k.to_string().to_ascii_lowercase()).collect::<Vec<_>>())
    });
    engine.register_fn("path_exists", |doc: &mut Node, path: &str| path_exists(doc, path));
    engine.register_fn("find_lines", |doc: &mut Node, pattern: &str| find_lines(doc, pattern, &rhai::Map::new()));
    engine.register_fn("find_lines", |doc: &mut Node, pattern: &str, opts: rhai::Map| find_lines(doc, pattern, &opts));
}
