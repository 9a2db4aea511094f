//! Environment maps: `env`, `vars`, `environment`, `containerEnv`, `remoteEnv` tables anywhere
//! (Cargo `[env]`, wrangler `[vars]`, `mcpServers.*.env`, devcontainers, compose files), read
//! through the `AXIOM_*` variables the SDKs, CLI and Terraform provider use.

use axiom_lint_core::TokenKind;

use crate::site::{Dialect, Field, HostRole, Site, TokenField};
use crate::tree::{Entry, Node};

const MAP_NAMES: [&str; 5] = ["env", "vars", "environment", "containerEnv", "remoteEnv"];

/// Prefixes that make a bundler ship a variable to every browser.
const PUBLIC_PREFIXES: [&str; 3] = ["NEXT_PUBLIC_", "VITE_", "PUBLIC_"];

/// What one variable means.
enum Variable {
    Token {
        api_token_only: bool,
        named_kind: Option<TokenKind>,
    },
    OrgId,
    Host(HostRole),
}

fn variable(name: &str) -> Option<Variable> {
    let token = |api_token_only, named_kind| {
        Some(Variable::Token {
            api_token_only,
            named_kind,
        })
    };
    match name {
        "AXIOM_TOKEN" | "AXIOM_INGEST_TOKEN" | "AXIOM_QUERY_TOKEN" => token(false, None),
        // The Terraform provider's variable: API tokens only since 2024.
        "AXIOM_API_TOKEN" => token(true, None),
        "AXIOM_PAT" | "AXIOM_PERSONAL_TOKEN" | "AXIOM_PERSONAL_ACCESS_TOKEN" => {
            token(false, Some(TokenKind::Personal))
        }
        "AXIOM_ORG_ID" => Some(Variable::OrgId),
        "AXIOM_URL" | "AXIOM_BASE_URL" => Some(Variable::Host(HostRole::ApiUrl {
            scheme_optional: false,
        })),
        "AXIOM_EDGE_URL" => Some(Variable::Host(HostRole::EdgeUrl)),
        // `AXIOM_REGION` is read by nothing, but users set it believing it picks the edge.
        "AXIOM_EDGE" | "AXIOM_EDGE_REGION" | "AXIOM_REGION" => {
            Some(Variable::Host(HostRole::EdgeDomain))
        }
        _ => None,
    }
}

/// The variable's value: a string, or Cargo's `{ value = "…" }` form.
fn value_field<'t>(entry: &'t Entry<'t>) -> Field<'t> {
    match entry.value.get("value") {
        Some(value) if entry.value.is_table() => {
            Field::with_value(&entry.key, entry.key_span.clone(), value)
        }
        _ => Field::of(entry),
    }
}

pub(super) fn recognise<'t>(root: &'t Node<'t>, sites: &mut Vec<Site<'t>>) {
    for node in root.descendants() {
        for entry in node.entries() {
            if entry.value.is_table() && MAP_NAMES.contains(&&*entry.key) {
                recognise_map(&entry.value, sites);
            }
        }
    }
}

/// Server-side and browser-exposed variables are read by different code, so each group is
/// its own site, holding every token of its group beside the group's org ID and hosts.
fn recognise_map<'t>(map: &'t Node<'t>, sites: &mut Vec<Site<'t>>) {
    for public in [false, true] {
        let mut base = Site::new(Dialect::EnvMap, map);
        for entry in map.entries() {
            let prefix = PUBLIC_PREFIXES
                .iter()
                .find(|prefix| entry.key.starts_with(**prefix));
            if prefix.is_some() != public {
                continue;
            }
            let name = prefix.map_or(&*entry.key, |prefix| &entry.key[prefix.len()..]);
            let field = value_field(entry);
            match variable(name) {
                Some(Variable::Token {
                    api_token_only,
                    named_kind,
                }) => base.tokens.push(TokenField {
                    field,
                    api_token_only,
                    authorization_header: false,
                    public,
                    named_kind,
                }),
                Some(Variable::OrgId) => base.org_id = Some(field),
                Some(Variable::Host(role)) => base.hosts.push(role.at(field)),
                None => {}
            }
        }
        if !base.tokens.is_empty() || base.org_id.is_some() || !base.hosts.is_empty() {
            sites.push(base);
        }
    }
}
