//! AXL104 url-missing-scheme: a full-URL field lacks `https://`.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a field that takes a full URL (CLI `edge_url`, `AXIOM_URL`, `AXIOM_EDGE_URL`,
    /// Terraform `base_url`, Vector `url`, OpenTelemetry `endpoint`; `AXIOM_INGEST_URL`,
    /// `AXIOM_API_URL`, `AXIOM_URL_OVERRIDE` and next-axiom's `AXIOM_INGEST_ENDPOINT`, seen in
    /// real repositories) written without a scheme. The Axiom CLI's `url` is exempt: the CLI
    /// adds the scheme itself.
    ///
    /// ## Why is this bad?
    /// Unlike bare-domain fields, these are used as written: `api.axiom.co/v1/…` is parsed as
    /// a relative path and requests go nowhere (axiomhq/cli #110).
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_URL": "api.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_URL": "https://api.axiom.co" } }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: every Axiom host serves HTTPS.
    pub(crate) struct UrlMissingScheme;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::UrlMissingScheme) {
        let Some(fixed) = &finding.replacement else {
            continue;
        };
        out.push(
            finding
                .diagnostic(format!(
                    "`{}` needs a full URL, but has no scheme",
                    finding.key()
                ))
                .with_label("no `https://`")
                .with_help(format!("write `{fixed}`"))
                .with_edit(
                    "Add `https://`",
                    context.value_edit(&finding.host.field, fixed),
                    Applicability::Safe,
                ),
        );
    }
}
