//! AXL203 personal-token-without-org-id: a personal access token with no org ID beside it.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a personal access token (`xapt-`) whose site has no org ID (`org_id`,
    /// `AXIOM_ORG_ID`, an `X-Axiom-Org-Id` header, the hosted MCP server's `?org-id=`). Not
    /// reported where a more specific rule already says the PAT must not be there at all
    /// (AXL204, AXL202, AXL211): adding an org ID would not make it right.
    ///
    /// ## Why is this bad?
    /// A PAT acts for a user who may belong to several organizations, so every request needs
    /// the org ID. The server answers `'X-AXIOM-ORG-ID' header must be set`, and the Go and
    /// Rust SDKs refuse to start (`missing organization id`; axiomhq/cli #116, axiomhq/docs
    /// #538). Dispute: the CLI docs (2026) say the org ID is optional with a PAT and defaults
    /// to your organization; axiom-lint still reports it, because the SDKs and the API
    /// require it.
    ///
    /// ## Example
    /// ```toml
    /// [connections.admin]
    /// subdomain = "api"
    /// token = "${AXIOM_PAT}"
    /// token_kind = "personal"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [connections.admin]
    /// subdomain = "api"
    /// token = "${AXIOM_PAT}"
    /// token_kind = "personal"
    /// org_id = "acme-ab12"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the org ID is yours to look up (it is in `app.axiom.co/<org-id>/…`).
    pub(crate) struct PersonalTokenWithoutOrgId;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        if token.personal_token_rule != Some(Rule::PersonalTokenWithoutOrgId) {
            continue;
        }
        let where_to_add = token.site.dialect.row().org_id_help;
        out.push(
            Diagnostic::new(
                Rule::PersonalTokenWithoutOrgId,
                token.span.clone(),
                format!("personal access token {} has no org ID", token.describe()),
            )
            .with_label("needs an org ID")
            .with_help(format!("{where_to_add}: your org ID is in `app.axiom.co/<org-id>/…`; or use an API token, which needs none")),
        );
    }
}
