//! Grafana datasource provisioning (`apiVersion: 1`, `datasources:`) for Axiom's plugin,
//! `type: axiomhq-axiom-datasource`: `secureJsonData.accessToken` an API token (PATs are
//! rejected since plugin 0.7.0), `jsonData.apiHost` the API host's full URL, `jsonData.edgeURL`
//! an edge's full URL, legacy `jsonData.edge` a bare edge domain. Grafana's own `orgId` is
//! its org number, never Axiom's org ID (AXIOM.md, "More places credentials live").

use super::{Input, Sites, field, has_value};
use crate::site::{Consumer, Dialect, HostRole, TokenField};

/// The plugin's ID.
const PLUGIN: &str = "axiomhq-axiom-datasource";

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let Some(datasources) = input.root.get("datasources") else {
        return;
    };
    for datasource in datasources.items() {
        if !has_value(datasource, "type", PLUGIN) {
            continue;
        }
        let mut site = sites.new_site(Dialect::Grafana, datasource);
        site.consumer = Consumer::Grafana;
        site.tokens.extend(
            datasource
                .get("secureJsonData")
                .and_then(|secure| field(secure, "accessToken"))
                .map(TokenField::api_token_only),
        );
        if let Some(json_data) = datasource.get("jsonData") {
            let hosts = [
                (
                    "apiHost",
                    HostRole::ApiUrl {
                        scheme_optional: false,
                    },
                ),
                ("edgeURL", HostRole::EdgeUrl),
                ("edge", HostRole::EdgeDomain),
            ];
            for (key, role) in hosts {
                site.hosts
                    .extend(field(json_data, key).map(|field| role.at(field)));
            }
        }
        sites.push(site);
    }
}
