//! AXL102 subdomain-not-bare: a subdomain field holds more than the bare subdomain.

use axiom_lint_core::check_subdomain;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a subdomain field (Nango `connection_config.subdomain`, native `subdomain`) that
    /// holds a scheme, the `.axiom.co` suffix, a path, a port, whitespace or capital letters.
    ///
    /// ## Why is this bad?
    /// The consumer builds the URL as `https://<subdomain>.axiom.co`, so
    /// `https://api.axiom.co` becomes `https://https://api.axiom.co.axiom.co` and every request
    /// fails. Only `api` or an edge such as `eu-central-1.aws.edge` belongs there.
    ///
    /// ## Example
    /// ```json
    /// { "connection_config": { "subdomain": "https://eu-central-1.aws.edge.axiom.co" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "connection_config": { "subdomain": "eu-central-1.aws.edge" } }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix keeps the host you wrote and only strips what the consumer adds itself.
    pub(crate) struct SubdomainNotBare;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::SubdomainNotBare) {
        let value = finding.host.field.text().unwrap_or_default();
        let report = check_subdomain(value, &context.settings.edges);
        let problems: Vec<&str> = report.problems.iter().map(|p| p.describe()).collect();
        let bare = &finding.host_name;
        out.push(
            finding
                .diagnostic(format!(
                    "`{}` must be a bare subdomain, but it has {}",
                    finding.key(),
                    join(&problems)
                ))
                .with_label("not a bare subdomain")
                .with_help(format!(
                    "write `{bare}`; the consumer builds `https://{bare}.axiom.co` itself"
                ))
                .with_edit(
                    format!("Replace with `{bare}`"),
                    context.value_edit(&finding.host.field, bare),
                    Applicability::Safe,
                ),
        );
    }
}

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
