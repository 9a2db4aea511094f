//! Subcommands with a pipeline of their own: `check` (the default) and `history`.

pub(crate) mod check;
pub(crate) mod history;
