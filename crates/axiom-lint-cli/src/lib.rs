//! The `axiom-lint` command: parses the command line and hands it to a subcommand
//! ([`commands`]); what the subcommands share (colour, width, shown paths) lives here.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings; 2 usage, configuration or I/O
//! error (files that could not be read are reported and the rest are still linted).
//!
//! Every byte of text the command prints goes through [`emit`], which redacts token bodies
//! whatever produced the text (a report, an echoed argument, a file name, a config error).

mod args;
mod baseline;
mod commands;
mod completions;
mod discover;
mod emit;
mod fix;
mod input;
mod load;
mod outcome;
mod output;
mod settings;
mod show_settings;

use std::path::Path;
use std::process::ExitCode;

use axiom_lint::Rule;
use clap::{CommandFactory, Parser};

use crate::args::{Cli, ColorChoice, Command, SchemaName};
use crate::emit::{error, print};

const USAGE_ERROR: u8 = 2;

/// The command's clap definition, for generated completions and the man page.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Runs the command with the process's arguments.
pub fn run() -> ExitCode {
    // The completion script calls back with the command line it is completing.
    if let Some(code) = completions::complete_from_env() {
        return code;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap quotes the offending argument; it may be a token pasted in the wrong place.
        Err(parse_error) => {
            if parse_error.use_stderr()
                && input::raw_args_fix_stdin(&std::env::args_os().collect::<Vec<_>>())
            {
                input::give_back_unread();
            }
            let text = parse_error.render().to_string();
            let code = u8::try_from(parse_error.exit_code()).unwrap_or(USAGE_ERROR);
            if parse_error.use_stderr() {
                emit::stderr(&axiom_lint::redact_echoed(&text));
            } else {
                emit::stdout(&text);
            }
            return ExitCode::from(code);
        }
    };
    match cli.command {
        None => commands::check::run(&cli.check),
        Some(Command::Check(args)) => commands::check::run(&args),
        Some(Command::Rule { code }) => explain(&code),
        Some(Command::Rules) => print(&output::rules_table()),
        Some(Command::History(args)) => commands::history::run(&args),
        Some(Command::Schema { which, base_url }) => {
            let schema = match which {
                SchemaName::Credentials => axiom_lint::credentials_schema(),
                SchemaName::Config => axiom_lint::config_schema(),
                SchemaName::Catalog => axiom_lint::schema_catalog(
                    base_url
                        .as_deref()
                        .unwrap_or(axiom_lint::DEFAULT_SCHEMA_BASE_URL),
                ),
            };
            print(&(serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"))
        }
        Some(Command::Server) => match axiom_lint_server::run_stdio() {
            axiom_lint_server::Ending::Clean => ExitCode::SUCCESS,
            // The protocol says so: `exit` without `shutdown` exits 1.
            axiom_lint_server::Ending::Abrupt => ExitCode::FAILURE,
        },
        Some(Command::Completions { shell }) => completions::print_registration(&shell.to_string()),
    }
}

fn explain(code: &str) -> ExitCode {
    match Rule::from_code_or_name(code) {
        Some(rule) => print(&format!(
            "# {} {} ({})\n\n{}",
            rule.code(),
            rule.name(),
            rule.default_severity().as_str(),
            rule.docs()
        )),
        None => error(&format!(
            "`{}` is not a rule code or name; `axiom-lint rules` lists them",
            echoed(code)
        )),
    }
}

fn report_errors(errors: &[String]) -> ExitCode {
    for message in errors {
        emit::stderr(&format!("error: {message}\n"));
    }
    ExitCode::from(USAGE_ERROR)
}

/// Writes the report of every linted file, in order.
fn use_color(choice: ColorChoice, stdout_is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    let forced = |name: &str| set(name) && std::env::var_os(name).is_some_and(|value| value != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if forced("FORCE_COLOR") || forced("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => stdout_is_terminal,
    }
}

/// The width `full` output wraps at: `COLUMNS` when it holds a number (the convention that
/// lets a user or a test choose), else the terminal's, else 100 columns (a pipe or a file has
/// no width, and output there must not depend on the terminal the command was started from).
fn report_width(stdout_is_terminal: bool) -> usize {
    let terminal_columns = stdout_is_terminal
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(terminal_size::Width(columns), _)| usize::from(columns));
    choose_width(std::env::var_os("COLUMNS").as_deref(), terminal_columns)
}

fn choose_width(
    columns_variable: Option<&std::ffi::OsStr>,
    terminal_columns: Option<usize>,
) -> usize {
    const DEFAULT_WIDTH: usize = 100;
    // Narrower than this, miette's frames leave no room for the text.
    const NARROWEST: usize = 40;
    columns_variable
        .and_then(std::ffi::OsStr::to_str)
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|columns| *columns > 0)
        .or(terminal_columns)
        .map_or(DEFAULT_WIDTH, |columns| columns.max(NARROWEST))
}

/// The path as users should see it: relative, without a leading `./`, with `/` separators;
/// see [`shown_path`].
fn display_path(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    axiom_lint::redact(&path.to_string_lossy()).replace('\\', "/")
}

/// A path as output shows it: a name that is not UTF-8 is shown lossily, and a segment that
/// holds a whole token (a prefix and a UUID-shaped body, as [`axiom_lint::redact`] finds
/// them) is masked. Other names are shown as they are, even when they start like a token
/// (`ops/xait-curl/`), so a report (JSON, SARIF) names the real file.
pub(crate) fn shown_path(path: &Path) -> String {
    // Made inert too: a name may hold a newline, an escape sequence or a workflow command.
    axiom_lint::render::inert(&axiom_lint::redact(&path.to_string_lossy())).into_owned()
}

/// Text from outside (an argument, a configuration value) as a message quotes it: every word
/// after a token prefix hidden, and made inert, so that it can neither show a token nor drive
/// a terminal or a CI log.
pub(crate) fn echoed(text: &str) -> String {
    axiom_lint::render::inert(&axiom_lint::redact_echoed(text)).into_owned()
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::choose_width;

    #[test]
    fn the_width_is_columns_then_the_terminal_then_100() {
        assert_eq!(choose_width(Some(OsStr::new("72")), Some(180)), 72);
        assert_eq!(choose_width(None, Some(180)), 180);
        assert_eq!(choose_width(None, None), 100);
        // Not a width: ignored, as if unset.
        assert_eq!(choose_width(Some(OsStr::new("wide")), Some(90)), 90);
        assert_eq!(choose_width(Some(OsStr::new("0")), None), 100);
        assert_eq!(choose_width(Some(OsStr::new("")), None), 100);
        // Too narrow for miette's frames.
        assert_eq!(choose_width(Some(OsStr::new("10")), None), 40);
        assert_eq!(choose_width(None, Some(20)), 40);
    }
}
