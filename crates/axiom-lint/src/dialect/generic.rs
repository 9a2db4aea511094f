//! The generic recogniser: any string holding an `http(s)://…axiom.co` URL that no dialect
//! claimed, so files of unknown formats still get the unambiguous host rules. (Tokens need no
//! recogniser: the token rules scan the raw text.)

use axiom_lint_core::{EdgeCatalog, HostKind, UrlParts, classify_host};

use super::mentions::Mentions;
use super::{Sites, otlp_code, shell_assignment};
use crate::site::{Dialect, Field, HostRole};
use crate::tree::{Entry, Node};

/// Reads the strings the walk found mentioning Axiom's domain, each with the entry naming it.
pub(super) fn recognise<'t>(
    entries: &[(&'t Entry<'t>, &'t Node<'t>)],
    edges: &EdgeCatalog,
    sites: &mut Sites<'t>,
) {
    if entries.is_empty() {
        return;
    }
    let mut claimed: Vec<usize> = sites
        .iter()
        .flat_map(|site| site.hosts.iter().map(|host| host.field.span.start))
        .collect();
    claimed.sort_unstable();
    for &(entry, node) in entries {
        let Some(text) = node.as_str() else {
            continue;
        };
        if claimed.binary_search(&node.span.start).is_ok() || !is_axiom_url(text, edges) {
            continue;
        }
        let mut site = sites.new_site(Dialect::Generic, node);
        let field = Field::with_value(&entry.key, entry.key_span.clone(), node);
        site.hosts.push(HostRole::AnyUrl.at(field));
        sites.push(site);
    }
}

/// Reads the URLs and bare hosts the text scan found: each was picked out of free text as an
/// Axiom host, so only the host's kind is checked again.
pub(super) fn recognise_found<'t>(
    entries: &'t [Entry<'t>],
    edges: &EdgeCatalog,
    sites: &mut Sites<'t>,
) {
    let mut pieces = Vec::new();
    let mut facts = otlp_code::FileFacts::default();
    // URLs a dialect read around (a Logstash output's `hosts`) are that dialect's: a second,
    // generic reading would give advice its program does not take.
    let claimed = claimed_starts(sites);
    // Where the URL before ends: code before it is never read twice.
    let mut floor = 0;
    for entry in entries {
        let span = entry.value.span.clone();
        let previous_end = std::mem::replace(&mut floor, span.end);
        if claimed.binary_search(&span.start).is_ok() {
            continue;
        }
        let Some(text) = entry.value.as_str() else {
            continue;
        };
        let Some(url) = UrlParts::split(text) else {
            continue;
        };
        let kind = classify_host(url.host_str(), edges);
        if !kind.is_axiom() {
            continue;
        }
        let field = Field::of(entry);
        // `export AXIOM_URL=…` in a script or a code block sets the variable an SDK reads: it
        // is judged as that variable is in a `.env` file.
        if let Some(role) = shell_assignment::host_role(entry, &field, sites) {
            let mut site = sites.new_site(Dialect::Generic, &entry.value);
            site.hosts.push(role.at(field));
            sites.push(site);
            continue;
        }
        let mut site = sites.new_site(Dialect::Generic, &entry.value);
        site.hosts.push(HostRole::AnyUrl.at(field));
        // Only the hosts OTLP is sent to: the API host (the old form), the edges, and other
        // `*.axiom.co` hosts; a console or docs link is no exporter's endpoint.
        let otlp_host = kind.is_edge() || matches!(kind, HostKind::Api | HostKind::OtherAxiom);
        if otlp_host {
            site.otlp_exporter =
                otlp_code::exporter_for(sites.text(), span, previous_end, &mut pieces, &mut facts)
                    .map(Box::new);
        }
        sites.push(site);
    }
}

/// Where the host values the dialects read start, as written and inside their quotes, sorted.
fn claimed_starts(sites: &Sites<'_>) -> Vec<usize> {
    let mut claimed: Vec<usize> = sites
        .iter()
        .flat_map(|site| site.hosts.iter())
        .flat_map(|host| [host.field.span.start, host.field.content.start])
        .collect();
    claimed.sort_unstable();
    claimed
}

/// Whether a value may be an Axiom URL, decided cheaply for the shared walk: it starts with
/// an `http` scheme, as [`is_axiom_url`] requires, and mentions Axiom's domain.
#[inline]
pub(super) fn may_be_axiom_url(text: &str, mentions: &Mentions<'_>) -> bool {
    // Most values start with a visible ASCII byte: only an `h` can start a scheme, and only
    // whitespace (or a byte of a wider character) needs trimming first.
    let start = match text.as_bytes().first() {
        Some(b'h' | b'H') => text.as_bytes(),
        Some(byte) if byte.is_ascii_graphic() => return false,
        Some(_) => text.trim_start().as_bytes(),
        None => return false,
    };
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The short cut on the first byte answers as trimming and looking at the scheme does.
        #[test]
        fn may_be_axiom_url_agrees_with_its_definition(
            text in "[ \t\u{a0}\u{2003}]{0,2}[hHxé \n]?(ttp|TTP)?[s:/]{0,4}[a-z.]{0,6}(axiom\\.co|AXIOM\\.CO)?",
        ) {
            let mentions = Mentions::find(&text);
            let defined = text
                .trim_start()
                .as_bytes()
                .get(..4)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case(b"http"))
                && mentions.axiom_domain(&text);
            prop_assert_eq!(may_be_axiom_url(&text, &mentions), defined, "{:?}", text);
        }
    }
}
