//! OpenTelemetry SDK variables (`OTEL_EXPORTER_OTLP_*`) in any environment map the tool
//! reads (AXIOM.md, "More places credentials live"): the base URL, the per-signal full URLs,
//! the headers (`k=v,k2=v2`, values percent-encoded or with a raw space) and the protocol.
//!
//! The names alone say nothing about Axiom: a map is read only when one of its values is
//! Axiom-shaped (an `axiom.co` host in an endpoint, an Axiom token or dataset header in the
//! headers), so another vendor's OpenTelemetry settings are never judged.

use std::borrow::Cow;
use std::ops::Range;

use axiom_lint_core::Purpose;

use super::Sites;
use crate::site::{
    Consumer, Dialect, Field, HostRole, OtlpFields, OtlpSignal, Purposes, TokenField,
};
use crate::tree::Node;

/// Every variable read here starts with this, but one.
const PREFIX: &str = "OTEL_EXPORTER_OTLP_";
/// Whether metrics are exported at all (`none` turns them off).
const METRICS_EXPORTER: &str = "OTEL_METRICS_EXPORTER";

/// Whether a variable is one this reading needs (so that maps keep it).
pub(super) fn is_otlp_variable(name: &str) -> bool {
    name.starts_with(PREFIX) || name == METRICS_EXPORTER
}

/// What one variable is.
enum Variable {
    Endpoint(Option<OtlpSignal>),
    Headers(Option<OtlpSignal>),
    Protocol,
    MetricsExporter,
}

fn variable(name: &str) -> Option<Variable> {
    if name == METRICS_EXPORTER {
        return Some(Variable::MetricsExporter);
    }
    let rest = name.strip_prefix(PREFIX)?;
    let (signal, setting) = match rest.split_once('_') {
        Some((signal, setting)) => (Some(OtlpSignal::named(signal)?), setting),
        None => (None, rest),
    };
    Some(match setting {
        "ENDPOINT" => Variable::Endpoint(signal),
        "HEADERS" => Variable::Headers(signal),
        "PROTOCOL" => Variable::Protocol,
        _ => return None,
    })
}

/// One `k=v` pair of a headers value: the key as decoded, and the value's bytes in the value.
struct Header<'a> {
    key: String,
    value: &'a str,
    value_range: Range<usize>,
}

/// The pairs of a `k=v,k2=v2` value (W3C Baggage form, as the SDK specification says). Keys
/// are percent-decoded and compared in any case; values are kept as written, so that their
/// offsets stay the file's.
fn headers(value: &str) -> Vec<Header<'_>> {
    let mut found = Vec::new();
    let mut start = 0;
    for pair in value.split(',') {
        let pair_start = start;
        start += pair.len() + 1;
        let Some((key, raw)) = pair.split_once('=') else {
            continue;
        };
        let key = percent_decode(key.trim()).to_ascii_lowercase();
        let leading = raw.len() - raw.trim_start().len();
        let value_start = pair_start + key_len(pair) + 1 + leading;
        let trimmed = raw.trim();
        found.push(Header {
            key,
            value: trimmed,
            value_range: value_start..value_start + trimmed.len(),
        });
    }
    found
}

fn key_len(pair: &str) -> usize {
    pair.find('=').unwrap_or(pair.len())
}

/// `%XX` escapes decoded; anything else kept.
fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                // Two hex digits are at most 255.
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'%'));
                i += 3;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Where the token starts in an `Authorization` header's value: after `Bearer` and its space
/// (`%20`, or a raw space, which current SDKs accept).
fn token_offset(value: &str) -> usize {
    let Some(scheme) = value.get(..6) else {
        return 0;
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return 0;
    }
    let rest = &value[6..];
    if rest.starts_with("%20") {
        6 + 3
    } else {
        6 + rest.len() - rest.trim_start().len()
    }
}

/// Reads the OpenTelemetry variables among a map's fields; builds a site only when a value is
/// Axiom-shaped.
pub(super) fn recognise_fields<'t>(
    map: &'t Node<'t>,
    fields: &[Field<'t>],
    consumer: Consumer,
    sites: &mut Sites<'t>,
) {
    let text = sites.text();
    let mut otlp = OtlpFields::default();
    let mut hosts = Vec::new();
    let mut tokens = Vec::new();
    let mut axiom_shaped = false;
    let mut metrics_exported = true;
    let mut org_id_field = None;
    for field in fields.iter().filter(|field| is_otlp_variable(field.key)) {
        let Some(variable) = variable(field.key) else {
            continue;
        };
        let value = field.text().unwrap_or_default().trim();
        match variable {
            Variable::Endpoint(signal) => {
                axiom_shaped |= sites.names_axiom_host(value);
                hosts.push(HostRole::OtelEndpoint.at(field.clone()));
                otlp.endpoints.push((signal, field.clone()));
            }
            Variable::Protocol => otlp.protocols.push(field.clone()),
            Variable::MetricsExporter => {
                metrics_exported = !value.split(',').all(|exporter| exporter.trim() == "none");
            }
            Variable::Headers(signal) => {
                if signal == Some(OtlpSignal::Metrics) {
                    otlp.metrics_have_own_headers = true;
                }
                // Offsets inside the value are the file's only where its text is its bytes.
                let Some(raw) = field
                    .text()
                    .filter(|raw| text.get(field.content.clone()) == Some(*raw))
                else {
                    continue;
                };
                let base = field.content.start;
                for header in headers(raw) {
                    match header.key.as_str() {
                        "x-axiom-dataset" | "x-axiom-metrics-dataset" => {
                            axiom_shaped = true;
                            if signal.is_none() && header.key == "x-axiom-dataset" {
                                otlp.shared_dataset_header = Some(field.clone());
                            }
                        }
                        "authorization" => {
                            let offset = token_offset(header.value);
                            let token = &header.value[offset..];
                            axiom_shaped |=
                                token.starts_with("xaat-") || token.starts_with("xapt-");
                            let start = base + header.value_range.start + offset;
                            let span = start..start + token.len();
                            // The token as the file holds it: `span` is within `raw`'s bytes.
                            let Some(token) = text.get(span.clone()) else {
                                continue;
                            };
                            let key_span = field.key_span.clone();
                            tokens.push(TokenField::api_token_only(Field::carved(
                                field.key,
                                key_span,
                                Cow::Borrowed(token),
                                span,
                            )));
                        }
                        "x-axiom-org-id" => {
                            let span =
                                base + header.value_range.start..base + header.value_range.end;
                            if let Some(org_id) = text.get(span.clone()) {
                                org_id_field = Some(Field::carved(
                                    field.key,
                                    field.key_span.clone(),
                                    Cow::Borrowed(org_id),
                                    span,
                                ));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    if !axiom_shaped {
        return;
    }
    otlp.metrics_exported = metrics_exported;
    let mut site = sites.new_site(Dialect::OtelSdkEnv, map);
    site.consumer = consumer;
    site.hosts.extend(hosts);
    site.tokens.extend(tokens);
    site.org_id = org_id_field.map(Box::new);
    site.purposes = Purposes::only(Purpose::Ingest);
    site.otlp = Some(Box::new(otlp));
    sites.push(site);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_pairs_with_offsets_in_the_value() {
        let value = "Authorization=Bearer%20xaat-1, x-axiom-dataset = logs";
        let found = headers(value);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].key, "authorization");
        assert_eq!(&value[found[0].value_range.clone()], "Bearer%20xaat-1");
        assert_eq!(found[1].key, "x-axiom-dataset");
        assert_eq!(&value[found[1].value_range.clone()], "logs");
        assert_eq!(token_offset("Bearer%20xaat-1"), 9);
        assert_eq!(token_offset("Bearer xaat-1"), 7);
        assert_eq!(token_offset("xaat-1"), 0);
        assert_eq!(percent_decode("x%2Daxiom"), "x-axiom");
    }

    #[test]
    fn variables_are_read_by_exact_name() {
        assert!(matches!(
            variable("OTEL_EXPORTER_OTLP_ENDPOINT"),
            Some(Variable::Endpoint(None))
        ));
        assert!(matches!(
            variable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            Some(Variable::Endpoint(Some(OtlpSignal::Traces)))
        ));
        assert!(matches!(
            variable("OTEL_EXPORTER_OTLP_LOGS_HEADERS"),
            Some(Variable::Headers(Some(OtlpSignal::Logs)))
        ));
        assert!(variable("OTEL_EXPORTER_OTLP_TIMEOUT").is_none());
        assert!(variable("OTEL_EXPORTER_OTLP_SPANS_ENDPOINT").is_none());
    }
}
