//! Where tokens, token prefixes and UUID-shaped bodies sit in a text, found in linear passes.

use std::ops::Range;

use crate::placeholder::is_placeholder_uuid;
use crate::value::is_uuid;

use super::kind::TokenPrefix;

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

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";
    const PAT: &str = "xapt-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";

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
}
