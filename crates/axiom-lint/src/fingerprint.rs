//! Stable identities for findings, for baselines and SARIF: path, code, JSON pointer and a hash
//! of the offending text, never line numbers (which move) and never the text itself (which
//! may be a token).

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// FNV-1a, 64 bits: stable across Rust releases and platforms, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

/// The hash of the offending text, as 16 hex digits.
pub fn value_hash(source: &SourceFile, diagnostic: &Diagnostic) -> String {
    let text = source.text.get(diagnostic.span.clone()).unwrap_or_default();
    format!("{:016x}", fnv1a(text.as_bytes()))
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
    format!("{:016x}", fnv1a(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
