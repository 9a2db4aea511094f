//! The `axiom-lint.toml` configuration file: its types (from which its schema is generated),
//! and loading it with spanned, schema-checked errors.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::Rule;
use crate::schema::{self, SchemaKind};
use crate::source::{Format, SourceFile};

/// Configuration for axiom-lint, read from the nearest `axiom-lint.toml` or `.axiom-lint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "axiom-lint configuration")]
pub struct ConfigFile {
    /// The JSON Schema this file follows, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Rules to run, by code (`AXL201`), code prefix (`AXL2`), name (`hardcoded-token`) or `ALL`. Default: all rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to `select`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_select: Vec<String>,
    /// Rules never to run, by code, prefix or name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Glob patterns of paths to skip when walking directories (and, with `--force-exclude`, when named).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Glob patterns of the files to lint when walking directories (default: every TOML and JSON file but lock files). A lock file matched here is linted too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Rules to ignore in files matching a glob pattern, such as `"fixtures/**" = ["AXL201"]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Edge domains to accept beyond Axiom's documented ones, such as `ap-south-1.aws.edge.axiom.co`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_edges: Vec<String>,
    /// The lowest severity that fails a run: `error`, `warning` (default) or `info`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// A baseline file of accepted findings, relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// The configuration file's schema, as published in `schemas/`.
pub fn config_schema() -> serde_json::Value {
    schema::generate::<ConfigFile>()
}

/// Reads a configuration file. Errors are diagnostics with spans in it (AXL001 for syntax,
/// AXL002 for the schema, plus unknown rule selectors), to be shown like any lint finding.
pub fn load(path: &str, text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
    let source = SourceFile::new(path, text, Format::Toml);
    let tree = crate::parse::parse(&source).map_err(|error| {
        vec![
            Diagnostic::new(
                Rule::ParseError,
                error.span.clone(),
                format!("invalid TOML: {}", error.message),
            )
            .with_label(error.message),
        ]
    })?;
    let violations = schema::validate(SchemaKind::Config, &tree);
    if !violations.is_empty() {
        return Err(violations
            .into_iter()
            .map(|v| {
                Diagnostic::new(Rule::SchemaViolation, v.span, v.message)
                    .with_label(v.label)
                    .with_pointer(&v.pointer)
                    .with_help(
                        "see schemas/axiom-lint.schema.json for the settings axiom-lint takes",
                    )
            })
            .collect());
    }
    let config: ConfigFile = serde_json::from_value(tree.to_json()).map_err(|error| {
        vec![Diagnostic::new(
            Rule::SchemaViolation,
            0..0,
            format!("invalid configuration: {error}"),
        )]
    })?;
    let mut problems = Vec::new();
    let selectors = config
        .select
        .iter()
        .flatten()
        .chain(&config.extend_select)
        .chain(&config.ignore)
        .chain(config.per_file_ignores.values().flatten());
    for selector in selectors {
        if Rule::select(selector).is_empty() {
            let span = find_string(&tree, selector).unwrap_or(0..0);
            problems.push(
                Diagnostic::new(Rule::SchemaViolation, span, format!("`{selector}` names no rule"))
                    .with_label("unknown rule")
                    .with_help("use a code such as `AXL201`, a prefix such as `AXL2`, a name such as `hardcoded-token`, or `ALL`"),
            );
        }
    }
    for edge in &config.extend_edges {
        if let Err(error) = axiom_lint_core::EdgeCatalog::default().add_domain(edge) {
            let span = find_string(&tree, edge).unwrap_or(0..0);
            problems.push(
                Diagnostic::new(Rule::SchemaViolation, span, error.to_string())
                    .with_label("not an edge domain"),
            );
        }
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn find_string(tree: &crate::tree::Node<'_>, value: &str) -> Option<std::ops::Range<usize>> {
    tree.descendants()
        .find(|node| node.as_str() == Some(value))
        .map(|node| node.span.clone())
}
