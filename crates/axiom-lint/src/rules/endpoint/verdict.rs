//! The one verdict each host value gets: which rule (if any) reports it, with the host it
//! names and the value that would fix it, so that each value reports only its most specific
//! problem.

use std::rc::Rc;

use axiom_lint_core::{
    EdgeCatalog, HostKind, Purpose, UrlParts, check_subdomain, classify_host, is_aws_region,
    is_placeholder, is_placeholder_for,
};

use super::beats_url;
use super::urls::{
    PathKind, classify_path, edge_path, https_url, legacy_ingest_on_its_edge, modern_api_url,
    on_port_443,
};
use crate::registry::Rule;
use crate::site::{HostField, HostRole, Site};

/// How a URL's path and host disagree (AXL108).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mismatch {
    /// An edge-only path (ingest, query) on `api.axiom.co`; the right edge is not known.
    EdgePathOnApi,
    /// An API-host path (`/v1/datasets…`, `/v2/…`) on an edge: only `api.axiom.co` serves it.
    ApiPathOnEdge,
    /// The legacy `/v1/datasets/<ds>/ingest|elastic` (or `_apl`) on an edge, whose own path for
    /// it is known.
    LegacyPathOnEdge,
}

/// What a host verdict depends on.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) struct VerdictQuestion<'a> {
    pub(super) role: HostRole,
    pub(super) key: &'a str,
    pub(super) value: &'a str,
    pub(super) ingest_or_query: bool,
    pub(super) manage: bool,
}

/// Every verdict on one value: the most specific problem of each independent kind (how
/// the value is written, and which host it names), usually none.
pub(super) type Verdicts = Vec<Verdict>;

/// The verdicts on a host value, none for a placeholder: the most specific one, and beside
/// it a problem of another kind that fixing the first would leave (a `region` written as a
/// URL that also names an unknown edge: AXL103 and AXL101).
pub(super) fn decide(
    site: &Site<'_>,
    host: &HostField<'_>,
    value: &str,
    edges: &EdgeCatalog,
) -> Verdicts {
    if is_placeholder_host(host, value, edges) {
        return Vec::new();
    }
    let first = match host.role {
        HostRole::Subdomain => subdomain_verdict(site, value, edges),
        HostRole::EdgeDomain => edge_domain_verdict(value, edges),
        HostRole::Domain => domain_verdict(value, edges),
        HostRole::EdgeDeployment => deployment_verdict(value, edges),
        role => url_verdict(role, value, edges),
    };
    let Some(first) = first else {
        return Vec::new();
    };
    let second = match (host.role, first.rule) {
        // The field's form is wrong; the host it names may be wrong too.
        (HostRole::EdgeDomain | HostRole::Domain, Rule::EdgeFieldNotDomain) => {
            named_host_verdict(value, edges)
        }
        (HostRole::Subdomain, Rule::SubdomainNotBare) => {
            let bare = first.host_name.to_string();
            // The field holds a subdomain: so does the suggestion.
            named_host_verdict(&format!("{bare}.axiom.co"), edges).map(|mut found| {
                found.replacement = found
                    .replacement
                    .map(|domain| Rc::from(domain.strip_suffix(".axiom.co").unwrap_or(&domain)));
                found
            })
        }
        // The host or the path is wrong; plain HTTP would still send the token in the clear.
        (role, rule) if role.is_url() && rule != Rule::InsecureScheme => {
            insecure_verdict(value, edges)
        }
        _ => None,
    };
    let mut verdicts = vec![first];
    verdicts.extend(second.filter(|second| second.rule != verdicts[0].rule));
    for verdict in &mut verdicts {
        if verdict.rule == Rule::LegacyCloudDomain {
            verdict.replacement =
                legacy_cloud_fix(site, host.role, value, verdict.replacement.take());
        }
    }
    if host.role == HostRole::FluentBitUrl {
        // The URL is put together from several settings: no one value can be rewritten to
        // another.
        for verdict in &mut verdicts {
            verdict.replacement = None;
        }
    }
    if host.role == HostRole::BeatsHost {
        // Beats take only a whole URL (`https://`, `:443`, `/elastic`): a fix that corrects
        // the host or path writes it out, so it and AXL501 give one URL. A fix is never
        // given a stand-in dataset to write.
        for verdict in &mut verdicts {
            if let Some(whole) = verdict
                .replacement
                .as_deref()
                .and_then(beats_url)
                .filter(|whole| !whole.contains("<dataset>"))
            {
                verdict.replacement = Some(whole.into());
            }
        }
    }
    verdicts
}

/// What replaces `cloud.axiom.co` in a field of this role, so that following AXL111 lints
/// clean: the API host in the field's own form where the field may name it (`api` for a
/// subdomain, `api.axiom.co` for a bare domain, the modern URL for a URL), nothing where the
/// field wants an edge, whose region the legacy host does not tell (the rule's help then says
/// what the field takes).
fn legacy_cloud_fix(
    site: &Site<'_>,
    role: HostRole,
    value: &str,
    modern_url: Option<Rc<str>>,
) -> Option<Rc<str>> {
    match role {
        HostRole::Subdomain => {
            let ingest_or_query =
                site.has_purpose(Purpose::Ingest) || site.has_purpose(Purpose::Query);
            (!ingest_or_query).then(|| Rc::from("api"))
        }
        HostRole::Domain => Some(Rc::from("api.axiom.co")),
        HostRole::EdgeDomain
        | HostRole::EdgeDeployment
        | HostRole::EdgeUrl
        | HostRole::OtelEndpoint
        | HostRole::BeatsBase
        | HostRole::FluentBitUrl => None,
        // Without a path Vector appends the legacy ingest path to the API host (AXL107).
        HostRole::VectorUrl => {
            modern_url.filter(|_| UrlParts::split(value.trim()).is_some_and(|url| url.has_path()))
        }
        HostRole::ApiUrl { .. } | HostRole::AnyUrl | HostRole::FullUrl | HostRole::BeatsHost => {
            modern_url
        }
    }
}

/// The verdict on a host of the wrong kind, with the nearest known edge for an unknown one.
fn wrong_host_verdict(kind: &HostKind<'_>, host: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let rule = wrong_host_rule(kind)?;
    let suggestion = (*kind == HostKind::UnknownEdge)
        .then(|| edges.nearest(host))
        .flatten()
        .map(|edge| edge.domain().to_owned());
    verdict(rule, host, suggestion)
}

/// AXL101/AXL109/AXL110/AXL111/AXL112 for the host a value names, whatever its form.
fn named_host_verdict(value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let trimmed = value.trim();
    let host = UrlParts::split(trimmed)?.host_str().to_ascii_lowercase();
    let kind = classify_host(&host, edges);
    wrong_host_verdict(&kind, &host, edges)
}

/// AXL105 for an `http://` URL to the API host or an edge.
fn insecure_verdict(value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let trimmed = value.trim();
    let url = UrlParts::split(trimmed)?;
    let http = url
        .scheme_str()
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http"));
    let host = url.host_str().to_ascii_lowercase();
    let kind = classify_host(&host, edges);
    let api = matches!(
        kind,
        HostKind::Api | HostKind::LegacyCloud | HostKind::LegacyEu
    );
    (http && (api || kind.is_edge()))
        .then(|| verdict(Rule::InsecureScheme, &host, Some(https_url(trimmed))))
        .flatten()
}

/// A stand-in where a host belongs: the whole value of a bare field (`AXIOM_DOMAIN`,
/// `<your-edge>`), or any label of a URL's host (`https://{region}.aws.edge.axiom.co`).
fn is_placeholder_host(host: &HostField<'_>, value: &str, edges: &EdgeCatalog) -> bool {
    let url = UrlParts::split(value.trim());
    // Most hosts are ones Axiom documents, and those are never stand-ins: the common case
    // needs no look at the words.
    let written_host = url.as_ref().map_or(value.trim(), UrlParts::host_str);
    if is_documented_host(written_host, edges) {
        return false;
    }
    if is_placeholder_for(host.field.key, value) {
        return !host.role.is_url() || url.is_none();
    }
    url.is_some_and(|url| {
        url.host_str()
            .split('.')
            .any(|label| is_placeholder(label) || label.contains(['{', '}', '<', '>', '$']))
    })
}

/// An edge of the catalogue or one of the fixed Axiom hosts, as written (any case).
fn is_documented_host(host: &str, edges: &EdgeCatalog) -> bool {
    ["api.axiom.co", "app.axiom.co", "axiom.co"]
        .iter()
        .any(|fixed| host.eq_ignore_ascii_case(fixed))
        || edges.by_domain(host).is_some()
}

#[derive(Clone)]
pub(super) struct Verdict {
    pub(super) rule: Rule,
    // Shared: every site that asks the same question gets the same answer.
    pub(super) host_name: Rc<str>,
    pub(super) replacement: Option<Rc<str>>,
    pub(super) mismatch: Option<Mismatch>,
}

fn verdict(rule: Rule, host_name: &str, replacement: Option<String>) -> Option<Verdict> {
    Some(Verdict {
        rule,
        host_name: host_name.into(),
        replacement: replacement.map(Rc::from),
        mismatch: None,
    })
}

/// AXL108 on a URL, with how path and host disagree.
fn mismatch_verdict(
    host_name: &str,
    mismatch: Mismatch,
    replacement: Option<String>,
) -> Option<Verdict> {
    Some(Verdict {
        mismatch: Some(mismatch),
        ..verdict(Rule::EndpointHostMismatch, host_name, replacement)?
    })
}

/// The rule for a host that is the wrong kind of Axiom host, whatever the field.
fn wrong_host_rule(kind: &HostKind<'_>) -> Option<Rule> {
    match kind {
        HostKind::UnknownEdge => Some(Rule::UnknownEdge),
        HostKind::Console | HostKind::Login | HostKind::Apex => Some(Rule::ConsoleDomainAsApi),
        HostKind::LegacyEu => Some(Rule::LegacyEuDomain),
        HostKind::LegacyCloud => Some(Rule::LegacyCloudDomain),
        HostKind::OtherAxiom => Some(Rule::UnknownAxiomHost),
        _ => None,
    }
}

fn subdomain_verdict(site: &Site<'_>, value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let report = check_subdomain(value, edges);
    if !report.problems.is_empty() {
        return verdict(
            Rule::SubdomainNotBare,
            &report.bare,
            Some(report.bare.clone()),
        );
    }
    if let Some(rule) = wrong_host_rule(&report.target) {
        return verdict(rule, &report.bare, report.suggestion);
    }
    let ingest_or_query = site.has_purpose(Purpose::Ingest) || site.has_purpose(Purpose::Query);
    if report.target == HostKind::Api && ingest_or_query {
        return verdict(Rule::IngestOnApiDomain, &report.bare, None);
    }
    if report.target.is_edge() && site.has_purpose(Purpose::Manage) {
        return verdict(
            Rule::EndpointHostMismatch,
            &report.bare,
            Some("api".to_owned()),
        );
    }
    None
}

fn edge_domain_verdict(value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let trimmed = value.trim();
    // The common case, a known edge written as it should be, needs no further look.
    if trimmed == value && edges.by_domain(trimmed).is_some() {
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    let not_domain = |replacement: Option<&str>| {
        verdict(
            Rule::EdgeFieldNotDomain,
            &lower,
            replacement.map(str::to_owned),
        )
    };
    if let Some(url) = UrlParts::split(trimmed).filter(|url| url.scheme.is_some() || url.has_path())
    {
        let host = url.host_str().to_ascii_lowercase();
        let edge = edges.by_domain(&host).map(axiom_lint_core::Edge::domain);
        return not_domain(edge);
    }
    if is_aws_region(&lower) {
        let edge = edges
            .edges()
            .iter()
            .find(|edge| edge.domain().starts_with(&format!("{lower}.")));
        return not_domain(edge.map(axiom_lint_core::Edge::domain));
    }
    if let Some(edge) = edges.by_deployment_id(&lower) {
        return not_domain(Some(edge.domain()));
    }
    if let Some(edge) = edges.by_domain(&format!("{lower}.axiom.co")) {
        return not_domain(Some(edge.domain()));
    }
    // `cloud.<region>.<provider>` is a deployment ID; `cloud.axiom.co` is the pre-2023 host,
    // which AXL111 reports below.
    if looks_like_deployment_id(&lower) {
        return not_domain(None);
    }
    let host = UrlParts::split(&lower).map_or(lower.clone(), |url| url.host_str().to_owned());
    let kind = classify_host(&host, edges);
    if kind == HostKind::Api {
        return verdict(Rule::EndpointHostMismatch, &host, None);
    }
    wrong_host_verdict(&kind, &host, edges)
}

/// Whether a bare value has a deployment ID's shape (`cloud.eu-central-1.aws`): `cloud.` and
/// no more than a host, not under `axiom.co` (`cloud.axiom.co` is the pre-2023 host).
pub(super) fn looks_like_deployment_id(lower: &str) -> bool {
    let host = lower.trim_end_matches('.');
    lower.starts_with("cloud.")
        && !lower.contains(['/', ':'])
        && host != "cloud.axiom.co"
        && !host.ends_with(".axiom.co")
}

/// A bare host that may be the API host or an edge (`AXIOM_DOMAIN`). Written as a URL it is
/// AXL103, fixed to the bare host when that is the API host or a known edge; a wrong Axiom
/// host is reported as anywhere; otherwise it is read as an edge field would be (an AWS
/// region, a deployment ID, an edge without `.axiom.co`), except that `api.axiom.co` is right.
fn domain_verdict(value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let trimmed = value.trim();
    let lower = trimmed.to_ascii_lowercase();
    if let Some(url) = UrlParts::split(trimmed).filter(|url| url.scheme.is_some() || url.has_path())
    {
        let host = url.host_str().to_ascii_lowercase();
        let kind = classify_host(&host, edges);
        let bare = matches!(kind, HostKind::Api | HostKind::Edge(_)).then_some(host);
        return verdict(Rule::EdgeFieldNotDomain, &lower, bare);
    }
    // A port is no path: `https://` prepended to `api.axiom.co:443` still reaches the API.
    let host = UrlParts::split(&lower).map_or(lower.clone(), |url| url.host_str().to_owned());
    let kind = classify_host(&host, edges);
    if kind.is_axiom() {
        return wrong_host_verdict(&kind, &host, edges);
    }
    edge_domain_verdict(value, edges)
}

fn deployment_verdict(value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let lower = value.trim().to_ascii_lowercase();
    if edges.by_deployment_id(&lower).is_some() {
        return None;
    }
    // `cloud.axiom.co` is the pre-2023 host, not the deployment ID of an edge called `axiom.co`.
    if !looks_like_deployment_id(&lower) {
        return named_host_verdict(&lower, edges)
            .filter(|found| found.rule == Rule::LegacyCloudDomain);
    }
    let location = lower.strip_prefix("cloud.")?;
    let nearest = edges.nearest(&format!("{location}.edge.axiom.co"));
    verdict(
        Rule::UnknownEdge,
        &lower,
        nearest.map(|edge| edge.deployment_id().to_owned()),
    )
}

fn url_verdict(role: HostRole, value: &str, edges: &EdgeCatalog) -> Option<Verdict> {
    let trimmed = value.trim();
    let url = UrlParts::split(trimmed)?;
    let host = url.host_str().to_ascii_lowercase();
    let kind = classify_host(&host, edges);
    if !kind.is_axiom() {
        return None;
    }
    let any = role == HostRole::AnyUrl;
    let path = classify_path(url.path_str());
    let scheme = url.scheme_str().map(str::to_ascii_lowercase);
    let with_host = |new_host: &str| {
        let mut replaced = trimmed.to_owned();
        replaced.replace_range(url.host.clone(), new_host);
        replaced
    };
    match &kind {
        HostKind::UnknownEdge => {
            // A HEC host keeps its `hec.` label: only the edge part was mistyped.
            let hec = if host.starts_with("hec.") { "hec." } else { "" };
            let suggestion = edges
                .nearest(&host)
                .map(|edge| with_host(&format!("{hec}{}", edge.domain())));
            return verdict(Rule::UnknownEdge, &host, suggestion);
        }
        HostKind::Console | HostKind::Login | HostKind::Apex if !any => {
            return verdict(Rule::ConsoleDomainAsApi, &host, None);
        }
        _ => {}
    }
    let api_base =
        matches!(role, HostRole::ApiUrl { .. }) || (role == HostRole::VectorUrl && !url.has_path());
    if kind.is_edge() && api_base {
        return verdict(Rule::EdgeDomainAsApiUrl, &host, None);
    }
    if kind == HostKind::Api && (path == PathKind::EdgeOnly || role == HostRole::EdgeUrl) {
        return mismatch_verdict(&host, Mismatch::EdgePathOnApi, None);
    }
    if kind.is_edge() && path == PathKind::ApiOnly {
        // Only the API host serves these paths: the fix is certain.
        let hec = host.starts_with("hec.");
        let fixed = (!hec).then(|| with_host("api.axiom.co"));
        return mismatch_verdict(&host, Mismatch::ApiPathOnEdge, fixed);
    }
    if kind.is_edge() && path == PathKind::LegacyIngestOrQuery {
        let fixed = edge_path(url.path_str()).map(|path| {
            let mut fixed = trimmed.to_owned();
            fixed.replace_range(url.path.clone(), &path);
            fixed
        });
        return mismatch_verdict(&host, Mismatch::LegacyPathOnEdge, fixed);
    }
    if kind == HostKind::LegacyEu {
        return verdict(Rule::LegacyEuDomain, &host, None);
    }
    // `https://cloud.axiom.co` alone, in a value of unknown role, may as well be a link to
    // the old console as the API: AXIOM.md ("Domains") splits it into `api.axiom.co` and
    // `app.axiom.co`, and no one rewrite is right for both.
    if kind == HostKind::LegacyCloud && any && !url.has_path() {
        return verdict(Rule::LegacyCloudDomain, &host, None);
    }
    // `/api/v1/…` is legacy only where `cloud.axiom.co` served it, or on the host that replaced
    // it (a half-moved URL); other Axiom services (`modeldb.axiom.co/api/v1/models`) have
    // `/api/v1` paths of their own, and their host is never moved.
    let legacy_api_path = path == PathKind::LegacyCloudApi && kind == HostKind::Api;
    let modern = (kind == HostKind::LegacyCloud || legacy_api_path)
        .then(|| modern_api_url(trimmed))
        .flatten();
    if let Some(mut modern) = modern {
        // A legacy ingest URL would only trade this finding for AXL107: where a whole URL is
        // used as written (Vector's `url` too, once it has a path), it goes where AXL107 and
        // AXL501 send it, the ingest path of the one edge that route reached.
        let whole_url = matches!(
            role,
            HostRole::AnyUrl | HostRole::FullUrl | HostRole::BeatsHost | HostRole::VectorUrl
        );
        if let Some(edge) = legacy_ingest_on_its_edge(&modern).filter(|_| whole_url) {
            modern = edge;
        }
        return verdict(Rule::LegacyCloudDomain, &host, Some(modern));
    }
    if kind == HostKind::OtherAxiom && !any {
        return verdict(Rule::UnknownAxiomHost, &host, None);
    }
    let api_or_edge = kind == HostKind::Api || kind.is_edge();
    // A Beats `hosts` URL or its base: Beats connect to port 9200 unless it names one.
    let beats = matches!(role, HostRole::BeatsBase | HostRole::BeatsHost) && api_or_edge;
    let beats_base = beats && role == HostRole::BeatsBase;
    if scheme.as_deref() == Some("http") && (api_or_edge || !any) {
        let https = https_url(trimmed);
        let fixed = if beats { on_port_443(&https) } else { https };
        return verdict(Rule::InsecureScheme, &host, Some(fixed));
    }
    let legacy_ingest = matches!(path, PathKind::LegacyIngestOrQuery | PathKind::Otlp)
        || (role == HostRole::VectorUrl && !url.has_path())
        || role == HostRole::OtelEndpoint;
    if kind == HostKind::Api && legacy_ingest {
        return verdict(Rule::IngestOnApiDomain, &host, None);
    }
    if scheme.is_none() && role.needs_scheme() {
        // Beats sends to port 9200 unless the URL names one.
        let port = if role == HostRole::BeatsBase && url.port.is_none() {
            ":443"
        } else {
            ""
        };
        let fixed = match url.path.start {
            start if start < trimmed.len() => {
                format!("https://{}{port}{}", &trimmed[..start], &trimmed[start..])
            }
            _ => format!("https://{trimmed}{port}"),
        };
        return verdict(Rule::UrlMissingScheme, &host, Some(fixed));
    }
    if beats_base && url.port_str() != Some("443") {
        return verdict(Rule::BeatsAxiomOutput, &host, Some(on_port_443(trimmed)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_segment() {
        assert_eq!(classify_path("/v1/ingest/logs"), PathKind::EdgeOnly);
        assert_eq!(classify_path("/v1/query/_apl"), PathKind::EdgeOnly);
        assert_eq!(classify_path("/v1/traces"), PathKind::Otlp);
        assert_eq!(
            classify_path("/v1/datasets/logs/ingest"),
            PathKind::LegacyIngestOrQuery
        );
        assert_eq!(
            classify_path("/v1/datasets/_apl"),
            PathKind::LegacyIngestOrQuery
        );
        assert_eq!(classify_path("/v1/datasets"), PathKind::ApiOnly);
        assert_eq!(classify_path("/v2/monitors"), PathKind::ApiOnly);
        assert_eq!(classify_path("/api/v1/datasets"), PathKind::LegacyCloudApi);
        assert_eq!(classify_path("/"), PathKind::None);
        assert_eq!(classify_path(""), PathKind::None);
    }

    /// Paths on hosts (AXIOM.md): each mismatch is AXL108 with the way round it goes, the
    /// fix is given only where the right URL is certain, and the fixed URL is clean.
    #[test]
    fn paths_that_cannot_work_on_their_host_are_fixed_where_certain() {
        let edges = EdgeCatalog::default();
        let any = HostRole::AnyUrl;
        for (url, mismatch, fixed) in [
            (
                "https://api.axiom.co/v1/ingest/logs",
                Mismatch::EdgePathOnApi,
                None,
            ),
            (
                "https://api.axiom.co/v1/query/_apl?format=tabular",
                Mismatch::EdgePathOnApi,
                None,
            ),
            (
                "https://eu-central-1.aws.edge.axiom.co/v2/monitors",
                Mismatch::ApiPathOnEdge,
                Some("https://api.axiom.co/v2/monitors"),
            ),
            (
                "https://us-east-1.aws.edge.axiom.co:443/v1/datasets",
                Mismatch::ApiPathOnEdge,
                Some("https://api.axiom.co:443/v1/datasets"),
            ),
            (
                "https://eu-central-1.aws.edge.axiom.co/v1/datasets/logs/ingest",
                Mismatch::LegacyPathOnEdge,
                Some("https://eu-central-1.aws.edge.axiom.co/v1/ingest/logs"),
            ),
            (
                "https://eu-central-1.aws.edge.axiom.co:443/v1/datasets/Logs/elastic/_bulk",
                Mismatch::LegacyPathOnEdge,
                Some("https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/Logs/elastic/_bulk"),
            ),
            (
                "https://us-east-1.aws.edge.axiom.co/v1/datasets/_apl",
                Mismatch::LegacyPathOnEdge,
                Some("https://us-east-1.aws.edge.axiom.co/v1/query/_apl"),
            ),
            (
                "https://us-east-1.aws.edge.axiom.co/v1/datasets/logs/query",
                Mismatch::LegacyPathOnEdge,
                None,
            ),
        ] {
            let found = url_verdict(any, url, &edges).expect("reported");
            assert_eq!(found.rule, Rule::EndpointHostMismatch, "{url}");
            assert_eq!(found.mismatch, Some(mismatch), "{url}");
            assert_eq!(found.replacement.as_deref(), fixed, "{url}");
            if let Some(fixed) = fixed {
                assert!(
                    url_verdict(any, fixed, &edges).is_none(),
                    "{fixed} is reported"
                );
            }
        }
        // OTLP on the API host is the old form: a warning of its own, not a mismatch.
        let otlp = url_verdict(any, "https://api.axiom.co/v1/traces", &edges).expect("warned");
        assert_eq!(otlp.rule, Rule::IngestOnApiDomain);
        for fine in [
            "https://eu-central-1.aws.edge.axiom.co/v1/traces",
            "https://api.axiom.co/v1/datasets/logs",
            "https://api.axiom.co/v2/monitors",
            "https://eu-central-1.aws.edge.axiom.co/v1/ingest/logs/elastic",
        ] {
            assert!(url_verdict(any, fine, &edges).is_none(), "{fine}");
        }
    }

    /// A whole pre-2023 ingest URL is fixed to where its datasets are (the US East 1 edge),
    /// which is clean; an API base URL keeps the API host.
    #[test]
    fn legacy_cloud_ingest_urls_go_to_the_edge_they_reached() {
        let edges = EdgeCatalog::default();
        for role in [HostRole::FullUrl, HostRole::AnyUrl, HostRole::BeatsHost] {
            for (legacy, modern) in [
                (
                    "https://cloud.axiom.co/v1/datasets/web/ingest",
                    "https://us-east-1.aws.edge.axiom.co/v1/ingest/web",
                ),
                (
                    "https://cloud.axiom.co:443/api/v1/datasets/web/elastic",
                    "https://us-east-1.aws.edge.axiom.co:443/v1/ingest/web/elastic",
                ),
                (
                    "https://cloud.axiom.co/api/v1/datasets",
                    "https://api.axiom.co/v1/datasets",
                ),
            ] {
                let found = url_verdict(role, legacy, &edges).expect("reported");
                assert_eq!(
                    found.replacement.as_deref(),
                    Some(modern),
                    "{role:?} {legacy}"
                );
                assert!(
                    url_verdict(role, modern, &edges).is_none(),
                    "{role:?} {modern}"
                );
            }
        }
        let api = HostRole::ApiUrl {
            scheme_optional: false,
        };
        let found = url_verdict(api, "https://cloud.axiom.co/v1/datasets/web/ingest", &edges);
        assert_eq!(
            found.and_then(|found| found.replacement).as_deref(),
            Some("https://api.axiom.co/v1/datasets/web/ingest")
        );
    }

    /// A bare `https://cloud.axiom.co` of unknown role may be the console: reported with
    /// no fix. Where the field is an API URL, the fix to `api.axiom.co` stays.
    #[test]
    fn a_bare_cloud_url_of_unknown_role_gets_no_fix() {
        let edges = EdgeCatalog::default();
        for bare in ["https://cloud.axiom.co", "https://cloud.axiom.co/"] {
            let found = url_verdict(HostRole::AnyUrl, bare, &edges).expect("reported");
            assert_eq!(found.rule, Rule::LegacyCloudDomain);
            assert_eq!(found.replacement, None);
            let api = HostRole::ApiUrl {
                scheme_optional: false,
            };
            let found = url_verdict(api, bare, &edges).expect("reported");
            assert!(found.replacement.is_some(), "{bare}");
        }
    }

    /// The base of a Beats `hosts` URL needs `:443` however it is written: without a
    /// scheme (AXL104), over plain HTTP (AXL105), or with `https://` and no or another port
    /// (AXL501); each fix is clean.
    #[test]
    fn a_beats_base_gets_port_443() {
        let edges = EdgeCatalog::default();
        let role = HostRole::BeatsBase;
        for (value, rule, fixed) in [
            (
                "eu-central-1.aws.edge.axiom.co",
                Rule::UrlMissingScheme,
                "https://eu-central-1.aws.edge.axiom.co:443",
            ),
            (
                "http://eu-central-1.aws.edge.axiom.co",
                Rule::InsecureScheme,
                "https://eu-central-1.aws.edge.axiom.co:443",
            ),
            (
                "https://eu-central-1.aws.edge.axiom.co",
                Rule::BeatsAxiomOutput,
                "https://eu-central-1.aws.edge.axiom.co:443",
            ),
            (
                "https://api.axiom.co:9200",
                Rule::BeatsAxiomOutput,
                "https://api.axiom.co:443",
            ),
        ] {
            let found = url_verdict(role, value, &edges).expect("reported");
            assert_eq!(found.rule, rule, "{value}");
            assert_eq!(found.replacement.as_deref(), Some(fixed), "{value}");
            assert!(url_verdict(role, fixed, &edges).is_none(), "{fixed}");
        }
        // A whole Beats URL over HTTP gets the port in the same fix; its other parts are
        // AXL501's.
        let found = url_verdict(
            HostRole::BeatsHost,
            "http://eu-central-1.aws.edge.axiom.co/v1/ingest/logs/elastic",
            &edges,
        )
        .expect("reported");
        assert_eq!(found.rule, Rule::InsecureScheme);
        assert_eq!(
            found.replacement.as_deref(),
            Some("https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/logs/elastic")
        );
        // Elsewhere a URL with no port is fine.
        let full = HostRole::FullUrl;
        assert!(url_verdict(full, "https://eu-central-1.aws.edge.axiom.co", &edges).is_none());
    }

    /// `api.axiom.co`'s legacy ingest reached US East 1 only: its URL moves to that edge's own
    /// ingest path, keeping scheme, port, dataset and query; nothing else moves.
    #[test]
    fn legacy_ingest_moves_to_the_edge_it_reached() {
        for (legacy, moved) in [
            (
                "https://api.axiom.co/v1/datasets/Logs/ingest?x=1",
                Some("https://us-east-1.aws.edge.axiom.co/v1/ingest/Logs?x=1"),
            ),
            (
                " https://API.axiom.co:443/v1/datasets/app/elastic/_bulk ",
                Some("https://us-east-1.aws.edge.axiom.co:443/v1/ingest/app/elastic/_bulk"),
            ),
            ("https://api.axiom.co/v1/datasets/_apl", None),
            ("https://api.axiom.co/v1/datasets/logs", None),
            (
                "https://eu-central-1.aws.edge.axiom.co/v1/datasets/logs/ingest",
                None,
            ),
        ] {
            assert_eq!(
                legacy_ingest_on_its_edge(legacy).as_deref(),
                moved,
                "{legacy}"
            );
        }
    }

    /// `cloud.axiom.co` in a bare edge field is the pre-2023 host (AXL111), not a deployment
    /// ID; `cloud.<region>.<provider>` is one (AXL103, completed to its edge where known).
    #[test]
    fn the_legacy_host_is_no_deployment_id() {
        let edges = EdgeCatalog::default();
        for legacy in ["cloud.axiom.co", "CLOUD.axiom.co.", "cloud.axiom.co:443"] {
            let found = edge_domain_verdict(legacy, &edges).expect("reported");
            assert_eq!(found.rule, Rule::LegacyCloudDomain, "{legacy}");
            assert!(!looks_like_deployment_id(&legacy.to_ascii_lowercase()));
        }
        for (id, edge) in [
            (
                "cloud.eu-central-1.aws",
                Some("eu-central-1.aws.edge.axiom.co"),
            ),
            ("cloud.eu-west-1.aws", None),
        ] {
            let found = edge_domain_verdict(id, &edges).expect("reported");
            assert_eq!(found.rule, Rule::EdgeFieldNotDomain, "{id}");
            assert_eq!(found.replacement.as_deref(), edge, "{id}");
            assert!(looks_like_deployment_id(id), "{id}");
        }
        assert!(!looks_like_deployment_id("cloud.axiom.co/api/v1"));
        // Where a deployment ID belongs too.
        let found = deployment_verdict("cloud.axiom.co", &edges).expect("reported");
        assert_eq!(found.rule, Rule::LegacyCloudDomain);
        let found = deployment_verdict("cloud.eu-west-1.aws", &edges).expect("reported");
        assert_eq!(found.rule, Rule::UnknownEdge);
    }

    /// `AXIOM_DOMAIN` is a bare host that may be the API host or an edge: either is right, a
    /// URL is AXL103 fixed to its bare host, and a wrong host is reported as anywhere.
    #[test]
    fn a_bare_domain_may_be_the_api_host_or_an_edge() {
        let edges = EdgeCatalog::default();
        for fine in [
            "api.axiom.co",
            "API.axiom.co",
            "api.axiom.co:443",
            "eu-central-1.aws.edge.axiom.co",
            " us-east-1.aws.edge.axiom.co",
            "localhost",
        ] {
            assert!(domain_verdict(fine, &edges).is_none(), "{fine}");
        }
        for (value, rule, fixed) in [
            (
                "https://api.axiom.co",
                Rule::EdgeFieldNotDomain,
                Some("api.axiom.co"),
            ),
            (
                "https://eu-central-1.aws.edge.axiom.co/",
                Rule::EdgeFieldNotDomain,
                Some("eu-central-1.aws.edge.axiom.co"),
            ),
            ("https://app.axiom.co", Rule::EdgeFieldNotDomain, None),
            ("app.axiom.co", Rule::ConsoleDomainAsApi, None),
            ("cloud.axiom.co", Rule::LegacyCloudDomain, None),
            (
                "eu-west-1.aws.edge.axiom.co",
                Rule::UnknownEdge,
                Some("eu-central-1.aws.edge.axiom.co"),
            ),
            (
                "eu-central-1",
                Rule::EdgeFieldNotDomain,
                Some("eu-central-1.aws.edge.axiom.co"),
            ),
        ] {
            let found = domain_verdict(value, &edges).expect("reported");
            assert_eq!(found.rule, rule, "{value}");
            assert_eq!(found.replacement.as_deref(), fixed, "{value}");
        }
    }

    /// `/api/v1/…` is the pre-2023 API only on `cloud.axiom.co` (and half-moved to
    /// `api.axiom.co`): Axiom's other services serve paths of their own there (the model
    /// database at `modeldb.axiom.co/api/v1/models`, the status page), and no verdict on them
    /// is AXL111 or moves their host.
    #[test]
    fn other_axiom_services_keep_their_api_v1_paths() {
        let edges = EdgeCatalog::default();
        let roles = [
            HostRole::AnyUrl,
            HostRole::FullUrl,
            HostRole::ApiUrl {
                scheme_optional: false,
            },
            HostRole::EdgeUrl,
            HostRole::VectorUrl,
            HostRole::OtelEndpoint,
        ];
        for url in [
            "https://modeldb.axiom.co/api/v1/models?format=csv&project=model_id",
            "https://status.axiom.co/api/v1/incidents",
            "https://www.axiom.co/api/v1/x",
            "https://axiom.co/api/v1/x",
            "https://app.axiom.co/api/v1/datasets/x/ingest",
            "https://mcp.axiom.co/api/v1/x",
            "https://eu-central-1.aws.edge.axiom.co/api/v1/x",
        ] {
            for role in roles {
                let Some(found) = url_verdict(role, url, &edges) else {
                    continue;
                };
                assert_ne!(found.rule, Rule::LegacyCloudDomain, "{role:?} {url}");
                let host = UrlParts::split(url).map(|parts| parts.host_str().to_owned());
                if let Some(fixed) = found.replacement.as_deref() {
                    assert_eq!(
                        UrlParts::split(fixed).map(|parts| parts.host_str().to_owned()),
                        host,
                        "{role:?} {url} moved to {fixed}"
                    );
                }
            }
            // In code or prose, another Axiom service is nobody's credential target.
            assert!(
                url_verdict(HostRole::AnyUrl, url, &edges).is_none(),
                "{url}"
            );
            assert_eq!(modern_api_url(url), None, "{url}");
        }
        // The legacy host itself, and its path half-moved to the API host, still are.
        for url in [
            "https://cloud.axiom.co/api/v1/datasets",
            "https://api.axiom.co/api/v1/datasets",
        ] {
            let found = url_verdict(HostRole::AnyUrl, url, &edges).expect("reported");
            assert_eq!(found.rule, Rule::LegacyCloudDomain, "{url}");
        }
    }

    /// The fix for a pre-2023 URL is the modern URL, which is not reported again: `--fix`
    /// settles in one run, and the fixed value is not called a `cloud.axiom.co` URL.
    #[test]
    fn legacy_cloud_urls_are_fixed_for_good() {
        let edges = EdgeCatalog::default();
        let role = HostRole::ApiUrl {
            scheme_optional: false,
        };
        for (legacy, modern) in [
            ("https://cloud.axiom.co", "https://api.axiom.co"),
            ("https://cloud.axiom.co/api/v1", "https://api.axiom.co/v1"),
            ("https://cloud.axiom.co/api/v1/", "https://api.axiom.co/v1/"),
            (
                "https://cloud.axiom.co/api/v1/datasets?x=1",
                "https://api.axiom.co/v1/datasets?x=1",
            ),
            ("https://api.axiom.co/API/v1", "https://api.axiom.co/v1"),
            (
                " https://CLOUD.axiom.co:443/api/v1 ",
                "https://api.axiom.co:443/v1",
            ),
        ] {
            let found = url_verdict(role, legacy, &edges).expect("reported");
            assert_eq!(found.rule, Rule::LegacyCloudDomain, "{legacy}");
            assert_eq!(found.replacement.as_deref(), Some(modern), "{legacy}");
            assert!(
                url_verdict(role, modern, &edges)
                    .is_none_or(|again| again.rule != Rule::LegacyCloudDomain),
                "{modern} is reported again"
            );
        }
    }
}
