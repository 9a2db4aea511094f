//! AXL001 parse-error: the file is not valid in its format.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a file that concerns Axiom (it mentions `axiom` in any case, holds a token
    /// prefix, or is a native credentials file) and is not valid TOML, JSON, JSONC, YAML, dotenv
    /// or HCL, at the exact place parsing failed; an unterminated string is reported where it
    /// opens. In a dotenv file that is a line that is not `KEY=value` (or `export KEY=value`, a
    /// comment, a blank line), or a quote that is never closed. Other unparseable files
    /// (templated JSON, JSON in a `.toml` name) are not axiom-lint's business and stay silent.
    ///
    /// An HCL object literal with more keys than axiom-lint reads key by key (about 2,800, or
    /// fewer in a file of many large objects; its parser's time grows with the square of an
    /// object's keys) is reported at its brace as not read, not as invalid: the file may be
    /// valid. Only the token scan runs on it; split the object into objects of at most 500 keys
    /// (`merge({ … }, { … })` joins them), or accept it for the file with `per-file-ignores`.
    /// So is a YAML file whose aliases would copy more than 8 times its size (at least 1 MiB),
    /// or whose collections nest more than 256 deep (255 for flow collections).
    ///
    /// ## Why is this bad?
    /// The program that reads the file will refuse it, or worse, read a different value than
    /// the one you meant. Strict `.json` files allow no comments and no trailing commas; files
    /// that are JSONC by convention (`.jsonc`, `.vscode/*.json`, `devcontainer.json`,
    /// `tsconfig*.json`) allow both.
    ///
    /// Tokens in a file that fails to parse are still found (AXL201 scans the raw text), and a
    /// strict `.json` file that parses once comments and trailing commas are allowed (the
    /// most common breakage of `claude_desktop_config.json`) still gets every credential rule.
    /// A YAML file with Go template actions (`{{ … }}`, a Helm chart's `templates/`) is YAML
    /// only once rendered: it gets that token scan and never this finding.
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
    if !concerns_axiom(context) {
        return;
    }
    let format = context.source.format.syntax().name().to_uppercase();
    // A text refused at a limit of axiom-lint's own may be valid: neither "invalid" nor "fix
    // the syntax" is true of it, and the parser's side says what is.
    let (message, help) = match &error.refused {
        Some(help) => (
            format!("{format} not read: {}", error.message),
            help.clone(),
        ),
        None => {
            let rest = if context.tree.is_some() {
                "its credentials were still checked, read as leniently as possible".to_owned()
            } else {
                format!("the rest of this file is not checked until it parses as {format}")
            };
            (
                format!("invalid {format}: {}", error.message),
                format!("fix the syntax; {rest}"),
            )
        }
    };
    out.push(
        Diagnostic::new(Rule::ParseError, error.span.clone(), message)
            .with_label(error.message.clone())
            .with_help(help),
    );
}

/// What makes a file Axiom's business (DESIGN.md, AXL001): a mention of Axiom in its name or
/// text, a token prefix, or being a native credentials file.
fn concerns_axiom(context: &Context<'_>) -> bool {
    const NEEDLES: [&[u8]; 4] = [b"axiom", b"xaat", b"xapt", b"xait"];
    let mentions = |bytes: &[u8]| {
        NEEDLES.iter().any(|needle| {
            bytes
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle))
        })
    };
    context.native_credentials
        || mentions(context.source.file_name().as_bytes())
        || mentions(context.source.text.as_bytes())
}
