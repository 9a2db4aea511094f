//! AXL110 legacy-eu-domain: the deprecated EU instance's domains.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports `api.eu.axiom.co` and `app.eu.axiom.co`.
    ///
    /// ## Why is this bad?
    /// They belong to the legacy EU instance, removed from Axiom's docs in 2026. EU
    /// organizations now use `api.axiom.co` for the API and `eu-central-1.aws.edge.axiom.co`
    /// for ingest and query.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_URL": "https://api.eu.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_URL": "https://api.axiom.co", "AXIOM_EDGE": "eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the replacement depends on whether the value is used for ingest and query
    /// (the EU edge) or for everything else (`api.axiom.co`).
    pub(crate) struct LegacyEuDomain;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::LegacyEuDomain) {
        out.push(
            finding
                .diagnostic(format!(
                    "`{}` is the deprecated EU instance",
                    finding.host_name
                ))
                .with_label("legacy EU domain")
                .with_help(crate::rules::where_to_point(finding.host.role)),
        );
    }
}
