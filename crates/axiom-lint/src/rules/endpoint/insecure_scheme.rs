//! AXL105 insecure-scheme: `http://` to an Axiom host.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports an `http://` URL to an Axiom API or edge host.
    ///
    /// ## Why is this bad?
    /// The token travels in a header: over plain HTTP anyone on the path can read it. Axiom
    /// serves every API and edge host over HTTPS.
    ///
    /// ## Example
    /// ```toml
    /// [env]
    /// AXIOM_URL = "http://api.axiom.co"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [env]
    /// AXIOM_URL = "https://api.axiom.co"
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the same host over HTTPS. For Elastic Beats and Logstash, which connect to port
    /// 9200 unless the URL names one, the fix writes `:443` too (AXIOM.md, Elastic Beats).
    pub(crate) struct InsecureScheme;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::InsecureScheme) {
        let Some(fixed) = &finding.replacement else {
            continue;
        };
        out.push(
            finding
                .diagnostic(format!(
                    "`{}` sends the token to `{}` over plain HTTP",
                    finding.key(),
                    finding.host_name
                ))
                .with_label("`http://` exposes the token")
                .with_help(format!("use `{fixed}`"))
                .with_edit(
                    "Use `https://`",
                    context.value_edit(&finding.host.field, fixed),
                    Applicability::Safe,
                ),
        );
    }
}
