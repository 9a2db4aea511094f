//! Reading an `axiom-lint.toml`: syntax, schema and rule selectors checked, every problem a
//! diagnostic with a span in the file, to be shown like any lint finding.

use crate::config::ConfigFile;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::schema::{self, SchemaKind};
use crate::source::{Format, SourceFile};
use crate::tree::Node;

/// Reads a configuration file's text. Errors are diagnostics with spans in it (AXL001 for
/// syntax, AXL002 for the schema, unknown rule selectors and edges).
/// Messages are scrubbed: a token pasted into the file never reaches an error.
pub(crate) fn load_config(path: &str, text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
    check(path, text).map_err(|mut diagnostics| {
        diagnostics.iter_mut().for_each(crate::redact::scrub_echoed);
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
    // Every problem is reported in one run: unknown rule selectors, bad globs and bad edges
    // are found in the tree, so they are listed beside schema violations rather than after
    // the user fixes those.
    let mut problems = unknown_selectors(&tree);
    problems.extend(invalid_globs(&tree));
    problems.extend(invalid_edges(&tree));
    problems.extend(
        schema::validate(SchemaKind::Config, &tree)
            .into_iter()
            .map(|v| {
                Diagnostic::new(Rule::SchemaViolation, v.span, v.message)
                    .with_label(v.label)
                    .with_pointer(&v.pointer)
                    .with_help("`axiom-lint schema config` prints the settings axiom-lint takes")
            }),
    );
    if !problems.is_empty() {
        problems.sort_by_key(|problem| problem.span.start);
        return Err(problems);
    }
    serde_json::from_value(tree.to_json()).map_err(|error| {
        vec![Diagnostic::new(
            Rule::SchemaViolation,
            0..0,
            format!("invalid configuration: {error}"),
        )]
    })
}

/// Rule selectors that name no rule, wherever the file lists selectors.
fn unknown_selectors(tree: &Node<'_>) -> Vec<Diagnostic> {
    let lists = ["select", "extend-select", "ignore"]
        .into_iter()
        .filter_map(|key| tree.get(key));
    let per_file = tree
        .get("per-file-ignores")
        .into_iter()
        .flat_map(|table| table.entries().iter().map(|entry| &entry.value));
    lists
        .chain(per_file)
        .flat_map(Node::items)
        .filter_map(|item| Some((item.as_str()?, item.span.clone())))
        .filter(|(selector, _)| Rule::select(selector).is_empty())
        .map(|(selector, span)| {
            Diagnostic::new(Rule::SchemaViolation, span, format!("`{selector}` names no rule"))
                .with_label("unknown rule")
                .with_help("use a code such as `AXL201`, a prefix such as `AXL2`, a name such as `hardcoded-token`, or `ALL`")
        })
        .collect()
}

/// Glob patterns that do not compile, wherever the file takes globs: the items of `exclude`
/// and `include`, and the keys of `per-file-ignores`.
fn invalid_globs(tree: &Node<'_>) -> Vec<Diagnostic> {
    let listed = ["exclude", "include"]
        .into_iter()
        .filter_map(|key| tree.get(key))
        .flat_map(Node::items)
        .filter_map(|item| Some((item.as_str()?, item.span.clone())));
    let keys = tree
        .get("per-file-ignores")
        .into_iter()
        .flat_map(Node::entries)
        .map(|entry| (entry.key.as_ref(), entry.key_span.clone()));
    listed
        .chain(keys)
        .filter_map(|(pattern, span)| {
            let error = globset::Glob::new(pattern).err()?;
            Some(
                Diagnostic::new(
                    Rule::SchemaViolation,
                    span,
                    format!("`{pattern}` is not a valid glob: {}", error.kind()),
                )
                .with_label("invalid glob")
                .with_help("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; put a literal special character in brackets, such as `[{]`"),
            )
        })
        .collect()
}

/// `extend-edges` items that are not edge domains.
fn invalid_edges(tree: &Node<'_>) -> Vec<Diagnostic> {
    tree.get("extend-edges")
        .into_iter()
        .flat_map(Node::items)
        .filter_map(|item| {
            let edge = item.as_str()?;
            let error = axiom_lint_core::EdgeCatalog::default()
                .add_domain(edge)
                .err()?;
            Some(
                Diagnostic::new(Rule::SchemaViolation, item.span.clone(), error.to_string())
                    .with_label("not an edge domain"),
            )
        })
        .collect()
}
