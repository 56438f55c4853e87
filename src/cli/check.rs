//! `speclint check`: load policies, walk, check, report, choose the exit code.

use super::{CheckArgs, ColorChoice, FailOn, Format, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
use crate::engine::Checker;
use crate::model::LowerOptions;
use crate::policy::{self, Policy};
use crate::report::{self, RuleInfo};
use std::io::IsTerminal;

/// Below this many files a run is over before a progress bar would help.
const PROGRESS_MIN_FILES: usize = 300;

/// What one configuration (or none) makes of the command line: the rules to run and how.
struct Settings {
    rules: Vec<policy::ActiveRule>,
    defines: Vec<(String, String)>,
    fail_on: FailOn,
    exclude: Option<globset::GlobSet>,
    include: Option<globset::GlobSet>,
    per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    config: Option<crate::config::Loaded>,
}

fn rule_matches(pat: &str, id: &str) -> bool {
    id == pat || id.starts_with(pat)
}

/// Combine the command line with one configuration file (command-line options win; lists that
/// add up, extend-select and ignore, are merged) and load the policies it names.
fn settings(engine: &rhai::Engine, args: &CheckArgs, config: Option<crate::config::Loaded>) -> Result<Settings, ()> {
    let mut args = args.clone();
    if let Some(c) = &config {
        if args.policies.is_empty() {
            args.policies = c.config.policies.iter().map(|p| c.policy_spec(p)).collect();
        }
        if args.select.is_empty() {
            args.select = c.config.select.clone();
        }
        args.extend_select.extend(c.config.extend_select.iter().cloned());
        args.ignore.extend(c.config.ignore.iter().cloned());
        if args.fail_on.is_none() {
            args.fail_on = c.config.fail_on.map(|f| match f {
                crate::config::FailOnValue::Error => FailOn::Error,
                crate::config::FailOnValue::Warning => FailOn::Warning,
                crate::config::FailOnValue::Note => FailOn::Note,
                crate::config::FailOnValue::Never => FailOn::Never,
            });
        }
    }
    let specs = if args.policies.is_empty() { vec!["rpm".to_string()] } else { args.policies.clone() };
    let mut policies: Vec<Policy> = Vec::new();
    for s in &specs {
        match policy::load(engine, s) {
            Ok(p) => policies.push(p),
            Err(e) => {
                report_policy_error(&e);
                return Err(());
            }
        }
    }
    let cli_defines = super::parse_defines(&args.define).map_err(|e| eprintln!("error: {e}"))?;
    // Policy defines first, then the configuration's, the command line last: it wins.
    let mut defines: Vec<(String, String)> = policies.iter().flat_map(|p| p.defines.clone()).collect();
    if let Some(c) = &config {
        defines.extend(c.config.defines.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    defines.extend(cli_defines);
    let mut rules: Vec<policy::ActiveRule> = Vec::new();
    // which loaded policy each rule came from, for `[parameters]` in speclint.toml
    let mut from_policy: std::collections::HashMap<String, usize> = Default::default();
    for (i, p) in policies.iter().enumerate() {
        for r in &p.rules {
            if !rules.iter().any(|x| x.rule.id == r.rule.id) {
                rules.push(r.clone());
                from_policy.insert(r.rule.id.clone(), i);
            }
        }
    }
    // --extend-select and --select can name built-in rules of policies that were not loaded.
    let wanted_builtins: Vec<&String> = args.extend_select.iter().chain(args.select.iter()).collect();
    if !wanted_builtins.is_empty() {
        for id in policy::builtin_rule_ids() {
            if wanted_builtins.iter().any(|p| rule_matches(p, id)) && !rules.iter().any(|r| r.rule.id == id) {
                match policy::load_builtin_rule(engine, id) {
                    Ok(r) => rules.push(r),
                    Err(e) => {
                        report_policy_error(&e);
                        return Err(());
                    }
                }
            }
        }
    }
    for pat in args.select.iter().chain(&args.extend_select).chain(&args.ignore) {
        if !rules.iter().any(|r| rule_matches(pat, &r.rule.id))
            && !policy::builtin_rule_ids().iter().any(|id| rule_matches(pat, id))
        {
            let from = config.as_ref().map(|c| format!(" (in {})", c.path.display())).unwrap_or_default();
            eprintln!("error: `{pat}`{from} matches no rule (`speclint rules` lists them)");
            return Err(());
        }
    }
    if !args.select.is_empty() {
        rules.retain(|r| args.select.iter().any(|p| rule_matches(p, &r.rule.id)));
    }
    rules.retain(|r| !args.ignore.iter().any(|p| rule_matches(p, &r.rule.id)));
    rules.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
    let mut exclude = None;
    let mut include = None;
    let mut per_file_ignores = Vec::new();
    if let Some(c) = &config {
        for (id, sev) in &c.config.severity {
            for r in rules.iter_mut().filter(|r| rule_matches(id, &r.rule.id)) {
                r.severity = (*sev).into();
            }
        }
        if !c.config.exclude.is_empty() {
            exclude = Some(globs(&c.config.exclude));
        }
        if !c.config.include.is_empty() {
            include = Some(globs(&c.config.include));
        }
        if !c.config.parameters.is_empty() {
            // the configuration's keys over each policy's own, built once per policy
            let overrides = serde_json::to_value(&c.config.parameters).unwrap_or_default();
            let merge = |base: serde_json::Value| {
                let mut m = base.as_object().cloned().unwrap_or_default();
                m.extend(overrides.as_object().cloned().unwrap_or_default());
                crate::script::node::to_dynamic(&crate::model::tree::Tree::from_serialize(&m))
            };
            let mut merged: std::collections::HashMap<String, rhai::Dynamic> = Default::default();
            for r in rules.iter_mut() {
                // rules named by --extend-select come with their own built-in policy's parameters
                let from = from_policy.get(&r.rule.id).copied();
                let key = from.map_or_else(|| r.policy.clone(), |i| format!("#{i}"));
                let params = merged.entry(key).or_insert_with(|| match from {
                    Some(i) => merge(policies[i].parameters.clone()),
                    None => merge(policy::builtin_parameters(&r.policy)),
                });
                r.params = params.clone();
            }
        }
        per_file_ignores = c
            .config
            .per_file_ignores
            .iter()
            .filter_map(|(g, rules)| globset::Glob::new(g).ok().map(|g| (g.compile_matcher(), rules.clone())))
            .collect();
    }
    Ok(Settings {
        rules,
        defines,
        fail_on: args.fail_on.unwrap_or(FailOn::Warning),
        exclude,
        include,
        per_file_ignores,
        config,
    })
}

/// Which configuration governs each file: `--config` or none (`--isolated`) for all of them,
/// else the nearest `speclint.toml`/`.speclint.toml` above the file itself (like ruff), so a
/// subproject's configuration applies to its files even when the run starts higher up.
fn config_paths(
    args: &CheckArgs,
    inputs: &[crate::engine::InputFile],
) -> std::collections::BTreeMap<Option<std::path::PathBuf>, Vec<usize>> {
    let mut groups: std::collections::BTreeMap<Option<std::path::PathBuf>, Vec<usize>> = Default::default();
    if args.isolated || args.config.is_some() {
        groups.insert(args.config.clone(), (0..inputs.len()).collect());
        return groups;
    }
    let mut by_dir: std::collections::HashMap<std::path::PathBuf, Option<std::path::PathBuf>> = Default::default();
    for (i, input) in inputs.iter().enumerate() {
        let dir = input.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() { std::path::PathBuf::from(".") } else { dir };
        let found = by_dir.entry(dir.clone()).or_insert_with(|| crate::config::discover(&dir)).clone();
        groups.entry(found).or_default().push(i);
    }
    if groups.is_empty() {
        // nothing to check: still validate the configuration that would apply
        let first = args.paths.first().map(|p| p.as_path()).unwrap_or(std::path::Path::new("."));
        groups.insert(crate::config::discover(first), vec![]);
    }
    groups
}

pub fn run(args: CheckArgs) -> u8 {
    let engine = crate::script::build_engine();
    let walk = crate::engine::WalkOptions { no_ignore: args.no_ignore, follow_links: args.follow_links };
    let (mut inputs, problems) = crate::engine::collect_files_with(&args.paths, &walk);
    if let Some(dir) = &args.tree_context {
        if !dir.is_dir() {
            eprintln!("error: --tree-context {}: not a directory", dir.display());
            return EXIT_ERROR;
        }
        let named: std::collections::HashSet<std::path::PathBuf> =
            inputs.iter().filter_map(|i| std::fs::canonicalize(&i.path).ok()).collect();
        let (context, _) = crate::engine::collect_files_with(std::slice::from_ref(dir), &walk);
        inputs.extend(
            context
                .into_iter()
                .filter(|c| std::fs::canonicalize(&c.path).is_ok_and(|p| !named.contains(&p)))
                .map(|c| crate::engine::InputFile { context: true, ..c }),
        );
    }
    let explicit: std::collections::HashSet<std::path::PathBuf> =
        args.paths.iter().filter(|p| !p.is_dir()).cloned().collect();
    let mut groups = Vec::new();
    for (path, members) in config_paths(&args, &inputs) {
        let config = match path.map(|p| crate::config::load(&p)) {
            Some(Ok(c)) => Some(c),
            Some(Err(e)) => {
                report_config_error(&e);
                return EXIT_ERROR;
            }
            None => None,
        };
        let Ok(s) = settings(&engine, &args, config) else { return EXIT_ERROR };
        // each file's path relative to its configuration, computed once, for the globs
        let needs_rel = s.exclude.is_some() || s.include.is_some() || !s.per_file_ignores.is_empty();
        let mut members: Vec<(crate::engine::InputFile, String)> = members
            .into_iter()
            .map(|i| {
                let rel = match &s.config {
                    Some(c) if needs_rel => c.relative(&inputs[i].path),
                    _ => String::new(),
                };
                (inputs[i].clone(), rel)
            })
            .collect();
        if let Some(set) = &s.exclude {
            members.retain(|(_, rel)| !set.is_match(rel));
        }
        if let Some(set) = &s.include {
            // files named on the command line are checked whatever `include` says
            members.retain(|(i, rel)| set.is_match(rel) || explicit.contains(&i.path));
        }
        groups.push((s, members));
    }
    for p in &problems {
        eprintln!("error: {p}");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .stack_size(crate::engine::WORKER_STACK)
        .build();
    let timings = crate::engine::Timings::default();
    let history = args.since.as_deref().map(crate::engine::History::new);
    if let (Some(h), Some(first)) = (&history, args.paths.first()) {
        let dir =
            if first.is_dir() { first.clone() } else { first.parent().map(|p| p.to_path_buf()).unwrap_or_default() };
        let dir = if dir.as_os_str().is_empty() { std::path::PathBuf::from(".") } else { dir };
        if !h.rev_exists(&dir) {
            eprintln!(
                "error: --since {}: not a commit of the git repository holding {} (or not in a git repository)",
                h.rev,
                dir.display()
            );
            return EXIT_ERROR;
        }
    }
    let all_rules: Vec<&policy::ActiveRule> = {
        let mut v: Vec<&policy::ActiveRule> = groups.iter().flat_map(|(s, _)| s.rules.iter()).collect();
        v.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
        v.dedup_by(|a, b| a.rule.id == b.rule.id);
        v
    };
    if args.verbose && args.installed.is_none() {
        for r in all_rules.iter().filter(|r| r.rule.meta.requires.iter().any(|x| x == "installed")) {
            eprintln!("skipped: {} checks an installed tree: run with --installed [ROOT]", r.rule.id);
        }
    }
    if args.verbose && history.is_none() {
        for r in all_rules.iter().filter(|r| r.rule.meta.requires.iter().any(|x| x == "history")) {
            eprintln!("skipped: {} needs history: run with --since REV inside a git repository", r.rule.id);
        }
    }
    // One run per configuration; most runs have one. Tree rules see the files of their own
    // configuration's project.
    // A progress bar for audits: on a terminal, unless --quiet, when there are enough files
    // for the wait to be noticeable.
    let total: usize = groups.iter().map(|(_, m)| m.len()).sum();
    let bar = (!args.quiet && total >= PROGRESS_MIN_FILES && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::stderr());
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} checking {pos}/{len} files [{bar:30}] {elapsed} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let mut result = crate::engine::RunResult { files: vec![], diagnostics: vec![], tool_errors: vec![] };
    let mut thresholds: std::collections::HashMap<String, FailOn> = Default::default();
    for (s, members) in &groups {
        let (members, rels): (Vec<crate::engine::InputFile>, Vec<&String>) =
            members.iter().map(|(i, rel)| (i.clone(), rel)).unzip();
        let cache = (!args.no_cache)
            .then(|| args.cache_dir.clone().or_else(crate::engine::Cache::default_dir))
            .flatten()
            .map(|dir| crate::engine::Cache::new(dir, &s.rules, &s.defines));
        let checker = Checker {
            engine: &engine,
            rules: &s.rules,
            lower: LowerOptions { defines: s.defines.clone(), base_dir: None },
            timings: args.timings.then_some(&timings),
            history: history.as_ref(),
            installed: args.installed.as_deref(),
            progress: bar.as_ref().map(|_| &tick as &(dyn Fn() + Sync)),
            cache: cache.as_ref(),
        };
        let mut r = match &pool {
            Ok(pool) => pool.install(|| checker.run(&members)),
            Err(_) => checker.run(&members),
        };
        if let (Some(c), true) = (&cache, args.verbose) {
            use std::sync::atomic::Ordering::Relaxed;
            eprintln!("cache: {} hits, {} misses", c.hits.load(Relaxed), c.misses.load(Relaxed));
        }
        if !s.per_file_ignores.is_empty() {
            // per-file-ignores: rules (ids or prefixes) dropped for files matching a glob
            let rel: std::collections::HashMap<&str, &String> =
                members.iter().zip(rels).map(|(i, rel)| (i.display.as_str(), rel)).collect();
            r.diagnostics.retain(|d| {
                let Some(path) = rel.get(d.path.as_str()) else { return true };
                !s.per_file_ignores
                    .iter()
                    .any(|(g, rules)| g.is_match(path) && rules.iter().any(|x| rule_matches(x, &d.rule)))
            });
        }
        for d in &r.diagnostics {
            thresholds.insert(d.path.clone(), s.fail_on);
        }
        result.files.extend(r.files);
        result.diagnostics.extend(r.diagnostics);
        result.tool_errors.extend(r.tool_errors);
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if groups.len() > 1 {
        result.files.sort_by(|a, b| a.path.cmp(&b.path));
        crate::engine::sort_diagnostics(&mut result.diagnostics);
        result
            .tool_errors
            .sort_by(|a, b| (&a.path, &a.rule, &a.kind, &a.message).cmp(&(&b.path, &b.rule, &b.kind, &b.message)));
    }
    let rules: Vec<policy::ActiveRule> = all_rules.into_iter().cloned().collect();
    if let Some(path) = &args.write_baseline {
        return match crate::baseline::write(path, &result) {
            Ok(n) => {
                eprintln!("wrote {n} findings to the baseline {}", path.display());
                if result.tool_errors.is_empty() {
                    EXIT_CLEAN
                } else {
                    EXIT_ERROR
                }
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                EXIT_ERROR
            }
        };
    }
    if let Some(path) = &args.baseline {
        match crate::baseline::load(path) {
            Ok(b) => {
                let (baselined, gone) = crate::baseline::apply(&mut result, &b);
                if !args.quiet {
                    let (findings, are) = if baselined == 1 { ("finding", "is") } else { ("findings", "are") };
                    let (entries, were) = if gone == 1 { ("entry", "is") } else { ("entries", "are") };
                    eprintln!(
                        "{baselined} {findings} {are} in the baseline {}; {gone} baseline {entries} {were} gone (fixed)",
                        path.display()
                    );
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_ERROR;
            }
        }
    }

    let infos: Vec<RuleInfo> = rules
        .iter()
        .map(|r| RuleInfo {
            id: r.rule.id.clone(),
            summary: r.rule.docs.summary.clone(),
            rationale: r.rule.docs.rationale.clone(),
            help: r.rule.docs.help.clone(),
            markdown: r.rule.explain_markdown(r.severity),
            severity: r.severity,
            tags: r.rule.meta.tags.clone(),
            precision: r.rule.meta.precision.clone(),
            policy: r.policy.clone(),
        })
        .collect();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let render = |result: &crate::engine::RunResult| match args.format {
        Format::Pretty if args.statistics => report::pretty::statistics(result),
        Format::Pretty => {
            let mut s = report::pretty::render(result, &report::pretty::PrettyOptions { color, ascii: false });
            if args.quiet {
                let summary = report::pretty::summary(result);
                s.truncate(s.len() - summary.len());
            }
            s
        }
        Format::Json => report::json::render(result),
        Format::Github => report::ci::github(result),
        Format::Gitlab => report::ci::gitlab(result),
        Format::Junit => report::ci::junit(result),
        Format::Sarif => report::sarif::render(result, &infos, args.sarif_category.as_deref()),
    };
    let text = if let Some(dir) = &args.output_dir {
        // One report per top-level project (each directory directly under a directory named
        // on the command line): an audit of many repositories, one SARIF upload each.
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return EXIT_ERROR;
        }
        let ext = match args.format {
            Format::Sarif => "sarif",
            Format::Json | Format::Gitlab => "json",
            Format::Junit => "xml",
            Format::Pretty | Format::Github => "txt",
        };
        let mut written = String::new();
        for (project, part) in split_by_project(&result, &args.paths) {
            let path = dir.join(format!("{project}.{ext}"));
            if let Err(e) = super::write_atomic(&path, &render(&part)) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return EXIT_ERROR;
            }
            if !args.quiet {
                written.push_str(&format!(
                    "{}: {} finding{} in {} file{}\n",
                    path.display(),
                    part.diagnostics.len(),
                    if part.diagnostics.len() == 1 { "" } else { "s" },
                    part.files.len(),
                    if part.files.len() == 1 { "" } else { "s" }
                ));
            }
        }
        written
    } else {
        render(&result)
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = super::write_atomic(path, &text) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return EXIT_ERROR;
            }
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (speclint | head) is not an error worth a panic.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
    }
    for t in &result.tool_errors {
        eprintln!("error: {t}");
    }
    if args.timings {
        eprint!("time per rule (summed over threads):\n{}", timings.report());
    }
    if !result.tool_errors.is_empty() || !problems.is_empty() {
        return EXIT_ERROR;
    }
    // A finding fails the run when it reaches the fail-on level of its own file's configuration.
    let level = |f: FailOn| match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Note => Some(Severity::Note),
        FailOn::Never => None,
    };
    // (each group's fail-on already has --fail-on over its configuration's)
    let failing = result.diagnostics.iter().any(|d| {
        let f = thresholds.get(&d.path).copied().unwrap_or(args.fail_on.unwrap_or(FailOn::Warning));
        level(f).is_some_and(|t| d.severity >= t)
    });
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The directories named on the command line, as `(normalised path, own name)`; a path
/// belongs to the first one it is under, in command-line order.
fn project_roots(roots: &[std::path::PathBuf]) -> Vec<(String, String)> {
    roots
        .iter()
        .filter(|r| r.is_dir())
        .map(|r| {
            let norm = norm_path(&r.to_string_lossy().replace('\\', "/"));
            let name =
                std::fs::canonicalize(r).ok().and_then(|a| a.file_name().map(|n| n.to_string_lossy().into_owned()));
            (norm, sanitize(&name.unwrap_or_else(|| "root".into())))
        })
        .collect()
}

fn norm_path(p: &str) -> String {
    p.trim_start_matches("./").trim_end_matches('/').to_string()
}

/// The project a path belongs to: the first directory under the command-line directory that
/// holds it (`audit/repo-a/specs/x.spec` under `audit` is `repo-a`); files directly in that
/// directory belong to the directory's own name, files named one by one to their parent's.
fn project_of(path: &str, roots: &[(String, String)]) -> String {
    let p = norm_path(path);
    for (root, name) in roots {
        let rest = if root.is_empty() || root == "." { Some(p.as_str()) } else { p.strip_prefix(&format!("{root}/")) };
        if let Some(rest) = rest {
            return match rest.split_once('/') {
                Some((first, _)) => sanitize(first),
                None => name.clone(),
            };
        }
    }
    sanitize(p.rsplit_once('/').map_or("files", |(d, _)| d.rsplit('/').next().unwrap_or(d)))
}

fn sanitize(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_alphanumeric() || "-_.+@".contains(c) { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with('.') {
        format!("_{s}")
    } else {
        s
    }
}

fn split_by_project(
    result: &crate::engine::RunResult,
    roots: &[std::path::PathBuf],
) -> std::collections::BTreeMap<String, crate::engine::RunResult> {
    use crate::engine::{CheckedFile, RunResult};
    let roots = &project_roots(roots);
    let mut parts: std::collections::BTreeMap<String, RunResult> = Default::default();
    let empty = || RunResult { files: vec![], diagnostics: vec![], tool_errors: vec![] };
    for f in &result.files {
        parts.entry(project_of(&f.path, roots)).or_insert_with(empty).files.push(CheckedFile::new(
            f.path.clone(),
            f.uri.clone(),
            f.source.clone(),
        ));
    }
    for d in &result.diagnostics {
        parts.entry(project_of(&d.path, roots)).or_insert_with(empty).diagnostics.push(d.clone());
    }
    for t in &result.tool_errors {
        parts
            .entry(project_of(t.path.as_deref().unwrap_or(""), roots))
            .or_insert_with(empty)
            .tool_errors
            .push(t.clone());
    }
    parts
}

fn globs(patterns: &[String]) -> globset::GlobSet {
    let mut b = globset::GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = globset::Glob::new(p) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| globset::GlobSet::empty())
}

/// Print a configuration error as a snippet of the config file when its position is known.
pub fn report_config_error(e: &crate::config::ConfigError) {
    match &e.span {
        Some(range) if !e.text.is_empty() => {
            use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
            let id = e.path.display().to_string();
            let span = crate::span::Span::new(range.start, range.end.max(range.start + 1)).clamp_to(&e.text);
            let cfg = Config::default().with_color(std::io::stderr().is_terminal()).with_index_type(IndexType::Byte);
            let _ = Report::build(ReportKind::Error, (id.clone(), span.range()))
                .with_config(cfg)
                .with_code("config-error")
                .with_message(format!("invalid configuration: {}", e.message))
                .with_label(Label::new((id.clone(), span.range())).with_message(&e.message))
                .finish()
                .eprint((id, Source::from(e.text.as_str())));
        }
        _ => eprintln!("error: {}: {}", e.path.display(), e.message),
    }
}

/// Print a policy error; a broken rule script gets an ariadne snippet of the `.rhai` file.
pub fn report_policy_error(e: &policy::PolicyError) {
    if let policy::PolicyError::Rule(le) = e {
        if let Some(line) = le.line {
            let idx = crate::span::LineIndex::new(&le.source);
            let start = idx.line_start(line.saturating_sub(1)) + le.column.unwrap_or(1).saturating_sub(1);
            let start = start.min(le.source.len());
            let end = (start + 1).min(le.source.len()).max(start);
            let span = crate::span::Span::new(start, end).clamp_to(&le.source);
            use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
            let cfg = Config::default().with_color(std::io::stderr().is_terminal()).with_index_type(IndexType::Byte);
            let _ = Report::build(ReportKind::Error, (le.origin.clone(), span.range()))
                .with_config(cfg)
                .with_code("rule-load-error")
                .with_message(format!("cannot load rule: {}", le.message))
                .with_label(Label::new((le.origin.clone(), span.range())).with_message(&le.message))
                .finish()
                .eprint((le.origin.clone(), Source::from(&*le.source)));
            return;
        }
    }
    eprintln!("error: {e}");
}
