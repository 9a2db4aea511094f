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
    /// The JSON Schema this file follows, for editors: a path relative to the file or a URL.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = "./schemas/axiom-credentials.schema.json")]
    pub schema: Option<String>,
    /// Connections by name, such as `ingest-eu` or `admin`: one table per way of reaching Axiom.
    #[serde(default)]
    pub connections: BTreeMap<String, Connection>,
}

/// One way of reaching Axiom: where to send requests and with which token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// The part of the host before `.axiom.co`: write `api` for managing datasets, tokens and monitors, or an edge such as `eu-central-1.aws.edge` for ingest and query. No `https://`, no `.axiom.co`, no path or port, lower case. Edges added with `extend-edges` are accepted too.
    #[schemars(schema_with = "subdomain_schema")]
    pub subdomain: String,
    /// The token. Write an environment reference such as `${AXIOM_TOKEN}`: a literal token in a file is a leaked secret.
    #[schemars(example = "${AXIOM_TOKEN}")]
    pub token: String,
    /// The kind of token: `api` for an API token (`xaat-`), `personal` for a personal access token (`xapt-`). Only needed when the token is a reference and its prefix cannot be seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_kind: Option<DeclaredTokenKind>,
    /// The API token's permission level, fixed when the token was created: `basic` (ingest only) or `advanced`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// What this connection is used for: any of `ingest`, `query`, `manage`. Decides which host and token permissions it needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["ingest"]], "default" = []))]
    pub purpose: Vec<Purpose>,
    /// The names of the datasets this connection reads or writes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["app-logs"]], "default" = []))]
    pub datasets: Vec<String>,
    /// The organization ID, a slug such as `acme-ab12` (it appears in `app.axiom.co/<org-id>/…`). Required with a personal access token, not needed with an API token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = "acme-ab12")]
    pub org_id: Option<String>,
    /// When the token expires, as an RFC 3339 date-time (`2027-06-01T00:00:00Z`), as shown when it was created.
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

/// A pattern, not an enum: an edge added with `extend-edges` must stay valid. The known
/// values are offered as examples, which editors complete.
fn subdomain_schema(_: &mut SchemaGenerator) -> Schema {
    let edges = crate::EdgeCatalog::default();
    let known: Vec<&str> = std::iter::once("api")
        .chain(edges.edges().iter().map(crate::Edge::subdomain))
        .collect();
    json_schema!({
        "type": "string",
        "pattern": "^(api|[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*\\.edge)$",
        "patternErrorMessage": "Write `api` or an edge such as `eu-central-1.aws.edge`: no scheme, `.axiom.co`, path, port or capitals.",
        "examples": known
    })
}

fn date_time_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date-time",
        "examples": ["2027-06-01T00:00:00Z"]
    })
}

impl CredentialsFile {
    /// The name the schema is published under; a `#:schema` line or `$schema` key naming it
    /// marks a file as a native credentials file.
    pub const SCHEMA_FILE_NAME: &'static str = "axiom-credentials.schema.json";

    /// File names that are native credentials files whatever their content.
    pub const FILE_NAMES: [&'static str; 4] = [
        "axiom-credentials.toml",
        "axiom-credentials.json",
        "axiom-credentials.yaml",
        "axiom-credentials.yml",
    ];
}
