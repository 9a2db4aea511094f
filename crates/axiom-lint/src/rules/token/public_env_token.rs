//! AXL211 public-env-token: a token in a variable that is shipped to browsers.

use axiom_lint_core::{TokenClass, TokenKind};

use crate::diagnostic::Diagnostic;
use crate::registry::Severity;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a token in a browser-exposed variable (`NEXT_PUBLIC_*`, `VITE_*`, `PUBLIC_*`):
    /// an error for a personal access token, a warning for an API token or a literal of
    /// unknown kind. A reference whose kind nothing declares (`${{ secrets.X }}`,
    /// `${AXIOM_TOKEN}`) is an info only: there is no literal to judge, and an ingest-only API
    /// token is a fine thing to ship, so the run does not fail on it; the note is kept because
    /// whatever the reference resolves to at build time is inlined into every page.
    ///
    /// ## Why is this bad?
    /// Bundlers inline these variables into the JavaScript every visitor downloads. A personal
    /// access token there hands your whole Axiom account to anyone who opens the developer
    /// tools. An API token there is public too: it must be a basic, ingest-only token for the
    /// one dataset the browser writes to.
    ///
    /// ## Example
    /// ```json
    /// { "env": { "NEXT_PUBLIC_AXIOM_TOKEN": "xapt-…" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "env": { "AXIOM_TOKEN": "${AXIOM_TOKEN}" } }
    /// ```
    /// and send events through your server (next-axiom's proxy route), or use a basic
    /// ingest-only API token.
    ///
    /// ## Fix safety
    /// No fix: move the token server-side and rotate it.
    pub(crate) struct PublicEnvToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        if !token.token.public {
            continue;
        }
        let (severity, what) = match token.kind() {
            Some(TokenKind::Personal) => {
                if token.personal_token_rule != Some(Rule::PublicEnvToken) {
                    continue;
                }
                (
                    Severity::Error,
                    "a personal access token, full control of your account,",
                )
            }
            Some(TokenKind::Api) => (Severity::Warning, "an API token"),
            // Whatever the reference resolves to at build time is inlined just the same, but
            // without a literal there is nothing to judge: a note, not a failure.
            None if matches!(token.class, TokenClass::EnvReference { .. }) => (
                Severity::Info,
                "whatever this reference holds at build time",
            ),
            None if !matches!(token.class, TokenClass::Empty | TokenClass::Placeholder) => {
                (Severity::Warning, "a token")
            }
            None => continue,
        };
        out.push(
            Diagnostic::new(
                Rule::PublicEnvToken,
                token.span.clone(),
                format!("`{}` ships {what} to every browser", token.token.field.key),
            )
            .with_severity(severity)
            .with_label("exposed to browsers")
            .with_help("keep the token in a server-side variable and proxy events through your server, or use a basic ingest-only API token"),
        );
    }
}
