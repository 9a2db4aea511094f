//! AXL212 malformed-org-id: an org ID that is clearly not one.

use axiom_lint_core::{OrgIdProblem, Redacted, check_org_id, is_placeholder_for};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports an org ID (`org_id`, `AXIOM_ORG_ID`, `X-Axiom-Org-Id`) that is clearly not one:
    /// a token, a UUID, a URL, an e-mail address, whitespace, or fewer than three characters.
    /// Never reported for case alone, and never for a placeholder or a reference.
    ///
    /// ## Why is this bad?
    /// The org ID is the part after `app.axiom.co/` in the console's URLs, such as
    /// `acme-ab12`. No source defines its format and no client checks more than "not empty",
    /// so a wrong value is only noticed when requests fail with 403; axiom-go refuses a UUID
    /// ("OrgID is not a UUID"), and the hosted MCP server wants at least three characters. A
    /// token pasted here leaks it into a field nobody treats as secret. Mixed-case IDs exist
    /// (one has served a public production Vector config for years), so case is never judged.
    ///
    /// ## Example
    /// ```toml
    /// [deployments.prod]
    /// org_id = "https://app.axiom.co/acme-ab12"
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
    let mut seen = ahash::AHashSet::new();
    for site in context.sites {
        let Some(field) = &site.org_id else {
            continue;
        };
        let Some(value) = field.text() else {
            continue;
        };
        if is_placeholder_for(field.key, value) || !seen.insert(field.span().start) {
            continue;
        }
        let Err(problem) = check_org_id(value) else {
            continue;
        };
        // A UUID here may be a pre-2021 token: it is shown redacted, like any token.
        let shown = match problem {
            OrgIdProblem::Token | OrgIdProblem::Uuid => format!(" `{}`", Redacted(value.trim())),
            // Whitespace would not show, and a URL or address is shown by the snippet.
            _ => String::new(),
        };
        out.push(
            Diagnostic::new(
                Rule::MalformedOrgId,
                field.span(),
                format!("org ID{shown} {}", problem.describe()),
            )
            .with_label("not an org ID")
            .with_help("copy the org ID from the console's URL: `app.axiom.co/<org-id>/…`"),
        );
    }
}
