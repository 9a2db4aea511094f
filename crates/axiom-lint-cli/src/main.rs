//! The `axiom-lint` command: lint files and directories, print what was found, exit 0/1/2.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::{Format, Settings, Severity, SourceFile};
use clap::Parser;
use rayon::prelude::*;

/// Finds broken and dangerous Axiom credentials in TOML and JSON configuration.
#[derive(Debug, Parser)]
#[command(name = "axiom-lint", version, about)]
struct Args {
    /// Files or directories to lint; directories are walked honouring `.gitignore`.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
}

/// A file found by discovery, and whether it was named on the command line.
struct Candidate {
    path: PathBuf,
    format: Format,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut problems = Vec::new();
    let candidates = discover(&args.paths, &mut problems);
    let settings = Settings::default();
    let mut outputs: Vec<(String, String, usize)> = candidates
        .par_iter()
        .map(|candidate| lint_file(candidate, &settings))
        .collect();
    outputs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut stdout = std::io::stdout().lock();
    let mut findings = 0;
    for (_, rendered, count) in &outputs {
        findings += count;
        let _ = stdout.write_all(rendered.as_bytes());
    }
    let mut stderr = std::io::stderr().lock();
    for problem in &problems {
        let _ = writeln!(stderr, "error: {problem}");
    }
    if !problems.is_empty() || outputs.iter().any(|(_, _, count)| *count == usize::MAX) {
        return ExitCode::from(2);
    }
    if findings > 0 {
        let _ = writeln!(
            stdout,
            "Found {findings} problem{} in {} file{}.",
            plural(findings),
            outputs.len(),
            plural(outputs.len())
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Lints one file: (display path, rendered output, findings at warning or above).
fn lint_file(candidate: &Candidate, settings: &Settings) -> (String, String, usize) {
    let display = candidate.path.display().to_string();
    let text = match std::fs::read(&candidate.path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return (
                    display.clone(),
                    format!("error: {display}: not UTF-8 text\n"),
                    usize::MAX,
                );
            }
        },
        Err(error) => {
            return (
                display.clone(),
                format!("error: {display}: {error}\n"),
                usize::MAX,
            );
        }
    };
    let source = SourceFile::new(display.clone(), text, candidate.format);
    let result = axiom_lint::lint(&source, settings);
    let failing = result
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count();
    (
        display,
        render::graphical(&source, &result, GraphicalOptions::default()),
        failing,
    )
}

fn discover(paths: &[PathBuf], problems: &mut Vec<String>) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for path in paths {
        if path.is_file() {
            match Format::detect(path) {
                Some(detected) => candidates.push(Candidate {
                    path: path.clone(),
                    format: detected.format,
                }),
                None => problems.push(format!("{}: not a TOML or JSON file", path.display())),
            }
            continue;
        }
        if !path.exists() {
            problems.push(format!("{}: no such file or directory", path.display()));
            continue;
        }
        for entry in ignore::WalkBuilder::new(path)
            .hidden(false)
            .build()
            .flatten()
        {
            let entry_path = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) || is_in_git_dir(entry_path) {
                continue;
            }
            if let Some(detected) = Format::detect(entry_path).filter(|d| !d.is_lock_file) {
                candidates.push(Candidate {
                    path: entry_path.to_path_buf(),
                    format: detected.format,
                });
            }
        }
    }
    candidates.sort_by(|a, b| a.path.cmp(&b.path));
    candidates.dedup_by(|a, b| a.path == b.path);
    candidates
}

fn is_in_git_dir(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == ".git")
}
