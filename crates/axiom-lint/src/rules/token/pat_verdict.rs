//! The one verdict on how a personal access token is used (DESIGN.md, "Precision"): the most
//! specific of AXL204 (the consumer accepts only API tokens), AXL202 (sent to an edge), AXL211
//! (shipped to browsers), AXL203 (no org ID), else AXL205 (least privilege). Advice to add an
//! org ID is wrong where the PAT must not be there at all, and every rule above AXL205 already
//! says "use an API token". AXL201 (secrecy) is independent of this verdict.

use axiom_lint_core::{
    EdgeCatalog, HostKind, TokenClass, UrlParts, check_subdomain, classify_host, is_aws_region,
};

use crate::registry::Rule;
use crate::site::{Dialect, HostField, HostRole, Site};

use super::TokenUse;

/// The one rule that reports this token, if it is a personal access token.
pub(super) fn verdict(token: &TokenUse<'_>, edges: &EdgeCatalog) -> Option<Rule> {
    // A placeholder never gets a finding, whatever its variable's name declares.
    if !token.is_personal() || matches!(token.class, TokenClass::Placeholder | TokenClass::Empty) {
        return None;
    }
    if token.token.api_token_only || targets_hec(token.site, edges) {
        return Some(Rule::PersonalTokenWhereApiTokenRequired);
    }
    if edge_field(token.site, edges).is_some() {
        return Some(Rule::PersonalTokenOnEdge);
    }
    if token.token.public {
        return Some(Rule::PublicEnvToken);
    }
    if !has_org_id(token.site) {
        return Some(Rule::PersonalTokenWithoutOrgId);
    }
    // Where a PAT is the documented credential, least privilege has nothing to add.
    if matches!(token.site.dialect, Dialect::AxiomCli | Dialect::HostedMcp) {
        return None;
    }
    Some(Rule::PersonalToken)
}

/// Whether the site names an org ID: a non-empty value (a placeholder still says where the
/// ID goes), or one given another way (the hosted MCP server's `?org-id=`).
fn has_org_id(site: &Site<'_>) -> bool {
    site.org_id_in_url
        || site
            .org_id
            .as_ref()
            .and_then(|field| field.text())
            .is_some_and(|value| !value.trim().is_empty())
}

/// The first host field that sends this site's traffic to an edge, if any.
pub(crate) fn edge_field<'a>(site: &'a Site<'a>, edges: &EdgeCatalog) -> Option<&'a HostField<'a>> {
    site.hosts.iter().find(|host| {
        let Some(value) = host.field.text().map(str::trim).filter(|v| !v.is_empty()) else {
            return false;
        };
        match host.role {
            HostRole::Subdomain => check_subdomain(value, edges).target.is_edge(),
            // A region field is only ever set to reach an edge, even when mistyped.
            HostRole::EdgeDomain | HostRole::EdgeDeployment => {
                is_aws_region(value) || !matches!(host_kind(value, edges), Some(HostKind::Api))
            }
            _ => host_kind(value, edges).is_some_and(|kind| kind.is_edge()),
        }
    })
}

/// Whether the site sends to Splunk HEC on an edge, which accepts only API tokens.
fn targets_hec(site: &Site<'_>, edges: &EdgeCatalog) -> bool {
    site.hosts.iter().any(|host| {
        host.field
            .text()
            .and_then(|value| host_kind(value, edges))
            .is_some_and(|kind| matches!(kind, HostKind::Hec(_)))
    })
}

fn host_kind<'c>(value: &str, edges: &'c EdgeCatalog) -> Option<HostKind<'c>> {
    UrlParts::split(value.trim()).map(|url| classify_host(url.host_str(), edges))
}
