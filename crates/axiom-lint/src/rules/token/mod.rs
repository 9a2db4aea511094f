//! AXL2xx: tokens and org IDs. The shared facts about each token use (its class, whether its
//! site targets an edge, which PAT rule owns it) are worked out here once.

pub(crate) mod expired_token;
pub(crate) mod hardcoded_token;
pub(crate) mod insufficient_permissions;
pub(crate) mod malformed_org_id;
pub(crate) mod malformed_token;
pub(crate) mod org_id_in_terraform_provider;
pub(crate) mod org_id_with_api_token;
pub(crate) mod pat_verdict;
pub(crate) mod personal_token;
pub(crate) mod personal_token_on_edge;
pub(crate) mod personal_token_where_api_token_required;
pub(crate) mod personal_token_without_org_id;
pub(crate) mod public_env_token;
pub(crate) mod token_kind_mismatch;
pub(crate) mod unexpanded_reference;

use std::borrow::Cow;
use std::ops::Range;

use axiom_lint_core::{
    EdgeCatalog, Redacted, TokenClass, TokenKind, classify_token, classify_unwrapping,
    is_placeholder_for, kind_named_by,
};

use crate::dialect::TokenHelp;
use crate::registry::Rule;
use crate::rules::Context;
use crate::site::{Consumer, Dialect, Site, TokenField};

pub(crate) use pat_verdict::edge_field;

/// One token field with a text value, and what it holds.
#[derive(Debug, Clone)]
pub(crate) struct TokenUse<'a> {
    pub(crate) site: &'a Site<'a>,
    pub(crate) token: &'a TokenField<'a>,
    /// The class of the token itself (after `Bearer ` in an `Authorization` header).
    pub(crate) class: TokenClass,
    /// The token text as written (after `Bearer ` in an `Authorization` header).
    pub(crate) text: &'a str,
    /// The token's own bytes in the file (inside the quotes, after `Bearer `), where every
    /// finding about the token goes, so that one token reads as one place.
    pub(crate) span: Range<usize>,
    /// The one rule that reports how this personal access token is used, if it is one
    /// ([`pat_verdict`]).
    pub(crate) personal_token_rule: Option<Rule>,
    /// The token's kind ([`TokenUse::kind`]), worked out once: several rules ask.
    kind: Option<TokenKind>,
    /// Whether renderings mask the field's value: it is written as a literal secret, even one
    /// that repeats its key's name (masking errs toward hiding).
    pub(crate) masked: bool,
}

impl TokenUse<'_> {
    /// The token shown safely: `xaat-…8ec6`.
    pub(crate) fn redacted(&self) -> String {
        Redacted(self.text).to_string()
    }

    /// The token's kind: from its prefix, else from an explicit declaration (`token_kind`,
    /// a variable named `AXIOM_PAT`), so references such as `${AXIOM_TOKEN}` can have one too.
    pub(crate) fn kind(&self) -> Option<TokenKind> {
        self.kind
    }

    /// [`TokenUse::kind`], worked out; `named` is what the key and the text name
    /// ([`TextVerdict::named`]).
    fn find_kind(&self, named: Option<TokenKind>) -> Option<TokenKind> {
        self.class.kind().or_else(|| {
            // An empty value (`AXIOM_PAT=` in a `.env.example`) holds no token of any kind.
            if self.class.is_secret() || self.class == TokenClass::Empty {
                return None;
            }
            self.declared_kind().or(self.token.named_kind).or(named)
        })
    }

    /// The kind the site's `token_kind` field declares.
    pub(crate) fn declared_kind(&self) -> Option<TokenKind> {
        match self.site.declared_kind()?.text()?.trim() {
            "api" => Some(TokenKind::Api),
            "personal" => Some(TokenKind::Personal),
            _ => None,
        }
    }

    /// Whether the token is a personal access token.
    pub(crate) fn is_personal(&self) -> bool {
        self.kind() == Some(TokenKind::Personal)
    }

    /// How to name the token in a message: redacted if it is a literal, by its field otherwise.
    pub(crate) fn describe(&self) -> String {
        if self.class.is_secret() {
            format!("`{}`", self.redacted())
        } else {
            format!("in `{}`", self.token.field.key)
        }
    }
}

/// Every token field holding text, in source order, classified once for all token rules.
pub(crate) fn token_uses<'a>(
    source_text: &str,
    sites: &'a [Site<'a>],
    edges: &EdgeCatalog,
) -> Vec<TokenUse<'a>> {
    // Nearly every token field holds text: sized once, the list is never moved as it grows.
    let mut uses = Vec::with_capacity(sites.iter().map(|site| site.tokens.len()).sum());
    // Neighbouring sites mostly repeat one value (`${AXIOM_TOKEN}` in sink after sink): the
    // last reading of a text is reused.
    let mut last: Option<(TextQuestion<'a>, TextVerdict)> = None;
    let found = sites
        .iter()
        .flat_map(|site| site.tokens.iter().map(move |token| (site, token)))
        .filter_map(|(site, token)| {
            let question = TextQuestion {
                key: token.field.key,
                raw: token.field.text()?,
                authorization_header: token.authorization_header,
            };
            let verdict = match &last {
                Some((asked, verdict)) if *asked == question => *verdict,
                _ => {
                    let verdict = TextVerdict::of(&question);
                    last = Some((question, verdict));
                    verdict
                }
            };
            let text = question.text();
            let mut token_use = TokenUse {
                site,
                token,
                class: verdict.class,
                text,
                span: token_span(
                    source_text,
                    token,
                    text.get(verdict.bare.0..verdict.bare.1).unwrap_or_default(),
                ),
                personal_token_rule: None,
                kind: None,
                masked: verdict.masked,
            };
            token_use.kind = token_use.find_kind(verdict.named);
            token_use.personal_token_rule = pat_verdict::verdict(&token_use, edges);
            Some(token_use)
        });
    uses.extend(found);
    uses
}

/// What a token field's reading depends on, apart from its site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextQuestion<'a> {
    key: &'a str,
    raw: &'a str,
    authorization_header: bool,
}

impl<'a> TextQuestion<'a> {
    /// The token text (after `Bearer ` in an `Authorization` header).
    fn text(&self) -> &'a str {
        if self.authorization_header {
            after_bearer(self.raw)
        } else {
            self.raw
        }
    }
}

/// A token field's reading that its site does not change.
#[derive(Debug, Clone, Copy)]
struct TextVerdict {
    class: TokenClass,
    /// Where the bare token is in the text, as byte offsets.
    bare: (usize, usize),
    masked: bool,
    /// The kind the key names, else the kind a reference's variable names (`${AXIOM_PAT}`);
    /// only worked out for values that are not literal tokens, as only those ask.
    named: Option<TokenKind>,
}

impl TextVerdict {
    fn of(question: &TextQuestion<'_>) -> Self {
        let text = question.text();
        let classified = classify_field(question.key, text);
        // Masking judges the value as written, `Bearer ` included.
        let masked = if question.authorization_header {
            classify_token(question.raw).is_secret()
        } else {
            classified.written.is_secret()
        };
        let class = classified.class;
        let named = if class.kind().is_some() || class.is_secret() || class == TokenClass::Empty {
            None
        } else {
            kind_named_by(question.key).or_else(|| {
                // `${AXIOM_PAT}`: the variable's name says what it holds.
                matches!(class, TokenClass::EnvReference { .. })
                    .then(|| kind_named_by(text))
                    .flatten()
            })
        };
        // Peeling only ever shortens the text, so the bare token is a slice of it.
        let start = (classified.bare.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let end = start.wrapping_add(classified.bare.len());
        let bare = if text.get(start..end) == Some(classified.bare) {
            (start, end)
        } else {
            debug_assert!(false, "the bare token is not a slice of its text");
            (0, 0)
        };
        Self {
            class,
            bare,
            masked,
            named,
        }
    }
}

/// A token field's text, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Classified<'t> {
    /// What the rules see: a literal that repeats its key's name is a placeholder.
    class: TokenClass,
    /// What the text is on its own ([`classify_token`]).
    written: TokenClass,
    /// The token inside its wrappings ([`axiom_lint_core::unwrap_token`]).
    bare: &'t str,
}

fn classify_field<'t>(key: &str, text: &'t str) -> Classified<'t> {
    let (written, bare) = classify_unwrapping(text);
    // `AXIOM_TOKEN: axiom-token` names its key: a stand-in, whatever its shape. Only a literal
    // can be one (a reference or an empty value is never a placeholder), so only a literal
    // needs the look.
    let class = if written.is_secret() && is_placeholder_for(key, bare) {
        TokenClass::Placeholder
    } else {
        written
    };
    Classified {
        class,
        written,
        bare,
    }
}

/// Where the token itself is in the file: its unwrapped text inside the field's content, or
/// the whole content where the literal spells it differently (escapes).
fn token_span(source_text: &str, token: &TokenField<'_>, bare: &str) -> Range<usize> {
    let span = token.field.content.clone();
    if bare.is_empty() {
        return span;
    }
    let Some(literal) = source_text.get(span.clone()) else {
        return span;
    };
    // Most values are written as they are, without escapes or wrappings: no search needed.
    let offset = if literal.starts_with(bare) {
        Some(0)
    } else {
        memchr::memmem::find(literal.as_bytes(), bare.as_bytes())
    };
    offset.map_or(span.clone(), |offset| {
        span.start + offset..span.start + offset + bare.len()
    })
}

/// The token in an `Authorization` header value, where `Bearer ` is the right form.
fn after_bearer(value: &str) -> &str {
    let trimmed = value.trim();
    axiom_lint_core::strip_bearer(trimmed).unwrap_or(trimmed)
}

/// How to keep a token out of a file, in the dialect's own terms, with any line to write in
/// the file's own syntax.
pub(crate) fn reference_help(dialect: Dialect, context: &Context<'_>) -> Cow<'static, str> {
    match dialect.row().token_help {
        TokenHelp::WriteTokenLine(after) => format!(
            "write `{}`{after}",
            context.assignment("token", "${AXIOM_TOKEN}")
        )
        .into(),
        TokenHelp::Text(help) => help.into(),
        TokenHelp::ConsumerOr(help) => consumer_help(dialect, context)
            .or_else(|| terraform_help(&context.source.path))
            .unwrap_or(help)
            .into(),
    }
}

/// In a Terraform file, `${…}` is Terraform's own expression, never the environment
/// (`"${AXIOM_TOKEN}"` is an invalid reference there): a token anywhere in one (a Kubernetes
/// `env` in a resource, a file not read) is passed in a sensitive variable instead, and a
/// variables file, which holds no expressions, leaves the value to the environment.
fn terraform_help(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".tfvars") || lower.ends_with(".tfvars.json") {
        Some(
            "remove the value from the variables file and set the variable with `TF_VAR_<name>` from a secret store",
        )
    } else if lower.ends_with(".tf") || lower.ends_with(".tf.json") {
        Some(
            "pass the token in a sensitive variable, set with `TF_VAR_axiom_token`: `var.axiom_token`, or `${var.axiom_token}` inside a string or heredoc (and in `*.tf.json`); Terraform reads `${…}` as its own expression, not the environment",
        )
    } else {
        None
    }
}

/// Where the program reading the file sends `${V}` as written (Claude Desktop, Zed,
/// wrangler `[vars]`), suggesting it would only trade AXL201 for AXL213: that program's own
/// advice names the form it expands, or where the value belongs instead.
fn consumer_help(dialect: Dialect, context: &Context<'_>) -> Option<&'static str> {
    let consumer = context
        .sites
        .iter()
        .filter(|site| site.dialect == dialect)
        .map(|site| site.consumer)
        .find(|consumer| *consumer != Consumer::Unknown)
        .unwrap_or_else(|| crate::dialect::consumer::by_path(&context.source.path));
    consumer
        .expansion()
        .filter(|expansion| {
            !expansion.help.is_empty()
                && expansion
                    .literal
                    .iter()
                    .any(|(form, _)| *form == crate::dialect::consumer::ReferenceForm::Braced)
        })
        .map(|expansion| expansion.help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axiom_lint_core::unwrap_token;
    use proptest::prelude::*;

    /// Classifying once, and asking about the key only for literals, agrees with the
    /// definition: the key's verdict first, then the class of the text.
    #[test]
    fn classifying_a_field_once_agrees_with_the_definition() {
        let pieces = prop::sample::select(vec![
            "xaat-",
            "xapt-",
            "Bearer ",
            "bearer",
            " ",
            "\n",
            "\u{a0}",
            "'",
            "\"",
            "`",
            "${",
            "{{",
            "}}",
            "}",
            "$",
            "(",
            ")",
            "%",
            "AXIOM_TOKEN",
            "axiom-token",
            "your",
            "2b1e1f4a-3c4d-4e5f-8a9b-0c1d2e3f8ec6",
            "2b1e1f4a3c4d",
            "s3cr3t-v4lue",
            "é",
        ]);
        let keys = prop::sample::select(vec!["token", "AXIOM_TOKEN", "api_token", ""]);
        proptest!(ProptestConfig::with_cases(4096), |(parts in prop::collection::vec(pieces, 0..7), key in keys)| {
            let text = parts.concat();
            let classified = classify_field(key, &text);
            let class = if is_placeholder_for(key, unwrap_token(&text)) {
                TokenClass::Placeholder
            } else {
                classify_token(&text)
            };
            prop_assert_eq!(classified.class, class, "{:?}", text);
            prop_assert_eq!(classified.written, classify_token(&text), "{:?}", text);
            prop_assert_eq!(classified.bare, unwrap_token(&text), "{:?}", text);
        });
    }

    /// The short cut for values written as they are finds the first occurrence, like a search.
    #[test]
    fn token_span_is_the_first_occurrence_of_the_bare_token() {
        use crate::site::Field;
        let text = "t = \" ${A} ${A}\"\nu = \"${A}\"\n";
        let cases = [
            (5..15, 6..15),
            (22..26, 22..26),
            (5..9, 6..9),
            (4..16, 6..15),
        ];
        for (content, expected) in cases {
            let literal = &text[content.clone()];
            let bare = unwrap_token(literal);
            let field = Field::carved("t", 0..1, literal.into(), content.clone());
            let token = TokenField::plain(field);
            let span = token_span(text, &token, bare);
            assert_eq!(span, expected, "{literal:?}");
            assert_eq!(
                text[content.clone()].find(bare).map(|o| content.start + o),
                Some(span.start).filter(|_| !bare.is_empty())
            );
        }
    }
}
