//! A SchemaStore-style catalog of the published schemas: which file names each one is for, so
//! an editor that reads catalogs (taplo, yaml-language-server) applies them without a
//! `$schema` line or a `#:schema` directive.

use axiom_lint_core::CredentialsFile;
use serde_json::json;

use crate::settings::CONFIG_NAMES;

/// The file name the configuration schema is published under in `schemas/`.
pub const CONFIG_SCHEMA_FILE_NAME: &str = "axiom-lint.schema.json";

/// Where the schemas are published by default: this repository's `schemas/` directory.
pub const DEFAULT_SCHEMA_BASE_URL: &str =
    "https://raw.githubusercontent.com/axiom-lint/axiom-lint/main/schemas/";

/// The catalog, with each schema's URL under `base_url` (a directory URL; a `/` is added when
/// missing). `fileMatch` holds the names the linter itself recognises: native credentials
/// files by name, and configuration files.
pub fn schema_catalog(base_url: &str) -> serde_json::Value {
    let base = if base_url.ends_with('/') {
        base_url.to_owned()
    } else {
        format!("{base_url}/")
    };
    json!({
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": [
            {
                "name": "Axiom credentials (axiom-lint)",
                "description": "Axiom connections for axiom-lint's native credentials file: subdomain, token, org ID, purpose",
                "fileMatch": CredentialsFile::FILE_NAMES,
                "url": format!("{base}{}", CredentialsFile::SCHEMA_FILE_NAME),
            },
            {
                "name": "axiom-lint configuration",
                "description": "Settings for axiom-lint: rules, excludes, edges, baseline",
                "fileMatch": CONFIG_NAMES,
                "url": format!("{base}{CONFIG_SCHEMA_FILE_NAME}"),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::settings::{ConfigLookup, Overrides, Resolver};
    use crate::{Format, Settings, SourceFile};

    fn catalog() -> serde_json::Value {
        // Through text, as an editor reads it.
        let text = serde_json::to_string_pretty(&schema_catalog(DEFAULT_SCHEMA_BASE_URL))
            .expect("serialises");
        serde_json::from_str(&text).expect("the catalog is valid JSON")
    }

    fn file_match(entry: &serde_json::Value) -> Vec<&str> {
        entry["fileMatch"]
            .as_array()
            .expect("fileMatch is an array")
            .iter()
            .map(|name| name.as_str().expect("a file name"))
            .collect()
    }

    fn entry_for(catalog: &serde_json::Value, schema_file: &str) -> serde_json::Value {
        catalog["schemas"]
            .as_array()
            .expect("schemas is an array")
            .iter()
            .find(|entry| {
                entry["url"]
                    .as_str()
                    .is_some_and(|url| url.ends_with(&format!("/{schema_file}")))
            })
            .cloned()
            .unwrap_or_else(|| panic!("no catalog entry for {schema_file}"))
    }

    #[test]
    fn the_catalog_has_the_schemastore_shape_and_points_at_published_schemas() {
        let catalog = catalog();
        assert_eq!(
            catalog["$schema"],
            "https://json.schemastore.org/schema-catalog.json"
        );
        assert_eq!(catalog["version"], 1);
        let schemas = catalog["schemas"].as_array().expect("schemas");
        assert_eq!(schemas.len(), 2);
        let published = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
        for entry in schemas {
            let keys: Vec<&str> = entry
                .as_object()
                .expect("an entry is an object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["name", "description", "fileMatch", "url"], "{entry}");
            assert!(!file_match(entry).is_empty(), "{entry}");
            let url = entry["url"].as_str().expect("url");
            let file = url
                .strip_prefix(DEFAULT_SCHEMA_BASE_URL)
                .expect("under the base URL");
            assert!(published.join(file).is_file(), "{file} is not in schemas/");
        }
        // A base URL without its closing slash still names files inside it.
        let local = schema_catalog("file:///opt/axiom-lint/schemas");
        assert_eq!(
            local["schemas"][1]["url"],
            "file:///opt/axiom-lint/schemas/axiom-lint.schema.json"
        );
    }

    /// Every name the credentials entry matches is validated as a native credentials file by
    /// the linter (an unknown key is a schema violation there, and nothing elsewhere).
    #[test]
    fn every_credentials_file_match_is_linted_as_a_native_file() {
        let entry = entry_for(&catalog(), CredentialsFile::SCHEMA_FILE_NAME);
        for name in file_match(&entry) {
            let format = Format::detect(Path::new(name))
                .unwrap_or_else(|| panic!("{name} is not a format the linter reads"))
                .format;
            let text = match format {
                Format::Toml => "[connections.x]\nsubdomain = \"api\"\nnot_a_field = 1\n",
                Format::Json => r#"{"connections": {"x": {"subdomain": "api", "not_a_field": 1}}}"#,
                Format::Yaml => "connections:\n  x:\n    subdomain: api\n    not_a_field: 1\n",
                other => panic!("{name}: no native credentials file in {other:?}"),
            };
            let source = SourceFile::new(name, text.to_owned(), format);
            let result = crate::lint(&source, &Settings::default());
            assert!(
                result
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == crate::Rule::SchemaViolation),
                "{name}: {:?}",
                result.diagnostics
            );
            // The same text under another name is not a native file.
            let other = SourceFile::new(
                format!("other.{}", name.rsplit('.').next().unwrap_or("")),
                text.to_owned(),
                format,
            );
            let result = crate::lint(&other, &Settings::default());
            assert!(
                !result
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == crate::Rule::SchemaViolation),
                "{name}: {:?}",
                result.diagnostics
            );
        }
    }

    /// Every name the configuration entry matches is found as the configuration.
    #[test]
    fn every_config_file_match_is_read_as_the_configuration() {
        let entry = entry_for(&catalog(), CONFIG_SCHEMA_FILE_NAME);
        for name in file_match(&entry) {
            let dir = tempfile::tempdir().expect("a scratch directory");
            let config = dir.path().join(name);
            std::fs::write(&config, "select = [\"AXL1\"]\n").expect("written");
            let resolver = Resolver::new(
                dir.path().to_path_buf(),
                ConfigLookup::NearestTo(dir.path().to_path_buf()),
                Overrides::default(),
            );
            assert_eq!(
                resolver.config_for(Path::new("x.toml")),
                Some(config),
                "{name}"
            );
        }
    }
}
