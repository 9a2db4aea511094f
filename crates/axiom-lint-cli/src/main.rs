//! The `axiom-lint` command.

fn main() {}
