//! What an Axiom host name is for: edge, API, console, legacy, or not a credential target.

use crate::edge::{Edge, EdgeCatalog};

/// The role of a host name, per AXIOM.md "Domains".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKind<'c> {
    /// A known edge deployment: ingest and query only.
    Edge(&'c Edge),
    /// Splunk HEC ingest on a known edge.
    Hec(&'c Edge),
    /// A `*.edge.axiom.co` host that is not a known edge (HEC included);
    /// [`EdgeCatalog::nearest`] suggests one when a message needs it.
    UnknownEdge,
    /// `api.axiom.co`: every endpoint that is not edge ingest or query.
    Api,
    /// `app.axiom.co`: the web console, not an API.
    Console,
    /// `login.axiom.co` / `auth.axiom.co`: sign-in pages, not an API.
    Login,
    /// The bare `axiom.co` (or `www.axiom.co`): the marketing site.
    Apex,
    /// `api.eu.axiom.co` / `app.eu.axiom.co`: the deprecated EU instance.
    LegacyEu,
    /// `cloud.axiom.co`: the pre-2023 URL.
    LegacyCloud,
    /// Real Axiom hosts that are not credential targets (`mcp`, `*.ingress`, `*.syslog`,
    /// `repobeats`): never linted.
    NotCredentialTarget,
    /// Any other host under `axiom.co`.
    OtherAxiom,
    /// Not an Axiom host at all (including look-alikes such as `evilaxiom.co`).
    NotAxiom,
}

impl HostKind<'_> {
    /// Whether the host is under `axiom.co` and is a credential target worth linting.
    pub fn is_axiom(&self) -> bool {
        !matches!(self, Self::NotAxiom | Self::NotCredentialTarget)
    }

    /// Whether the host is an edge of any kind (known, HEC or unknown).
    pub fn is_edge(&self) -> bool {
        matches!(self, Self::Edge(_) | Self::Hec(_) | Self::UnknownEdge)
    }
}

/// Classifies a host name (no scheme, port or path). Matching is by whole labels and ignores
/// case and a trailing dot, so `API.axiom.co.` is the API and `evilaxiom.co` is not Axiom.
pub fn classify_host<'c>(host: &str, edges: &'c EdgeCatalog) -> HostKind<'c> {
    let host = host.trim_end_matches('.');
    // Hosts are mostly written in lowercase already: only the others are copied.
    let host: std::borrow::Cow<'_, str> = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        host.to_ascii_lowercase().into()
    } else {
        host.into()
    };
    let Some(label_part) = subdomain_of_axiom(&host) else {
        return HostKind::NotAxiom;
    };
    if let Some(edge) = edges.by_domain(&host) {
        return HostKind::Edge(edge);
    }
    if let Some(edge) = host
        .strip_prefix("hec.")
        .and_then(|inner| edges.by_domain(inner))
    {
        return HostKind::Hec(edge);
    }
    match label_part {
        "" | "www" => return HostKind::Apex,
        "api" => return HostKind::Api,
        "app" => return HostKind::Console,
        "login" | "auth" => return HostKind::Login,
        "api.eu" | "app.eu" => return HostKind::LegacyEu,
        "cloud" => return HostKind::LegacyCloud,
        "mcp" | "repobeats" => return HostKind::NotCredentialTarget,
        _ => {}
    }
    let labels: Vec<&str> = label_part.split('.').collect();
    if labels.ends_with(&["ingress"]) || labels.ends_with(&["syslog"]) {
        return HostKind::NotCredentialTarget;
    }
    if labels.ends_with(&["edge"]) {
        return HostKind::UnknownEdge;
    }
    HostKind::OtherAxiom
}

/// The labels in front of `axiom.co` (`""` for the apex), or `None` for a non-Axiom host.
fn subdomain_of_axiom(host: &str) -> Option<&str> {
    if host == crate::AXIOM_DOMAIN {
        return Some("");
    }
    host.strip_suffix(".axiom.co")
        .filter(|labels| !labels.is_empty() && !labels.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(host: &str) -> String {
        let edges = EdgeCatalog::default();
        match classify_host(host, &edges) {
            HostKind::Edge(edge) => format!("edge {}", edge.deployment_id()),
            HostKind::Hec(edge) => format!("hec {}", edge.deployment_id()),
            HostKind::UnknownEdge => {
                format!(
                    "unknown edge near {:?}",
                    edges.nearest(host).map(Edge::domain)
                )
            }
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn classifies_documented_hosts() {
        assert_eq!(
            kind("us-east-1.aws.edge.axiom.co"),
            "edge cloud.us-east-1.aws"
        );
        assert_eq!(
            kind("EU-CENTRAL-1.aws.edge.axiom.co."),
            "edge cloud.eu-central-1.aws"
        );
        assert_eq!(
            kind("hec.eu-central-1.aws.edge.axiom.co"),
            "hec cloud.eu-central-1.aws"
        );
        assert_eq!(kind("api.axiom.co"), "Api");
        assert_eq!(kind("app.axiom.co"), "Console");
        assert_eq!(kind("auth.axiom.co"), "Login");
        assert_eq!(kind("login.axiom.co"), "Login");
        assert_eq!(kind("axiom.co"), "Apex");
        assert_eq!(kind("api.eu.axiom.co"), "LegacyEu");
        assert_eq!(kind("app.eu.axiom.co"), "LegacyEu");
        assert_eq!(kind("cloud.axiom.co"), "LegacyCloud");
    }

    #[test]
    fn non_credential_hosts_are_left_alone() {
        for host in [
            "mcp.axiom.co",
            "repobeats.axiom.co",
            "abc123.ingress.axiom.co",
            "x.syslog.axiom.co",
        ] {
            assert_eq!(kind(host), "NotCredentialTarget", "{host}");
        }
    }

    #[test]
    fn undocumented_edges_are_unknown_with_a_suggestion() {
        assert_eq!(
            kind("eu-west-1.aws.edge.axiom.co"),
            "unknown edge near Some(\"eu-central-1.aws.edge.axiom.co\")"
        );
        assert_eq!(kind("mumbai.axiom.co"), "OtherAxiom");
    }

    #[test]
    fn look_alikes_are_not_axiom() {
        for host in [
            "evilaxiom.co",
            "axiom.co.evil.example",
            "axiom.com",
            "api..axiom.co",
            ".axiom.co",
        ] {
            assert_eq!(kind(host), "NotAxiom", "{host}");
        }
    }
}
