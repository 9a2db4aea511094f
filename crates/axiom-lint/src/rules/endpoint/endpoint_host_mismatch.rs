//! AXL108 endpoint-host-mismatch: an edge-only path on the API host, or the reverse.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::HostRole;

rule_docs! {
    /// ## What it does
    /// Reports an endpoint sent to a host that does not serve it: an edge-only path
    /// (`/v1/ingest/…`, `/v1/query/…`) or an edge URL/domain field on `api.axiom.co`; an
    /// API-only path (`/v1/datasets…`, `/v2/…`) on an edge; or a connection with purpose
    /// `manage` on an edge subdomain.
    ///
    /// ## Why is this bad?
    /// Each returns 404: edges serve only ingest and query, and `api.axiom.co` serves
    /// everything else (axiomhq/docs #512).
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_EDGE_URL": "https://api.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_EDGE_URL": "https://eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Fix safety
    /// For purpose `manage` on an edge, the fix sets the subdomain to `api`; it is unsafe,
    /// because the connection may also be meant for ingest. Otherwise there is no fix.
    pub(crate) struct EndpointHostMismatch;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::EndpointHostMismatch) {
        let on_edge = *finding.host_name != *"api.axiom.co";
        let mut diagnostic = if finding.host.role == HostRole::Subdomain {
            finding
                .diagnostic(format!(
                    "purpose `manage` needs `api`, but `{}` is an edge",
                    finding.host_name
                ))
                .with_label("edges serve only ingest and query")
                .with_help("use a separate connection with subdomain `api` for management")
        } else if on_edge {
            finding
                .diagnostic(format!(
                    "`{}` calls an API-host endpoint on the edge `{}`",
                    finding.key(),
                    finding.host_name
                ))
                .with_label("404 on an edge")
                .with_help("send this endpoint to `https://api.axiom.co`")
        } else {
            finding
                .diagnostic(format!(
                    "`{}` sends edge traffic (ingest or query) to `api.axiom.co`",
                    finding.key()
                ))
                .with_label("404 on the API host")
                .with_help(crate::rules::where_to_point(match finding.host.role {
                    // An API base URL never points at an edge (AXL106): drop the path.
                    // Vector and OTLP have their own way of naming the edge.
                    HostRole::ApiUrl { .. } | HostRole::VectorUrl | HostRole::OtelEndpoint => {
                        finding.host.role
                    }
                    HostRole::Subdomain | HostRole::EdgeDomain => HostRole::EdgeDomain,
                    _ => HostRole::EdgeUrl,
                }))
        };
        if let (Some(replacement), Some(purpose)) =
            (&finding.replacement, finding.site.purpose_field())
        {
            diagnostic = diagnostic
                .with_secondary(purpose.span(), "purpose declared here")
                .with_edit(
                    "Use subdomain `api`",
                    context.value_edit(&finding.host.field, replacement),
                    Applicability::Unsafe,
                );
        }
        out.push(diagnostic);
    }
}
