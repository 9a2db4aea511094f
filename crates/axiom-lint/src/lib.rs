//! The axiom-lint engine: spanned source trees, dialect recognisers, credential sites, rules
//! and diagnostics.
