//! Environment maps: `env`, `vars`, `environment`, `containerEnv`, `remoteEnv` tables anywhere
//! (Cargo `[env]`, wrangler `[vars]`, `mcpServers.*.env`, devcontainers, compose files), read
//! through the `AXIOM_*` variables the SDKs, CLI and Terraform provider use, and those seen in
//! real repositories (AXIOM.md, "More places credentials live").
//!
//! Many unrelated projects are called Axiom (`AXIOM_TELEGRAM_BOT_TOKEN`, `AXIOM_HOME`,
//! `https://axiom.xyz`): a name alone never makes a finding. A token variable is read when
//! its name is one only Axiom uses (`AXIOM_TOKEN`) or its value is an `xaat-`/`xapt-` token; a
//! host variable when its value can be meant for Axiom (an Axiom host, or a region or
//! deployment ID where an edge belongs).

use axiom_lint_core::{
    TokenClass, TokenKind, classify_token, is_aws_region, is_placeholder, kind_named_by,
};

use super::mentions::Mentions;
use super::otel_env;
use super::{Input, Sites};
use crate::site::{Consumer, Dialect, Field, HostRole, TokenField};
use crate::tree::{Entry, Node};

pub(super) const MAP_NAMES: [&str; 5] = ["env", "vars", "environment", "containerEnv", "remoteEnv"];

/// Prefixes that make a bundler ship a variable to every browser.
const PUBLIC_PREFIXES: [&str; 3] = ["NEXT_PUBLIC_", "VITE_", "PUBLIC_"];

/// What one variable means.
enum Variable {
    Token {
        api_token_only: bool,
        named_kind: Option<TokenKind>,
        /// Matched by the `*AXIOM*TOKEN*` / `*AXIOM*KEY*` pattern only, not one of
        /// [`AXIOM_TOKEN_NAMES`]: another project's variable unless its value is a token.
        by_pattern: bool,
    },
    OrgId,
    Host(HostRole),
}

/// What a variable means, by name (without its public prefix). Hosts and org IDs are the
/// names the SDKs, CLI and Terraform provider read; tokens are matched by pattern
/// (`*AXIOM*TOKEN*`, `*AXIOM*KEY*`), because third-party tools and old READMEs invent their own
/// names (`AXIOM_API_KEY`, `AXIOM_BEARER_TOKEN`, `AXIOM_TRACES_KEY`).
fn variable(name: &str, mentions: &Mentions<'_>) -> Option<Variable> {
    // Every name below holds `AXIOM`; most variables of a map are about something else.
    if !mentions.axiom(name) {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    let host = |role| Some(Variable::Host(role));
    match upper.as_str() {
        "AXIOM_ORG_ID" | "AXIOM_ORGANIZATION_ID" => return Some(Variable::OrgId),
        "AXIOM_URL" | "AXIOM_BASE_URL" => {
            return host(HostRole::ApiUrl {
                scheme_optional: false,
            });
        }
        "AXIOM_EDGE_URL" | "AXIOM_URL_OVERRIDE" => return host(HostRole::EdgeUrl),
        // Seen in real repositories with meanings that vary: ingest or API, edge or not, a
        // Vercel integration's URL on `api.axiom.co` (next-axiom's `AXIOM_INGEST_ENDPOINT`).
        "AXIOM_INGEST_URL" | "AXIOM_API_URL" | "AXIOM_INGEST_ENDPOINT" => {
            return host(HostRole::FullUrl);
        }
        // The edge in Axiom's docs, `api.axiom.co` in third-party apps' defaults.
        "AXIOM_DOMAIN" => return host(HostRole::Domain),
        // The OTLP endpoint beside `AXIOM_TRACES_KEY`.
        "AXIOM_TRACES_URL" => return host(HostRole::OtelEndpoint),
        // `AXIOM_REGION` is read by nothing, but users set it believing it picks the edge;
        // `AXIOM_HOST` is the edge domain in Axiom's Kubernetes and OpenTelemetry docs (and
        // judged by the file's use of it: `axiom_host::HostUse`).
        "AXIOM_EDGE" | "AXIOM_EDGE_REGION" | "AXIOM_EDGE_DOMAIN" | "AXIOM_REGION"
        | "AXIOM_HOST" => {
            return host(HostRole::EdgeDomain);
        }
        _ => {}
    }
    // Names are short: a window search beats building a substring searcher per call.
    let find = |haystack: &[u8], word: &[u8]| haystack.windows(word.len()).position(|w| w == word);
    let after_axiom = &upper.as_bytes()[find(upper.as_bytes(), b"AXIOM")? + "AXIOM".len()..];
    let is_token = find(after_axiom, b"TOKEN").is_some()
        || find(after_axiom, b"KEY").is_some()
        || matches!(upper.as_str(), "AXIOM_PAT" | "AXIOM_PERSONAL_TOKEN");
    is_token.then(|| Variable::Token {
        // The Terraform provider's variable: API tokens only since 2024.
        api_token_only: upper == "AXIOM_API_TOKEN",
        named_kind: kind_named_by(&upper),
        by_pattern: !is_axiom_token_name(&upper),
    })
}

/// Token variables whose names only Axiom gives a meaning: `AXIOM_TOKEN` (the SDKs and CLI),
/// `AXIOM_API_TOKEN` (the Terraform provider), and the names that say "personal access token".
/// Their values are judged whatever they hold.
const AXIOM_TOKEN_NAMES: [&str; 5] = [
    "AXIOM_TOKEN",
    "AXIOM_API_TOKEN",
    "AXIOM_PAT",
    "AXIOM_PERSONAL_TOKEN",
    "AXIOM_PERSONAL_ACCESS_TOKEN",
];

/// Whether a name (in any case) is one of [`AXIOM_TOKEN_NAMES`].
pub(super) fn is_axiom_token_name(name: &str) -> bool {
    AXIOM_TOKEN_NAMES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(name))
}

/// Whether a token variable matched by pattern only holds an Axiom token (`xaat-`, `xapt-`,
/// `xait-`), however malformed: anything else is another project's secret.
pub(super) fn is_axiom_token(field: &Field<'_>) -> bool {
    field.text().is_some_and(|value| {
        matches!(
            classify_token(value),
            TokenClass::Literal {
                prefix: Some(_),
                ..
            }
        )
    })
}

/// The host role of an Axiom host variable by its name (`AXIOM_URL`, `NEXT_PUBLIC_AXIOM_URL`,
/// `AXIOM_EDGE`…), judged as an environment map judges it; `None` for any other name.
pub(super) fn host_role(field: &Field<'_>, sites: &Sites<'_>) -> Option<HostRole> {
    let name = PUBLIC_PREFIXES
        .iter()
        .find_map(|prefix| field.key.strip_prefix(*prefix))
        .unwrap_or(field.key);
    match variable(name, sites.mentions())? {
        Variable::Host(HostRole::EdgeDomain) if name.eq_ignore_ascii_case("AXIOM_HOST") => {
            Some(sites.axiom_host_use().role(field))
        }
        Variable::Host(role) => Some(role),
        Variable::Token { .. } | Variable::OrgId => None,
    }
}

/// Whether a host variable's value can be meant for Axiom: an Axiom host or one of the run's
/// edges; a bare name users give an edge field by mistake (an AWS region, a deployment ID, an
/// edge without `.axiom.co`); or a value not written out (empty, a reference, a stand-in),
/// which the rules judge on their own terms. `https://axiom.xyz` or `localhost` is not.
fn is_axiom_host_value(field: &Field<'_>, sites: &Sites<'_>) -> bool {
    let Some(value) = field.text().map(str::trim) else {
        return true;
    };
    if value.is_empty()
        || value.contains(['$', '{', '<'])
        || is_placeholder(value)
        || sites.names_axiom_host(value)
    {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    is_aws_region(&lower)
        || sites.edges.by_deployment_id(&lower).is_some()
        || sites
            .edges
            .by_domain(&format!("{lower}.axiom.co"))
            .is_some()
}

/// The variable's value: a string, or Cargo's `{ value = "…" }` form.
pub(super) fn value_field<'t>(entry: &'t Entry<'t>) -> Field<'t> {
    match entry.value.get("value") {
        Some(value) if entry.value.is_table() => {
            Field::with_value(&entry.key, entry.key_span.clone(), value)
        }
        _ => Field::of(entry),
    }
}

/// Every map by one of the usual names, in the tables the walk found holding one of
/// [`MAP_NAMES`], that no recogniser before (compose, GitHub Actions, Kubernetes) has read.
pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    // Each map is one entry's value, so no site made here can claim a later map: the nodes
    // claimed before are all there is to check.
    let mut claimed: Option<ahash::AHashSet<*const Node<'t>>> = None;
    for node in &input.candidates.env_maps {
        for entry in node.entries() {
            let map = &entry.value;
            if !map.is_table() || !MAP_NAMES.contains(&&*entry.key) {
                continue;
            }
            let claimed = claimed.get_or_insert_with(|| {
                sites
                    .iter()
                    .map(|site| std::ptr::from_ref(site.node))
                    .collect()
            });
            if !claimed.contains(&std::ptr::from_ref(map)) {
                let fields = axiom_fields(map, sites.mentions());
                recognise_fields(map, &fields, Consumer::Unknown, sites);
            }
        }
    }
}

/// A file that is one environment map (`.env`, `.dev.vars`): its root holds the variables.
pub(super) fn recognise_file<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let root = input.root;
    let fields = axiom_fields(root, sites.mentions());
    recognise_fields(root, &fields, Consumer::Unknown, sites);
}

/// The variables of a map that can mean anything to Axiom: the others are never read.
/// OpenTelemetry SDK variables are kept too: they name no Axiom, but may send to it.
pub(super) fn axiom_fields<'t>(map: &'t Node<'t>, mentions: &Mentions<'_>) -> Vec<Field<'t>> {
    let mut fields: Vec<Field<'t>> = mentions
        .filter_axiom(map.entries(), |entry| &entry.key)
        .into_iter()
        .map(value_field)
        .collect();
    fields.extend(
        map.entries()
            .iter()
            .filter(|entry| otel_env::is_otlp_variable(&entry.key))
            .map(value_field),
    );
    fields
}

/// The variables of one map (its entries, or `KEY=value` items carved out of a list), read
/// by `consumer` (`Consumer::Unknown` leaves it to be identified by the file's name).
///
/// Server-side and browser-exposed variables are read by different code, so each group is
/// its own site, holding every token of its group beside the group's org ID and hosts.
pub(super) fn recognise_fields<'t>(
    map: &'t Node<'t>,
    fields: &[Field<'t>],
    consumer: Consumer,
    sites: &mut Sites<'t>,
) {
    // What each variable means, worked out once; a site is only built for a group that has
    // a variable, since most maps hold none or only server-side ones.
    let meanings: Vec<(bool, Variable, &Field<'t>)> = fields
        .iter()
        .filter_map(|field| {
            let prefix = PUBLIC_PREFIXES
                .iter()
                .find(|prefix| field.key.starts_with(**prefix));
            let name = prefix.map_or(field.key, |prefix| &field.key[prefix.len()..]);
            let variable = match variable(name, sites.mentions())? {
                Variable::Host(HostRole::EdgeDomain) if name.eq_ignore_ascii_case("AXIOM_HOST") => {
                    Variable::Host(sites.axiom_host_use().role(field))
                }
                variable => variable,
            };
            let ours = match variable {
                Variable::Token { by_pattern, .. } => !by_pattern || is_axiom_token(field),
                Variable::Host(_) => is_axiom_host_value(field, sites),
                Variable::OrgId => true,
            };
            ours.then_some((prefix.is_some(), variable, field))
        })
        .collect();
    for public in [false, true] {
        if !meanings.iter().any(|(is_public, ..)| *is_public == public) {
            continue;
        }
        let mut base = sites.new_site(Dialect::EnvMap, map);
        base.consumer = consumer;
        for (_, variable, field) in meanings.iter().filter(|(p, ..)| *p == public) {
            let field = (*field).clone();
            match *variable {
                Variable::Token {
                    api_token_only,
                    named_kind,
                    ..
                } => base.tokens.push(TokenField {
                    field,
                    api_token_only,
                    authorization_header: false,
                    public,
                    named_kind,
                }),
                Variable::OrgId => base.org_id = Some(Box::new(field)),
                Variable::Host(role) => base.hosts.push(role.at(field)),
            }
        }
        sites.push(base);
    }
    otel_env::recognise_fields(map, fields, consumer, sites);
}
