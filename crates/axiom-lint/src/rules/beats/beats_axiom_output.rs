//! AXL501 beats-axiom-output: an Elastic Beats `output.elasticsearch` or Logstash
//! `opensearch` host at Axiom without `https://`, `:443` or the `/v1/ingest/<dataset>/elastic`
//! path, a bare `api_key`, or a Logstash `user` other than `axiom`.

use axiom_lint_core::UrlParts;

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::rules::endpoint::beats_url;

rule_docs! {
    /// ## What it does
    /// Reports an Elastic Beats `output.elasticsearch` host at Axiom written without
    /// `https://`, without `:443`, with no path at all, or with the edge's ingest path but no
    /// `/elastic` after the dataset (`/v1/ingest/<dataset>`), and an `api_key` that is a bare
    /// token rather than `axiom:<token>`. A wrong path is reported by the host and path rules
    /// (AXL108, AXL111), and so is a host that is no place to send to (the console, an unknown
    /// Axiom host, the old EU instance: AXL109, AXL112, AXL110), alone. Where both report one
    /// host, their help and fixes write the same whole URL.
    ///
    /// A variable the file's Beats output uses as the base of its `hosts`
    /// (`'${AXIOM_HOST}/v1/ingest/…'`, as in Axiom's older Kubernetes docs) needs `:443` as
    /// well: written with `https://` and no port (or another one), it is reported too.
    ///
    /// The same for a Logstash `opensearch` output (in `output { … }` of a pipeline `.conf`)
    /// whose `hosts` are Axiom's: each host needs `https://`, `:443` and the path, and the
    /// credentials are `user => "axiom"` with the API token as `password`, so a `user` other
    /// than `axiom`, or a `password` with no `user`, is reported too. (A personal access token
    /// as `password` is reported by AXL204: the endpoint takes API tokens only.)
    ///
    /// ## Why is this bad?
    /// Beats default to port 9200 and plain HTTP, so a host without `https://` and `:443`
    /// times out or is refused; Axiom's Elasticsearch-compatible endpoint is
    /// `/v1/ingest/<dataset>/elastic` on an edge (the legacy
    /// `/v1/datasets/<dataset>/elastic` on `api.axiom.co` works for US-East datasets only:
    /// AXL107 reports it, with this rule's URL on the US East 1 edge as its help). The `axiom:` id part of `api_key` is required since 2025-04 (AXIOM.md,
    /// "More places credentials live", Elastic Beats). Logstash's `opensearch` output has the
    /// same defaults and the same endpoint, and Axiom's form for it is `user => "axiom"`,
    /// `password => <API token>` (AXIOM.md, same row).
    ///
    /// ## Example
    /// ```yaml
    /// output.elasticsearch:
    ///   hosts: ["eu-central-1.aws.edge.axiom.co/v1/ingest/logs/elastic"]
    ///   api_key: "${AXIOM_TOKEN}"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// output.elasticsearch:
    ///   hosts: ["https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/logs/elastic"]
    ///   api_key: "axiom:${AXIOM_TOKEN}"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the dataset in the path is yours to name.
    pub(crate) struct BeatsAxiomOutput;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A variable the file's Beats output puts a path after (`'${AXIOM_HOST}/v1/ingest/…'`),
    // written with `https://` but not `:443`.
    for finding in context.host_findings_for(Rule::BeatsAxiomOutput) {
        let mut diagnostic = finding
            .diagnostic(format!(
                "`{}` is the base of this file's Beats hosts, but lacks `:443` (the default port is 9200)",
                finding.key()
            ))
            .with_label("no port 443");
        if let Some(fixed) = &finding.replacement {
            diagnostic = diagnostic.with_help(format!("write `{fixed}`"));
        }
        out.push(diagnostic);
    }
    for site in context.sites {
        let Some(output) = site.beats.as_deref() else {
            continue;
        };
        for host in &output.hosts {
            let Some(text) = host.text() else {
                continue;
            };
            let Some(url) = UrlParts::split(text.trim()) else {
                continue;
            };
            let mut missing = Vec::new();
            if url.scheme_str() != Some("https") {
                missing.push("`https://` (the default is plain HTTP)");
            }
            if url.port_str() != Some("443") {
                missing.push("`:443` (the default port is 9200)");
            }
            // A wrong path is the host and path rules' (AXL108, AXL111): one problem, one
            // finding. No path at all is this rule's.
            if url.path_str().trim_matches('/').is_empty() {
                missing.push("the path `/v1/ingest/<dataset>/elastic`");
            } else if ends_at_dataset(&url) {
                // Right for the host rules, but Beats speak Elasticsearch's bulk API, which
                // only `/elastic` below the dataset serves. (On `api.axiom.co` this path is
                // AXL108's, whose help writes the whole Beats URL.)
                missing.push("`/elastic` after the dataset (Axiom's Elasticsearch endpoint)");
            }
            if missing.is_empty() {
                continue;
            }
            // A host the host rules call wrong (the console, an unknown Axiom host, the old
            // EU instance) is theirs alone: their help names the URL Beats take. A host they
            // correct (an unknown edge, `cloud.axiom.co`) is completed as corrected, so both
            // findings give one URL.
            let verdict = context
                .host_findings
                .iter()
                .find(|finding| finding.host.field.span == host.span);
            let corrected = match verdict {
                Some(finding)
                    if finding.replacement.is_none() && replaces_the_host(finding.rule) =>
                {
                    continue;
                }
                Some(finding) => finding.replacement.as_deref(),
                None => None,
            };
            out.push(
                Diagnostic::new(
                    Rule::BeatsAxiomOutput,
                    host.span(),
                    format!(
                        "this {} host at Axiom lacks {}",
                        output.program,
                        missing.join(" and ")
                    ),
                )
                .with_label("incomplete Axiom host")
                .with_help(format!(
                    "write `{}`",
                    beats_url(corrected.unwrap_or(text)).unwrap_or_default()
                )),
            );
        }
        if let Some(api_key) = &output.bare_api_key {
            out.push(
                Diagnostic::new(
                    Rule::BeatsAxiomOutput,
                    api_key.span(),
                    "`api_key` holds a bare token: Axiom expects `axiom:<token>`",
                )
                .with_label("no `axiom:` id")
                .with_help("write `api_key: 'axiom:${AXIOM_TOKEN}'`"),
            );
        }
        if let Some(user) = &output.wrong_user {
            out.push(
                Diagnostic::new(
                    Rule::BeatsAxiomOutput,
                    user.span(),
                    "`user` is not `axiom`: Axiom expects the user `axiom` and the API token as `password`",
                )
                .with_label("not Axiom's user")
                .with_help("write `user => \"axiom\"`"),
            );
        }
        if let Some(password) = &output.user_missing {
            out.push(
                Diagnostic::new(
                    Rule::BeatsAxiomOutput,
                    password.span(),
                    "`password` is set without `user`: Axiom expects the user `axiom` beside the API token",
                )
                .with_label("no `user` beside it")
                .with_help("add `user => \"axiom\"` to this output"),
            );
        }
    }
}

/// Whether the URL is an edge's ingest path with nothing after the dataset
/// (`https://<edge>/v1/ingest/<dataset>`).
fn ends_at_dataset(url: &UrlParts<'_>) -> bool {
    let segments: Vec<&str> = url
        .path_str()
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    matches!(segments.as_slice(), [v1, ingest, _]
        if v1.eq_ignore_ascii_case("v1") && ingest.eq_ignore_ascii_case("ingest"))
        && !url.host_str().eq_ignore_ascii_case("api.axiom.co")
}

/// Whether a host rule's finding says the host itself is not one Beats can send to.
fn replaces_the_host(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::ConsoleDomainAsApi
            | Rule::UnknownAxiomHost
            | Rule::LegacyEuDomain
            | Rule::UnknownEdge
    )
}
