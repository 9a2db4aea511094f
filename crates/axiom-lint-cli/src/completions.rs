//! Shell completions, by clap's dynamic completion: the shell script only calls back into
//! `axiom-lint`, which completes from its own clap definition (subcommands, options, their
//! values, rule codes). clap_complete's static bash script breaks after any subcommand when the
//! binary's name has a hyphen (clap-rs/clap#6421), and cannot offer rule codes.
//!
//! `axiom-lint completions SHELL` prints the script; the script runs
//! `AXIOM_LINT_COMPLETE=SHELL axiom-lint -- WORDS…`, answered by [`complete_from_env`].

use std::ffi::OsString;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::env::{EnvCompleter, Shells};

use crate::args::Cli;
use crate::emit;

/// The variable the completion script sets to ask for completions. Not clap's default
/// `COMPLETE`: a name that general may be set for other reasons where the linter runs.
const VAR: &str = "AXIOM_LINT_COMPLETE";

fn shell(name: &str) -> Option<&'static dyn EnvCompleter> {
    Shells::builtins()
        .0
        .iter()
        .copied()
        .find(|shell| shell.is(name))
}

/// How the script calls this program: the path it was started by, made absolute when it is a
/// relative path with a directory (a bare name is looked up on `PATH`, as the user typed it).
fn completer_path() -> String {
    let started_as = std::env::args_os().next().unwrap_or_default();
    let path = std::path::PathBuf::from(started_as);
    let path = if path.components().count() > 1 && path.is_relative() {
        std::env::current_dir().map_or(path.clone(), |dir| dir.join(&path))
    } else {
        path
    };
    path.to_string_lossy().into_owned()
}

/// `axiom-lint completions SHELL`: the script that registers completions for `axiom-lint`.
pub(crate) fn print_registration(shell_name: &str) -> ExitCode {
    let Some(shell) = shell(shell_name) else {
        return emit::error(&format!(
            "no completions for `{}`",
            axiom_lint::redact_echoed(shell_name)
        ));
    };
    let mut script = Vec::new();
    if let Err(error) = shell.write_registration(
        VAR,
        "axiom-lint",
        "axiom-lint",
        &completer_path(),
        &mut script,
    ) {
        return emit::error(&format!("cannot write the completion script: {error}"));
    }
    emit::print(&String::from_utf8_lossy(&script))
}

/// Answers a completion request from the script, when `AXIOM_LINT_COMPLETE` names a shell;
/// `None` for an ordinary run. Candidates may be file names, so they are redacted like
/// everything else the command prints.
pub(crate) fn complete_from_env() -> Option<ExitCode> {
    let name = std::env::var_os(VAR)?;
    if name.is_empty() || name == "0" {
        return None;
    }
    let name = name.to_string_lossy().into_owned();
    let Some(shell) = shell(&name) else {
        return Some(emit::error(&format!(
            "{VAR}: no completions for `{}`",
            axiom_lint::redact_echoed(&name)
        )));
    };
    let mut args: Vec<OsString> = std::env::args_os().collect();
    // Everything after `--` is the command line being completed, from its program name on.
    let Some(separator) = args.iter().position(|arg| arg == "--") else {
        return Some(print_registration(&name));
    };
    args.drain(..=separator);
    if args.is_empty() {
        return Some(print_registration(&name));
    }
    let mut command = Cli::command();
    command.build();
    let current_dir = std::env::current_dir().ok();
    let mut out = Vec::new();
    if let Err(error) = shell.write_complete(&mut command, args, current_dir.as_deref(), &mut out) {
        return Some(emit::error(&format!("cannot complete: {error}")));
    }
    Some(emit::print(&String::from_utf8_lossy(&out)))
}
