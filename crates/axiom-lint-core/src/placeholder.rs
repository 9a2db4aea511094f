//! Placeholders: stand-ins that docs, READMEs and templates write where a real value belongs.
//!
//! One classifier for every kind of value (tokens, org IDs, URLs, hosts, datasets), so that a
//! value no rule may report is the same value for every rule. The forms and shapes are the ones
//! AXIOM.md lists under "Placeholders seen in real repos and docs": ALL-CAPS names, `<…>` and
//! `{…}`, `your…`/`my-…`, `xxx`, `...`, `example`, `here`, `placeholder`, a value equal to its
//! own key's name, and the one UUID-shaped token Axiom's docs use as an example.

use crate::value::{is_env_reference, is_uuid, trim};

/// The UUID-shaped example token in Axiom's docs: shape alone cannot prove a secret, and this
/// one value is published as an example (AXIOM.md, "Tokens").
pub const DOCUMENTED_EXAMPLE_TOKEN_BODY: &str = "8b4d2f0a-1c9e-4d7b-b3a5-6f2e8c1d9a70";

/// Whole words that only ever stand in for a value.
const FILLER_WORDS: [&str; 21] = [
    "xxx",
    "xyz",
    "abc",
    "abc123",
    "123abc",
    "test",
    "example",
    "sample",
    "dummy",
    "fake",
    "foo",
    "bar",
    "placeholder",
    "changeme",
    "redacted",
    "todo",
    "tbd",
    "here",
    "insert",
    "replace",
    "demo",
];

/// Fragments that mark a stand-in wherever they appear in a value.
const MARKERS: [&str; 10] = [
    "xxx",
    "...",
    "\u{2026}",
    "***",
    "example",
    "placeholder",
    "change-me",
    "change_me",
    "changeme",
    "replace-with",
];

/// Whether `value` is an obvious stand-in rather than a real value. Empty values are not
/// placeholders (they are missing values, which some rules care about), and neither are
/// references such as `${YOUR_TOKEN}`: whether those work depends on their consumer.
pub fn is_placeholder(value: &str) -> bool {
    let value = trim(value);
    if value.is_empty() || is_env_reference(value) {
        return false;
    }
    if is_wrapped(value) || is_name_in_capitals(value) || is_one_repeated_character(value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    if contains_any(&lower, &MARKERS) || lower.contains(DOCUMENTED_EXAMPLE_TOKEN_BODY) {
        return true;
    }
    // `xaat-your-api-token`: what follows a token prefix is judged on its own.
    let body = ["xaat-", "xapt-", "xait-"]
        .iter()
        .find(|prefix| lower.starts_with(**prefix))
        .map_or(value, |prefix| &value[prefix.len()..]);
    // A UUID-shaped body is judged by its shape alone: a random UUID may well hold a group
    // such as `abcd` that would otherwise read as filler.
    if is_uuid(body) {
        return is_placeholder_uuid(body);
    }
    let mut words = words(body).peekable();
    // `your-token`, `yourOrgId`, `my-org`: a first word addressing the reader.
    if words.peek().is_some_and(|first| {
        first
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("your"))
            || first.eq_ignore_ascii_case("my")
    }) {
        return true;
    }
    words.any(|word| {
        FILLER_WORDS
            .iter()
            .any(|filler| word.eq_ignore_ascii_case(filler))
            || is_sequence(word)
    })
}

/// Whether `value` is a placeholder, or repeats the name of the key it is the value of in
/// another case or spelling (`AXIOM_TOKEN: axiom-token`, `"org_id": "ORG-ID"`).
pub fn is_placeholder_for(key: &str, value: &str) -> bool {
    is_placeholder(value) || (!is_env_reference(value) && names_its_key(key, value))
}

/// UUID-shaped bodies people write by hand: all one digit (`00000000-…`) or counting up
/// (`12345678-1234-…`), and the one example Axiom's docs publish. A random UUID is never any.
pub(crate) fn is_placeholder_uuid(text: &str) -> bool {
    // Axiom's documented example, and the example UUID of RFC 4122's best-known illustration,
    // copied into countless READMEs.
    const EXAMPLE_UUIDS: [&str; 2] = [
        DOCUMENTED_EXAMPLE_TOKEN_BODY,
        "123e4567-e89b-12d3-a456-426614174000",
    ];
    if EXAMPLE_UUIDS
        .iter()
        .any(|example| text.eq_ignore_ascii_case(example))
    {
        return true;
    }
    let digits: Vec<u8> = text
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let distinct = digits
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if distinct <= 2 {
        return true;
    }
    let counts_up = |group: &str| {
        group.as_bytes().windows(2).all(|pair| {
            let (a, b) = (pair[0].to_ascii_lowercase(), pair[1].to_ascii_lowercase());
            b == a + 1 || (a == b'9' && (b == b'0' || b == b'a')) || (a == b'f' && b == b'0')
        })
    };
    if text.split('-').all(counts_up) {
        return true;
    }
    // `a1b2c3d4-e5f6-7890-abcd-ef1234567890`: typed by hand, with runs such as `7890` and
    // `abcd`. A random UUID has three such runs about once in ten million.
    let mut runs = 0;
    let mut i = 0;
    while i + 4 <= digits.len() {
        let window = &digits[i..i + 4];
        if window.windows(2).all(|pair| {
            let (a, b) = (pair[0], pair[1]);
            b == a + 1 || (a == b'9' && (b == b'0' || b == b'a'))
        }) {
            runs += 1;
            i += 4;
        } else {
            i += 1;
        }
    }
    runs >= 3
}

/// `AXIOM_TOKEN: axiom-token`: the value is the key's name, respelled.
fn names_its_key(key: &str, value: &str) -> bool {
    let normalise = |text: &str| -> String {
        text.trim()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let (key, value) = (normalise(key), normalise(value));
    !key.is_empty() && key == value
}

/// `<your token>`, `{your-org-id-here}`, `[TOKEN]`; not `${VAR}` or `{{ template }}`, which are
/// references resolved by a consumer.
fn is_wrapped(value: &str) -> bool {
    let bytes = value.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if value.len() < 3 {
        return false;
    }
    let templated = value.starts_with("{{") || value.starts_with("{%");
    matches!((first, last), (b'<', b'>') | (b'[', b']'))
        || (first == b'{' && last == b'}' && !templated)
}

/// `API_TOKEN`, `ORGANIZATION_ID`, `YOUR_AXIOM_TOKEN`: a variable's name written where its
/// value belongs. At least one underscore or four letters, so that `EU` or `ACME` alone is not
/// taken for a name.
fn is_name_in_capitals(value: &str) -> bool {
    let bytes = value.as_bytes();
    let letters = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    bytes
        .iter()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && (bytes.contains(&b'_') && letters >= 3)
}

/// `xxxxxxxx`, `00000000`, `********`: one character, repeated (dashes aside).
fn is_one_repeated_character(value: &str) -> bool {
    let mut significant = value.chars().filter(|c| !matches!(c, '-' | '_' | '.'));
    match significant.next() {
        Some(first) => {
            value.chars().count() >= 3 && significant.all(|c| c.eq_ignore_ascii_case(&first))
        }
        None => true,
    }
}

/// `123`, `1234`, `abc`, `abcd`: counting up from the start of the digits or the alphabet.
/// Whether any of `needles` occurs in `text`, in one pass: values are short and this runs for
/// every host and token value, where building a substring searcher per needle cost more than
/// the search.
fn contains_any(text: &str, needles: &[&str]) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|at| {
        needles.iter().any(|needle| {
            let needle = needle.as_bytes();
            needle.first() == Some(&bytes[at]) && bytes[at..].starts_with(needle)
        })
    })
}

fn is_sequence(word: &str) -> bool {
    word.len() >= 3
        && ["0123456789", "123456789", "abcdefghijklmnopqrstuvwxyz"]
            .iter()
            .any(|run| {
                run.get(..word.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(word))
            })
}

/// The value's words, in their own case (compare them ignoring ASCII case): split at anything
/// that is not an ASCII letter or digit, and where a lowercase letter is followed by a capital
/// (`yourOrgId`). Slices of the value, not copies: this runs for every host and token value.
fn words(value: &str) -> impl Iterator<Item = &str> {
    let bytes = value.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while bytes.get(start).is_some_and(|b| !b.is_ascii_alphanumeric()) {
            start += 1;
        }
        if start >= bytes.len() {
            return None;
        }
        let mut end = start + 1;
        while bytes.get(end).is_some_and(|b| {
            b.is_ascii_alphanumeric()
                && !(b.is_ascii_uppercase() && bytes[end - 1].is_ascii_lowercase())
        }) {
            end += 1;
        }
        // Both ends sit next to ASCII bytes, so they are character boundaries.
        let word = value.get(start..end);
        start = end;
        word
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_form_is_a_placeholder() {
        for value in [
            "API_TOKEN",
            "PERSONAL_ACCESS_TOKEN",
            "ORGANIZATION_ID",
            "ORG_ID",
            "DATASET_NAME",
            "AXIOM_DOMAIN",
            "xaat-xyz",
            "xaat-test",
            "xapt-123",
            "xapt-abc123",
            "xaat-your-api-token",
            "xapt-your-token",
            "xapt-xxx",
            "xaat-...",
            "xaat-xxxxx...",
            "xaat-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX",
            "xaat-example-token",
            "123abc",
            "your-org-id",
            "{your-org-id-here}",
            "<your api token>",
            "<your-token>",
            "<AXIOM_TOKEN_HERE>",
            "<AXIOM_ORG_ID_HERE>",
            "YOUR_AXIOM_TOKEN",
            "your-axiom-api-token",
            "your_token",
            "my-org",
            "test-org",
            "yourOrgId",
            "xaat-8b4d2f0a-1c9e-4d7b-b3a5-6f2e8c1d9a70",
            "********",
            "token-goes-here",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
        assert!(is_placeholder_for("AXIOM_TOKEN", "axiom-token"));
        assert!(is_placeholder_for("AXIOM_ORG_ID", "axiom-org-id"));
        assert!(is_placeholder_for("org_id", "ORG-ID"));
    }

    #[test]
    fn real_values_are_not() {
        for value in [
            "",
            "acme-ab12",
            "canary-experiments-x7q2",
            "axiom",
            "Acme-Prod",
            "EU",
            "ACME",
            "eu-central-1.aws.edge.axiom.co",
            "https://api.axiom.co",
            "app-logs",
            "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6",
            "myriad-ab12",
            "there-ab12",
            "testing-platform",
        ] {
            assert!(!is_placeholder(value), "{value}");
        }
        assert!(!is_placeholder_for("AXIOM_ORG_ID", "acme-ab12"));
        assert!(!is_placeholder_for("", "acme"));
        assert!(!is_placeholder_for("AXIOM_PAT", "${AXIOM_PAT}"));
        assert!(!is_placeholder("${YOUR_AXIOM_TOKEN}"));
    }
}
