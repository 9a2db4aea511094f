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

static MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    // Case-insensitive needles with this many first bytes leave the automaton no fast
    // prefilter; a DFA is then the quickest way through files that mention none of them.
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(NEEDLES)
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
