//! Model → Rhai values, once per file.
//!
//! Every map and array is made a *shared*, read-only value, so handing the document to many
//! rules (and all documents to tree rules) copies pointers, not trees; a rule that tries to
//! assign into the model gets a runtime error instead of changing what the next rule sees.

use rhai::{Array, Dynamic, Map};
use serde_json::Value;

pub fn to_dynamic(v: &Value) -> Dynamic {
    match v {
        Value::Null => Dynamic::UNIT,
        Value::Bool(b) => Dynamic::from_bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Dynamic::from_int(i),
            None => Dynamic::from_float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Dynamic::from(s.clone()),
        Value::Array(a) => {
            let arr: Array = a.iter().map(to_dynamic).collect();
            freeze(Dynamic::from_array(arr))
        }
        Value::Object(o) => {
            let mut m = Map::new();
            for (k, v) in o {
                m.insert(k.as_str().into(), to_dynamic(v));
            }
            freeze(Dynamic::from_map(m))
        }
    }
}

fn freeze(d: Dynamic) -> Dynamic {
    d.into_read_only().into_shared()
}

/// Rhai value → JSON, for parameters and tests.
pub fn from_dynamic(d: &Dynamic) -> Value {
    let d = d.flatten_clone();
    if d.is_unit() {
        Value::Null
    } else if let Ok(b) = d.as_bool() {
        Value::Bool(b)
    } else if let Ok(i) = d.as_int() {
        Value::from(i)
    } else if let Ok(f) = d.as_float() {
        Value::from(f)
    } else if d.is_string() {
        Value::String(d.into_string().unwrap_or_default())
    } else if d.is_array() {
        Value::Array(d.into_array().unwrap_or_default().iter().map(from_dynamic).collect())
    } else if d.is_map() {
        let m = d.cast::<Map>();
        Value::Object(m.iter().map(|(k, v)| (k.to_string(), from_dynamic(v))).collect())
    } else {
        Value::String(d.to_string())
    }
}
