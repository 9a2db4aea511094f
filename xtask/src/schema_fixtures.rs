//! Checks the published schemas against the fixtures: every clean native credentials fixture
//! validates, and every one expected to carry AXL002 does not. This is what an editor using the
//! schema sees, independent of the linter's own engine. (Fixtures with other findings are not
//! judged here: the schema also rejects bad subdomains, which the linter reports as the more
//! specific AXL101/AXL102/AXL112.)

use std::fs;
use std::path::Path;

use anyhow::Context;

use crate::project_root;

const CREDENTIALS_SCHEMA: &str = "axiom-credentials.schema.json";

/// A native credentials fixture and whether the schema must accept it.
struct NativeFixture {
    name: String,
    document: serde_json::Value,
    must_validate: bool,
}

/// What the schema must say about a fixture, from its expected findings.
fn verdict(codes: &toml::Value) -> Option<bool> {
    let codes: Vec<&str> = codes
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str)
        .collect();
    if codes.is_empty() {
        Some(true)
    } else if codes.iter().any(|code| code.starts_with("AXL002")) {
        Some(false)
    } else {
        None
    }
}

fn native_fixtures(root: &Path) -> anyhow::Result<Vec<NativeFixture>> {
    let mut found = Vec::new();
    for group in fs::read_dir(root.join("fixtures"))? {
        let group = group?.path();
        let expected_path = group.join("expected.toml");
        let Ok(expected) = fs::read_to_string(&expected_path) else {
            continue;
        };
        let expected: toml::Table = toml::from_str(&expected)
            .with_context(|| format!("parsing {}", expected_path.display()))?;
        for (file, codes) in &expected {
            let path = group.join(file);
            let text =
                fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let Some(must_validate) = verdict(codes) else {
                continue;
            };
            let document = match path.extension().and_then(|e| e.to_str()) {
                Some("toml") if names_credentials_schema(&text) => {
                    let Ok(value) = toml::from_str::<toml::Value>(&text) else {
                        continue;
                    };
                    toml_to_json(value)
                }
                Some("json") => {
                    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                        continue;
                    };
                    let names_schema = value
                        .get("$schema")
                        .and_then(serde_json::Value::as_str)
                        .is_some_and(|s| s.ends_with(CREDENTIALS_SCHEMA));
                    if !names_schema {
                        continue;
                    }
                    value
                }
                _ => continue,
            };
            found.push(NativeFixture {
                name: path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                document,
                must_validate,
            });
        }
    }
    Ok(found)
}

/// Whether a TOML file's first line is a `#:schema` directive naming the credentials schema.
fn names_credentials_schema(text: &str) -> bool {
    text.lines().next().is_some_and(|line| {
        line.starts_with("#:schema ") && line.trim_end().ends_with(CREDENTIALS_SCHEMA)
    })
}

/// TOML datetimes become RFC 3339 strings, as the linter presents them to the validator.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

#[test]
fn credentials_schema_accepts_clean_fixtures_and_rejects_broken_ones() {
    let root = project_root();
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root.join("schemas").join(CREDENTIALS_SCHEMA))
            .expect("schema file exists"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles as draft-07");
    let fixtures = native_fixtures(&root).expect("fixtures are readable");
    assert!(
        fixtures.iter().filter(|f| f.must_validate).count() >= 2
            && fixtures.iter().filter(|f| !f.must_validate).count() >= 2,
        "expected clean and broken native fixtures in both TOML and JSON"
    );
    for fixture in fixtures {
        let errors: Vec<String> = validator
            .iter_errors(&fixture.document)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert_eq!(
            errors.is_empty(),
            fixture.must_validate,
            "{}: schema errors {errors:?}",
            fixture.name
        );
    }
}
