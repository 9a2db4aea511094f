//! Nango-style subdomain values (`api`, `eu-central-1.aws.edge`): what they target and what is
//! wrong with a value that is not bare.
//!
//! Nango builds the base URL as `https://<subdomain>.axiom.co`, so the user must enter only the
//! part before `.axiom.co` (AXIOM.md, "Domains").

use crate::edge::EdgeCatalog;
use crate::host::{HostKind, classify_host};
use crate::url::UrlParts;

/// Something in a subdomain value that makes it more than a bare subdomain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubdomainProblem {
    /// `https://` or another scheme.
    Scheme,
    /// The `.axiom.co` suffix, which the consumer appends itself.
    AxiomSuffix,
    /// A path, query or fragment after the host.
    Path,
    /// A `:port`.
    Port,
    /// Capital letters.
    Uppercase,
    /// Spaces, tabs or newlines.
    Whitespace,
}

impl SubdomainProblem {
    /// A short phrase naming the problem, for diagnostics.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Scheme => "a URL scheme",
            Self::AxiomSuffix => "the `.axiom.co` suffix",
            Self::Path => "a path",
            Self::Port => "a port",
            Self::Uppercase => "capital letters",
            Self::Whitespace => "whitespace",
        }
    }
}

/// What a subdomain value targets once made bare, and what had to be stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubdomainReport<'c> {
    /// The bare subdomain: lowercase, no scheme, suffix, port, path or whitespace.
    pub bare: String,
    /// What was stripped to get there, in the order found.
    pub problems: Vec<SubdomainProblem>,
    /// What `https://<bare>.axiom.co` is.
    pub target: HostKind<'c>,
    /// The closest valid subdomain when the bare one targets nothing known.
    pub suggestion: Option<String>,
}

/// Checks a subdomain value against the known subdomains (`api` and every edge's).
pub fn check_subdomain<'c>(raw: &str, edges: &'c EdgeCatalog) -> SubdomainReport<'c> {
    let mut problems = Vec::new();
    let mut value: String = raw.to_owned();
    if value.chars().any(char::is_whitespace) {
        problems.push(SubdomainProblem::Whitespace);
        value.retain(|c| !c.is_whitespace());
    }
    if let Some(parts) = UrlParts::split(&value) {
        if parts.scheme.is_some() {
            problems.push(SubdomainProblem::Scheme);
        }
        if parts.port.is_some() {
            problems.push(SubdomainProblem::Port);
        }
        if parts.has_path() {
            problems.push(SubdomainProblem::Path);
        }
        value = parts.host_str().to_owned();
    }
    let lower = value.to_ascii_lowercase();
    if lower == crate::AXIOM_DOMAIN || lower.ends_with(".axiom.co") {
        problems.push(SubdomainProblem::AxiomSuffix);
        value.truncate(value.len() - crate::AXIOM_DOMAIN.len());
        value = value.trim_end_matches('.').to_owned();
    }
    if value.bytes().any(|b| b.is_ascii_uppercase()) {
        problems.push(SubdomainProblem::Uppercase);
        value.make_ascii_lowercase();
    }
    let host = if value.is_empty() {
        crate::AXIOM_DOMAIN.to_owned()
    } else {
        format!("{value}.{}", crate::AXIOM_DOMAIN)
    };
    let target = classify_host(&host, edges);
    let suggestion = match target {
        HostKind::Api | HostKind::Edge(_) | HostKind::Hec(_) => None,
        HostKind::UnknownEdge => edges.nearest(&host).map(|edge| edge.subdomain().to_owned()),
        _ => nearest_known(&value, edges),
    };
    SubdomainReport {
        bare: value,
        problems,
        target,
        suggestion,
    }
}

fn nearest_known(value: &str, edges: &EdgeCatalog) -> Option<String> {
    std::iter::once("api")
        .chain(edges.edges().iter().map(crate::Edge::subdomain))
        .map(|known| (strsim::levenshtein(value, known), known))
        .filter(|(distance, known)| *distance > 0 && *distance <= known.len().div_ceil(3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_known_subdomains_have_no_problems() {
        let edges = EdgeCatalog::default();
        for value in ["api", "us-east-1.aws.edge", "eu-central-1.aws.edge"] {
            let report = check_subdomain(value, &edges);
            assert!(report.problems.is_empty(), "{value}");
            assert_eq!(report.suggestion, None);
            assert!(matches!(report.target, HostKind::Api | HostKind::Edge(_)));
        }
    }

    #[test]
    fn strips_everything_that_is_not_the_subdomain() {
        let edges = EdgeCatalog::default();
        let report = check_subdomain(
            " HTTPS://EU-Central-1.aws.edge.axiom.co:443/v1/ingest ",
            &edges,
        );
        assert_eq!(report.bare, "eu-central-1.aws.edge");
        assert_eq!(
            report.problems,
            [
                SubdomainProblem::Whitespace,
                SubdomainProblem::Scheme,
                SubdomainProblem::Port,
                SubdomainProblem::Path,
                SubdomainProblem::AxiomSuffix,
                SubdomainProblem::Uppercase,
            ]
        );
        assert!(matches!(report.target, HostKind::Edge(_)));
    }

    #[test]
    fn unknown_subdomains_get_the_nearest_known_one() {
        let edges = EdgeCatalog::default();
        let report = check_subdomain("eu-west-1.aws.edge", &edges);
        assert!(matches!(report.target, HostKind::UnknownEdge));
        assert_eq!(report.suggestion.as_deref(), Some("eu-central-1.aws.edge"));
        assert_eq!(
            check_subdomain("apii", &edges).suggestion.as_deref(),
            Some("api")
        );
        assert_eq!(check_subdomain("app", &edges).target, HostKind::Console);
        assert_eq!(check_subdomain("zzzzzz", &edges).suggestion, None);
    }
}
