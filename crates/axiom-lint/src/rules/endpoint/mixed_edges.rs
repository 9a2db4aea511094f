//! AXL114 mixed-edges: one file routes to two different edges.

use axiom_lint_core::{HostKind, UrlParts, check_subdomain, classify_host};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{HostField, HostRole};

rule_docs! {
    /// ## What it does
    /// Reports a file whose credential fields route to two different known edges, on the
    /// second edge, with a label on the first.
    ///
    /// ## Why is this bad?
    /// An organization's data lives in one region, and its edge is fixed. Two edges in one
    /// configuration usually mean one was copied from another project or from docs: that
    /// half of the traffic goes to the wrong region and fails, or lands where it should not.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_EDGE": "eu-central-1.aws.edge.axiom.co",
    ///            "AXIOM_EDGE_URL": "https://us-east-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_EDGE": "eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which edge is right is your call.
    pub(crate) struct MixedEdges;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: Option<(String, &HostField<'_>)> = None;
    let hosts = context.sites.iter().flat_map(|site| site.hosts.iter());
    let mut seen_spans = std::collections::HashSet::new();
    for host in hosts {
        if !seen_spans.insert(host.field.span().start) {
            continue;
        }
        let Some(edge) = edge_of(context, host) else {
            continue;
        };
        match &first {
            None => first = Some((edge, host)),
            Some((first_edge, first_host)) if *first_edge != edge => out.push(
                Diagnostic::new(
                    Rule::MixedEdges,
                    host.field.span(),
                    format!("this file routes to two edges: `{first_edge}` and `{edge}`"),
                )
                .with_label(format!("`{edge}`"))
                .with_secondary(first_host.field.span(), format!("`{first_edge}` here"))
                .with_help("an organization's data lives in one region; use its edge everywhere"),
            ),
            Some(_) => {}
        }
    }
}

/// The known edge a host field routes to, by domain.
fn edge_of(context: &Context<'_>, host: &HostField<'_>) -> Option<String> {
    let edges = &context.settings.edges;
    let value = host.field.text()?.trim();
    if let Some(edge) = edges.by_domain(value) {
        return Some(edge.domain().to_owned());
    }
    let kind = match host.role {
        HostRole::Subdomain => check_subdomain(value, edges).target,
        HostRole::EdgeDeployment => {
            return edges.by_deployment_id(value).map(|e| e.domain().to_owned());
        }
        _ => classify_host(UrlParts::split(value)?.host_str(), edges),
    };
    match kind {
        HostKind::Edge(edge) | HostKind::Hec(edge) => Some(edge.domain().to_owned()),
        _ => None,
    }
}
