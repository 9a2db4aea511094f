//! Grafana datasources of Axiom's plugin, `type: axiomhq-axiom-datasource`: in provisioning
//! files (`apiVersion: 1`, `datasources:`), and in Terraform's `grafana_data_source`
//! (`json_data_encoded = jsonencode({ … })`, `secure_json_data_encoded = jsonencode({ … })`).
//! `accessToken` an API token (PATs are rejected since plugin 0.7.0), `apiHost` the API host's
//! full URL, `edgeURL` an edge's full URL, legacy `edge` a bare edge domain. Grafana's own
//! `orgId` is its org number, never Axiom's org ID (AXIOM.md, "More places credentials live").

use super::{Input, Sites, field, has_value};
use crate::site::{Consumer, Dialect, HostRole, TokenField};
use crate::tree::{Node, Value};

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
        read_datasource(
            datasource,
            datasource.get("jsonData"),
            datasource.get("secureJsonData"),
            (Dialect::Grafana, Consumer::Grafana),
            sites,
        );
    }
}

/// `resource "grafana_data_source" "<name>"` of Axiom's plugin, whose settings are the objects
/// `jsonencode` is given (HCL); in `*.tf.json` they are one template string, with nothing to
/// read. The provider's older `json_data {}` block had fixed fields, none of them this
/// plugin's.
pub(super) fn recognise_terraform<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let Some(resources) = input
        .root
        .get("resource")
        .and_then(|resource| resource.get("grafana_data_source"))
    else {
        return;
    };
    for entry in resources.entries() {
        // Two resources of one name are an array, as in Terraform's JSON syntax.
        let datasources: &[Node<'t>] = match &entry.value.value {
            Value::Array(items) => items,
            _ => std::slice::from_ref(&entry.value),
        };
        for datasource in datasources {
            if !has_value(datasource, "type", PLUGIN) {
                continue;
            }
            read_datasource(
                datasource,
                datasource.get("json_data_encoded"),
                datasource.get("secure_json_data_encoded"),
                (Dialect::GrafanaTerraform, Consumer::Terraform),
                sites,
            );
        }
    }
}

fn read_datasource<'t>(
    datasource: &'t Node<'t>,
    json_data: Option<&'t Node<'t>>,
    secure_json_data: Option<&'t Node<'t>>,
    (dialect, consumer): (Dialect, Consumer),
    sites: &mut Sites<'t>,
) {
    let mut site = sites.new_site(dialect, datasource);
    site.consumer = consumer;
    site.tokens.extend(
        secure_json_data
            .and_then(|secure| field(secure, "accessToken"))
            .map(TokenField::api_token_only),
    );
    if let Some(json_data) = json_data {
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
