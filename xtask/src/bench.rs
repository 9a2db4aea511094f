//! `cargo xtask bench`: measures the targets in DESIGN.md ("Targets") on this machine, so speed
//! is judged by numbers from a repeatable run, never by timed tests.
//!
//! - one small file, as a pre-commit hook calls it: median wall time (target ≤ 5 ms);
//! - a generated tree of config files: lint throughput against parse-only throughput with the
//!   same parsers (target ≥ 80 %), speed-up from 1 to 2 threads (target ≥ 1.7×), and peak RSS
//!   (target ≤ 64 MB, measured with GNU time when it is installed).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axiom_lint::{Format, Settings, SourceFile};

use crate::project_root;

pub(crate) fn run(files: usize) -> anyhow::Result<()> {
    let root = project_root();
    if cfg!(debug_assertions) {
        // In-process numbers from a debug build would measure the compiler's debug mode.
        let status = Command::new(env!("CARGO"))
            .current_dir(&root)
            .args([
                "run",
                "--release",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "bench",
                "--files",
                &files.to_string(),
            ])
            .status()?;
        return if status.success() {
            Ok(())
        } else {
            bail!("the release benchmark failed")
        };
    }
    let status = Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["build", "--release", "--quiet", "--bin", "axiom-lint"])
        .status()?;
    if !status.success() {
        bail!("the release build failed");
    }
    let binary = root.join("target/release/axiom-lint");

    let hook = median_wall(
        &binary,
        &root,
        &["--isolated", "-q", "fixtures/endpoint/clean_vector.toml"],
        41,
    )?;
    println!(
        "one small file (pre-commit): median {:.2} ms (target ≤ 5 ms)",
        ms(hook)
    );

    let tree = std::env::temp_dir().join(format!("axiom-lint-bench-{files}"));
    let bytes = generate_tree(&tree, files)?;
    let megabytes = bytes as f64 / 1_000_000.0;
    println!(
        "tree: {files} files, {megabytes:.1} MB in {}",
        tree.display()
    );

    let (lint, parse) = in_process(&tree)?;
    println!(
        "in-process, 1 thread: lint {:.0} MB/s, parse-only {:.0} MB/s: {:.0} % of parse-only (target ≥ 80 %)",
        megabytes / lint.as_secs_f64(),
        megabytes / parse.as_secs_f64(),
        100.0 * parse.as_secs_f64() / lint.as_secs_f64()
    );

    let args = [
        "--isolated",
        "--output-format",
        "concise",
        "--exit-zero",
        "-q",
        ".",
    ];
    let one = wall_with_threads(&binary, &tree, &args, "1")?;
    let two = wall_with_threads(&binary, &tree, &args, "2")?;
    println!(
        "whole command: 1 thread {:.0} ms, 2 threads {:.0} ms: {:.2}× (target ≥ 1.7×)",
        ms(one),
        ms(two),
        one.as_secs_f64() / two.as_secs_f64()
    );
    match peak_rss_kb(&binary, &tree, &args) {
        Some(kb) => println!("peak RSS: {:.1} MB (target ≤ 64 MB)", kb as f64 / 1024.0),
        None => println!("peak RSS: not measured (GNU time is not installed at /usr/bin/time)"),
    }
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median_wall(binary: &Path, cwd: &Path, args: &[&str], runs: usize) -> anyhow::Result<Duration> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        Command::new(binary).current_dir(cwd).args(args).output()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[runs / 2])
}

fn wall_with_threads(
    binary: &Path,
    cwd: &Path,
    args: &[&str],
    threads: &str,
) -> anyhow::Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        Command::new(binary)
            .current_dir(cwd)
            .args(args)
            .env("RAYON_NUM_THREADS", threads)
            .output()?;
        best = best.min(start.elapsed());
    }
    Ok(best)
}

fn peak_rss_kb(binary: &Path, cwd: &Path, args: &[&str]) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .current_dir(cwd)
        .arg("-f")
        .arg("%M")
        .arg(binary)
        .args(args)
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

/// Lints and parses every file of the tree in this process, one thread, best of three.
fn in_process(tree: &Path) -> anyhow::Result<(Duration, Duration)> {
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(tree)? {
        let path = entry?.path();
        let Some(detected) = Format::detect(&path) else {
            continue;
        };
        sources.push(SourceFile::new(
            path.display().to_string(),
            std::fs::read_to_string(&path)?,
            detected.format,
        ));
    }
    let settings = Settings::default();
    let mut lint = Duration::MAX;
    let mut parse = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let findings: usize = sources
            .iter()
            .map(|s| axiom_lint::lint(s, &settings).diagnostics.len())
            .sum();
        lint = lint.min(start.elapsed());
        std::hint::black_box(findings);
        let start = Instant::now();
        for source in &sources {
            let ok = match source.format {
                Format::Toml => toml::de::DeTable::parse(&source.text).is_ok(),
                Format::Json | Format::Jsonc => jsonc_parser::parse_to_ast(
                    &source.text,
                    &jsonc_parser::CollectOptions::default(),
                    &jsonc_parser::ParseOptions::default(),
                )
                .is_ok(),
            };
            std::hint::black_box(ok);
        }
        parse = parse.min(start.elapsed());
    }
    Ok((lint, parse))
}

/// Writes `files` realistic configs of about 10 KB each (half TOML, half JSON), with a few
/// mistakes so the rules have work to do. Returns the total size.
fn generate_tree(dir: &PathBuf, files: usize) -> anyhow::Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut total = 0;
    for i in 0..files {
        let (name, text) = if i.is_multiple_of(2) {
            (format!("vector-{i}.toml"), vector_toml(i))
        } else {
            (format!("env-{i}.json"), env_json(i))
        };
        total += text.len();
        std::fs::write(dir.join(name), text)?;
    }
    Ok(total)
}

fn vector_toml(seed: usize) -> String {
    let mut text =
        String::from("[sources.app]\ntype = \"file\"\ninclude = [\"/var/log/app/*.log\"]\n\n");
    for sink in 0..60 {
        let region = if (seed + sink).is_multiple_of(17) {
            "eu-west-1.aws.edge.axiom.co"
        } else {
            "eu-central-1.aws.edge.axiom.co"
        };
        let _ = write!(
            text,
            "[sinks.axiom_{sink}]\ntype = \"axiom\"\ninputs = [\"app\"]\ndataset = \"app-{seed}-{sink}\"\nregion = \"{region}\"\ntoken = \"${{AXIOM_TOKEN}}\"\n\n"
        );
    }
    text
}

fn env_json(seed: usize) -> String {
    let mut entries = Vec::new();
    for key in 0..200 {
        entries.push(format!(
            "    \"SERVICE_{seed}_SETTING_{key}\": \"value-{key}-for-the-service\""
        ));
    }
    let url = if seed % 13 == 1 {
        "https://app.axiom.co"
    } else {
        "https://api.axiom.co"
    };
    entries.push(format!("    \"AXIOM_URL\": \"{url}\""));
    entries.push("    \"AXIOM_TOKEN\": \"${AXIOM_TOKEN}\"".to_owned());
    format!(
        "{{\n  \"name\": \"service-{seed}\",\n  \"env\": {{\n{}\n  }}\n}}\n",
        entries.join(",\n")
    )
}
