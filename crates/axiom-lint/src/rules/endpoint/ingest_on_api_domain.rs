//! AXL107 ingest-on-api-domain: ingest or query explicitly routed to `api.axiom.co`.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{Field, HostRole, OtlpSignal};
use axiom_lint_core::UrlParts;

rule_docs! {
    /// ## What it does
    /// Reports ingest or query explicitly routed to `api.axiom.co`: a legacy ingest/query path
    /// (`/v1/datasets/{dataset}/ingest`, `/v1/datasets/{dataset}/elastic`, `/v1/datasets/_apl`),
    /// a Vector `url` of `https://api.axiom.co` (which appends the legacy ingest path), an
    /// OpenTelemetry endpoint on the API host or an OTLP path (`/v1/traces|logs|metrics`) on it,
    /// found in config or in code (the old form since the docs moved OTLP to the edges on
    /// 2025-12-05: a warning), or a connection with purpose `ingest`/`query` and subdomain `api`.
    /// A Vector sink with neither `url` nor `region` uses the same default implicitly and is
    /// not reported. An Elastic Beats or Logstash host on the legacy route is told the US East 1
    /// edge's Elasticsearch endpoint (`https://us-east-1.aws.edge.axiom.co:443/v1/ingest/<dataset>/elastic`),
    /// since that is the only region the route reaches.
    ///
    /// ## Why is this bad?
    /// The legacy paths still work, but only for datasets in US East 1: an organization in the
    /// EU gets HTTP 400 ("ingest is only allowed into datasets in the primary region";
    /// coollabsio/coolify #9898). The edge endpoints work for every region.
    ///
    /// OTLP on `api.axiom.co` is reported for another reason, and worded so: AXIOM.md calls it
    /// only "the old form" (Axiom's docs moved the collector's and the SDKs' endpoint to the
    /// edge domains on 2025-12-05) and says nothing of a region limit for it, so its message
    /// says it is the old form, not that it works only for US East 1.
    ///
    /// A Fluent Bit `http` output with `Host api.axiom.co` and `URI /v1/datasets/<dataset>/ingest`
    /// (coolify's log drain) posts to the legacy route too: its `Host`, `Port`, `TLS` and
    /// `URI` are read together as the URL it posts to, and the help names the `Host` and
    /// `URI` to set.
    ///
    /// A URL with credentials before its host (`https://axiom:API_TOKEN@api.axiom.co/v1/datasets/<dataset>/ingest`)
    /// is how Axiom's docs set up Heroku log drains, which only reach US East 1. AXIOM.md does
    /// not say whether an edge takes credentials in the URL, so the help sends such a URL to
    /// the edge only where the sender can set an `Authorization` header, and otherwise says to
    /// suppress the finding with that reason.
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// url = "https://api.axiom.co"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// region = "eu-central-1.aws.edge.axiom.co"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the right edge depends on your organization's region.
    pub(crate) struct IngestOnApiDomain;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::IngestOnApiDomain) {
        let otlp_help;
        let beats_help;
        let fluent_bit_help;
        let edge_help;
        let help: &str = match finding.host.role {
            // The route reaches only US East 1, so a working output's dataset is there; the
            // help names the two settings to change, in the file's own syntax.
            HostRole::FluentBitUrl => {
                fluent_bit_help = fluent_bit_help_for(
                    &finding.host.field,
                    context.source.format == crate::source::Format::FluentBit,
                );
                &fluent_bit_help
            }
            HostRole::Subdomain => {
                "use your edge's subdomain for ingest and query, such as `eu-central-1.aws.edge`"
            }
            HostRole::ApiUrl { .. } => {
                "set it to `https://api.axiom.co` without a path, and send ingest and query to your edge with `AXIOM_EDGE_URL`, such as `https://eu-central-1.aws.edge.axiom.co`"
            }
            // OTLP keeps its signal's path on the edge (an OTLP exporter posts nothing else).
            // A per-signal endpoint (the collector's `traces_endpoint`,
            // `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is a full URL too; only a base `endpoint`
            // has the path appended for it.
            HostRole::AnyUrl | HostRole::FullUrl | HostRole::OtelEndpoint
                if otlp_path(&finding.host.field).is_some()
                    && !is_base_endpoint(finding.host.role, finding.key()) =>
            {
                otlp_help = format!(
                    "send OTLP to your edge, keeping the path, such as `https://eu-central-1.aws.edge.axiom.co{}`",
                    otlp_path(&finding.host.field).unwrap_or_default()
                );
                &otlp_help
            }
            // The route reaches only US East 1, so a working config's dataset is there; Beats
            // need that edge's Elasticsearch endpoint on port 443.
            HostRole::BeatsHost => {
                beats_help = match finding.host.field.text().and_then(super::beats_url) {
                    Some(url) => format!(
                        "this route reaches only datasets in US East 1, so send it to that edge: `{url}`"
                    ),
                    None => crate::rules::where_to_point(HostRole::BeatsHost).to_owned(),
                };
                &beats_help
            }
            HostRole::BeatsBase => {
                "use your edge with port 443, such as `https://eu-central-1.aws.edge.axiom.co:443`; Beats sends to `/v1/ingest/<dataset>/elastic` on it"
            }
            // Credentials in the URL (`https://axiom:<token>@api.axiom.co/…`) are how Axiom's
            // docs configure Heroku log drains, which cannot set headers; AXIOM.md does not
            // say that an edge takes them there.
            HostRole::AnyUrl | HostRole::FullUrl if has_userinfo(&finding.host.field) => {
                "this route reaches only datasets in US East 1; where the sender can set headers, post to your edge instead, such as `https://eu-central-1.aws.edge.axiom.co/v1/ingest/{dataset}`, with `Authorization: Bearer <token>`; a sender that takes credentials only in the URL (a Heroku log drain) has no other route: suppress this finding, saying so"
            }
            // The edge's own path for this one, its dataset (or the code's placeholder for it,
            // `${encodeURIComponent(ds)}`, `{$this->dataset}`) as written.
            HostRole::AnyUrl | HostRole::FullUrl => {
                edge_help = match edge_path_of(&finding.host.field) {
                    Some(path) => format!(
                        "send ingest and query to your edge, such as `https://eu-central-1.aws.edge.axiom.co{path}`"
                    ),
                    None => "send ingest and query to your edge, such as `https://eu-central-1.aws.edge.axiom.co/v1/ingest/{dataset}`".to_owned(),
                };
                &edge_help
            }
            role => crate::rules::where_to_point(role),
        };
        // AXIOM.md calls OTLP on the API host only "the old form" (the docs moved it to the
        // edges on 2025-12-05); the US East 1 limit is the legacy ingest path's.
        let (message, label) = if sends_otlp(finding.host.role, &finding.host.field) {
            (
                format!(
                    "`{}` sends OTLP to `api.axiom.co`, the old form: Axiom's docs moved OTLP to the edge domains on 2025-12-05",
                    finding.key()
                ),
                "old OTLP host",
            )
        } else {
            (
                format!(
                    "`{}` routes ingest or query through `api.axiom.co`, which works only for US East 1",
                    finding.key()
                ),
                "legacy ingest/query route",
            )
        };
        let mut diagnostic = finding
            .diagnostic(message)
            .with_label(label)
            .with_help(help);
        if let Some(uri) = finding
            .site
            .fluent_bit
            .as_ref()
            .and_then(|output| output.uri.as_ref())
            .filter(|_| finding.host.role == HostRole::FluentBitUrl)
        {
            diagnostic = diagnostic.with_secondary(uri.span(), "the legacy ingest path");
        }
        if let Some(purpose) = finding
            .site
            .purpose_field()
            .filter(|_| finding.host.role == HostRole::Subdomain)
        {
            diagnostic = diagnostic.with_secondary(purpose.span(), "ingest or query needs an edge");
        }
        out.push(diagnostic);
    }
}

/// The OTLP signal path (`/v1/traces`, `/v1/logs`, `/v1/metrics`) a URL ends in, if it is one.
fn otlp_path(field: &Field<'_>) -> Option<&'static str> {
    let url = UrlParts::split(field.text()?.trim())?;
    let path = url.path_str().trim_end_matches('/');
    OtlpSignal::ALL
        .into_iter()
        .map(OtlpSignal::path)
        .find(|signal| path == *signal)
}

/// Whether the value sends OTLP: an OTLP signal path (`/v1/traces`, in config or code), or an
/// OpenTelemetry endpoint with no other path (a base URL the exporter appends one to).
fn sends_otlp(role: HostRole, field: &Field<'_>) -> bool {
    otlp_path(field).is_some()
        || role == HostRole::OtelEndpoint
            && field
                .text()
                .and_then(|text| UrlParts::split(text.trim()))
                .is_some_and(|url| {
                    matches!(
                        super::urls::classify_path(url.path_str()),
                        super::urls::PathKind::None | super::urls::PathKind::Otlp
                    )
                })
}

/// The edge's own path for a URL's legacy ingest or query path, without its query string.
fn edge_path_of(field: &Field<'_>) -> Option<String> {
    let url = UrlParts::split(field.text()?.trim())?;
    super::edge_path(url.path_str())
}

/// Whether a URL carries credentials before its host (`https://axiom:<token>@host`).
fn has_userinfo(field: &Field<'_>) -> bool {
    field
        .text()
        .and_then(|text| UrlParts::split(text.trim()))
        .is_some_and(|url| url.userinfo().is_some())
}

/// AXL107's help for a Fluent Bit output on the legacy route: the US East 1 edge as `Host` and
/// its own ingest path as `URI`, written as classic (`Host …`) or YAML (`host: …`) settings.
fn fluent_bit_help_for(field: &Field<'_>, classic: bool) -> String {
    let uri = field
        .text()
        .and_then(|text| UrlParts::split(text.trim()))
        .and_then(|url| super::edge_path(url.path_str()))
        .unwrap_or_else(|| "/v1/ingest/<dataset>".to_owned());
    let setting = |key: &str, value: &str| {
        if classic {
            format!("{key} {value}")
        } else {
            format!("{}: {value}", key.to_ascii_lowercase())
        }
    };
    format!(
        "this route reaches only datasets in US East 1, so send it to that edge: set `{}` and `{}` (data in another region goes to that region's edge, such as `eu-central-1.aws.edge.axiom.co`)",
        setting("Host", super::LEGACY_INGEST_EDGE),
        setting("URI", &uri),
    )
}

/// An OpenTelemetry base URL, to which the exporter appends each signal's path: the
/// collector's `endpoint`, `OTEL_EXPORTER_OTLP_ENDPOINT`.
fn is_base_endpoint(role: HostRole, key: &str) -> bool {
    role == HostRole::OtelEndpoint
        && (key == "endpoint" || key.eq_ignore_ascii_case("OTEL_EXPORTER_OTLP_ENDPOINT"))
}
