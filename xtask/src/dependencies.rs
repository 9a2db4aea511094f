//! Keeps every manifest honest: a crate's `[dependencies]` are used by its non-test sources,
//! and its `[dev-dependencies]` by something. Cheaper than installing `cargo machete` in CI,
//! and it also catches a dependency only tests use (which belongs in `[dev-dependencies]`).

use std::path::{Path, PathBuf};

use crate::project_root;

/// Each workspace crate: its manifest and where its library/binary sources and tests live.
fn crates() -> Vec<(PathBuf, PathBuf, Vec<PathBuf>)> {
    let root = project_root();
    vec![
        (
            root.join("Cargo.toml"),
            root.join("crates/axiom-lint-cli/src"),
            vec![root.join("crates/axiom-lint-cli/tests")],
        ),
        (
            root.join("crates/axiom-lint/Cargo.toml"),
            root.join("crates/axiom-lint/src"),
            vec![root.join("crates/axiom-lint/tests")],
        ),
        (
            root.join("crates/axiom-lint-core/Cargo.toml"),
            root.join("crates/axiom-lint-core/src"),
            vec![root.join("crates/axiom-lint-core/tests")],
        ),
        (
            root.join("crates/axiom-lint-server/Cargo.toml"),
            root.join("crates/axiom-lint-server/src"),
            vec![root.join("crates/axiom-lint-server/tests")],
        ),
        (
            root.join("crates/axiom-lint-git/Cargo.toml"),
            root.join("crates/axiom-lint-git/src"),
            vec![],
        ),
        (
            root.join("crates/axiom-lint-testing/Cargo.toml"),
            root.join("crates/axiom-lint-testing/src"),
            vec![],
        ),
        (
            root.join("xtask/Cargo.toml"),
            root.join("xtask/src"),
            vec![],
        ),
    ]
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The sources' text; with `production_only`, each file is cut at its first `#[cfg(test)]`
/// (this workspace keeps unit tests at the end of a file) and test-only modules are left out.
fn source_text(dir: &Path, production_only: bool) -> String {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let mut text = String::new();
    for file in files {
        let Ok(content) = std::fs::read_to_string(&file) else {
            continue;
        };
        text.push_str(if production_only {
            production_part(&content)
        } else {
            &content
        });
        text.push('\n');
    }
    text
}

/// The part of a file before its first `#[cfg(test)]`.
fn production_part(content: &str) -> &str {
    content
        .find("#[cfg(test)]")
        .map_or(content, |cut| &content[..cut])
}

fn uses(text: &str, dependency: &str) -> bool {
    let ident = dependency.replace('-', "_");
    text.contains(&format!("{ident}::"))
        || text.contains(&format!("use {ident}"))
        || text.contains(&format!("{ident}!"))
        || text.contains(&format!("extern crate {ident}"))
}

fn table_names(manifest: &toml::Table, table: &str) -> Vec<String> {
    manifest
        .get(table)
        .and_then(toml::Value::as_table)
        .map(|deps| deps.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn every_dependency_is_used_where_it_is_declared() {
    let mut problems = Vec::new();
    for (manifest_path, src, tests) in crates() {
        let manifest: toml::Table = toml::from_str(
            &std::fs::read_to_string(&manifest_path).expect("the manifest is readable"),
        )
        .expect("the manifest is TOML");
        let production = source_text(&src, true);
        let mut everything = source_text(&src, false);
        for dir in &tests {
            everything.push_str(&source_text(dir, false));
        }
        for dependency in table_names(&manifest, "dependencies") {
            if !uses(&production, &dependency) {
                let where_used = if uses(&everything, &dependency) {
                    "only tests use it: move it to [dev-dependencies]"
                } else {
                    "nothing uses it: remove it"
                };
                problems.push(format!(
                    "{}: `{dependency}`: {where_used}",
                    manifest_path.display()
                ));
            }
        }
        for dependency in table_names(&manifest, "dev-dependencies") {
            if !uses(&everything, &dependency) {
                problems.push(format!(
                    "{}: dev-dependency `{dependency}`: nothing uses it: remove it",
                    manifest_path.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_check_sees_a_dependency_only_tests_use() {
    let text = "fn main() {}\n#[cfg(test)]\nmod tests { use regex::Regex; }\n";
    assert!(!uses(production_part(text), "regex"));
    assert!(uses(text, "regex"));
    assert!(uses("let x = serde_json::json!({});", "serde-json"));
}
