//! The files the server lints, named as each editor names them: the one list the README's
//! editor set-up is generated from (`cargo xtask codegen`), so no snippet forgets a format.

use axiom_lint::Format;

/// One format the server lints, with the names editors give its files.
#[derive(Debug, Clone, Copy)]
pub struct EditorLanguage {
    /// The format the server parses these files as.
    pub format: Format,
    /// File-name globs for editors that attach by name (Neovim's autocommand patterns).
    pub globs: &'static [&'static str],
    /// File names these globs match, checked against the linter's own detection by a test.
    pub examples: &'static [&'static str],
    /// VS Code language IDs (some need an extension that defines them).
    pub vscode: &'static [&'static str],
    /// Neovim file types (`:set filetype?`), in current and older releases.
    pub neovim: &'static [&'static str],
    /// Helix language names and the servers Helix runs for each by default, kept beside ours.
    pub helix: &'static [(&'static str, &'static [&'static str])],
}

/// Every format the server lints. A format without an entry here fails the test below.
pub const EDITOR_LANGUAGES: &[EditorLanguage] = &[
    EditorLanguage {
        format: Format::Toml,
        globs: &["*.toml"],
        examples: &["vector.toml", "axiom-lint.toml", ".axiom.toml"],
        vscode: &["toml"],
        neovim: &["toml"],
        helix: &[("toml", &["taplo"])],
    },
    EditorLanguage {
        format: Format::Json,
        globs: &["*.json"],
        examples: &["nango.json", "main.tf.json"],
        vscode: &["json"],
        neovim: &["json"],
        helix: &[("json", &["vscode-json-language-server"])],
    },
    EditorLanguage {
        format: Format::Jsonc,
        globs: &["*.jsonc", "*.code-workspace"],
        examples: &["settings.jsonc", "app.code-workspace"],
        vscode: &["jsonc"],
        neovim: &["jsonc"],
        helix: &[("jsonc", &["vscode-json-language-server"])],
    },
    EditorLanguage {
        format: Format::Yaml,
        globs: &["*.yaml", "*.yml"],
        examples: &["vector.yaml", "compose.yml"],
        vscode: &["yaml"],
        neovim: &["yaml"],
        helix: &[("yaml", &["yaml-language-server"])],
    },
    EditorLanguage {
        format: Format::Hcl,
        globs: &["*.tf", "*.tfvars", "*.nomad", "*.nomad.hcl"],
        examples: &["main.tf", "prod.tfvars", "app.nomad", "app.nomad.hcl"],
        // Nomad jobspecs are `hcl` to the HashiCorp HCL extension, Neovim and Helix.
        vscode: &["terraform", "terraform-vars", "hcl"],
        neovim: &["terraform", "terraform-vars", "hcl"],
        helix: &[("hcl", &["terraform-ls"]), ("tfvars", &["terraform-ls"])],
    },
    EditorLanguage {
        format: Format::Dotenv,
        globs: &[
            ".env",
            ".env.*",
            ".env-*",
            ".env_*",
            "*.env",
            "env.example",
            "env.sample",
            "env.template",
            "env.dist",
            ".dev.vars",
            ".dev.vars.*",
        ],
        examples: &[
            ".env",
            ".env.production",
            ".env-example",
            ".env_sample",
            "prod.env",
            "env.example",
            ".dev.vars",
        ],
        vscode: &["dotenv"],
        neovim: &["sh"],
        helix: &[("env", &[])],
    },
    EditorLanguage {
        format: Format::FluentBit,
        globs: &["fluent-bit.conf", "fluentbit.conf"],
        examples: &["fluent-bit.conf", "fluentbit.conf"],
        // VS Code's own language for `.conf` files; Neovim's generic `conf`, which the
        // snippet gives these names; Helix has no language for them: `ini`, once they are
        // added to its file types.
        vscode: &["properties"],
        neovim: &["conf"],
        helix: &[("ini", &[])],
    },
    EditorLanguage {
        format: Format::Systemd,
        globs: &["*.service", "*.service.d/*.conf"],
        examples: &["app.service", "app.service.d/override.conf"],
        // VS Code has no systemd language of its own: `systemd-conf` comes from the Systemd
        // Helper extension (`hangxingliu.vscode-systemd-support`).
        vscode: &["systemd-conf"],
        neovim: &["systemd"],
        helix: &[("systemd", &["systemd-lsp"])],
    },
];

/// Each item of `lists` once, in first-seen order.
fn unique<'a>(lists: impl Iterator<Item = &'a [&'static str]>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for item in lists.flatten() {
        if !out.contains(item) {
            out.push(item);
        }
    }
    out
}

/// Every VS Code language ID the server should attach to.
pub fn vscode_language_ids() -> Vec<&'static str> {
    unique(EDITOR_LANGUAGES.iter().map(|language| language.vscode))
}

/// Every Neovim file type the server should attach to.
pub fn neovim_filetypes() -> Vec<&'static str> {
    unique(EDITOR_LANGUAGES.iter().map(|language| language.neovim))
}

/// Every file-name glob the server lints.
pub fn file_globs() -> Vec<&'static str> {
    unique(EDITOR_LANGUAGES.iter().map(|language| language.globs))
}

/// Every Helix language, with its default servers.
pub fn helix_languages() -> Vec<(&'static str, &'static [&'static str])> {
    EDITOR_LANGUAGES
        .iter()
        .flat_map(|language| language.helix.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn every_example_is_linted_in_its_format_and_matches_a_glob() {
        for language in EDITOR_LANGUAGES {
            for example in language.examples {
                let detected = Format::detect(Path::new(example)).map(|d| d.format);
                assert_eq!(detected, Some(language.format), "{example}");
                assert!(
                    language
                        .globs
                        .iter()
                        .any(|glob| glob_matches(glob, example)),
                    "{example} matches none of {:?}",
                    language.globs
                );
            }
        }
    }

    #[test]
    fn every_format_the_server_lints_has_an_entry() {
        // Exhaustive on purpose: a new format does not compile until it is listed.
        for format in Format::ALL {
            let listed = EDITOR_LANGUAGES.iter().any(|l| l.format == format);
            match format {
                Format::Toml
                | Format::Json
                | Format::Jsonc
                | Format::Dotenv
                | Format::Hcl
                | Format::Yaml
                | Format::FluentBit
                | Format::Systemd => assert!(listed, "{format:?} has no editor entry"),
                // The server lints only the formats it parses; the token scan is the CLI's.
                Format::Text(_) => assert!(!listed),
            }
        }
    }

    /// `*` (any run of characters) and literal text, as the globs above use them.
    fn glob_matches(glob: &str, name: &str) -> bool {
        match glob.split_once('*') {
            None => glob == name,
            Some((prefix, rest)) => {
                name.starts_with(prefix)
                    && (prefix.len()..=name.len())
                        .filter(|&at| name.is_char_boundary(at))
                        .any(|at| glob_matches(rest, &name[at..]))
            }
        }
    }

    #[test]
    fn globs_match_as_editors_match_them() {
        assert!(glob_matches(
            "*.service.d/*.conf",
            "app.service.d/override.conf"
        ));
        assert!(glob_matches("fluent-bit.conf", "fluent-bit.conf"));
        assert!(!glob_matches("*.service.d/*.conf", "app.service"));
        assert!(!glob_matches("*.service", "app.service.d/override.conf"));
    }
}
