//! Which program reads a site's values, decided from the file's name and the site's shape,
//! and which references that program expands (AXIOM.md, "Which consumers expand references").
//!
//! The table is data: a format or dialect that brings a new consumer (compose files,
//! Kubernetes `env[].value`, GitHub workflows, `.env` files) adds a [`Consumer`] variant, names
//! it in its dialect's row (`dialect::table`) or in [`by_path`] (or sets `Site::consumer` in its
//! recogniser, where only the shape tells), and a row to [`Consumer::expansion`]; the rule that
//! reads it does not change.

use std::ops::Range;

use crate::site::Consumer;

/// A reference found in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference<'a> {
    /// Its bytes in the value.
    pub(crate) range: Range<usize>,
    /// Its syntax.
    pub(crate) form: ReferenceForm,
    /// What is between the braces (`AXIOM_TOKEN`, `env:AXIOM_TOKEN`, `secrets.X`).
    pub(crate) inner: &'a str,
}

/// Every `${{ … }}`, `${…}`, `$(…)` and bare `$V` in a value, in order; `$$` escapes are
/// skipped. A bare `$V` is judged only where a consumer's row lists it (the OpenTelemetry
/// Collector stopped expanding it in v0.104.0); everywhere else it is left alone.
pub(crate) fn find_references(value: &str) -> Vec<Reference<'_>> {
    let bytes = value.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let (form, open, close) = match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(b'$'), _) => {
                i += 2;
                continue;
            }
            (Some(b'{'), Some(b'{')) => (GithubExpression, 3, "}}"),
            (Some(b'{'), _) => (Braced, 2, "}"),
            (Some(b'('), _) => (ReferenceForm::Parenthesised, 2, ")"),
            (Some(first), _) if first.is_ascii_alphabetic() || *first == b'_' => {
                let length = bytes[i + 1..]
                    .iter()
                    .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'_')
                    .count();
                let end = i + 1 + length;
                found.push(Reference {
                    range: i..end,
                    form: Bare,
                    inner: &value[i + 1..end],
                });
                i = end;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(length) = value[i + open..].find(close) else {
            break;
        };
        let inner = value[i + open..i + open + length].trim();
        let end = i + open + length + close.len();
        if !inner.is_empty() {
            let form = if form == Braced && is_namespaced(inner) {
                if inner.starts_with("env:") {
                    Env
                } else {
                    Namespaced
                }
            } else {
                form
            };
            found.push(Reference {
                range: i..end,
                form,
                inner,
            });
        }
        i = end;
    }
    found
}

/// `env:V`, `localEnv:V:default`, `input:id`; not `V:-default` or `V:?error`.
fn is_namespaced(inner: &str) -> bool {
    inner.split_once(':').is_some_and(|(namespace, rest)| {
        !namespace.is_empty()
            && namespace
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !rest.starts_with(['-', '?', '+', '='])
    })
}

/// The syntax of a reference, as far as expansion is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferenceForm {
    /// `${{ … }}`: a GitHub Actions expression.
    GithubExpression,
    /// `${V}`, `${V:-default}`: a plain braced variable.
    Braced,
    /// `${localEnv:V}`, `${input:id}`: a braced reference with a namespace other than `env`.
    Namespaced,
    /// `${env:V}`: apart from the other namespaces, because VS Code expands it everywhere but
    /// in `headers`, where it expands `${input:id}` all the same.
    Env,
    /// `$(V)`: Kubernetes' dependent environment variables.
    Parenthesised,
    /// `$V`, without braces.
    Bare,
}

/// How surely a consumer sends a reference's text as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Certainty {
    /// Documented, and nothing overrides it: the literal text is sent.
    Certain,
    /// Undocumented or inferred, or a tool around the consumer (a deploy tool, an environment
    /// variable that overrides the field) may still fill it in.
    Likely,
}

/// What one consumer does with references.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expansion {
    /// The consumer, as named in messages.
    pub(crate) name: &'static str,
    /// Forms it passes through literally, and how surely.
    pub(crate) literal: &'static [(ReferenceForm, Certainty)],
    /// Forms it passes through literally only in HTTP headers (VS Code's `${env:V}`).
    pub(crate) literal_in_headers: &'static [(ReferenceForm, Certainty)],
    /// What to write instead, naming the form the consumer does expand (if any).
    pub(crate) help: &'static str,
    /// The namespace to rewrite a plain `${V}` into when exactly one form is right
    /// (devcontainer `${localEnv:V}`); the fix stays unsafe: the variable must exist there.
    pub(crate) rewrite_braced_as: Option<&'static str>,
}

use Certainty::{Certain, Likely};
use ReferenceForm::{Bare, Braced, Env, GithubExpression, Namespaced};

/// Every consumer outside GitHub's workflow files passes `${{ … }}` through.
const GITHUB_ONLY: (ReferenceForm, Certainty) = (GithubExpression, Certain);

impl Consumer {
    /// The consumer's row of the table.
    pub(crate) fn expansion(self) -> Option<Expansion> {
        let row = |name, literal, help| Expansion {
            name,
            literal,
            literal_in_headers: &[],
            help,
            rewrite_braced_as: None,
        };
        Some(match self {
            Self::Unknown => return None,
            Self::UnknownConfig => row(
                "this file's reader",
                &[GITHUB_ONLY],
                "`${{ … }}` is expanded only in GitHub workflow and action files; reference the variable the way this file's reader does, or write the value when the file is generated",
            ),
            Self::AxiomCli => row(
                "the Axiom CLI",
                &[
                    GITHUB_ONLY,
                    (Braced, Likely),
                    (Namespaced, Likely),
                    (Env, Likely),
                ],
                "the Axiom CLI expands nothing in its config; remove the field and set `AXIOM_TOKEN`, `AXIOM_ORG_ID` or `AXIOM_URL` in the environment, which override it",
            ),
            Self::Vector => row(
                "Vector",
                &[GITHUB_ONLY],
                "Vector expands `${V}` and `$V` from its environment: write `${AXIOM_TOKEN}`",
            ),
            // Bare `$V` was dropped in v0.104.0 (2024); older collectors still expand it.
            Self::OtelCollector => row(
                "the OpenTelemetry Collector",
                &[GITHUB_ONLY, (Bare, Likely)],
                "the collector expands `${env:V}`: write `${env:AXIOM_TOKEN}`",
            ),
            Self::Terraform => row(
                "Terraform",
                &[GITHUB_ONLY],
                "use a variable (`${var.axiom_api_token}`) or the provider's `AXIOM_API_TOKEN` environment variable",
            ),
            Self::GithubWorkflow => row("GitHub Actions", &[], ""),
            Self::Compose => row(
                "docker compose",
                &[GITHUB_ONLY],
                "compose expands `${V}` from the shell or `.env`: write `${AXIOM_TOKEN}`",
            ),
            Self::KubernetesEnv => row(
                "Kubernetes",
                &[GITHUB_ONLY, (Braced, Likely)],
                "Kubernetes expands only `$(V)` from earlier `env` entries; take the token from a Secret with `valueFrom.secretKeyRef` (unless a deploy tool such as Flux substitutes `${V}` before apply)",
            ),
            Self::Devcontainer => Expansion {
                rewrite_braced_as: Some("localEnv"),
                ..row(
                    "devcontainer.json",
                    &[GITHUB_ONLY, (Braced, Certain)],
                    "devcontainer.json expands `${localEnv:V}` (the host's environment) and `${containerEnv:V}`; a plain `${V}` is kept as written",
                )
            },
            Self::VsCodeMcp => Expansion {
                literal_in_headers: &[(Env, Likely)],
                ..row(
                    "VS Code",
                    &[GITHUB_ONLY, (Braced, Likely)],
                    "VS Code expands `${input:id}` (declared in `inputs`) and `${env:V}`, but not `${env:V}` in `headers` (microsoft/vscode #245237)",
                )
            },
            Self::CursorMcp => row(
                "Cursor",
                &[GITHUB_ONLY, (Braced, Likely)],
                "Cursor expands `${env:V}`: write `${env:AXIOM_TOKEN}` (a plain `${V}` is, as far as its docs say, kept as written)",
            ),
            Self::ClaudeCodeMcp => row(
                "Claude Code",
                &[GITHUB_ONLY],
                "Claude Code expands `${V}` and `${V:-default}` in `.mcp.json`",
            ),
            Self::ClaudeDesktop => row(
                "Claude Desktop",
                &[
                    GITHUB_ONLY,
                    (Braced, Likely),
                    (Namespaced, Likely),
                    (Env, Likely),
                ],
                "Claude Desktop documents no expansion in its config: the text is passed as written; write the value in the file kept out of version control, or start the server through a wrapper that reads the environment",
            ),
            Self::Zed => row(
                "Zed",
                &[
                    GITHUB_ONLY,
                    (Braced, Likely),
                    (Namespaced, Likely),
                    (Env, Likely),
                ],
                "Zed expands nothing in `context_servers` (zed-industries/zed #60459): write the value in your user settings, which stay out of version control",
            ),
            Self::GeminiCli => row(
                "Gemini CLI",
                &[GITHUB_ONLY],
                "Gemini CLI expands `$V` and `${V}` in `settings.json`",
            ),
            Self::Wrangler => row(
                "wrangler `[vars]`",
                &[
                    GITHUB_ONLY,
                    (Braced, Certain),
                    (Namespaced, Certain),
                    (Env, Certain),
                ],
                "wrangler `[vars]` are plain text and expand nothing: store the token with `wrangler secret put AXIOM_TOKEN` (locally in `.dev.vars`)",
            ),
            Self::HostingPlatform => row(
                "the hosting platform",
                &[
                    GITHUB_ONLY,
                    (Braced, Likely),
                    (Namespaced, Likely),
                    (Env, Likely),
                ],
                "Vercel, Netlify and Fly expand nothing in their config files: set the variable as a secret in the platform (`vercel env add`, `netlify env:set`, `fly secrets set`)",
            ),
            Self::Grafana => row(
                "Grafana",
                &[GITHUB_ONLY],
                "Grafana expands `$V` and `${V}` in provisioning files: write `${AXIOM_TOKEN}`",
            ),
            Self::Nomad => row(
                "Nomad",
                &[GITHUB_ONLY],
                "Nomad interpolates `${env.V}`, `${node.…}`, `${attr.…}` and `${meta.…}` in `env`; secrets belong in a `template` block",
            ),
            Self::FluentBit => row(
                "Fluent Bit",
                &[GITHUB_ONLY],
                "Fluent Bit expands `${V}` from its environment: write `${AXIOM_TOKEN}`",
            ),
            Self::Systemd => row(
                "systemd",
                &[GITHUB_ONLY, (Braced, Certain), (Namespaced, Certain)],
                "systemd expands nothing in `Environment=`: load the token with `LoadCredential=`, or from an `EnvironmentFile=` kept out of version control",
            ),
            // Logstash expands `${V}` and `${V:default}` from its keystore or environment.
            Self::Logstash => row(
                "Logstash",
                &[GITHUB_ONLY],
                "Logstash expands `${V}` from its keystore or environment: write `${AXIOM_TOKEN}`",
            ),
            // Loaders (dotenv-expand, compose's `env_file`) expand `${V}`; none knows `${{ }}`.
            Self::DotEnv => row(
                "the .env loader",
                &[GITHUB_ONLY],
                "`${{ … }}` is expanded only in GitHub workflow files; a `.env` loader expands `${V}` from the environment: write `${AXIOM_TOKEN}`",
            ),
        })
    }
}

/// Who reads a file, by its path alone, for sites whose dialect does not say.
pub(crate) fn by_path(path: &str) -> Consumer {
    let mut lower = path.to_ascii_lowercase();
    if lower.contains('\\') {
        lower = lower.replace('\\', "/");
    }
    let (folder, name) = lower.rsplit_once('/').unwrap_or(("", &lower));
    let parent = folder.rsplit_once('/').map_or(folder, |(_, parent)| parent);
    let in_dir = |dir: &str| lower.split('/').any(|part| part == dir);
    match name {
        "devcontainer.json" | ".devcontainer.json" => Consumer::Devcontainer,
        "mcp.json" | "settings.json" | "settings.jsonc" if parent == ".vscode" => {
            Consumer::VsCodeMcp
        }
        "mcp.json" if parent == ".cursor" => Consumer::CursorMcp,
        ".mcp.json" | ".claude.json" => Consumer::ClaudeCodeMcp,
        "claude_desktop_config.json" => Consumer::ClaudeDesktop,
        "settings.json" if parent == ".gemini" => Consumer::GeminiCli,
        "settings.json" if parent == "zed" || parent == ".zed" => Consumer::Zed,
        "wrangler.toml" | "wrangler.json" | "wrangler.jsonc" => Consumer::Wrangler,
        "vercel.json" | "netlify.toml" | "fly.toml" => Consumer::HostingPlatform,
        "action.yml" | "action.yaml" => Consumer::GithubWorkflow,
        ".dev.vars" => Consumer::DotEnv,
        _ if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") => {
            Consumer::DotEnv
        }
        _ if parent == "workflows" && in_dir(".github") => Consumer::GithubWorkflow,
        _ if name.ends_with(".yml") || name.ends_with(".yaml") => Consumer::Unknown,
        // No JSON or TOML file is a GitHub workflow, so `${{ … }}` there is never expanded.
        _ if name.ends_with(".json") || name.ends_with(".jsonc") || name.ends_with(".toml") => {
            Consumer::UnknownConfig
        }
        _ => Consumer::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_by_form() {
        let forms = |value| -> Vec<(ReferenceForm, &str)> {
            find_references(value)
                .into_iter()
                .map(|reference| (reference.form, reference.inner))
                .collect()
        };
        assert_eq!(
            forms("${{ secrets.AXIOM_TOKEN }}"),
            [(GithubExpression, "secrets.AXIOM_TOKEN")]
        );
        assert_eq!(forms("Bearer ${AXIOM_TOKEN}"), [(Braced, "AXIOM_TOKEN")]);
        assert_eq!(
            forms("${AXIOM_TOKEN:-none}"),
            [(Braced, "AXIOM_TOKEN:-none")]
        );
        assert_eq!(
            forms("${localEnv:AXIOM_TOKEN}"),
            [(Namespaced, "localEnv:AXIOM_TOKEN")]
        );
        // VS Code expands `${input:id}` in headers, but not `${env:V}`.
        assert_eq!(forms("${env:AXIOM_TOKEN}"), [(Env, "env:AXIOM_TOKEN")]);
        assert_eq!(forms("${input:token}"), [(Namespaced, "input:token")]);
        assert_eq!(
            forms("$(AXIOM_TOKEN)"),
            [(ReferenceForm::Parenthesised, "AXIOM_TOKEN")]
        );
        // A bare `$V` is found (the collector passes it through); a `$$` escape is not.
        assert_eq!(
            forms("Bearer $AXIOM_TOKEN"),
            [(ReferenceForm::Bare, "AXIOM_TOKEN")]
        );
        assert!(forms("$$AXIOM_TOKEN").is_empty());
        assert!(forms("$1 $-").is_empty());
        assert!(forms("$${AXIOM_TOKEN}").is_empty());
        assert!(forms("${unclosed").is_empty());
        assert!(forms("${}").is_empty());
    }

    #[test]
    fn consumers_come_from_names_and_dialects() {
        let cases = [
            (".devcontainer/devcontainer.json", Consumer::Devcontainer),
            (".vscode/mcp.json", Consumer::VsCodeMcp),
            (".cursor/mcp.json", Consumer::CursorMcp),
            ("project/.mcp.json", Consumer::ClaudeCodeMcp),
            (
                "Library/Application Support/Claude/claude_desktop_config.json",
                Consumer::ClaudeDesktop,
            ),
            (".gemini/settings.json", Consumer::GeminiCli),
            (".config/zed/settings.json", Consumer::Zed),
            ("wrangler.toml", Consumer::Wrangler),
            ("apps/web/vercel.json", Consumer::HostingPlatform),
            (".github/workflows/deploy.yml", Consumer::GithubWorkflow),
            ("config/app.json", Consumer::UnknownConfig),
            ("k8s/deployment.yaml", Consumer::Unknown),
            ("apps/api/.env.local", Consumer::DotEnv),
            ("worker/.dev.vars", Consumer::DotEnv),
        ];
        for (path, consumer) in cases {
            assert_eq!(by_path(path), consumer, "{path}");
        }
    }
}
