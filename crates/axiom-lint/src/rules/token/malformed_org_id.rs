//! AXL212 malformed-org-id: an org ID that is a UUID, a token, or not a slug.

use axiom_lint_core::{OrgIdProblem, Redacted, check_org_id};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports an org ID (`org_id`, `AXIOM_ORG_ID`, `X-Axiom-Org-Id`) that is a UUID, a token,
    /// or otherwise not a slug of lowercase letters, digits and dashes.
    ///
    /// ## Why is this bad?
    /// Axiom org IDs are slugs such as `acme-ab12`, the part after `app.axiom.co/` in the
    /// console's URLs. Anything else is rejected, and a token pasted here leaks it into a field
    /// nobody treats as secret.
    ///
    /// ## Example
    /// ```toml
    /// [deployments.prod]
    /// org_id = "123e4567-e89b-12d3-a456-426614174000"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [deployments.prod]
    /// org_id = "acme-ab12"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the org ID is yours to look up.
    pub(crate) struct MalformedOrgId;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for site in context.sites {
        let Some(field) = &site.org_id else {
            continue;
        };
        let Some(Err(problem)) = field.text().map(check_org_id) else {
            continue;
        };
        if !seen.insert(field.span().start) {
            continue;
        }
        let value = field.text().unwrap_or_default().trim();
        // A UUID here may be a pre-2021 token: it is shown redacted, like any token.
        let shown = match problem {
            OrgIdProblem::Token | OrgIdProblem::Uuid => format!("`{}`", Redacted(value)),
            OrgIdProblem::NotSlug => format!("`{value}`"),
        };
        out.push(
            Diagnostic::new(
                Rule::MalformedOrgId,
                field.span(),
                format!("org ID {shown} {}", problem.describe()),
            )
            .with_label("not an org ID")
            .with_help("copy the org ID from the console's URL: `app.axiom.co/<org-id>/…`"),
        );
    }
}
