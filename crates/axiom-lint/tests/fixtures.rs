//! The fixtures are the specification by example: every file under `fixtures/<group>/`
//! produces exactly the findings its folder's `expected.toml` lists (as `CODE:line`), and its
//! rendered report matches the snapshot beside this test.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::{Format, LintResult, Settings, SourceFile};

fn repository_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn fixtures_dir() -> PathBuf {
    repository_root().join("fixtures")
}

/// A fixed clock, so expiry findings do not change with the date.
fn settings() -> Settings {
    Settings {
        now: "2026-11-27T00:00:00Z".parse().expect("a valid timestamp"),
        ..Settings::default()
    }
}

/// The fixture as linted, with its path shown relative to the repository root.
fn lint_fixture(path: &Path) -> (SourceFile, LintResult) {
    let relative = path
        .strip_prefix(repository_root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let bytes = fs::read(path).expect("fixtures are readable");
    // Fixtures of no format axiom-lint reads get the token scan, and content corrects a
    // name (a SOPS document named `.toml`), as on the command line.
    let format = Format::detect(path).map_or_else(|| Format::text(path), |d| d.format);
    let linted = axiom_lint::lint_bytes(&relative, bytes, format, &settings());
    (linted.source, linted.result)
}

fn findings(source: &SourceFile, result: &LintResult) -> Vec<String> {
    let index = axiom_lint::line_index::LineIndex::new(&source.text);
    let mut found: Vec<String> = result
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                d.rule.code(),
                index.position(&source.text, d.span.start).line
            )
        })
        .collect();
    found.sort();
    found
}

/// Every file below `dir`, as a `/`-separated path relative to it. Fixtures whose consumer is
/// identified by its real name and place (`.devcontainer/devcontainer.json`, `.vscode/mcp.json`)
/// live in subfolders of their group.
fn files_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = fs::read_dir(&current).expect("fixture folders are readable");
        for path in entries.filter_map(|entry| Some(entry.ok()?.path())) {
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

#[test]
fn every_fixture_produces_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut groups: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("fixtures/ exists")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_dir())
        .collect();
    groups.sort();
    for group in groups {
        let expected_path = group.join("expected.toml");
        let expected: BTreeMap<String, Vec<String>> = toml::from_str(
            &fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} has no expected.toml", group.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let mut present: Vec<String> = files_under(&group)
            .into_iter()
            .filter(|name| name != "expected.toml")
            .collect();
        present.sort();
        let listed: Vec<String> = expected.keys().cloned().collect();
        if present != listed {
            failures.push(format!(
                "{}: expected.toml lists {listed:?} but the folder holds {present:?}",
                group.display()
            ));
        }
        for (name, want) in &expected {
            let path = group.join(name);
            if !path.exists() {
                continue;
            }
            let (source, result) = lint_fixture(&path);
            let got = findings(&source, &result);
            let mut want = want.clone();
            want.sort();
            if got != want {
                failures.push(format!("{}: expected {want:?}, got {got:?}", source.path));
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no fixtures were checked");
    assert!(
        failures.is_empty(),
        "fixture expectations failed:\n{}",
        failures.join("\n")
    );
}

/// The line by which a fixture names the rules it is a near miss for: rules that could be
/// expected to fire there and must not.
const STAYS_SILENT: &str = "# stays silent:";

/// Rules about a dialect no YAML file can hold (Terraform's `provider "axiom"` block is HCL or
/// JSON); their fixtures are in those formats.
const NOT_IN_YAML: &[&str] = &["AXL214"];

/// Issue 10: every rule has a YAML fixture that fires and one that stays silent. A fixture
/// fires for the rules its `expected.toml` entry lists; it stays silent for the rules its
/// `# stays silent: AXL…` line names (a near miss chosen for that rule, such as a personal
/// access token beside its org ID for AXL203), which must then not be among its findings.
#[test]
fn every_rule_has_a_yaml_fixture_that_fires_and_one_that_stays_silent() {
    let group = fixtures_dir().join("yaml");
    let expected: BTreeMap<String, Vec<String>> = toml::from_str(
        &fs::read_to_string(group.join("expected.toml")).expect("fixtures/yaml/expected.toml"),
    )
    .expect("expected.toml is TOML");
    let mut fires: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut silent: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut failures = Vec::new();
    for (name, findings) in &expected {
        for finding in findings {
            let code = finding.split(':').next().unwrap_or_default();
            fires.entry(code).or_default().push(name);
        }
        let text = fs::read_to_string(group.join(name)).unwrap_or_default();
        let declared = text
            .lines()
            .filter_map(|line| line.strip_prefix(STAYS_SILENT))
            .flat_map(|codes| codes.split([',', ' ']))
            .filter(|code| code.starts_with("AXL"));
        for code in declared {
            if findings
                .iter()
                .any(|finding| finding.starts_with(&format!("{code}:")))
            {
                failures.push(format!(
                    "{name} says {code} stays silent, but it fires there"
                ));
            }
            silent
                .entry(code.to_owned())
                .or_default()
                .push(name.clone());
        }
    }
    for rule in axiom_lint::Rule::ALL {
        let code = rule.code();
        if NOT_IN_YAML.contains(&code) {
            continue;
        }
        if !fires.contains_key(code) {
            failures.push(format!("no YAML fixture fires {code}"));
        }
        if !silent.contains_key(code) {
            failures.push(format!(
                "no YAML fixture is a near miss for {code} ({STAYS_SILENT} {code})"
            ));
        }
    }
    for code in silent.keys() {
        if !axiom_lint::Rule::ALL.iter().any(|rule| rule.code() == code) {
            failures.push(format!("{STAYS_SILENT} names {code}, which is no rule"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture, in its group's folder or below it.
const FIXTURE_FILES: &str = "*/**/*.{toml,json,jsonc,jsonl,env,tf,tfvars,sh,md,ts,py,go,java,rs,yaml,yml,conf,service,nomad,hcl,rb,cs,c,xml,ps1,cpp,vue,svelte,html,php,pm,cue}";

/// Fixtures named without one of those extensions: scripts whose shebang says how they
/// comment, and dotenv files by their example names (`.env-example`, `env.example`).
const NAMED_FIXTURES: [&str; 2] = ["*/**/bin/*", "names/**/*"];

#[test]
fn rendered_reports_match_snapshots() {
    for pattern in [FIXTURE_FILES].into_iter().chain(NAMED_FIXTURES) {
        insta::glob!("../../../fixtures", pattern, |path| {
            if path.is_dir() || path.file_name().is_some_and(|name| name == "expected.toml") {
                return;
            }
            let (source, result) = lint_fixture(path);
            let rendered = render::graphical(
                &source,
                &result,
                GraphicalOptions {
                    color: false,
                    width: 100,
                    ..GraphicalOptions::default()
                },
            );
            insta::assert_snapshot!(rendered);
        });
    }
}
