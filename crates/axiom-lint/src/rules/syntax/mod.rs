//! AXL0xx: files that cannot be read as meant (syntax, schema, duplicate keys).

pub(crate) mod duplicate_key;
pub(crate) mod parse_error;
pub(crate) mod schema_violation;
pub(crate) mod unused_suppression;
