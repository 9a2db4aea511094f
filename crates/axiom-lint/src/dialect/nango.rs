//! Nango connections: `provider`/`provider_config_key` = axiom, or a `connection_config.subdomain`
//! beside `credentials.apiKey`, anywhere in the file (exports hold arrays of connections).

use super::{Input, Sites};
use super::{field, has_value};
use crate::site::{Dialect, HostRole, TokenField};

/// A connection has one of these keys (see [`super::candidates`]).
pub(super) const KEYS: [&str; 4] = [
    "connection_config",
    "credentials",
    "provider",
    "provider_config_key",
];

/// Reads the tables the walk found holding one of [`KEYS`].
pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    for &node in &input.candidates.nango {
        let config = node.get("connection_config");
        let credentials = node.get("credentials");
        let subdomain = config.and_then(|config| field(config, "subdomain"));
        let api_key = credentials.and_then(|credentials| field(credentials, "apiKey"));
        let names_axiom =
            has_value(node, "provider", "axiom") || has_value(node, "provider_config_key", "axiom");
        if !(names_axiom || (subdomain.is_some() && api_key.is_some())) {
            continue;
        }
        let mut site = sites.new_site(Dialect::Nango, node);
        // Nango validates the key as `xaat-` + UUID: it accepts only API tokens.
        site.tokens.extend(api_key.map(TokenField::api_token_only));
        site.hosts
            .extend(subdomain.map(|field| HostRole::Subdomain.at(field)));
        sites.push(site);
    }
}
