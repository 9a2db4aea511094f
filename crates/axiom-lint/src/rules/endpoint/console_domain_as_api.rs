//! AXL109 console-domain-as-api: the web console or login host used as an API host.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports `app.axiom.co`, `login.axiom.co`, `auth.axiom.co` or bare `axiom.co` in a
    /// field that takes an API host.
    ///
    /// ## Why is this bad?
    /// These are web pages, not APIs: calls get a 307 redirect to the login page and fail in
    /// confusing ways (axiomhq/ai #346). The API lives at `api.axiom.co`; ingest and query at
    /// an edge.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_URL": "https://app.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_URL": "https://api.axiom.co" } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: whether the API host or an edge was meant depends on the field's use.
    pub(crate) struct ConsoleDomainAsApi;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::ConsoleDomainAsApi) {
        out.push(
            finding
                .diagnostic(format!(
                    "`{}` is a web page, not an Axiom API host",
                    finding.host_name
                ))
                .with_label("console or login host")
                .with_help(crate::rules::where_to_point(finding.host.role)),
        );
    }
}
