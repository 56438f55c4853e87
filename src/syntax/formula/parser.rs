//! Statements and DSL calls of a Homebrew formula, from the tokens of [`super::lexer`].
//!
//! The DSL is a sequence of method calls with literal arguments (`url "…", tag: "v1"`),
//! some with `do ... end` blocks (`resource`, `bottle`, `livecheck`, `test`) and a few method
//! definitions (`def install`). Those are parsed into [`Call`]s with [`Value`] arguments; any
//! other Ruby (conditionals, assignments, method chains) becomes an [`Stmt::Other`] with its
//! span, after finding where it ends by matching brackets and `... end` blocks.

use super::lexer::{lex, Tok, Token, KEYWORDS};
use crate::span::Span;
use crate::syntax::SyntaxError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Formula {
    pub body: Vec<Stmt>,
    pub comments: Vec<Span>,
    #[serde(skip)]
    pub heredoc_bodies: Vec<Span>,
    #[serde(skip)]
    pub errors: Vec<SyntaxError>,
    #[serde(skip)]
    pub tokens: Vec<Token>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Stmt {
    Call(Call),
    Def {
        name: String,
        name_span: Span,
        body: Vec<Stmt>,
        span: Span,
    },
    Class {
        name: String,
        parent: Option<String>,
        header_span: Span,
        body: Vec<Stmt>,
        span: Span,
    },
    /// Ruby we do not model; `text` is the source of the statement.
    Other {
        text: String,
        span: Span,
    },
}

impl Stmt {
    pub fn span(&self) -> Span {
        match self {
            Stmt::Call(c) => c.span,
            Stmt::Def { span, .. } | Stmt::Class { span, .. } | Stmt::Other { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Call {
    pub name: String,
    pub name_span: Span,
    /// Positional arguments; `key: value` and `a => b` pairs are collected into one trailing
    /// [`Value::Hash`] as Ruby does.
    pub args: Vec<Value>,
    pub block: Option<Block>,
    /// The condition of a trailing `if`/`unless` modifier, as written.
    pub modifier: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Value {
    Str {
        value: String,
        interpolated: bool,
        span: Span,
    },
    Sym {
        value: String,
        span: Span,
    },
    Num {
        value: String,
        span: Span,
    },
    Bool {
        value: bool,
        span: Span,
    },
    Nil {
        span: Span,
    },
    Array {
        items: Vec<Value>,
        span: Span,
    },
    Hash {
        pairs: Vec<Pair>,
        span: Span,
    },
    /// Any other expression (`Formula["x"].opt_bin`, `version.major`), as written.
    Expr {
        text: String,
        span: Span,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub key: Value,
    pub value: Value,
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str { span, .. }
            | Value::Sym { span, .. }
            | Value::Num { span, .. }
            | Value::Bool { span, .. }
            | Value::Nil { span }
            | Value::Array { span, .. }
            | Value::Hash { span, .. }
            | Value::Expr { span, .. } => *span,
        }
    }
}

const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    i: usize,
    errors: Vec<SyntaxError>,
}

pub fn parse(src: &str) -> Formula {
    let lexed = lex(src);
    let mut p = Parser { src, toks: lexed.tokens, i: 0, errors: lexed.errors };
    let mut body = p.stmts(0);
    // A stray `end` at the top level: report it and keep going, so nothing after it is lost.
    while p.i < p.toks.len() {
        let span = p.toks[p.i].span;
        p.errors.push(SyntaxError::new(span, "`end` without a matching block"));
        p.i += 1;
        body.extend(p.stmts(0));
    }
    Formula { body, comments: lexed.comments, heredoc_bodies: lexed.heredoc_bodies, errors: p.errors, tokens: p.toks }
}

fn is_kw(t: &Tok, kw: &str) -> bool {
    matches!(t, Tok::Ident(n) if n == kw)
}

impl<'a> Parser<'a> {
    fn tok(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn tok_at(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i).map(|t| &t.tok)
    }

    fn span_at(&self, i: usize) -> Span {
        self.toks.get(i).map_or(Span::empty(self.src.len()), |t| t.span)
    }

    /// Span from token `from` to the token before the cursor.
    fn span_from(&self, from: usize) -> Span {
        let start = self.span_at(from).start as usize;
        let end = if self.i > from { self.toks[self.i - 1].span.end as usize } else { start };
        Span::new(start, end.max(start))
    }

    fn text(&self, span: Span) -> String {
        self.src.get(span.range()).unwrap_or("").to_string()
    }

    fn skip_newlines(&mut self) {
        while matches!(self.tok(), Some(Tok::Newline | Tok::Semi)) {
            self.i += 1;
        }
    }

    /// Whether a keyword at token `i` opens a block that needs an `end`: always for
    /// `def`/`class`/`module`/`begin`/`case`/`for`/`do`; for `if`/`unless`/`while`/`until`
    /// only at the start of an expression (otherwise it is a modifier: `x if y`).
    fn opens_block(&self, i: usize) -> bool {
        let Some(Tok::Ident(kw)) = self.tok_at(i) else { return false };
        if i > 0 && matches!(self.tok_at(i - 1), Some(Tok::Dot)) {
            return false;
        }
        match kw.as_str() {
            "def" | "class" | "module" | "begin" | "case" | "for" | "do" => true,
            "if" | "unless" | "while" | "until" => match i.checked_sub(1).and_then(|p| self.tok_at(p)) {
                None => true,
                Some(
                    Tok::Newline | Tok::Semi | Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::Comma | Tok::Label(_),
                ) => true,
                Some(Tok::Op(op)) => op != "::",
                Some(Tok::Ident(prev)) => {
                    matches!(prev.as_str(), "then" | "else" | "do" | "begin" | "and" | "or" | "not")
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Skip an expression: stop before a token `stop` accepts at bracket and block depth 0,
    /// before a newline at depth 0, or before an `end` that closes an outer block.
    fn skip_expr(&mut self, stop: &dyn Fn(&Tok) -> bool) {
        let mut brackets = 0usize;
        let mut blocks = 0usize;
        while let Some(t) = self.tok() {
            let top = brackets == 0 && blocks == 0;
            if top && (matches!(t, Tok::Newline | Tok::Semi) || stop(t)) {
                return;
            }
            match t {
                Tok::LParen | Tok::LBracket | Tok::LBrace => brackets += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => {
                    if brackets == 0 {
                        return;
                    }
                    brackets -= 1;
                }
                Tok::Ident(w) if w == "end" && !matches!(self.tok_at(self.i.wrapping_sub(1)), Some(Tok::Dot)) => {
                    if blocks == 0 {
                        return;
                    }
                    blocks -= 1;
                }
                _ if self.opens_block(self.i) => {
                    // `while x do`: one `end` closes both
                    let loop_do = is_kw(t, "do") && self.loop_header_before(self.i);
                    if !loop_do {
                        blocks += 1;
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
    }

    /// Whether the `do` at `i` belongs to a `while`/`until`/`for` header on the same line.
    fn loop_header_before(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 {
            j -= 1;
            match self.tok_at(j) {
                Some(Tok::Newline | Tok::Semi) | None => return false,
                Some(Tok::Ident(w)) if matches!(w.as_str(), "while" | "until" | "for") => return self.opens_block(j),
                _ => {}
            }
        }
        false
    }

    fn stmts(&mut self, depth: usize) -> Vec<Stmt> {
        let mut out = vec![];
        loop {
            self.skip_newlines();
            let Some(t) = self.tok() else { break };
            if is_kw(t, "end") || matches!(t, Tok::RBrace) {
                break;
            }
            let before = self.i;
            let stmt = self.stmt(depth);
            out.push(stmt);
            if self.i == before {
                // a token no statement starts with (`)`, `]`): keep it as text and move on
                let span = self.span_at(self.i);
                self.errors.push(SyntaxError::new(span, "unexpected token"));
                self.i += 1;
                out.push(Stmt::Other { text: self.text(span), span });
            }
        }
        out
    }

    fn stmt(&mut self, depth: usize) -> Stmt {
        let start = self.i;
        if depth > MAX_DEPTH {
            self.skip_expr(&|_| false);
            let span = self.span_from(start);
            self.errors.push(SyntaxError::new(span, "nesting too deep"));
            return Stmt::Other { text: self.text(span), span };
        }
        match self.tok().cloned() {
            Some(Tok::Ident(w)) if w == "def" => return self.def(depth),
            Some(Tok::Ident(w)) if w == "class" => return self.class(depth),
            Some(Tok::Ident(w))
                if !KEYWORDS.contains(&w.as_str()) && !w.starts_with(['@', '$']) && self.is_call_start() =>
            {
                return self.call(depth)
            }
            _ => {}
        }
        self.skip_expr(&|_| false);
        let span = self.span_from(start);
        Stmt::Other { text: self.text(span), span }
    }

    /// `name args...` rather than `name = x`, `name.method`, `name[...]`, `name + 1`.
    fn is_call_start(&self) -> bool {
        match self.tok_at(self.i + 1) {
            None | Some(Tok::Newline | Tok::Semi) => true,
            Some(Tok::Dot) => false,
            Some(Tok::LBracket) => self.toks[self.i + 1].space_before,
            Some(Tok::LParen) => true,
            Some(Tok::Op(op)) => {
                // `name -x`/`name *args` with a space before and none after are arguments
                let next = &self.toks[self.i + 1];
                matches!(op.as_str(), "-" | "*" | "**" | "&" | "!" | "::" | "->")
                    && next.space_before
                    && !self.toks.get(self.i + 2).is_some_and(|t| t.space_before)
            }
            Some(_) => true,
        }
    }

    fn call(&mut self, depth: usize) -> Stmt {
        let start = self.i;
        let Some(Tok::Ident(name)) = self.tok().cloned() else { unreachable!("call() at an identifier") };
        let name_span = self.span_at(self.i);
        self.i += 1;
        let mut args = vec![];
        match self.tok() {
            Some(Tok::LParen) if !self.toks[self.i].space_before => {
                self.i += 1;
                args = self.args(depth, &|t| matches!(t, Tok::RParen), true);
                if matches!(self.tok(), Some(Tok::RParen)) {
                    self.i += 1;
                } else {
                    self.errors.push(SyntaxError::new(self.span_from(start), "missing `)`"));
                }
            }
            Some(Tok::Newline | Tok::Semi | Tok::LBrace) | None => {}
            Some(t) if is_kw(t, "do") || is_kw(t, "end") || is_modifier(t) => {}
            Some(_) => args = self.args(depth, &|t| is_kw(t, "do") || is_modifier(t), false),
        }
        let mut block = None;
        match self.tok() {
            Some(t) if is_kw(t, "do") => {
                let bstart = self.i;
                self.i += 1;
                let params = self.block_params();
                let body = self.stmts(depth + 1);
                if matches!(self.tok(), Some(t) if is_kw(t, "end")) {
                    self.i += 1;
                } else {
                    self.errors.push(SyntaxError::new(self.span_at(bstart), "`do` without a matching `end`"));
                }
                block = Some(Block { params, body, span: self.span_from(bstart) });
            }
            Some(Tok::LBrace) => {
                let bstart = self.i;
                self.i += 1;
                let params = self.block_params();
                let body = self.stmts(depth + 1);
                if matches!(self.tok(), Some(Tok::RBrace)) {
                    self.i += 1;
                } else {
                    self.errors.push(SyntaxError::new(self.span_at(bstart), "`{` without a matching `}`"));
                }
                block = Some(Block { params, body, span: self.span_from(bstart) });
            }
            _ => {}
        }
        let mut modifier = None;
        if self.tok().is_some_and(is_modifier) {
            let mstart = self.i + 1;
            self.i += 1;
            self.skip_expr(&|_| false);
            modifier = Some(self.text(self.span_from(mstart)));
        }
        if !matches!(self.tok(), Some(Tok::Newline | Tok::Semi | Tok::RBrace) | None)
            && !self.tok().is_some_and(|t| is_kw(t, "end"))
        {
            // `name args ... .chain` or `name(x) + y`: an expression after all
            self.skip_expr(&|_| false);
            let span = self.span_from(start);
            return Stmt::Other { text: self.text(span), span };
        }
        Stmt::Call(Call { name, name_span, args, block, modifier, span: self.span_from(start) })
    }

    fn block_params(&mut self) -> Vec<String> {
        let mut params = vec![];
        if matches!(self.tok(), Some(Tok::Op(o)) if o == "|" || o == "||") {
            if matches!(self.tok(), Some(Tok::Op(o)) if o == "||") {
                self.i += 1;
                return params;
            }
            self.i += 1;
            while let Some(t) = self.tok() {
                match t {
                    Tok::Op(o) if o == "|" => {
                        self.i += 1;
                        break;
                    }
                    Tok::Newline => break,
                    Tok::Ident(n) => params.push(n.clone()),
                    _ => {}
                }
                self.i += 1;
            }
        }
        params
    }

    /// Arguments up to (not including) a token `stop` accepts, a newline not after a comma,
    /// or an `end`. Pairs go into one trailing hash.
    fn args(&mut self, depth: usize, stop: &dyn Fn(&Tok) -> bool, in_parens: bool) -> Vec<Value> {
        let mut args = vec![];
        let mut pairs: Vec<Pair> = vec![];
        let mut hash_start: Option<usize> = None;
        loop {
            if in_parens {
                self.skip_newlines();
            }
            let Some(t) = self.tok() else { break };
            if stop(t) || matches!(t, Tok::Newline | Tok::Semi) || is_kw(t, "end") {
                break;
            }
            let before = self.i;
            if let Some(Tok::Label(key)) = self.tok().cloned() {
                let kspan = self.span_at(self.i);
                hash_start.get_or_insert(kspan.start as usize);
                self.i += 1;
                self.skip_newlines_if(in_parens);
                let value = self.value(depth, stop);
                pairs.push(Pair { key: Value::Sym { value: key, span: kspan }, value });
            } else {
                let v = self.value(depth, stop);
                if matches!(self.tok(), Some(Tok::Op(o)) if o == "=>") {
                    self.i += 1;
                    self.skip_newlines_if(true);
                    hash_start.get_or_insert(v.span().start as usize);
                    let value = self.value(depth, stop);
                    pairs.push(Pair { key: v, value });
                } else {
                    args.push(v);
                }
            }
            if matches!(self.tok(), Some(Tok::Comma)) {
                self.i += 1;
                // a trailing comma continues the argument list on the next line
                self.skip_newlines();
                continue;
            }
            if self.i == before {
                break;
            }
            if !in_parens {
                break;
            }
            if !matches!(self.tok(), Some(Tok::RParen) | None) {
                // garbage between arguments: skip it as an expression
                let s = self.i;
                self.skip_expr(&|t| matches!(t, Tok::Comma | Tok::RParen));
                if self.i == s {
                    break;
                }
            }
        }
        if let Some(hs) = hash_start {
            let end = pairs.last().map_or(hs, |p| p.value.span().end as usize);
            args.push(Value::Hash { pairs, span: Span::new(hs, end) });
        }
        args
    }

    fn skip_newlines_if(&mut self, yes: bool) {
        if yes {
            self.skip_newlines();
        }
    }

    fn value(&mut self, depth: usize, stop: &dyn Fn(&Tok) -> bool) -> Value {
        let start = self.i;
        let v = self.primary(depth);
        // A literal followed by more expression (`"a" + b`, `x.y`, `a ? b : c`) is an expression.
        let continues = match self.tok() {
            Some(Tok::Dot | Tok::LBracket) => true,
            Some(Tok::Op(o)) => o != "=>" && o != "|",
            _ => false,
        };
        if v.is_some() && !continues {
            return v.unwrap_or(Value::Nil { span: Span::default() });
        }
        self.i = start;
        self.skip_expr(&|t| {
            matches!(t, Tok::Comma)
                || matches!(t, Tok::Op(o) if o == "=>")
                || stop(t)
                || is_modifier(t)
                || is_kw(t, "do")
        });
        if self.i == start && self.i < self.toks.len() {
            self.i += 1;
        }
        let span = self.span_from(start);
        Value::Expr { text: self.text(span), span }
    }

    /// A literal, array or hash; `None` for anything else (the cursor is then unspecified).
    fn primary(&mut self, depth: usize) -> Option<Value> {
        let t = self.toks.get(self.i)?.clone();
        let span = t.span;
        let v = match t.tok {
            Tok::Str { value, interpolated } => {
                self.i += 1;
                Value::Str { value, interpolated, span }
            }
            Tok::Sym(value) => {
                self.i += 1;
                Value::Sym { value, span }
            }
            Tok::Num(value) => {
                self.i += 1;
                Value::Num { value, span }
            }
            Tok::Words(items) => {
                self.i += 1;
                let items = items.into_iter().map(|value| Value::Str { value, interpolated: false, span }).collect();
                Value::Array { items, span }
            }
            Tok::Ident(w) if w == "true" || w == "false" => {
                self.i += 1;
                Value::Bool { value: w == "true", span }
            }
            Tok::Ident(w) if w == "nil" => {
                self.i += 1;
                Value::Nil { span }
            }
            Tok::LBracket if depth < MAX_DEPTH => {
                let start = self.i;
                self.i += 1;
                let mut items = vec![];
                loop {
                    self.skip_newlines();
                    match self.tok() {
                        Some(Tok::RBracket) => {
                            self.i += 1;
                            break;
                        }
                        None => return None,
                        _ => {}
                    }
                    let before = self.i;
                    items.push(self.value(depth + 1, &|t| matches!(t, Tok::RBracket)));
                    self.skip_newlines();
                    if matches!(self.tok(), Some(Tok::Comma)) {
                        self.i += 1;
                    } else if !matches!(self.tok(), Some(Tok::RBracket)) || self.i == before {
                        return None;
                    }
                }
                Value::Array { items, span: self.span_from(start) }
            }
            Tok::LBrace if depth < MAX_DEPTH => {
                let start = self.i;
                self.i += 1;
                let mut pairs = vec![];
                loop {
                    self.skip_newlines();
                    match self.tok().cloned() {
                        Some(Tok::RBrace) => {
                            self.i += 1;
                            break;
                        }
                        Some(Tok::Label(key)) => {
                            let kspan = self.span_at(self.i);
                            self.i += 1;
                            self.skip_newlines();
                            let value = self.value(depth + 1, &|t| matches!(t, Tok::RBrace));
                            pairs.push(Pair { key: Value::Sym { value: key, span: kspan }, value });
                        }
                        Some(_) => {
                            let key = self.value(depth + 1, &|t| matches!(t, Tok::RBrace));
                            if !matches!(self.tok(), Some(Tok::Op(o)) if o == "=>") {
                                return None;
                            }
                            self.i += 1;
                            self.skip_newlines();
                            let value = self.value(depth + 1, &|t| matches!(t, Tok::RBrace));
                            pairs.push(Pair { key, value });
                        }
                        None => return None,
                    }
                    self.skip_newlines();
                    if matches!(self.tok(), Some(Tok::Comma)) {
                        self.i += 1;
                    } else if !matches!(self.tok(), Some(Tok::RBrace)) {
                        return None;
                    }
                }
                Value::Hash { pairs, span: self.span_from(start) }
            }
            _ => return None,
        };
        Some(v)
    }

    fn def(&mut self, depth: usize) -> Stmt {
        let start = self.i;
        self.i += 1;
        let name_start = self.i;
        // `def self.x`, `def install`, `def ==(other)`
        while let Some(t) = self.tok() {
            if matches!(t, Tok::Newline | Tok::Semi | Tok::LParen)
                || (self.i > name_start && self.toks[self.i].space_before)
            {
                break;
            }
            self.i += 1;
        }
        let name_span = self.span_from(name_start);
        let name = self.text(name_span);
        // parameters, with or without parentheses, up to the end of the line
        self.skip_expr(&|_| false);
        if matches!(self.tok(), Some(Tok::Op(o)) if o == "=") {
            self.skip_expr(&|_| false);
        }
        let body = self.stmts(depth + 1);
        if matches!(self.tok(), Some(t) if is_kw(t, "end")) {
            self.i += 1;
        } else {
            self.errors.push(SyntaxError::new(self.span_at(start), format!("`def {name}` without a matching `end`")));
        }
        Stmt::Def { name, name_span, body, span: self.span_from(start) }
    }

    fn class(&mut self, depth: usize) -> Stmt {
        let start = self.i;
        self.i += 1;
        let mut name = String::new();
        let mut parent = None;
        let mut seen_lt = false;
        while let Some(t) = self.tok() {
            match t {
                Tok::Newline | Tok::Semi => break,
                Tok::Op(o) if o == "<" => seen_lt = true,
                Tok::Op(o) if o == "<<" => name.push_str("<<"),
                _ => {
                    let text = self.text(self.span_at(self.i));
                    if seen_lt {
                        parent.get_or_insert_with(String::new).push_str(&text);
                    } else {
                        name.push_str(&text);
                    }
                }
            }
            self.i += 1;
        }
        let header_span = self.span_from(start);
        let body = self.stmts(depth + 1);
        if matches!(self.tok(), Some(t) if is_kw(t, "end")) {
            self.i += 1;
        } else {
            self.errors.push(SyntaxError::new(header_span, format!("`class {name}` without a matching `end`")));
        }
        Stmt::Class { name, parent, header_span, body, span: self.span_from(start) }
    }
}

fn is_modifier(t: &Tok) -> bool {
    matches!(t, Tok::Ident(w) if matches!(w.as_str(), "if" | "unless" | "while" | "until" | "rescue"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMULA: &str = r##"# typed: false
require "language/node"

class Hello < Formula
  include Language::Python::Virtualenv

  desc "Program providing model for GNU coding standards and practices"
  homepage "https://www.gnu.org/software/hello/"
  url "https://ftp.gnu.org/gnu/hello/hello-2.12.1.tar.gz",
      using: :homebrew_curl
  mirror "https://ftpmirror.gnu.org/hello/hello-2.12.1.tar.gz"
  sha256 "8d99142afd92576f30b0cd7cb42a8dc6809998bc5d607d88761f512e26c7db20"
  license any_of: ["GPL-3.0-or-later", :public_domain]
  head "https://git.savannah.gnu.org/git/hello.git", branch: "master"

  livecheck do
    url :stable
    regex(/href=.*?hello[._-]v?(\d+(?:\.\d+)+)\.t/i)
  end

  depends_on "pkg-config" => :build
  depends_on "python@3.12" => [:build, :test]
  depends_on xcode: ["9.3", :build]
  uses_from_macos "zlib"

  on_linux do
    depends_on "gettext"
  end

  resource "six" do
    url "https://files.pythonhosted.org/six-1.16.0.tar.gz"
    sha256 "1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926"
  end

  def install
    ENV.deparallelize if OS.mac?
    args = %W[--prefix=#{prefix}]
    system "./configure", *args, *std_configure_args
    system "make", "install"
    if build.head?
      bin.install "x"
    end
  end

  def caveats
    <<~EOS
      Run #{opt_bin}/hello.
    EOS
  end

  test do
    assert_equal "Hello, world!\n", shell_output("#{bin}/hello")
  end
end
"##;

    fn class_body(f: &Formula) -> &[Stmt] {
        f.body.iter().find_map(|s| if let Stmt::Class { body, .. } = s { Some(body.as_slice()) } else { None }).unwrap()
    }

    #[test]
    fn formula_structure() {
        let f = parse(FORMULA);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let Stmt::Class { name, parent, .. } = &f.body[1] else { panic!("{:?}", f.body[1]) };
        assert_eq!((name.as_str(), parent.as_deref()), ("Hello", Some("Formula")));
        let names: Vec<String> = class_body(&f)
            .iter()
            .map(|s| match s {
                Stmt::Call(c) => c.name.clone(),
                Stmt::Def { name, .. } => format!("def {name}"),
                Stmt::Other { text, .. } => format!("other {text}"),
                Stmt::Class { .. } => "class".into(),
            })
            .collect();
        assert_eq!(
            names,
            [
                "include",
                "desc",
                "homepage",
                "url",
                "mirror",
                "sha256",
                "license",
                "head",
                "livecheck",
                "depends_on",
                "depends_on",
                "depends_on",
                "uses_from_macos",
                "on_linux",
                "resource",
                "def install",
                "def caveats",
                "test"
            ]
        );
    }

    #[test]
    fn arguments() {
        let f = parse(FORMULA);
        let body = class_body(&f);
        let Stmt::Call(url) = &body[3] else { panic!() };
        let Value::Str { value, .. } = &url.args[0] else { panic!() };
        assert_eq!(value, "https://ftp.gnu.org/gnu/hello/hello-2.12.1.tar.gz");
        let Value::Hash { pairs, .. } = &url.args[1] else { panic!("{:?}", url.args) };
        assert!(matches!(&pairs[0].value, Value::Sym { value, .. } if value == "homebrew_curl"));
        let Stmt::Call(dep) = &body[10] else { panic!() };
        let Value::Hash { pairs, .. } = &dep.args[0] else { panic!("{:?}", dep.args) };
        assert!(matches!(&pairs[0].key, Value::Str { value, .. } if value == "python@3.12"));
        assert!(matches!(&pairs[0].value, Value::Array { items, .. } if items.len() == 2));
        let Stmt::Call(resource) = &body[14] else { panic!() };
        assert_eq!(resource.block.as_ref().unwrap().body.len(), 2);
    }

    #[test]
    fn tolerant() {
        for src in ["class X < Formula\n  def install\n", "end\nend\n", "x = (1,\n", "foo do |a|\n", "a ? b : c\n"] {
            let f = parse(src);
            let _ = f.body.len();
        }
        let f = parse("end\nclass A < Formula\n  desc \"x\"\nend\n");
        assert_eq!(f.errors.len(), 1);
        assert!(matches!(f.body[0], Stmt::Class { .. }));
    }
}
