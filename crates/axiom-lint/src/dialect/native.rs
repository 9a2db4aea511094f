//! The native credentials file: `connections.<name>` tables (see `axiom_lint_core::CredentialsFile`).

use axiom_lint_core::{CredentialsFile, Purpose};

use super::Sites;
use super::field;
use crate::site::{Dialect, HostRole, NativeFields, TokenField};
use crate::source::SourceFile;
use crate::tree::Node;

/// Native by name, by the format's schema directive (`#:schema` in TOML), or by a `$schema`
/// key.
pub(super) fn is_native(source: &SourceFile, root: &Node<'_>) -> bool {
    let names_schema = |value: &str| value.trim().ends_with(CredentialsFile::SCHEMA_FILE_NAME);
    if CredentialsFile::FILE_NAMES.contains(&source.file_name()) {
        return true;
    }
    let directive = source.format.syntax().schema_directive(&source.text);
    if directive.is_some_and(names_schema) {
        return true;
    }
    root.get("$schema")
        .and_then(Node::as_str)
        .is_some_and(names_schema)
}

pub(super) fn recognise<'t>(root: &'t Node<'t>, sites: &mut Sites<'t>) {
    let Some(connections) = root.get("connections") else {
        return;
    };
    for entry in connections.entries() {
        let connection = &entry.value;
        if !connection.is_table() {
            continue;
        }
        let mut site = sites.new_site(Dialect::Native, connection);
        site.tokens
            .extend(field(connection, "token").map(TokenField::plain));
        site.org_id = field(connection, "org_id");
        site.hosts
            .extend(field(connection, "subdomain").map(|field| HostRole::Subdomain.at(field)));
        let native = NativeFields {
            purpose: field(connection, "purpose"),
            permissions: field(connection, "permissions"),
            token_kind: field(connection, "token_kind"),
            expires_at: field(connection, "expires_at"),
        };
        site.purposes = native
            .purpose
            .as_ref()
            .map(|field| {
                field
                    .node
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|item| purpose(item.as_str()?))
                    .collect()
            })
            .unwrap_or_default();
        site.native = Some(Box::new(native));
        sites.push(site);
    }
}

fn purpose(value: &str) -> Option<Purpose> {
    match value {
        "ingest" => Some(Purpose::Ingest),
        "query" => Some(Purpose::Query),
        "manage" => Some(Purpose::Manage),
        _ => None,
    }
}
