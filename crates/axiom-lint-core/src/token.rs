//! Axiom token classification and the redacted form, the only way a token is ever displayed.
//!
//! Axiom tokens are a prefix (`xaat-` API, `xapt-` personal, retired `xait-`) followed by a
//! lowercase canonical UUID. SDKs classify by prefix only; the shape of the body is what Nango
//! validates (AXIOM.md, "Tokens").

use std::fmt;
use std::ops::Range;

use crate::placeholder::{is_placeholder, is_placeholder_uuid};
use crate::value::{is_env_reference, is_uuid, trim};

/// The kind of a working token, as its prefix declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `xaat-`: an API token, basic or advanced, scoped to chosen datasets and capabilities.
    Api,
    /// `xapt-`: a personal access token with full control of the user's account.
    Personal,
}

impl TokenKind {
    /// The prefix this kind of token starts with.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Api => "xaat-",
            Self::Personal => "xapt-",
        }
    }

    /// The name users know this kind by.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Api => "API token",
            Self::Personal => "personal access token",
        }
    }
}

/// A token prefix as found in text, including the retired ingest prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPrefix {
    /// `xaat-`
    Api,
    /// `xapt-`
    Personal,
    /// `xait-`: ingest tokens, retired in 2022.
    RetiredIngest,
}

impl TokenPrefix {
    const ALL: [(Self, &'static str); 3] = [
        (Self::Api, "xaat-"),
        (Self::Personal, "xapt-"),
        (Self::RetiredIngest, "xait-"),
    ];

    /// The canonical lowercase prefix, such as `xaat-`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "xaat-",
            Self::Personal => "xapt-",
            Self::RetiredIngest => "xait-",
        }
    }

    /// The token kind this prefix stands for; retired ingest tokens have none.
    pub fn kind(self) -> Option<TokenKind> {
        match self {
            Self::Api => Some(TokenKind::Api),
            Self::Personal => Some(TokenKind::Personal),
            Self::RetiredIngest => None,
        }
    }

    /// The prefix `text` starts with, in any case.
    fn of(text: &str) -> Option<Self> {
        let head = text.get(..5)?;
        Self::ALL
            .iter()
            .find(|(_, prefix)| head.eq_ignore_ascii_case(prefix))
            .map(|(prefix, _)| *prefix)
    }
}

/// Why a value that is meant to be a real token would not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MalformedToken {
    /// The retired `xait-` prefix: no current Axiom API accepts it.
    RetiredPrefix,
    /// A bare UUID: tokens before 2021 had no prefix; today's SDKs reject them.
    BareUuid,
    /// Capital letters in the prefix or body; tokens are all lowercase.
    Uppercase,
    /// A hex-and-dash body that is not a canonical UUID (truncated, missing dashes, …).
    WrongShape,
    /// `Bearer ` in front of the token, which belongs in an `Authorization` header only.
    BearerScheme,
    /// Quotes inside the value, usually from copying a shell line.
    Quoted,
    /// Leading or trailing whitespace or a newline.
    Whitespace,
}

impl MalformedToken {
    /// A sentence saying what is wrong, for diagnostics.
    pub fn describe(self) -> &'static str {
        match self {
            Self::RetiredPrefix => {
                "uses the retired `xait-` ingest-token prefix, which Axiom dropped in 2022"
            }
            Self::BareUuid => {
                "is a bare UUID; tokens without an `xaat-` or `xapt-` prefix are rejected as invalid"
            }
            Self::Uppercase => "contains capital letters; Axiom tokens are all lowercase",
            Self::WrongShape => {
                "has a body that is not a canonical UUID (8-4-4-4-12 lowercase hex digits)"
            }
            Self::BearerScheme => {
                "starts with `Bearer `, which belongs in an `Authorization` header, not in a token field"
            }
            Self::Quoted => "contains quote characters around the token",
            Self::Whitespace => "has leading or trailing whitespace",
        }
    }
}

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

fn strip_bearer(value: &str) -> Option<&str> {
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

/// A prefixed, UUID-shaped token found inside a longer text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundToken {
    /// Byte range of the whole token (prefix and body) in the scanned text.
    pub range: Range<usize>,
    /// Its prefix.
    pub prefix: TokenPrefix,
}

/// Finds every prefixed token with a UUID-shaped body (any case) in `text`: in `Bearer xaat-…`,
/// in a shell line, in a file that failed to parse, pasted twice in a row. Placeholders are
/// skipped. No word boundary is required: a token glued to other text is still a token.
pub fn find_tokens(text: &str) -> impl Iterator<Item = FoundToken> + '_ {
    // Every token starts with an `x`, a rare byte in configuration text, where dashes are
    // everywhere: looking for prefixes first visits a handful of places per file. (A UUID run
    // cannot reach into a prefix, whose `x` and `t` are not hex digits, so this finds what
    // matching prefixes to the UUID runs of `find_uuid_runs` would.)
    let bytes = text.as_bytes();
    let mut from = if holds_token_start(bytes) {
        0
    } else {
        bytes.len()
    };
    std::iter::from_fn(move || {
        while let Some(offset) = memchr::memchr2(b'x', b'X', bytes.get(from..)?) {
            let start = from + offset;
            from = start + 1;
            if let Some(found) = token_at(text, start) {
                from = found.range.end;
                return Some(found);
            }
        }
        None
    })
}

/// The token that starts at `start`: a plain prefix and a UUID-shaped body that is not a
/// placeholder.
fn token_at(text: &str, start: usize) -> Option<FoundToken> {
    const TOKEN_LEN: usize = 5 + 36;
    let prefix = text.get(start..start + 5).and_then(TokenPrefix::of)?;
    let body = text.get(start + 5..start + TOKEN_LEN)?;
    (is_uuid(body) && !is_placeholder_uuid(body)).then(|| FoundToken {
        range: start..start + TOKEN_LEN,
        prefix,
    })
}

/// What [`find_prefixes`] and [`find_tokens`] find in one text, from one pass over it: a
/// linted file's rules and its masking all ask, and each pass costs about as much as parsing
/// a few percent of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrefixScan {
    /// Every token prefix, plain or escaped, as [`find_prefixes`] finds them.
    pub prefixes: Vec<Range<usize>>,
    /// The tokens among them, as [`find_tokens`] finds them.
    pub tokens: Vec<FoundToken>,
}

impl PrefixScan {
    /// Scans `text` once.
    pub fn new(text: &str) -> Self {
        let prefixes: Vec<Range<usize>> = find_prefixes(text).collect();
        // Every token starts with a prefix written plainly, in its five bytes (an escaped one
        // is longer), and two never overlap: only a prefix starts with an `x`, a letter no
        // body holds. So the prefixes are where every token starts.
        let tokens = prefixes
            .iter()
            .filter(|prefix| prefix.len() == 5)
            .filter_map(|prefix| token_at(text, prefix.start))
            .collect();
        Self { prefixes, tokens }
    }

    /// Whether a token lies wholly within `span`: what [`find_tokens`] would find in that part
    /// of the text.
    pub fn token_within(&self, span: &Range<usize>) -> bool {
        let first = self
            .tokens
            .partition_point(|token| token.range.start < span.start);
        self.tokens
            .get(first)
            .is_some_and(|token| token.range.end <= span.end)
    }
}

/// Whether `bytes` holds an `x` or `X` followed by an `a` or `A`, where every token prefix
/// starts.
fn holds_token_start(bytes: &[u8]) -> bool {
    // Most text holds few `x`s: jump from one to the next. Text full of `axiom` would stop at
    // every one; after a few, one pass over the rest costs less. In short text (a message)
    // setting up each jump costs more than the pass.
    const JUMPS: usize = 8;
    const SHORT: usize = 256;
    if bytes.len() < SHORT {
        return holds_token_start_in_one_pass(bytes);
    }
    let mut from = 0;
    for _ in 0..JUMPS {
        let Some(offset) = memchr::memchr2(b'x', b'X', &bytes[from..]) else {
            return false;
        };
        let at = from + offset;
        if bytes.get(at + 1).is_some_and(|next| (next | 0x20) == b'a') {
            return true;
        }
        from = at + 1;
    }
    holds_token_start_in_one_pass(&bytes[from..])
}

/// [`holds_token_start`] in one pass without branches, which compiles to vector
/// instructions.
fn holds_token_start_in_one_pass(bytes: &[u8]) -> bool {
    let Some(next) = bytes.get(1..) else {
        return false;
    };
    bytes
        .iter()
        .zip(next)
        .fold(false, |found, (&first, &second)| {
            found | (((first | 0x20) == b'x') & ((second | 0x20) == b'a'))
        })
}

/// Whether `bytes` holds four dashes five bytes apart, as every UUID does (at offsets 8, 13,
/// 18 and 23). Configuration text is full of dashes (`eu-central-1`) but hardly ever in this
/// pattern; one pass without branches rules most texts out.
fn holds_uuid_dashes(bytes: &[u8]) -> bool {
    let Some(starts) = bytes.len().checked_sub(15) else {
        return false;
    };
    let at = |offset: usize| &bytes[offset..offset + starts];
    at(0)
        .iter()
        .zip(at(5))
        .zip(at(10))
        .zip(at(15))
        .fold(false, |found, (((&a, &b), &c), &d)| {
            found | ((a == b'-') & (b == b'-') & (c == b'-') & (d == b'-'))
        })
}

/// Finds every UUID-shaped run (8-4-4-4-12 hex digits, any case) in `text`, placeholders
/// included: everything that might be a token body, for masking.
pub fn find_uuid_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    const UUID_LEN: usize = 36;
    let bytes = text.as_bytes();
    let mut from = if holds_uuid_dashes(bytes) {
        0
    } else {
        bytes.len()
    };
    std::iter::from_fn(move || {
        while from + UUID_LEN <= bytes.len() {
            // A UUID has a dash at offset 8; look for dashes and test the window ending there.
            let offset = memchr::memchr(b'-', &bytes[from + 8..])?;
            let start = from + offset;
            from = start + 1;
            // Config text is full of dashes (`eu-central-1`): the other three dashes of the
            // shape rule out almost every window before its digits are looked at.
            let dashes_at = |i: usize| bytes.get(start + i) == Some(&b'-');
            if !(dashes_at(13) && dashes_at(18) && dashes_at(23)) {
                continue;
            }
            let Some(candidate) = text.get(start..start + UUID_LEN) else {
                continue;
            };
            if is_uuid(candidate) {
                from = start + UUID_LEN;
                return Some(start..start + UUID_LEN);
            }
        }
        None
    })
}

/// Finds every token prefix (`xaat-`, `xapt-`, `xait-`) in `text`, in any case, with any of
/// its characters written as an escape the config dialects share (`\x78`, `\u0078`,
/// `\U00000078`): the start of a token whatever follows it, for masking text that may hold a
/// damaged or truncated one. Each range covers the prefix as written.
pub fn find_prefixes(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // Every prefix starts at an `x` before an `a` (or an escape), or at an escape.
    let mut from = if memchr::memchr(b'\\', bytes).is_some() || holds_token_start(bytes) {
        0
    } else {
        bytes.len()
    };
    std::iter::from_fn(move || {
        while from < bytes.len() {
            let offset = memchr::memchr3(b'x', b'X', b'\\', &bytes[from..])?;
            let start = from + offset;
            from = start + 1;
            // `axiom` holds an `x` too: a written `x` not followed by an `a` (or an escape
            // that could spell one) starts no prefix, and needs no closer look.
            let may_start =
                bytes[start] == b'\\' || matches!(bytes.get(start + 1), Some(b'a' | b'A' | b'\\'));
            if !may_start {
                continue;
            }
            if let Some(end) = prefix_at(text, start) {
                from = end;
                return Some(start..end);
            }
        }
        None
    })
}

/// Where a token prefix starting at `at` ends, if one does.
fn prefix_at(text: &str, at: usize) -> Option<usize> {
    let mut end = at;
    for expected in [&['x'][..], &['a'], &['a', 'p', 'i'], &['t'], &['-']] {
        let (found, next) = char_written_at(text, end)?;
        if !expected.contains(&found.to_ascii_lowercase()) {
            return None;
        }
        end = next;
    }
    Some(end)
}

/// The character at `at`, written plainly or as a hex escape (`\xHH`, `\uHHHH`,
/// `\UHHHHHHHH`), and where it ends.
fn char_written_at(text: &str, at: usize) -> Option<(char, usize)> {
    let rest = text.get(at..)?;
    let Some(escape) = rest.strip_prefix('\\') else {
        return rest.chars().next().map(|c| (c, at + c.len_utf8()));
    };
    let digits = match escape.as_bytes().first()? {
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    let hex = escape.get(1..1 + digits)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, at + 2 + digits))
}

/// A token shown the only way axiom-lint ever shows one: its prefix and at most its last four
/// characters, such as `xaat-…8ec6`.
#[derive(Clone, Copy)]
pub struct Redacted<'a>(pub &'a str);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Fewer than this many hidden characters would make the last four a large share of it.
        const MIN_HIDDEN: usize = 12;
        let value = unwrap_token(self.0);
        let (prefix, body) = match TokenPrefix::of(value) {
            Some(_) => value.split_at(5),
            None => ("", value),
        };
        let body_chars = body.chars().count();
        f.write_str(prefix)?;
        f.write_str("…")?;
        if body_chars >= MIN_HIDDEN + 4 {
            let tail: String = body.chars().skip(body_chars - 4).collect();
            f.write_str(&tail)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redacted({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prefixes first finds what the definition finds: every UUID run with a prefix before it.
    #[test]
    fn finding_prefixes_first_agrees_with_matching_prefixes_to_uuid_runs() {
        use proptest::prelude::*;
        let by_runs = |text: &str| -> Vec<FoundToken> {
            find_uuid_runs(text)
                .filter_map(|run| {
                    let start = run.start.checked_sub(5)?;
                    let prefix = TokenPrefix::of(text.get(start..run.start)?)?;
                    (!is_placeholder_uuid(&text[run.clone()])).then_some(FoundToken {
                        range: start..run.end,
                        prefix,
                    })
                })
                .collect()
        };
        let pieces = prop::sample::select(vec![
            "xaat-",
            "XAPT-",
            "xait-",
            "xa",
            "at-",
            "x",
            "-",
            "0c1d2e3f",
            "8ec6",
            "4b5a",
            "2b1e1f4a-3c4d-4e5f-8a9b-0c1d2e3f8ec6",
            "00000000-0000-0000-0000-000000000000",
            "2b1e1f4a-3c4d-4e5f-8a9b-0c1d2e3f",
            "g",
            " ",
            "é",
        ]);
        proptest!(|(parts in prop::collection::vec(pieces, 0..8))| {
            let text = parts.concat();
            prop_assert_eq!(find_tokens(&text).collect::<Vec<_>>(), by_runs(&text), "{:?}", text);
        });
    }

    /// One scan finds what the two whole-text searches find, in any part of the text too.
    #[test]
    fn one_prefix_scan_finds_what_the_searches_find() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "xaat-",
            "XAPT-",
            "xait-",
            r"\u0078aat-",
            r"x\x61pt-",
            r"\x78",
            "\\",
            "xa",
            "at-",
            "x",
            "-",
            "0c1d2e3f",
            "2b1e1f4a-3c4d-4e5f-8a9b-0c1d2e3f8ec6",
            "00000000-0000-0000-0000-000000000000",
            " ",
            "é",
        ]);
        proptest!(|(parts in prop::collection::vec(pieces, 0..8), cut in 0usize..400, len in 0usize..400)| {
            let text = parts.concat();
            let scan = PrefixScan::new(&text);
            prop_assert_eq!(&scan.prefixes, &find_prefixes(&text).collect::<Vec<_>>());
            prop_assert_eq!(&scan.tokens, &find_tokens(&text).collect::<Vec<_>>());
            let start = cut.min(text.len());
            let end = (start + len).min(text.len());
            if let Some(part) = text.get(start..end) {
                prop_assert_eq!(
                    scan.token_within(&(start..end)),
                    find_tokens(part).next().is_some(),
                    "{:?} in {:?}", start..end, &text
                );
            }
        });
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

    /// The whole-text prechecks answer what their definitions answer.
    #[test]
    fn prechecks_agree_with_their_definitions() {
        use proptest::prelude::*;
        let bytes = prop::sample::select(b"xXaA-----\\0 \xc3".to_vec());
        // Long text, mostly `x`s not followed by an `a` as in text full of `axiom`, with or
        // without a token start after them.
        let sparse = prop::sample::select(b"xxXxXxi-i-iia".to_vec());
        let without_start = prop::sample::select(b"xXi-".to_vec());
        let texts = prop::collection::vec(bytes, 0..40)
            .boxed()
            .prop_union(prop::collection::vec(sparse, 200..600).boxed())
            .or(prop::collection::vec(without_start, 200..600).boxed());
        proptest!(ProptestConfig::with_cases(4096), |(text in texts)| {
            let token_start = text
                .windows(2)
                .any(|pair| pair[0].eq_ignore_ascii_case(&b'x') && pair[1].eq_ignore_ascii_case(&b'a'));
            prop_assert_eq!(holds_token_start(&text), token_start);
            prop_assert_eq!(holds_token_start_in_one_pass(&text), token_start);
            let dashes = text
                .windows(16)
                .any(|window| [0, 5, 10, 15].iter().all(|&i| window[i] == b'-'));
            prop_assert_eq!(holds_uuid_dashes(&text), dashes);
        });
    }

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

    #[test]
    fn finds_tokens_inside_longer_text() {
        let text = format!(
            "curl -H 'Authorization: Bearer {API}' -H x:{PAT}x {}",
            API.to_uppercase()
        );
        let found: Vec<_> = find_tokens(&text)
            .map(|t| (&text[t.range], t.prefix))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], (API, TokenPrefix::Api));
        assert_eq!(found[1], (PAT, TokenPrefix::Personal));
        assert_eq!(found[2].1, TokenPrefix::Api);
        assert_eq!(
            find_tokens("xaat-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX").count(),
            0
        );
        // Glued to other text, a token is still a token.
        assert_eq!(
            find_tokens("prexaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6").count(),
            1
        );
    }

    #[test]
    fn finds_prefixes_plain_and_escaped_whatever_follows() {
        let text =
            r#"XAAT-2b1e \u0078aat-9 x\u0061pt-\x78ait-… \U00000078\x61\u0069t\u002d xabt- xaat"#;
        let found: Vec<&str> = find_prefixes(text).map(|range| &text[range]).collect();
        assert_eq!(
            found,
            [
                "XAAT-",
                r"\u0078aat-",
                r"x\u0061pt-",
                r"\x78ait-",
                r"\U00000078\x61\u0069t\u002d"
            ]
        );
        // Broken escapes are not characters: no panic, no prefix.
        assert_eq!(find_prefixes(r"\u00 \x7 \U0011FFFF \").count(), 0);
    }

    #[test]
    fn redaction_shows_prefix_and_last_four_only() {
        assert_eq!(Redacted(API).to_string(), "xaat-…8ec6");
        assert_eq!(Redacted(&API[5..]).to_string(), "…8ec6");
        assert_eq!(Redacted("xaat-short").to_string(), "xaat-…");
        assert_eq!(Redacted("hunter2").to_string(), "…");
        assert_eq!(Redacted(&format!("'{API}'")).to_string(), "xaat-…8ec6");
        assert_eq!(Redacted(&format!("Bearer {API}")).to_string(), "xaat-…8ec6");
        assert_eq!(format!("{:?}", Redacted(PAT)), "Redacted(xapt-…7e6f)");
    }
}
