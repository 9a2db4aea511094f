//! AXL401 fluent-bit-http-output: a Fluent Bit `http` output to Axiom without `Port 443`,
//! `TLS On` or an ingest `URI`.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a Fluent Bit `http` output whose `Host` is Axiom's but which lacks `Port 443`,
    /// lacks `TLS On`, or has a `URI` other than `/v1/ingest/<dataset>` (classic `.conf` or
    /// YAML `pipeline.outputs`).
    ///
    /// ## Why is this bad?
    /// Fluent Bit's `http` output defaults to port 80 and no TLS, and posts to `/` unless
    /// `URI` says otherwise. Axiom takes HTTPS on 443 and ingests at `/v1/ingest/<dataset>`
    /// on an edge, so an output missing any of the three never delivers a record (AXIOM.md,
    /// "More places credentials live", Fluent Bit). The legacy `/v1/datasets/<dataset>/ingest`
    /// on `api.axiom.co` still works, for US East 1 only: AXL107 reports it, not this rule.
    ///
    /// ## Example
    /// ```ini
    /// [OUTPUT]
    ///     Name   http
    ///     Host   eu-central-1.aws.edge.axiom.co
    ///     URI    /v1/datasets/app/ingest
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// [OUTPUT]
    ///     Name   http
    ///     Host   eu-central-1.aws.edge.axiom.co
    ///     Port   443
    ///     TLS    On
    ///     URI    /v1/ingest/app
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the lines to add go in the section, where their indentation is yours.
    pub(crate) struct FluentBitHttpOutput;
}

fn is_on(value: &str) -> bool {
    matches!(value, "on" | "true" | "yes")
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in context.sites {
        let Some(output) = site.fluent_bit.as_deref() else {
            continue;
        };
        let Some(host) = &output.host else {
            continue;
        };
        let mut missing = Vec::new();
        if output.port.as_deref() != Some("443") {
            missing.push(match &output.port {
                Some(port) => format!("`Port 443` (it is {port})"),
                None => "`Port 443` (the default is 80)".to_owned(),
            });
        }
        if !output.tls.as_deref().is_some_and(is_on) {
            missing.push("`TLS On` (the default is plain HTTP)".to_owned());
        }
        if !missing.is_empty() {
            let help = match missing.len() {
                1 if output.port.as_deref() != Some("443") => "set `Port 443` in this output",
                1 => "set `TLS On` in this output",
                _ => "set `Port 443` and `TLS On` in this output",
            };
            out.push(
                Diagnostic::new(
                    Rule::FluentBitHttpOutput,
                    host.span(),
                    format!(
                        "this Fluent Bit output sends to Axiom without {}: Axiom takes HTTPS on 443 only",
                        missing.join(" and ")
                    ),
                )
                .with_label("Axiom host")
                .with_help(help),
            );
        }
        if output.legacy_on_api {
            continue;
        }
        let uri = output
            .uri
            .as_ref()
            .and_then(|uri| uri.text())
            .map(str::trim);
        let is_ingest = uri
            .and_then(|uri| uri.strip_prefix("/v1/ingest/"))
            .is_some_and(|dataset| !dataset.is_empty() && !dataset.contains('/'));
        if !is_ingest {
            let (span, message) = match (&output.uri, uri) {
                (Some(field), Some(uri)) => (
                    field.span(),
                    format!("this Fluent Bit output posts to `{uri}`, but Axiom ingests at `/v1/ingest/<dataset>`"),
                ),
                _ => (
                    host.span(),
                    "this Fluent Bit output has no `URI`: it posts to `/`, but Axiom ingests at `/v1/ingest/<dataset>`".to_owned(),
                ),
            };
            out.push(
                Diagnostic::new(Rule::FluentBitHttpOutput, span, message)
                    .with_label("not an ingest path")
                    .with_help("set `URI /v1/ingest/<dataset>` in this output"),
            );
        }
    }
}
