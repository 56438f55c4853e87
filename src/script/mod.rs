//! The Rhai host: a sandboxed engine, rule loading (metadata and docs), the value conversion
//! of models, and the functions rules call to report findings.

pub mod api;
pub mod convert;
pub mod engine;
pub mod node;
pub mod rule;

pub use engine::build_engine;
pub use rule::{Example, Rule, RuleDocs, RuleMeta};
