//! The URL an Elastic Beats or Logstash output takes, written out from what a host value
//! already says: the host rules' help and the Beats rule (AXL501) give the same one.

use axiom_lint_core::UrlParts;

use super::urls::{LEGACY_INGEST_EDGE, legacy_ingest_on_its_edge, modern_api_url};

/// A Beats or Logstash host written out in full, keeping what it already says: its dataset,
/// and its edge. `api.axiom.co`'s legacy ingest reached only US East 1, so its datasets are on
/// that edge ([`legacy_ingest_on_its_edge`], which the host rules' fixes share).
pub(crate) fn beats_url(value: &str) -> Option<String> {
    // A pre-2023 `cloud.axiom.co` URL is first written as the API host serves it now.
    let modern = modern_api_url(value);
    let value = modern.as_deref().unwrap_or(value);
    let moved = legacy_ingest_on_its_edge(value);
    let url = UrlParts::split(moved.as_deref().unwrap_or(value).trim())?;
    // An edge path written on the API host (a 404 there) is moved the same way.
    let host = url.host_str();
    let host = if host.eq_ignore_ascii_case("api.axiom.co") {
        LEGACY_INGEST_EDGE
    } else {
        host
    };
    let segments: Vec<&str> = url
        .path_str()
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    let path = match segments.as_slice() {
        [] => "/v1/ingest/<dataset>/elastic".to_owned(),
        ["v1", "datasets" | "ingest", dataset]
        | ["v1", "datasets" | "ingest", dataset, "elastic"] => {
            format!("/v1/ingest/{dataset}/elastic")
        }
        _ => url.path_str().to_owned(),
    };
    Some(format!("https://{host}:443{path}"))
}
