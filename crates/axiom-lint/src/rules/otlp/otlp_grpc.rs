//! AXL302 otlp-grpc: an OpenTelemetry SDK set to OTLP over gRPC while it sends to Axiom.

use super::{otlp_sites, sends_to_axiom};
use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` (or a per-signal `…_PROTOCOL=grpc`) in an
    /// environment whose OTLP endpoint is an Axiom host.
    ///
    /// ## Why is this bad?
    /// Axiom documents OTLP over HTTP only (`http/protobuf`, `http/json`); nothing it
    /// publishes says an edge accepts gRPC, so the exporter is likely to fail to connect.
    /// Axiom does not say either way, hence a warning, not an error (AXIOM.md, "More places
    /// credentials live", OpenTelemetry SDK environment).
    ///
    /// ## Example
    /// ```sh
    /// OTEL_EXPORTER_OTLP_ENDPOINT=https://eu-central-1.aws.edge.axiom.co
    /// OTEL_EXPORTER_OTLP_PROTOCOL=grpc
    /// ```
    ///
    /// ## Use instead
    /// ```sh
    /// OTEL_EXPORTER_OTLP_ENDPOINT=https://eu-central-1.aws.edge.axiom.co
    /// OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the gRPC exporter may be the only one the application ships with.
    pub(crate) struct OtlpGrpc;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, otlp) in otlp_sites(context) {
        if !otlp
            .endpoints
            .iter()
            .any(|(_, field)| sends_to_axiom(context, field))
        {
            continue;
        }
        for field in &otlp.protocols {
            if !field
                .text()
                .is_some_and(|value| value.trim().eq_ignore_ascii_case("grpc"))
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Rule::OtlpGrpc,
                    field.span(),
                    format!(
                        "`{}` is `grpc`, but Axiom documents OTLP over HTTP only",
                        field.key
                    ),
                )
                .with_label("gRPC to an Axiom host")
                .with_help(format!("set `{}` to `http/protobuf`", field.key)),
            );
        }
    }
}
