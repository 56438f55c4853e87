//! Lowering of a spec AST into the rpm model: packages with expanded tags, dependencies and
//! files, sections with their lines, macros, conditionals and the changelog.
//!
//! Lines are walked in file order with a live macro table, as rpm does, so `%global`s and tag
//! macros (`%{name}`, `%{version}`...) take effect where they appear. Conditionals are
//! evaluated with the defines in force; lines in branches that are not taken stay in the
//! model with `active: false`.

pub mod expr;
pub mod macros;

use crate::model::LowerOptions;
use crate::span::Span;
use crate::syntax::rpmspec::{self as ast, CondKind, LineKind, SectionKind, SpecAst};
use macros::MacroTable;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct RpmSpec {
    pub kind: &'static str,
    pub path: String,
    /// The main package first, then subpackages in declaration order.
    pub packages: Vec<Package>,
    pub sections: Vec<SectionModel>,
    /// Every preamble tag of every package, in file order.
    pub tags: Vec<TagModel>,
    /// `Source`/`Patch` tags with their numbers.
    pub sources: Vec<TagModel>,
    pub patches: Vec<TagModel>,
    pub macros: Vec<MacroModel>,
    pub conditionals: Vec<CondModel>,
    pub changelog: Vec<ChangelogEntry>,
    /// Files read by `%include` (relative to the spec), with the line that included them.
    pub includes: Vec<IncludeModel>,
    /// Span covering the whole file, for findings about the file as a whole.
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct IncludeModel {
    pub path: String,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Package {
    /// Expanded full name.
    pub name: String,
    pub main: bool,
    /// The `Name:` tag's value for the main package, the `%package` header for subpackages.
    pub name_span: Span,
    /// The `Name:` tag line or the `%package` line.
    pub span: Span,
    pub version: Option<String>,
    pub release: Option<String>,
    pub epoch: Option<String>,
    pub summary: Option<String>,
    pub license: Option<String>,
    pub url: Option<String>,
    pub buildarch: Option<String>,
    pub tags: Vec<TagModel>,
    pub requires: Vec<Dep>,
    pub build_requires: Vec<Dep>,
    pub provides: Vec<Dep>,
    pub obsoletes: Vec<Dep>,
    pub conflicts: Vec<Dep>,
    pub recommends: Vec<Dep>,
    pub suggests: Vec<Dep>,
    pub supplements: Vec<Dep>,
    pub enhances: Vec<Dep>,
    pub description: Option<Description>,
    /// Whether a `%files` section exists for this package.
    pub has_files: bool,
    pub files: Vec<FileModel>,
    /// `-f FILE` lists of its `%files` sections.
    pub file_lists: Vec<String>,
    /// Names of its scriptlet and trigger sections (`post`, `triggerin`...).
    pub scriptlets: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagModel {
    pub name: String,
    /// Lower-case name without number: `source`, `buildrequires`.
    pub key: String,
    pub number: Option<u32>,
    pub qualifier: Option<String>,
    pub raw: String,
    pub value: String,
    /// The expanded value still holds macros speclint cannot evaluate (`%(shell)`, `%{lua:}`,
    /// undefined macros).
    pub unexpanded: bool,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
    pub active: bool,
    /// Full name of the package the tag belongs to (`package` is a reserved word in Rhai).
    pub pkg: String,
    pub section: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dep {
    pub name: String,
    /// `<`, `<=`, `=`, `>=`, `>` or empty.
    pub op: String,
    pub version: String,
    /// The dependency as written after expansion.
    pub text: String,
    /// The tag's value still held macros speclint could not evaluate.
    pub unexpanded: bool,
    /// Exact when the tag has no macros, else the whole tag value.
    pub span: Span,
    pub qualifier: Option<String>,
    pub active: bool,
    pub tag: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Description {
    pub text: String,
    pub span: Span,
    pub header_span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileModel {
    /// Expanded path.
    pub path: String,
    pub raw: String,
    pub directives: Vec<Directive>,
    /// The whole line.
    pub span: Span,
    pub path_span: Span,
    pub active: bool,
    pub section: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    pub name: String,
    pub args: Option<String>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct SectionModel {
    pub name: String,
    pub kind: SectionKind,
    /// Full name of the package this section belongs to (`package` is reserved in Rhai).
    pub pkg: String,
    /// Header arguments as written (`-n foo -f list`).
    pub args: String,
    pub options: Vec<OptionModel>,
    pub header_span: Span,
    pub span: Span,
    pub active: bool,
    pub lines: Vec<LineModel>,
}

#[derive(Debug, Serialize)]
pub struct OptionModel {
    pub flag: String,
    pub value: Option<String>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct LineModel {
    pub text: String,
    pub span: Span,
    /// blank, comment, section-header, tag, macro-def, undefine, conditional, file-entry,
    /// changelog-header, text, invalid
    pub kind: &'static str,
    pub active: bool,
    /// Depth of conditionals around the line.
    pub depth: usize,
}

#[derive(Debug, Serialize)]
pub struct MacroModel {
    pub name: String,
    /// `global`, `define` or `undefine`.
    pub keyword: String,
    pub params: Option<String>,
    pub body: String,
    /// For an active `%global`, the body as expanded at definition.
    pub expanded: Option<String>,
    pub span: Span,
    pub name_span: Span,
    pub body_span: Span,
    pub active: bool,
    pub section: usize,
    /// Name of the section kind it appears in (`preamble`, `build`...).
    pub section_kind: SectionKind,
}

#[derive(Debug, Serialize)]
pub struct CondModel {
    pub kind: CondKind,
    pub expr: String,
    /// The expression after macro expansion.
    pub expanded: String,
    /// Whether this branch is taken; `null` when it cannot be decided statically.
    pub value: Option<bool>,
    pub span: Span,
    pub active: bool,
    pub section: usize,
}

#[derive(Debug, Serialize)]
pub struct ChangelogEntry {
    pub header: String,
    pub date: String,
    pub date_span: Span,
    pub author: Option<String>,
    pub email: Option<String>,
    pub evr: Option<String>,
    pub evr_span: Option<Span>,
    pub span: Span,
    pub header_span: Span,
    pub items: Vec<ChangelogItem>,
}

#[derive(Debug, Serialize)]
pub struct ChangelogItem {
    pub text: String,
    pub span: Span,
}

fn new_package(name: String, main: bool, name_span: Span, span: Span) -> Package {
    Package {
        name,
        main,
        name_span,
        span,
        version: None,
        release: None,
        epoch: None,
        summary: None,
        license: None,
        url: None,
        buildarch: None,
        tags: vec![],
        requires: vec![],
        build_requires: vec![],
        provides: vec![],
        obsoletes: vec![],
        conflicts: vec![],
        recommends: vec![],
        suggests: vec![],
        supplements: vec![],
        enhances: vec![],
        description: None,
        has_files: false,
        files: vec![],
        file_lists: vec![],
        scriptlets: vec![],
    }
}

/// Tags whose value rpm also defines as a lower-case macro (`%{name}`, `%{url}`...).
pub const MACRO_TAGS: &[&str] =
    &["name", "version", "release", "epoch", "summary", "license", "url", "group", "vendor", "packager", "buildarch"];

struct Lowerer<'a> {
    src: &'a str,
    ast: &'a SpecAst,
    table: MacroTable,
    /// Per branch: taken (Some(true/false)) or undecidable (None, treated as taken).
    branch_value: Vec<Option<bool>>,
    branch_active: Vec<bool>,
    spec: RpmSpec,
    main_name: String,
    current_pkg: usize,
    base_dir: Option<std::path::PathBuf>,
}

pub fn lower(ast: &SpecAst, path: &str, src: &str, opts: &LowerOptions) -> RpmSpec {
    let mut table = MacroTable::new();
    for (k, v) in &opts.defines {
        table.define(k, v.clone(), None);
    }
    let mut l = Lowerer {
        src,
        ast,
        table,
        branch_value: vec![None; ast.branches.len()],
        branch_active: vec![true; ast.branches.len()],
        spec: RpmSpec {
            kind: "rpm-spec",
            path: path.to_string(),
            packages: vec![],
            sections: vec![],
            tags: vec![],
            sources: vec![],
            patches: vec![],
            macros: vec![],
            conditionals: vec![],
            changelog: vec![],
            includes: vec![],
            span: Span::new(0, src.len()),
        },
        main_name: String::new(),
        current_pkg: 0,
        base_dir: opts.base_dir.clone(),
    };
    l.run();
    l.spec
}

impl<'a> Lowerer<'a> {
    fn text(&self, span: Span) -> &'a str {
        self.src.get(span.range()).unwrap_or("")
    }

    fn is_active(&self, branch: Option<u32>) -> bool {
        branch.map(|b| self.branch_active.get(b as usize).copied().unwrap_or(true)).unwrap_or(true)
    }

    fn depth(&self, branch: Option<u32>) -> usize {
        let mut d = 0;
        let mut b = branch;
        while let Some(i) = b {
            d += 1;
            b = self.ast.branches.get(i as usize).and_then(|x| x.parent);
            if d > 100_000 {
                break;
            }
        }
        d
    }

    fn run(&mut self) {
        self.spec.packages.push(new_package(String::new(), true, Span::empty(0), Span::empty(0)));
        for section in &self.ast.sections {
            self.section(section);
        }
        if self.spec.packages[0].name.is_empty() {
            self.spec.packages[0].name = self.main_name.clone();
        }
    }

    fn section(&mut self, section: &'a ast::Section) {
        let header_line = section.lines.first().filter(|l| matches!(l.kind, LineKind::SectionHeader));
        let header_active = header_line.map(|l| self.is_active(l.branch)).unwrap_or(true);
        let mut header_text: Option<String> = None;
        let (pkg_name, args) = match (&section.header, header_line) {
            (Some(h), Some(line)) => {
                let args_text =
                    self.text(Span::new(h.keyword_span.end as usize, line.text_span.end as usize)).trim().to_string();
                // rpm expands the header line before reading it. With the Fedora idiom
                // `%description %_description`, the text after the first newline of the expansion
                // is the description itself.
                let expanded_args =
                    if args_text.contains('%') { self.table.expand(&args_text) } else { args_text.clone() };
                let first_line = match expanded_args.split_once('\n') {
                    Some((first, rest)) => {
                        header_text = Some(rest.to_string());
                        first.to_string()
                    }
                    None => expanded_args,
                };
                let name = match header_package(&first_line) {
                    Some((n, true)) => n,
                    Some((n, false)) => format!("{}-{}", self.main_name, n),
                    None => self.main_name.clone(),
                };
                let _ = h;
                (name, args_text)
            }
            _ => (self.main_name.clone(), String::new()),
        };
        // Find or create the package this section belongs to.
        let pkg_index = if section.kind == SectionKind::Package && !header_active {
            // A %package in a branch not taken declares nothing, as for rpm; its (inactive)
            // tags stay in `tags` but belong to no package.
            usize::MAX
        } else if section.kind == SectionKind::Package {
            let name_span =
                section.header.as_ref().and_then(|h| h.package.as_ref()).map(|p| p.span).unwrap_or(section.span);
            let span = header_line.map(|l| l.text_span).unwrap_or(section.span);
            match self.spec.packages.iter().position(|p| p.name == pkg_name && !p.main) {
                Some(i) => i,
                None => {
                    self.spec.packages.push(new_package(pkg_name.clone(), false, name_span, span));
                    self.spec.packages.len() - 1
                }
            }
        } else if section.kind == SectionKind::Preamble {
            0
        } else if !header_active {
            usize::MAX
        } else {
            self.spec.packages.iter().position(|p| p.name == pkg_name).unwrap_or(0)
        };
        if section.kind == SectionKind::Package || section.kind == SectionKind::Preamble {
            self.current_pkg = pkg_index;
        }
        let mut model = SectionModel {
            name: section.name.clone(),
            kind: section.kind,
            pkg: pkg_name.clone(),
            args,
            options: section
                .header
                .as_ref()
                .map(|h| {
                    h.options
                        .iter()
                        .map(|o| OptionModel {
                            flag: o.flag.clone(),
                            value: o.value.as_ref().map(|v| v.text.clone()),
                            span: o.span,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            header_span: header_line.map(|l| l.text_span).unwrap_or(Span::empty(section.span.start as usize)),
            span: section.span,
            active: header_active,
            lines: Vec::with_capacity(section.lines.len()),
        };
        if header_active {
            if let Some(pkg) = self.spec.packages.get_mut(pkg_index) {
                match section.kind {
                    SectionKind::Files => {
                        pkg.has_files = true;
                        if let Some(h) = &section.header {
                            for o in h.options.iter().filter(|o| o.flag == "-f") {
                                if let Some(v) = &o.value {
                                    pkg.file_lists.push(v.text.clone());
                                }
                            }
                        }
                    }
                    SectionKind::Scriptlet | SectionKind::Trigger => pkg.scriptlets.push(section.name.clone()),
                    _ => {}
                }
            }
        }
        let si_model = self.spec.sections.len();
        let mut desc_text = header_text.map(|t| format!("{}\n", t.trim_end())).unwrap_or_default();
        let mut desc_span: Option<Span> = None;
        let mut entry: Option<ChangelogEntry> = None;
        for line in &section.lines {
            let active = self.is_active(line.branch) && header_active;
            let kind_name = line_kind_name(&line.kind);
            match &line.kind {
                LineKind::Conditional(c) => self.conditional(c, line, active, si_model),
                LineKind::MacroDef(d) => {
                    let mut expanded = None;
                    if active {
                        let body = if d.keyword == "global" { self.table.expand(&d.body) } else { d.body.clone() };
                        if d.keyword == "global" {
                            expanded = Some(body.clone());
                        }
                        self.table.define(&d.name, body, d.params.clone());
                    }
                    self.spec.macros.push(MacroModel {
                        name: d.name.clone(),
                        keyword: d.keyword.clone(),
                        params: d.params.clone(),
                        body: d.body.clone(),
                        expanded,
                        span: line.text_span,
                        name_span: d.name_span,
                        body_span: d.body_span,
                        active,
                        section: si_model,
                        section_kind: section.kind,
                    });
                }
                LineKind::Undefine(w) => {
                    if active {
                        self.table.undefine(&w.text);
                    }
                    self.spec.macros.push(MacroModel {
                        name: w.text.clone(),
                        keyword: "undefine".into(),
                        params: None,
                        body: String::new(),
                        expanded: None,
                        span: line.text_span,
                        name_span: w.span,
                        body_span: Span::empty(w.span.end as usize),
                        active,
                        section: si_model,
                        section_kind: section.kind,
                    });
                }
                LineKind::Tag(t) => self.tag(t, line, active, si_model, pkg_index),
                LineKind::FileEntry(e) => {
                    for p in &e.paths {
                        let path = if active { self.table.expand(&p.text) } else { p.text.clone() };
                        let fm = FileModel {
                            path,
                            raw: p.text.clone(),
                            directives: e
                                .directives
                                .iter()
                                .map(|d| Directive { name: d.name.clone(), args: d.args.clone(), span: d.span })
                                .collect(),
                            span: line.text_span,
                            path_span: p.span,
                            active,
                            section: si_model,
                        };
                        if let Some(pkg) = self.spec.packages.get_mut(pkg_index) {
                            pkg.files.push(fm);
                        }
                    }
                }
                LineKind::Text if active && self.text(line.text_span).trim_start().starts_with("%include") => {
                    let arg = self.text(line.text_span).trim_start().trim_start_matches("%include").trim().to_string();
                    self.include(&arg, line, si_model, pkg_index, 0);
                }
                LineKind::Text if section.kind == SectionKind::Preamble || section.kind == SectionKind::Package => {
                    // Macro calls in the preamble may define macros (%bcond_with, %{?python_provide...}).
                    if active {
                        let t = self.text(line.text_span);
                        self.table.expand(t);
                    }
                }
                LineKind::ChangelogHeader(h) => {
                    if let Some(e) = entry.take() {
                        self.spec.changelog.push(e);
                    }
                    entry = Some(ChangelogEntry {
                        header: self.text(line.text_span).to_string(),
                        date: h.date.text.clone(),
                        date_span: h.date.span,
                        author: h.author.as_ref().map(|a| a.text.clone()),
                        email: h.email.as_ref().map(|a| a.text.clone()),
                        evr: h.evr.as_ref().map(|e| self.table.expand(&e.text)),
                        evr_span: h.evr.as_ref().map(|e| e.span),
                        span: line.span,
                        header_span: line.text_span,
                        items: vec![],
                    });
                }
                _ => {}
            }
            if section.kind == SectionKind::Changelog && matches!(line.kind, LineKind::Text | LineKind::Blank) {
                if let Some(e) = entry.as_mut() {
                    e.span = e.span.cover(line.span);
                    let t = self.text(line.text_span);
                    if matches!(line.kind, LineKind::Text) {
                        if t.trim_start().starts_with('-') || e.items.is_empty() {
                            e.items.push(ChangelogItem {
                                text: t.trim().trim_start_matches('-').trim().to_string(),
                                span: line.text_span,
                            });
                        } else if let Some(last) = e.items.last_mut() {
                            last.text.push(' ');
                            last.text.push_str(t.trim());
                            last.span = last.span.cover(line.text_span);
                        }
                    }
                }
            }
            if section.kind == SectionKind::Description
                && active
                && !matches!(line.kind, LineKind::SectionHeader | LineKind::Conditional(_) | LineKind::MacroDef(_))
            {
                let t = self.table.expand(self.text(line.text_span));
                desc_text.push_str(&t);
                desc_text.push('\n');
                desc_span = Some(desc_span.map(|s| s.cover(line.text_span)).unwrap_or(line.text_span));
            }
            model.lines.push(LineModel {
                text: self.text(line.text_span).to_string(),
                span: line.text_span,
                kind: kind_name,
                active,
                depth: self.depth(line.branch),
            });
        }
        if let Some(e) = entry.take() {
            self.spec.changelog.push(e);
        }
        if section.kind == SectionKind::Description && header_active {
            let text = desc_text.trim_end().to_string();
            let span = desc_span.unwrap_or(model.header_span);
            if let Some(pkg) = self.spec.packages.get_mut(pkg_index) {
                pkg.description = Some(Description { text, span, header_span: model.header_span });
            }
        }
        self.spec.sections.push(model);
    }

    /// `%include FILE`: the included file's macro definitions and preamble tags take effect,
    /// as rpm reads it in place. Only relative paths inside the spec's directory tree are read
    /// (never absolute or `..` paths: a lint run must not wander the file system), bounded in
    /// depth and size. Its tags are attributed to the `%include` line.
    fn include(&mut self, arg: &str, line: &ast::Line, si: usize, pkg_index: usize, depth: usize) {
        const MAX_DEPTH: usize = 8;
        const MAX_SIZE: u64 = 1 << 20;
        let Some(base) = self.base_dir.clone() else { return };
        let expanded = self.table.expand(arg);
        let rel = expanded.trim().trim_matches('"');
        // %{SOURCE1} expands to %{_sourcedir}/name: sources sit beside the spec in a checkout
        let rel = rel.strip_prefix(&format!("{}/", self.table.expand("%{_sourcedir}"))).unwrap_or(rel);
        let path = std::path::Path::new(rel);
        if depth >= MAX_DEPTH
            || rel.is_empty()
            || path.is_absolute()
            || path.components().any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return;
        }
        let full = base.join(path);
        if std::fs::metadata(&full).map(|m| m.len() > MAX_SIZE).unwrap_or(true) {
            return;
        }
        let Ok(text) = std::fs::read_to_string(&full) else { return };
        self.spec.includes.push(IncludeModel { path: rel.to_string(), span: line.text_span });
        let inner = crate::syntax::rpmspec::parse(&text);
        let mut branch_ok: Vec<bool> = vec![true; inner.branches.len()];
        for sec in &inner.sections {
            for l in &sec.lines {
                let active = l.branch.map(|b| branch_ok.get(b as usize).copied().unwrap_or(true)).unwrap_or(true);
                let t = text.get(l.text_span.range()).unwrap_or("");
                match &l.kind {
                    LineKind::Conditional(c) => {
                        if let Some(b) = c.opens_branch {
                            let br = &inner.branches[b as usize];
                            let parent = br.parent.map(|p| branch_ok[p as usize]).unwrap_or(true);
                            let earlier = br.previous.iter().any(|p| branch_ok[*p as usize] && *p != b);
                            let own = match c.kind {
                                CondKind::Else => true,
                                CondKind::If | CondKind::Elif => {
                                    expr::eval(self.table.expand(&c.expr).trim()).map(|v| v.truthy()).unwrap_or(true)
                                }
                                _ => true,
                            };
                            branch_ok[b as usize] = parent && own && !earlier;
                        }
                    }
                    LineKind::MacroDef(d) if active => {
                        let body = if d.keyword == "global" { self.table.expand(&d.body) } else { d.body.clone() };
                        self.table.define(&d.name, body, d.params.clone());
                    }
                    LineKind::Undefine(w) if active => self.table.undefine(&w.text),
                    LineKind::Tag(tag) if active && sec.kind == SectionKind::Preamble => {
                        let mut tag = tag.clone();
                        tag.name_span = line.text_span;
                        tag.value_span = line.text_span;
                        self.tag(&tag, line, true, si, pkg_index);
                    }
                    LineKind::Text if active && t.trim_start().starts_with("%include") => {
                        let a = t.trim_start().trim_start_matches("%include").trim().to_string();
                        self.include(&a, line, si, pkg_index, depth + 1);
                    }
                    LineKind::Text if active => {
                        self.table.expand(t);
                    }
                    _ => {}
                }
            }
        }
    }

    fn conditional(&mut self, c: &ast::CondLine, line: &ast::Line, active: bool, si: usize) {
        let mut expanded = String::new();
        let mut value = None;
        if let Some(b) = c.opens_branch {
            let bi = b as usize;
            let branch = &self.ast.branches[bi];
            let parent_active =
                branch.parent.map(|p| self.branch_active.get(p as usize).copied().unwrap_or(true)).unwrap_or(true);
            let earlier_taken =
                branch.previous.iter().any(|p| self.branch_value.get(*p as usize).copied().flatten().unwrap_or(false));
            expanded = if parent_active { self.table.expand(&c.expr) } else { c.expr.clone() };
            let own = if !parent_active {
                Some(false)
            } else {
                match c.kind {
                    CondKind::Else => Some(true),
                    CondKind::If | CondKind::Elif => expr::eval(expanded.trim()).map(|v| v.truthy()),
                    CondKind::Ifarch | CondKind::Elifarch | CondKind::Ifnarch => {
                        let arch = self.table.expand("%{_target_cpu}");
                        let hit = expanded.split([' ', '\t', ',']).any(|a| a == arch);
                        Some(if c.kind == CondKind::Ifnarch { !hit } else { hit })
                    }
                    CondKind::Ifos | CondKind::Elifos | CondKind::Ifnos => {
                        let os = self.table.expand("%{_target_os}");
                        let hit = expanded.split([' ', '\t', ',']).any(|a| a == os);
                        Some(if c.kind == CondKind::Ifnos { !hit } else { hit })
                    }
                    CondKind::Endif => None,
                }
            };
            // An undecidable condition counts as taken, so its content is still checked.
            let taken = !earlier_taken && own.unwrap_or(true) && parent_active;
            self.branch_value[bi] = Some(taken);
            self.branch_active[bi] = taken;
            value = if earlier_taken || !parent_active { Some(false) } else { own };
        }
        self.spec.conditionals.push(CondModel {
            kind: c.kind,
            expr: c.expr.clone(),
            expanded,
            value,
            span: line.text_span,
            active,
            section: si,
        });
    }

    fn tag(&mut self, t: &ast::Tag, line: &ast::Line, active: bool, si: usize, pkg_index: usize) {
        let value = if active { self.table.expand(&t.value) } else { t.value.clone() };
        let value = value.trim().to_string();
        if active {
            if t.key == "name" && pkg_index == 0 {
                self.main_name = value.clone();
                if let Some(p) = self.spec.packages.get_mut(0) {
                    p.name = value.clone();
                    p.name_span = t.value_span;
                    p.span = line.text_span;
                }
            }
            if MACRO_TAGS.contains(&t.key.as_str()) && !(t.key == "name" && pkg_index != 0) {
                self.table.define(&t.key, value.clone(), None);
            }
            if t.key == "source" || t.key == "patch" {
                let n = t.number.unwrap_or(0);
                let upper = if t.key == "source" { "SOURCE" } else { "PATCH" };
                let base = value.rsplit('/').next().unwrap_or("").to_string();
                self.table.define(&format!("{upper}{n}"), format!("%{{_sourcedir}}/{base}"), None);
                if t.number.is_none() {
                    self.table.define(upper, format!("%{{_sourcedir}}/{base}"), None);
                }
            }
        }
        let package = self.spec.packages.get(pkg_index).map(|p| p.name.clone()).unwrap_or_default();
        let tm = TagModel {
            name: t.name.clone(),
            key: t.key.clone(),
            number: t.number,
            qualifier: t.qualifier.as_ref().map(|q| q.text.clone()),
            raw: t.value.clone(),
            unexpanded: value.contains('%'),
            value: value.clone(),
            span: line.text_span,
            name_span: t.name_span,
            value_span: t.value_span,
            active,
            pkg: package,
            section: si,
        };
        if t.key == "source" {
            self.spec.sources.push(tm.clone());
        }
        if t.key == "patch" {
            self.spec.patches.push(tm.clone());
        }
        self.spec.tags.push(tm.clone());
        let Some(pkg) = self.spec.packages.get_mut(pkg_index) else {
            return;
        };
        if active {
            match t.key.as_str() {
                "version" => pkg.version = Some(value.clone()),
                "release" => pkg.release = Some(value.clone()),
                "epoch" => pkg.epoch = Some(value.clone()),
                "summary" => pkg.summary = Some(value.clone()),
                "license" => pkg.license = Some(value.clone()),
                "url" => pkg.url = Some(value.clone()),
                "buildarch" | "buildarchitectures" => pkg.buildarch = Some(value.clone()),
                _ => {}
            }
        }
        let list = match t.key.as_str() {
            "requires" | "prereq" => Some(&mut pkg.requires),
            "buildrequires" | "buildprereq" => Some(&mut pkg.build_requires),
            "provides" => Some(&mut pkg.provides),
            "obsoletes" => Some(&mut pkg.obsoletes),
            "conflicts" | "buildconflicts" => Some(&mut pkg.conflicts),
            "recommends" => Some(&mut pkg.recommends),
            "suggests" => Some(&mut pkg.suggests),
            "supplements" => Some(&mut pkg.supplements),
            "enhances" => Some(&mut pkg.enhances),
            _ => None,
        };
        if let Some(list) = list {
            let exact = t.value == value;
            for (text, off) in split_deps(&value) {
                let span = if exact {
                    Span::new(t.value_span.start as usize + off, t.value_span.start as usize + off + text.len())
                } else {
                    t.value_span
                };
                let mut d = parse_dep(text, span, t.qualifier.as_ref().map(|q| q.text.clone()), active, &t.name);
                d.unexpanded = value.contains('%');
                list.push(d);
            }
        }
        pkg.tags.push(tm);
    }
}

/// The package a section header names: `-n NAME` (full) or the first bare word (a suffix).
fn header_package(args: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w == "--" {
            return None;
        }
        if let Some(flag) = w.strip_prefix('-') {
            if flag == "n" {
                return words.get(i + 1).map(|n| (n.to_string(), true));
            }
            i += if matches!(flag, "f" | "p" | "P") { 2 } else { 1 };
            continue;
        }
        return Some((w.to_string(), false));
    }
    None
}

fn line_kind_name(k: &LineKind) -> &'static str {
    match k {
        LineKind::Blank => "blank",
        LineKind::Comment => "comment",
        LineKind::SectionHeader => "section-header",
        LineKind::Tag(_) => "tag",
        LineKind::MacroDef(_) => "macro-def",
        LineKind::Undefine(_) => "undefine",
        LineKind::Conditional(_) => "conditional",
        LineKind::FileEntry(_) => "file-entry",
        LineKind::ChangelogHeader(_) => "changelog-header",
        LineKind::Text => "text",
        LineKind::Invalid => "invalid",
    }
}

/// Split a dependency list into entries with their byte offsets: `a >= 1, b (c or d)`.
pub fn split_deps(value: &str) -> Vec<(&str, usize)> {
    let b = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        if b[i] == b'(' {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'(' {
                    depth += 1;
                } else if b[i] == b')' {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                i += 1;
            }
        } else {
            // name
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b',' {
                i += 1;
            }
            // optional operator and version
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let op_len =
                [">=", "<=", "==", "=", "<", ">"].iter().find(|op| value[j..].starts_with(**op)).map(|o| o.len());
            if let Some(ol) = op_len {
                j += ol;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b',' {
                    j += 1;
                }
                i = j;
            }
        }
        out.push((&value[start..i], start));
    }
    out
}

fn parse_dep(text: &str, span: Span, qualifier: Option<String>, active: bool, tag: &str) -> Dep {
    let mut name = text;
    let mut op = "";
    let mut version = "";
    if !text.starts_with('(') {
        for o in [">=", "<=", "==", "=", "<", ">"] {
            if let Some(p) = text.find(o) {
                name = text[..p].trim();
                op = o;
                version = text[p + o.len()..].trim();
                break;
            }
        }
    }
    Dep {
        unexpanded: false,
        name: name.to_string(),
        op: op.to_string(),
        version: version.to_string(),
        text: text.to_string(),
        span,
        qualifier,
        active,
        tag: tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(src: &str) -> RpmSpec {
        lower(&crate::syntax::rpmspec::parse(src), "t.spec", src, &LowerOptions::default())
    }

    #[test]
    fn packages_and_expansion() {
        let m = model("%global tool jf\nName: phoreus-%{tool}-2.4\nVersion: 2.4\nRelease: 1%{?dist}\nRequires: phoreus, foo >= 1.0\n%package devel\nSummary: d\n%description devel\ntext\n%files devel\n%{_libdir}/x.so\n");
        assert_eq!(m.packages[0].name, "phoreus-jf-2.4");
        assert_eq!(m.packages[0].release.as_deref(), Some("1.el9"));
        assert_eq!(m.packages[1].name, "phoreus-jf-2.4-devel");
        assert_eq!(m.packages[1].files[0].path, "/usr/lib64/x.so");
        let r = &m.packages[0].requires;
        assert_eq!((r[1].name.as_str(), r[1].op.as_str(), r[1].version.as_str()), ("foo", ">=", "1.0"));
        assert_eq!(m.packages[1].description.as_ref().unwrap().text, "text");
    }

    #[test]
    fn include_reads_relative_files_only() {
        let dir = std::env::temp_dir().join(format!("speclint-include-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("defs.inc"), "%global pkgname widget\nVersion: 3.1\n%include more.inc\n").unwrap();
        std::fs::write(dir.join("more.inc"), "%global extra yes\n").unwrap();
        let src = "%include defs.inc\nName: %{pkgname}\nRelease: %{extra}\n%include /etc/passwd\n%include ../x.inc\n";
        let opts = LowerOptions { defines: vec![], base_dir: Some(dir.clone()) };
        let m = lower(&crate::syntax::rpmspec::parse(src), "t.spec", src, &opts);
        assert_eq!(m.packages[0].name, "widget");
        assert_eq!(m.packages[0].version.as_deref(), Some("3.1"));
        assert_eq!(m.packages[0].release.as_deref(), Some("yes"));
        assert_eq!(m.includes.len(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn description_from_a_macro_idiom() {
        let m = model("Name: a\n%global _description %{expand:\nLong text.}\n%description %_description\n%package devel\nSummary: d\n%description devel %_description\n");
        assert_eq!(m.packages[0].description.as_ref().unwrap().text, "Long text.");
        assert_eq!(m.packages[1].description.as_ref().unwrap().text, "Long text.");
    }

    #[test]
    fn conditionals_select_branches() {
        let m = model(
            "Name: a\n%if 0%{?rhel} >= 9\nVersion: 9\n%else\nVersion: 8\n%endif\n%if 0%{?fedora}\nRelease: f\n%endif\n",
        );
        assert_eq!(m.packages[0].version.as_deref(), Some("9"));
        assert_eq!(m.packages[0].release, None);
        let vs: Vec<bool> = m.tags.iter().filter(|t| t.key == "version").map(|t| t.active).collect();
        assert_eq!(vs, vec![true, false]);
    }

    #[test]
    fn split_deps_keeps_versions_and_rich_deps() {
        let v: Vec<&str> = split_deps("a >= 1.0, b,c = 2 (x or y) d").into_iter().map(|(s, _)| s).collect();
        assert_eq!(v, vec!["a >= 1.0", "b", "c = 2", "(x or y)", "d"]);
    }
}
