//! The Axiom credential model: what a well-formed Axiom token, org ID, host and edge look like.
//!
//! Everything here is pure: no I/O, no spans, no diagnostics. The linter asks these classifiers
//! what a value *is*; its rules decide whether that is a problem in context. Every fact encoded
//! here comes from `AXIOM.md` in the project's shared notes.

mod credentials;
mod edge;
mod host;
mod org_id;
mod placeholder;
mod subdomain;
mod token;
mod url;
mod value;

pub use credentials::{Connection, CredentialsFile, DeclaredTokenKind, Permissions, Purpose};
pub use edge::{Edge, EdgeCatalog, InvalidEdgeDomain, is_aws_region};
pub use host::{HostKind, classify_host};
pub use org_id::{OrgIdProblem, check_org_id};
pub use placeholder::{DOCUMENTED_EXAMPLE_TOKEN_BODY, is_placeholder, is_placeholder_for};
pub use subdomain::{SubdomainProblem, SubdomainReport, check_subdomain};
pub use token::{
    MalformedToken, PrefixScan, Redacted, TokenClass, TokenKind, TokenPrefix, classify_token,
    classify_unwrapping, find_prefixes, find_tokens, find_uuid_runs, kind_named_by, strip_bearer,
    unwrap_token,
};
pub use url::{UrlParts, userinfo_passwords, userinfo_start};
pub use value::is_env_reference;

/// The registrable domain every Axiom host sits under.
pub const AXIOM_DOMAIN: &str = "axiom.co";
