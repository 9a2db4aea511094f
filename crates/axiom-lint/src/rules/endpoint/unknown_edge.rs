//! AXL101 unknown-edge: an edge host, subdomain or deployment ID that is not a known edge.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a `*.edge.axiom.co` host, a `*.edge` subdomain or a `cloud.*` deployment ID that
    /// is not a known Axiom edge, and suggests the nearest known one (preferring the same
    /// continent, so a European typo is not sent to the US).
    ///
    /// ## Why is this bad?
    /// Axiom documents two edges: `us-east-1.aws.edge.axiom.co` and
    /// `eu-central-1.aws.edge.axiom.co`. Any other edge name does not resolve, so ingest and
    /// queries fail. Look-alikes appear in real docs: `eu-west-1.aws.edge.axiom.co` is a CLI
    /// help example that does not exist. If Axiom opens a new edge before axiom-lint knows it,
    /// add it with `extend-edges` in `axiom-lint.toml`.
    ///
    /// ## Example
    /// ```toml
    /// [deployments.prod]
    /// edge_region = "eu-west-1.aws.edge.axiom.co"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [deployments.prod]
    /// edge_region = "eu-central-1.aws.edge.axiom.co"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the edge with the suggested one. It is unsafe: only you know which
    /// region your organization's data lives in.
    pub(crate) struct UnknownEdge;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::UnknownEdge) {
        let mut diagnostic = finding
            .diagnostic(format!("`{}` is not a known Axiom edge", finding.host_name))
            .with_label("unknown edge");
        diagnostic = match &finding.replacement {
            Some(replacement) => diagnostic
                .with_help(format!("did you mean `{replacement}`? Known edges are listed in `axiom-lint rule AXL101`; add new ones with `extend-edges`"))
                .with_edit(
                    format!("Replace with `{replacement}`"),
                    context.value_edit(&finding.host.field, replacement),
                    Applicability::Unsafe,
                ),
            None => diagnostic.with_help(
                "use `us-east-1.aws.edge.axiom.co` or `eu-central-1.aws.edge.axiom.co`, or add a new edge with `extend-edges`",
            ),
        };
        out.push(diagnostic);
    }
}
