//! What a value in a token position is: a working token, a malformed one, a reference or a
//! placeholder, peeled of its quotes and `Bearer `.

use crate::placeholder::{is_placeholder, is_placeholder_uuid};
use crate::value::{is_env_reference, is_uuid, trim};

use super::kind::{MalformedToken, TokenKind, TokenPrefix};

/// What a value in a token position is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// Nothing, or only whitespace.
    Empty,
    /// A reference resolved at run time, such as `${AXIOM_TOKEN}` or `${{ secrets.AXIOM_TOKEN }}`.
    EnvReference {
        /// What wraps the reference and would end up around the token (`Bearer ${X}`).
        problem: Option<MalformedToken>,
    },
    /// An obvious stand-in such as `xaat-your-api-token` or `xapt-xxx`: never a secret, never malformed.
    Placeholder,
    /// A literal that would authenticate (or was meant to): a secret in the file.
    Literal {
        /// The prefix it carries, if any.
        prefix: Option<TokenPrefix>,
        /// Why it would not work as written, if it would not.
        problem: Option<MalformedToken>,
    },
}

impl TokenClass {
    /// The token kind its prefix declares, even when malformed.
    pub fn kind(self) -> Option<TokenKind> {
        match self {
            Self::Literal {
                prefix: Some(prefix),
                ..
            } => prefix.kind(),
            _ => None,
        }
    }

    /// Whether the value is a literal secret (would authenticate, or was meant to).
    pub fn is_secret(self) -> bool {
        matches!(self, Self::Literal { .. })
    }

    /// Why the value would not work, if it is a literal or reference meant to be a token.
    pub fn problem(self) -> Option<MalformedToken> {
        match self {
            Self::Literal { problem, .. } | Self::EnvReference { problem } => problem,
            _ => None,
        }
    }
}

/// The kind a name declares: `AXIOM_PAT`, `personal_token`, `${{ secrets.AXIOM_PAT }}` name a
/// personal access token. (Names with "API" are not taken as declarations: `AXIOM_API_TOKEN`
/// is just as often a PAT by mistake, which is what the rules are for.)
pub fn kind_named_by(name: &str) -> Option<TokenKind> {
    let bytes = name.as_bytes();
    // Both words start with a `p`, which most names (`AXIOM_TOKEN`) lack. Names are short:
    // a plain loop beats setting up a vector search.
    if !bytes.iter().any(|b| (b | 0x20) == b'p') {
        return None;
    }
    // Split on bytes, not characters: every byte of a character outside ASCII separates words
    // just as the character does.
    bytes
        .split(|b| !b.is_ascii_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case(b"pat") || word.eq_ignore_ascii_case(b"personal"))
        .then_some(TokenKind::Personal)
}

/// Classifies the whole value of a token field.
pub fn classify_token(raw: &str) -> TokenClass {
    classify_unwrapping(raw).0
}

/// Classifies the whole value of a token field ([`classify_token`]) and gives the token
/// inside its wrappings ([`unwrap_token`]): both peel the same layers, so callers that need
/// both peel once.
pub fn classify_unwrapping(raw: &str) -> (TokenClass, &str) {
    let mut problem = None;
    let mut value = trim(raw);
    if value.is_empty() {
        return (TokenClass::Empty, value);
    }
    if value.len() != raw.len() {
        problem = Some(MalformedToken::Whitespace);
    }
    // Wrappings nest (`Bearer '…'`, `"Bearer …"`): peel them until none is left; the outermost
    // one found is the one to fix first.
    loop {
        // Every layer peeled leaves a shorter slice of the same text.
        let before = value.len();
        let trimmed = trim(value);
        if trimmed.len() != value.len() {
            problem = problem.or(Some(MalformedToken::Whitespace));
            value = trimmed;
        }
        if let Some(inner) = strip_quotes(value) {
            problem = problem.or(Some(MalformedToken::Quoted));
            value = inner;
        }
        if let Some(inner) = strip_bearer(value) {
            problem = problem.or(Some(MalformedToken::BearerScheme));
            value = inner;
        }
        if value.len() == before {
            break;
        }
    }
    if value.is_empty() {
        return (TokenClass::Empty, value);
    }
    if is_env_reference(value) {
        return (TokenClass::EnvReference { problem }, value);
    }
    let class = match classify_bare(value) {
        TokenClass::Literal {
            prefix,
            problem: own,
        } => TokenClass::Literal {
            prefix,
            // A wrapping problem (quotes, `Bearer `) is the one to fix first.
            problem: problem.or(own),
        },
        other => other,
    };
    (class, value)
}

/// Real credentials are 36 characters or more; anything under this is a stand-in.
const SHORTEST_SECRET: usize = 8;

fn classify_bare(value: &str) -> TokenClass {
    let Some(prefix) = TokenPrefix::of(value) else {
        if is_uuid(value) && !is_placeholder_uuid(value) {
            return TokenClass::Literal {
                prefix: None,
                problem: Some(MalformedToken::BareUuid),
            };
        }
        if value.chars().count() < SHORTEST_SECRET || is_placeholder(value) {
            return TokenClass::Placeholder;
        }
        return TokenClass::Literal {
            prefix: None,
            problem: None,
        };
    };
    let body = &value[5..];
    let literal = |problem| TokenClass::Literal {
        prefix: Some(prefix),
        problem,
    };
    if is_uuid(body) {
        if is_placeholder_uuid(body) {
            return TokenClass::Placeholder;
        }
        if value.bytes().any(|b| b.is_ascii_uppercase()) {
            return literal(Some(MalformedToken::Uppercase));
        }
        if prefix == TokenPrefix::RetiredIngest {
            return literal(Some(MalformedToken::RetiredPrefix));
        }
        return literal(None);
    }
    if looks_like_mangled_uuid(body) && !is_placeholder(body) {
        return literal(Some(MalformedToken::WrongShape));
    }
    TokenClass::Placeholder
}

/// The token inside whitespace, quotes and `Bearer `, as written.
pub fn unwrap_token(value: &str) -> &str {
    let mut value = value;
    loop {
        // Every layer peeled leaves a shorter slice of the same text.
        let before = value.len();
        value = trim(value);
        value = strip_quotes(value).unwrap_or(value);
        value = strip_bearer(value).unwrap_or(value);
        if value.len() == before {
            return value;
        }
    }
}

fn strip_quotes(value: &str) -> Option<&str> {
    let bytes = value.as_bytes();
    let first = *bytes.first()?;
    let last = *bytes.last()?;
    (value.len() >= 2 && matches!(first, b'"' | b'\'' | b'`') && first == last)
        .then(|| &value[1..value.len() - 1])
}

/// The credential after an `Authorization` header's `Bearer ` scheme (any case), trimmed.
pub fn strip_bearer(value: &str) -> Option<&str> {
    let head = value.get(..7)?;
    head.eq_ignore_ascii_case("bearer ")
        .then(|| trim(&value[7..]))
}

/// A body of hex digits and dashes that someone clearly meant as a token but got wrong: cut
/// short, grouped wrongly, or with a stray character or two typed into it (`…9a8b#0c1d…`).
fn looks_like_mangled_uuid(body: &str) -> bool {
    /// More than this many other characters and the body is words, not a damaged token.
    const MOST_STRAYS: usize = 2;
    let hex = body.bytes().filter(u8::is_ascii_hexdigit).count();
    let distinct = body
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|b| b.to_ascii_lowercase())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let strays = body
        .bytes()
        .filter(|b| *b != b'-' && !b.is_ascii_hexdigit())
        .count();
    let strays_are_typed = body.bytes().all(|b| b.is_ascii_graphic());
    strays <= MOST_STRAYS && strays_are_typed && hex >= 16 && distinct >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Peeling as [`unwrap_token`] was first written: whole-text comparisons, `str::trim`.
    fn unwrap_by_definition(value: &str) -> &str {
        let mut value = value;
        loop {
            let before = value;
            value = value.trim();
            value = strip_quotes(value).unwrap_or(value);
            value = match value.get(..7) {
                Some(head) if head.eq_ignore_ascii_case("bearer ") => value[7..].trim(),
                _ => value,
            };
            if value == before {
                return value;
            }
        }
    }

    const API: &str = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";
    const PAT: &str = "xapt-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";

    fn literal(prefix: Option<TokenPrefix>, problem: Option<MalformedToken>) -> TokenClass {
        TokenClass::Literal { prefix, problem }
    }

    /// The byte-wise, early-exit forms agree with their definitions.
    #[test]
    fn fast_forms_agree_with_their_definitions() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "pat", "PAT", "personal", "p", "_", "-", "é", "${", "}", " ", "\u{a0}", "\n", "AXIOM",
            "Bearer ", "'", "xaat-", "token", "\u{2028}", "\t",
        ]);
        proptest!(ProptestConfig::with_cases(2048), |(parts in prop::collection::vec(pieces, 0..7))| {
            let text = parts.concat();
            let by_words = text
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| word.eq_ignore_ascii_case("pat") || word.eq_ignore_ascii_case("personal"))
                .then_some(TokenKind::Personal);
            prop_assert_eq!(kind_named_by(&text), by_words, "{:?}", &text);
            prop_assert_eq!(trim(&text), text.trim(), "{:?}", &text);
            let (class, bare) = classify_unwrapping(&text);
            prop_assert_eq!(class, classify_token(&text));
            prop_assert_eq!(bare, unwrap_token(&text));
            prop_assert_eq!(bare, unwrap_by_definition(&text), "{:?}", &text);
        });
    }

    #[test]
    fn names_can_declare_a_personal_token() {
        for name in [
            "AXIOM_PAT",
            "personal_token",
            "${{ secrets.AXIOM_PAT }}",
            "axiom-personal-token",
        ] {
            assert_eq!(kind_named_by(name), Some(TokenKind::Personal), "{name}");
        }
        for name in ["AXIOM_TOKEN", "patch", "PATH", "api_token"] {
            assert_eq!(kind_named_by(name), None, "{name}");
        }
    }

    #[test]
    fn valid_tokens_have_a_kind() {
        assert_eq!(classify_token(API), literal(Some(TokenPrefix::Api), None));
        assert_eq!(classify_token(PAT).kind(), Some(TokenKind::Personal));
        assert!(classify_token(PAT).is_secret());
    }

    #[test]
    fn placeholders_are_never_secrets_or_malformed() {
        for value in [
            "xaat-xyz",
            "xaat-test",
            "xapt-123",
            "xaat-your-api-token",
            "xapt-xxx",
            "xaat-...",
            "API_TOKEN",
            "xaat-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX",
            "xaat-00000000-0000-0000-0000-000000000000",
            "xaat-12345678-1234-1234-1234-123456789012",
            "xaat-a1b2c3d4-e5f6-7890-abcd-ef1234567890",
            "xapt-123e4567-e89b-12d3-a456-426614174000",
            "your-api-token",
            "xxx",
            "test",
            "123",
            "<token>",
            "changeme-please",
        ] {
            assert_eq!(classify_token(value), TokenClass::Placeholder, "{value}");
        }
    }

    #[test]
    fn env_references_are_not_literals() {
        for value in [
            "${AXIOM_TOKEN}",
            "${{ secrets.AXIOM_TOKEN }}",
            "$AXIOM_TOKEN",
            "${env:AXIOM_TOKEN}",
            "{{ .Values.axiom.token }}",
            "%AXIOM_TOKEN%",
        ] {
            assert_eq!(classify_token(value).problem(), None, "{value}");
            assert!(
                matches!(classify_token(value), TokenClass::EnvReference { .. }),
                "{value}"
            );
        }
        assert_eq!(
            classify_token("Bearer ${AXIOM_TOKEN}"),
            TokenClass::EnvReference {
                problem: Some(MalformedToken::BearerScheme)
            }
        );
        assert_eq!(
            classify_token("${AXIOM_TOKEN}\n").problem(),
            Some(MalformedToken::Whitespace)
        );
        assert!(!is_env_reference("$"));
        assert!(!is_env_reference("${}"));
        assert!(is_env_reference("$(AXIOM_TOKEN)"));
        assert!(is_env_reference("${env:AXIOM_TOKEN}"));
        assert!(!is_env_reference("$()"));
    }

    #[test]
    fn malformed_tokens_say_why() {
        let cases = [
            (
                API.to_uppercase(),
                Some(TokenPrefix::Api),
                MalformedToken::Uppercase,
            ),
            (
                API.replace("xaat", "xait"),
                Some(TokenPrefix::RetiredIngest),
                MalformedToken::RetiredPrefix,
            ),
            (
                API[..30].to_owned(),
                Some(TokenPrefix::Api),
                MalformedToken::WrongShape,
            ),
            (
                format!("xaat-{}", API[5..].replace('-', "")),
                Some(TokenPrefix::Api),
                MalformedToken::WrongShape,
            ),
            (
                format!("Bearer {PAT}"),
                Some(TokenPrefix::Personal),
                MalformedToken::BearerScheme,
            ),
            (
                format!("'{API}'"),
                Some(TokenPrefix::Api),
                MalformedToken::Quoted,
            ),
            (
                format!("{API}\n"),
                Some(TokenPrefix::Api),
                MalformedToken::Whitespace,
            ),
            (API[5..].to_owned(), None, MalformedToken::BareUuid),
        ];
        for (value, prefix, problem) in cases {
            assert_eq!(
                classify_token(&value),
                literal(prefix, Some(problem)),
                "{problem:?}"
            );
        }
    }

    #[test]
    fn unknown_literals_are_still_secrets() {
        let class = classify_token("s3cr3t-v4lue-that-is-long");
        assert_eq!(class, literal(None, None));
        assert!(class.is_secret());
    }
}
