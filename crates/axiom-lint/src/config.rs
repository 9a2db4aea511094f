//! The `axiom-lint.toml` configuration file's data: its types, from which its schema is
//! generated. Loading and checking a file is `settings::load`'s job, so this module and the
//! schema module do not depend on each other both ways.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::registry::Rule;
use crate::registry::Severity;

/// Configuration for axiom-lint, read from the nearest `axiom-lint.toml` or `.axiom-lint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "axiom-lint configuration")]
pub struct ConfigFile {
    /// The JSON Schema this file follows, for editors: a path relative to the file or a URL.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = "./schemas/axiom-lint.schema.json")]
    pub schema: Option<String>,
    /// Rules to run, by code (`AXL201`), code prefix (`AXL2`), name (`hardcoded-token`) or `ALL`. Default: all rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "selectors_schema", extend("examples" = [["AXL1", "hardcoded-token"]], "default" = ["ALL"]))]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to `select`, by code, prefix, name or `ALL`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "selectors_schema", extend("examples" = [["AXL205"]], "default" = []))]
    pub extend_select: Vec<String>,
    /// Rules never to run, by code (`AXL206`), prefix (`AXL1`), name (`org-id-with-api-token`) or `ALL`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "selectors_schema", extend("examples" = [["AXL206"]], "default" = []))]
    pub ignore: Vec<String>,
    /// Glob patterns of paths to skip when walking directories (and, with `--force-exclude`, when named), relative to this file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["fixtures/**"]], "default" = []))]
    pub exclude: Vec<String>,
    /// Glob patterns of the files to lint when walking directories, relative to this file (default: every file in a format axiom-lint reads, but lock files). A lock file matched here is linted too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["deploy/**/*.toml"]], "default" = []))]
    pub include: Vec<String>,
    /// Rules to ignore in files matching a glob pattern (relative to this file), such as `"fixtures/**" = ["AXL201"]`. Rules by code, prefix, name or `ALL`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "per_file_ignores_schema", extend("default" = {}))]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Edge domains to accept beyond Axiom's documented ones, written as full host names such as `ap-south-1.aws.edge.axiom.co`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["ap-south-1.aws.edge.axiom.co"]], "default" = []))]
    pub extend_edges: Vec<String>,
    /// The lowest severity that fails a run: `error`, `warning` (default) or `info`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = "warning"))]
    pub fail_on: Option<FailOn>,
    /// Scan every other text file (source code, scripts, Markdown, JSONL, `.conf` files) for tokens and Axiom URLs when walking directories; `false` (or `--no-scan-text`) reads only the structured formats. Files named on the command line are always scanned. Binary, lock, generated and minified files are passed over and counted in the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = true))]
    pub scan_text: Option<bool>,
    /// Apply `exclude` to files named on the command line too (`--force-exclude`), as pre-commit names them; the language server always applies it. Off by default: a file named explicitly is linted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = false))]
    pub force_exclude: Option<bool>,
    /// A baseline file of accepted findings (written by `--write-baseline`), relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = "axiom-lint-baseline.json")]
    pub baseline: Option<String>,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Errors and warnings fail.
    Warning,
    /// Every finding fails, infos included.
    Info,
}

impl FailOn {
    /// The lowest severity that fails.
    pub fn threshold(self) -> Severity {
        match self {
            Self::Error => Severity::Error,
            Self::Warning => Severity::Warning,
            Self::Info => Severity::Info,
        }
    }
}

/// Every rule selector in the spelling the schema accepts: `ALL`, each code prefix and code in
/// upper or lower case, each name. Editors offer them and flag anything else.
pub(crate) fn selector_values() -> Vec<String> {
    let mut values = vec!["ALL".to_owned(), "all".to_owned()];
    let mut prefixes: Vec<String> = Rule::ALL
        .iter()
        .flat_map(|rule| {
            let code = rule.code();
            (3..=code.len()).map(move |end| code[..end].to_owned())
        })
        .collect();
    prefixes.sort();
    prefixes.dedup();
    values.extend(prefixes.iter().cloned());
    values.extend(prefixes.iter().map(|prefix| prefix.to_ascii_lowercase()));
    values.extend(Rule::ALL.iter().map(|rule| rule.name().to_owned()));
    values
}

fn selector_schema() -> Schema {
    json_schema!({
        "type": "string",
        "enum": selector_values(),
    })
}

fn selectors_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": selector_schema(),
    })
}

fn per_file_ignores_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "additionalProperties": {
            "type": "array",
            "items": selector_schema(),
        },
        "examples": [{ "fixtures/**": ["AXL201"] }],
    })
}
