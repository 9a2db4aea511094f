//! The Axiom CLI's `~/.axiom.toml`: `[deployments.<alias>]` tables.

use super::field;
use super::{Input, Sites};
use crate::site::{Dialect, HostRole, TokenField};

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let root = input.root;
    let Some(deployments) = root.get("deployments") else {
        return;
    };
    for entry in deployments.entries() {
        let deployment = &entry.value;
        // A deployment always has a URL or a token; anything else is some other `deployments`.
        if !deployment.is_table()
            || (deployment.get("url").is_none() && deployment.get("token").is_none())
        {
            continue;
        }
        let mut site = sites.new_site(Dialect::AxiomCli, deployment);
        site.tokens
            .extend(field(deployment, "token").map(TokenField::plain));
        site.org_id = field(deployment, "org_id").map(Box::new);
        let hosts = [
            (
                "url",
                HostRole::ApiUrl {
                    scheme_optional: true,
                },
            ),
            ("edge_url", HostRole::EdgeUrl),
            ("edge_region", HostRole::EdgeDomain),
            // Older CLI releases called it `edge`.
            ("edge", HostRole::EdgeDomain),
        ];
        for (key, role) in hosts {
            site.hosts
                .extend(field(deployment, key).map(|field| role.at(field)));
        }
        sites.push(site);
    }
}
