//! Reading an `axiom-lint.toml`: syntax, schema and rule selectors checked, every problem a
//! diagnostic with a span in the file, to be shown like any lint finding.

use crate::config::ConfigFile;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::schema::{self, SchemaKind};
use crate::source::{Format, SourceFile};

/// Reads a configuration file's text. Errors are diagnostics with spans in it (AXL001 for
/// syntax, AXL002 for the schema, unknown rule selectors and edges).
/// Messages are scrubbed: a token pasted into the file never reaches an error.
pub(crate) fn load_config(path: &str, text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
    check(path, text).map_err(|mut diagnostics| {
        diagnostics.iter_mut().for_each(crate::redact::scrub);
        diagnostics
    })
}

fn check(path: &str, text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
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
