//! The hand-kept lists of file names agree with the linter's own detection (`Format::detect`):
//! the pre-commit hooks' `files` pattern passes every file axiom-lint reads as a format, the
//! README's local hook is the same pattern, and the `exclude` pattern leaves out exactly the
//! lock files. (The editor globs are checked against detection in the server's `editors.rs`,
//! the fixtures' snapshot patterns in `fixtures.rs`.)

use std::path::{Path, PathBuf};

use axiom_lint::Format;

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Names for every rule `Format::detect` knows, and ones it must not take.
const NAMES: &[&str] = &[
    "vector.toml",
    ".axiom.toml",
    "nango.json",
    "main.tf.json",
    "settings.jsonc",
    "app.code-workspace",
    ".vscode/settings.json",
    "config.yaml",
    ".github/workflows/ci.yml",
    "main.tf",
    "prod.tfvars",
    "jobs/app.nomad",
    "jobs/app.nomad.hcl",
    ".env",
    "app/.env.local",
    ".env.production",
    ".env.example",
    ".env.sample",
    ".env.template",
    "examples/kitchen-sink/.env-example",
    ".env_example",
    ".env-prod",
    "env.example",
    "config/env.sample",
    "env.template",
    "env.dist",
    "example.env",
    "app/prod.env",
    ".dev.vars",
    ".dev.vars.staging",
    "etc/systemd/system/vector.service",
    "etc/systemd/system/app.service.d/override.conf",
    "fluent-bit/fluent-bit.conf",
    "fluentbit.conf",
    "package-lock.json",
    "Cargo.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "deploy.sh",
    "README.md",
    "src/env.ts",
    "src/env.mjs",
    ".envrc",
    "environment",
    "nginx/site.conf",
    "bin/deploy",
];

/// The single-quoted pattern after `key` on the first line that has it.
fn pattern_after(text: &str, key: &str) -> String {
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with(key))
        .unwrap_or_else(|| panic!("no `{key}` line"));
    let start = line.find('\'').expect("a quoted pattern") + 1;
    let end = line.rfind('\'').expect("a closing quote");
    line[start..end].to_owned()
}

#[test]
fn the_pre_commit_patterns_pass_every_format_and_leave_out_lock_files() {
    let hooks = std::fs::read_to_string(repository_root().join(".pre-commit-hooks.yaml"))
        .expect(".pre-commit-hooks.yaml");
    let files = pattern_after(&hooks, "files: &formats");
    let exclude = pattern_after(&hooks, "exclude: &lockfiles");
    let readme = std::fs::read_to_string(repository_root().join("README.md")).expect("README");
    assert_eq!(
        pattern_after(&readme, "files: '"),
        files,
        "the README's local hook and .pre-commit-hooks.yaml pass different files"
    );
    assert_eq!(pattern_after(&readme, "exclude: '"), exclude);
    // pre-commit searches each path with Python's `re`; these patterns use nothing Rust's
    // `regex` reads differently.
    let files = regex::Regex::new(&files).expect("files pattern");
    let exclude = regex::Regex::new(&exclude).expect("exclude pattern");
    let mut failures = Vec::new();
    for name in NAMES {
        let detected = Format::detect(Path::new(name));
        let is_format = detected.is_some_and(|d| !d.is_lock_file);
        let is_lock = detected.is_some_and(|d| d.is_lock_file);
        let passed = files.is_match(name) && !exclude.is_match(name);
        if is_format && !passed {
            failures.push(format!(
                "{name} is read as {detected:?} but the hooks skip it"
            ));
        }
        if !is_format && passed {
            failures.push(format!(
                "{name} is no format axiom-lint reads, but the hooks pass it"
            ));
        }
        if is_lock != exclude.is_match(name) {
            failures.push(format!(
                "{name}: lock file {is_lock}, excluded {}",
                !is_lock
            ));
        }
    }
    // The hooks pass Logstash pipelines by their usual names too: not a format, they get the
    // text scan, which reads their outputs.
    for name in ["logstash.conf", "logstash-axiom.conf", "pipeline/main.conf"] {
        if !files.is_match(name) {
            failures.push(format!("{name}: the hooks skip a Logstash pipeline"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
