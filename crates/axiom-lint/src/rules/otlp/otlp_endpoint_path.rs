//! AXL301 otlp-endpoint-path: an OpenTelemetry SDK endpoint variable whose path is wrong for
//! its kind: a signal path in the base URL, or none in a per-signal full URL; and the same
//! mistakes in an OTLP exporter built in code (`dialect::otlp_code` names it) and in a
//! collector's `otlphttp` exporter.

mod collector;

use super::{otlp_sites, sends_to_axiom};
use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{ExporterEndpoint, Field, OtlpExporter, OtlpSignal};
use axiom_lint_core::{EdgeCatalog, HostKind, UrlParts, classify_host};

rule_docs! {
    /// ## What it does
    /// Reports `OTEL_EXPORTER_OTLP_ENDPOINT` with a signal path (`/v1/traces`, `/v1/logs`,
    /// `/v1/metrics`) in it, and `OTEL_EXPORTER_OTLP_{TRACES,LOGS,METRICS}_ENDPOINT` without
    /// one or with another signal's (`OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=…/v1/traces`), when
    /// the host is Axiom's, and the same in an OpenTelemetry Collector `otlphttp` exporter
    /// (`endpoint`, `traces_endpoint`, `logs_endpoint`, `metrics_endpoint`). In code, it reports an OTLP exporter whose URL ends in
    /// another signal's path (a logs exporter at `/v1/traces`) or in a path that is no
    /// signal's (`/v1/ingest/<dataset>`), an HTTP exporter given a URL with no path, and Go's
    /// `WithEndpoint` given a scheme or a path.
    ///
    /// ## Why is this bad?
    /// The SDK specification makes `OTEL_EXPORTER_OTLP_ENDPOINT` a base URL: the SDK appends
    /// `/v1/traces` (and `/v1/logs`, `/v1/metrics`) to it, so a value that already ends in
    /// `/v1/traces` posts to `/v1/traces/v1/traces`, which Axiom answers with 404. The
    /// per-signal variables are full URLs used as they are, so a bare host posts to `/`: 404
    /// too, and another signal's path sends one signal where Axiom takes the other (AXIOM.md,
    /// "More places credentials live", OpenTelemetry SDK environment and OTLP exporters in
    /// code).
    ///
    /// An exporter built in code takes a full URL with the signal's path and uses it as it
    /// is: JavaScript `new OTLPTraceExporter({ url })`, Python `OTLPSpanExporter(endpoint=…)`,
    /// Java `OtlpHttpSpanExporter.builder().setEndpoint(…)`, .NET `AddOtlpExporter` with
    /// `Endpoint` (which turns off appending the path) and `HttpProtobuf`, Ruby
    /// `OpenTelemetry::Exporter::OTLP::Exporter.new(endpoint: …)`. So a logs exporter pointed
    /// at `/v1/traces` sends logs where Axiom expects spans, a URL with no path posts to `/`,
    /// and any other path on an Axiom host takes no OTLP: the edges serve OTLP at
    /// `/v1/traces`, `/v1/logs` and `/v1/metrics` only, beside the ingest API's
    /// `/v1/ingest/<dataset>` (AXIOM.md, "More places credentials live", OTLP exporters in
    /// code; the edge endpoints under "Domains"). Such a URL gets this finding only, not
    /// also AXL107 or AXL108, whose help would keep the path. Go's
    /// `otlptracehttp.WithEndpoint` takes a bare `host[:port]` and adds the scheme and path
    /// itself, so `https://` there breaks the URL; `WithEndpointURL` takes a URL. Beyond
    /// AXIOM.md: Go's `WithEndpointURL` fills in the signal's path when the URL has none
    /// (opentelemetry-go, `otlpconfig`), so a bare URL there is not reported; a URL ending in
    /// a lone `/` keeps that path, and is.
    ///
    /// The OpenTelemetry Collector's `otlphttp` exporter reads its settings the same way:
    /// `endpoint` is a base URL to which it appends `/v1/traces`, `/v1/logs` or `/v1/metrics`,
    /// and `traces_endpoint`, `logs_endpoint` and `metrics_endpoint` are full URLs used as
    /// they are. AXIOM.md's collector row gives `endpoint` as `https://<edge domain>` (no
    /// path) but does not say that the exporter appends the path, nor name the per-signal
    /// settings: both come from the collector's own docs (open-telemetry-collector,
    /// `exporter/otlphttpexporter/README.md`), which match the SDK specification AXIOM.md
    /// cites for the variables. So `endpoint: https://<edge>/v1/traces` posts to
    /// `/v1/traces/v1/traces` (404), and is reported as the variable is.
    ///
    /// The exporter is read from the code around the URL, without parsing the language: its
    /// constructor, builder or option must enclose the URL (a name in an earlier statement
    /// never counts), and a URL joined to anything (`"https://…" + path`, `new URL(path,
    /// base)`) is not judged for a missing path. Where a JavaScript or Python file also names
    /// gRPC, whose exporters have the same names and take no path, and where a .NET file never
    /// sets `HttpProtobuf`, only a wrong signal path is reported.
    ///
    /// ## Example
    /// ```sh
    /// OTEL_EXPORTER_OTLP_ENDPOINT=https://eu-central-1.aws.edge.axiom.co/v1/traces
    /// OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=https://eu-central-1.aws.edge.axiom.co
    /// ```
    /// ```ts
    /// new OTLPLogExporter({ url: "https://eu-central-1.aws.edge.axiom.co/v1/traces" });
    /// new OTLPTraceExporter({ url: "https://eu-central-1.aws.edge.axiom.co" });
    /// ```
    /// ```yaml
    /// exporters:
    ///   otlphttp:
    ///     endpoint: https://eu-central-1.aws.edge.axiom.co/v1/traces
    ///     headers:
    ///       authorization: Bearer ${env:AXIOM_TOKEN}
    ///       x-axiom-dataset: traces
    /// ```
    ///
    /// ## Use instead
    /// ```sh
    /// OTEL_EXPORTER_OTLP_ENDPOINT=https://eu-central-1.aws.edge.axiom.co
    /// OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=https://eu-central-1.aws.edge.axiom.co/v1/logs
    /// ```
    /// ```ts
    /// new OTLPLogExporter({ url: "https://eu-central-1.aws.edge.axiom.co/v1/logs" });
    /// new OTLPTraceExporter({ url: "https://eu-central-1.aws.edge.axiom.co/v1/traces" });
    /// ```
    /// ```yaml
    /// exporters:
    ///   otlphttp:
    ///     endpoint: https://eu-central-1.aws.edge.axiom.co
    ///     headers:
    ///       authorization: Bearer ${env:AXIOM_TOKEN}
    ///       x-axiom-dataset: traces
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a signal path in the base URL may mean only that signal was meant to be sent,
    /// which the per-signal variable says better; in code, the exporter may be the wrong one
    /// rather than the URL.
    pub(crate) struct OtlpEndpointPath;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    collector::check(context, out);
    for site in context.sites {
        let (Some(exporter), Some(host)) = (&site.otlp_exporter, site.hosts.first()) else {
            continue;
        };
        out.extend(exporter_finding(
            exporter,
            &host.field,
            &context.settings.edges,
        ));
    }
    for (_, otlp) in otlp_sites(context) {
        for (signal, field) in &otlp.endpoints {
            if !sends_to_axiom(context, field) {
                continue;
            }
            let Some(url) = field.text().and_then(|text| UrlParts::split(text.trim())) else {
                continue;
            };
            let path = url.path_str().trim_end_matches('/');
            let diagnostic = match signal {
                None => {
                    let Some(appended) = OtlpSignal::ALL
                        .into_iter()
                        .find(|signal| path.ends_with(signal.path()))
                    else {
                        continue;
                    };
                    Diagnostic::new(
                        Rule::OtlpEndpointPath,
                        field.span(),
                        format!(
                            "`{}` is a base URL, but ends in `{}`: the SDK posts to `{}{}`",
                            field.key,
                            appended.path(),
                            appended.path(),
                            appended.path()
                        ),
                    )
                    .with_label("signal path in a base URL")
                    .with_help(format!(
                        "remove `{}` from `{}`, or set it on `OTEL_EXPORTER_OTLP_{}_ENDPOINT`, which is a full URL",
                        appended.path(),
                        field.key,
                        appended.name()
                    ))
                }
                Some(signal) if !path.is_empty() => {
                    // `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=…/v1/traces`: the logs exporter posts
                    // logs where Axiom takes spans.
                    let Some(other) = OtlpSignal::ALL
                        .into_iter()
                        .find(|other| *other != *signal && path.ends_with(other.path()))
                    else {
                        continue;
                    };
                    other_signals_path(field, *signal, other, "exporter's URL")
                }
                Some(signal) => Diagnostic::new(
                    Rule::OtlpEndpointPath,
                    field.span(),
                    format!(
                        "`{}` is a full URL used as it is, but has no path: the SDK posts to `/`",
                        field.key
                    ),
                )
                .with_label("no signal path")
                .with_help(format!(
                    "append `{}` to `{}`",
                    signal.path(),
                    field.key
                )),
            };
            out.push(diagnostic);
        }
    }
}

/// The finding for an exporter built in code, if its URL is wrong for it. (Only Axiom hosts
/// that take OTLP get an exporter: the recogniser decided that.)
fn exporter_finding(
    exporter: &OtlpExporter,
    field: &Field<'_>,
    edges: &EdgeCatalog,
) -> Option<Diagnostic> {
    let text = field.text()?;
    let url = UrlParts::split(text)?;
    let name = &exporter.name;
    let host_port = match url.port_str() {
        Some(port) => format!("{}:{port}", url.host_str()),
        None => url.host_str().to_owned(),
    };
    let full_url = |path: &str| format!("https://{host_port}{path}");
    if exporter.takes == ExporterEndpoint::HostPort {
        let has_path = url.has_path();
        let what = match (url.scheme.is_some(), has_path) {
            (true, true) => "a scheme and a path",
            (true, false) => "a scheme",
            (false, true) => "a path",
            (false, false) => return None,
        };
        let with_url = name.strip_suffix("WithEndpoint").unwrap_or(name);
        return Some(
            Diagnostic::new(
                Rule::OtlpEndpointPath,
                field.span(),
                format!(
                    "`{name}` takes a bare `host[:port]` and adds the scheme and path itself, but this has {what}"
                ),
            )
            .with_label(format!("{what} in a bare host"))
            .with_secondary(exporter.name_span.clone(), "takes `host[:port]`")
            .with_help(format!(
                "pass `{host_port}` to `{name}`, or give the whole URL to `{with_url}WithEndpointURL`"
            )),
        );
    }
    let path = url.path_str().trim_end_matches('/');
    if let Some(signal) = exporter.signal {
        let other = OtlpSignal::ALL
            .into_iter()
            .find(|other| *other != signal && path.ends_with(other.path()));
        if let Some(other) = other {
            let suggested = format!(
                "{}{}{}{}",
                &text[..url.path.start],
                &path[..path.len() - other.path().len()],
                signal.path(),
                url.rest_str()
            );
            return Some(
                Diagnostic::new(
                    Rule::OtlpEndpointPath,
                    field.span(),
                    format!(
                        "`{name}` exports {}, but its URL ends in `{}`, where Axiom takes {}",
                        words(signal),
                        other.path(),
                        words(other)
                    ),
                )
                .with_label(format!("the {} path", words(other)))
                .with_secondary(
                    exporter.name_span.clone(),
                    format!("exports {}", words(signal)),
                )
                .with_help(format!("end the URL in `{}`: `{suggested}`", signal.path())),
            );
        }
    }
    let path_known = exporter.takes == ExporterEndpoint::FullUrl { path_known: true };
    if let Some(signal) = exporter.signal.filter(|_| exporter.path_is_foreign(text)) {
        // Another path on an Axiom host (`/v1/ingest/<dataset>`) takes no OTLP. The API host
        // is the old form even with the right path: the edge is suggested instead.
        let on_api = classify_host(url.host_str(), edges) == HostKind::Api;
        let host = if on_api {
            "eu-central-1.aws.edge.axiom.co"
        } else {
            &host_port
        };
        return Some(
            Diagnostic::new(
                Rule::OtlpEndpointPath,
                field.span(),
                format!(
                    "`{name}` posts {} to this URL as it is, but Axiom takes OTLP {} at `{}`, not `{path}`",
                    words(signal),
                    words(signal),
                    signal.path()
                ),
            )
            .with_label("not an OTLP path")
            .with_secondary(exporter.name_span.clone(), format!("exports {}", words(signal)))
            .with_help(format!("use `https://{host}{}`", signal.path())),
        );
    }
    // Go fills in the signal's path only for an empty one: a lone `/` is kept, and posted to.
    let lone_slash = exporter.takes == ExporterEndpoint::UrlPathOptional && url.path_str() == "/";
    if !(path_known || lone_slash)
        || !exporter.whole_literal
        || !path.is_empty()
        || !url.rest_str().is_empty()
    {
        return None;
    }
    let (what, help) = match exporter.signal {
        Some(signal) => (
            words(signal),
            format!("use the full URL `{}`", full_url(signal.path())),
        ),
        None => (
            "data",
            format!(
                "use the full URL with the signal's path: `{}`, `{}` or `{}`",
                full_url(OtlpSignal::Traces.path()),
                full_url(OtlpSignal::Logs.path()),
                full_url(OtlpSignal::Metrics.path())
            ),
        ),
    };
    Some(
        Diagnostic::new(
            Rule::OtlpEndpointPath,
            field.span(),
            format!(
                "`{name}` posts to this URL as it is, and it has no path: {what} go to `/`, which Axiom answers with 404"
            ),
        )
        .with_label("no signal path")
        .with_secondary(exporter.name_span.clone(), "uses the URL as it is")
        .with_help(help),
    )
}

/// What a signal's exporter sends, in messages.
/// A full URL for `signal` (a `what`, such as "exporter's URL") that ends in `other`'s path:
/// the exporter posts its signal where Axiom takes another.
fn other_signals_path(
    field: &Field<'_>,
    signal: OtlpSignal,
    other: OtlpSignal,
    what: &str,
) -> Diagnostic {
    Diagnostic::new(
        Rule::OtlpEndpointPath,
        field.span(),
        format!(
            "`{}` is the {} {what}, but ends in `{}`, where Axiom takes {}",
            field.key,
            words(signal),
            other.path(),
            words(other)
        ),
    )
    .with_label(format!("the {} path", words(other)))
    .with_help(format!(
        "end `{}` in `{}` instead of `{}`",
        field.key,
        signal.path(),
        other.path()
    ))
}

fn words(signal: OtlpSignal) -> &'static str {
    match signal {
        OtlpSignal::Traces => "spans",
        OtlpSignal::Logs => "logs",
        OtlpSignal::Metrics => "metrics",
    }
}
