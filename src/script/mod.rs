//! The Rhai host: a sandboxed engine, rule loading (metadata and docs), the read-only handles
//! through which rules see models and policy parameters, and the functions rules call.

pub mod api;
pub mod engine;
pub mod node;
pub mod rule;

pub use engine::build_engine;
pub use rule::{Example, Rule, RuleDocs, RuleMeta};
