//! The prefilter: a byte search that tells which files cannot produce a finding, so they are
//! never parsed. Every rule needs an Axiom connection (a key, value or comment naming Axiom),
//! a token (its `xaat`/`xapt`/`xait` prefix), or a native credentials file (named,
//! schema-tagged `axiom-credentials…`, or of its shape); a file with none of them is done
//! after one scan.

/// What every file that can produce a finding contains, in any case. Token prefixes are
/// matched without their hyphen so that an escaped hyphen (`xaat\u002d…`) still counts.
const NEEDLES: [&str; 4] = ["axiom", "xaat", "xapt", "xait"];

/// Three dialects are recognised by their shape alone (AXIOM.md, "config dialects"), so their
/// shapes' keys count too, written as the recognisers read them: a Nango connection's
/// `connection_config`, the Axiom CLI's `deployments` table, and a native credentials file's
/// `subdomain` (its shape needs one, whatever the file is named).
const SHAPE_KEYS: [&str; 3] = ["connection_config", "deployments", "subdomain"];

/// The character codes of the letters of a token prefix (`x`, `a`, `p`, `i`, `t`, in either
/// case), as two hex digits.
const PREFIX_LETTER_CODES: [&str; 10] =
    ["78", "58", "61", "41", "70", "50", "69", "49", "74", "54"];

/// The escapes the dialects share (JSON, TOML, YAML and HCL strings: `\uHHHH`; YAML `\xHH`;
/// TOML, YAML and HCL `\UHHHHHHHH`), without their two hex digits. A prefix written as
/// `\u0078aat-` or `x\u0061pt-` spells a token once a parser reads it.
const ESCAPE_HEADS: [&str; 3] = ["\\u00", "\\x", "\\U000000"];

/// Whether a file, by its name and bytes, may concern Axiom. `false` means no rule can find
/// anything in it; `true` means it must be linted.
pub fn concerns_axiom(file_name: &str, bytes: &[u8]) -> bool {
    // UTF-16 text spells `axiom` with a zero byte between letters; let the linter report it.
    crate::source::has_utf16_bom(bytes)
        || mentions_axiom(file_name.as_bytes())
        || mentions_axiom(bytes)
}

/// Whether `bytes` hold a needle, an escaped prefix letter or a shape key.
///
/// Every needle and escape holds an `x` or a backslash, bytes that are rare in configuration
/// text, so one vectorised search for those three bytes visits few places; the shape keys
/// are two more vectorised substring searches. This is what keeps a tree of files that do
/// not concern Axiom close to the speed of `rg`.
fn mentions_axiom(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'x', b'X', b'\\', bytes).any(|at| needle_at(bytes, at))
        || SHAPE_KEYS
            .iter()
            .any(|key| memchr::memmem::find(bytes, key.as_bytes()).is_some())
}

/// Whether `text` holds `word`, a word that starts with `ax` (`AXIOM`, `axiom.co`), in any
/// ASCII case. Each place to compare is found by one vectorised search for the `x`, which is
/// rare in configuration text; most strings have none and cost that one search.
#[inline]
pub(crate) fn contains_ax_word(text: &[u8], word: &[u8]) -> bool {
    debug_assert!(word.len() >= 2 && word[..2].eq_ignore_ascii_case(b"ax"));
    // A word's `x` is its second byte, so a text shorter than it, or a search that starts
    // past its end, cannot hold it.
    let mut from = 1;
    while text.len() >= from + word.len() - 1 {
        let rest = text.get(from..).unwrap_or_default();
        // Below a vector's width, the vectorised search costs more to set up than a loop.
        let found = if rest.len() < 16 {
            rest.iter().position(|&b| b | 0x20 == b'x')
        } else {
            memchr::memchr2(b'x', b'X', rest)
        };
        let Some(found) = found else {
            return false;
        };
        let start = from + found - 1;
        if text
            .get(start..start + word.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(word))
        {
            return true;
        }
        from = start + 2;
    }
    false
}

/// Whether a needle or an escaped prefix letter covers `at`, which holds an `x` or a backslash.
fn needle_at(bytes: &[u8], at: usize) -> bool {
    let starts = |from: usize, needle: &[u8]| {
        bytes
            .get(from..from + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    };
    if bytes[at] == b'\\' {
        return ESCAPE_HEADS.iter().any(|head| {
            starts(at, head.as_bytes())
                && PREFIX_LETTER_CODES
                    .iter()
                    .any(|code| starts(at + head.len(), code.as_bytes()))
        });
    }
    // `axiom` has its `x` second; the token prefixes have it first.
    NEEDLES.iter().any(|needle| {
        let offset = needle.find('x').unwrap_or(0);
        at.checked_sub(offset)
            .is_some_and(|from| starts(from, needle.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_axiom_in_any_case_and_token_prefixes() {
        assert!(concerns_axiom(
            "vector.toml",
            b"[sinks.x]\ntype = \"AXIOM\"\n"
        ));
        assert!(concerns_axiom("a.json", b"{\"t\": \"XAPT-1234\"}"));
        assert!(concerns_axiom("a.json", b"{\"t\": \"xait\\u002d1234\"}"));
        assert!(concerns_axiom("axiom-credentials.toml", b"token = \"x\"\n"));
        assert!(concerns_axiom("a.json", &[0xFF, 0xFE, b'a', 0]));
    }

    #[test]
    fn an_escaped_prefix_letter_keeps_the_file() {
        for text in [
            r#"{"t": "\u0078aat-1234"}"#,
            r#"{"t": "x\u0061pt-1234"}"#,
            r#"{"t": "xa\u0041t-1234"}"#,
            r#"{"t": "xa\u0069t-1234"}"#,
            r#"{"t": "xaa\u0074-1234"}"#,
            r#"t: "\x78aat-1234""#,
            r#"t = "\U00000058AAT-1234""#,
        ] {
            assert!(concerns_axiom("a.json", text.as_bytes()), "{text}");
        }
        // Other escapes are no reason to lint a file.
        assert!(!concerns_axiom(
            "a.json",
            br#"{"path": "C:\\Users\\me", "e": "\u00e9"}"#
        ));
    }

    /// The scan agrees with the plain definition, an automaton over every needle, escape and
    /// shape key, on text built from the needles' own pieces.
    #[test]
    fn agrees_with_an_automaton_over_every_needle() {
        use proptest::prelude::*;
        let escapes = ESCAPE_HEADS.iter().flat_map(|head| {
            PREFIX_LETTER_CODES
                .iter()
                .map(move |code| format!("{head}{code}"))
        });
        let mut patterns: Vec<String> = NEEDLES.iter().map(|n| (*n).to_owned()).collect();
        patterns.extend(escapes);
        let insensitive = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("constant patterns");
        let shapes = aho_corasick::AhoCorasick::new(SHAPE_KEYS).expect("constant patterns");
        // Whole needles, their halves and near misses, so that both answers come up often.
        let pieces = prop::sample::select(vec![
            "axiom",
            "AXIOM",
            "axi",
            "om",
            "a",
            "x",
            "X",
            "xaat",
            "XAPT",
            "xait",
            "xa",
            "at",
            "pt",
            "it",
            "\\u0078",
            "\\u0061",
            "\\x78",
            "\\X54",
            "\\U00000058",
            "\\u00",
            "\\u",
            "\\",
            "78",
            "e9",
            "connection_config",
            "connection",
            "_config",
            "deployments",
            "Deployments",
            "-",
            " ",
            "é",
        ]);
        proptest!(|(parts in prop::collection::vec(pieces, 0..6))| {
            let text = parts.concat();
            let expected = insensitive.is_match(&text) || shapes.is_match(&text);
            prop_assert_eq!(mentions_axiom(text.as_bytes()), expected, "{:?}", text);
        });
    }

    #[test]
    fn other_files_are_left_alone() {
        assert!(!concerns_axiom(
            "package.json",
            b"{\"name\": \"app\", \"version\": \"1.0.0\"}"
        ));
        assert!(!concerns_axiom(
            "Cargo.toml",
            b"[package]\nname = \"axe\"\n"
        ));
        assert!(!concerns_axiom("a.toml", b""));
    }

    #[test]
    fn ax_words_are_found_as_a_window_search_finds_them() {
        use proptest::prelude::*;
        let by_definition = |text: &[u8], word: &[u8]| {
            text.windows(word.len())
                .any(|window| window.eq_ignore_ascii_case(word))
        };
        proptest!(|(text in "[aAxXiIoOmM.cC -]{0,24}")| {
            for word in [&b"AXIOM"[..], b"axiom.co", b"ax"] {
                prop_assert_eq!(
                    contains_ax_word(text.as_bytes(), word),
                    by_definition(text.as_bytes(), word)
                );
            }
        });
    }
}
