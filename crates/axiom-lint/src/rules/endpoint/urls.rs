//! What a URL's path asks for, and the URLs a wrong one becomes: the edge's own path for a
//! legacy one, the modern API URL for a pre-2023 one, HTTPS for HTTP, port 443 for Beats.

use axiom_lint_core::UrlParts;

/// What a URL path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PathKind {
    None,
    /// `/v1/ingest/…`, `/v1/query/…`: edge endpoints.
    EdgeOnly,
    /// OTLP `/v1/traces|logs|metrics`: edge endpoints, also legacy on the API host.
    Otlp,
    /// `/v1/datasets/{ds}/ingest`, `/v1/datasets/_apl`, `/v1/datasets/{ds}/query`: legacy
    /// ingest and query on the API host.
    LegacyIngestOrQuery,
    /// `/v1/datasets…`, `/v2/…`: API-host endpoints.
    ApiOnly,
    /// `/api/v1/…`: the pre-2023 `cloud.axiom.co` API.
    LegacyCloudApi,
}

pub(super) fn classify_path(path: &str) -> PathKind {
    let path = path.to_ascii_lowercase();
    let path = path.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        ["api", "v1", ..] => PathKind::LegacyCloudApi,
        ["v1", "ingest" | "query", ..] => PathKind::EdgeOnly,
        ["v1", "traces" | "logs" | "metrics"] => PathKind::Otlp,
        ["v1", "datasets", "_apl", ..]
        | ["v1", "datasets", _, "ingest" | "query" | "elastic", ..] => {
            PathKind::LegacyIngestOrQuery
        }
        ["v1", "datasets", ..] | ["v2", ..] => PathKind::ApiOnly,
        _ => PathKind::None,
    }
}

/// The edge's own path for a legacy API-host ingest or query path: `/v1/datasets/<ds>/ingest`
/// is `/v1/ingest/<ds>`, `…/elastic` is `/v1/ingest/<ds>/elastic`, `/v1/datasets/_apl` is
/// `/v1/query/_apl`. `None` for a legacy query path (`/v1/datasets/<ds>/query`), which has
/// no edge form.
pub(super) fn edge_path(path: &str) -> Option<String> {
    let trailing = if path.ends_with('/') { "/" } else { "" };
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    match lower.as_slice() {
        ["v1", "datasets", "_apl"] => Some(format!("/v1/query/_apl{trailing}")),
        ["v1", "datasets", _, "ingest"] => Some(format!("/v1/ingest/{}{trailing}", segments[2])),
        ["v1", "datasets", _, "elastic", ..] => Some(format!(
            "/v1/ingest/{}/{}{trailing}",
            segments[2],
            segments[3..].join("/")
        )),
        _ => None,
    }
}

/// The edge `api.axiom.co`'s legacy ingest reached: it accepts only datasets in US East 1
/// (AXIOM.md, "Domains": any other region gets HTTP 400), so a dataset fed through it is there.
pub(super) const LEGACY_INGEST_EDGE: &str = "us-east-1.aws.edge.axiom.co";

/// A URL on `api.axiom.co` with a legacy ingest path (`/v1/datasets/<ds>/ingest`, `…/elastic`)
/// moved to [`LEGACY_INGEST_EDGE`] and that edge's own path for it, keeping the scheme, port,
/// dataset and query. `None` for any other URL, and for a legacy query path, whose region the
/// facts do not tie to US East 1.
pub(super) fn legacy_ingest_on_its_edge(value: &str) -> Option<String> {
    let trimmed = value.trim();
    let url = UrlParts::split(trimmed)?;
    if !url.host_str().eq_ignore_ascii_case("api.axiom.co") {
        return None;
    }
    let path = edge_path(url.path_str()).filter(|path| path.starts_with("/v1/ingest/"))?;
    // The path comes after the host: it is replaced first.
    let mut moved = trimmed.to_owned();
    moved.replace_range(url.path.clone(), &path);
    moved.replace_range(url.host.clone(), LEGACY_INGEST_EDGE);
    Some(moved)
}

/// A pre-2023 URL (`cloud.axiom.co`, or `api.axiom.co` with an `/api/v1…` path) as the API
/// host serves it now; `None` for any other URL, whatever its path. `/api/v1…` became `/v1…`, with or without more after it: the
/// path loses its `/api`, so the modern URL is not reported again.
pub(super) fn modern_api_url(value: &str) -> Option<String> {
    let trimmed = value.trim();
    let url = UrlParts::split(trimmed)?;
    let host = url.host_str().trim_end_matches('.');
    let cloud = host.eq_ignore_ascii_case("cloud.axiom.co");
    if !cloud && !host.eq_ignore_ascii_case("api.axiom.co") {
        return None;
    }
    let legacy_path = classify_path(url.path_str()) == PathKind::LegacyCloudApi;
    if !legacy_path && !cloud {
        return None;
    }
    // The path comes after the host: it is edited first.
    let mut modern = trimmed.to_owned();
    if legacy_path {
        modern.replace_range(url.path.start..url.path.start + "/api".len(), "");
    }
    modern.replace_range(url.host.clone(), "api.axiom.co");
    Some(modern)
}

/// The URL with port 443, in place of the port it names or after its host.
pub(super) fn on_port_443(value: &str) -> String {
    let Some(url) = UrlParts::split(value) else {
        return value.to_owned();
    };
    let mut fixed = value.to_owned();
    match url.port {
        Some(port) => fixed.replace_range(port, "443"),
        None => fixed.insert_str(url.host.end, ":443"),
    }
    fixed
}

/// An `http://` URL moved to `https://`. An explicit `:80` was HTTP's port and would send TLS
/// to a plain-HTTP port; it is dropped so HTTPS uses its own.
pub(super) fn https_url(http_url: &str) -> String {
    let rest = &http_url["http".len()..];
    let after_slashes = rest.find("//").map_or(0, |at| at + 2);
    let authority_end = rest[after_slashes..]
        .find(['/', '?', '#'])
        .map_or(rest.len(), |at| after_slashes + at);
    let authority = &rest[..authority_end];
    let authority = authority.strip_suffix(":80").unwrap_or(authority);
    format!("https{authority}{}", &rest[authority_end..])
}

#[cfg(test)]
mod https_tests {
    use super::https_url;

    #[test]
    fn https_drops_the_explicit_http_port() {
        assert_eq!(
            https_url("http://eu-central-1.aws.edge.axiom.co:80/v1/ingest/logs"),
            "https://eu-central-1.aws.edge.axiom.co/v1/ingest/logs"
        );
        assert_eq!(https_url("http://api.axiom.co:80"), "https://api.axiom.co");
        assert_eq!(
            https_url("HTTP://api.axiom.co:8080/x"),
            "https://api.axiom.co:8080/x"
        );
        assert_eq!(
            https_url("http://api.axiom.co/a:80"),
            "https://api.axiom.co/a:80"
        );
    }
}
