//! The model as an immutable tree that is cheap to build and to share.
//!
//! Models are serialised once per file into a [`Tree`] by a small serde `Serializer`: object
//! keys are the structs' `&'static str` field names (no hashing, no key allocation), objects
//! and arrays sit behind `Arc`, so handing a subtree to a rule is a pointer copy. `speclint
//! dump` serialises the same tree back to JSON, in field order.

use rhai::ImmutableString;
use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

pub type Key = Cow<'static, str>;

#[derive(Debug, Clone, Default)]
pub enum Tree {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(ImmutableString),
    Arr(Arc<[Tree]>),
    Obj(Arc<[(Key, Tree)]>),
    /// A byte range, held inline: most objects of a model are spans, and as objects each
    /// would be an allocation of its own. Serialises as `{"start": .., "end": ..}`.
    Span(crate::span::Span),
}

static NULL: Tree = Tree::Null;

impl Tree {
    /// Build a tree from any serialisable value.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Tree {
        value.serialize(TreeSerializer).unwrap_or(Tree::Null)
    }

    /// The field `key` of an object (`Null` when absent or not an object).
    pub fn get(&self, key: &str) -> &Tree {
        match self {
            Tree::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    pub fn at(&self, i: usize) -> &Tree {
        match self {
            Tree::Arr(items) => items.get(i).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Tree::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Tree::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Tree]> {
        match self {
            Tree::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Tree::Null)
    }

    /// This object with `key` set to `value` (added at the end, or replaced).
    pub fn with_field(&self, key: &'static str, value: Tree) -> Tree {
        match self {
            Tree::Obj(fields) => {
                let mut v: Vec<(Key, Tree)> = fields.iter().filter(|(k, _)| k != key).cloned().collect();
                v.push((Cow::Borrowed(key), value));
                Tree::Obj(Arc::from(v))
            }
            other => other.clone(),
        }
    }

    /// The span this value holds: a [`Tree::Span`], or an object with integer `start`/`end`.
    pub fn as_span(&self) -> Option<crate::span::Span> {
        match self {
            Tree::Span(s) => Some(*s),
            _ => match (self.get("start").as_i64(), self.get("end").as_i64()) {
                (Some(s), Some(e)) if s >= 0 && e >= s => Some(crate::span::Span::new(s as usize, e as usize)),
                _ => None,
            },
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl Serialize for Tree {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self {
            Tree::Null => s.serialize_unit(),
            Tree::Bool(b) => s.serialize_bool(*b),
            Tree::Int(i) => s.serialize_i64(*i),
            Tree::Float(f) => s.serialize_f64(*f),
            Tree::Str(v) => s.serialize_str(v),
            Tree::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items.iter() {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Tree::Obj(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields.iter() {
                    map.serialize_entry(k.as_ref(), v)?;
                }
                map.end()
            }
            Tree::Span(span) => span.serialize(s),
        }
    }
}

#[derive(Debug)]
pub struct TreeError(String);

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TreeError {}

impl ser::Error for TreeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        TreeError(msg.to_string())
    }
}

struct TreeSerializer;

pub struct SeqBuilder(Vec<Tree>);
pub struct ObjBuilder {
    fields: Vec<(Key, Tree)>,
    pending_key: Option<Key>,
    /// Building a [`crate::span::Span`]: it becomes a [`Tree::Span`].
    span: bool,
}
pub struct VariantBuilder<T> {
    name: &'static str,
    inner: T,
}

fn int<T: TryInto<i64>>(v: T) -> Tree {
    v.try_into().map(Tree::Int).unwrap_or(Tree::Null)
}

impl ser::Serializer for TreeSerializer {
    type Ok = Tree;
    type Error = TreeError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = ObjBuilder;
    type SerializeStruct = ObjBuilder;
    type SerializeStructVariant = VariantBuilder<ObjBuilder>;

    fn serialize_bool(self, v: bool) -> Result<Tree, TreeError> {
        Ok(Tree::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Tree, TreeError> {
        Ok(Tree::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Tree, TreeError> {
        Ok(int(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Tree, TreeError> {
        Ok(Tree::Float(v as f64))
    }
    fn serialize_f64(self, v: f64) -> Result<Tree, TreeError> {
        Ok(Tree::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Tree, TreeError> {
        Ok(Tree::Str(v.to_string().into()))
    }
    fn serialize_str(self, v: &str) -> Result<Tree, TreeError> {
        Ok(Tree::Str(v.into()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Tree, TreeError> {
        Ok(Tree::Arr(v.iter().map(|b| Tree::Int(*b as i64)).collect()))
    }
    fn serialize_none(self) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree, TreeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Tree, TreeError> {
        Ok(Tree::Str(variant.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Tree, TreeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree, TreeError> {
        let inner = value.serialize(TreeSerializer)?;
        Ok(Tree::Obj(Arc::from(vec![(Cow::Borrowed(variant), inner)])))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<SeqBuilder>, TreeError> {
        Ok(VariantBuilder { name: variant, inner: SeqBuilder(Vec::with_capacity(len)) })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<ObjBuilder, TreeError> {
        Ok(ObjBuilder { fields: Vec::with_capacity(len.unwrap_or(0)), pending_key: None, span: false })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<ObjBuilder, TreeError> {
        Ok(ObjBuilder { fields: Vec::with_capacity(len), pending_key: None, span: name == "Span" && len == 2 })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<ObjBuilder>, TreeError> {
        Ok(VariantBuilder {
            name: variant,
            inner: ObjBuilder { fields: Vec::with_capacity(len), pending_key: None, span: false },
        })
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.0.push(value.serialize(TreeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Arr(Arc::from(self.0)))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Tree, TreeError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Tree, TreeError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Tree, TreeError> {
        let inner = ser::SerializeSeq::end(self.inner)?;
        Ok(Tree::Obj(Arc::from(vec![(Cow::Borrowed(self.name), inner)])))
    }
}

impl ser::SerializeMap for ObjBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        let k = match key.serialize(TreeSerializer)? {
            Tree::Str(s) => s.to_string(),
            other => serde_json::to_string(&other).unwrap_or_default(),
        };
        self.pending_key = Some(Cow::Owned(k));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        let k = self.pending_key.take().unwrap_or(Cow::Borrowed(""));
        self.fields.push((k, value.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Obj(Arc::from(self.fields)))
    }
}

impl ser::SerializeStruct for ObjBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TreeError> {
        self.fields.push((Cow::Borrowed(key), value.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, TreeError> {
        if self.span {
            if let [(k1, Tree::Int(s)), (k2, Tree::Int(e))] = &self.fields[..] {
                if k1 == "start" && k2 == "end" && 0 <= *s && s <= e {
                    return Ok(Tree::Span(crate::span::Span::new(*s as usize, *e as usize)));
                }
            }
        }
        Ok(Tree::Obj(Arc::from(self.fields)))
    }
}

impl ser::SerializeStructVariant for VariantBuilder<ObjBuilder> {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TreeError> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Tree, TreeError> {
        let inner = ser::SerializeStruct::end(self.inner)?;
        Ok(Tree::Obj(Arc::from(vec![(Cow::Borrowed(self.name), inner)])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct S {
        name: String,
        n: Option<u32>,
        items: Vec<(u8, bool)>,
        kind: K,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    enum K {
        RpmSpec,
    }

    #[test]
    fn round_trips_to_json_in_field_order() {
        let t = Tree::from_serialize(&S { name: "a".into(), n: None, items: vec![(1, true)], kind: K::RpmSpec });
        assert_eq!(t.get("name").as_str(), Some("a"));
        assert!(t.get("n").is_null());
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"name":"a","n":null,"items":[[1,true]],"kind":"rpm-spec"}"#);
    }
}
