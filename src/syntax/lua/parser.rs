//! A recursive-descent Lua 5.4 parser following `lparser.c`: the same grammar, operator
//! priorities and compile-time checks luac makes (break outside a loop, goto without a visible
//! label, unknown attributes, assignment to a const variable). Lua stops at the first error;
//! we record that one, skip to the next line that can start a statement, and go on, so the
//! rest of the file is still modelled.

use super::ast::*;
use super::lexer::{lex, Tok, Token};
use crate::span::Span;
use crate::syntax::SyntaxError;

pub struct Chunk {
    pub block: Block,
    pub comments: Vec<Span>,
    /// The first error, as luac would report it (later ones would be cascades).
    pub errors: Vec<SyntaxError>,
}

const MAX_DEPTH: usize = 200;

struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    pos: usize,
    error: Option<SyntaxError>,
    depth: usize,
    /// Loop nesting per function, for `break`.
    loops: Vec<usize>,
    /// Visible locals with whether they are `<const>`/`<close>`, per function.
    scopes: Vec<Vec<(String, bool)>>,
    /// Labels and gotos per block, for goto resolution: (labels, pending gotos).
    blocks: Vec<(Vec<String>, Vec<Name>)>,
}

type PResult<T> = Result<T, SyntaxError>;

pub fn parse(src: &str) -> Chunk {
    let lexed = lex(src);
    let mut p = Parser {
        src,
        toks: lexed.tokens,
        pos: 0,
        error: lexed.error.clone(),
        depth: 0,
        loops: vec![0],
        scopes: vec![vec![]],
        blocks: vec![],
    };
    let mut stats = Vec::new();
    p.blocks.push((vec![], vec![]));
    while !p.at_eof() {
        let start = p.pos;
        if p.is_kw("return") {
            match p.ret() {
                Ok(s) => stats.push(s),
                Err(e) => {
                    p.record(e);
                    p.recover(start, &mut stats);
                }
            }
            continue;
        }
        match p.statement() {
            Ok(Some(s)) => stats.push(s),
            Ok(None) => {
                // a block terminator at top level: `end`, `else`... out of place
                let t = p.peek().clone();
                let e = SyntaxError::new(t.span, format!("'<eof>' expected near '{}'", p.text(t.span)));
                p.record(e);
                p.recover(start, &mut stats);
            }
            Err(e) => {
                p.record(e);
                p.recover(start, &mut stats);
            }
        }
    }
    if let Err(e) = p.close_block() {
        p.record(e);
    }
    let span = Span::new(0, src.len());
    Chunk { block: Block { stats, span }, comments: lexed.comments, errors: p.error.into_iter().collect() }
}

fn binary_priority(op: &str) -> Option<(u8, u8)> {
    Some(match op {
        "or" => (1, 1),
        "and" => (2, 2),
        "<" | ">" | "<=" | ">=" | "~=" | "==" => (3, 3),
        "|" => (4, 4),
        "~" => (5, 5),
        "&" => (6, 6),
        "<<" | ">>" => (7, 7),
        ".." => (9, 8),
        "+" | "-" => (10, 10),
        "*" | "/" | "//" | "%" => (11, 11),
        "^" => (14, 13),
        _ => return None,
    })
}

const UNARY_PRIORITY: u8 = 12;

impl<'s> Parser<'s> {
    fn text(&self, span: Span) -> &'s str {
        let t = self.src.get(span.range()).unwrap_or("");
        if t.is_empty() {
            "<eof>"
        } else {
            t
        }
    }

    fn record(&mut self, e: SyntaxError) {
        if self.error.as_ref().is_none_or(|old| e.span.start < old.span.start) {
            self.error = Some(e);
        }
    }

    /// Skip to the next token that starts a line and can start a statement.
    fn recover(&mut self, start: usize, stats: &mut Vec<Stat>) {
        let from = self.toks.get(start).map(|t| t.span.start as usize).unwrap_or(self.src.len());
        if self.pos <= start {
            self.pos = start + 1;
        }
        while !self.at_eof() {
            let t = self.peek();
            let starts = t.line_start
                && matches!(
                    &t.tok,
                    Tok::Name(_)
                        | Tok::Kw("local" | "function" | "if" | "for" | "while" | "do" | "repeat" | "return" | "goto")
                        | Tok::Op("::")
                );
            if starts {
                break;
            }
            self.pos += 1;
        }
        let to = self.peek().span.start as usize;
        stats.push(Stat { kind: StatKind::Opaque, span: Span::new(from, to.max(from)) });
        // Lost context: reset scopes so later statements are checked on their own.
        self.loops = vec![0];
        self.scopes.truncate(1);
        self.blocks.truncate(1);
        self.depth = 0;
    }

    fn peek(&self) -> &Token {
        self.toks.get(self.pos).or_else(|| self.toks.last()).expect("lexer always emits Eof")
    }

    fn peek_at(&self, n: usize) -> &Tok {
        self.toks.get(self.pos + n).map(|t| &t.tok).unwrap_or(&Tok::Eof)
    }

    fn at_eof(&self) -> bool {
        matches!(self.peek().tok, Tok::Eof)
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if !matches!(t.tok, Tok::Eof) {
            self.pos += 1;
        }
        t
    }

    fn prev_end(&self) -> usize {
        self.pos.checked_sub(1).and_then(|p| self.toks.get(p)).map(|t| t.span.end as usize).unwrap_or(0)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(&self.peek().tok, Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.peek().tok, Tok::Kw(k) if *k == kw)
    }

    fn error_near(&self, msg: &str) -> SyntaxError {
        let t = self.peek();
        SyntaxError::new(t.span, format!("{msg} near '{}'", self.text(t.span)))
    }

    fn expect_op(&mut self, op: &str) -> PResult<Token> {
        if self.is_op(op) {
            Ok(self.next())
        } else {
            Err(self.error_near(&format!("'{op}' expected")))
        }
    }

    fn expect_kw(&mut self, kw: &str, what: &str, opened: Option<Span>) -> PResult<Token> {
        if self.is_kw(kw) {
            return Ok(self.next());
        }
        let _ = what;
        match opened {
            Some(o) if self.line_of(o.start as usize) != self.line_of(self.peek().span.start as usize) => {
                let line = self.line_of(o.start as usize);
                Err(self.error_near(&format!("'{kw}' expected (to close '{}' at line {line})", self.text(o))))
            }
            _ => Err(self.error_near(&format!("'{kw}' expected"))),
        }
    }

    fn line_of(&self, off: usize) -> usize {
        self.src.get(..off.min(self.src.len())).map(|s| s.matches('\n').count() + 1).unwrap_or(1)
    }

    fn name(&mut self) -> PResult<Name> {
        match &self.peek().tok {
            Tok::Name(n) => {
                let n = n.clone();
                let t = self.next();
                Ok(Name { name: n, span: t.span })
            }
            _ => Err(self.error_near("<name> expected")),
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_near("chunk has too many syntax levels"));
        }
        Ok(())
    }

    fn block_follow(&self, with_until: bool) -> bool {
        match &self.peek().tok {
            Tok::Eof => true,
            Tok::Kw("else" | "elseif" | "end") => true,
            Tok::Kw("until") => with_until,
            _ => false,
        }
    }

    fn open_block(&mut self) {
        self.blocks.push((vec![], vec![]));
        if let Some(s) = self.scopes.last_mut() {
            s.push(("\u{0}block".into(), false));
        }
    }

    /// Close a block: unresolved gotos move out to the enclosing block (or are errors at the
    /// function level).
    fn close_block(&mut self) -> PResult<()> {
        if let Some(s) = self.scopes.last_mut() {
            while let Some((n, _)) = s.pop() {
                if n == "\u{0}block" {
                    break;
                }
            }
        }
        let Some((_, pending)) = self.blocks.pop() else {
            return Ok(());
        };
        match self.blocks.last_mut() {
            Some((labels, outer)) => {
                for g in pending {
                    if !labels.contains(&g.name) {
                        outer.push(g);
                    }
                }
                Ok(())
            }
            None => match pending.into_iter().next() {
                Some(g) => {
                    let line = self.line_of(g.span.start as usize);
                    Err(SyntaxError::new(g.span, format!("no visible label '{}' for goto at line {line}", g.name)))
                }
                None => Ok(()),
            },
        }
    }

    fn block(&mut self, with_until: bool) -> PResult<Block> {
        let start = self.peek().span.start as usize;
        self.open_block();
        let mut stats = Vec::new();
        while !self.block_follow(with_until) {
            if self.is_kw("return") {
                stats.push(self.ret()?);
                break;
            }
            match self.statement()? {
                Some(s) => stats.push(s),
                None => break,
            }
        }
        // `repeat ... until cond` sees the block's locals in cond; closed by the caller.
        if !with_until {
            self.close_block()?;
        }
        let end = self.prev_end().max(start);
        Ok(Block { stats, span: Span::new(start, end) })
    }

    fn ret(&mut self) -> PResult<Stat> {
        let t = self.next();
        let mut exprs = Vec::new();
        if !self.block_follow(true) && !self.is_op(";") {
            exprs = self.exprlist()?;
        }
        if self.is_op(";") {
            self.next();
        }
        if !self.block_follow(true) {
            return Err(self.error_near("'<eof>' expected"));
        }
        Ok(Stat { kind: StatKind::Return { exprs }, span: Span::new(t.span.start as usize, self.prev_end()) })
    }

    fn declare(&mut self, name: &str, constant: bool) {
        if let Some(s) = self.scopes.last_mut() {
            s.push((name.to_string(), constant));
        }
    }

    fn is_const(&self, name: &str) -> bool {
        self.scopes.last().and_then(|s| s.iter().rev().find(|(n, _)| n == name)).is_some_and(|(_, c)| *c)
    }

    /// One statement; `Ok(None)` at a block terminator.
    fn statement(&mut self) -> PResult<Option<Stat>> {
        self.enter()?;
        let r = self.statement_inner();
        self.depth -= 1;
        r
    }

    fn statement_inner(&mut self) -> PResult<Option<Stat>> {
        let start_tok = self.peek().clone();
        let start = start_tok.span.start as usize;
        let kind = match &start_tok.tok {
            Tok::Op(";") => {
                self.next();
                StatKind::Empty
            }
            Tok::Kw("if") => self.if_stat()?,
            Tok::Kw("while") => {
                self.next();
                let cond = self.expr()?;
                self.expect_kw("do", "while", None)?;
                let body = self.loop_body()?;
                self.expect_kw("end", "while", Some(start_tok.span))?;
                StatKind::While { cond, body }
            }
            Tok::Kw("do") => {
                self.next();
                let body = self.block(false)?;
                self.expect_kw("end", "do", Some(start_tok.span))?;
                StatKind::Do { body }
            }
            Tok::Kw("for") => self.for_stat(start_tok.span)?,
            Tok::Kw("repeat") => {
                self.next();
                if let Some(l) = self.loops.last_mut() {
                    *l += 1;
                }
                let body = self.block(true)?;
                if let Some(l) = self.loops.last_mut() {
                    *l -= 1;
                }
                self.expect_kw("until", "repeat", Some(start_tok.span))?;
                let cond = self.expr()?;
                self.close_block()?;
                StatKind::Repeat { body, cond }
            }
            Tok::Kw("function") => {
                self.next();
                let mut name = vec![self.name()?];
                while self.is_op(".") {
                    self.next();
                    name.push(self.name()?);
                }
                let method = if self.is_op(":") {
                    self.next();
                    Some(self.name()?)
                } else {
                    None
                };
                let body = self.funcbody(method.is_some(), start_tok.span)?;
                StatKind::Function { name, method, body }
            }
            Tok::Kw("local") => {
                self.next();
                if self.is_kw("function") {
                    self.next();
                    let name = self.name()?;
                    self.declare(&name.name, false);
                    let body = self.funcbody(false, start_tok.span)?;
                    StatKind::LocalFunction { name, body }
                } else {
                    self.local_stat()?
                }
            }
            Tok::Op("::") => {
                self.next();
                let label = self.name()?;
                self.expect_op("::")?;
                if let Some((labels, _)) = self.blocks.last_mut() {
                    if labels.contains(&label.name) {
                        let line =
                            self.src.get(..label.span.start as usize).map(|s| s.matches('\n').count() + 1).unwrap_or(1);
                        return Err(SyntaxError::new(
                            label.span,
                            format!("label '{}' already defined on line {line}", label.name),
                        ));
                    }
                    labels.push(label.name.clone());
                    // gotos earlier in this block that jump forward to it are resolved
                    let name = label.name.clone();
                    if let Some((_, pending)) = self.blocks.last_mut() {
                        pending.retain(|g| g.name != name);
                    }
                }
                StatKind::Label { label }
            }
            Tok::Kw("return") => return Err(self.error_near("'<eof>' expected")),
            Tok::Kw("break") => {
                let t = self.next();
                if self.loops.last().copied().unwrap_or(0) == 0 {
                    let line = self.line_of(t.span.start as usize);
                    return Err(SyntaxError::new(
                        t.span,
                        format!("break outside a loop at line {line} near '{}'", self.text(self.peek().span)),
                    ));
                }
                StatKind::Break
            }
            Tok::Kw("goto") => {
                self.next();
                let label = self.name()?;
                let visible = self.blocks.iter().any(|(labels, _)| labels.contains(&label.name));
                if !visible {
                    if let Some((_, pending)) = self.blocks.last_mut() {
                        pending.push(label.clone());
                    }
                }
                StatKind::Goto { label }
            }
            Tok::Kw("else" | "elseif" | "end" | "until") | Tok::Eof => return Ok(None),
            _ => self.expr_stat()?,
        };
        Ok(Some(Stat { kind, span: Span::new(start, self.prev_end().max(start)) }))
    }

    fn loop_body(&mut self) -> PResult<Block> {
        if let Some(l) = self.loops.last_mut() {
            *l += 1;
        }
        let b = self.block(false);
        if let Some(l) = self.loops.last_mut() {
            *l -= 1;
        }
        b
    }

    fn if_stat(&mut self) -> PResult<StatKind> {
        let if_tok = self.next();
        let mut clauses = Vec::new();
        let cond = self.expr()?;
        self.expect_kw("then", "if", None)?;
        let body = self.block(false)?;
        clauses.push((Some(cond), body));
        loop {
            if self.is_kw("elseif") {
                self.next();
                let cond = self.expr()?;
                self.expect_kw("then", "elseif", None)?;
                let body = self.block(false)?;
                clauses.push((Some(cond), body));
            } else if self.is_kw("else") {
                self.next();
                let body = self.block(false)?;
                clauses.push((None, body));
                self.expect_kw("end", "if", Some(if_tok.span))?;
                break;
            } else {
                self.expect_kw("end", "if", Some(if_tok.span))?;
                break;
            }
        }
        Ok(StatKind::If { clauses })
    }

    fn for_stat(&mut self, for_span: Span) -> PResult<StatKind> {
        self.next();
        let first = self.name()?;
        if self.is_op("=") {
            self.next();
            let start = self.expr()?;
            self.expect_op(",")?;
            let limit = self.expr()?;
            let step = if self.is_op(",") {
                self.next();
                Some(self.expr()?)
            } else {
                None
            };
            self.expect_kw("do", "for", None)?;
            self.open_block();
            self.declare(&first.name, false);
            let body = self.loop_body()?;
            self.close_block()?;
            self.expect_kw("end", "for", Some(for_span))?;
            return Ok(StatKind::NumFor { var: first, start, limit, step, body });
        }
        let mut names = vec![first];
        if !self.is_op(",") && !self.is_kw("in") {
            return Err(self.error_near("'=' or 'in' expected"));
        }
        while self.is_op(",") {
            self.next();
            names.push(self.name()?);
        }
        self.expect_kw("in", "for", None)?;
        let exprs = self.exprlist()?;
        self.expect_kw("do", "for", None)?;
        self.open_block();
        for n in &names {
            self.declare(&n.name, false);
        }
        let body = self.loop_body()?;
        self.close_block()?;
        self.expect_kw("end", "for", Some(for_span))?;
        Ok(StatKind::GenFor { names, exprs, body })
    }

    fn local_stat(&mut self) -> PResult<StatKind> {
        let mut names = Vec::new();
        let mut attribs = Vec::new();
        let mut close_count = 0;
        loop {
            names.push(self.name()?);
            if self.is_op("<") {
                self.next();
                let a = self.name()?;
                self.expect_op(">")?;
                match a.name.as_str() {
                    "const" => {}
                    "close" => close_count += 1,
                    other => return Err(SyntaxError::new(a.span, format!("unknown attribute '{other}'"))),
                }
                attribs.push(Some(a.name));
            } else {
                attribs.push(None);
            }
            if !self.is_op(",") {
                break;
            }
            self.next();
        }
        if close_count > 1 {
            return Err(self.error_near("multiple to-be-closed variables in local list"));
        }
        let exprs = if self.is_op("=") {
            self.next();
            self.exprlist()?
        } else {
            Vec::new()
        };
        for (n, a) in names.iter().zip(&attribs) {
            self.declare(&n.name, a.is_some());
        }
        Ok(StatKind::Local { names, attribs, exprs })
    }

    fn expr_stat(&mut self) -> PResult<StatKind> {
        let first = self.suffixed_expr()?;
        if self.is_op("=") || self.is_op(",") {
            let mut targets = vec![first];
            while self.is_op(",") {
                self.next();
                targets.push(self.suffixed_expr()?);
            }
            for t in &targets {
                match &t.kind {
                    ExprKind::Name { name } => {
                        if self.is_const(name) {
                            return Err(SyntaxError::new(
                                t.span,
                                format!("attempt to assign to const variable '{name}'"),
                            ));
                        }
                    }
                    ExprKind::Index { .. } | ExprKind::Field { .. } => {}
                    _ => return Err(self.error_near("syntax error")),
                }
            }
            self.expect_op("=")?;
            let exprs = self.exprlist()?;
            return Ok(StatKind::Assign { targets, exprs });
        }
        match first.kind {
            ExprKind::Call { .. } | ExprKind::Method { .. } => Ok(StatKind::Call { call: first }),
            _ => Err(self.error_near("syntax error")),
        }
    }

    fn exprlist(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.is_op(",") {
            self.next();
            v.push(self.expr()?);
        }
        Ok(v)
    }

    fn funcbody(&mut self, _is_method: bool, opened: Span) -> PResult<FuncBody> {
        let start = self.peek().span.start as usize;
        self.expect_op("(")?;
        let mut params = Vec::new();
        let mut vararg = false;
        if !self.is_op(")") {
            loop {
                if self.is_op("...") {
                    self.next();
                    vararg = true;
                    break;
                }
                params.push(self.name()?);
                if !self.is_op(",") {
                    break;
                }
                self.next();
            }
        }
        self.expect_op(")")?;
        self.loops.push(0);
        self.scopes.push(params.iter().map(|p| (p.name.clone(), false)).collect());
        let saved_blocks = std::mem::take(&mut self.blocks);
        let body = self.block(false);
        let goto_check = self.close_block();
        self.blocks = saved_blocks;
        self.scopes.pop();
        self.loops.pop();
        let body = body?;
        goto_check?;
        self.expect_kw("end", "function", Some(opened))?;
        Ok(FuncBody { params, vararg, body, span: Span::new(start, self.prev_end()) })
    }

    fn expr(&mut self) -> PResult<Expr> {
        self.subexpr(0)
    }

    fn subexpr(&mut self, limit: u8) -> PResult<Expr> {
        self.enter()?;
        let r = self.subexpr_inner(limit);
        self.depth -= 1;
        r
    }

    fn subexpr_inner(&mut self, limit: u8) -> PResult<Expr> {
        let start = self.peek().span.start as usize;
        let unary = match &self.peek().tok {
            Tok::Kw("not") => Some("not"),
            Tok::Op("-") => Some("-"),
            Tok::Op("#") => Some("#"),
            Tok::Op("~") => Some("~"),
            _ => None,
        };
        let mut lhs = if let Some(op) = unary {
            self.next();
            let operand = self.subexpr(UNARY_PRIORITY)?;
            Expr {
                span: Span::new(start, operand.span.end as usize),
                kind: ExprKind::Unary { op: op.to_string(), operand: Box::new(operand) },
            }
        } else {
            self.simple_expr()?
        };
        loop {
            let op = match &self.peek().tok {
                Tok::Op(o) => *o,
                Tok::Kw(k @ ("and" | "or")) => *k,
                _ => break,
            };
            let Some((left, right)) = binary_priority(op) else {
                break;
            };
            if left <= limit {
                break;
            }
            self.next();
            let rhs = self.subexpr(right)?;
            lhs = Expr {
                span: Span::new(start, rhs.span.end as usize),
                kind: ExprKind::Binary { op: op.to_string(), lhs: Box::new(lhs), rhs: Box::new(rhs) },
            };
        }
        Ok(lhs)
    }

    fn simple_expr(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let kind = match &t.tok {
            Tok::Num(n) => ExprKind::Number { text: n.clone() },
            Tok::Str(s) => ExprKind::Str { value: s.clone() },
            Tok::Kw("nil") => ExprKind::Nil,
            Tok::Kw("true") => ExprKind::True,
            Tok::Kw("false") => ExprKind::False,
            Tok::Op("...") => ExprKind::Vararg,
            Tok::Op("{") => return self.table(),
            Tok::Kw("function") => {
                self.next();
                let body = self.funcbody(false, t.span)?;
                return Ok(Expr {
                    span: Span::new(t.span.start as usize, self.prev_end()),
                    kind: ExprKind::Function { body: Box::new(body) },
                });
            }
            _ => return self.suffixed_expr(),
        };
        self.next();
        Ok(Expr { kind, span: t.span })
    }

    fn primary_expr(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Name(n) => {
                self.next();
                Ok(Expr { kind: ExprKind::Name { name: n.clone() }, span: t.span })
            }
            Tok::Op("(") => {
                self.next();
                let inner = self.expr()?;
                self.expect_op(")")?;
                Ok(Expr {
                    kind: ExprKind::Paren { inner: Box::new(inner) },
                    span: Span::new(t.span.start as usize, self.prev_end()),
                })
            }
            _ => Err(self.error_near("unexpected symbol")),
        }
    }

    fn suffixed_expr(&mut self) -> PResult<Expr> {
        let start = self.peek().span.start as usize;
        let mut e = self.primary_expr()?;
        loop {
            match &self.peek().tok {
                Tok::Op(".") => {
                    self.next();
                    let name = self.name()?;
                    e = Expr {
                        span: Span::new(start, name.span.end as usize),
                        kind: ExprKind::Field { object: Box::new(e), name },
                    };
                }
                Tok::Op("[") => {
                    self.next();
                    let key = self.expr()?;
                    self.expect_op("]")?;
                    e = Expr {
                        span: Span::new(start, self.prev_end()),
                        kind: ExprKind::Index { object: Box::new(e), key: Box::new(key) },
                    };
                }
                Tok::Op(":") => {
                    self.next();
                    let name = self.name()?;
                    let args = self.call_args()?;
                    e = Expr {
                        span: Span::new(start, self.prev_end()),
                        kind: ExprKind::Method { object: Box::new(e), name, args },
                    };
                }
                Tok::Op("(") | Tok::Op("{") | Tok::Str(_) => {
                    let args = self.call_args()?;
                    e = Expr {
                        span: Span::new(start, self.prev_end()),
                        kind: ExprKind::Call { callee: Box::new(e), args },
                    };
                }
                _ => return Ok(e),
            }
        }
    }

    fn call_args(&mut self) -> PResult<Vec<Expr>> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Str(s) => {
                self.next();
                Ok(vec![Expr { kind: ExprKind::Str { value: s.clone() }, span: t.span }])
            }
            Tok::Op("{") => Ok(vec![self.table()?]),
            Tok::Op("(") => {
                self.next();
                let args = if self.is_op(")") { Vec::new() } else { self.exprlist()? };
                if !self.is_op(")") {
                    let line = self.line_of(t.span.start as usize);
                    if line != self.line_of(self.peek().span.start as usize) {
                        return Err(self.error_near(&format!("')' expected (to close '(' at line {line})")));
                    }
                    return Err(self.error_near("')' expected"));
                }
                self.next();
                Ok(args)
            }
            _ => Err(self.error_near("function arguments expected")),
        }
    }

    fn table(&mut self) -> PResult<Expr> {
        let open = self.expect_op("{")?;
        let mut fields = Vec::new();
        while !self.is_op("}") {
            let fstart = self.peek().span.start as usize;
            let field = if self.is_op("[") {
                self.next();
                let key = self.expr()?;
                self.expect_op("]")?;
                self.expect_op("=")?;
                let value = self.expr()?;
                Field { key: Some(key), value, span: Span::new(fstart, self.prev_end()) }
            } else if matches!(self.peek().tok, Tok::Name(_)) && matches!(self.peek_at(1), Tok::Op("=")) {
                let name = self.name()?;
                self.next();
                let value = self.expr()?;
                let key = Expr { kind: ExprKind::Str { value: name.name }, span: name.span };
                Field { key: Some(key), value, span: Span::new(fstart, self.prev_end()) }
            } else {
                let value = self.expr()?;
                Field { key: None, span: value.span, value }
            };
            fields.push(field);
            if self.is_op(",") || self.is_op(";") {
                self.next();
            } else if !self.is_op("}") {
                let line = self.line_of(open.span.start as usize);
                if line != self.line_of(self.peek().span.start as usize) {
                    return Err(self.error_near(&format!("'}}' expected (to close '{{' at line {line})")));
                }
                return Err(self.error_near("'}' expected"));
            }
        }
        self.next();
        Ok(Expr { kind: ExprKind::Table { fields }, span: Span::new(open.span.start as usize, self.prev_end()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) {
        let c = parse(src);
        assert!(c.errors.is_empty(), "{src:?}: {:?}", c.errors);
    }

    fn bad(src: &str, msg: &str) {
        let c = parse(src);
        assert!(
            c.errors.first().is_some_and(|e| e.message.contains(msg)),
            "{src:?}: expected `{msg}`, got {:?}",
            c.errors
        );
    }

    #[test]
    fn accepts_lua() {
        ok("local a <const>, b = 1, 2\nprint(a .. b)\n");
        ok("help([[\nText]])\nwhatis(\"Name: x\")\nprepend_path(\"PATH\", pathJoin(base, \"bin\"))\n");
        ok("for i = 1, 10, 2 do if i > 3 then break end end\nfor k, v in pairs(t) do end\n");
        ok("local function f(...) return ... end\nfunction a.b:c(x) return x end\n");
        ok("t = { 1, 2; x = 3, [4] = 5, }\nx = -2 ^ 2 .. 'a' // 1\n");
        ok("goto done\nlocal x = 1\n::done::\n");
        ok("repeat local x = 1 until x == 1\nwhile true do break end\n");
        ok("local s = f 'b' x = f{1} y = f'z' return");
        ok(";;; do end");
    }

    #[test]
    fn rejects_what_luac_rejects() {
        bad("whatis(\"Name: bad\"\nprepend_path(\"PATH\", \"/x\")\n", "')' expected (to close '(' at line 1)");
        bad("x = = 1", "unexpected symbol");
        bad("if x then", "'end' expected");
        bad("break", "break outside a loop");
        bad("goto nowhere", "no visible label 'nowhere'");
        bad("local x <foo> = 1", "unknown attribute 'foo'");
        bad("local x <const> = 1; x = 2", "attempt to assign to const variable 'x'");
        bad("f() = 1", "syntax error");
        bad("x", "syntax error");
        bad("return 1 x = 2", "'<eof>' expected");
        bad("end", "'<eof>' expected");
        bad("::a:: ::a::", "label 'a' already defined");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let src = format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
        bad(&src, "too many syntax levels");
    }

    #[test]
    fn recovers_after_an_error() {
        let c = parse("whatis(\"Name: x\"\nsetenv(\"A\", \"b\")\nprepend_path(\"PATH\", \"/y\")\n");
        assert_eq!(c.errors.len(), 1);
        let calls = c.block.stats.iter().filter(|s| matches!(s.kind, StatKind::Call { .. })).count();
        assert!(calls >= 1, "{:?}", c.block.stats);
    }
}
