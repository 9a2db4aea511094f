//! Organization IDs: no source defines their format and no client validates more than "not
//! empty" (AXIOM.md, "Organization ID"), so only what is clearly not an org ID is a problem: a
//! token, a UUID, a URL, an e-mail address, whitespace, fewer than three characters. Case
//! alone never is: mixed-case IDs are in use.

use crate::placeholder::is_placeholder;
use crate::value::is_env_reference;

/// The hosted MCP server, the strictest consumer, wants at least this many characters.
const SHORTEST_ORG_ID: usize = 3;

/// What is wrong with an org ID value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgIdProblem {
    /// A UUID: axiom-go refuses one ("OrgID is not a UUID").
    Uuid,
    /// A token pasted into the org ID field.
    Token,
    /// A URL, such as the console address the ID was to be copied from.
    Url,
    /// An e-mail address: the user's login, not the organization.
    Email,
    /// Spaces, tabs or a newline, inside or around the value.
    Whitespace,
    /// Fewer than three characters.
    TooShort,
}

impl OrgIdProblem {
    /// A sentence saying what is wrong, for diagnostics.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Uuid => "is a UUID, but Axiom org IDs are slugs such as `acme-ab12`",
            Self::Token => "is a token, not an org ID; org IDs are slugs such as `acme-ab12`",
            Self::Url => "is a URL, not an org ID; the ID is the part after `app.axiom.co/`",
            Self::Email => "is an e-mail address, not an org ID",
            Self::Whitespace => "contains whitespace, which is sent as part of the ID",
            Self::TooShort => "is shorter than three characters",
        }
    }
}

/// Checks an org ID value. Empty values, references and placeholders are not judged.
pub fn check_org_id(value: &str) -> Result<(), OrgIdProblem> {
    let trimmed = value.trim();
    if trimmed.is_empty() || is_env_reference(trimmed) {
        return Ok(());
    }
    // What a pasted secret looks like once quotes and `Bearer ` are gone.
    let bare = crate::token::unwrap_token(trimmed);
    let lower = bare.to_ascii_lowercase();
    let prefixed = ["xaat-", "xapt-", "xait-"]
        .iter()
        .any(|prefix| lower.starts_with(prefix));
    if (prefixed && !is_placeholder(bare)) || crate::token::find_tokens(bare).next().is_some() {
        return Err(OrgIdProblem::Token);
    }
    if is_placeholder(trimmed) {
        return Ok(());
    }
    let groups: Vec<usize> = bare.split('-').map(str::len).collect();
    if groups == [8, 4, 4, 4, 12] && bare.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()) {
        return Err(OrgIdProblem::Uuid);
    }
    if lower.contains("://") || lower.contains('/') || lower.ends_with("axiom.co") {
        return Err(OrgIdProblem::Url);
    }
    if lower
        .split_once('@')
        .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'))
    {
        return Err(OrgIdProblem::Email);
    }
    if value.chars().any(char::is_whitespace) {
        return Err(OrgIdProblem::Whitespace);
    }
    if trimmed.chars().count() < SHORTEST_ORG_ID {
        return Err(OrgIdProblem::TooShort);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_of_any_case_references_and_placeholders_are_fine() {
        for value in [
            "acme-ab12",
            "axiom",
            "my-org-1234",
            "Acme-Prod-X7q2",
            "ACME",
            "acme_corp",
            "${AXIOM_ORG_ID}",
            "",
            "your-org-id",
            "<AXIOM_ORG_ID_HERE>",
            "xapt-123",
        ] {
            assert_eq!(check_org_id(value), Ok(()), "{value}");
        }
    }

    #[test]
    fn what_is_clearly_not_an_org_id_is_reported() {
        let cases = [
            ("2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6", OrgIdProblem::Uuid),
            (
                "xapt-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f",
                OrgIdProblem::Token,
            ),
            ("https://app.axiom.co/acme-ab12", OrgIdProblem::Url),
            ("app.axiom.co/acme-ab12", OrgIdProblem::Url),
            ("ops@acme.com", OrgIdProblem::Email),
            ("acme ab12", OrgIdProblem::Whitespace),
            ("acme-ab12\n", OrgIdProblem::Whitespace),
            ("ab", OrgIdProblem::TooShort),
        ];
        for (value, problem) in cases {
            assert_eq!(check_org_id(value), Err(problem), "{value}");
        }
    }
}
