//! AXL204 personal-token-where-api-token-required: a PAT where only API tokens work.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a personal access token (`xapt-`) where the consumer accepts only API tokens:
    /// Nango's `apiKey`, Terraform's `api_token` and `AXIOM_API_TOKEN`, the CloudWatch
    /// forwarder's `AxiomToken`, and Splunk HEC on an edge. (Vector and OpenTelemetry on an
    /// edge are AXL202; Vector's legacy ingest on `api.axiom.co` accepts a PAT with an org ID.)
    ///
    /// ## Why is this bad?
    /// The consumer rejects it outright: Nango validates the key as `xaat-` plus a UUID, and the
    /// Terraform provider removed PAT support in 2024.
    ///
    /// ## Example
    /// ```json
    /// { "provider": { "axiom": { "api_token": "xapt-…" } } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "provider": { "axiom": { "api_token": "${var.axiom_api_token}" } } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: create an API token with the permissions this consumer needs.
    pub(crate) struct PersonalTokenWhereApiTokenRequired;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        if token.personal_token_rule != Some(Rule::PersonalTokenWhereApiTokenRequired) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::PersonalTokenWhereApiTokenRequired,
                token.span.clone(),
                format!(
                    "`{}` accepts only API tokens, but holds a personal access token",
                    token.token.field.key
                ),
            )
            .with_label("personal access token")
            .with_help("create an API token (`xaat-`) in Axiom's settings and use it here"),
        );
    }
}
