//! Lua 5.4 (Lmod modulefiles): a lexer and a recursive-descent parser with spans.

pub mod ast;
pub mod lexer;
mod parser;

pub use parser::{parse, Chunk};
