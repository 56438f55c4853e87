//! `speclint check`: load policies, walk, check, report, choose the exit code.

use super::{CheckArgs, ColorChoice, FailOn, Format, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
use crate::engine::{collect_files, Checker};
use crate::model::LowerOptions;
use crate::policy::{self, Policy};
use crate::report::{self, RuleInfo};
use std::io::IsTerminal;

pub fn run(args: CheckArgs) -> u8 {
    let engine = crate::script::build_engine();
    // The configuration: --config, else the nearest file above the first path; --isolated: none.
    let config = if args.isolated {
        None
    } else {
        let path = args.config.clone().or_else(|| {
            crate::config::discover(args.paths.first().map(|p| p.as_path()).unwrap_or(std::path::Path::new(".")))
        });
        match path.map(|p| crate::config::load(&p)) {
            Some(Ok(c)) => Some(c),
            Some(Err(e)) => {
                report_config_error(&e);
                return EXIT_ERROR;
            }
            None => None,
        }
    };
    let mut args = args;
    if let Some(c) = &config {
        // command-line options win; lists that add up (extend-select, ignore) are merged
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
        match policy::load(&engine, s) {
            Ok(p) => policies.push(p),
            Err(e) => {
                report_policy_error(&e);
                return EXIT_ERROR;
            }
        }
    }
    let cli_defines = match super::parse_defines(&args.define) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    // Policy defines first, then the configuration's, the command line last: it wins.
    let mut defines: Vec<(String, String)> = policies.iter().flat_map(|p| p.defines.clone()).collect();
    if let Some(c) = &config {
        defines.extend(c.config.defines.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    defines.extend(cli_defines);
    let mut rules: Vec<_> = Vec::new();
    for p in &policies {
        for r in &p.rules {
            if !rules.iter().any(|x: &policy::ActiveRule| x.rule.id == r.rule.id) {
                rules.push(r.clone());
            }
        }
    }
    // --extend-select and --select can name built-in rules of policies that were not loaded.
    let matches = |pat: &str, id: &str| id == pat || id.starts_with(pat);
    let wanted_builtins: Vec<&String> = args.extend_select.iter().chain(args.select.iter()).collect();
    if !wanted_builtins.is_empty() {
        for id in policy::builtin_rule_ids() {
            if wanted_builtins.iter().any(|p| matches(p, id)) && !rules.iter().any(|r| r.rule.id == id) {
                match policy::load_builtin_rule(&engine, id) {
                    Ok(r) => rules.push(r),
                    Err(e) => {
                        report_policy_error(&e);
                        return EXIT_ERROR;
                    }
                }
            }
        }
    }
    for pat in args.select.iter().chain(&args.extend_select).chain(&args.ignore) {
        if !rules.iter().any(|r| matches(pat, &r.rule.id))
            && !policy::builtin_rule_ids().iter().any(|id| matches(pat, id))
        {
            eprintln!("error: `{pat}` matches no rule (`speclint rules` lists them)");
            return EXIT_ERROR;
        }
    }
    if !args.select.is_empty() {
        rules.retain(|r| args.select.iter().any(|p| matches(p, &r.rule.id)));
    }
    rules.retain(|r| !args.ignore.iter().any(|p| matches(p, &r.rule.id)));
    rules.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
    if let Some(c) = &config {
        for (id, sev) in &c.config.severity {
            for r in rules.iter_mut().filter(|r| matches(id, &r.rule.id)) {
                r.severity = (*sev).into();
            }
        }
    }
    let (mut inputs, problems) = collect_files(&args.paths);
    if let Some(c) = &config {
        if !c.config.exclude.is_empty() {
            let set = globs(&c.config.exclude);
            inputs.retain(|i| !set.is_match(c.relative(&i.path)));
        }
    }
    for p in &problems {
        eprintln!("error: {p}");
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build();
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
    if args.verbose && history.is_none() {
        for r in rules.iter().filter(|r| r.rule.meta.requires.iter().any(|x| x == "history")) {
            eprintln!("skipped: {} needs history: run with --since REV inside a git repository", r.rule.id);
        }
    }
    let checker = Checker {
        engine: &engine,
        rules: &rules,
        lower: LowerOptions { defines, base_dir: None },
        timings: args.timings.then_some(&timings),
        history: history.as_ref(),
    };
    let mut result = match pool {
        Ok(pool) => pool.install(|| checker.run(&inputs)),
        Err(_) => checker.run(&inputs),
    };
    if let Some(c) = &config {
        // per-file-ignores: rules (ids or prefixes) dropped for files matching a glob
        let entries: Vec<(globset::GlobMatcher, &Vec<String>)> = c
            .config
            .per_file_ignores
            .iter()
            .filter_map(|(g, rules)| globset::Glob::new(g).ok().map(|g| (g.compile_matcher(), rules)))
            .collect();
        if !entries.is_empty() {
            let rel: std::collections::HashMap<&str, String> =
                inputs.iter().map(|i| (i.display.as_str(), c.relative(&i.path))).collect();
            result.diagnostics.retain(|d| {
                let Some(path) = rel.get(d.path.as_str()) else { return true };
                !entries.iter().any(|(g, rules)| g.is_match(path) && rules.iter().any(|r| matches(r, &d.rule)))
            });
        }
    }
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
                    eprintln!(
                        "{baselined} findings are in the baseline {}; {gone} baseline entries are gone (fixed)",
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
    let text = match args.format {
        Format::Pretty if args.statistics => report::pretty::statistics(&result),
        Format::Pretty => {
            let mut s = report::pretty::render(&result, &report::pretty::PrettyOptions { color, ascii: false });
            if args.quiet {
                let summary = report::pretty::summary(&result);
                s.truncate(s.len() - summary.len());
            }
            s
        }
        Format::Json => report::json::render(&result),
        Format::Sarif => report::sarif::render(&result, &infos, args.sarif_category.as_deref()),
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
    let threshold = match args.fail_on.unwrap_or(FailOn::Warning) {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Note => Some(Severity::Note),
        FailOn::Never => None,
    };
    match threshold {
        Some(t) if result.diagnostics.iter().any(|d| d.severity >= t) => EXIT_FINDINGS,
        _ => EXIT_CLEAN,
    }
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
