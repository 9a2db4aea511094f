//! Whether a host is one of Axiom's, asked by the dialects that are recognised by where they
//! send (OpenTelemetry SDK variables, Fluent Bit, Beats) and by the environment maps, which
//! judge a variable only when its value is Axiom-shaped (AXIOM.md, "More places credentials
//! live").

use axiom_lint_core::{EdgeCatalog, UrlParts};

/// An `axiom.co` host (any case, a trailing dot ignored), or one of the run's edges with those
/// added by `extend-edges`, or Splunk HEC on one of them.
pub(super) fn is_axiom_host(host: &str, edges: &EdgeCatalog) -> bool {
    let host = host.trim().trim_end_matches('.');
    let suffix = ".axiom.co";
    let under_axiom = host.eq_ignore_ascii_case("axiom.co")
        || host.len() > suffix.len()
            && host
                .get(host.len() - suffix.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix));
    // `extend-edges` admits only `*.edge.axiom.co` today (`EdgeCatalog::add_domain`), so the
    // catalog adds nothing yet; asking it keeps this the one place to change if it ever
    // admits other hosts.
    under_axiom
        || edges.by_domain(host).is_some()
        || host
            .get(..4)
            .filter(|label| label.eq_ignore_ascii_case("hec."))
            .and_then(|_| edges.by_domain(&host[4..]))
            .is_some()
}

/// Whether a URL or bare host names one of Axiom's hosts ([`is_axiom_host`]).
pub(super) fn names_axiom_host(value: &str, edges: &EdgeCatalog) -> bool {
    UrlParts::split(value.trim()).is_some_and(|url| is_axiom_host(url.host_str(), edges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axiom_hosts_are_axiom_co_and_the_runs_edges() {
        let edges = EdgeCatalog::default();
        for host in [
            "axiom.co",
            "api.axiom.co",
            "US-East-1.aws.edge.axiom.co.",
            " eu-central-1.aws.edge.axiom.co",
            "hec.eu-central-1.aws.edge.axiom.co",
        ] {
            assert!(is_axiom_host(host, &edges), "{host}");
        }
        for host in [
            "evilaxiom.co",
            "axiom.co.evil.com",
            ".axiom.co",
            "axiom.xyz",
            "",
        ] {
            assert!(!is_axiom_host(host, &edges), "{host}");
        }
        assert!(names_axiom_host("https://api.axiom.co:443/v1", &edges));
        assert!(!names_axiom_host("https://axiom.xyz", &edges));
        assert!(!names_axiom_host("/opt/axiom", &edges));
    }
}
