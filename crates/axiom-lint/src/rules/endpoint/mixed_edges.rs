//! AXL114 mixed-edges: one consumer routes to two different edges.

use axiom_lint_core::{HostKind, UrlParts, check_subdomain, classify_host};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{HostField, HostRole};

rule_docs! {
    /// ## What it does
    /// Reports one consumer whose settings route to two different known edges, on the second
    /// edge, with a label on the first: one environment map (`AXIOM_EDGE` beside
    /// `AXIOM_EDGE_URL`), one compose service, one CLI deployment, one sink. Named alternatives
    /// (native connections, CLI deployments, separate sinks or exporters, provider aliases) are
    /// never compared: they may serve different organizations.
    ///
    /// ## Why is this bad?
    /// An organization's data lives in one region, and its edge is fixed. One program reading
    /// two edges usually means one setting was copied from another project or from docs: the
    /// SDKs let `AXIOM_EDGE_URL` win over `AXIOM_EDGE`, so the other value silently does
    /// nothing, or half of the traffic goes to the wrong region.
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

pub(crate) fn check<'c>(context: &'c Context<'_>, out: &mut Vec<Diagnostic>) {
    // A host field read by two sites counts once, for the first. Fields are rarely shared,
    // so the shared ones are found once up front and only they are tracked.
    let shared = shared_host_fields(context);
    let mut seen_shared = Vec::new();
    let mut recent = [None; 2];
    // The first edge each consumer routes to. A consumer reads one table (an env map's public
    // and server-side groups are one consumer; two sinks are two), and sites come sorted by
    // their table, so one consumer's sites are neighbours.
    for consumer in context
        .sites
        .chunk_by(|a, b| a.node.span.start == b.node.span.start)
    {
        let mut first: Option<(&'c str, &HostField<'_>)> = None;
        for site in consumer {
            // The second edge in the file is the one reported, whatever order the dialect used.
            let mut sorted: Vec<&HostField<'_>> = Vec::new();
            let hosts: &mut dyn Iterator<Item = &HostField<'_>> =
                if site.hosts.is_sorted_by_key(|host| host.field.span.start) {
                    &mut site.hosts.iter()
                } else {
                    sorted.extend(&site.hosts);
                    sorted.sort_by_key(|host| host.field.span.start);
                    &mut sorted.iter().copied()
                };
            for host in hosts {
                let start = host.field.span.start;
                if shared.binary_search(&start).is_ok() {
                    if seen_shared.contains(&start) {
                        continue;
                    }
                    seen_shared.push(start);
                }
                // Neighbouring sites mostly name the same host, or one of two: the last two
                // answers are reused.
                let question = (host.role, host.field.text());
                let edge = match recent
                    .iter()
                    .flatten()
                    .find(|(asked, _)| *asked == question)
                {
                    Some((_, edge)) => *edge,
                    None => {
                        let edge = edge_of(context, host);
                        recent = [Some((question, edge)), recent[0]];
                        edge
                    }
                };
                let Some(edge) = edge else {
                    continue;
                };
                match first {
                    None => first = Some((edge, host)),
                    Some((first_edge, first_host)) if first_edge != edge => out.push(
                        Diagnostic::new(
                            Rule::MixedEdges,
                            host.field.span(),
                            format!(
                                "this {} routes to two edges: `{first_edge}` and `{edge}`",
                                site.dialect.describe()
                            ),
                        )
                        .with_label(format!("`{edge}`"))
                        .with_secondary(first_host.field.span(), format!("`{first_edge}` here"))
                        .with_help(
                            "an organization's data lives in one region; use its edge in every setting",
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

/// Where the host fields that more than one site reads start, sorted.
fn shared_host_fields(context: &Context<'_>) -> Vec<usize> {
    let mut starts: Vec<usize> =
        Vec::with_capacity(context.sites.iter().map(|site| site.hosts.len()).sum());
    starts.extend(
        context
            .sites
            .iter()
            .flat_map(|site| site.hosts.iter().map(|host| host.field.span.start)),
    );
    starts.sort_unstable();
    let mut shared: Vec<usize> = starts
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    shared.dedup();
    shared
}

/// The known edge a host field routes to, by domain.
fn edge_of<'c>(context: &'c Context<'_>, host: &HostField<'_>) -> Option<&'c str> {
    let edges = &context.settings.edges;
    let value = host.field.text()?.trim();
    if let Some(edge) = edges.by_domain(value) {
        return Some(edge.domain());
    }
    let kind = match host.role {
        HostRole::Subdomain => check_subdomain(value, edges).target,
        HostRole::EdgeDeployment => {
            return edges
                .by_deployment_id(value)
                .map(axiom_lint_core::Edge::domain);
        }
        _ => classify_host(UrlParts::split(value)?.host_str(), edges),
    };
    match kind {
        HostKind::Edge(edge) | HostKind::Hec(edge) => Some(edge.domain()),
        _ => None,
    }
}
