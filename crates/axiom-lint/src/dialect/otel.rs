//! OpenTelemetry collector `otlphttp` exporters whose endpoint is an Axiom host, or that send
//! Axiom's dataset header.

use axiom_lint_core::{Purpose, UrlParts, classify_host};

use super::{Input, Sites};
use super::{field, field_ignore_case};
use crate::site::{Dialect, HostRole, Purposes, TokenField};

const ENDPOINT_KEYS: [&str; 4] = [
    "endpoint",
    "traces_endpoint",
    "logs_endpoint",
    "metrics_endpoint",
];

/// Headers that name the dataset to ingest into (AXIOM.md, "config dialects").
const DATASET_HEADERS: [&str; 2] = ["x-axiom-dataset", "x-axiom-metrics-dataset"];

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let (root, edges) = (input.root, sites.edges);
    let Some(exporters) = root.get("exporters") else {
        return;
    };
    for entry in exporters.entries() {
        let is_otlphttp = entry.key == "otlphttp" || entry.key.starts_with("otlphttp/");
        let exporter = &entry.value;
        if !is_otlphttp || !exporter.is_table() {
            continue;
        }
        let endpoints: Vec<_> = ENDPOINT_KEYS
            .iter()
            .filter_map(|key| field(exporter, key))
            .collect();
        // A receiver-style `0.0.0.0:4318` or another vendor's endpoint is not ours to lint.
        let sends_to_axiom = endpoints.iter().any(|endpoint| {
            endpoint
                .text()
                .and_then(UrlParts::split)
                .is_some_and(|url| classify_host(url.host_str(), edges).is_axiom())
        });
        // The dataset headers are read by Axiom alone: an exporter that sends one talks to
        // Axiom even when its endpoint comes from the environment.
        let names_a_dataset = exporter.get("headers").is_some_and(|headers| {
            DATASET_HEADERS
                .iter()
                .any(|header| field_ignore_case(headers, header).is_some())
        });
        if !sends_to_axiom && !names_a_dataset {
            continue;
        }
        let mut site = sites.new_site(Dialect::OpenTelemetry, exporter);
        site.hosts.extend(
            endpoints
                .into_iter()
                .map(|field| HostRole::OtelEndpoint.at(field)),
        );
        site.tokens.extend(
            exporter
                .get("headers")
                .and_then(|headers| field_ignore_case(headers, "authorization"))
                .map(TokenField::authorization_header),
        );
        site.org_id = exporter
            .get("headers")
            .and_then(|headers| field_ignore_case(headers, "x-axiom-org-id"))
            .map(Box::new);
        site.purposes = Purposes::only(Purpose::Ingest);
        sites.push(site);
    }
}
