//! `--show-settings`: every setting that changes a result, with where its value came from
//! (the default, the configuration file, the command line or the environment). The one place
//! settings are printed; everything echoed from a file or an argument is redacted here.

use std::fmt::Write as _;
use std::path::Path;

use axiom_lint::settings::ResolvedConfig;

use crate::args::{CheckArgs, OutputFormat};
use crate::settings::RunSettings;

/// Where a setting's value came from.
enum Origin {
    Default,
    Config,
    CommandLine,
    /// Values from the configuration file and the command line together (lists that add up).
    ConfigAndCommandLine,
    Environment(&'static str),
}

/// Prints a setting's origin, naming the configuration file.
struct Origins<'a> {
    config: Option<&'a Path>,
}

impl Origins<'_> {
    fn name(&self, origin: &Origin) -> String {
        let config = || {
            self.config
                .map_or("configuration".to_owned(), crate::shown_path)
        };
        match origin {
            Origin::Default => "default".to_owned(),
            Origin::Config => config(),
            Origin::CommandLine => "command line".to_owned(),
            Origin::ConfigAndCommandLine => format!("{} and command line", config()),
            Origin::Environment(variable) => format!("environment {variable}"),
        }
    }
}

/// The origin of a list the command line adds to.
fn merged(in_config: bool, on_command_line: bool) -> Origin {
    match (in_config, on_command_line) {
        (true, true) => Origin::ConfigAndCommandLine,
        (true, false) => Origin::Config,
        (false, true) => Origin::CommandLine,
        (false, false) => Origin::Default,
    }
}

/// The origin of a value the command line replaces.
fn replaced(in_config: bool, on_command_line: bool) -> Origin {
    if on_command_line {
        Origin::CommandLine
    } else if in_config {
        Origin::Config
    } else {
        Origin::Default
    }
}

/// Whether an option was typed on the command line (not taken from its environment variable).
fn typed(option: &str) -> bool {
    std::env::args_os().skip(1).any(|arg| {
        let arg = arg.to_string_lossy();
        arg == option || arg.starts_with(&format!("{option}="))
    })
}

/// A list as the configuration file writes it: quoted and escaped, so a glob holding a comma,
/// a quote or a control character reads unambiguously.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items
        .iter()
        // JSON escapes C0 controls; inert also escapes DEL, C1 controls and bidi overrides.
        .map(|item| crate::echoed(&serde_json::to_string(item.as_ref()).unwrap_or_default()))
        .collect();
    format!("[{}]", quoted.join(", "))
}

fn output_format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Full => "full",
        OutputFormat::Concise => "concise",
        OutputFormat::Json => "json",
        OutputFormat::Sarif => "sarif",
        OutputFormat::Github => "github",
    }
}

/// The account `--show-settings` prints.
pub(crate) fn render(run: &RunSettings, args: &CheckArgs) -> String {
    let resolved: &ResolvedConfig = run.resolved();
    let config = &resolved.config;
    let origins = Origins {
        config: resolved.config_path.as_deref(),
    };
    let mut out = String::new();
    // The file's origin is how it was chosen.
    let _ = match (
        &resolved.config_path,
        args.rules.isolated,
        &args.rules.config,
    ) {
        (_, true, _) => writeln!(out, "config: (none) (command line: --isolated)"),
        (Some(path), _, Some(_)) => writeln!(
            out,
            "config: {} (command line: --config)",
            crate::shown_path(path)
        ),
        (Some(path), _, None) => writeln!(
            out,
            "config: {} (found upward from the working directory)",
            crate::shown_path(path)
        ),
        (None, _, _) => writeln!(
            out,
            "config: (none) (none found upward from the working directory)"
        ),
    };
    let mut line = |name: &str, value: &str, origin: Origin| {
        let _ = writeln!(out, "{name}: {value} ({})", origins.name(&origin));
    };

    let select = args
        .rules
        .select
        .clone()
        .or_else(|| config.select.clone())
        .unwrap_or_else(|| vec!["ALL".to_owned()]);
    line(
        "select",
        &list(&select),
        replaced(config.select.is_some(), args.rules.select.is_some()),
    );
    let extend_select: Vec<String> = config
        .extend_select
        .iter()
        .chain(&args.rules.extend_select)
        .cloned()
        .collect();
    line(
        "extend-select",
        &list(&extend_select),
        merged(
            !config.extend_select.is_empty(),
            !args.rules.extend_select.is_empty(),
        ),
    );
    let ignore: Vec<String> = config
        .ignore
        .iter()
        .chain(&args.rules.ignore)
        .cloned()
        .collect();
    line(
        "ignore",
        &list(&ignore),
        merged(!config.ignore.is_empty(), !args.rules.ignore.is_empty()),
    );
    line(
        "exclude",
        &list(&resolved.exclude_patterns),
        replaced(!config.exclude.is_empty(), false),
    );
    line(
        "include",
        &list(&resolved.include_patterns),
        replaced(!config.include.is_empty(), false),
    );
    line(
        "extend-edges",
        &list(&config.extend_edges),
        replaced(!config.extend_edges.is_empty(), false),
    );
    line(
        "force-exclude",
        &run.force_exclude.to_string(),
        replaced(config.force_exclude.is_some(), args.force_exclude),
    );
    line(
        "scan-text",
        &run.scan_text.to_string(),
        replaced(config.scan_text.is_some(), args.scan_text),
    );
    line(
        "fail-on",
        run.fail_on.as_str(),
        replaced(config.fail_on.is_some(), args.rules.fail_on.is_some()),
    );
    line(
        "exit-zero",
        &args.rules.exit_zero.to_string(),
        replaced(false, args.rules.exit_zero),
    );
    line(
        "baseline",
        &run.baseline
            .as_ref()
            .map_or("(none)".to_owned(), |path| crate::shown_path(path)),
        replaced(config.baseline.is_some(), args.rules.baseline.is_some()),
    );
    let format = args.print.format();
    let format_origin = match args.print.output_format {
        None => Origin::Default,
        Some(_) if typed("--output-format") => Origin::CommandLine,
        Some(_) => Origin::Environment("AXIOM_LINT_OUTPUT_FORMAT"),
    };
    line("output-format", output_format_name(format), format_origin);

    if resolved.per_file_ignore_patterns.is_empty() {
        out.push_str("per-file-ignores: (none) (default)\n");
    } else {
        let _ = writeln!(out, "per-file-ignores ({}):", origins.name(&Origin::Config));
    }
    for (pattern, rules) in &resolved.per_file_ignore_patterns {
        let codes: Vec<&str> = rules.iter().map(|rule| rule.code()).collect();
        let _ = writeln!(
            out,
            "  {} = {}",
            serde_json::to_string(pattern).unwrap_or_default(),
            list(&codes)
        );
    }
    out.push_str("edges (Axiom's and extend-edges):\n");
    for edge in resolved.settings.edges.edges() {
        let _ = writeln!(out, "  {} ({})", edge.domain(), edge.deployment_id());
    }
    out.push_str("rules (select, extend-select and ignore resolved):\n");
    for rule in resolved.settings.rules.iter() {
        let _ = writeln!(out, "  {} {}", rule.code(), rule.name());
    }
    // Every line may echo the configuration file or an argument: its globs and paths may hold
    // a token.
    axiom_lint::redact_echoed(&out).into_owned()
}
