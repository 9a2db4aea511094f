//! Whether a host is one of Axiom's, asked by the dialects that are recognised by where they
//! send (OpenTelemetry SDK variables, Fluent Bit, Beats) and by the environment maps, which
//! judge a variable only when its value is Axiom-shaped (AXIOM.md, "More places credentials
//! live").

use axiom_lint_core::{EdgeCatalog, UrlParts};

use crate::site::{Field, HostRole};

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

/// How a file uses `AXIOM_HOST`, which is a bare edge domain in Axiom's Kubernetes and
/// OpenTelemetry docs and, in its older Kubernetes docs, `https://api.axiom.co:443` fed to
/// Filebeat as the base of `hosts: ['${AXIOM_HOST}/v1/datasets/…/elastic']` (AXIOM.md, "More
/// places credentials live": judge it by the consumer when one is visible).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HostUse {
    /// The file references no `AXIOM_HOST`: its consumer is elsewhere.
    NotSeen,
    /// Only as a whole host (`host: ${AXIOM_HOST}`, `https://${AXIOM_HOST}/v1/traces`).
    Bare,
    /// With a path after it: a URL's base; Filebeat's when the file has its output, which
    /// needs `:443` too.
    UrlBase(HostRole),
}

impl HostUse {
    /// Reads every reference to `AXIOM_HOST` in the file (`${AXIOM_HOST}`, `$(AXIOM_HOST)`,
    /// `${env:AXIOM_HOST}`, `$AXIOM_HOST`), once, in linear time.
    pub(super) fn find(text: &[u8]) -> Self {
        const NAME: &[u8] = b"AXIOM_HOST";
        let mut found = Self::NotSeen;
        for at in memchr::memmem::find_iter(text, NAME) {
            let before = &text[..at];
            let opened = [&b"${"[..], b"$(", b"${env:", b"$"]
                .into_iter()
                .find(|open| before.ends_with(open));
            let Some(open) = opened else {
                continue;
            };
            let mut end = at + NAME.len();
            match (open.last(), text.get(end)) {
                (Some(b'{'), Some(b'}')) | (Some(b':'), Some(b'}')) | (Some(b'('), Some(b')')) => {
                    end += 1;
                }
                (Some(b'$'), next)
                    if !next.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') => {}
                _ => continue,
            }
            let start = at - open.len();
            if text[..start].ends_with(b"://") {
                found = Self::Bare;
            } else if text.get(end) == Some(&b'/') {
                // Filebeat's output in the same manifest: Beats needs the port too.
                let role = if memchr::memmem::find(text, b"output.elasticsearch").is_some() {
                    HostRole::BeatsBase
                } else {
                    HostRole::FullUrl
                };
                return Self::UrlBase(role);
            } else {
                found = Self::Bare;
            }
        }
        found
    }

    /// What an `AXIOM_HOST` value in this file is expected to hold. With no consumer in
    /// sight, the docs' Filebeat form (`https://<host>:443`, nothing after it) is right for the
    /// program that form is for, and is judged only for the host it names; any other URL is
    /// wrong under both readings (Beats need the port, everything else a bare domain).
    pub(super) fn role(self, field: &Field<'_>) -> HostRole {
        match self {
            Self::UrlBase(role) => role,
            Self::NotSeen if field.text().is_some_and(is_filebeat_base) => HostRole::FullUrl,
            Self::Bare | Self::NotSeen => HostRole::EdgeDomain,
        }
    }
}

/// `https://<host>:443`, with at most a `/` after it.
fn is_filebeat_base(value: &str) -> bool {
    UrlParts::split(value.trim()).is_some_and(|url| {
        url.scheme_str()
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https"))
            && url.port_str() == Some("443")
            && url.path_str().trim_start_matches('/').is_empty()
            && url.rest.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axiom_host_is_judged_by_the_use_the_file_shows() {
        let beats = b"output.elasticsearch:\n  hosts: ['${AXIOM_HOST}/v1/ingest/x/elastic']";
        assert_eq!(HostUse::find(beats), HostUse::UrlBase(HostRole::BeatsBase));
        assert_eq!(
            HostUse::find(b"url: $(AXIOM_HOST)/v1/ingest/x"),
            HostUse::UrlBase(HostRole::FullUrl)
        );
        for bare in [
            &b"host: ${AXIOM_HOST}"[..],
            b"endpoint: https://${AXIOM_HOST}/v1/traces",
            b"endpoint: https://${env:AXIOM_HOST}",
            b"curl https://$AXIOM_HOST/v1/ingest/x",
            b"echo $AXIOM_HOST",
        ] {
            assert_eq!(
                HostUse::find(bare),
                HostUse::Bare,
                "{}",
                String::from_utf8_lossy(bare)
            );
        }
        for unseen in [
            &b"AXIOM_HOST=https://api.axiom.co:443"[..],
            b"${AXIOM_HOSTNAME}/x",
            b"$AXIOM_HOST_URL/x",
            b"",
        ] {
            assert_eq!(
                HostUse::find(unseen),
                HostUse::NotSeen,
                "{}",
                String::from_utf8_lossy(unseen)
            );
        }
    }

    #[test]
    fn the_docs_filebeat_base_is_https_and_port_443_alone() {
        for base in [
            "https://api.axiom.co:443",
            "HTTPS://eu-central-1.aws.edge.axiom.co:443/",
        ] {
            assert!(is_filebeat_base(base), "{base}");
        }
        for other in [
            "https://api.axiom.co",
            "http://api.axiom.co:443",
            "https://api.axiom.co:443/v1/datasets",
            "https://api.axiom.co:443?x=1",
            "api.axiom.co:443",
        ] {
            assert!(!is_filebeat_base(other), "{other}");
        }
    }

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
