//! AXL202 personal-token-on-edge: a personal access token sent to an edge.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

use super::edge_field;

rule_docs! {
    /// ## What it does
    /// Reports a personal access token (`xapt-`) in a site that sends to an edge: a Vector
    /// sink with `region`, an OpenTelemetry exporter or URL on an edge, an environment with
    /// `AXIOM_EDGE`/`AXIOM_EDGE_URL`, a connection whose subdomain is an edge.
    ///
    /// ## Why is this bad?
    /// Axiom's docs say edge ingest, query, MPL, batch and HEC accept API tokens only; the Go
    /// and Python SDKs refuse a PAT for edge ingest and query, and the Rust SDK for ingest.
    /// The request fails with 401/403. (The CLI's help text claims PATs work for edge query;
    /// Axiom's docs contradict it, and axiom-lint follows the docs.)
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// region = "eu-central-1.aws.edge.axiom.co"
    /// token = "xapt-…"   # a personal access token
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// region = "eu-central-1.aws.edge.axiom.co"
    /// token = "${AXIOM_TOKEN}"   # an API token with ingest permission
    /// ```
    ///
    /// ## Fix safety
    /// No fix: create an API token with the permissions this site needs.
    pub(crate) struct PersonalTokenOnEdge;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let edges = &context.settings.edges;
    for token in &context.token_uses {
        if token.personal_token_rule != Some(Rule::PersonalTokenOnEdge) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            Rule::PersonalTokenOnEdge,
            token.span.clone(),
            format!(
                "personal access token {} is sent to an edge, which accepts only API tokens",
                token.describe()
            ),
        )
        .with_label("personal access token")
        .with_help(
            "create an API token (`xaat-`) with ingest and query permissions for this dataset",
        );
        if let Some(edge) = edge_field(token.site, edges) {
            diagnostic = diagnostic.with_secondary(edge.field.span(), "edge set here");
        }
        out.push(diagnostic);
    }
}
