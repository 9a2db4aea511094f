//! AXL001 parse-error: the file is not valid TOML, JSON or JSONC.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a file that is not valid TOML, JSON or JSONC, at the exact place parsing failed.
    ///
    /// ## Why is this bad?
    /// The program that reads the file will refuse it, or worse, read a different value than
    /// the one you meant. Strict `.json` files allow no comments and no trailing commas; files
    /// that are JSONC by convention (`.jsonc`, `.vscode/*.json`, `devcontainer.json`,
    /// `tsconfig*.json`) allow both.
    ///
    /// Tokens in a file that fails to parse are still found (AXL201 scans the raw text).
    ///
    /// ## Example
    /// ```json
    /// { "token": "${AXIOM_TOKEN}", }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "token": "${AXIOM_TOKEN}" }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only you know what the file should say.
    pub(crate) struct ParseError;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(error) = context.parse_error else {
        return;
    };
    let format = context.source.format.name().to_uppercase();
    out.push(
        Diagnostic::new(
            Rule::ParseError,
            error.span.clone(),
            format!("invalid {format}: {}", error.message),
        )
        .with_label(error.message.clone())
        .with_help(format!(
            "fix the syntax; the rest of this file is not checked until it parses as {format}"
        )),
    );
}
