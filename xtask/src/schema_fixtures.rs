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

/// What an editor validating with the published config schema says about a file: whether it
/// is accepted.
fn config_schema_accepts(validator: &jsonschema::Validator, text: &str) -> bool {
    let Ok(value) = toml::from_str::<toml::Value>(text) else {
        return false;
    };
    validator.is_valid(&toml_to_json(value))
}

/// What the linter says: whether loading the file reports no AXL002.
fn linter_accepts_config(path: &Path) -> bool {
    use axiom_lint::settings::{ConfigLookup, Overrides, Resolver, SettingsError};
    let dir = path.parent().unwrap_or(path).to_path_buf();
    let resolver = Resolver::new(
        dir,
        ConfigLookup::File(path.to_path_buf()),
        Overrides::default(),
    );
    match resolver.resolve(path) {
        Err(SettingsError::InvalidConfig { diagnostics, .. }) => !diagnostics
            .iter()
            .any(|d| d.rule == axiom_lint::Rule::SchemaViolation),
        // Settings that resolve, or fail for another reason (an unreadable file, a bad glob).
        Ok(_) | Err(SettingsError::Other { .. }) => true,
    }
}

#[test]
fn config_schema_and_the_linter_accept_the_same_configurations() {
    let root = project_root();
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root.join("schemas/axiom-lint.schema.json"))
            .expect("schema file exists"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles as draft-07");
    let cases = [
        (
            "every kind of selector",
            "select = [\"AXL2\", \"hardcoded-token\", \"ALL\"]\nfail-on = \"error\"\n",
            true,
        ),
        (
            "lower-case codes",
            "ignore = [\"axl201\", \"axl1\"]\n",
            true,
        ),
        (
            "paths and edges",
            "extend-edges = [\"ap-south-1.aws.edge.axiom.co\"]\nexclude = [\"fixtures/**\"]\nbaseline = \"b.json\"\n",
            true,
        ),
        ("an unknown code", "select = [\"AXL999\"]\n", false),
        (
            "a misspelled name",
            "ignore = [\"hardcoded-tokn\"]\n",
            false,
        ),
        (
            "a code in mixed case",
            "extend-select = [\"Axl201\"]\n",
            false,
        ),
        (
            "a misspelled per-file selector",
            "[per-file-ignores]\n\"fixtures/**\" = [\"AXL201\", \"nope\"]\n",
            false,
        ),
        ("an unknown severity", "fail-on = \"warn\"\n", false),
        ("an unknown key", "ignor = [\"AXL107\"]\n", false),
        ("a wrong type", "baseline = 3\n", false),
    ];
    let dir = std::env::temp_dir().join(format!("axiom-lint-config-schema-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let mut files: Vec<(String, std::path::PathBuf, Option<bool>)> = Vec::new();
    for (index, (name, text, expected)) in cases.iter().enumerate() {
        let path = dir.join(format!("case{index}.toml"));
        fs::write(&path, text).expect("write case");
        files.push(((*name).to_owned(), path, Some(*expected)));
    }
    // The command-line tests' configurations too, whatever they hold.
    for entry in fs::read_dir(root.join("crates/axiom-lint-cli/tests/cmd"))
        .expect("cmd dir")
        .flatten()
    {
        for name in ["axiom-lint.toml", ".axiom-lint.toml"] {
            let path = entry.path().join(name);
            if path.is_file() {
                files.push((path.display().to_string(), path, None));
            }
        }
    }
    for (name, path, expected) in files {
        let text = fs::read_to_string(&path).expect("readable");
        let schema_says = config_schema_accepts(&validator, &text);
        let linter_says = linter_accepts_config(&path);
        assert_eq!(
            schema_says, linter_says,
            "{name}: the schema and AXL002 disagree"
        );
        if let Some(expected) = expected {
            assert_eq!(linter_says, expected, "{name}");
        }
    }
    let _ = fs::remove_dir_all(&dir);
}
