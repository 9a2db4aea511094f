//! Grafana datasources of Axiom's plugin, `type: axiomhq-axiom-datasource`: in provisioning
//! files (`apiVersion: 1`, `datasources:`), and in Terraform's `grafana_data_source`
//! (`json_data_encoded = jsonencode({ … })`, `secure_json_data_encoded = jsonencode({ … })`,
//! or the 1.x provider's `secure_json_data { access_token = … }` block).
//! `accessToken` an API token (PATs are rejected since plugin 0.7.0), `apiHost` the API host's
//! full URL, `edgeURL` an edge's full URL, legacy `edge` a bare edge domain. Grafana's own
//! `orgId` is its org number, never Axiom's org ID (AXIOM.md, "More places credentials live").

use super::{Input, Sites, field, has_value};
use crate::site::{Consumer, Dialect, Field, HostRole, TokenField};
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
            datasource
                .get("secureJsonData")
                .and_then(|secure| field(secure, "accessToken")),
            (Dialect::Grafana, Consumer::Grafana),
            sites,
        );
    }
}

/// `resource "grafana_data_source" "<name>"` of Axiom's plugin, whose settings are the objects
/// `jsonencode` is given (HCL); in `*.tf.json` they are one template string, with nothing to
/// read.
///
/// Before 2.0 the provider also took a `secure_json_data { … }` block, whose `access_token` it
/// sent as `secureJsonData.accessToken` (grafana-api-golang-client's `SecureJSONData`): the
/// plugin's token, read as the encoded form's. Its `json_data { … }` block had a fixed schema
/// (snake_case fields such as `default_region`), with no field of this plugin's: Terraform
/// rejects `apiHost` there, so there is no host to read.
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
            // The provider rejects both forms together; the encoded one is the current.
            let token = match datasource.get("secure_json_data_encoded") {
                Some(encoded) => field(encoded, "accessToken"),
                None => first_block(datasource, "secure_json_data")
                    .and_then(|block| field(block, "access_token")),
            };
            read_datasource(
                datasource,
                datasource.get("json_data_encoded"),
                token,
                (Dialect::GrafanaTerraform, Consumer::Terraform),
                sites,
            );
        }
    }
}

/// A block the provider reads as a list of one (`secure_json_data.0`): the first where it is
/// written more than once (an array, as in Terraform's JSON syntax).
fn first_block<'t>(datasource: &'t Node<'t>, key: &str) -> Option<&'t Node<'t>> {
    let block = datasource.get(key)?;
    match &block.value {
        Value::Array(items) => items.first(),
        _ => Some(block),
    }
    .filter(|block| block.is_table())
}

/// A datasource of the plugin: its `accessToken` (however the form names it) and the hosts
/// in its `jsonData`.
fn read_datasource<'t>(
    datasource: &'t Node<'t>,
    json_data: Option<&'t Node<'t>>,
    access_token: Option<Field<'t>>,
    (dialect, consumer): (Dialect, Consumer),
    sites: &mut Sites<'t>,
) {
    let mut site = sites.new_site(dialect, datasource);
    site.consumer = consumer;
    site.tokens
        .extend(access_token.map(TokenField::api_token_only));
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
