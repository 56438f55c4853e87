//! Lowering of an Lmod Lua modulefile: every function call with its arguments folded to
//! constants where that can be done statically (string literals, `..`, locals, `pathJoin`,
//! `myModuleName()`/`myModuleVersion()`), plus `help`, `whatis` and the module's name and
//! version from its path (`<name>/<version>.lua`). Nothing is executed.

use crate::span::Span;
use crate::syntax::lua::ast::*;
use crate::syntax::lua::Chunk;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Serialize)]
pub struct Modulefile {
    pub kind: &'static str,
    pub path: String,
    /// From the path `.../<name>/<version>.lua` (`module` is a reserved word in Rhai, hence `id`).
    pub id: ModuleId,
    pub calls: Vec<Call>,
    /// The first `help(...)` call's text.
    pub help: Option<TextAt>,
    pub whatis: Vec<TextAt>,
    /// Locals and globals assigned constant strings at top level.
    pub assignments: Vec<Assignment>,
    /// Whether the file parsed without error.
    pub syntax_ok: bool,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct ModuleId {
    pub name: Option<String>,
    pub version: Option<String>,
    pub full_name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Call {
    /// Dotted name: `prepend_path`, `os.getenv`, `io.open`.
    pub name: String,
    pub args: Vec<Arg>,
    pub span: Span,
    pub name_span: Span,
    /// Nesting depth in `if`/loops/functions (0 = top level).
    pub depth: usize,
    /// True inside an `if`/`elseif`/`else` branch.
    pub conditional: bool,
    /// True inside a function body (runs only if called).
    pub in_function: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Arg {
    /// The value when it folds to a constant string (numbers and booleans as text).
    pub value: Option<String>,
    /// The source text of the argument.
    pub text: String,
    pub span: Span,
    /// `string`, `number`, `bool`, `nil`, `table`, `function`, `expr`.
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextAt {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    pub name: String,
    pub value: Option<String>,
    pub local: bool,
    pub span: Span,
}

struct Lower<'a> {
    src: &'a str,
    env: HashMap<String, Option<String>>,
    module: &'a ModuleId,
    out: Modulefile,
}

pub fn module_id(path: &str) -> ModuleId {
    let p = std::path::Path::new(path);
    let version = p.file_stem().map(|s| s.to_string_lossy().to_string());
    let name = p.parent().and_then(|d| d.file_name()).map(|s| s.to_string_lossy().to_string());
    match (name, version) {
        (Some(n), Some(v)) => ModuleId { full_name: Some(format!("{n}/{v}")), name: Some(n), version: Some(v) },
        (None, v) => ModuleId { name: None, version: v, full_name: None },
        (n, None) => ModuleId { name: n, version: None, full_name: None },
    }
}

pub fn lower(chunk: &Chunk, path: &str, src: &str) -> Modulefile {
    let module = module_id(path);
    let out = Modulefile {
        kind: "lmod-modulefile",
        path: path.to_string(),
        id: ModuleId {
            name: module.name.clone(),
            version: module.version.clone(),
            full_name: module.full_name.clone(),
        },
        calls: vec![],
        help: None,
        whatis: vec![],
        assignments: vec![],
        syntax_ok: chunk.errors.is_empty(),
        span: Span::new(0, src.len()),
    };
    let mut l = Lower { src, env: HashMap::new(), module: &module, out };
    l.block(&chunk.block, 0, false, false);
    l.out
}

/// Lmod's `pathJoin`: join with `/`, collapsing repeated slashes.
fn path_join(parts: &[String]) -> String {
    let joined = parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join("/");
    let mut out = String::with_capacity(joined.len());
    let mut prev_slash = false;
    for c in joined.chars() {
        if c == '/' && prev_slash {
            continue;
        }
        prev_slash = c == '/';
        out.push(c);
    }
    out
}

impl Lower<'_> {
    fn text(&self, span: Span) -> String {
        self.src.get(span.range()).unwrap_or("").to_string()
    }

    fn fold(&self, e: &Expr) -> Option<String> {
        match &e.kind {
            ExprKind::Str { value } => Some(value.clone()),
            ExprKind::Number { text } => Some(text.clone()),
            ExprKind::True => Some("true".into()),
            ExprKind::False => Some("false".into()),
            ExprKind::Paren { inner } => self.fold(inner),
            ExprKind::Name { name } => self.env.get(name).cloned().flatten(),
            ExprKind::Binary { op, lhs, rhs } if op == ".." => Some(format!("{}{}", self.fold(lhs)?, self.fold(rhs)?)),
            ExprKind::Call { callee, args } => match callee.dotted_name().as_deref() {
                Some("pathJoin") => {
                    let parts: Option<Vec<String>> = args.iter().map(|a| self.fold(a)).collect();
                    parts.map(|p| path_join(&p))
                }
                Some("myModuleVersion") => self.module.version.clone(),
                Some("myModuleName") => self.module.name.clone(),
                Some("myModuleFullName") => self.module.full_name.clone(),
                _ => None,
            },
            _ => None,
        }
    }

    fn kind_of(e: &Expr) -> &'static str {
        match &e.kind {
            ExprKind::Str { .. } => "string",
            ExprKind::Number { .. } => "number",
            ExprKind::True | ExprKind::False => "bool",
            ExprKind::Nil => "nil",
            ExprKind::Table { .. } => "table",
            ExprKind::Function { .. } => "function",
            _ => "expr",
        }
    }

    fn call(&mut self, e: &Expr, depth: usize, conditional: bool, in_function: bool) {
        let (name, name_span, args) = match &e.kind {
            ExprKind::Call { callee, args } => match callee.dotted_name() {
                Some(n) => (n, callee.span, args),
                None => (self.text(callee.span), callee.span, args),
            },
            ExprKind::Method { object, name, args } => (
                format!("{}:{}", object.dotted_name().unwrap_or_else(|| self.text(object.span)), name.name),
                name.span,
                args,
            ),
            _ => return,
        };
        let args: Vec<Arg> = args
            .iter()
            .map(|a| Arg { value: self.fold(a), text: self.text(a.span), span: a.span, kind: Self::kind_of(a) })
            .collect();
        if !in_function {
            match name.as_str() {
                "help" if self.out.help.is_none() => {
                    let text = args.iter().filter_map(|a| a.value.clone()).collect::<Vec<_>>().join("");
                    self.out.help = Some(TextAt { text, span: e.span });
                }
                "whatis" => {
                    if let Some(a) = args.first() {
                        self.out
                            .whatis
                            .push(TextAt { text: a.value.clone().unwrap_or_else(|| a.text.clone()), span: a.span });
                    }
                }
                _ => {}
            }
        }
        self.out.calls.push(Call { name, args, span: e.span, name_span, depth, conditional, in_function });
    }

    /// Calls nested inside an expression (arguments, table fields, function bodies).
    fn expr_calls(&mut self, e: &Expr, depth: usize, conditional: bool, in_function: bool) {
        match &e.kind {
            ExprKind::Call { callee, args } => {
                self.expr_calls(callee, depth, conditional, in_function);
                for a in args {
                    self.expr_calls(a, depth, conditional, in_function);
                }
                self.call(e, depth, conditional, in_function);
            }
            ExprKind::Method { object, args, .. } => {
                self.expr_calls(object, depth, conditional, in_function);
                for a in args {
                    self.expr_calls(a, depth, conditional, in_function);
                }
                self.call(e, depth, conditional, in_function);
            }
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr_calls(lhs, depth, conditional, in_function);
                self.expr_calls(rhs, depth, conditional, in_function);
            }
            ExprKind::Unary { operand, .. } => self.expr_calls(operand, depth, conditional, in_function),
            ExprKind::Paren { inner } => self.expr_calls(inner, depth, conditional, in_function),
            ExprKind::Index { object, key } => {
                self.expr_calls(object, depth, conditional, in_function);
                self.expr_calls(key, depth, conditional, in_function);
            }
            ExprKind::Field { object, .. } => self.expr_calls(object, depth, conditional, in_function),
            ExprKind::Table { fields } => {
                for f in fields {
                    if let Some(k) = &f.key {
                        self.expr_calls(k, depth, conditional, in_function);
                    }
                    self.expr_calls(&f.value, depth, conditional, in_function);
                }
            }
            ExprKind::Function { body } => self.block(&body.body, depth + 1, conditional, true),
            _ => {}
        }
    }

    fn assign(&mut self, name: &str, value: Option<String>, local: bool, span: Span, top: bool) {
        if top {
            self.out.assignments.push(Assignment { name: name.to_string(), value: value.clone(), local, span });
        }
        self.env.insert(name.to_string(), value);
    }

    fn block(&mut self, b: &Block, depth: usize, conditional: bool, in_function: bool) {
        for s in &b.stats {
            self.stat(s, depth, conditional, in_function);
        }
    }

    /// A nested block whose assignments are uncertain afterwards.
    fn branch(&mut self, b: &Block, depth: usize, in_function: bool) {
        let before = self.env.clone();
        self.block(b, depth, true, in_function);
        let after = std::mem::replace(&mut self.env, before);
        for (k, v) in after {
            if self.env.get(&k) != Some(&v) {
                self.env.insert(k, None);
            }
        }
    }

    fn stat(&mut self, s: &Stat, depth: usize, conditional: bool, in_function: bool) {
        let top = depth == 0 && !conditional && !in_function;
        match &s.kind {
            StatKind::Call { call } => self.expr_calls(call, depth, conditional, in_function),
            StatKind::Local { names, exprs, .. } => {
                for e in exprs {
                    self.expr_calls(e, depth, conditional, in_function);
                }
                for (i, n) in names.iter().enumerate() {
                    let v = exprs.get(i).and_then(|e| self.fold(e));
                    self.assign(&n.name, v, true, n.span, top);
                }
            }
            StatKind::Assign { targets, exprs } => {
                for e in exprs {
                    self.expr_calls(e, depth, conditional, in_function);
                }
                for (i, t) in targets.iter().enumerate() {
                    if let ExprKind::Name { name } = &t.kind {
                        let v = exprs.get(i).and_then(|e| self.fold(e));
                        self.assign(name, v, false, t.span, top);
                    }
                }
            }
            StatKind::Do { body } => self.block(body, depth + 1, conditional, in_function),
            StatKind::While { cond, body } | StatKind::Repeat { body, cond } => {
                self.expr_calls(cond, depth, conditional, in_function);
                self.branch(body, depth + 1, in_function);
            }
            StatKind::If { clauses } => {
                for (cond, body) in clauses {
                    if let Some(c) = cond {
                        self.expr_calls(c, depth, conditional, in_function);
                    }
                    self.branch(body, depth + 1, in_function);
                }
            }
            StatKind::NumFor { start, limit, step, body, .. } => {
                self.expr_calls(start, depth, conditional, in_function);
                self.expr_calls(limit, depth, conditional, in_function);
                if let Some(st) = step {
                    self.expr_calls(st, depth, conditional, in_function);
                }
                self.branch(body, depth + 1, in_function);
            }
            StatKind::GenFor { exprs, body, .. } => {
                for e in exprs {
                    self.expr_calls(e, depth, conditional, in_function);
                }
                self.branch(body, depth + 1, in_function);
            }
            StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
                let saved = self.env.clone();
                self.block(&body.body, depth + 1, conditional, true);
                self.env = saved;
            }
            StatKind::Return { exprs } => {
                for e in exprs {
                    self.expr_calls(e, depth, conditional, in_function);
                }
            }
            StatKind::Empty | StatKind::Break | StatKind::Goto { .. } | StatKind::Label { .. } | StatKind::Opaque => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_paths_and_collects_metadata() {
        let src = "local base = \"/usr/local/phoreus/jellyfish/\" .. myModuleVersion()\nhelp([[Jellyfish]])\nwhatis(\"Name: jellyfish\")\nprepend_path(\"PATH\", pathJoin(base, \"bin\"))\nif os.getenv(\"X\") then setenv(\"A\", \"1\") end\n";
        let m = lower(&crate::syntax::lua::parse(src), "modules/jellyfish/2.4.0.lua", src);
        assert_eq!(m.id.name.as_deref(), Some("jellyfish"));
        assert_eq!(m.help.as_ref().unwrap().text, "Jellyfish");
        assert_eq!(m.whatis[0].text, "Name: jellyfish");
        let pp = m.calls.iter().find(|c| c.name == "prepend_path").unwrap();
        assert_eq!(pp.args[1].value.as_deref(), Some("/usr/local/phoreus/jellyfish/2.4.0/bin"));
        let se = m.calls.iter().find(|c| c.name == "setenv").unwrap();
        assert!(se.conditional && se.depth == 1);
        assert!(m.calls.iter().any(|c| c.name == "os.getenv"));
    }
}
