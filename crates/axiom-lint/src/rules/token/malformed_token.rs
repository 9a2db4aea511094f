//! AXL207 malformed-token: a value meant to be a real token, but wrong.

use axiom_lint_core::{MalformedToken as Problem, Redacted, unwrap_token};

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

use super::TokenUse;

rule_docs! {
    /// ## What it does
    /// Reports a token-field value that is meant to be a real token but would not work: a body
    /// that is not a canonical lowercase UUID (truncated, missing dashes, capital letters), the
    /// retired `xait-` prefix, a bare UUID, or `Bearer `, quotes or whitespace inside the value.
    /// A literal with the retired `xait-` prefix is reported wherever it is written, in any
    /// text file too.
    /// In an `Authorization` header `Bearer <token>` is right and not reported. Placeholders are
    /// never malformed.
    ///
    /// ## Why is this bad?
    /// The SDKs and the CLI reject a token with neither the `xaat-` nor the `xapt-` prefix
    /// ("invalid token"), and the API rejects anything else with 401. `xait-` ingest tokens were
    /// dropped in 2022; bare-UUID tokens predate 2021. `Bearer ` in a token field is sent as
    /// `Bearer Bearer …`.
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "Bearer ${AXIOM_TOKEN}"
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
    /// Removing whitespace, quotes or `Bearer ` is safe: the token itself is kept as is. Other
    /// problems need a new token and have no fix.
    pub(crate) struct MalformedToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for token in &context.token_uses {
        let Some(problem) = token.class.problem() else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            Rule::MalformedToken,
            token.token.field.span(),
            format!("token {} {}", token.describe(), problem.describe()),
        )
        .with_label("malformed token");
        diagnostic = match problem {
            Problem::BearerScheme | Problem::Quoted | Problem::Whitespace => {
                diagnostic = diagnostic.with_help("write the token alone, without `Bearer `, quotes or spaces");
                match unwrap_edits(context, token) {
                    Some(edits) => diagnostic.with_edits("Remove what surrounds the token", edits, Applicability::Safe),
                    None => diagnostic,
                }
            }
            Problem::RetiredPrefix | Problem::BareUuid => {
                diagnostic.with_help("create an API token (`xaat-`) in Axiom's settings; this one no longer works")
            }
            Problem::Uppercase | Problem::WrongShape => diagnostic
                .with_help("copy the token again from Axiom's settings: it is `xaat-` or `xapt-` and a lowercase UUID"),
        };
        out.push(diagnostic);
    }
    // A retired `xait-` token anywhere else (a text file, a field no dialect knows) is still
    // one that no longer works.
    let text = &context.source.text;
    for found in &context.prefix_scan.tokens {
        let token = &text[found.range.clone()];
        let retired = token
            .get(..5)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("xait-"));
        // Most tokens are not retired: the token fields are only searched for those.
        if !retired
            || context
                .token_uses
                .iter()
                .any(|token| token.token.field.span().contains(&found.range.start))
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::MalformedToken,
                found.range.clone(),
                format!(
                    "token `{}` {}",
                    Redacted(token),
                    Problem::RetiredPrefix.describe()
                ),
            )
            .with_label("malformed token")
            .with_help(
                "create an API token (`xaat-`) in Axiom's settings; this one no longer works",
            ),
        );
    }
}

/// Edits that delete what surrounds the token inside the string literal, leaving the token's
/// own bytes untouched (so the fix never carries the secret itself).
fn unwrap_edits(context: &Context<'_>, token: &TokenUse<'_>) -> Option<Vec<Edit>> {
    let span = token.token.field.span();
    let literal = context.source.text.get(span.clone())?;
    let stripped = unwrap_token(token.text);
    let offset = literal.find(stripped)?;
    let (start, end) = (span.start + offset, span.start + offset + stripped.len());
    // In an `Authorization` header, `Bearer ` is right and stays; only what is after it goes.
    let content = &token.token.field.content;
    let open = if token.token.authorization_header {
        span.start + literal.find(token.text)?
    } else {
        content.start
    };
    let close = content.end;
    let mut edits = Vec::new();
    if open < start {
        edits.push(Edit {
            span: open..start,
            replacement: String::new(),
        });
    }
    if end < close {
        edits.push(Edit {
            span: end..close,
            replacement: String::new(),
        });
    }
    (!edits.is_empty()).then_some(edits)
}
