//! AXL103 edge-field-not-domain: an edge/region field holds a region, deployment ID or URL.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::HostRole;
use axiom_lint_core::is_aws_region;

rule_docs! {
    /// ## What it does
    /// Reports a field that takes a bare edge domain (`AXIOM_EDGE`, `AXIOM_EDGE_REGION`, the
    /// CLI's `edge_region`, Vector's `region`) holding something else: an AWS region
    /// (`eu-central-1`), a deployment ID (`cloud.eu-central-1.aws`), a subdomain without
    /// `.axiom.co`, or a URL with a scheme or path. `AXIOM_DOMAIN` and `AXIOM_EDGE_DOMAIN` are
    /// bare domains too (AXIOM.md, "More places credentials live"); `AXIOM_DOMAIN` may name
    /// `api.axiom.co` as well as an edge, since programs read it either way. `AXIOM_HOST` is
    /// judged by the file's own use of it (AXIOM.md): a bare domain where the file writes
    /// `${AXIOM_HOST}` as a host, a URL's base where it puts a path after it; where nothing
    /// shows what reads it, the older Kubernetes docs' Filebeat value
    /// (`https://api.axiom.co:443`, any Axiom host with `https://` and `:443`) is not reported,
    /// since it is right for the program that form is for.
    ///
    /// ## Why is this bad?
    /// The SDKs prepend `https://` to these fields, so `https://eu-central-1.aws.edge.axiom.co`
    /// becomes `https://https://…` and `eu-central-1` becomes a host that does not exist. The
    /// names mislead: the CLI's `edge_region` takes a domain despite its name.
    ///
    /// ## Example
    /// ```toml
    /// [env]
    /// AXIOM_EDGE = "eu-central-1"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [env]
    /// AXIOM_EDGE = "eu-central-1.aws.edge.axiom.co"
    /// ```
    ///
    /// ## Fix safety
    /// Stripping a scheme or path, or completing a subdomain or deployment ID, is safe. Mapping
    /// an AWS region to its edge is unsafe: it assumes the AWS edge in that region.
    pub(crate) struct EdgeFieldNotDomain;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::EdgeFieldNotDomain) {
        let value = &*finding.host_name;
        let what = if is_aws_region(value) {
            "an AWS region"
        } else if super::verdict::looks_like_deployment_id(value) {
            "a deployment ID"
        } else if value.contains("://") || value.contains('/') {
            "a URL"
        } else {
            "a subdomain"
        };
        // `AXIOM_DOMAIN` may name the API host as well as an edge.
        let any_domain = finding.host.role == HostRole::Domain;
        let (expects, noun) = if any_domain {
            ("domain", "a domain")
        } else {
            ("edge domain", "an edge domain")
        };
        let mut diagnostic = finding
            .diagnostic(format!(
                "`{}` takes a bare {expects}, but holds {what}",
                finding.key()
            ))
            .with_label(format!("{what}, not {noun}"));
        match &finding.replacement {
            Some(domain) => {
                let applicability = if is_aws_region(value) {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                diagnostic = diagnostic
                    .with_help(format!("write the {expects} `{domain}`"))
                    .with_edit(
                        format!("Replace with `{domain}`"),
                        context.value_edit(&finding.host.field, domain),
                        applicability,
                    );
            }
            None if any_domain => {
                diagnostic = diagnostic.with_help(
                    "write a bare domain: `api.axiom.co`, or an edge such as `eu-central-1.aws.edge.axiom.co`",
                );
            }
            None => {
                diagnostic = diagnostic.with_help(
                    "write an edge domain such as `eu-central-1.aws.edge.axiom.co` or `us-east-1.aws.edge.axiom.co`",
                );
            }
        }
        out.push(diagnostic);
    }
}
