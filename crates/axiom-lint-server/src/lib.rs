//! The axiom-lint language server: the linter's findings in editors, over LSP.
//!
//! Full document sync; diagnostics on open, change (debounced) and save, with the CLI's codes,
//! severities, messages and masking; hover with the rule's docs; code actions for fixes, inline
//! suppressions and "fix all safe"; positions in UTF-16. Settings come per file from the
//! library's resolver (the nearest `axiom-lint.toml`), reloaded when a configuration changes.
//! Nothing here touches the network.

mod actions;
mod convert;
mod document;
pub mod editors;
mod hover;
mod server;
mod transport;

pub use server::{Ending, Options, serve};

/// Serves one client over this process's stdin and stdout until it exits.
pub fn run_stdio() -> Ending {
    let (connection, threads) = transport::stdio();
    let ending = serve(&connection, Options::default());
    threads.finish(connection);
    ending
}
