//! AXL208 token-kind-mismatch: a declaration contradicts the token's prefix.

use axiom_lint_core::TokenKind;

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::Field;

rule_docs! {
    /// ## What it does
    /// Reports an explicit declaration that contradicts the token's prefix: a native
    /// `token_kind`, or a variable named for one kind (`AXIOM_PAT`, `AXIOM_PERSONAL_TOKEN`)
    /// holding the other. (`api_token` and `apiKey` holding a PAT are AXL204.)
    ///
    /// ## Why is this bad?
    /// Whoever reads the configuration trusts the declaration, and tools that take it at its
    /// word send the wrong headers (an org ID, or none). Official READMEs have labelled `xapt-`
    /// tokens "API token"; the prefix is what Axiom goes by.
    ///
    /// ## Example
    /// ```toml
    /// [connections.admin]
    /// subdomain = "api"
    /// token = "xapt-…"   # a personal access token
    /// token_kind = "api"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [connections.admin]
    /// subdomain = "api"
    /// token = "${AXIOM_TOKEN}"
    /// token_kind = "personal"
    /// org_id = "acme-ab12"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: either the declaration or the token is wrong.
    pub(crate) struct TokenKindMismatch;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        let Some(actual) = token.class.kind() else {
            continue;
        };
        let declared = token
            .declared_kind()
            .map(|kind| (kind, token.site.declared_kind().map(Field::span)))
            .or_else(|| {
                token
                    .token
                    .named_kind
                    .or_else(|| axiom_lint_core::kind_named_by(token.token.field.key))
                    .map(|kind| (kind, None))
            });
        let Some((declared, declaration)) = declared.filter(|(declared, _)| *declared != actual)
        else {
            continue;
        };
        let message = format!(
            "declared as {} {}, but `{}` is the prefix of {} {}",
            article(declared),
            declared.describe(),
            actual.prefix(),
            article(actual),
            actual.describe()
        );
        let diagnostic = match declaration {
            Some(span) => Diagnostic::new(Rule::TokenKindMismatch, span, message)
                .with_label("declaration")
                .with_secondary(token.span.clone(), format!("{} here", actual.describe())),
            None => {
                Diagnostic::new(Rule::TokenKindMismatch, token.span.clone(), message).with_label(
                    format!("{} in `{}`", actual.describe(), token.token.field.key),
                )
            }
        };
        out.push(diagnostic.with_help(
            "make the declaration match the token, or use the token the declaration names",
        ));
    }
}

fn article(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Api => "an",
        TokenKind::Personal => "a",
    }
}
