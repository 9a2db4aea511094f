//! AXL303 otlp-dataset-shared-with-metrics: `x-axiom-dataset` in the headers every signal
//! shares, while metrics are exported with them.

use super::otlp_sites;
use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports `x-axiom-dataset` in `OTEL_EXPORTER_OTLP_HEADERS` when metrics are exported
    /// (`OTEL_METRICS_EXPORTER` is not `none`) and `OTEL_EXPORTER_OTLP_METRICS_HEADERS` is
    /// not set.
    ///
    /// ## Why is this bad?
    /// `OTEL_EXPORTER_OTLP_HEADERS` is sent with every signal. Axiom takes metrics into a
    /// dataset of their own, named by `x-axiom-metrics-dataset`, so metrics sent with the
    /// traces' `x-axiom-dataset` are refused (AXIOM.md, "More places credentials live",
    /// OpenTelemetry SDK environment). The SDKs export metrics by default.
    ///
    /// ## Example
    /// ```sh
    /// OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${AXIOM_TOKEN},x-axiom-dataset=traces
    /// ```
    ///
    /// ## Use instead
    /// ```sh
    /// OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${AXIOM_TOKEN},x-axiom-dataset=traces
    /// OTEL_EXPORTER_OTLP_METRICS_HEADERS=Authorization=Bearer%20${AXIOM_TOKEN},x-axiom-metrics-dataset=metrics
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the metrics dataset is yours to name (or `OTEL_METRICS_EXPORTER=none` to send none).
    pub(crate) struct OtlpDatasetSharedWithMetrics;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, otlp) in otlp_sites(context) {
        let Some(field) = &otlp.shared_dataset_header else {
            continue;
        };
        if !otlp.metrics_exported || otlp.metrics_have_own_headers {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::OtlpDatasetSharedWithMetrics,
                field.span(),
                format!(
                    "`{}` names `x-axiom-dataset` for every signal, and metrics are exported with it",
                    field.key
                ),
            )
            .with_label("shared by metrics")
            .with_help(
                "set `OTEL_EXPORTER_OTLP_METRICS_HEADERS` with `x-axiom-metrics-dataset=<metrics dataset>` and the same `Authorization`, or `OTEL_METRICS_EXPORTER=none`",
            ),
        );
    }
}
