//! AXL108 endpoint-host-mismatch: an edge-only path on the API host, or the reverse.

use super::Mismatch;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::HostRole;

rule_docs! {
    /// ## What it does
    /// Reports a URL whose path cannot work on its host, or a connection with purpose
    /// `manage` on an edge.
    ///
    /// Paths on hosts (AXIOM.md) are judged wherever the URL is: a config value (Vector
    /// `url`, an environment map, an OTel `endpoint`, a Beats `hosts` list) or code and
    /// scripts read by the text scan:
    /// - an edge-only path (`/v1/ingest/…`, `/v1/query/_apl`, `_mpl`, `batch`), or an edge
    ///   URL/domain field, on `api.axiom.co`;
    /// - an API-host path (`/v1/datasets…`, `/v2/…`) on an edge;
    /// - the legacy ingest path `/v1/datasets/<ds>/ingest` (or `…/elastic`, or
    ///   `/v1/datasets/_apl`) on an edge, the docs' own mistake of 2025-12 to 2026-08;
    /// - a connection with purpose `manage` on an edge subdomain.
    ///
    /// OTLP paths (`/v1/traces|logs|metrics`) on `api.axiom.co` are the old form, not a
    /// mismatch: AXL107 warns about them. Path semantics extend this rule rather than adding
    /// a new one: every case is the same fact (a path served by one kind of host sent to the
    /// other, HTTP 404), and one rule keeps one finding per value.
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
    /// ```ts
    /// await fetch("https://eu-central-1.aws.edge.axiom.co/v1/datasets/logs/ingest", { method: "POST", body });
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_EDGE_URL": "https://eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ```ts
    /// await fetch("https://eu-central-1.aws.edge.axiom.co/v1/ingest/logs", { method: "POST", body });
    /// ```
    ///
    /// ## Fix safety
    /// Where the right URL is certain the fix is safe: an API-host path on an edge moves to
    /// `api.axiom.co` (no other host serves it), and a legacy ingest path on an edge becomes
    /// that edge's own path for the same dataset (`/v1/ingest/<ds>`). An edge-only path on
    /// `api.axiom.co` has no fix: which edge holds your data is not in the file. For purpose
    /// `manage` on an edge, the fix sets the subdomain to `api`; it is unsafe, because the
    /// connection may also be meant for ingest.
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
        } else if finding.mismatch == Some(Mismatch::LegacyPathOnEdge) {
            let help = match &finding.replacement {
                Some(fixed) => format!("use the edge's ingest path: `{fixed}`"),
                None => "send this query to the edge's `/v1/query/_apl`".to_owned(),
            };
            finding
                .diagnostic(format!(
                    "`{}` uses the legacy `/v1/datasets/…` path on the edge `{}`",
                    finding.key(),
                    finding.host_name
                ))
                .with_label("404 on an edge")
                .with_help(help)
        } else if on_edge {
            let help = match &finding.replacement {
                Some(fixed) => format!("send this endpoint to the API host: `{fixed}`"),
                None => "send this endpoint to `https://api.axiom.co`".to_owned(),
            };
            finding
                .diagnostic(format!(
                    "`{}` calls an API-host endpoint on the edge `{}`",
                    finding.key(),
                    finding.host_name
                ))
                .with_label("404 on an edge")
                .with_help(help)
        } else {
            finding
                .diagnostic(format!(
                    "`{}` sends edge traffic (ingest or query) to `api.axiom.co`",
                    finding.key()
                ))
                .with_label("404 on the API host")
                .with_help(edge_path_help(finding).unwrap_or_else(|| {
                    crate::rules::where_to_point(match finding.host.role {
                        // An API base URL never points at an edge (AXL106): drop the path.
                        // Vector and OTLP have their own way of naming the edge.
                        HostRole::ApiUrl { .. } | HostRole::VectorUrl | HostRole::OtelEndpoint => {
                            finding.host.role
                        }
                        HostRole::Subdomain | HostRole::EdgeDomain | HostRole::Domain => {
                            HostRole::EdgeDomain
                        }
                        _ => HostRole::EdgeUrl,
                    })
                    .to_owned()
                }))
        };
        if let (Some(replacement), Some(_)) = (&finding.replacement, finding.mismatch) {
            let title = if finding.mismatch == Some(Mismatch::ApiPathOnEdge) {
                "Send it to `api.axiom.co`"
            } else {
                "Use the edge's ingest path"
            };
            diagnostic = diagnostic.with_edit(
                title,
                context.value_edit(&finding.host.field, replacement),
                Applicability::Safe,
            );
        } else if let (Some(replacement), Some(purpose)) =
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

/// For a URL that names its endpoint (a `curl` line, a full ingest URL): the same URL on an
/// edge, since only the host is wrong and dropping the path would break the call. Fields that
/// take a base URL, a domain or a subdomain get [`crate::rules::where_to_point`] instead.
fn edge_path_help(finding: &super::HostFinding<'_>) -> Option<String> {
    let beats = finding.host.role == HostRole::BeatsHost;
    if !matches!(finding.host.role, HostRole::EdgeUrl | HostRole::AnyUrl) && !beats {
        return None;
    }
    let value = finding.host.field.text()?.trim();
    let url = axiom_lint_core::UrlParts::split(value)?;
    if !url.has_path() {
        return None;
    }
    // Beats also need `https://`, `:443` and `/elastic`: the help writes the URL they take,
    // the one the Beats rule (AXL501) writes for the same value.
    let example = if beats {
        super::beats_url(value)?
    } else {
        let mut example = value.to_owned();
        example.replace_range(url.host.clone(), "eu-central-1.aws.edge.axiom.co");
        example
    };
    Some(if beats {
        format!("send it to your edge's Elasticsearch endpoint, such as `{example}`")
    } else {
        format!("send it to your edge, keeping the path, such as `{example}`")
    })
}
