//! The model as Rhai sees it: a read-only handle into a shared JSON tree.
//!
//! Converting a whole model into Rhai maps costs an allocation per node per file, most of which
//! no rule ever reads. A [`Node`] is instead a pointer-sized handle (shared root + path): a
//! property access resolves one step and converts only what was asked for. Scalars become Rhai
//! values, objects become `Node`s, arrays become Rhai arrays (so `len`, `filter`, `for` work).
//! There are no setters: rules cannot change what the next rule sees.

use rhai::{Array, Dynamic, Engine, ImmutableString};
use serde_json::Value;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(ImmutableString),
    Idx(usize),
}

#[derive(Debug, Clone)]
pub struct Node {
    root: Arc<Value>,
    path: Arc<[Seg]>,
}

impl Node {
    pub fn new(root: Arc<Value>) -> Node {
        Node {
            root,
            path: Arc::from(Vec::new()),
        }
    }

    /// The JSON value this handle points at (`Null` if the path no longer resolves).
    pub fn value(&self) -> &Value {
        let mut v: &Value = &self.root;
        for s in self.path.iter() {
            let next = match (s, v) {
                (Seg::Key(k), Value::Object(o)) => o.get(k.as_str()),
                (Seg::Idx(i), Value::Array(a)) => a.get(*i),
                _ => None,
            };
            match next {
                Some(n) => v = n,
                None => return &Value::Null,
            }
        }
        v
    }

    fn child(&self, seg: Seg) -> Node {
        let mut p: Vec<Seg> = self.path.to_vec();
        p.push(seg);
        Node {
            root: self.root.clone(),
            path: Arc::from(p),
        }
    }

    /// Convert the child at `seg` (whose value is `v`) into a Rhai value.
    fn wrap(&self, seg: Seg, v: &Value) -> Dynamic {
        match v {
            Value::Null => Dynamic::UNIT,
            Value::Bool(b) => Dynamic::from_bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Dynamic::from_int(i),
                None => Dynamic::from_float(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => Dynamic::from(ImmutableString::from(s.as_str())),
            Value::Object(_) => Dynamic::from(self.child(seg)),
            Value::Array(items) => {
                let me = self.child(seg);
                let arr: Array = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| me.wrap(Seg::Idx(i), item))
                    .collect();
                Dynamic::from_array(arr)
            }
        }
    }

    pub fn get(&self, key: &str) -> Dynamic {
        match self.value() {
            Value::Object(o) => match o.get(key) {
                Some(v) => self.wrap(Seg::Key(key.into()), v),
                None => Dynamic::UNIT,
            },
            _ => Dynamic::UNIT,
        }
    }

    /// The document itself as a Rhai value (a `Node` for objects).
    pub fn into_dynamic(self) -> Dynamic {
        match self.value() {
            Value::Object(_) => Dynamic::from(self),
            other => {
                let other = other.clone();
                Node::new(Arc::new(Value::Array(vec![other]))).wrap_index0()
            }
        }
    }

    fn wrap_index0(&self) -> Dynamic {
        match self.value() {
            Value::Array(a) => match a.first() {
                Some(v) => self.wrap(Seg::Idx(0), v),
                None => Dynamic::UNIT,
            },
            _ => Dynamic::UNIT,
        }
    }
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Node>("Node");
    // Property access (`doc.packages`) falls back to this string indexer.
    engine.register_indexer_get(|n: &mut Node, key: &str| -> Dynamic { n.get(key) });
    engine.register_fn("keys", |n: &mut Node| -> Array {
        match n.value() {
            Value::Object(o) => o.keys().map(|k| Dynamic::from(k.clone())).collect(),
            _ => Array::new(),
        }
    });
    engine.register_fn("contains", |n: &mut Node, key: &str| -> bool {
        matches!(n.value(), Value::Object(o) if o.contains_key(key))
    });
    engine.register_fn("len", |n: &mut Node| -> i64 {
        match n.value() {
            Value::Object(o) => o.len() as i64,
            _ => 0,
        }
    });
    engine.register_fn("to_json", |n: &mut Node| -> String {
        n.value().to_string()
    });
    engine.register_fn("to_string", |n: &mut Node| -> String {
        n.value().to_string()
    });
    engine.register_fn("to_debug", |n: &mut Node| -> String {
        n.value().to_string()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_nested_values_through_nodes() {
        let mut engine = crate::script::build_engine();
        engine.set_strict_variables(false);
        let v = serde_json::json!({"packages": [{"name": "a", "span": {"start": 1, "end": 2}}], "n": 3});
        let doc = Node::new(Arc::new(v)).into_dynamic();
        let mut scope = rhai::Scope::new();
        scope.push("doc", doc);
        let r: String = engine
            .eval_with_scope(
                &mut scope,
                r#"doc.packages[0].name + doc.packages.len() + doc.n + doc.missing"#,
            )
            .unwrap();
        assert_eq!(r, "a13");
        let r: bool = engine
            .eval_with_scope(
                &mut scope,
                r#"doc.packages[0].span.start == 1 && "n" in doc"#,
            )
            .unwrap_or(false);
        assert!(r);
    }

    #[test]
    fn nodes_are_read_only() {
        let mut engine = crate::script::build_engine();
        engine.set_strict_variables(false);
        let doc =
            Node::new(Arc::new(serde_json::json!({"packages": [{"name": "a"}]}))).into_dynamic();
        let mut scope = rhai::Scope::new();
        scope.push("doc", doc);
        assert!(
            engine
                .eval_with_scope::<()>(&mut scope, r#"doc.packages[0].name = "x""#)
                .is_err()
                || {
                    engine
                        .eval_with_scope::<String>(&mut scope, "doc.packages[0].name")
                        .unwrap()
                        == "a"
                }
        );
    }
}
