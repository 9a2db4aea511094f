//! Elastic Beats (`filebeat.yml`, `metricbeat.yml`, …) sending to Axiom's Elasticsearch-
//! compatible endpoint: `output.elasticsearch` (dotted or nested) whose `hosts` name an Axiom
//! host, with `api_key: 'axiom:<API token>'` (AXIOM.md, "More places credentials live").

use std::borrow::Cow;

use axiom_lint_core::Purpose;

use super::{Input, Sites};
use crate::site::{Dialect, Field, HostRole, Purposes, TokenField};
use crate::tree::Node;

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let root = input.root;
    let Some(output) = root
        .get("output.elasticsearch")
        .or_else(|| {
            root.get("output")
                .and_then(|output| output.get("elasticsearch"))
        })
        .filter(|output| output.is_table())
    else {
        return;
    };
    let hosts: Vec<Field<'t>> = output
        .get("hosts")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter(|item| {
            item.as_str()
                .is_some_and(|text| sites.names_axiom_host(text))
        })
        .map(|item| Field::with_value("hosts", item.span.clone(), item))
        .collect();
    if hosts.is_empty() {
        return;
    }
    let text = sites.text();
    let mut site = sites.new_site(Dialect::Beats, output);
    let api_key = output
        .entries()
        .iter()
        .rev()
        .find(|entry| entry.key == "api_key");
    let mut bare_api_key = false;
    if let Some(entry) = api_key {
        let node = &entry.value;
        if let Some(value) = node
            .as_str()
            .filter(|value| text.get(node.content.clone()) == Some(*value))
        {
            // `axiom:<token>`: the token is what follows the id.
            let offset = value.find(':').map_or(0, |at| at + 1);
            bare_api_key = offset == 0;
            let span = node.content.start + offset..node.content.end;
            if let Some(token) = text.get(span.clone()) {
                site.tokens.push(TokenField::api_token_only(Field::carved(
                    &entry.key,
                    entry.key_span.clone(),
                    Cow::Borrowed(token),
                    span,
                )));
            }
        }
    }
    site.purposes = Purposes::only(Purpose::Ingest);
    // The output owns its hosts: the host rules read them as Beats URLs, and no generic
    // reading of the same strings gives other advice.
    site.hosts.extend(
        hosts
            .iter()
            .cloned()
            .map(|host| HostRole::BeatsHost.at(host)),
    );
    site.beats = Some(Box::new(crate::site::BeatsOutput {
        program: "Beats",
        hosts,
        bare_api_key: bare_api_key.then(|| api_key.map(Field::of)).flatten(),
        wrong_user: None,
        user_missing: None,
    }));
    sites.push(site);
}
