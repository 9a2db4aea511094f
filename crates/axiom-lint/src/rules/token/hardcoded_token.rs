//! AXL201 hardcoded-token: a literal that would authenticate, written in the file.

use axiom_lint_core::{Redacted, find_tokens};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::Dialect;

use super::reference_help;

rule_docs! {
    /// ## What it does
    /// Reports a literal token: any `xaat-`, `xapt-` or `xait-` prefix followed by a
    /// UUID-shaped body (in any case) anywhere in the file, even inside a longer string
    /// (`Bearer xaat-…`, a shell line), in a comment or in a file that does not parse; and any
    /// other literal in a token field (a bare UUID, an unprefixed secret). Placeholders such as
    /// `xaat-your-api-token`, `xapt-xxx` or `xaat-XXXXXXXX-XXXX-…` and references such as
    /// `${AXIOM_TOKEN}` or `${{ secrets.AXIOM_TOKEN }}` are not reported.
    ///
    /// ## Why is this bad?
    /// A token in a file ends up in version control, backups, CI logs and every clone. Axiom
    /// tokens do not expire unless you set an expiry, and a personal access token controls
    /// your whole account. No mainstream secret scanner has an Axiom rule.
    ///
    /// axiom-lint itself never prints a token: messages show `xaat-…8ec6` and source
    /// excerpts are masked.
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "xaat-…"   # a real API token
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "${AXIOM_TOKEN}"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: rewriting the value would break the deployment until the variable is set.
    /// Rotate the token in Axiom's settings: once committed, it is leaked.
    pub(crate) struct HardcodedToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let text = &context.source.text;
    for found in find_tokens(text) {
        let token = &text[found.range.clone()];
        let dialect = owner(context, found.range.start);
        let diagnostic = Diagnostic::new(
            Rule::HardcodedToken,
            found.range.clone(),
            format!("hardcoded Axiom token `{}`", Redacted(token)),
        )
        .with_label("token written in the file")
        .with_help(format!(
            "{}; then rotate this token, it is leaked",
            reference_help(dialect)
        ));
        out.push(diagnostic);
    }
    // Tokens the raw text hides behind escapes (`\u002d`) or TOML line continuations.
    let hidden = context
        .tree
        .map(|tree| crate::redact::hidden_tokens(text, tree))
        .unwrap_or_default();
    for (span, token) in &hidden {
        out.push(
            Diagnostic::new(
                Rule::HardcodedToken,
                span.clone(),
                format!(
                    "hardcoded Axiom token `{}`, escaped or split",
                    Redacted(token)
                ),
            )
            .with_label("token written in the file")
            .with_help(format!(
                "{}; then rotate this token, it is leaked",
                reference_help(owner(context, span.start))
            )),
        );
    }
    // Literals the text scan cannot recognise: bare UUIDs and other unprefixed secrets.
    for token in &context.token_uses {
        let field_span = token.token.field.span();
        let scanned = find_tokens(&text[field_span.clone()]).next().is_some()
            || hidden.iter().any(|(hidden, _)| *hidden == field_span);
        if !token.class.is_secret() || scanned {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::HardcodedToken,
                token.span.clone(),
                format!(
                    "hardcoded secret `{}` in `{}`",
                    token.redacted(),
                    token.token.field.key
                ),
            )
            .with_label("secret written in the file")
            .with_help(format!(
                "{}; then rotate this token, it is leaked",
                reference_help(token.site.dialect)
            )),
        );
    }
}

/// The dialect of the site the token is in, for help in that dialect's terms.
fn owner(context: &Context<'_>, offset: usize) -> Dialect {
    context
        .sites
        .iter()
        .filter(|site| {
            site.node.span.contains(&offset)
                || site.tokens.iter().any(|t| t.field.span().contains(&offset))
        })
        .map(|site| site.dialect)
        .next_back()
        .unwrap_or(Dialect::Generic)
}
