//! AXL106 edge-domain-as-api-url: an API base URL points at an edge.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{Dialect, HostRole};

rule_docs! {
    /// ## What it does
    /// Reports an API base URL (`AXIOM_URL`, the CLI's `url`, Terraform `base_url`, a Vector
    /// `url` without a path) that points at an edge such as `eu-central-1.aws.edge.axiom.co`.
    ///
    /// ## Why is this bad?
    /// Edges serve only ingest and query. Everything else the SDKs, CLI and Terraform call
    /// (datasets, tokens, monitors, users, `/v2/*`) lives on `api.axiom.co` and gets 404 from an
    /// edge (axiomhq/ai #214). A Vector `url` without a path gets the legacy
    /// `/v1/datasets/{dataset}/ingest` path appended, which edges do not serve either.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_URL": "https://eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_URL": "https://api.axiom.co", "AXIOM_EDGE": "eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the edge has to move to another field, which differs by consumer.
    pub(crate) struct EdgeDomainAsApiUrl;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::EdgeDomainAsApiUrl) {
        let help = match (finding.site.dialect, finding.host.role) {
            (Dialect::Vector, _) => format!(
                "set `{}` instead of `url`",
                context.assignment("region", &finding.host_name)
            ),
            (Dialect::AxiomCli, _) => format!(
                "set `{}` and `{}`",
                context.assignment("url", "https://api.axiom.co"),
                context.assignment("edge_region", &finding.host_name)
            ),
            (_, HostRole::ApiUrl { .. }) if finding.site.dialect == Dialect::EnvMap => format!(
                "set `{}` to `https://api.axiom.co` and `AXIOM_EDGE` to `{}`",
                finding.key(),
                finding.host_name
            ),
            _ => "point the API base URL at `https://api.axiom.co`; edges serve only ingest and query".to_owned(),
        };
        out.push(
            finding
                .diagnostic(format!(
                    "`{}` is an API base URL but points at the edge `{}`",
                    finding.key(),
                    finding.host_name
                ))
                .with_label("edge domain, not the API host")
                .with_help(help),
        );
    }
}
