//! Axiom edge deployments: the built-in ones from Axiom's docs plus any a user configures.

use std::borrow::Cow;
use std::fmt;

/// One edge deployment, the place where ingest and query for an organization's region live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    name: Cow<'static, str>,
    deployment_id: Cow<'static, str>,
    domain: Cow<'static, str>,
}

impl Edge {
    const fn builtin(
        name: &'static str,
        deployment_id: &'static str,
        domain: &'static str,
    ) -> Self {
        Self {
            name: Cow::Borrowed(name),
            deployment_id: Cow::Borrowed(deployment_id),
            domain: Cow::Borrowed(domain),
        }
    }

    /// The human name Axiom's console uses, such as "EU Central 1 (AWS)".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The deployment ID used by Terraform's `edge_deployment`, such as `cloud.eu-central-1.aws`.
    pub fn deployment_id(&self) -> &str {
        &self.deployment_id
    }

    /// The bare edge domain, such as `eu-central-1.aws.edge.axiom.co`.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The Nango-style subdomain: the domain without `.axiom.co`, such as `eu-central-1.aws.edge`.
    pub fn subdomain(&self) -> &str {
        self.domain
            .strip_suffix(".axiom.co")
            .unwrap_or(&self.domain)
    }

    /// The Splunk HEC host on this edge.
    pub fn hec_domain(&self) -> String {
        format!("hec.{}", self.domain)
    }
}

/// Why a configured edge domain was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEdgeDomain {
    /// The value as configured.
    pub value: String,
}

impl fmt::Display for InvalidEdgeDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an edge domain: expected a bare host ending in `.edge.axiom.co`, such as `ap-south-1.aws.edge.axiom.co`",
            self.value
        )
    }
}

impl std::error::Error for InvalidEdgeDomain {}

/// The edges the linter accepts: Axiom's documented edges plus user-configured ones
/// (`extend-edges`), so a new Axiom edge needs no new release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeCatalog {
    edges: Vec<Edge>,
}

/// The only two edges Axiom documents (AXIOM.md, "Domains").
const BUILTIN_EDGES: [Edge; 2] = [
    Edge::builtin(
        "US East 1 (AWS)",
        "cloud.us-east-1.aws",
        "us-east-1.aws.edge.axiom.co",
    ),
    Edge::builtin(
        "EU Central 1 (AWS)",
        "cloud.eu-central-1.aws",
        "eu-central-1.aws.edge.axiom.co",
    ),
];

impl Default for EdgeCatalog {
    fn default() -> Self {
        Self {
            edges: BUILTIN_EDGES.to_vec(),
        }
    }
}

impl EdgeCatalog {
    /// Adds an edge by its bare domain, as written in `extend-edges`.
    ///
    /// The deployment ID is derived the way Axiom derives it for its own edges
    /// (`<region>.<cloud>.edge.axiom.co` → `cloud.<region>.<cloud>`).
    pub fn add_domain(&mut self, domain: &str) -> Result<(), InvalidEdgeDomain> {
        let normalized = domain.trim().trim_end_matches('.').to_ascii_lowercase();
        let invalid = || InvalidEdgeDomain {
            value: domain.to_owned(),
        };
        let location = normalized
            .strip_suffix(".edge.axiom.co")
            .ok_or_else(invalid)?;
        let well_formed = !location.is_empty()
            && location.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
        if !well_formed {
            return Err(invalid());
        }
        if self.by_domain(&normalized).is_none() {
            self.edges.push(Edge {
                name: Cow::Owned(location.to_owned()),
                deployment_id: Cow::Owned(format!("cloud.{location}")),
                domain: Cow::Owned(normalized),
            });
        }
        Ok(())
    }

    /// Every edge, built-in ones first.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The edge with this exact domain (case-insensitive, trailing dot ignored).
    pub fn by_domain(&self, domain: &str) -> Option<&Edge> {
        let domain = domain.trim_end_matches('.');
        self.edges
            .iter()
            .find(|edge| edge.domain.eq_ignore_ascii_case(domain))
    }

    /// The edge with this deployment ID, such as `cloud.eu-central-1.aws`.
    pub fn by_deployment_id(&self, id: &str) -> Option<&Edge> {
        self.edges
            .iter()
            .find(|edge| edge.deployment_id.eq_ignore_ascii_case(id))
    }

    /// The edge closest to `domain`, for "did you mean" help.
    ///
    /// Edges on the same continent (the first part of the region, `eu` in `eu-west-1`) come
    /// first: suggesting a US edge for a European typo would move data across a border. Among
    /// those, the smallest edit distance wins, and a suggestion that needs more edits than half
    /// the domain's length would be noise.
    pub fn nearest(&self, domain: &str) -> Option<&Edge> {
        let domain = domain.trim_end_matches('.').to_ascii_lowercase();
        // A HEC host is named after its edge: suggest the edge.
        let domain = domain
            .strip_prefix("hec.")
            .map_or(domain.clone(), str::to_owned);
        let wanted = continent(&domain);
        let closest = |elsewhere: bool| {
            self.edges
                .iter()
                .filter(|edge| (continent(&edge.domain) != wanted) == elsewhere)
                .map(|edge| (edit_distance(&domain, &edge.domain), edge))
                .filter(|(distance, _)| *distance <= domain.len() / 2)
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, edge)| edge)
        };
        // Edit distances are the cost here: other continents are measured only when needed.
        closest(false).or_else(|| closest(true))
    }
}

/// The Levenshtein distance (in characters) between two strings. Edge domains share long
/// prefixes and suffixes (`eu-…-1.aws.edge.axiom.co`), and a common prefix or suffix never
/// changes the distance: only what lies between is measured.
fn edit_distance(a: &str, b: &str) -> usize {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    strsim::levenshtein(&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// The continent an edge domain is on: the first part of its region (`eu` in `eu-west-1…`).
fn continent(domain: &str) -> &str {
    domain.split(['-', '.']).next().unwrap_or_default()
}

/// `eu-central-1`, `us-east-1`, `ap-southeast-2`: an AWS region, not a domain.
pub fn is_aws_region(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn edit_distance_is_levenshtein(a in "[a-eé.-]{0,12}", b in "[a-eé.-]{0,12}") {
            prop_assert_eq!(edit_distance(&a, &b), strsim::levenshtein(&a, &b));
        }
    }

    #[test]
    fn builtin_edges_are_the_documented_ones() {
        let catalog = EdgeCatalog::default();
        let domains: Vec<_> = catalog.edges().iter().map(Edge::domain).collect();
        assert_eq!(
            domains,
            [
                "us-east-1.aws.edge.axiom.co",
                "eu-central-1.aws.edge.axiom.co"
            ]
        );
        let eu = catalog
            .by_domain("EU-Central-1.aws.edge.axiom.co.")
            .unwrap();
        assert_eq!(eu.deployment_id(), "cloud.eu-central-1.aws");
        assert_eq!(eu.subdomain(), "eu-central-1.aws.edge");
        assert_eq!(eu.hec_domain(), "hec.eu-central-1.aws.edge.axiom.co");
    }

    #[test]
    fn undocumented_edges_are_unknown_until_configured() {
        let mut catalog = EdgeCatalog::default();
        assert!(catalog.by_domain("eu-west-1.aws.edge.axiom.co").is_none());
        catalog.add_domain("eu-west-1.aws.edge.axiom.co").unwrap();
        let edge = catalog.by_domain("eu-west-1.aws.edge.axiom.co").unwrap();
        assert_eq!(edge.deployment_id(), "cloud.eu-west-1.aws");
        assert_eq!(catalog.by_deployment_id("cloud.eu-west-1.aws"), Some(edge));
    }

    #[test]
    fn configured_edges_must_be_edge_domains() {
        let mut catalog = EdgeCatalog::default();
        for bad in [
            "mumbai.axiom.co",
            "https://x.edge.axiom.co",
            ".edge.axiom.co",
            "eu-west-1",
        ] {
            assert!(catalog.add_domain(bad).is_err(), "{bad}");
        }
        assert_eq!(catalog.edges().len(), 2);
    }

    #[test]
    fn nearest_suggests_only_close_edges() {
        let catalog = EdgeCatalog::default();
        let near = catalog.nearest("eu-central-2.aws.edge.axiom.co").unwrap();
        assert_eq!(near.domain(), "eu-central-1.aws.edge.axiom.co");
        let near = catalog.nearest("us-east-2.aws.edge.axiom.co").unwrap();
        assert_eq!(near.domain(), "us-east-1.aws.edge.axiom.co");
        let near = catalog.nearest("eu-west-1.aws.edge.axiom.co").unwrap();
        assert_eq!(near.domain(), "eu-central-1.aws.edge.axiom.co");
        assert!(catalog.nearest("x.edge.axiom.co").is_none());
    }

    #[test]
    fn aws_regions_are_recognised() {
        for region in ["eu-central-1", "us-east-1", "ap-southeast-2"] {
            assert!(is_aws_region(region), "{region}");
        }
        for other in [
            "eu-central-1.aws.edge.axiom.co",
            "api",
            "eu-central",
            "cloud.eu-central-1.aws",
        ] {
            assert!(!is_aws_region(other), "{other}");
        }
    }
}
