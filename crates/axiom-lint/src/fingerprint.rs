//! Stable identities for findings, for baselines and SARIF: path, code, JSON pointer and a hash
//! of the offending text, never line numbers (which move) and never the text itself (which
//! may be a token). The hash is SHA-256: a fast hash of a short secret can be brute-forced
//! from a baseline committed beside it.

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// SHA-256 as 64 lower-case hex digits.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The hash of the offending text.
pub fn value_hash(source: &SourceFile, diagnostic: &Diagnostic) -> String {
    let text = source.text.get(diagnostic.span.clone()).unwrap_or_default();
    sha256_hex(text.as_bytes())
}

/// One string that identifies a finding across edits elsewhere in the file; `path` is the
/// file's path relative to the repository root, so it does not change with the working directory.
pub fn fingerprint(path: &str, source: &SourceFile, diagnostic: &Diagnostic) -> String {
    let key = format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        path,
        diagnostic.rule.code(),
        diagnostic.pointer.as_deref().unwrap_or_default(),
        value_hash(source, diagnostic)
    );
    sha256_hex(key.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_reference_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
