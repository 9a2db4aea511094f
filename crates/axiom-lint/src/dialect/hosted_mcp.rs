//! Axiom's hosted MCP server in an MCP client's configuration: a server entry (Claude Code
//! `mcpServers.*`, VS Code `servers.*`, Zed `context_servers.*`, Gemini CLI, Cursor) whose URL
//! is `https://mcp.axiom.co/…`, with `headers` `Authorization: Bearer <token>` and
//! `x-axiom-org-id`, or the org ID as `?org-id=` in the URL. The one place where a personal
//! access token with an org ID is the documented credential (AXIOM.md, "MCP client configs").

use std::borrow::Cow;

use axiom_lint_core::UrlParts;

use super::field_ignore_case;
use super::{Input, Sites};
use crate::site::{Dialect, Field, TokenField};
use crate::tree::Node;

/// The server's host.
const HOST: &str = "mcp.axiom.co";

/// The keys MCP clients use for a remote server's address.
pub(super) const URL_KEYS: [&str; 4] = ["url", "serverUrl", "httpUrl", "uri"];

/// A bridged server has both (see [`claim_bridged_env`]).
pub(super) const BRIDGE_KEYS: [&str; 2] = ["args", "env"];

/// Reads the tables the walk found holding one of [`URL_KEYS`].
pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    for &server in &input.candidates.mcp_servers {
        let Some(url) = URL_KEYS
            .iter()
            .find_map(|key| server.get(key).and_then(Node::as_str))
            .and_then(|url| UrlParts::split(url.trim()))
        else {
            continue;
        };
        if !url.host_str().eq_ignore_ascii_case(HOST) {
            continue;
        }
        let mut site = sites.new_site(Dialect::HostedMcp, server);
        let headers = server.get("headers");
        site.tokens.extend(
            headers
                .and_then(|headers| field_ignore_case(headers, "authorization"))
                .map(TokenField::authorization_header),
        );
        site.org_id = headers
            .and_then(|headers| field_ignore_case(headers, "x-axiom-org-id"))
            .map(Box::new);
        site.org_id_in_url = url_names_org_id(url.rest_str());
        sites.push(site);
    }
}

/// Whether a query string sets `org-id` (or `org_id`).
fn url_names_org_id(query: &str) -> bool {
    query
        .trim_start_matches(['?', '#'])
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .any(|(name, value)| {
            matches!(name, "org-id" | "org_id" | "orgId") && !value.trim().is_empty()
        })
}

/// A local bridge to the hosted server (`npx mcp-remote https://mcp.axiom.co/mcp --header
/// "Authorization: Bearer ${AXIOM_TOKEN}"`, for clients without remote servers): the
/// server's `env` map holds the token the bridge sends, so its site is the hosted server's,
/// and an org ID passed in `args` (`x-axiom-org-id: …` or `?org-id=`) counts.
/// Reads the tables the walk found holding one of [`BRIDGE_KEYS`].
pub(super) fn claim_bridged_env<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    for server in &input.candidates.mcp_bridges {
        let (Some(args), Some(env)) = (server.get("args"), server.get("env")) else {
            continue;
        };
        let args: Vec<&str> = args.items().iter().filter_map(Node::as_str).collect();
        let bridges_to_hosted = args.iter().any(|arg| {
            UrlParts::split(arg.trim()).is_some_and(|url| url.host_str().eq_ignore_ascii_case(HOST))
        });
        if !bridges_to_hosted {
            continue;
        }
        let org_id_in_args = args.iter().any(|arg| {
            let lower = arg.to_ascii_lowercase();
            lower.contains("x-axiom-org-id")
                || UrlParts::split(arg.trim()).is_some_and(|url| url_names_org_id(url.rest_str()))
        });
        for site in sites
            .iter_mut()
            .filter(|site| site.dialect == Dialect::EnvMap && site.node.span == env.span)
        {
            site.dialect = Dialect::HostedMcp;
            site.org_id_in_url |= org_id_in_args;
        }
    }
}

/// A bridge's headers passed in `args` (`"--header", "Authorization: Bearer …"`): the same
/// credential as the hosted server's `headers`, so its token is a site of the hosted server,
/// with the org ID given in `args` counted (AXIOM.md, "More places credentials live").
pub(super) fn bridged_headers<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let text = sites.text();
    for &server in &input.candidates.mcp_bridges {
        let Some(args) = server.get("args") else {
            continue;
        };
        let strings: Vec<&str> = args.items().iter().filter_map(Node::as_str).collect();
        let bridges_to_hosted = strings.iter().any(|arg| {
            UrlParts::split(arg.trim()).is_some_and(|url| url.host_str().eq_ignore_ascii_case(HOST))
        });
        if !bridges_to_hosted {
            continue;
        }
        let token = args
            .items()
            .iter()
            .find_map(|item| authorization_arg(item, text));
        let Some(token) = token else {
            continue;
        };
        let mut site = sites.new_site(Dialect::HostedMcp, server);
        site.tokens.push(TokenField::authorization_header(token));
        site.org_id_in_url = strings.iter().any(|arg| {
            arg.to_ascii_lowercase().contains("x-axiom-org-id")
                || UrlParts::split(arg.trim()).is_some_and(|url| url_names_org_id(url.rest_str()))
        });
        sites.push(site);
    }
}

/// The value of an `Authorization: …` argument (or `--header=Authorization: …`), carved out
/// of it where its bytes are its text.
fn authorization_arg<'t>(item: &'t Node<'t>, text: &'t str) -> Option<Field<'t>> {
    let arg = item.as_str()?;
    if text.get(item.content.clone()) != Some(arg) {
        return None;
    }
    let header = arg.strip_prefix("--header=").unwrap_or(arg);
    let skipped = arg.len() - header.len();
    let (name, value) = header.split_once(':')?;
    if !name.trim().eq_ignore_ascii_case("authorization") {
        return None;
    }
    let leading = value.len() - value.trim_start().len();
    let start = item.content.start + skipped + name.len() + 1 + leading;
    let span = start..start + value.trim().len();
    let key_start = item.content.start + skipped;
    Some(Field::carved(
        text.get(key_start..key_start + name.len())?,
        key_start..key_start + name.len(),
        Cow::Borrowed(text.get(span.clone())?),
        span,
    ))
}
