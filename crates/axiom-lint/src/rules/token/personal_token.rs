//! AXL205 personal-token: a personal access token where an API token would do.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a personal access token (`xapt-`) that no more specific rule (AXL204, AXL202,
    /// AXL211, AXL203) reported. Not reported where a PAT is the documented credential: the
    /// Axiom CLI's own configuration and Axiom's hosted MCP server (`mcp.axiom.co`, with an
    /// `x-axiom-org-id` header or `?org-id=`).
    ///
    /// ## Why is this bad?
    /// A PAT has full control of its user's account, in every organization the user belongs
    /// to. Axiom recommends API tokens wherever possible: they are limited to chosen datasets
    /// and capabilities, and can expire. The JS SDK warns that PAT support is deprecated.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_PAT": "${AXIOM_PAT}", "AXIOM_ORG_ID": "acme-ab12" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_TOKEN": "${AXIOM_TOKEN}" } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: create an API token with just the permissions this service needs.
    pub(crate) struct PersonalToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        if token.personal_token_rule != Some(Rule::PersonalToken) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::PersonalToken,
                token.span.clone(),
                format!("personal access token {} grants full control of its user's account", token.describe()),
            )
            .with_label("personal access token")
            .with_help("use an API token (`xaat-`) limited to the datasets and capabilities this service needs"),
        );
    }
}
