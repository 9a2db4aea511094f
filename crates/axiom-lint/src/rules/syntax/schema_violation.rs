//! AXL002 schema-violation: a native credentials file breaks its schema.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::schema;

rule_docs! {
    /// ## What it does
    /// Validates native credentials files (`axiom-credentials.toml`/`.json`/`.yaml`, or any file
    /// whose `#:schema` line, `$schema` key or `# yaml-language-server: $schema=` comment names
    /// `axiom-credentials.schema.json`) against the published schema: unknown or misspelled keys, missing `subdomain` or `token`, values of
    /// the wrong type, unknown `purpose`, `permissions` or `token_kind` values.
    ///
    /// ## Why is this bad?
    /// A misspelled key is silently ignored by anything that reads the file, so the setting
    /// you wrote never takes effect. Your editor shows the same errors when it uses the schema.
    ///
    /// Values of `subdomain` are explained by the more specific AXL101 and AXL102 instead.
    ///
    /// ## Example
    /// ```toml
    /// [connections.ingest]
    /// subdomain = "eu-central-1.aws.edge"
    /// token = "${AXIOM_TOKEN}"
    /// dataset = ["app-logs"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [connections.ingest]
    /// subdomain = "eu-central-1.aws.edge"
    /// token = "${AXIOM_TOKEN}"
    /// datasets = ["app-logs"]
    /// ```
    ///
    /// ## Fix safety
    /// No fix; the message suggests the nearest known key for a misspelling.
    pub(crate) struct SchemaViolation;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(tree) = context.tree.filter(|_| context.native_credentials) else {
        return;
    };
    for violation in schema::validate(schema::SchemaKind::Credentials, tree) {
        out.push(
            Diagnostic::new(Rule::SchemaViolation, violation.span, violation.message)
                .with_pointer(&violation.pointer)
                .with_label(violation.label)
                .with_help(
                    "`axiom-lint schema credentials` prints the keys and values a connection takes",
                ),
        );
    }
}
