//! AXL3xx: the OpenTelemetry SDK's own variables (`OTEL_EXPORTER_OTLP_*`) where they send to
//! Axiom: what each must hold as the SDK specification reads it.

pub(crate) mod otlp_dataset_shared_with_metrics;
pub(crate) mod otlp_endpoint_path;
pub(crate) mod otlp_grpc;

use axiom_lint_core::{UrlParts, classify_host};

use crate::rules::Context;
use crate::site::{Field, OtlpFields, Site};

/// Every site with OpenTelemetry SDK variables, with them.
fn otlp_sites<'a>(
    context: &'a Context<'_>,
) -> impl Iterator<Item = (&'a Site<'a>, &'a OtlpFields<'a>)> {
    context
        .sites
        .iter()
        .filter_map(|site| site.otlp.as_deref().map(|otlp| (site, otlp)))
}

/// Whether a field holds a URL to an Axiom host.
fn sends_to_axiom(context: &Context<'_>, field: &Field<'_>) -> bool {
    field
        .text()
        .and_then(|text| UrlParts::split(text.trim()))
        .is_some_and(|url| classify_host(url.host_str(), &context.settings.edges).is_axiom())
}
