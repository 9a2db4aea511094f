//! AXL112 unknown-axiom-host: another `*.axiom.co` host in a credential field.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a `*.axiom.co` host in a credential field that is none of the known API, edge,
    /// console or legacy hosts (`mumbai.axiom.co`, `ingest.axiom.co`, a typo of `api`).
    ///
    /// ## Why is this bad?
    /// Such hosts do not serve the Axiom API, so every request fails. `mumbai.axiom.co`, for
    /// one, appears in Vector's docs as an example and does not exist. Hosts that are real but
    /// not credential targets (`mcp.axiom.co`, `*.ingress.axiom.co`, `*.syslog.axiom.co`,
    /// `repobeats.axiom.co`) are never reported. Others that are real but that AXIOM.md does
    /// not list (`modeldb.axiom.co`, `status.axiom.co`) are reported only in a credential
    /// field, where they cannot work either; a URL in code or prose on one is never judged
    /// (it is no API or ingest target), and its path, even `/api/v1/…`, is its own.
    ///
    /// ## Example
    /// ```json
    /// { "connection_config": { "subdomain": "apii" }, "provider_config_key": "axiom" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "connection_config": { "subdomain": "api" }, "provider_config_key": "axiom" }
    /// ```
    ///
    /// ## Fix safety
    /// When a known subdomain is one or two edits away, the fix replaces it; unsafe, because
    /// the intended host is a guess.
    pub(crate) struct UnknownAxiomHost;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::UnknownAxiomHost) {
        let mut diagnostic = finding
            .diagnostic(format!(
                "`{}` is not an Axiom API or edge host",
                finding.host_name
            ))
            .with_label("unknown Axiom host");
        diagnostic = match &finding.replacement {
            Some(known) => diagnostic
                .with_help(format!("did you mean `{known}`?"))
                .with_edit(
                    format!("Replace with `{known}`"),
                    context.value_edit(&finding.host.field, known),
                    Applicability::Unsafe,
                ),
            None => diagnostic.with_help(crate::rules::where_to_point(finding.host.role)),
        };
        out.push(diagnostic);
    }
}
