//! The one table of dialects: for each, its name, what reads its values, how to keep a token
//! out of it, and the recognisers that find it, each in its phase.
//!
//! A dialect is one file (its recognisers) and one row here. Every row is a struct literal
//! with no defaults, so a dialect without an answer to any question (who reads it, what help
//! its findings give) does not compile, where a `_` arm in a rule used to give it someone
//! else's advice.

use super::{Input, Sites};
use super::{
    axiom_cli, beats, cloudformation, compose, env_map, fluent_bit, generic, github_actions,
    grafana, hosted_mcp, kubernetes, logstash, nango, native, nomad, otel, systemd, terraform,
    vector,
};
use crate::site::Consumer;

/// When a recogniser runs. Phases run in this order; within a phase, recognisers run in the
/// order of [`Dialect::ALL`], then of their row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Once per document, from its root (each document of a YAML stream is a configuration
    /// of its own).
    Root,
    /// From the tables the one shared walk (`candidates`) found anywhere in the tree.
    Anywhere,
    /// After every site is found: takes over sites another dialect found (an MCP bridge's
    /// `env` map is the hosted server's credential).
    Claim,
    /// Last: what no dialect claimed (an Axiom URL in a file of no known dialect).
    Fallback,
}

impl Phase {
    /// Every phase, in the order they run.
    pub(crate) const ALL: [Self; 4] = [Self::Root, Self::Anywhere, Self::Claim, Self::Fallback];
}

/// Which files a recogniser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reads {
    /// axiom-lint's own credentials file only.
    Native,
    /// A `.env` file only (the whole file is one map).
    EnvFile,
    /// Any configuration but a `.env` file or the native file.
    Structured,
    /// Any file but the native one.
    Config,
    /// Every file.
    Any,
    /// A file read by the text scan alone (its tree is the Axiom URLs found in free text),
    /// and no other: a dialect whose syntax is no format's, found around those URLs.
    Text,
}

/// What kind of file is being read, as far as [`Reads`] is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Native,
    EnvFile,
    Structured,
}

impl Reads {
    pub(crate) fn applies_to(self, kind: FileKind) -> bool {
        match self {
            Self::Native => kind == FileKind::Native,
            Self::EnvFile => kind == FileKind::EnvFile,
            Self::Structured => kind == FileKind::Structured,
            Self::Config => kind != FileKind::Native,
            Self::Any => true,
            // Text-scan files are read apart from every other kind (`dialect::recognise`).
            Self::Text => false,
        }
    }
}

/// The one signature every recogniser has.
pub(crate) type Recognise = for<'i, 't> fn(&Input<'i, 't>, &mut Sites<'t>);

/// One recogniser of a dialect.
#[derive(Clone, Copy)]
pub(crate) struct Recogniser {
    pub(crate) phase: Phase,
    pub(crate) reads: Reads,
    pub(crate) run: Recognise,
}

impl std::fmt::Debug for Recogniser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recogniser")
            .field("phase", &self.phase)
            .field("reads", &self.reads)
            .finish_non_exhaustive()
    }
}

const fn recogniser(phase: Phase, reads: Reads, run: Recognise) -> Recogniser {
    Recogniser { phase, reads, run }
}

/// Who reads a dialect's values, which decides which references are expanded
/// ([`Consumer::expansion`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadBy {
    /// Always this program.
    Program(Consumer),
    /// Decided by the recogniser from the site's shape, or else by the file's path.
    ShapeOrPath,
}

/// How to keep a token out of a file of this dialect: the advice the token rules give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenHelp {
    /// `write `token = "${AXIOM_TOKEN}"`` in the file's own syntax, then this text.
    WriteTokenLine(&'static str),
    /// This advice as it is.
    Text(&'static str),
    /// The reading program's own advice where it sends `${V}` as written (Claude Desktop,
    /// Zed, wrangler `[vars]`), so that following it does not trade AXL201 for AXL213; this
    /// advice elsewhere.
    ConsumerOr(&'static str),
}

/// One dialect's answers.
#[derive(Debug)]
pub(crate) struct DialectRow {
    /// How the dialect is named in messages.
    pub(crate) description: &'static str,
    /// How the README's list of what axiom-lint understands names it (Markdown).
    pub(crate) readme: &'static str,
    /// Who reads its values.
    pub(crate) read_by: ReadBy,
    /// How to keep a token out of it.
    pub(crate) token_help: TokenHelp,
    /// Where a personal access token's org ID goes.
    pub(crate) org_id_help: &'static str,
    /// What finds it, in order.
    pub(crate) recognisers: &'static [Recogniser],
}

macro_rules! declare_dialects {
    ($($(#[doc = $doc:literal])* $variant:ident => $row:expr;)+) => {
        /// Where a site was recognised.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Dialect {
            $($(#[doc = $doc])* $variant,)+
        }

        impl Dialect {
            /// Every dialect, in the order their recognisers run within a phase.
            pub(crate) const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The dialect's row of the table.
            pub(crate) fn row(self) -> &'static DialectRow {
                match self {
                    $(Self::$variant => {
                        const ROW: DialectRow = $row;
                        &ROW
                    })+
                }
            }
        }
    };
}

use Phase::{Anywhere, Claim, Fallback, Root};

declare_dialects! {
    /// axiom-lint's own credentials file.
    Native => DialectRow {
        description: "axiom-lint credentials file",
        readme: "its own credentials file",
        // Who reads it is not known: axiom-lint only checks it.
        read_by: ReadBy::Program(Consumer::Unknown),
        token_help: TokenHelp::WriteTokenLine(" and keep the token in the environment"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Root, Reads::Native, native::recognise)],
    };
    /// The Axiom CLI's `~/.axiom.toml`.
    AxiomCli => DialectRow {
        description: "Axiom CLI configuration",
        readme: "the Axiom CLI's `~/.axiom.toml`",
        read_by: ReadBy::Program(Consumer::AxiomCli),
        token_help: TokenHelp::Text("remove `token` and set `AXIOM_TOKEN` in the environment, or run `axiom auth login`"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Root, Reads::Config, axiom_cli::recognise)],
    };
    /// A Vector sink of `type = "axiom"`.
    Vector => DialectRow {
        description: "Vector axiom sink",
        readme: "Vector `axiom` sinks (TOML, YAML or JSON)",
        read_by: ReadBy::Program(Consumer::Vector),
        token_help: TokenHelp::WriteTokenLine("; Vector reads it from the environment"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Root, Reads::Config, vector::recognise)],
    };
    /// Terraform JSON `provider.axiom`.
    Terraform => DialectRow {
        description: "Terraform Axiom provider",
        readme: "the Terraform provider (`*.tf`, `*.tfvars`, `*.tf.json`)",
        read_by: ReadBy::Program(Consumer::Terraform),
        token_help: TokenHelp::Text("remove the literal and set `AXIOM_API_TOKEN` in the environment (the provider reads it), or pass a sensitive variable with `TF_VAR_<name>`"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Root, Reads::Config, terraform::recognise)],
    };
    /// An OpenTelemetry collector `otlphttp` exporter that sends to Axiom.
    OpenTelemetry => DialectRow {
        description: "OpenTelemetry exporter",
        readme: "OpenTelemetry Collector `otlphttp` exporters",
        read_by: ReadBy::Program(Consumer::OtelCollector),
        token_help: TokenHelp::Text("write `Bearer ${env:AXIOM_TOKEN}`; the collector reads it from the environment"),
        org_id_help: "add an `x-axiom-org-id` header",
        recognisers: &[recogniser(Root, Reads::Config, otel::recognise)],
    };
    /// A Nango connection.
    Nango => DialectRow {
        description: "Nango connection",
        readme: "Nango connections",
        // Exports: who reads them is not known.
        read_by: ReadBy::Program(Consumer::Unknown),
        token_help: TokenHelp::Text("store the key in Nango's secret storage, not in an exported file"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Anywhere, Reads::Config, nango::recognise)],
    };
    /// Axiom's hosted MCP server (`https://mcp.axiom.co/…`) in an MCP client's configuration.
    HostedMcp => DialectRow {
        description: "Axiom MCP server connection",
        readme: "Axiom's hosted MCP server in MCP client configs",
        read_by: ReadBy::ShapeOrPath,
        token_help: TokenHelp::ConsumerOr("send `Authorization: Bearer ${AXIOM_TOKEN}` in the form your MCP client expands, or let the client sign in with OAuth"),
        org_id_help: "add an `x-axiom-org-id` header",
        recognisers: &[
            recogniser(Anywhere, Reads::Config, hosted_mcp::recognise),
            recogniser(Anywhere, Reads::Structured, hosted_mcp::bridged_headers),
            recogniser(Claim, Reads::Structured, hosted_mcp::claim_bridged_env),
        ],
    };
    /// An environment map (`env`, `vars`, `environment`, `containerEnv`, …).
    EnvMap => DialectRow {
        description: "environment map",
        readme: "environment maps (`env`, `vars`, `environment`, `containerEnv`, Cargo `[env]`, wrangler `[vars]`, `mcpServers.*.env`), docker-compose `services.*.environment` (as a map or a `- KEY=value` list), Kubernetes `env: [{name, value}]` lists in any manifest, and `.env` files (`.env`, `.env.*`, `.env-*`, `*.env`, `env.example`, `.dev.vars`), read through the `AXIOM_*` variables Axiom's SDKs, CLI and Terraform provider use and those seen in real repositories (`AXIOM_DOMAIN`, `AXIOM_EDGE_DOMAIN`, `AXIOM_INGEST_URL`, `AXIOM_API_URL`, `AXIOM_INGEST_ENDPOINT`, `AXIOM_URL_OVERRIDE`); another project's `AXIOM_*` variable is left alone unless its value is Axiom's",
        read_by: ReadBy::ShapeOrPath,
        token_help: TokenHelp::ConsumerOr("reference the token from the environment or a secret store, such as `${AXIOM_TOKEN}`"),
        org_id_help: "set `AXIOM_ORG_ID` beside it",
        recognisers: &[
            recogniser(Root, Reads::EnvFile, env_map::recognise_file),
            // Consumer-specific environment maps first: the generic reading skips them.
            recogniser(Root, Reads::Structured, compose::recognise),
            recogniser(Anywhere, Reads::Structured, kubernetes::recognise),
            recogniser(Anywhere, Reads::Structured, env_map::recognise),
        ],
    };
    /// OpenTelemetry SDK variables (`OTEL_EXPORTER_OTLP_*`) in an environment map, with an
    /// Axiom-shaped value.
    OtelSdkEnv => DialectRow {
        description: "OpenTelemetry SDK environment",
        readme: "OpenTelemetry SDK variables (`OTEL_EXPORTER_OTLP_*`) in every environment map above, when a value is Axiom's",
        read_by: ReadBy::ShapeOrPath,
        token_help: TokenHelp::ConsumerOr("keep the token out of the file: set `OTEL_EXPORTER_OTLP_HEADERS` from a secret store, or write `Authorization=Bearer%20${AXIOM_TOKEN}` where the map's reader expands `${V}`"),
        org_id_help: "add `x-axiom-org-id=<org ID>` to the headers",
        // Read in every environment map, by the maps' recognisers (`env_map`).
        recognisers: &[],
    };
    /// A Fluent Bit `http` output that sends to Axiom (classic `.conf` or YAML).
    FluentBit => DialectRow {
        description: "Fluent Bit http output",
        readme: "Fluent Bit `http` outputs (classic `fluent-bit.conf` and YAML `pipeline.outputs`)",
        read_by: ReadBy::Program(Consumer::FluentBit),
        token_help: TokenHelp::Text("write `Header Authorization Bearer ${AXIOM_TOKEN}` and set `AXIOM_TOKEN` in Fluent Bit's own environment, not in the config's `env:`"),
        org_id_help: "add a `Header X-Axiom-Org-Id <org ID>` line",
        recognisers: &[recogniser(Root, Reads::Structured, fluent_bit::recognise)],
    };
    /// The top-level `env:` map of a Fluent Bit YAML config, whose variables outputs read
    /// as `${V}`.
    FluentBitEnv => DialectRow {
        description: "Fluent Bit env variable",
        readme: "Fluent Bit YAML `env:` maps: a variable an output reads as `${V}` is judged as that setting, where it is defined",
        read_by: ReadBy::Program(Consumer::FluentBit),
        token_help: TokenHelp::Text("remove the token from `env:` and set `AXIOM_TOKEN` in Fluent Bit's own environment (from a secret store or the service manager); `${AXIOM_TOKEN}` in the output reads it from there"),
        org_id_help: "add a `X-Axiom-Org-Id <org ID>` header to the output",
        // After the outputs (whose tokens may be defined here), so the map's advice is its own.
        recognisers: &[recogniser(Root, Reads::Structured, fluent_bit::recognise_env)],
    };
    /// `Environment=` in a systemd unit's `[Service]`: an environment map whose reader
    /// expands nothing.
    SystemdEnv => DialectRow {
        description: "systemd unit environment",
        readme: "systemd units (`*.service`, drop-ins `*.service.d/*.conf`): `Environment=` in `[Service]`",
        read_by: ReadBy::Program(Consumer::Systemd),
        token_help: TokenHelp::Text("remove the token from the unit: load it with `LoadCredential=` (systemd says the environment is not for secrets), or from an `EnvironmentFile=` kept out of version control"),
        org_id_help: "add `AXIOM_ORG_ID=<org ID>` to `Environment=`",
        recognisers: &[recogniser(Root, Reads::Structured, systemd::recognise)],
    };
    /// The parameters of Axiom's CloudFormation stacks (`AxiomToken`, `AxiomURL`, …), in a
    /// template's `Parameters` or a parameter file.
    CloudFormation => DialectRow {
        description: "CloudFormation stack parameter",
        readme: "CloudFormation templates and parameter files for Axiom's stacks (`AxiomToken`, `AxiomURL`, `AxiomEdgeURL`, `AxiomEdge`; Lambda `Environment.Variables`; `!Ref` and `!Sub` read as references)",
        // Parameter values are passed as written: nothing in them is expanded.
        read_by: ReadBy::Program(Consumer::Unknown),
        token_help: TokenHelp::Text("remove the literal: pass `AxiomToken` when deploying (`--parameter-overrides AxiomToken=…`) from a secret store, never in a committed file"),
        org_id_help: "use an API token (`xaat-`), which needs no org ID: the stack takes no other",
        recognisers: &[recogniser(Root, Reads::Structured, cloudformation::recognise)],
    };
    /// A Grafana datasource of Axiom's plugin (`type: axiomhq-axiom-datasource`) in a
    /// provisioning file.
    Grafana => DialectRow {
        description: "Grafana Axiom datasource",
        readme: "Grafana datasource provisioning for Axiom's plugin (`type: axiomhq-axiom-datasource`)",
        read_by: ReadBy::Program(Consumer::Grafana),
        token_help: TokenHelp::Text("write `accessToken: ${AXIOM_TOKEN}`; Grafana expands it from its environment when it provisions the datasource"),
        org_id_help: "use an API token (`xaat-`): the plugin rejects personal access tokens since 0.7.0",
        recognisers: &[recogniser(Root, Reads::Structured, grafana::recognise)],
    };
    /// A Terraform `grafana_data_source` of Axiom's plugin, with its settings in
    /// `jsonencode({ … })` (or its token in the 1.x provider's `secure_json_data` block).
    GrafanaTerraform => DialectRow {
        description: "Grafana Axiom datasource in Terraform",
        readme: "Terraform `grafana_data_source` resources of Axiom's plugin (`json_data_encoded` and `secure_json_data_encoded` as `jsonencode({ … })`, and the 1.x provider's `secure_json_data { access_token }` block)",
        read_by: ReadBy::Program(Consumer::Terraform),
        token_help: TokenHelp::Text("pass the token in a sensitive variable, set with `TF_VAR_axiom_token`: `accessToken = var.axiom_token` in `secure_json_data_encoded` (in the 1.x provider's `secure_json_data` block, `access_token = var.axiom_token`)"),
        org_id_help: "use an API token (`xaat-`): the plugin rejects personal access tokens since 0.7.0",
        recognisers: &[recogniser(Root, Reads::Structured, grafana::recognise_terraform)],
    };
    /// A Nomad task's `env` (`*.nomad`, `*.nomad.hcl`).
    NomadEnv => DialectRow {
        description: "Nomad task environment",
        readme: "Nomad jobspecs (`*.nomad`, `*.nomad.hcl`): a task's `env` block or map, the variables a `template` with `env = true` renders, and Nomad's interpolations read as references",
        read_by: ReadBy::Program(Consumer::Nomad),
        token_help: TokenHelp::Text("keep the token out of the jobspec: render it in a `template` block with `env = true` from a Nomad variable or Vault (`{{ with nomadVar \"nomad/jobs/<job>\" }}AXIOM_TOKEN={{ .AXIOM_TOKEN }}{{ end }}`)"),
        org_id_help: "set `AXIOM_ORG_ID` beside it",
        // The maps are found by the map recognisers (and templates rendering variables
        // here); this claims them once all are found.
        recognisers: &[
            recogniser(Root, Reads::Structured, nomad::recognise_templates),
            recogniser(Claim, Reads::Structured, nomad::claim_env_maps),
        ],
    };
    /// A Nomad `template` block that renders a file (no `env = true`): a config the task reads,
    /// where `{{ … }}` is what Nomad fills in.
    NomadTemplate => DialectRow {
        description: "Nomad template",
        readme: "Nomad `template` blocks that render a file (a Vector or collector config), where a token is read with a `{{ with nomadVar … }}` lookup in the template",
        read_by: ReadBy::Program(Consumer::Nomad),
        token_help: TokenHelp::Text("keep the token out of the jobspec: read it in the template, where the file needs it, from a Nomad variable or Vault (`{{ with nomadVar \"nomad/jobs/<job>\" }}{{ .AXIOM_TOKEN }}{{ end }}`)"),
        org_id_help: "read the org ID in the template beside the token",
        // Found by the recogniser of Nomad's templates, in the row above.
        recognisers: &[],
    };
    /// An Elastic Beats `output.elasticsearch` whose `hosts` are Axiom's.
    Beats => DialectRow {
        description: "Elastic Beats output",
        readme: "Elastic Beats `output.elasticsearch` to Axiom (`hosts`, `api_key`)",
        // Beats expand `${V}` from the environment or their keystore.
        read_by: ReadBy::ShapeOrPath,
        token_help: TokenHelp::Text("write `api_key: 'axiom:${AXIOM_TOKEN}'`; Beats read it from the environment or their keystore"),
        org_id_help: "use an API token (`xaat-`), which needs no org ID",
        recognisers: &[recogniser(Root, Reads::Structured, beats::recognise)],
    };
    /// A Logstash pipeline's `opensearch` output whose `hosts` are Axiom's.
    Logstash => DialectRow {
        description: "Logstash opensearch output",
        readme: "Logstash `opensearch` outputs to Axiom (`hosts`, `user`, `password`), in any `.conf` file read by the text scan",
        read_by: ReadBy::Program(Consumer::Logstash),
        token_help: TokenHelp::Text("write `password => \"${AXIOM_TOKEN}\"`; Logstash reads it from its keystore or the environment"),
        org_id_help: "use an API token (`xaat-`), which needs no org ID",
        recognisers: &[recogniser(Root, Reads::Text, logstash::recognise)],
    };
    /// The inputs (`with:`) of a GitHub Actions step that uses `axiomhq/annotation-action`.
    GitHubActions => DialectRow {
        description: "GitHub Actions step",
        readme: "GitHub Actions workflows (`env:` at every level, `axiomhq/annotation-action` inputs)",
        read_by: ReadBy::Program(Consumer::GithubWorkflow),
        token_help: TokenHelp::Text("write `axiomToken: ${{ secrets.AXIOM_TOKEN }}` and keep the token in the repository's secrets"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Root, Reads::Structured, github_actions::recognise)],
    };
    /// A string in a file of no known dialect that holds an Axiom URL.
    Generic => DialectRow {
        description: "configuration value",
        readme: "Axiom URLs in any other file in these formats",
        read_by: ReadBy::ShapeOrPath,
        token_help: TokenHelp::ConsumerOr("reference the token from the environment or a secret store, such as `${AXIOM_TOKEN}`"),
        org_id_help: "add `org_id` beside it",
        recognisers: &[recogniser(Fallback, Reads::Any, generic_urls)],
    };
}

/// The generic reading of the URLs the shared walk found.
fn generic_urls<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    generic::recognise(&input.candidates.urls, sites.edges, sites);
}

/// The README's list of what axiom-lint understands, one dialect a line (Markdown).
pub fn readme_list() -> String {
    Dialect::ALL
        .iter()
        .map(|dialect| format!("- {}\n", dialect.row().readme))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_has_a_description_of_its_own_and_a_recogniser() {
        let mut names = std::collections::HashSet::new();
        for dialect in Dialect::ALL {
            let row = dialect.row();
            assert!(names.insert(row.description), "{dialect:?} named twice");
            // OpenTelemetry variables are read in the maps the map recognisers find; Nomad's
            // templates, env or not, by one walk of the jobspec.
            let found_in_maps = matches!(*dialect, Dialect::OtelSdkEnv | Dialect::NomadTemplate);
            assert!(
                found_in_maps || !row.recognisers.is_empty(),
                "{dialect:?} is never found"
            );
            assert!(!row.description.is_empty() && !row.readme.is_empty());
        }
    }

    /// Environment maps with a known consumer (compose) are read before the generic reading
    /// of maps, which skips them; the hosted server claims bridges only after maps are found.
    #[test]
    fn recognisers_run_in_the_order_their_dependencies_need() {
        let order: Vec<(Phase, usize)> = Phase::ALL
            .iter()
            .flat_map(|&phase| {
                Dialect::ALL.iter().flat_map(move |dialect| {
                    dialect
                        .row()
                        .recognisers
                        .iter()
                        .filter(move |r| r.phase == phase)
                        .map(move |r| (phase, r.run as usize))
                })
            })
            .collect();
        let position = |run: Recognise| order.iter().position(|&(_, r)| r == run as usize);
        assert!(position(compose::recognise) < position(env_map::recognise));
        assert!(position(kubernetes::recognise) < position(env_map::recognise));
        assert!(position(env_map::recognise) < position(hosted_mcp::claim_bridged_env));
        assert!(position(hosted_mcp::claim_bridged_env) < position(generic_urls));
    }
}
