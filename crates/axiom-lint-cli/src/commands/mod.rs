//! Subcommands with a pipeline of their own (the default `check` pipeline lives in `lib.rs`).

pub(crate) mod history;
