//! Organization ID validation: a slug such as `acme-ab12`, never a UUID or a token.

use crate::token::is_env_reference;

/// What is wrong with an org ID value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgIdProblem {
    /// A UUID: Axiom org IDs are slugs, as in `app.axiom.co/<org-id>/…`.
    Uuid,
    /// A token pasted into the org ID field.
    Token,
    /// Anything else that is not a lowercase slug (capitals, spaces, URL, dots).
    NotSlug,
}

impl OrgIdProblem {
    /// A sentence saying what is wrong, for diagnostics.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Uuid => "is a UUID, but Axiom org IDs are slugs such as `acme-ab12`",
            Self::Token => "is a token, not an org ID; org IDs are slugs such as `acme-ab12`",
            Self::NotSlug => {
                "is not a slug; Axiom org IDs are lowercase letters, digits and dashes such as `acme-ab12`"
            }
        }
    }
}

/// Checks an org ID value. Empty values and env references are not judged.
pub fn check_org_id(value: &str) -> Result<(), OrgIdProblem> {
    let value = value.trim();
    if value.is_empty() || is_env_reference(value) {
        return Ok(());
    }
    // What a pasted secret looks like once quotes and `Bearer ` are gone.
    let value = crate::token::unwrap_token(value);
    let lower = value.to_ascii_lowercase();
    if ["xaat-", "xapt-", "xait-"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
        || crate::token::find_tokens(value).next().is_some()
    {
        return Err(OrgIdProblem::Token);
    }
    let groups: Vec<usize> = value.split('-').map(str::len).collect();
    if groups == [8, 4, 4, 4, 12] && value.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()) {
        return Err(OrgIdProblem::Uuid);
    }
    let is_slug = value.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if is_slug {
        Ok(())
    } else {
        Err(OrgIdProblem::NotSlug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_references_are_fine() {
        for value in ["acme-ab12", "axiom", "my-org-1234", "${AXIOM_ORG_ID}", ""] {
            assert_eq!(check_org_id(value), Ok(()), "{value}");
        }
    }

    #[test]
    fn uuids_tokens_and_other_text_are_not() {
        assert_eq!(
            check_org_id("2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6"),
            Err(OrgIdProblem::Uuid)
        );
        assert_eq!(check_org_id("xapt-123"), Err(OrgIdProblem::Token));
        for value in [
            "Acme",
            "acme org",
            "https://app.axiom.co/acme",
            "acme--x",
            "-acme",
        ] {
            assert_eq!(check_org_id(value), Err(OrgIdProblem::NotSlug), "{value}");
        }
    }
}
