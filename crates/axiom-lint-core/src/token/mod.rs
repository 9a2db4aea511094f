//! Axiom tokens: their kinds ([`kind`]), what a value in a token position is ([`classify`]),
//! where tokens and their prefixes sit in a text ([`scan`]), and the redacted form, the only
//! way a token is ever displayed ([`redacted`]).
//!
//! Axiom tokens are a prefix (`xaat-` API, `xapt-` personal, retired `xait-`) followed by a
//! lowercase canonical UUID. SDKs classify by prefix only; the shape of the body is what Nango
//! validates (AXIOM.md, "Tokens").

mod classify;
mod kind;
mod redacted;
mod scan;

pub use classify::{
    TokenClass, classify_token, classify_unwrapping, kind_named_by, strip_bearer, unwrap_token,
};
pub use kind::{MalformedToken, TokenKind, TokenPrefix};
pub use redacted::Redacted;
pub use scan::{PrefixScan, find_prefixes, find_tokens, find_uuid_runs};
