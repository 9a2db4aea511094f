//! The generic recogniser: any string holding an `http(s)://…axiom.co` URL that no dialect
//! claimed, so files of unknown formats still get the unambiguous host rules. (Tokens need no
//! recogniser: the token rules scan the raw text.)

use axiom_lint_core::{EdgeCatalog, UrlParts, classify_host};

use super::Sites;
use super::mentions::Mentions;
use crate::site::{Dialect, Field, HostRole};
use crate::tree::Entry;

/// Reads the entries the walk found mentioning Axiom's domain.
pub(super) fn recognise<'t>(entries: &[&'t Entry<'t>], edges: &EdgeCatalog, sites: &mut Sites<'t>) {
    if entries.is_empty() {
        return;
    }
    let mut claimed: Vec<usize> = sites
        .iter()
        .flat_map(|site| site.hosts.iter().map(|host| host.field.span.start))
        .collect();
    claimed.sort_unstable();
    for entry in entries {
        let Some(text) = entry.value.as_str() else {
            continue;
        };
        if claimed.binary_search(&entry.value.span.start).is_ok() || !is_axiom_url(text, edges) {
            continue;
        }
        let mut site = sites.new_site(Dialect::Generic, &entry.value);
        site.hosts.push(HostRole::AnyUrl.at(Field::of(entry)));
        sites.push(site);
    }
}

/// Whether a value may be an Axiom URL, decided cheaply for the shared walk: it starts with
/// an `http` scheme, as [`is_axiom_url`] requires, and mentions Axiom's domain.
pub(super) fn may_be_axiom_url(text: &str, mentions: &Mentions<'_>) -> bool {
    let start = text.trim_start().as_bytes();
    start
        .get(..4)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case(b"http"))
        && mentions.axiom_domain(text)
}

fn is_axiom_url(text: &str, edges: &EdgeCatalog) -> bool {
    let text = text.trim();
    let Some(url) = UrlParts::split(text) else {
        return false;
    };
    url.scheme_str().is_some_and(|scheme| {
        scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
    }) && classify_host(url.host_str(), edges).is_axiom()
}
