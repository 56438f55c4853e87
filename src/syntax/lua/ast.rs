//! The Lua AST: statements and expressions with byte spans.

use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub stats: Vec<Stat>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stat {
    pub kind: StatKind,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Name {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum StatKind {
    Empty,
    Local {
        names: Vec<Name>,
        attribs: Vec<Option<String>>,
        exprs: Vec<Expr>,
    },
    Assign {
        targets: Vec<Expr>,
        exprs: Vec<Expr>,
    },
    Call {
        call: Expr,
    },
    Do {
        body: Block,
    },
    While {
        cond: Expr,
        body: Block,
    },
    Repeat {
        body: Block,
        cond: Expr,
    },
    If {
        clauses: Vec<(Option<Expr>, Block)>,
    },
    NumFor {
        var: Name,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
    },
    GenFor {
        names: Vec<Name>,
        exprs: Vec<Expr>,
        body: Block,
    },
    Function {
        name: Vec<Name>,
        method: Option<Name>,
        body: FuncBody,
    },
    LocalFunction {
        name: Name,
        body: FuncBody,
    },
    Return {
        exprs: Vec<Expr>,
    },
    Break,
    Goto {
        label: Name,
    },
    Label {
        label: Name,
    },
    /// Statements skipped after a syntax error, kept so nothing is lost.
    Opaque,
}

#[derive(Debug, Clone, Serialize)]
pub struct FuncBody {
    pub params: Vec<Name>,
    pub vararg: bool,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ExprKind {
    Nil,
    True,
    False,
    Vararg,
    Number { text: String },
    Str { value: String },
    Function { body: Box<FuncBody> },
    Table { fields: Vec<Field> },
    Binary { op: String, lhs: Box<Expr>, rhs: Box<Expr> },
    Unary { op: String, operand: Box<Expr> },
    Name { name: String },
    Index { object: Box<Expr>, key: Box<Expr> },
    Field { object: Box<Expr>, name: Name },
    Call { callee: Box<Expr>, args: Vec<Expr> },
    Method { object: Box<Expr>, name: Name, args: Vec<Expr> },
    Paren { inner: Box<Expr> },
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// `None` for positional fields; a `Str` expression for `name = value`.
    pub key: Option<Expr>,
    pub value: Expr,
    pub span: Span,
}

impl Expr {
    /// `a.b.c` → `["a", "b", "c"]` for plain names and field chains.
    pub fn dotted_name(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Name { name } => Some(name.clone()),
            ExprKind::Field { object, name } => object.dotted_name().map(|o| format!("{o}.{}", name.name)),
            _ => None,
        }
    }
}
