//! Lowering of a Homebrew formula: the class, its DSL calls in order, and the common fields
//! (`desc`, `url`, `license`, dependencies, resources, `test do`) pulled out for rules.

use crate::span::Span;
use crate::syntax::formula::{Call, Formula, Stmt, Value};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FormulaModel<'a> {
    pub kind: &'static str,
    pub path: &'a str,
    /// `class Foo < Formula`: `name` Foo, `parent` Formula; `()` when the file has no class.
    pub class: Option<Class>,
    /// The class body in order: `call`, `def` and `other` (unmodelled Ruby) statements.
    pub body: Vec<Item<'a>>,
    /// First string argument of the class-level (or `stable do`) call of that name.
    pub desc: Option<StrAt>,
    pub homepage: Option<StrAt>,
    pub url: Option<StrAt>,
    pub mirror: Vec<StrAt>,
    pub version: Option<StrAt>,
    pub sha256: Option<StrAt>,
    pub head: Option<StrAt>,
    pub revision: Option<StrAt>,
    pub version_scheme: Option<StrAt>,
    pub license: Option<License>,
    pub depends_on: Vec<Dependency>,
    pub uses_from_macos: Vec<Dependency>,
    pub resources: Vec<Resource>,
    /// `test do ... end`
    pub test: Option<BlockAt<'a>>,
    /// `def install`, `def caveats`, `def post_install`, ...
    pub methods: Vec<BlockAt<'a>>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Class {
    pub name: String,
    pub parent: Option<String>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Item<'a> {
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// The method called or defined; empty for `other`.
    pub name: &'a str,
    pub span: Span,
    pub name_span: Span,
    /// The first argument if it is a string literal.
    pub string: Option<&'a str>,
    pub args: &'a [Value],
    pub has_block: bool,
    /// For blocks: the calls inside (`resource`, `livecheck`, `on_linux`, ...).
    pub body: Vec<Item<'a>>,
    /// The `if`/`unless` modifier's condition.
    pub modifier: Option<&'a str>,
}

#[derive(Debug, Serialize, Clone)]
pub struct StrAt {
    pub value: String,
    /// Whether the string has `#{...}` interpolation (its value is then the source text).
    pub interpolated: bool,
    /// The string literal (or other first argument).
    pub span: Span,
    /// The whole call.
    pub call_span: Span,
    /// Keyword arguments, `key → value text` (`tag:`, `revision:`, `branch:`, `using:`).
    pub options: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct License {
    /// As an SPDX-style expression: `any_of:` → `OR`, `all_of:` → `AND`, `with:` → `WITH`;
    /// `:public_domain` and other symbols as `:name`.
    pub expr: String,
    /// The license ids and symbols named.
    pub ids: Vec<String>,
    pub span: Span,
    pub call_span: Span,
}

#[derive(Debug, Serialize)]
pub struct Dependency {
    pub name: String,
    /// `:build`, `:test`, `:optional`, `:recommended`, ... (without the colon).
    pub tags: Vec<String>,
    /// A non-formula requirement such as `xcode: "9.3"` or `:macos`.
    pub requirement: bool,
    pub span: Span,
    /// Inside `on_linux do`, `on_macos do`, ... (the block's name), or `()`.
    pub on: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Resource {
    pub name: String,
    pub url: Option<StrAt>,
    pub sha256: Option<StrAt>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct BlockAt<'a> {
    pub name: &'a str,
    pub span: Span,
    /// The source of the body (between `do`/`def x` and `end`).
    pub text: &'a str,
    /// The calls in the body, as in `body`.
    pub body: Vec<Item<'a>>,
}

fn item<'a>(s: &'a Stmt) -> Item<'a> {
    match s {
        Stmt::Call(c) => Item {
            ty: "call",
            name: &c.name,
            span: c.span,
            name_span: c.name_span,
            string: first_str(c).map(|(v, _)| v),
            args: &c.args,
            has_block: c.block.is_some(),
            body: c.block.as_ref().map(|b| b.body.iter().map(item).collect()).unwrap_or_default(),
            modifier: c.modifier.as_deref(),
        },
        Stmt::Def { name, name_span, span, body } => Item {
            ty: "def",
            name,
            span: *span,
            name_span: *name_span,
            string: None,
            args: &[],
            has_block: true,
            body: body.iter().map(item).collect(),
            modifier: None,
        },
        Stmt::Class { name, header_span, span, body, .. } => Item {
            ty: "class",
            name,
            span: *span,
            name_span: *header_span,
            string: None,
            args: &[],
            has_block: true,
            body: body.iter().map(item).collect(),
            modifier: None,
        },
        Stmt::Other { span, .. } => Item {
            ty: "other",
            name: "",
            span: *span,
            name_span: *span,
            string: None,
            args: &[],
            has_block: false,
            body: vec![],
            modifier: None,
        },
    }
}

fn first_str(c: &Call) -> Option<(&str, Span)> {
    match c.args.first() {
        Some(Value::Str { value, span, .. }) => Some((value, *span)),
        _ => None,
    }
}

fn text_of(v: &Value, src: &str) -> String {
    match v {
        Value::Str { value, .. } | Value::Sym { value, .. } | Value::Num { value, .. } => value.clone(),
        other => src.get(other.span().range()).unwrap_or("").to_string(),
    }
}

fn str_at(c: &Call, src: &str) -> Option<StrAt> {
    let first = c.args.first()?;
    let (value, interpolated) = match first {
        Value::Str { value, interpolated, .. } => (value.clone(), *interpolated),
        Value::Sym { value, .. } => (format!(":{value}"), false),
        other => (text_of(other, src), false),
    };
    let mut options = std::collections::BTreeMap::new();
    if let Some(Value::Hash { pairs, .. }) = c.args.last() {
        for p in pairs {
            options.insert(text_of(&p.key, src), text_of(&p.value, src));
        }
    }
    Some(StrAt { value, interpolated, span: first.span(), call_span: c.span, options })
}

fn license_expr(v: &Value, ids: &mut Vec<String>, depth: usize) -> String {
    if depth > 16 {
        return String::new();
    }
    match v {
        Value::Str { value, .. } => {
            ids.push(value.clone());
            value.clone()
        }
        Value::Sym { value, .. } => {
            ids.push(format!(":{value}"));
            format!(":{value}")
        }
        Value::Hash { pairs, .. } => {
            let parts: Vec<String> = pairs
                .iter()
                .map(|p| match (&p.key, &p.value) {
                    (Value::Sym { value: k, .. }, Value::Array { items, .. }) if k == "any_of" || k == "all_of" => {
                        let op = if k == "any_of" { " OR " } else { " AND " };
                        let inner: Vec<String> = items.iter().map(|i| license_expr(i, ids, depth + 1)).collect();
                        format!("({})", inner.join(op))
                    }
                    // "Apache-2.0" => { with: "LLVM-exception" }
                    (key, Value::Hash { pairs: inner, .. }) => {
                        let base = license_expr(key, ids, depth + 1);
                        match inner.iter().find(|q| matches!(&q.key, Value::Sym { value, .. } if value == "with")) {
                            Some(w) => format!("{base} WITH {}", text_of(&w.value, "")),
                            None => base,
                        }
                    }
                    (key, _) => license_expr(key, ids, depth + 1),
                })
                .collect();
            let joined = parts.join(" AND ");
            // a lone `any_of:`/`all_of:` needs no parentheses around the whole expression
            match joined.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
                Some(inner) if parts.len() == 1 => inner.to_string(),
                _ => joined,
            }
        }
        Value::Array { items, .. } => {
            items.iter().map(|i| license_expr(i, ids, depth + 1)).collect::<Vec<_>>().join(" AND ")
        }
        _ => String::new(),
    }
}

fn dependencies(c: &Call, on: Option<&str>, src: &str) -> Vec<Dependency> {
    let mut out = vec![];
    for a in &c.args {
        match a {
            Value::Str { value, span, .. } => out.push(Dependency {
                name: value.clone(),
                tags: vec![],
                requirement: false,
                span: *span,
                on: on.map(String::from),
            }),
            Value::Sym { value, span } => out.push(Dependency {
                name: value.clone(),
                tags: vec![],
                requirement: true,
                span: *span,
                on: on.map(String::from),
            }),
            Value::Hash { pairs, .. } => {
                for p in pairs {
                    let tags = match &p.value {
                        Value::Sym { value, .. } => vec![value.clone()],
                        Value::Array { items, .. } => items
                            .iter()
                            .filter_map(|i| if let Value::Sym { value, .. } = i { Some(value.clone()) } else { None })
                            .collect(),
                        _ => vec![],
                    };
                    // `type: :build` qualifies the dependency before it
                    if let (Value::Sym { value: k, .. }, Some(prev)) = (&p.key, out.last_mut()) {
                        if k == "type" {
                            prev.tags.extend(tags);
                            continue;
                        }
                    }
                    let requirement = matches!(p.key, Value::Sym { .. });
                    let span = p.key.span().cover(p.value.span());
                    out.push(Dependency {
                        name: text_of(&p.key, src),
                        tags,
                        requirement,
                        span,
                        on: on.map(String::from),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn block_at<'a>(name: &'a str, span: Span, body: &'a [Stmt], src: &'a str) -> BlockAt<'a> {
    let text = match (body.first(), body.last()) {
        (Some(f), Some(l)) => src.get(f.span().start as usize..l.span().end as usize).unwrap_or(""),
        _ => "",
    };
    BlockAt { name, span, text, body: body.iter().map(item).collect() }
}

pub fn lower<'a>(f: &'a Formula, path: &'a str, src: &'a str) -> FormulaModel<'a> {
    let mut m = FormulaModel {
        kind: "homebrew-formula",
        path,
        class: None,
        body: vec![],
        desc: None,
        homepage: None,
        url: None,
        mirror: vec![],
        version: None,
        sha256: None,
        head: None,
        revision: None,
        version_scheme: None,
        license: None,
        depends_on: vec![],
        uses_from_macos: vec![],
        resources: vec![],
        test: None,
        methods: vec![],
        span: Span::new(0, src.len()),
    };
    let classes = || {
        f.body.iter().filter_map(|s| match s {
            Stmt::Class { name, parent, header_span, body, .. } => Some((name, parent, header_span, body)),
            _ => None,
        })
    };
    let class = classes().find(|c| c.1.as_deref().is_some_and(|p| p.ends_with("Formula"))).or_else(|| classes().next());
    let Some((name, parent, header_span, body)) = class else { return m };
    m.class = Some(Class { name: name.clone(), parent: parent.clone(), span: *header_span });
    m.body = body.iter().map(item).collect();
    for s in body {
        match s {
            Stmt::Call(c) => collect(&mut m, c, None, src),
            Stmt::Def { name, span, body, .. } => m.methods.push(block_at(name, *span, body, src)),
            _ => {}
        }
    }
    m
}

fn collect<'a>(m: &mut FormulaModel<'a>, c: &'a Call, on: Option<&str>, src: &'a str) {
    let set = |slot: &mut Option<StrAt>| {
        if slot.is_none() {
            *slot = str_at(c, src);
        }
    };
    match c.name.as_str() {
        "desc" => set(&mut m.desc),
        "homepage" => set(&mut m.homepage),
        "url" => set(&mut m.url),
        "version" => set(&mut m.version),
        "sha256" if c.block.is_none() => set(&mut m.sha256),
        "head" if c.args.first().is_some_and(|a| matches!(a, Value::Str { .. })) => set(&mut m.head),
        "revision" => set(&mut m.revision),
        "version_scheme" => set(&mut m.version_scheme),
        "mirror" => m.mirror.extend(str_at(c, src)),
        "license" if m.license.is_none() => {
            if let Some(first) = c.args.first() {
                let mut ids = vec![];
                let expr = if c.args.len() == 1 {
                    license_expr(first, &mut ids, 0)
                } else {
                    license_expr(&c.args[c.args.len() - 1], &mut ids, 0)
                };
                let span = c.args.iter().map(Value::span).reduce(Span::cover).unwrap_or(c.span);
                m.license = Some(License { expr, ids, span, call_span: c.span });
            }
        }
        "depends_on" => m.depends_on.extend(dependencies(c, on, src)),
        "uses_from_macos" => m.uses_from_macos.extend(dependencies(c, on, src)),
        "resource" => {
            let name = first_str(c).map(|(v, _)| v.to_string()).unwrap_or_default();
            let mut r = Resource { name, url: None, sha256: None, span: c.span };
            if let Some(b) = &c.block {
                for s in &b.body {
                    if let Stmt::Call(inner) = s {
                        match inner.name.as_str() {
                            "url" if r.url.is_none() => r.url = str_at(inner, src),
                            "sha256" if r.sha256.is_none() => r.sha256 = str_at(inner, src),
                            _ => {}
                        }
                    }
                }
            }
            m.resources.push(r);
        }
        "test" if c.block.is_some() => {
            if let Some(b) = &c.block {
                m.test = Some(block_at(&c.name, c.span, &b.body, src));
            }
        }
        // `stable do url ...; sha256 ... end` holds the stable download; `on_linux do` etc.
        // hold platform-specific dependencies.
        "stable" | "on_linux" | "on_macos" | "on_intel" | "on_arm" | "on_system" | "on_sonoma" | "on_ventura"
        | "on_monterey" | "on_big_sur" | "on_catalina" | "on_mojave" => {
            let inner_on = if c.name == "stable" { on } else { Some(c.name.as_str()) };
            if let Some(b) = &c.block {
                for s in &b.body {
                    if let Stmt::Call(inner) = s {
                        if c.name == "stable" || matches!(inner.name.as_str(), "depends_on" | "uses_from_macos") {
                            collect(m, inner, inner_on, src);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}
