//! `cargo xtask`: project automation that is code, not shell (rust-analyzer's pattern).
//!
//! - `cargo xtask codegen` regenerates every generated file; `--check` only reports drift.
//! - `cargo xtask bench [--quick] [--install-peers] [--files N]` measures the performance
//!   targets and writes `docs/performance.md` (`--quick`: tiny sizes, debug build, for CI).
//! - `cargo xtask scaling [--quick]` times every adversarial shape at n and 8n and fails above
//!   12× (`--quick`: small sizes, debug build, for CI); the full run writes its table into
//!   `docs/performance.md`. `scaling --once SHAPE N` lints the first shape whose name
//!   contains `SHAPE` once at `N` units, untimed, for a profiler to count its instructions;
//!   `scaling --only SHAPE` times, as the full run does, only the shapes whose names contain
//!   `SHAPE`, and writes nothing. `scaling --time-once SHAPE N` is one timed run (the shape
//!   named exactly `SHAPE`), the process each run of the others starts.
//! - `cargo xtask bench-trees DIR [--files N]` writes the bench's generated trees into `DIR`
//!   and stops, so a profiler (perf, callgrind) can be pointed at the same files.

// A developer tool talks to its developer on the terminal.
#![allow(clippy::print_stderr, clippy::print_stdout)]

#[cfg(test)]
mod agreement;
mod bench;
mod bench_history;
mod bench_server;
mod codegen;
#[cfg(test)]
mod dependencies;
mod performance_doc;
mod readme_editors;
mod scaling;
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
        ["bench", rest @ ..] => match bench_options(rest) {
            Some(options) => bench::run(options),
            None => {
                eprintln!("usage: cargo xtask bench [--quick] [--install-peers] [--files N]");
                return ExitCode::from(2);
            }
        },
        ["scaling"] => scaling::run(scaling::ScalingOptions {
            quick: false,
            only: None,
        }),
        ["scaling", "--quick"] => scaling::run(scaling::ScalingOptions {
            quick: true,
            only: None,
        }),
        ["scaling", "--only", shape] => scaling::run(scaling::ScalingOptions {
            quick: false,
            only: Some(shape),
        }),
        ["scaling", "--once", shape, n] => match n.parse() {
            Ok(n) => scaling::once(shape, n),
            Err(_) => {
                eprintln!("usage: cargo xtask scaling --once SHAPE N");
                return ExitCode::from(2);
            }
        },
        ["scaling", "--time-once", shape, n] => match n.parse() {
            Ok(n) => scaling::time_once(shape, n),
            Err(_) => {
                eprintln!("usage: cargo xtask scaling --time-once SHAPE N");
                return ExitCode::from(2);
            }
        },
        ["bench-trees", dir] => bench::write_trees(std::path::Path::new(dir), 10_000),
        ["bench-trees", dir, "--files", files] => match files.parse() {
            Ok(files) => bench::write_trees(std::path::Path::new(dir), files),
            Err(_) => {
                eprintln!("usage: cargo xtask bench-trees DIR [--files N]");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--check] | cargo xtask bench [--quick] [--install-peers] [--files N] | cargo xtask scaling [--quick | --only SHAPE | --once SHAPE N | --time-once SHAPE N] | cargo xtask bench-trees DIR [--files N]"
            );
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

fn bench_options(args: &[&str]) -> Option<bench::BenchOptions> {
    let mut options = bench::BenchOptions {
        files: 10_000,
        quick: false,
        install_peers: false,
    };
    let mut files = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--quick" => options.quick = true,
            "--install-peers" => options.install_peers = true,
            "--files" => files = Some(args.next()?.parse().ok()?),
            _ => return None,
        }
    }
    options.files = files.unwrap_or(if options.quick { 40 } else { 10_000 });
    Some(options)
}

/// The repository root, found from this crate's manifest so the tasks work from any directory.
fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}
