//! Loading: a file's text and the format it is parsed as, decided by its name; the few contents
//! that correct a name (a SOPS document named `.toml`, a script's shebang) are `by_content`'s.

use std::path::Path;

/// How a file is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// TOML 1.1.
    Toml,
    /// Strict JSON (RFC 8259): no comments, no trailing commas.
    Json,
    /// JSON with comments and trailing commas, as VS Code and devcontainers read it.
    Jsonc,
    /// A dotenv file: `KEY=value` lines, the whole file one environment map.
    Dotenv,
    /// Terraform's native syntax, HCL (`*.tf`, `*.tfvars`).
    Hcl,
    /// YAML 1.2, any number of documents.
    Yaml,
    /// Fluent Bit's classic configuration (`fluent-bit.conf`, and a `.conf` whose sections are
    /// Fluent Bit's).
    FluentBit,
    /// A systemd unit (`*.service`, drop-ins `*.service.d/*.conf`).
    Systemd,
    /// Any other text file, read only for tokens; its comments are known from its name.
    Text(TextComments),
}

/// How a text file writes comments, for inline suppressions in the token scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextComments {
    /// Unknown: suppress with `per-file-ignores` instead.
    None,
    /// `# …` (shell, Python, Ruby, Makefiles, INI).
    Hash,
    /// `// …` (JavaScript, TypeScript, Go, Rust, Java, C and friends).
    Slash,
    /// `<!-- … -->` (HTML, XML).
    Html,
    /// `<!-- … -->`, in prose (Markdown, MDX, plain text): only code blocks are configuration.
    Markdown,
}

impl Format {
    /// The format for a path, or `None` for a file axiom-lint does not read.
    ///
    /// Lock files are recognised (they are TOML or JSON) but reported through
    /// [`Detected::is_lock_file`] so discovery can skip them unless they are named explicitly.
    pub fn detect(path: &Path) -> Option<Detected> {
        // A name that is not UTF-8 still has an extension to go by.
        let lower = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if let Some(format) = lock_file_format(&lower) {
            return Some(Detected {
                format,
                is_lock_file: true,
            });
        }
        let parent = path
            .parent()
            .and_then(Path::file_name)
            .map(|dir| dir.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let in_vscode = parent == ".vscode";
        // Zed's and Gemini CLI's settings and wrangler's JSON config are read with comments
        // and trailing commas allowed, as their docs show them.
        let tolerant_settings =
            lower == "settings.json" && matches!(parent.as_str(), "zed" | ".zed" | ".gemini");
        let format = if lower.ends_with(".toml") {
            Self::Toml
        } else if lower.ends_with(".jsonc") || lower.ends_with(".code-workspace") {
            Self::Jsonc
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Self::Yaml
        } else if lower.ends_with(".json") {
            // Files that are JSONC by convention, though named `.json`.
            let jsonc = in_vscode
                || lower == "devcontainer.json"
                || lower == ".devcontainer.json"
                || lower == "wrangler.json"
                || tolerant_settings
                || (lower.starts_with("tsconfig") || lower.starts_with("jsconfig"));
            if jsonc { Self::Jsonc } else { Self::Json }
        } else if lower.ends_with(".tf")
            || lower.ends_with(".tfvars")
            || lower.ends_with(".nomad")
            || lower.ends_with(".nomad.hcl")
        {
            Self::Hcl
        } else if is_dotenv_name(&lower) {
            Self::Dotenv
        } else if lower.ends_with(".service")
            || (lower.ends_with(".conf") && parent.ends_with(".service.d"))
        {
            Self::Systemd
        } else if lower == "fluent-bit.conf" || lower == "fluentbit.conf" {
            Self::FluentBit
        } else {
            return None;
        };
        Some(Detected {
            format,
            is_lock_file: false,
        })
    }

    /// Every format, for tests and fuzzing that try each one.
    pub const ALL: [Self; 13] = [
        Self::Toml,
        Self::Json,
        Self::Jsonc,
        Self::Dotenv,
        Self::Hcl,
        Self::Yaml,
        Self::FluentBit,
        Self::Systemd,
        Self::Text(TextComments::None),
        Self::Text(TextComments::Hash),
        Self::Text(TextComments::Slash),
        Self::Text(TextComments::Html),
        Self::Text(TextComments::Markdown),
    ];

    /// The token scan's format for a file of no format axiom-lint reads, with the comment
    /// leader its name implies.
    pub fn text(path: &Path) -> Self {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let extension = name.rsplit_once('.').map_or("", |(_, extension)| extension);
        let comments = match extension {
            "sh" | "bash" | "zsh" | "fish" | "ps1" | "py" | "rb" | "pl" | "pm" | "r" | "ini"
            | "cfg" | "conf" | "cnf" | "properties" | "mk" | "nix" | "dockerfile" | "tcl" => {
                TextComments::Hash
            }
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" | "go" | "rs" | "java"
            | "kt" | "kts" | "scala" | "swift" | "c" | "h" | "cc" | "cpp" | "hpp" | "cs"
            | "cxx" | "hxx" | "hh" | "php" | "dart" | "groovy" | "gradle" | "zig" => {
                TextComments::Slash
            }
            "html" | "htm" | "xml" | "svg" | "vue" | "svelte" => TextComments::Html,
            "md" | "markdown" | "mdx" | "txt" | "rst" | "adoc" => TextComments::Markdown,
            _ if matches!(
                name.as_str(),
                "makefile"
                    | "gnumakefile"
                    | "dockerfile"
                    | "containerfile"
                    | "procfile"
                    | "gemfile"
                    | "rakefile"
                    | "justfile"
                    | ".envrc"
                    | ".bashrc"
                    | ".zshrc"
                    | ".profile"
            ) =>
            {
                TextComments::Hash
            }
            _ => TextComments::None,
        };
        Self::Text(comments)
    }
}

/// The outcome of [`Format::detect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// How to parse the file.
    pub format: Format,
    /// Generated lock files: full of hashes and URLs, never hand-written credentials.
    pub is_lock_file: bool,
}

/// `.env`, `.env.local`, `.env.production`, `.env.example`, `app.env`, `example.env`, the
/// example names written with `-` or `_` (`.env-example`, `.env_sample`, `.env-prod`) and
/// without the dot (`env.example`), and wrangler's `.dev.vars` (also per environment:
/// `.dev.vars.staging`). `env.ts` and `.envrc` (direnv's shell script) are not dotenv files.
fn is_dotenv_name(lower_name: &str) -> bool {
    lower_name == ".env"
        || lower_name.starts_with(".env.")
        || ((lower_name.starts_with(".env-") || lower_name.starts_with(".env_"))
            && !NOT_DOTENV.contains(&lower_name))
        || lower_name.ends_with(".env")
        || DOTLESS_EXAMPLES.contains(&lower_name)
        || lower_name == ".dev.vars"
        || lower_name.starts_with(".dev.vars.")
}

/// An example dotenv file named without the leading dot; `env.<anything else>` is usually code
/// (`env.ts`, `env.mjs`).
const DOTLESS_EXAMPLES: [&str; 4] = ["env.example", "env.sample", "env.template", "env.dist"];

/// Names that start like a dotenv file and are another tool's: env-cmd's `.env-cmdrc` is JSON.
const NOT_DOTENV: [&str; 1] = [".env-cmdrc"];

fn lock_file_format(lower_name: &str) -> Option<Format> {
    match lower_name {
        "cargo.lock" | "uv.lock" | "poetry.lock" | "pdm.lock" => Some(Format::Toml),
        "package-lock.json"
        | "npm-shrinkwrap.json"
        | "composer.lock"
        | "flake.lock"
        | "pipfile.lock"
        | "deno.lock" => Some(Format::Json),
        "bun.lock" => Some(Format::Jsonc),
        "pnpm-lock.yaml" | "pubspec.lock" => Some(Format::Yaml),
        _ => None,
    }
}

/// A file to lint: its display path, its text and its format.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to users (relative to where the linter was run when possible).
    pub path: String,
    /// The whole text, byte-order mark included so offsets match the file on disk.
    pub text: String,
    /// How it is parsed.
    pub format: Format,
}

impl SourceFile {
    /// A source from text already in memory (stdin, tests).
    pub fn new(path: impl Into<String>, text: impl Into<String>, format: Format) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            format,
        }
    }

    /// The file's name without directories, for name-based dialects (`.axiom.toml`).
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

/// A file's bytes as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: the file itself when it is UTF-8, else a conversion of it.
    pub text: String,
    /// Where the first byte that is not UTF-8 is (in `text`, which has the same bytes up to
    /// there); `None` for UTF-8 and for decoded UTF-16.
    pub invalid_at: Option<usize>,
    /// Whether `text` has exactly the file's bytes, so that a fix may be written back.
    pub lossless: bool,
}

/// Decodes a file: UTF-8 as is; UTF-16 with a byte-order mark (as PowerShell writes it)
/// decoded; anything else converted lossily, each bad byte becoming U+FFFD.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    if let Some(text) = decode_utf16(&bytes) {
        return Decoded {
            text,
            invalid_at: None,
            lossless: false,
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            invalid_at: None,
            lossless: true,
        },
        Err(error) => Decoded {
            invalid_at: Some(error.utf8_error().valid_up_to()),
            text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
            lossless: false,
        },
    }
}

/// Whether the bytes start with a UTF-16 byte-order mark (little- or big-endian), as PowerShell
/// writes text: such a file is text, decoded, though it is full of NUL bytes.
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// The text of a file that starts with a UTF-16 byte-order mark; unpaired surrogates become
/// U+FFFD.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (body, little_endian) = match bytes {
        [0xFF, 0xFE, body @ ..] => (body, true),
        [0xFE, 0xFF, body @ ..] => (body, false),
        _ => return None,
    };
    let units = body.chunks(2).map(|pair| match (pair, little_endian) {
        ([low, high], true) => u16::from_le_bytes([*low, *high]),
        ([high, low], false) => u16::from_be_bytes([*high, *low]),
        _ => 0xFFFD,
    });
    Some(
        char::decode_utf16(units)
            .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(path: &str) -> Option<(Format, bool)> {
        Format::detect(Path::new(path)).map(|d| (d.format, d.is_lock_file))
    }

    #[test]
    fn ini_like_formats_come_from_names_and_fluent_bit_sections() {
        assert_eq!(
            detect("etc/systemd/system/vector.service"),
            Some((Format::Systemd, false))
        );
        assert_eq!(
            detect("etc/systemd/system/app.service.d/override.conf"),
            Some((Format::Systemd, false))
        );
        assert_eq!(
            detect("fluent-bit/fluent-bit.conf"),
            Some((Format::FluentBit, false))
        );
        assert_eq!(detect("nginx/site.conf"), None);
        assert_eq!(detect("jobs/app.nomad"), Some((Format::Hcl, false)));
        assert_eq!(detect("jobs/app.nomad.hcl"), Some((Format::Hcl, false)));
        let with_text = |path: &str, text: &str| Format::detect_with_text(Path::new(path), text);
        assert_eq!(
            with_text("outputs.conf", "[OUTPUT]\n  Name http\n"),
            Some(Format::FluentBit)
        );
        assert_eq!(with_text("my.conf", "[mysqld]\nport=3306\n"), None);
        // Only a `.conf`: content never makes a `.txt` anything.
        assert_eq!(with_text("notes.txt", "[OUTPUT]\n"), None);
        assert_eq!(with_text("vector.toml", "[OUTPUT]\n"), Some(Format::Toml));
        // The editor server decides here too: a SOPS document named as TOML is what SOPS wrote,
        // and a script is not a format the server reads, whatever its shebang.
        let sops = "{\"data\": \"ENC[AES256_GCM,data:a]\", \"sops\": {\"version\": \"3.9.1\"}}\n";
        assert_eq!(with_text(".axiom.toml", sops), Some(Format::Json));
        assert_eq!(with_text("bin/deploy", "#!/bin/sh\n"), None);
    }

    #[test]
    fn formats_come_from_names() {
        assert_eq!(detect("vector.toml"), Some((Format::Toml, false)));
        assert_eq!(detect("/home/me/.axiom.toml"), Some((Format::Toml, false)));
        assert_eq!(detect("nango.json"), Some((Format::Json, false)));
        assert_eq!(detect("main.tf.json"), Some((Format::Json, false)));
        assert_eq!(detect("settings.jsonc"), Some((Format::Jsonc, false)));
        assert_eq!(
            detect(".vscode/settings.json"),
            Some((Format::Jsonc, false))
        );
        assert_eq!(
            detect(".devcontainer/devcontainer.json"),
            Some((Format::Jsonc, false))
        );
        assert_eq!(detect("tsconfig.base.json"), Some((Format::Jsonc, false)));
        assert_eq!(detect(".zed/settings.json"), Some((Format::Jsonc, false)));
        assert_eq!(detect("wrangler.json"), Some((Format::Jsonc, false)));
        assert_eq!(detect("config/settings.json"), Some((Format::Json, false)));
        assert_eq!(detect("app.code-workspace"), Some((Format::Jsonc, false)));
        for name in [
            ".env",
            ".env.local",
            ".env.production",
            ".env.example",
            "app/prod.env",
            ".dev.vars",
            ".dev.vars.staging",
            ".env-example",
            ".env_example",
            ".env-prod",
            "env.example",
            ".env.sample",
            ".env.template",
            "example.env",
        ] {
            assert_eq!(detect(name), Some((Format::Dotenv, false)), "{name}");
        }
        for name in [
            "env.ts",
            "env.mjs",
            ".env-cmdrc",
            ".environment",
            "environment",
        ] {
            assert_ne!(detect(name), Some((Format::Dotenv, false)), "{name}");
        }
        assert_eq!(detect(".env.json"), Some((Format::Json, false)));
        assert_eq!(detect(".envrc"), None);
        assert_eq!(detect("main.tf"), Some((Format::Hcl, false)));
        assert_eq!(detect("deploy.sh"), None);
        let text = |path: &str| Format::text(Path::new(path));
        assert_eq!(text("deploy.sh"), Format::Text(TextComments::Hash));
        assert_eq!(text("Makefile"), Format::Text(TextComments::Hash));
        assert_eq!(text("src/app.ts"), Format::Text(TextComments::Slash));
        assert_eq!(text("README.md"), Format::Text(TextComments::Markdown));
        assert_eq!(text("notes.txt"), Format::Text(TextComments::Markdown));
        assert_eq!(text("pom.xml"), Format::Text(TextComments::Html));
        assert_eq!(text("src/App.svelte"), Format::Text(TextComments::Html));
        assert_eq!(text("lib/Report.pm"), Format::Text(TextComments::Hash));
        assert_eq!(text("events.jsonl"), Format::Text(TextComments::None));
        assert_eq!(detect("prod.tfvars"), Some((Format::Hcl, false)));
        assert_eq!(detect("environment"), None);
        assert_eq!(detect("config.yaml"), Some((Format::Yaml, false)));
        assert_eq!(
            detect(".github/workflows/ci.yml"),
            Some((Format::Yaml, false))
        );
        assert_eq!(detect("pnpm-lock.yaml"), Some((Format::Yaml, true)));
        assert_eq!(detect("README"), None);
    }

    #[test]
    fn lock_files_are_marked() {
        assert_eq!(detect("package-lock.json"), Some((Format::Json, true)));
        assert_eq!(detect("Cargo.lock"), Some((Format::Toml, true)));
        assert_eq!(detect("composer.lock"), Some((Format::Json, true)));
    }
}
