//! AXL2xx: tokens and org IDs. The shared facts about each token use (its class, whether its
//! site targets an edge, which PAT rule owns it) are worked out here once.

pub(crate) mod expired_token;
pub(crate) mod hardcoded_token;
pub(crate) mod insufficient_permissions;
pub(crate) mod malformed_org_id;
pub(crate) mod malformed_token;
pub(crate) mod org_id_with_api_token;
pub(crate) mod personal_token;
pub(crate) mod personal_token_on_edge;
pub(crate) mod personal_token_where_api_token_required;
pub(crate) mod personal_token_without_org_id;
pub(crate) mod public_env_token;
pub(crate) mod token_kind_mismatch;

use axiom_lint_core::{
    EdgeCatalog, HostKind, Redacted, TokenClass, TokenKind, UrlParts, check_subdomain,
    classify_host, classify_token, is_aws_region, kind_named_by,
};

use crate::registry::Rule;
use crate::site::{Dialect, HostField, HostRole, Site, TokenField};

/// One token field with a text value, and what it holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenUse<'a> {
    pub(crate) site: &'a Site<'a>,
    pub(crate) token: &'a TokenField<'a>,
    /// The class of the token itself (after `Bearer ` in an `Authorization` header).
    pub(crate) class: TokenClass,
    /// The token text as written (after `Bearer ` in an `Authorization` header).
    pub(crate) text: &'a str,
    /// The one rule that reports this token if it is a misused personal access token.
    pub(crate) personal_token_rule: Option<Rule>,
}

impl TokenUse<'_> {
    /// The token shown safely: `xaat-…8ec6`.
    pub(crate) fn redacted(&self) -> String {
        Redacted(self.text).to_string()
    }

    /// The token's kind: from its prefix, else from an explicit declaration (`token_kind`,
    /// a variable named `AXIOM_PAT`), so references such as `${AXIOM_TOKEN}` can have one too.
    pub(crate) fn kind(&self) -> Option<TokenKind> {
        self.class.kind().or_else(|| {
            if self.class.is_secret() {
                return None;
            }
            self.declared_kind()
                .or(self.token.named_kind)
                .or_else(|| kind_named_by(self.token.field.key))
                // `${AXIOM_PAT}`: the variable's name says what it holds.
                .or_else(|| {
                    matches!(self.class, TokenClass::EnvReference { .. })
                        .then(|| kind_named_by(self.text))
                        .flatten()
                })
        })
    }

    /// The kind the site's `token_kind` field declares.
    pub(crate) fn declared_kind(&self) -> Option<TokenKind> {
        match self.site.declared_kind.as_ref()?.text()?.trim() {
            "api" => Some(TokenKind::Api),
            "personal" => Some(TokenKind::Personal),
            _ => None,
        }
    }

    /// Whether the token is a personal access token.
    pub(crate) fn is_personal(&self) -> bool {
        self.kind() == Some(TokenKind::Personal)
    }

    /// How to name the token in a message: redacted if it is a literal, by its field otherwise.
    pub(crate) fn describe(&self) -> String {
        if self.class.is_secret() {
            format!("`{}`", self.redacted())
        } else {
            format!("in `{}`", self.token.field.key)
        }
    }
}

/// Every token field holding text, in source order, classified once for all token rules.
pub(crate) fn token_uses<'a>(sites: &'a [Site<'a>], edges: &EdgeCatalog) -> Vec<TokenUse<'a>> {
    sites
        .iter()
        .filter_map(|site| {
            let token = site.token.as_ref()?;
            let raw = token.field.text()?;
            let text = if token.authorization_header {
                strip_bearer(raw)
            } else {
                raw
            };
            let mut token_use = TokenUse {
                site,
                token,
                class: classify_token(text),
                text,
                personal_token_rule: None,
            };
            token_use.personal_token_rule = personal_token_rule(&token_use, edges);
            Some(token_use)
        })
        .collect()
}

/// The token in an `Authorization` header value, where `Bearer ` is the right form.
fn strip_bearer(value: &str) -> &str {
    let trimmed = value.trim();
    match trimmed.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("bearer ") => trimmed[7..].trim_start(),
        _ => trimmed,
    }
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

/// The one rule that reports a personal access token's misuse, most specific first:
/// AXL204, else AXL202, else AXL211, else AXL205 (DESIGN.md, "Precision").
fn personal_token_rule(token: &TokenUse<'_>, edges: &EdgeCatalog) -> Option<Rule> {
    if !token.is_personal() {
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
    // The Axiom CLI's own config is where a PAT is the documented choice.
    if token.site.dialect == Dialect::AxiomCli {
        return None;
    }
    Some(Rule::PersonalToken)
}

/// How to keep a token out of a file, in the dialect's own terms.
pub(crate) fn reference_help(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Vector => {
            "write `token = \"${AXIOM_TOKEN}\"`; Vector reads it from the environment"
        }
        Dialect::AxiomCli => {
            "remove `token` and set `AXIOM_TOKEN` in the environment, or run `axiom auth login`"
        }
        Dialect::Nango => "store the key in Nango's secret storage, not in an exported file",
        Dialect::Terraform => {
            "remove `api_token` and set `AXIOM_API_TOKEN` in the environment, or use a sensitive variable"
        }
        Dialect::OpenTelemetry => {
            "write `Bearer ${env:AXIOM_TOKEN}`; the collector reads it from the environment"
        }
        Dialect::Native => {
            "write `token = \"${AXIOM_TOKEN}\"` and keep the token in the environment"
        }
        Dialect::EnvMap | Dialect::Generic => {
            "reference the token from the environment or a secret store, such as `${AXIOM_TOKEN}`"
        }
    }
}
