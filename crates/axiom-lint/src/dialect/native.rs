//! The native credentials file: `connections.<name>` tables (see `axiom_lint_core::CredentialsFile`).

use axiom_lint_core::{CredentialsFile, Purpose};

use super::field;
use super::{Input, Sites};
use crate::site::{Dialect, HostRole, NativeFields, TokenField};
use crate::source::SourceFile;
use crate::tree::Node;

/// Native by name, by the format's schema directive (`#:schema` in TOML), by a `$schema`
/// key, or by its shape: a file is what it holds, whatever its name or the name of the
/// schema copy it points at (`"$schema": "./cred.json"`).
pub(super) fn is_native(source: &SourceFile, root: &Node<'_>) -> bool {
    let names_schema = |value: &str| value.trim().ends_with(CredentialsFile::SCHEMA_FILE_NAME);
    if CredentialsFile::FILE_NAMES.contains(&source.file_name()) {
        return true;
    }
    let directive = source.format.syntax().schema_directive(&source.text);
    if directive.is_some_and(names_schema) {
        return true;
    }
    if root
        .get("$schema")
        .and_then(Node::as_str)
        .is_some_and(names_schema)
    {
        return true;
    }
    has_native_shape(root)
}

/// The keys of a native connection (`axiom_lint_core::CredentialsFile`; a test keeps them in
/// step with the schema).
const CONNECTION_KEYS: [&str; 8] = [
    "subdomain",
    "token",
    "token_kind",
    "permissions",
    "purpose",
    "datasets",
    "org_id",
    "expires_at",
];

/// The native file's shape, strict enough that no other configuration has it: only
/// `connections` (and `$schema`) at the top; `connections` a non-empty table of tables, each
/// using only the native keys, and at least one naming a `subdomain` (the field no other
/// format calls that).
fn has_native_shape(root: &Node<'_>) -> bool {
    let Some(connections) = root.get("connections") else {
        return false;
    };
    let top_level_ok = root
        .entries()
        .iter()
        .all(|entry| entry.key == "connections" || entry.key == "$schema");
    let entries = connections.entries();
    top_level_ok
        && !entries.is_empty()
        && entries.iter().all(|entry| {
            entry.value.is_table()
                && entry
                    .value
                    .entries()
                    .iter()
                    .all(|field| CONNECTION_KEYS.contains(&field.key.as_ref()))
        })
        && entries
            .iter()
            .any(|entry| entry.value.get("subdomain").is_some())
}

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let root = input.root;
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
        site.org_id = field(connection, "org_id").map(Box::new);
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

#[cfg(test)]
mod tests {
    use super::CONNECTION_KEYS;

    /// The shape's keys are the schema's: a key added to the native file is added here too.
    #[test]
    fn connection_keys_are_the_schemas() {
        let schema = crate::credentials_schema();
        let mut properties: Vec<&str> = schema["definitions"]["Connection"]["properties"]
            .as_object()
            .map(|properties| properties.keys().map(String::as_str).collect())
            .unwrap_or_default();
        properties.sort_unstable();
        let mut keys = CONNECTION_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(keys, properties);
    }
}
