//! A rule: one `.rhai` file whose `//!` header is its documentation and whose `meta()` and
//! `check()`/`check_tree()` functions are its metadata and logic.
//!
//! ```text
//! //! One-line summary.
//! //!
//! //! ## Why
//! //! Rationale, citing the standard's section.
//! //!
//! //! ## Fix
//! //! How to fix it.
//! //!
//! //! ## Example
//! //! ```spec,fail  ...  ```   ```spec,pass  ...  ```
//! fn meta() { #{ severity: "warning", formats: ["rpm"] } }
//! fn check(doc) { [] }
//! ```

use crate::diagnostic::Severity;
use rhai::{Dynamic, Engine, Map, AST};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub severity: Severity,
    /// Formats the rule applies to (`rpm`, ...); empty means all.
    pub formats: Vec<String>,
    pub tags: Vec<String>,
    /// SARIF precision: very-high, high, medium, low.
    pub precision: String,
    /// What the rule needs beyond the file: `history` (`--since REV`).
    pub requires: Vec<String>,
    /// Short citation of the standard clause, e.g. `Phoreus charter §2.3` or `rpmlint: setup-not-quiet`.
    pub standard: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub lang: String,
    /// `true` for ```` ```spec,pass ````, `false` for ```` ```spec,fail ````.
    pub pass: bool,
    pub code: String,
}

#[derive(Debug, Clone, Default)]
pub struct RuleDocs {
    pub summary: String,
    /// The whole `//!` block as Markdown, summary line excluded.
    pub body: String,
    pub rationale: String,
    pub help: String,
    pub examples: Vec<Example>,
}

pub struct Rule {
    /// `policy/rule-name`.
    pub id: String,
    /// Where the script came from, for messages (`rules/rpm/x.rhai`).
    pub origin: String,
    pub source: Arc<str>,
    pub ast: AST,
    pub meta: RuleMeta,
    pub docs: RuleDocs,
    /// Number of parameters of `check` (1 = doc, 2 = doc + params), if defined.
    pub check: Option<usize>,
    pub check_tree: Option<usize>,
    /// Number of parameters of `summarize` (1 or 2), if defined: a tree rule's per-document
    /// summary, computed in the parallel pass, is what its `check_tree` receives instead of
    /// the whole document (a run need not hold every model until the end).
    pub summarize: Option<usize>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).field("origin", &self.origin).finish()
    }
}

/// Why a rule could not be loaded, with the 1-based position in the script when known.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub origin: String,
    pub source: Arc<str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.origin, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.origin, self.message),
            _ => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl Rule {
    pub fn load(engine: &Engine, id: &str, origin: &str, source: &str) -> Result<Rule, LoadError> {
        Rule::load_with(engine, id, origin, source, None)
    }

    /// Compile a library of functions shared by a policy's rules (`_lib.rhai`).
    pub fn compile_lib(engine: &Engine, origin: &str, source: &str) -> Result<AST, LoadError> {
        Rule::compile_lib_with(engine, origin, source, true)
    }

    /// [`Rule::compile_lib`]; `verify_calls: false` skips the load-time call check, for the
    /// embedded rules, which the test suite loads from disk with the check.
    pub fn compile_lib_with(engine: &Engine, origin: &str, source: &str, verify_calls: bool) -> Result<AST, LoadError> {
        let src: Arc<str> = Arc::from(source);
        let mut ast = engine.compile(code_only(source).as_ref()).map_err(|e| {
            let p = e.position();
            LoadError {
                origin: origin.to_string(),
                source: src.clone(),
                line: p.line(),
                column: p.position(),
                message: e.err_type().to_string(),
            }
        })?;
        ast.set_source(origin);
        if !verify_calls {
            return Ok(ast);
        }
        check_calls(engine, &ast, None).map_err(|(pos, message)| LoadError {
            origin: origin.to_string(),
            source: src.clone(),
            line: pos.line(),
            column: pos.position(),
            message,
        })?;
        Ok(ast)
    }

    /// Load a rule, with the functions of `lib` available to it.
    pub fn load_with(
        engine: &Engine,
        id: &str,
        origin: &str,
        source: &str,
        lib: Option<&AST>,
    ) -> Result<Rule, LoadError> {
        Rule::load_checked(engine, id, origin, source, lib, true)
    }

    /// [`Rule::load_with`]; `verify_calls: false` skips resolving every call at load time (a few
    /// milliseconds of a pre-commit run). Only the embedded rules skip it: `cargo test` loads
    /// the same files from disk with the check.
    pub fn load_checked(
        engine: &Engine,
        id: &str,
        origin: &str,
        source: &str,
        lib: Option<&AST>,
        verify_calls: bool,
    ) -> Result<Rule, LoadError> {
        let src: Arc<str> = Arc::from(source);
        let fail = |line: Option<usize>, column: Option<usize>, message: String| LoadError {
            origin: origin.to_string(),
            source: src.clone(),
            line,
            column,
            message,
        };
        let mut ast = engine.compile(code_only(source).as_ref()).map_err(|e| {
            let p = e.position();
            fail(p.line(), p.position(), e.err_type().to_string())
        })?;
        ast.set_source(origin);
        // Before the merge: the library was checked when it was compiled, and positions in the
        // merged AST could point into either file.
        if verify_calls {
            check_calls(engine, &ast, lib).map_err(|(pos, m)| fail(pos.line(), pos.position(), m))?;
        }
        if let Some(lib) = lib {
            // the rule's own functions win over the library's
            ast = lib.merge(&ast);
        }
        let mut check = None;
        let mut check_tree = None;
        let mut summarize = None;
        let mut has_meta = false;
        for f in ast.iter_functions() {
            match (f.name, f.params.len()) {
                ("check", n @ 1..=2) => check = Some(n),
                ("check_tree", n @ 1..=2) => check_tree = Some(n),
                ("summarize", n @ 1..=2) => summarize = Some(n),
                ("meta", 0) => has_meta = true,
                _ => {}
            }
        }
        if check.is_none() && check_tree.is_none() {
            return Err(fail(None, None, "a rule must define `fn check(doc)` or `fn check_tree(docs)`".into()));
        }
        if summarize.is_some() && check_tree.is_none() {
            return Err(fail(
                None,
                None,
                "`fn summarize(doc)` is for tree rules: the rule has no `fn check_tree(docs)`".into(),
            ));
        }
        if !has_meta {
            return Err(fail(None, None, "a rule must define `fn meta()` returning its severity and formats".into()));
        }
        let meta_value: Dynamic = engine
            .call_fn(&mut rhai::Scope::new(), &ast, "meta", ())
            .map_err(|e| fail(e.position().line(), e.position().position(), format!("meta() failed: {e}")))?;
        let meta = parse_meta(meta_value).map_err(|m| fail(None, None, m))?;
        let docs = parse_docs(source);
        if docs.summary.is_empty() {
            return Err(fail(Some(1), None, "the rule has no `//!` summary line".into()));
        }
        Ok(Rule {
            id: id.to_string(),
            origin: origin.to_string(),
            source: src,
            ast,
            meta,
            docs,
            check,
            check_tree,
            summarize,
        })
    }

    pub fn applies_to(&self, format: &str) -> bool {
        self.meta.formats.is_empty() || self.meta.formats.iter().any(|f| f == format)
    }

    pub fn policy(&self) -> &str {
        self.id.split('/').next().unwrap_or("")
    }

    /// The rule's documentation as Markdown, as `speclint explain` prints it.
    pub fn explain_markdown(&self, severity: Severity) -> String {
        let mut s = format!("# {}\n\n{}\n\n", self.id, self.docs.summary);
        s.push_str(&format!(
            "- Severity: {severity}\n- Formats: {}\n",
            if self.meta.formats.is_empty() { "all".to_string() } else { self.meta.formats.join(", ") }
        ));
        if !self.meta.standard.is_empty() {
            s.push_str(&format!("- Standard: {}\n", self.meta.standard));
        }
        s.push('\n');
        s.push_str(self.docs.body.trim());
        s.push('\n');
        s
    }
}

/// Functions a script can call besides its own: everything registered on the engine (our API
/// and Rhai's standard packages) and the keywords Rhai implements itself.
fn known_functions(engine: &Engine) -> &'static std::collections::HashSet<String> {
    static KNOWN: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut set: std::collections::HashSet<String> = engine
            .gen_fn_signatures(true)
            .into_iter()
            .filter_map(|sig| {
                let sig = sig.strip_prefix("fn ").unwrap_or(&sig).to_string();
                let name = sig.split('(').next()?.trim();
                let name = name.strip_prefix("get$").or_else(|| name.strip_prefix("set$")).unwrap_or(name);
                Some(name.to_string())
            })
            .collect();
        for k in ["Fn", "call", "curry", "is_def_fn", "is_def_var", "is_shared", "type_of", "print", "debug"] {
            set.insert(k.to_string());
        }
        set
    })
}

/// Rhai resolves function calls when they run, so a typo in a branch no fixture reaches would
/// surface only on some user's file. Resolve every call by name at load time instead: a call to
/// a function that is neither the script's own (or its library's) nor registered is an error
/// with the call's position; so is a call to one of the script's functions with an arity it
/// does not define.
fn check_calls(engine: &Engine, ast: &AST, lib: Option<&AST>) -> Result<(), (rhai::Position, String)> {
    use rhai::{ASTNode, Expr, Stmt};
    let known = known_functions(engine);
    let mut own: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for f in ast.iter_functions().chain(lib.into_iter().flat_map(|l| l.iter_functions())) {
        own.entry(f.name.to_string()).or_default().push(f.params.len());
    }
    let mut problem = None;
    ast.walk(&mut |path: &[ASTNode]| {
        let (call, pos, method) = match path.last() {
            Some(ASTNode::Expr(Expr::FnCall(c, pos))) => (c, *pos, false),
            Some(ASTNode::Expr(Expr::MethodCall(c, pos))) => (c, *pos, true),
            // a call as a whole statement is a statement, not an expression
            Some(ASTNode::Stmt(Stmt::FnCall(c, pos))) => (c, *pos, false),
            _ => return true,
        };
        let name = call.name.as_str();
        if call.is_operator_call() || !name.starts_with(|c: char| c.is_alphabetic() || c == '_') || name.contains('$') {
            return true;
        }
        if known.contains(name) {
            return true;
        }
        match own.get(name) {
            // a script function called as a method gets the object as `this`, not as an argument
            Some(arities) if method || arities.contains(&call.args.len()) => true,
            Some(arities) => {
                let n = call.args.len();
                problem = Some((
                    pos,
                    format!(
                        "`{name}` is called with {n} argument(s) but the script defines it with {}",
                        arities.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(" or ")
                    ),
                ));
                false
            }
            None => {
                problem = Some((
                    pos,
                    format!(
                        "unknown function `{name}` (not defined in the rule, its policy library or speclint's API)"
                    ),
                ));
                false
            }
        }
    });
    problem.map_or(Ok(()), Err)
}

fn parse_meta(v: Dynamic) -> Result<RuleMeta, String> {
    let v = v.flatten();
    let Some(m) = v.try_cast::<Map>() else {
        return Err("meta() must return an object map".into());
    };
    let str_of = |k: &str| m.get(k).map(|v| v.to_string());
    let list_of = |k: &str| -> Vec<String> {
        m.get(k)
            .and_then(|v| v.clone().try_cast::<rhai::Array>())
            .map(|a| a.iter().map(|x| x.to_string()).collect())
            .unwrap_or_default()
    };
    let sev = str_of("severity").ok_or("meta() lacks `severity` (error, warning or note)")?;
    let severity =
        Severity::parse(&sev).ok_or_else(|| format!("meta().severity must be error, warning or note, not `{sev}`"))?;
    for k in m.keys() {
        if !["severity", "formats", "tags", "precision", "standard", "requires"].contains(&k.as_str()) {
            return Err(format!(
                "meta() has an unknown key `{k}` (known: severity, formats, tags, precision, standard, requires)"
            ));
        }
    }
    let precision = str_of("precision").unwrap_or_else(|| "high".into());
    if !["very-high", "high", "medium", "low"].contains(&precision.as_str()) {
        return Err(format!("meta().precision must be very-high, high, medium or low, not `{precision}`"));
    }
    let requires = list_of("requires");
    if let Some(r) = requires.iter().find(|r| !matches!(r.as_str(), "history" | "installed")) {
        return Err(format!("meta().requires names `{r}`; requirements are `history` and `installed`"));
    }
    Ok(RuleMeta {
        severity,
        formats: list_of("formats"),
        tags: list_of("tags"),
        precision,
        standard: str_of("standard").unwrap_or_default(),
        requires,
    })
}

/// Parse the leading `//!` block: summary, `## Why`, `## Fix`, fenced examples.
/// `source` with its leading `//!` documentation blanked, line for line, so positions in
/// compile errors stay right. The docs are most of a rule file, and Rhai's tokenizer reads
/// comments a character at a time: blanking them halves the start-up of a run.
fn code_only(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.starts_with("//!") {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut in_docs = true;
    for line in source.split_inclusive('\n') {
        if in_docs && line.starts_with("//!") {
            out.push_str(if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            });
        } else {
            in_docs = false;
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn parse_docs(source: &str) -> RuleDocs {
    let lines: Vec<&str> = source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            let t = &l[3..];
            t.strip_prefix(' ').unwrap_or(t)
        })
        .collect();
    let summary = lines.first().map(|s| s.trim().to_string()).unwrap_or_default();
    let body = lines.iter().skip(1).copied().collect::<Vec<_>>().join("\n").trim().to_string();
    let mut docs = RuleDocs { summary, body: body.clone(), ..Default::default() };
    let mut section = String::new();
    let mut in_code: Option<(String, bool, String)> = None;
    for line in body.lines() {
        if let Some((lang, pass, code)) = in_code.as_mut() {
            if line.trim_start().starts_with("```") {
                docs.examples.push(Example { lang: lang.clone(), pass: *pass, code: std::mem::take(code) });
                in_code = None;
            } else {
                code.push_str(line);
                code.push('\n');
            }
            continue;
        }
        if let Some(info) = line.trim_start().strip_prefix("```") {
            let mut parts = info.split(',');
            let lang = parts.next().unwrap_or("").trim().to_string();
            let kind = parts.next().unwrap_or("").trim();
            if kind == "pass" || kind == "fail" {
                in_code = Some((lang, kind == "pass", String::new()));
            }
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            section = h.trim().to_ascii_lowercase();
            continue;
        }
        let target = match section.as_str() {
            "why" => &mut docs.rationale,
            "fix" | "how to fix" => &mut docs.help,
            _ => continue,
        };
        target.push_str(line);
        target.push('\n');
    }
    docs.rationale = docs.rationale.trim().to_string();
    docs.help = docs.help.trim().to_string();
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "//! Thing is wrong.\n//!\n//! ## Why\n//! Because §1.\n//!\n//! ## Fix\n//! Do it.\n//!\n//! ## Example\n//! ```spec,fail\n//! Name: x\n//! ```\n//! ```spec,pass\n//! Name: y\n//! ```\nfn meta() { #{ severity: \"warning\", formats: [\"rpm\"] } }\nfn check(doc) { [] }\n";

    #[test]
    fn loads_docs_and_meta() {
        let e = crate::script::build_engine();
        let r = Rule::load(&e, "p/thing", "p/thing.rhai", RULE).unwrap();
        assert_eq!(r.docs.summary, "Thing is wrong.");
        assert_eq!(r.docs.rationale, "Because §1.");
        assert_eq!(r.docs.help, "Do it.");
        assert_eq!(r.docs.examples.len(), 2);
        assert!(!r.docs.examples[0].pass);
        assert_eq!(r.meta.severity, Severity::Warning);
        assert_eq!(r.check, Some(1));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = crate::script::build_engine();
        let err = Rule::load(
            &e,
            "p/x",
            "p/x.rhai",
            "//! S\nfn meta() { #{severity: \"error\"} }\nfn check(doc) { let = ; }\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn undefined_variables_fail_at_load() {
        let e = crate::script::build_engine();
        let err = Rule::load(
            &e,
            "p/x",
            "p/x.rhai",
            "//! S\nfn meta() { #{severity: \"error\"} }\nfn check(doc) { nosuchvar }\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
    }
}
