//! `cargo xtask`: project automation that is code, not shell (rust-analyzer's pattern).
//!
//! - `cargo xtask codegen` regenerates every generated file; `--check` only reports drift.
//! - `cargo xtask bench [--files N]` measures the performance targets.

// A developer tool talks to its developer on the terminal.
#![allow(clippy::print_stderr, clippy::print_stdout)]

mod bench;
mod codegen;
#[cfg(test)]
mod dependencies;
#[cfg(test)]
mod schema_fixtures;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["bench"] => bench::run(10_000),
        ["bench", "--files", count] => match count.parse() {
            Ok(files) => bench::run(files),
            Err(_) => {
                eprintln!("--files takes a number");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: cargo xtask codegen [--check] | cargo xtask bench [--files N]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root, found from this crate's manifest so the tasks work from any directory.
fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}
