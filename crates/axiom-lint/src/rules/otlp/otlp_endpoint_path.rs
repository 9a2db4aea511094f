//! AXL301 otlp-endpoint-path: an OpenTelemetry SDK endpoint variable whose path is wrong for
//! its kind: a signal path in the base URL, or none in a per-signal full URL.

use super::{otlp_sites, sends_to_axiom};
use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::OtlpSignal;
use axiom_lint_core::UrlParts;

rule_docs! {
    /// ## What it does
    /// Reports `OTEL_EXPORTER_OTLP_ENDPOINT` with a signal path (`/v1/traces`, `/v1/logs`,
    /// `/v1/metrics`) in it, and `OTEL_EXPORTER_OTLP_{TRACES,LOGS,METRICS}_ENDPOINT` without
    /// one, when the host is Axiom's.
    ///
    /// ## Why is this bad?
    /// The SDK specification makes `OTEL_EXPORTER_OTLP_ENDPOINT` a base URL: the SDK appends
    /// `/v1/traces` (and `/v1/logs`, `/v1/metrics`) to it, so a value that already ends in
    /// `/v1/traces` posts to `/v1/traces/v1/traces`, which Axiom answers with 404. The
    /// per-signal variables are full URLs used as they are, so a bare host posts to `/`: 404
    /// too (AXIOM.md, "More places credentials live", OpenTelemetry SDK environment).
    ///
    /// ## Example
    /// ```sh
    /// OTEL_EXPORTER_OTLP_ENDPOINT=https://eu-central-1.aws.edge.axiom.co/v1/traces
    /// OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=https://eu-central-1.aws.edge.axiom.co
    /// ```
    ///
    /// ## Use instead
    /// ```sh
    /// OTEL_EXPORTER_OTLP_ENDPOINT=https://eu-central-1.aws.edge.axiom.co
    /// OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=https://eu-central-1.aws.edge.axiom.co/v1/logs
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a signal path in the base URL may mean only that signal was meant to be sent,
    /// which the per-signal variable says better.
    pub(crate) struct OtlpEndpointPath;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
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
                Some(signal) => {
                    if !path.is_empty() {
                        continue;
                    }
                    Diagnostic::new(
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
                    ))
                }
            };
            out.push(diagnostic);
        }
    }
}
