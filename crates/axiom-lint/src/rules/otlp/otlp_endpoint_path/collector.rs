//! AXL301 for the OpenTelemetry Collector's `otlphttp` exporter: `endpoint` is a base URL the
//! exporter appends the signal's path to; `traces_endpoint`, `logs_endpoint` and
//! `metrics_endpoint` are full URLs used as they are.

use axiom_lint_core::UrlParts;

use super::super::sends_to_axiom;
use super::{other_signals_path, words};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::Context;
use crate::site::{Dialect, Field, HostRole, OtlpSignal};

/// The signal a per-signal setting names (`traces_endpoint`); `None` for the base `endpoint`,
/// and for any other key.
fn setting(key: &str) -> Option<Option<OtlpSignal>> {
    match key {
        "endpoint" => Some(None),
        "traces_endpoint" => Some(Some(OtlpSignal::Traces)),
        "logs_endpoint" => Some(Some(OtlpSignal::Logs)),
        "metrics_endpoint" => Some(Some(OtlpSignal::Metrics)),
        _ => None,
    }
}

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let collector_endpoints = context
        .sites
        .iter()
        .filter(|site| site.dialect == Dialect::OpenTelemetry)
        .flat_map(|site| &site.hosts)
        .filter(|host| host.role == HostRole::OtelEndpoint);
    for host in collector_endpoints {
        let field = &host.field;
        let Some(signal) = setting(field.key) else {
            continue;
        };
        if !sends_to_axiom(context, field) {
            continue;
        }
        out.extend(finding(field, signal));
    }
}

fn finding(field: &Field<'_>, signal: Option<OtlpSignal>) -> Option<Diagnostic> {
    let url = UrlParts::split(field.text()?.trim())?;
    let path = url.path_str().trim_end_matches('/');
    let ends_in = |signal: &OtlpSignal| path.ends_with(signal.path());
    let Some(signal) = signal else {
        let appended = OtlpSignal::ALL.into_iter().find(ends_in)?;
        let setting = format!("{}_endpoint", appended.name().to_ascii_lowercase());
        return Some(
            Diagnostic::new(
                Rule::OtlpEndpointPath,
                field.span(),
                format!(
                    "`endpoint` is the exporter's base URL, but ends in `{}`: it posts {} to `{}{}`",
                    appended.path(),
                    words(appended),
                    appended.path(),
                    appended.path()
                ),
            )
            .with_label("signal path in a base URL")
            .with_help(format!(
                "remove `{}` from `endpoint` (the exporter appends each signal's path), or write the whole URL as `{setting}`, which is used as it is",
                appended.path()
            )),
        );
    };
    if path.is_empty() {
        return Some(
            Diagnostic::new(
                Rule::OtlpEndpointPath,
                field.span(),
                format!(
                    "`{}` is a full URL used as it is, but has no path: the exporter posts {} to `/`",
                    field.key,
                    words(signal)
                ),
            )
            .with_label("no signal path")
            .with_help(format!("append `{}` to `{}`", signal.path(), field.key)),
        );
    }
    let other = OtlpSignal::ALL
        .into_iter()
        .find(|other| *other != signal && ends_in(other))?;
    Some(other_signals_path(field, signal, other, "URL"))
}
