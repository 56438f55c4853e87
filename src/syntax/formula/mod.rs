//! Homebrew formulas: the Ruby subset the formula DSL is written in.

pub mod lexer;
pub mod parser;

pub use parser::{parse, Block, Call, Formula, Pair, Stmt, Value};
