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
//! - A script whose name gives no comment syntax (`bin/deploy`) takes it from its shebang's
//!   interpreter, so the text scan knows its comments as it would with an extension.

use std::path::Path;

use crate::source::{Format, TextComments};

/// `format` (decided by the file's name) corrected by what the text says it is.
pub(crate) fn refine(format: Format, path: &Path, text: &str) -> Format {
    match format {
        Format::Toml => sops_document(text).unwrap_or(format),
        Format::Text(comments) => {
            let is_conf = path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("conf"));
            if is_conf && looks_like_fluent_bit(text) {
                Format::FluentBit
            } else if comments == TextComments::None {
                Format::Text(shebang_comments(text).unwrap_or(comments))
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
    // Every SOPS document holds ciphertext, at least its `mac`.
    memchr::memmem::find(bytes, b"ENC[")?;
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

/// How comments are written in a script, from its shebang (`#!/bin/sh`, `#!/usr/bin/env -S
/// deno run`): `#` for shells and the scripting languages that share it, `//` for JavaScript
/// and TypeScript runtimes; `None` without a shebang or for an interpreter not known here.
pub(crate) fn shebang_comments(text: &str) -> Option<TextComments> {
    interpreter_comments(shebang_program(text)?)
}

/// The program a script's shebang runs (`bash` for `#!/usr/bin/env bash`, `tsx` for
/// `#!/usr/bin/env -S npx tsx`), read from the first line only; `None` without a shebang.
pub(crate) fn shebang_program(text: &str) -> Option<&str> {
    let first = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = first.strip_prefix("#!")?;
    let line = &first[..memchr::memchr(b'\n', first.as_bytes()).unwrap_or(first.len())];
    let mut words = line.split_ascii_whitespace();
    let mut program = basename(words.next()?);
    // `env` runs the program it is given after its options and `NAME=value` assignments;
    // package runners (`npx tsx`) run the one named after them.
    while matches!(program, "env" | "npx" | "pnpx" | "bunx" | "uvx" | "pipx") {
        program = basename(words.find(|word| !word.starts_with('-') && !word.contains('='))?);
    }
    Some(program)
}

fn basename(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

fn interpreter_comments(program: &str) -> Option<TextComments> {
    // `python3.12`, `ruby3`, `perl5.36`: the version is not part of the language.
    let name = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-');
    let name = name.to_ascii_lowercase();
    match name.as_str() {
        "sh" | "bash" | "zsh" | "ksh" | "mksh" | "dash" | "ash" | "fish" | "csh" | "tcsh"
        | "python" | "pypy" | "uv" | "ruby" | "perl" | "tclsh" | "wish" | "expect" | "rscript"
        | "awk" | "gawk" | "sed" | "make" | "pwsh" | "nix-shell" | "elixir" | "julia"
        | "crystal" | "nu" | "just" => Some(TextComments::Hash),
        "node" | "nodejs" | "deno" | "bun" | "ts-node" | "tsx" | "esno" | "zx" | "php"
        | "groovy" | "kotlin" | "kscript" | "scala" | "swift" | "dart" | "jbang" => {
            Some(TextComments::Slash)
        }
        _ => None,
    }
}

/// Whether a `.conf` file's text is Fluent Bit's: a line that is one of its sections
/// (`[SERVICE]`, `[INPUT]`, `[FILTER]`, `[OUTPUT]`, `[PARSER]`) or an `@INCLUDE`.
fn looks_like_fluent_bit(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        let upper = |s: &str| s.to_ascii_uppercase();
        line.get(..8)
            .is_some_and(|start| upper(start) == "@INCLUDE")
            || line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .is_some_and(|name| {
                    matches!(
                        upper(name.trim()).as_str(),
                        "SERVICE" | "INPUT" | "FILTER" | "OUTPUT" | "PARSER"
                    )
                })
    })
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

    #[test]
    fn a_script_without_an_extension_takes_its_comments_from_its_shebang() {
        let none = Format::Text(TextComments::None);
        let hash = Format::Text(TextComments::Hash);
        let slash = Format::Text(TextComments::Slash);
        for (text, want) in [
            ("#!/usr/bin/env bash\n# https://cloud.axiom.co\n", hash),
            ("#!/bin/sh -eu\n", hash),
            ("#!/usr/bin/python3.12\n", hash),
            ("#!/usr/bin/env -S uv run --script\n", hash),
            ("#!/usr/bin/env -S PYTHONPATH=. python3 -u\n", hash),
            ("\u{feff}#!/usr/bin/env ruby\n", hash),
            ("#!/usr/bin/env node\n", slash),
            ("#!/usr/bin/env -S deno run --allow-net\n", slash),
            ("#!/usr/bin/env -S npx tsx\n", slash),
            ("#!/usr/local/bin/bun", slash),
            ("#!/usr/bin/env cobol\n", none),
            ("#!\n", none),
            ("no shebang\n#!/bin/sh\n", none),
            ("", none),
        ] {
            assert_eq!(refined(none, "bin/tool", text), want, "{text:?}");
        }
        // A name that gives comments keeps them; a `.md` with a shebang is still prose.
        let markdown = Format::Text(TextComments::Markdown);
        assert_eq!(refined(markdown, "README.md", "#!/bin/sh\n"), markdown);
        assert_eq!(
            refined(none, "outputs.conf", "[OUTPUT]\n  Name http\n"),
            Format::FluentBit
        );
    }

    #[test]
    fn fluent_bit_is_known_by_its_sections() {
        assert!(looks_like_fluent_bit("[SERVICE]\n  Flush 1\n"));
        assert!(looks_like_fluent_bit("@include outputs.conf\n"));
        assert!(!looks_like_fluent_bit("[mysqld]\nport=3306\n"));
        assert!(!looks_like_fluent_bit("server { listen 80; }\n"));
    }
}
