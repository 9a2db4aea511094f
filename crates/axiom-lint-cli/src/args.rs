//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use axiom_lint::Rule;
use clap_complete::engine::CompletionCandidate;

/// Finds broken and dangerous Axiom credentials in TOML, JSON, YAML, .env and Terraform
/// configuration, and tokens in any text file.
#[derive(Debug, Parser)]
#[command(
    name = "axiom-lint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    #[command(flatten)]
    pub(crate) check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint files and directories (the default command).
    Check(CheckArgs),
    /// Explain one rule: what it finds, why, and what to write instead.
    Rule {
        /// A code (`AXL201`) or name (`hardcoded-token`).
        #[arg(add = ArgValueCandidates::new(rule_candidates))]
        code: String,
    },
    /// List every rule.
    Rules,
    /// Print a JSON Schema (draft-07) for editors.
    Schema {
        /// Which schema, or `catalog`: a SchemaStore-style catalog mapping file names to both.
        #[arg(value_enum)]
        which: SchemaName,
        /// For `catalog`: the URL of the directory holding the schemas (such as
        /// `file:///path/to/axiom-lint/schemas/`).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Run the language server over standard input and output, for editors.
    Server,
    /// Find every Axiom token ever committed to a git repository, and whether it is still there.
    ///
    /// Scans each blob reachable from the revisions once, with the same token scan as `check`,
    /// and reports each token once: the commit that first added it, its path and line there, how
    /// many commits and paths added it, and whether HEAD and the work tree still hold it. Rotate
    /// every token it finds in Axiom (Settings → API tokens) whatever happens to the history:
    /// removing a token from git does not revoke it. Submodules are not followed; blobs a partial
    /// clone lacks are reported, counted and skipped; nothing is fetched. A baseline matches a
    /// token on its hash, wherever it was committed.
    History(HistoryArgs),
    /// Print a shell completion script (`source <(axiom-lint completions bash)`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum SchemaName {
    /// The native `axiom-credentials.toml`/`.json` file.
    Credentials,
    /// The `axiom-lint.toml` configuration file.
    Config,
    /// A SchemaStore-style catalog: which file names each schema is for.
    Catalog,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Graphical reports with the source (default).
    Full,
    /// One line per finding: `path:line:col: CODE [severity] message`.
    Concise,
    /// JSON, version 1.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOnArg {
    Error,
    Warning,
    Info,
}

/// How findings are printed: the same options for `check` and `history`.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct PrintArgs {
    /// How to print findings.
    #[arg(long, value_enum, env = "AXIOM_LINT_OUTPUT_FORMAT")]
    pub(crate) output_format: Option<OutputFormat>,
    /// When to colour the full output (also honours `NO_COLOR`); other formats are plain.
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: Option<ColorChoice>,
    /// Print only findings, not the closing summary.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

impl PrintArgs {
    /// The output format asked for, or the default.
    pub(crate) fn format(&self) -> OutputFormat {
        self.output_format.unwrap_or(OutputFormat::Full)
    }

    /// The colour choice asked for, or the default.
    pub(crate) fn color_choice(&self) -> ColorChoice {
        self.color.unwrap_or(ColorChoice::Auto)
    }
}

/// Which rules run, with which settings, and when the run fails: the same options for `check`
/// and `history`, so the two commands can never read a selection differently.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct RuleArgs {
    /// Run only these rules (codes, prefixes such as `AXL2`, names, or `ALL`), comma-separated.
    #[arg(long, value_delimiter = ',', add = ArgValueCandidates::new(rule_candidates))]
    pub(crate) select: Option<Vec<String>>,
    /// Also run these rules.
    #[arg(long, value_delimiter = ',', add = ArgValueCandidates::new(rule_candidates))]
    pub(crate) extend_select: Vec<String>,
    /// Never run these rules.
    #[arg(long, value_delimiter = ',', add = ArgValueCandidates::new(rule_candidates))]
    pub(crate) ignore: Vec<String>,
    /// Read settings from this file instead of the nearest `axiom-lint.toml`.
    #[arg(long, conflicts_with = "isolated")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore configuration files (inline suppressions still apply).
    #[arg(long)]
    pub(crate) isolated: bool,
    /// Hide findings recorded in this baseline file.
    #[arg(long)]
    pub(crate) baseline: Option<PathBuf>,
    /// The lowest severity that fails the run.
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOnArg>,
    /// Exit 0 even when findings are reported.
    #[arg(long)]
    pub(crate) exit_zero: bool,
}

#[derive(Debug, Clone, Default, Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to lint (`-` for standard input); directories are walked honouring `.gitignore`.
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) print: PrintArgs,
    /// Print a count of findings per rule instead of the findings.
    #[arg(long)]
    pub(crate) statistics: bool,
    #[command(flatten)]
    pub(crate) rules: RuleArgs,
    /// Print every setting that changes a result, with where it came from, and exit.
    #[arg(long)]
    pub(crate) show_settings: bool,
    /// Apply safe fixes to the files.
    #[arg(long, conflicts_with = "diff")]
    pub(crate) fix: bool,
    /// Also apply unsafe fixes (implies `--fix` unless `--diff` is given).
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Print the changes `--fix` would make as a unified diff, without writing; exit 1 if there are any.
    #[arg(long)]
    pub(crate) diff: bool,
    /// Record the current findings in this baseline file and exit 0.
    #[arg(long, conflicts_with = "diff")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// The path to show and match settings against for standard input (read when no path is given).
    #[arg(long)]
    pub(crate) stdin_filename: Option<PathBuf>,
    /// When walking directories, scan every other text file for tokens and Axiom URLs (the default; config `scan-text`).
    #[arg(long, overrides_with = "no_scan_text")]
    pub(crate) scan_text: bool,
    /// When walking directories, read only the structured formats (config `scan-text = false`).
    #[arg(long, overrides_with = "scan_text")]
    pub(crate) no_scan_text: bool,
    /// Apply `exclude` even to files named on the command line (for pre-commit; config `force-exclude`).
    #[arg(long)]
    pub(crate) force_exclude: bool,
}

/// `axiom-lint history`'s command line.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct HistoryArgs {
    /// Revisions or ranges to scan (`main`, `main..feature`, `^v1.0`); every ref when none is
    /// given. On a pull request, `origin/main..HEAD` scans only its new commits.
    #[arg(value_name = "REV-RANGE")]
    pub(crate) revisions: Vec<String>,
    /// The repository to scan: any directory inside it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) repo: PathBuf,
    /// Scan only commits made on or after this date (`2024-05-01` or `2024-05-01T12:00:00Z`).
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<String>,
    #[command(flatten)]
    pub(crate) print: PrintArgs,
    #[command(flatten)]
    pub(crate) rules: RuleArgs,
    /// Record every token found in this baseline file and exit 0 (after rotating them).
    #[arg(long)]
    pub(crate) write_baseline: Option<PathBuf>,
}

/// Rule codes for `--select`, `--ignore`, `--extend-select` and `rule`, each with its name.
pub(crate) fn rule_candidates() -> Vec<CompletionCandidate> {
    std::iter::once(CompletionCandidate::new("ALL").help(Some("every rule".into())))
        .chain(
            Rule::ALL
                .iter()
                .map(|rule| CompletionCandidate::new(rule.code()).help(Some(rule.name().into()))),
        )
        .collect()
}
