//! The native credentials file (`axiom-credentials.toml` / `.json`): its types, from which the
//! published JSON Schema is generated.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// Axiom credentials checked by axiom-lint: named connections, each a subdomain and a token.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Axiom credentials")]
pub struct CredentialsFile {
    /// The JSON Schema this file follows, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Connections by name, such as `ingest-eu` or `admin`.
    #[serde(default)]
    pub connections: BTreeMap<String, Connection>,
}

/// One way of reaching Axiom: where to send requests and with which token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// The part of the host before `.axiom.co`: `api` for everything but ingest and query, or an edge such as `eu-central-1.aws.edge` for ingest and query. No scheme, suffix or path.
    #[schemars(schema_with = "subdomain_schema")]
    pub subdomain: String,
    /// The token. Write an environment reference such as `${AXIOM_TOKEN}`: a literal token in a file is a leaked secret.
    pub token: String,
    /// The kind of token, when it cannot be inferred from the `xaat-`/`xapt-` prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_kind: Option<DeclaredTokenKind>,
    /// The API token's permission level, fixed when the token was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// What this connection is used for; decides which host and token permissions it needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purpose: Vec<Purpose>,
    /// The datasets this connection reads or writes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<String>,
    /// The organization ID, a slug such as `acme-ab12`. Required with a personal access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = "acme-ab12")]
    pub org_id: Option<String>,
    /// When the token expires (RFC 3339), as shown when it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_time_schema")]
    pub expires_at: Option<String>,
}

/// The kind of an Axiom token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeclaredTokenKind {
    /// An API token (`xaat-`), scoped to chosen datasets and capabilities.
    Api,
    /// A personal access token (`xapt-`) with full control of the user's account.
    Personal,
}

/// The permission level of an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Permissions {
    /// Ingest into chosen datasets only.
    Basic,
    /// Chosen dataset and organization capabilities.
    Advanced,
}

/// What a connection is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// Sending events: needs an edge subdomain.
    Ingest,
    /// Running queries: needs an edge subdomain and an advanced token.
    Query,
    /// Managing datasets, tokens, monitors and users: needs `api` and an advanced token.
    Manage,
}

fn subdomain_schema(_: &mut SchemaGenerator) -> Schema {
    let edges = crate::EdgeCatalog::default();
    let known: Vec<&str> = std::iter::once("api")
        .chain(edges.edges().iter().map(crate::Edge::subdomain))
        .collect();
    json_schema!({
        "description": "The part of the host before `.axiom.co`: `api`, or an edge such as `eu-central-1.aws.edge`.",
        "type": "string",
        "anyOf": [
            { "enum": known },
            {
                "description": "An edge not yet known to this schema's release.",
                "pattern": "^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*\\.edge$"
            }
        ]
    })
}

fn date_time_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date-time"
    })
}

impl CredentialsFile {
    /// The name the schema is published under; a `#:schema` line or `$schema` key naming it
    /// marks a file as a native credentials file.
    pub const SCHEMA_FILE_NAME: &'static str = "axiom-credentials.schema.json";

    /// File names that are native credentials files whatever their content.
    pub const FILE_NAMES: [&'static str; 2] = ["axiom-credentials.toml", "axiom-credentials.json"];
}
