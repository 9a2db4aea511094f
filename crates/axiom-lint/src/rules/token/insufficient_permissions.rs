//! AXL209 insufficient-permissions: a basic token declared for query or manage.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use axiom_lint_core::Purpose;

rule_docs! {
    /// ## What it does
    /// Reports a connection whose `permissions = "basic"` token has purpose `query` or `manage`.
    ///
    /// ## Why is this bad?
    /// Basic API tokens can only ingest, into chosen datasets. Queries and management calls
    /// with one fail with HTTP 403 (axiomhq/cli #51). Permissions are fixed when the token is
    /// created: you need another token.
    ///
    /// ## Example
    /// ```toml
    /// [connections.dashboards]
    /// subdomain = "eu-central-1.aws.edge"
    /// token = "${AXIOM_TOKEN}"
    /// permissions = "basic"
    /// purpose = ["query"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [connections.dashboards]
    /// subdomain = "eu-central-1.aws.edge"
    /// token = "${AXIOM_QUERY_TOKEN}"
    /// permissions = "advanced"
    /// purpose = ["query"]
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the token's permissions are set in Axiom, not here.
    pub(crate) struct InsufficientPermissions;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in context.sites {
        let Some(permissions) = site.permissions().filter(|f| f.text() == Some("basic")) else {
            continue;
        };
        let needs: Vec<&str> = [(Purpose::Query, "query"), (Purpose::Manage, "manage")]
            .iter()
            .filter(|(purpose, _)| site.has_purpose(*purpose))
            .map(|(_, name)| *name)
            .collect();
        if needs.is_empty() {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            Rule::InsufficientPermissions,
            permissions.span(),
            format!("a basic token can only ingest, but this connection is for {}", needs.join(" and ")),
        )
        .with_label("basic: ingest only")
        .with_help("create an advanced API token with the query or management capabilities this connection needs");
        if let Some(purpose) = site.purpose_field() {
            diagnostic = diagnostic.with_secondary(purpose.span(), "needs an advanced token");
        }
        out.push(diagnostic);
    }
}
