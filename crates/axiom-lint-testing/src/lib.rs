//! Test support for axiom-lint, kept out of the shipped library: the leak oracle
//! ([`hostile::check`]) that the fuzz target, the stable fuzz example and the leak tests run.
//! Depending on it also turns on the engine's `counters` feature, which the cost-per-finding
//! test reads.

pub mod hostile;
