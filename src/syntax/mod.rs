//! Lossless, tolerant parsers, one module per format.
//!
//! A parser never fails and never panics: it returns an AST that covers every byte of the
//! input plus the syntax errors it recovered from. The syntax layer knows nothing about the
//! model, rules or reporting.

pub mod data;
pub mod deb822;
pub mod debchangelog;
pub mod dockerfile;
pub mod formula;
pub mod ini;
pub mod invariants;
pub mod lua;
pub mod rpmspec;

use crate::span::Span;
use serde::Serialize;

/// A construct the parser could not understand; it becomes a `parse-error` diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

impl SyntaxError {
    pub fn new(span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError { span, message: message.into() }
    }
}
