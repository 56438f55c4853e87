//! The command line: `speclint [check] PATHS`, `rules`, `explain`, `dump`, `policies`.

mod check;
mod docs;
mod init;
pub mod test;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/internal error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "speclint",
    version,
    about = "Policy-as-code linter for RPM spec files and other packaging files",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files and directories (the default command).
    Check(CheckArgs),
    /// List the rules of the selected policies.
    Rules(RulesArgs),
    /// Show a rule's documentation: summary, rationale, examples, fix.
    Explain(ExplainArgs),
    /// Print the model rules see for a file, as JSON.
    Dump(DumpArgs),
    /// List the built-in policies.
    Policies,
    /// Run rule fixtures and documentation examples.
    Test(TestArgs),
    /// Record the current findings, so that `--baseline FILE` reports only new ones.
    Baseline(BaselineArgs),
    /// Write a starter speclint.toml and a site policy with an example rule and fixtures.
    Init(InitArgs),
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// The built-in policy the site policy extends.
    #[arg(long, short = 'p', value_name = "NAME")]
    pub policy: Option<String>,
    /// Where to write (default: the current directory).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct BaselineArgs {
    #[command(subcommand)]
    pub action: BaselineAction,
}

#[derive(Subcommand, Debug)]
pub enum BaselineAction {
    /// Check PATHS as `speclint check` would and write every finding to FILE.
    Write {
        file: PathBuf,
        #[command(flatten)]
        check: CheckArgs,
    },
}

#[derive(clap::Args, Debug)]
pub struct TestArgs {
    /// Rule ids or id prefixes to test (default: every rule of the policies).
    pub rules: Vec<String>,
    /// Policies to test (built-in name or path; default: rpm). Fixtures are found beside
    /// rule files on disk, so test a policy file from its directory tree.
    #[arg(long = "policy", short = 'p', value_name = "NAME|PATH")]
    pub policies: Vec<String>,
}

#[derive(clap::Args, Debug, Clone, Default)]
pub struct CheckArgs {
    /// Files or directories to check.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// A built-in policy name or a path to a policy file (repeatable). Default: rpm.
    #[arg(long = "policy", short = 'p', value_name = "NAME|PATH")]
    pub policies: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Write the report to FILE instead of stdout (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write one report per top-level project into DIR (`DIR/<project>.sarif`...): each
    /// directory directly under a directory given on the command line is a project.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub output_dir: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: warning, or the config's `fail-on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Use this configuration file instead of the nearest speclint.toml / .speclint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Define an rpm macro, as rpmbuild does: --define 'dist .el9' (repeatable).
    #[arg(long, short = 'D', value_name = "'NAME VALUE'")]
    pub define: Vec<String>,
    /// SARIF run category (automationDetails.id), e.g. speclint/phoreus.
    #[arg(long, value_name = "CATEGORY")]
    pub sarif_category: Option<String>,
    /// When to colour pretty output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only, no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the time spent per rule (and in parsing) to stderr.
    #[arg(long)]
    pub timings: bool,
    /// Compare with git revision REV for history rules (e.g. origin/main in CI, HEAD in a
    /// pre-commit hook). Without it, rules that need history are skipped.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// The files belong to a tree installed under ROOT (default `/`): rules may check that the
    /// absolute paths they name exist there, read-only (e.g. lmod/path-does-not-exist).
    #[arg(long, value_name = "ROOT", num_args = 0..=1, default_missing_value = "/", require_equals = true)]
    pub installed: Option<PathBuf>,
    /// Let tree rules see the files under DIR too (e.g. `.` in a pre-commit hook that passes
    /// only staged files): they are parsed for cross-file checks, but only the PATHS given are
    /// reported on.
    #[arg(long, value_name = "DIR")]
    pub tree_context: Option<PathBuf>,
    /// Lint every file: do not read .gitignore, .ignore or .speclintignore.
    #[arg(long)]
    pub no_ignore: bool,
    /// Check every file afresh: neither read nor write the result cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Where the result cache lives (default: $SPECLINT_CACHE_DIR, $XDG_CACHE_HOME/speclint or
    /// ~/.cache/speclint).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Follow symbolic links while walking directories (not followed by default: an installed
    /// tree's `default.lua` is checked as a link, and links may point outside the tree).
    #[arg(long)]
    pub follow_links: bool,
    /// Say which rules were skipped and why, on stderr.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Run only these rules: ids or prefixes (`rpm/`, `rpm/macro-`), comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "RULE|PREFIX")]
    pub select: Vec<String>,
    /// Also run these built-in rules, on top of the policies' own.
    #[arg(long, value_delimiter = ',', value_name = "RULE|PREFIX")]
    pub extend_select: Vec<String>,
    /// Do not run these rules (applied after --select and --extend-select).
    #[arg(long, value_delimiter = ',', value_name = "RULE|PREFIX")]
    pub ignore: Vec<String>,
    /// Print the number of findings per rule instead of the findings (pretty format).
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings not recorded in this baseline (`speclint baseline write FILE`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[arg(skip)]
    pub write_baseline: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Pretty,
    Sarif,
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Note,
    /// Never fail because of findings.
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Policies whose rules to list (default: every built-in rule).
    #[arg(long = "policy", short = 'p', value_name = "NAME|PATH")]
    pub policies: Vec<String>,
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RulesFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Rule id, e.g. rpm/setup-not-quiet.
    pub rule: String,
    /// Also look in these policies (for rules of policies on disk).
    #[arg(long = "policy", short = 'p', value_name = "NAME|PATH")]
    pub policies: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub struct DumpArgs {
    pub file: PathBuf,
    #[arg(long, short = 'D', value_name = "'NAME VALUE'")]
    pub define: Vec<String>,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(args),
        None => check::run(cli.check),
        Some(Command::Rules(args)) => docs::rules(args),
        Some(Command::Explain(args)) => docs::explain(args),
        Some(Command::Dump(args)) => docs::dump(args),
        Some(Command::Policies) => docs::policies(),
        Some(Command::Test(args)) => test::run(args),
        Some(Command::Init(args)) => init::run(args),
        Some(Command::Baseline(BaselineArgs { action: BaselineAction::Write { file, mut check } })) => {
            check.write_baseline = Some(file);
            check::run(check)
        }
    };
    ExitCode::from(code)
}

/// `--define 'name value'` → (name, value).
pub fn parse_defines(defs: &[String]) -> Result<Vec<(String, String)>, String> {
    defs.iter()
        .map(|d| {
            let d = d.trim().trim_start_matches('%');
            let (name, value) = d.split_once(char::is_whitespace).unwrap_or((d, ""));
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("--define expects 'NAME VALUE', got `{d}`"));
            }
            Ok((name.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// Write `text` to `path` atomically: a crash never leaves half a report.
pub fn write_atomic(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let tmp = dir.join(format!(
        ".{}.speclint-tmp-{}",
        path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
