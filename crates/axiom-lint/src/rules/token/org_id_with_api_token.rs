//! AXL206 org-id-with-api-token: an org ID beside an API token.

use axiom_lint_core::{TokenKind, is_placeholder_for};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Notes an org ID (`org_id`, `AXIOM_ORG_ID`) set beside an API token (`xaat-`).
    ///
    /// ## Why is this bad?
    /// It is harmless but pointless: an API token belongs to exactly one organization, so the
    /// org ID is never needed. Its presence often means the token was swapped from a personal
    /// access token and the configuration still carries the old assumptions. This is
    /// information only and never fails a run.
    ///
    /// In a Terraform `provider "axiom"` block it is worse than pointless, an error of its own
    /// (AXL214); a Terraform variable or `*.tfvars` value named for the org ID is noted here.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "AXIOM_TOKEN": "${AXIOM_TOKEN}", "AXIOM_ORG_ID": "acme-ab12" } }
    /// ```
    /// (where `AXIOM_TOKEN` holds an `xaat-` token)
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_TOKEN": "${AXIOM_TOKEN}" } }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the org ID is harmless, and removing it is your call.
    pub(crate) struct OrgIdWithApiToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        let Some(org_id) = token.site.org_id.as_ref().filter(|f| {
            f.text()
                .is_some_and(|v| !v.trim().is_empty() && !is_placeholder_for(f.key, v))
        }) else {
            continue;
        };
        if token.kind() != Some(TokenKind::Api) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::OrgIdWithApiToken,
                org_id.span(),
                "an org ID is not needed with an API token",
            )
            .with_label("unneeded with an API token")
            .with_secondary(token.span.clone(), "API token")
            .with_help(format!(
                "remove `{}`; API tokens belong to one organization",
                org_id.key
            )),
        );
    }
}
