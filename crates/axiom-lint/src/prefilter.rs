//! The prefilter: a byte search that tells which files cannot produce a finding, so they are
//! never parsed. Every rule needs an Axiom connection (a key, value or comment naming Axiom),
//! a token (its `xaat`/`xapt`/`xait` prefix), or a native credentials file (named or
//! schema-tagged `axiom-credentials…`); a file with none of them is done after one scan.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// What every file that can produce a finding contains, in any case. Token prefixes are
/// matched without their hyphen so that an escaped hyphen (`xaat\u002d…`) still counts. Two
/// dialects are recognised by their shape alone (AXIOM.md, "config dialects"), so their
/// shapes' keys count too: a Nango connection's `connection_config` and the Axiom CLI's
/// `deployments` table.
const NEEDLES: [&str; 6] = [
    "axiom",
    "xaat",
    "xapt",
    "xait",
    "connection_config",
    "deployments",
];

/// The character codes of the letters of a token prefix (`x`, `a`, `p`, `i`, `t`, in either
/// case), as two hex digits.
const PREFIX_LETTER_CODES: [&str; 10] =
    ["78", "58", "61", "41", "70", "50", "69", "49", "74", "54"];

/// The escapes the dialects share (JSON, TOML, YAML and HCL strings: `\uHHHH`; YAML `\xHH`;
/// TOML, YAML and HCL `\UHHHHHHHH`), without their two hex digits.
const ESCAPE_HEADS: [&str; 3] = ["\\u00", "\\x", "\\U000000"];

/// Every needle: [`NEEDLES`], and each way of escaping a letter of a token prefix, since a
/// prefix written as `\u0078aat-` or `x\u0061pt-` spells a token once a parser reads it.
fn needles() -> Vec<String> {
    let escapes = ESCAPE_HEADS.iter().flat_map(|head| {
        PREFIX_LETTER_CODES
            .iter()
            .map(move |code| format!("{head}{code}"))
    });
    NEEDLES
        .iter()
        .map(|needle| (*needle).to_owned())
        .chain(escapes)
        .collect()
}

static MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    // Case-insensitive needles with this many first bytes leave the automaton no fast
    // prefilter; a DFA is then the quickest way through files that mention none of them, one
    // pass for every needle.
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(needles())
        .ok()
});

/// Whether a file, by its name and bytes, may concern Axiom. `false` means no rule can find
/// anything in it; `true` means it must be linted.
pub fn concerns_axiom(file_name: &str, bytes: &[u8]) -> bool {
    // UTF-16 text spells `axiom` with a zero byte between letters; let the linter report it.
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    match MATCHER.as_ref() {
        Some(matcher) => utf16 || matcher.is_match(file_name.as_bytes()) || matcher.is_match(bytes),
        // The needles are constants; should the automaton ever fail to build, lint everything.
        None => true,
    }
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
}
