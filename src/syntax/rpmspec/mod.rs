//! RPM `.spec` files: a lossless, tolerant, line-based parser with nom for the pieces.

pub mod ast;
mod parser;

pub use ast::*;
pub use parser::{logical_lines, parse};
