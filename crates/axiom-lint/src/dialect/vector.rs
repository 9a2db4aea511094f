//! Vector sinks that send to Axiom: `type = "axiom"`, and Splunk HEC sinks whose endpoint is
//! Axiom's HEC host on an edge.

use axiom_lint_core::Purpose;

use axiom_lint_core::{EdgeCatalog, HostKind, UrlParts, classify_host};

use super::{Input, Sites};
use crate::site::{Dialect, Field, HostRole, Purposes, TokenField};
use crate::tree::{Entry, Node};

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let (root, edges) = (input.root, sites.edges);
    let Some(sinks) = root.get("sinks") else {
        return;
    };
    sites.reserve(sinks.entries().len());
    for entry in sinks.entries() {
        let sink = &entry.value;
        let fields = SinkFields::of(sink);
        let kind = fields.kind.and_then(|entry| entry.value.as_str());
        if is_axiom_hec(kind, fields.endpoint, edges) {
            let mut site = sites.new_site(Dialect::Vector, sink);
            // HEC on an edge accepts API tokens only (AXIOM.md, "Domains").
            if let Some(entry) = fields.default_token {
                site.tokens
                    .push(TokenField::api_token_only(Field::of(entry)));
            }
            if let Some(entry) = fields.endpoint {
                site.hosts.push(HostRole::AnyUrl.at(Field::of(entry)));
            }
            site.purposes = Purposes::only(Purpose::Ingest);
            sites.push(site);
            continue;
        }
        // Other sinks' `region` is an AWS region, never an Axiom edge.
        if !kind.is_some_and(|kind| kind.trim().eq_ignore_ascii_case("axiom")) {
            continue;
        }
        let mut site = sites.new_site(Dialect::Vector, sink);
        // Pushed one by one: a sink has at most one of each, and sinks come by the dozen.
        if let Some(entry) = fields.token {
            site.tokens.push(TokenField::plain(Field::of(entry)));
        }
        site.org_id = fields.org_id.map(|entry| Box::new(Field::of(entry)));
        let hosts = [
            (fields.url, HostRole::VectorUrl),
            (fields.region, HostRole::EdgeDomain),
        ];
        site.hosts
            .reserve(hosts.iter().filter(|(entry, _)| entry.is_some()).count());
        for (entry, role) in hosts {
            if let Some(entry) = entry {
                site.hosts.push(role.at(Field::of(entry)));
            }
        }
        site.purposes = Purposes::only(Purpose::Ingest);
        sites.push(site);
    }
}

/// The keys a sink to Axiom may set, found in one pass over its entries; as everywhere, the
/// last of a repeated key wins.
#[derive(Default)]
struct SinkFields<'t> {
    kind: Option<&'t Entry<'t>>,
    token: Option<&'t Entry<'t>>,
    org_id: Option<&'t Entry<'t>>,
    url: Option<&'t Entry<'t>>,
    region: Option<&'t Entry<'t>>,
    default_token: Option<&'t Entry<'t>>,
    endpoint: Option<&'t Entry<'t>>,
}

impl<'t> SinkFields<'t> {
    fn of(sink: &'t Node<'t>) -> Self {
        let mut fields = Self::default();
        for entry in sink.entries() {
            let slot = match &*entry.key {
                "type" => &mut fields.kind,
                "token" => &mut fields.token,
                "org_id" => &mut fields.org_id,
                "url" => &mut fields.url,
                "region" => &mut fields.region,
                "default_token" => &mut fields.default_token,
                "endpoint" => &mut fields.endpoint,
                _ => continue,
            };
            *slot = Some(entry);
        }
        fields
    }
}

/// A `splunk_hec_*` sink whose endpoint is `hec.<edge>` on a known edge, including edges the
/// run's settings add (`extend-edges`).
fn is_axiom_hec(kind: Option<&str>, endpoint: Option<&Entry<'_>>, edges: &EdgeCatalog) -> bool {
    kind.is_some_and(|kind| kind.starts_with("splunk_hec"))
        && endpoint
            .and_then(|entry| entry.value.as_str())
            .and_then(UrlParts::split)
            .is_some_and(|url| matches!(classify_host(url.host_str(), edges), HostKind::Hec(_)))
}
