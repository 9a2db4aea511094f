//! Vector's axiom sink: `sinks.<id>` with `type = "axiom"`.

use axiom_lint_core::Purpose;

use super::{field, has_value};
use crate::site::{Dialect, HostField, HostRole, Site, TokenField};
use crate::tree::Node;

pub(super) fn recognise<'t>(root: &'t Node, sites: &mut Vec<Site<'t>>) {
    let Some(sinks) = root.get("sinks") else {
        return;
    };
    for entry in sinks.entries() {
        let sink = &entry.value;
        // Other sinks' `region` is an AWS region, never an Axiom edge.
        if !has_value(sink, "type", "axiom") {
            continue;
        }
        let mut site = Site::new(Dialect::Vector, sink);
        site.token = field(sink, "token").map(|field| TokenField {
            field,
            api_token_only: false,
            authorization_header: false,
            public: false,
            named_kind: None,
        });
        site.org_id = field(sink, "org_id");
        site.hosts.extend(field(sink, "url").map(|field| HostField {
            field,
            role: HostRole::VectorUrl,
        }));
        site.hosts
            .extend(field(sink, "region").map(|field| HostField {
                field,
                role: HostRole::EdgeDomain,
            }));
        site.purposes = vec![Purpose::Ingest];
        sites.push(site);
    }
}
