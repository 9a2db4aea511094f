//! The few formats a file's content overrides its name on, decided in this one place for the
//! command, `history` and the editor server alike. Each test reads a bounded, fixed part of
//! the text once (a line, or one byte search), so deciding stays linear.
//!
//! - A `.conf` file whose sections are Fluent Bit's is Fluent Bit's classic configuration
//!   (its configs are split into included files with free names).
//! - A file named as TOML that holds a SOPS document is read as what SOPS wrote: SOPS cannot
//!   encrypt TOML, and writes a JSON (or, when asked, YAML) document with its `ENC[…]` values
//!   and a `sops` metadata block under the original name. Read as TOML it would be one large
//!   syntax error; read as what it is, its encrypted values are skipped and any plaintext is
//!   still linted.

use std::path::Path;

use crate::source::Format;

/// `format` (decided by the file's name) corrected by what the text says it is.
pub(crate) fn refine(format: Format, path: &Path, text: &str) -> Format {
    match format {
        Format::Toml => sops_document(text).unwrap_or(format),
        Format::Text(_) => {
            let is_conf = path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("conf"));
            if is_conf && crate::parse::looks_like_fluent_bit(text) {
                Format::FluentBit
            } else {
                format
            }
        }
        _ => format,
    }
}

/// The format SOPS wrote a document in, when `text` is one: JSON (an object with a `"sops"`
/// key) or YAML (a top-level `sops:` mapping), each with `ENC[…]` ciphertext. TOML can hold
/// neither: no TOML document starts with `{`, and `sops:` is not a TOML line.
fn sops_document(text: &str) -> Option<Format> {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"ENC[").is_none() {
        return None;
    }
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        let key = memchr::memmem::find_iter(bytes, b"\"sops\"").any(|at| {
            text[at + 6..]
                .trim_start_matches([' ', '\t', '\r', '\n'])
                .starts_with(':')
        });
        return key.then_some(Format::Json);
    }
    let yaml = text
        .lines()
        .any(|line| line.trim_start_matches('\u{feff}').trim_end() == "sops:");
    yaml.then_some(Format::Yaml)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refined(format: Format, path: &str, text: &str) -> Format {
        refine(format, Path::new(path), text)
    }

    #[test]
    fn a_sops_document_named_as_toml_is_read_as_what_sops_wrote() {
        let json = "{\n\t\"data\": \"ENC[AES256_GCM,data:abc,type:str]\",\n\t\"sops\": {\"mac\": \"ENC[AES256_GCM,data:x]\"}\n}\n";
        assert_eq!(refined(Format::Toml, ".axiom.toml", json), Format::Json);
        let yaml = "data: ENC[AES256_GCM,data:abc,type:str]\nsops:\n    mac: ENC[AES256_GCM,data:x]\n    version: 3.9.0\n";
        assert_eq!(refined(Format::Toml, "vector.toml", yaml), Format::Yaml);
        // Broken TOML stays TOML (and gets AXL001), with or without braces or ciphertext.
        for text in [
            "{ url = \"https://api.axiom.co\" }\n",
            "token = \"ENC[AES256_GCM,data:abc]\"\n[sops\n",
            "{\"data\": \"plain\", \"sops\": {}}\n",
            "url = \"ENC[x]\"\nnote = \"sops: here\"\n",
        ] {
            assert_eq!(
                refined(Format::Toml, "a.toml", text),
                Format::Toml,
                "{text}"
            );
        }
        // Only a TOML name is re-read: a `.json` or `.yaml` is already what SOPS wrote.
        assert_eq!(refined(Format::Json, "a.json", json), Format::Json);
    }
}
