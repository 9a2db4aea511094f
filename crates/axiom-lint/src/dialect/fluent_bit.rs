//! Fluent Bit `http` outputs that send to Axiom, in the classic `.conf` (`[OUTPUT]` sections)
//! and in YAML (`pipeline.outputs`): `Host` a bare edge domain, `Port 443` and `TLS On`,
//! `URI /v1/ingest/<dataset>`, one `Header` per header (AXIOM.md, "More places credentials
//! live"). Keys are case-insensitive, as Fluent Bit reads them.
//!
//! Fluent Bit expands `${V}` in any value, and a YAML config may define `V` in its top-level
//! `env:` map: a setting that is `${V}` alone is judged by the value `env:` gives it, at the
//! `env:` entry, so a token written there is found where it is written.

use std::borrow::Cow;

use axiom_lint_core::Purpose;

use super::{Input, Sites};
use crate::site::{Consumer, Dialect, Field, FluentBitOutput, HostRole, Purposes, TokenField};
use crate::source::Format;
use crate::tree::{Entry, Node, Value};

/// A YAML config's `env:` map, in a file that is Fluent Bit's: its `pipeline:` has `inputs`
/// or `outputs` (other tools' YAML has a `pipeline:` and an `env:` of their own).
fn env_map<'t>(root: &'t Node<'t>) -> Option<&'t Node<'t>> {
    root.get("pipeline").filter(|pipeline| {
        pipeline.is_table()
            && (pipeline.get("inputs").is_some() || pipeline.get("outputs").is_some())
    })?;
    root.get("env").filter(|env| env.is_table())
}

/// A YAML config's `env:` map, its names indexed once: a config may define thousands and
/// read each from an output, and a scan of the map for every `${NAME}` grew with the square of
/// the file.
struct Env<'t> {
    /// The last entry of each name whose value is a scalar (a later one overrides).
    by_name: ahash::AHashMap<&'t str, &'t Entry<'t>>,
}

impl<'t> Env<'t> {
    fn of(map: &'t Node<'t>) -> Self {
        let mut by_name = ahash::AHashMap::with_capacity(map.entries().len());
        for entry in map.entries().iter().filter(|entry| {
            matches!(
                entry.value.value,
                Value::String(_) | Value::Number(_) | Value::Bool(_)
            )
        }) {
            by_name.insert(entry.key.as_ref(), entry);
        }
        Self { by_name }
    }
}

/// The `env:` entry a value that is `${NAME}` alone expands to, if the map defines `NAME`.
fn defined<'t>(env: Option<&Env<'t>>, value: &str) -> Option<&'t Entry<'t>> {
    let name = value.trim().strip_prefix("${")?.strip_suffix('}')?.trim();
    env?.by_name.get(name).copied()
}

/// A field, or the `env:` entry its `${NAME}` expands to.
fn resolved<'t>(field: Field<'t>, env: Option<&Env<'t>>) -> Field<'t> {
    match field.text().and_then(|text| defined(env, text)) {
        Some(entry) => Field::of(entry),
        None => field,
    }
}

/// The `env:` map of a Fluent Bit YAML config, as Fluent Bit's: a token written there gets
/// Fluent Bit's advice, and the generic reading of environment maps leaves it alone (what a
/// variable holds is decided by the setting that reads it).
pub(super) fn recognise_env<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    if input.source.format == Format::FluentBit {
        return;
    }
    if let Some(env) = env_map(input.root) {
        let mut site = sites.new_site(Dialect::FluentBitEnv, env);
        site.consumer = Consumer::FluentBit;
        sites.push(site);
    }
}

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let root = input.root;
    let classic = input.source.format == Format::FluentBit;
    let outputs: Vec<&'t Node<'t>> = if classic {
        root.entries()
            .iter()
            .filter(|entry| entry.key.eq_ignore_ascii_case("OUTPUT"))
            .map(|entry| &entry.value)
            .collect()
    } else {
        root.get("pipeline")
            .and_then(|pipeline| pipeline.get("outputs"))
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .collect()
    };
    if outputs.is_empty() {
        return;
    }
    let env = if classic {
        None
    } else {
        env_map(root).map(Env::of)
    };
    for output in outputs.into_iter().filter(|output| output.is_table()) {
        read_output(output, env.as_ref(), sites);
    }
}

/// A scalar's text: Fluent Bit reads `Port 443`, `port: 443` and `tls: true` alike.
fn scalar<'n>(node: &'n Node<'_>) -> Option<Cow<'n, str>> {
    match &node.value {
        Value::String(text) => Some(Cow::Borrowed(text.as_ref())),
        Value::Number(text) => Some(Cow::Borrowed(text.as_str())),
        Value::Bool(value) => Some(Cow::Borrowed(if *value { "on" } else { "off" })),
        _ => None,
    }
}

fn field_of<'t>(output: &'t Node<'t>, key: &str) -> Option<Field<'t>> {
    output.entry_ignore_case(key).map(Field::of)
}

fn read_output<'t>(output: &'t Node<'t>, env: Option<&Env<'t>>, sites: &mut Sites<'t>) {
    let is_http = output
        .get_ignore_case("name")
        .and_then(scalar)
        .is_some_and(|name| name.trim().eq_ignore_ascii_case("http"));
    if !is_http {
        return;
    }
    let text = sites.text();
    let host = field_of(output, "host").map(|field| resolved(field, env));
    let host_is_axiom = host
        .as_ref()
        .and_then(Field::text)
        .is_some_and(|text| sites.names_axiom_host(text));
    // Every `Header` line (classic), or the items of a `header:` list (YAML).
    let mut headers: Vec<(&'t Node<'t>, &'t str)> = Vec::new();
    for entry in output
        .entries()
        .iter()
        .filter(|entry| entry.key.eq_ignore_ascii_case("header"))
    {
        let nodes: Vec<&'t Node<'t>> = match &entry.value.value {
            Value::Array(items) => items.iter().collect(),
            _ => vec![&entry.value],
        };
        for node in nodes {
            // Offsets inside the value are the file's only where its text is its bytes.
            if let Some(value) = node
                .as_str()
                .filter(|value| text.get(node.content.clone()) == Some(*value))
            {
                headers.push((node, value));
            }
        }
    }
    let header = |name: &str| {
        headers.iter().find_map(|(node, value)| {
            let (key, rest) = value.trim_start().split_once([' ', '\t'])?;
            if !key.trim_end_matches(':').eq_ignore_ascii_case(name) {
                return None;
            }
            let leading = value.len() - value.trim_start().len();
            let rest_trimmed = rest.trim();
            let start = node.content.start
                + leading
                + key.len()
                + (rest.len() - rest.trim_start().len())
                + 1;
            let span = start..start + rest_trimmed.len();
            let carved = text.get(span.clone())?;
            let key_start = node.content.start + leading;
            Some(Field::carved(
                &value[leading..leading + key.len()],
                key_start..key_start + key.len(),
                Cow::Borrowed(carved),
                span,
            ))
        })
    };
    // `Bearer ${V}` with `V` in `env:`: the token is the entry's value.
    let authorization = header("authorization").map(|field| {
        let from_env = field.text().and_then(|value| {
            let (scheme, rest) = value.trim().split_once([' ', '\t'])?;
            scheme.eq_ignore_ascii_case("bearer").then_some(())?;
            defined(env, rest)
        });
        match from_env {
            Some(entry) => TokenField::plain(Field::of(entry)),
            None => TokenField::authorization_header(field),
        }
    });
    let names_axiom = authorization
        .as_ref()
        .and_then(|token| token.field.text())
        .is_some_and(|value| value.contains("xaat-") || value.contains("xapt-"))
        || header("x-axiom-dataset").is_some();
    if !host_is_axiom && !names_axiom {
        return;
    }
    let mut site = sites.new_site(Dialect::FluentBit, output);
    site.consumer = Consumer::FluentBit;
    site.tokens.extend(authorization);
    site.org_id = header("x-axiom-org-id").map(|field| Box::new(resolved(field, env)));
    let uri = field_of(output, "uri").map(|field| resolved(field, env));
    let legacy_on_api = host
        .as_ref()
        .and_then(Field::text)
        .is_some_and(|host| host.trim().eq_ignore_ascii_case("api.axiom.co"))
        && uri
            .as_ref()
            .and_then(Field::text)
            .is_some_and(|uri| is_legacy_ingest(uri.trim()));
    site.purposes = Purposes::only(Purpose::Ingest);
    let setting = |key: &str| {
        output
            .get_ignore_case(key)
            .map(|node| {
                node.as_str()
                    .and_then(|value| defined(env, value))
                    .map_or(node, |entry| &entry.value)
            })
            .and_then(scalar)
            .map(|value| value.trim().to_ascii_lowercase())
    };
    let (port, tls) = (setting("port"), setting("tls"));
    // `Host` alone is a bare edge domain; on the API host with the legacy ingest `URI` the
    // two make a route of their own (which works only for US East 1: AXL107), judged as the
    // URL the output posts to.
    let judged = match (&host, &uri) {
        (Some(host), Some(uri)) if legacy_on_api => {
            posted_url(host, uri, port.as_deref()).map(|url| HostRole::FluentBitUrl.at(url))
        }
        _ => host.clone().map(|field| HostRole::EdgeDomain.at(field)),
    };
    site.hosts.extend(judged);
    site.fluent_bit = Some(Box::new(FluentBitOutput {
        host: host.filter(|_| host_is_axiom),
        port,
        tls,
        uri,
        legacy_on_api,
    }));
    sites.push(site);
}

/// The legacy ingest path, `/v1/datasets/<dataset>/ingest`.
fn is_legacy_ingest(uri: &str) -> bool {
    let segments: Vec<&str> = uri.trim_end_matches('/').split('/').collect();
    matches!(segments.as_slice(), ["", "v1", "datasets", dataset, "ingest"] if !dataset.is_empty())
}

/// The URL an output posts to, as a field at its `Host`: the host, the port when one is set,
/// then the `URI`. Always `https://`: whether `TLS` is on is AXL401's to say, and an `http://`
/// here would hide the route's own verdict behind AXL105 until TLS were fixed.
fn posted_url<'t>(host: &Field<'t>, uri: &Field<'t>, port: Option<&str>) -> Option<Field<'t>> {
    let port = port.map_or(String::new(), |port| format!(":{port}"));
    let url = format!(
        "https://{}{port}{}",
        host.text()?.trim(),
        uri.text()?.trim()
    );
    Some(Field::carved(
        host.key,
        host.key_span.clone(),
        Cow::Owned(url),
        host.span.clone(),
    ))
}
