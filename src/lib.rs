//! speclint: a policy-as-code linter for packaging files.
//!
//! Data flows one way: [`syntax`] (lossless parsers) → [`model`] (what rules see) →
//! [`script`] (Rhai rules) → [`diagnostic`] → [`report`]. [`engine`] drives a run and
//! [`cli`] is the command line.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod model;
pub mod policy;
pub mod report;
pub mod script;
pub mod span;
pub mod syntax;
pub mod testing;
pub mod util;
