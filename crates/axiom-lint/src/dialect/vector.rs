//! Vector sinks that send to Axiom: `type = "axiom"`, and Splunk HEC sinks whose endpoint is
//! Axiom's HEC host on an edge.

use axiom_lint_core::Purpose;

use axiom_lint_core::{EdgeCatalog, HostKind, UrlParts, classify_host};

use super::{field, has_value};
use crate::site::{Dialect, HostRole, Site, TokenField};
use crate::tree::Node;

pub(super) fn recognise<'t>(root: &'t Node<'t>, edges: &EdgeCatalog, sites: &mut Vec<Site<'t>>) {
    let Some(sinks) = root.get("sinks") else {
        return;
    };
    for entry in sinks.entries() {
        let sink = &entry.value;
        if is_axiom_hec(sink, edges) {
            let mut site = Site::new(Dialect::Vector, sink);
            // HEC on an edge accepts API tokens only (AXIOM.md, "Domains").
            site.tokens
                .extend(field(sink, "default_token").map(TokenField::api_token_only));
            site.hosts
                .extend(field(sink, "endpoint").map(|field| HostRole::AnyUrl.at(field)));
            site.purposes = vec![Purpose::Ingest];
            sites.push(site);
            continue;
        }
        // Other sinks' `region` is an AWS region, never an Axiom edge.
        if !has_value(sink, "type", "axiom") {
            continue;
        }
        let mut site = Site::new(Dialect::Vector, sink);
        site.tokens
            .extend(field(sink, "token").map(TokenField::plain));
        site.org_id = field(sink, "org_id");
        site.hosts
            .extend(field(sink, "url").map(|field| HostRole::VectorUrl.at(field)));
        site.hosts
            .extend(field(sink, "region").map(|field| HostRole::EdgeDomain.at(field)));
        site.purposes = vec![Purpose::Ingest];
        sites.push(site);
    }
}

/// A `splunk_hec_*` sink whose endpoint is `hec.<edge>` on a known edge, including edges the
/// run's settings add (`extend-edges`).
fn is_axiom_hec(sink: &Node<'_>, edges: &EdgeCatalog) -> bool {
    let hec_type = sink
        .get("type")
        .and_then(Node::as_str)
        .is_some_and(|kind| kind.starts_with("splunk_hec"));
    hec_type
        && sink
            .get("endpoint")
            .and_then(Node::as_str)
            .and_then(UrlParts::split)
            .is_some_and(|url| matches!(classify_host(url.host_str(), edges), HostKind::Hec(_)))
}
