//! Credential sites: one connection, deployment, sink or environment map, with each of its
//! credential fields located in the file. Rules read sites, never syntax.

use std::borrow::Cow;
use std::ops::Range;

use axiom_lint_core::{Purpose, TokenKind};
use bumpalo::Bump;
use bumpalo::collections::Vec as ArenaVec;

use crate::tree::{Entry, Node};

pub use crate::dialect::Dialect;

impl Dialect {
    /// How the dialect is named in messages.
    pub fn describe(self) -> &'static str {
        self.row().description
    }
}

/// The program that reads a site's values, which decides which references are expanded
/// (`dialect::consumer` holds the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Consumer {
    /// Not known: no reference is judged.
    Unknown,
    /// Some program reading a JSON or TOML file: not a GitHub workflow, so `${{ … }}` is
    /// certainly not expanded, and nothing else is known.
    UnknownConfig,
    /// The Axiom CLI (`~/.axiom.toml`).
    AxiomCli,
    /// Vector.
    Vector,
    /// The OpenTelemetry Collector.
    OtelCollector,
    /// Terraform.
    Terraform,
    /// A GitHub Actions workflow or action file.
    GithubWorkflow,
    /// docker compose.
    Compose,
    /// A Kubernetes container's `env[].value`.
    KubernetesEnv,
    /// A dev container (`devcontainer.json`).
    Devcontainer,
    /// VS Code (`.vscode/mcp.json`, MCP servers in `.vscode/settings.json`).
    VsCodeMcp,
    /// Cursor (`.cursor/mcp.json`).
    CursorMcp,
    /// Claude Code (`.mcp.json`).
    ClaudeCodeMcp,
    /// Claude Desktop (`claude_desktop_config.json`).
    ClaudeDesktop,
    /// Zed (`context_servers` in its settings).
    Zed,
    /// Gemini CLI (`.gemini/settings.json`).
    GeminiCli,
    /// Cloudflare wrangler (`wrangler.toml`, `wrangler.json(c)`).
    Wrangler,
    /// Vercel, Netlify or Fly configuration.
    HostingPlatform,
    /// A `.env` file's loader.
    DotEnv,
    /// Fluent Bit.
    FluentBit,
    /// Nomad (a jobspec's task `env`).
    Nomad,
    /// Grafana provisioning.
    Grafana,
    /// systemd (`Environment=` in a unit).
    Systemd,
    /// Logstash (a pipeline's `opensearch` output).
    Logstash,
}

/// A key and its value in the file: a table entry, or a `KEY=value` pair carved out of a
/// string (a compose `environment` list item, a `.env` line).
#[derive(Debug, Clone)]
pub struct Field<'t> {
    /// The key as written, such as `AXIOM_URL` or `subdomain`.
    pub key: &'t str,
    /// The key's bytes.
    pub key_span: Range<usize>,
    /// The value's bytes as written, quotes included.
    pub span: Range<usize>,
    /// The bytes of the value's text, inside its quotes.
    pub content: Range<usize>,
    /// The value as text (strings and TOML date-times), or `None` for other values.
    pub value: Option<Cow<'t, str>>,
    /// The tree node the value is; `None` for a value carved out of a string.
    pub node: Option<&'t Node<'t>>,
}

impl<'t> Field<'t> {
    /// A field from a table entry.
    pub fn of(entry: &'t Entry<'t>) -> Self {
        Self::with_value(&entry.key, entry.key_span.clone(), &entry.value)
    }

    /// A field whose value is `node`, somewhere below its key (Cargo's `{ value = "…" }`).
    pub fn with_value(key: &'t str, key_span: Range<usize>, node: &'t Node<'t>) -> Self {
        Self {
            key,
            key_span,
            span: node.span.clone(),
            content: node.content.clone(),
            value: node.as_text().map(Cow::Borrowed),
            node: Some(node),
        }
    }

    /// A field carved out of a string: `value` is the text at `span`, with no quotes of its
    /// own, so a fix may replace its bytes only with text that needs no escaping.
    pub fn carved(
        key: &'t str,
        key_span: Range<usize>,
        value: Cow<'t, str>,
        span: Range<usize>,
    ) -> Self {
        Self {
            key,
            key_span,
            content: span.clone(),
            span,
            value: Some(value),
            node: None,
        }
    }

    /// The value of a `KEY=value` string (a compose `environment` list item) as a field
    /// carved out of it; `None` for a bare `KEY`, and for a string whose bytes in the file are
    /// not its text (escapes, folded lines), where offsets inside it cannot be known.
    pub fn assignment(item: &'t Node<'t>, source_text: &str) -> Option<Self> {
        let text = item.as_str()?;
        let (key, value) = text.split_once('=')?;
        if source_text.get(item.content.clone()) != Some(text) {
            return None;
        }
        let key_start = item.content.start;
        let value_start = key_start + key.len() + 1;
        Some(Self::carved(
            key,
            key_start..key_start + key.len(),
            Cow::Borrowed(value),
            value_start..item.content.end,
        ))
    }

    /// The value as text (strings and TOML date-times), or `None`.
    pub fn text(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The value's bytes.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// What a host-bearing field is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HostRole {
    /// The part before `.axiom.co` (Nango `connection_config.subdomain`, native `subdomain`).
    Subdomain,
    /// A bare edge domain: `AXIOM_EDGE`, `AXIOM_EDGE_REGION`, Vector `region`, CLI `edge_region`.
    EdgeDomain,
    /// A bare host that may be the API host or an edge: `AXIOM_DOMAIN`, which Axiom's docs
    /// use for the edge and third-party apps default to `api.axiom.co`.
    Domain,
    /// A deployment ID such as `cloud.eu-central-1.aws` (Terraform `edge_deployment`).
    EdgeDeployment,
    /// The API base URL: `AXIOM_URL`, `AXIOM_BASE_URL`, Terraform `base_url`, CLI `url`.
    ApiUrl {
        /// The Axiom CLI's `url` accepts a bare host; every other consumer needs `https://`.
        scheme_optional: bool,
    },
    /// A full edge URL: CLI `edge_url`, `AXIOM_EDGE_URL`.
    EdgeUrl,
    /// Vector's `url`: without a path it is an API base and the legacy ingest path is appended.
    VectorUrl,
    /// An OpenTelemetry exporter `endpoint`.
    OtelEndpoint,
    /// An Axiom URL in a field no dialect explains; only unambiguous host rules apply.
    AnyUrl,
    /// A full URL whose meaning varies by the program reading it (`AXIOM_API_URL`,
    /// `AXIOM_INGEST_URL`, next-axiom's `AXIOM_INGEST_ENDPOINT`): judged only for what is wrong
    /// whatever it means (no scheme, the console, legacy hosts, an unknown edge), never for
    /// pointing at the API host rather than an edge or the other way round.
    FullUrl,
    /// The base of an Elastic Beats `hosts` URL (`hosts: ['${AXIOM_HOST}/v1/ingest/…']`): a
    /// full URL, with `:443` since Beats defaults to port 9200 (AXIOM.md, "More places
    /// credentials live").
    BeatsBase,
    /// A whole Elastic Beats `hosts` URL or a Logstash `opensearch` one
    /// (`https://<edge>:443/v1/ingest/<dataset>/elastic`): the Beats rule (AXL501) judges its
    /// scheme, port and path; the host rules judge which host it names, and their help writes
    /// the URL Beats needs (AXIOM.md, "More places credentials live").
    BeatsHost,
    /// The URL a Fluent Bit `http` output posts to, put together from its `Host`, `Port`,
    /// `TLS` and `URI` (AXIOM.md, "More places credentials live"), at its `Host`: judged for
    /// the route host and path make together; no one value holds it, so it is never fixed.
    FluentBitUrl,
}

impl HostRole {
    /// Whether the field holds a full URL, which needs `https://`.
    pub fn needs_scheme(self) -> bool {
        match self {
            Self::ApiUrl { scheme_optional } => !scheme_optional,
            Self::EdgeUrl
            | Self::VectorUrl
            | Self::OtelEndpoint
            | Self::FullUrl
            | Self::BeatsBase
            | Self::FluentBitUrl => true,
            Self::Subdomain
            | Self::EdgeDomain
            | Self::Domain
            | Self::EdgeDeployment
            | Self::AnyUrl
            | Self::BeatsHost => false,
        }
    }

    /// Whether the field holds a URL (as opposed to a bare name or domain).
    pub fn is_url(self) -> bool {
        matches!(
            self,
            Self::ApiUrl { .. }
                | Self::EdgeUrl
                | Self::VectorUrl
                | Self::OtelEndpoint
                | Self::AnyUrl
                | Self::FullUrl
                | Self::BeatsBase
                | Self::BeatsHost
                | Self::FluentBitUrl
        )
    }
}

impl HostRole {
    /// The field, expected to hold this.
    pub(crate) fn at(self, field: Field<'_>) -> HostField<'_> {
        HostField { field, role: self }
    }
}

/// A field that says where requests go.
#[derive(Debug, Clone)]
pub struct HostField<'t> {
    /// The field.
    pub field: Field<'t>,
    /// What it is expected to hold.
    pub role: HostRole,
}

/// A field that holds (or references) a token.
#[derive(Debug, Clone)]
pub struct TokenField<'t> {
    /// The field.
    pub field: Field<'t>,
    /// The consumer accepts only API tokens (Nango `apiKey`, Terraform `api_token`,
    /// `AXIOM_API_TOKEN`, CloudWatch forwarder `AxiomToken`).
    pub api_token_only: bool,
    /// An HTTP `Authorization` header, where `Bearer <token>` is the right form.
    pub authorization_header: bool,
    /// A browser-exposed variable (`NEXT_PUBLIC_*`, `VITE_*`, `PUBLIC_*`).
    pub public: bool,
    /// The kind the field's name declares (`AXIOM_PAT`, `personal_token`).
    pub named_kind: Option<TokenKind>,
}

impl<'t> TokenField<'t> {
    /// A token field with no special meaning: any kind of token, no header syntax.
    pub(crate) fn plain(field: Field<'t>) -> Self {
        Self {
            field,
            api_token_only: false,
            authorization_header: false,
            public: false,
            named_kind: None,
        }
    }

    /// An HTTP `Authorization` header, where `Bearer <token>` is the right form.
    pub(crate) fn authorization_header(field: Field<'t>) -> Self {
        Self {
            authorization_header: true,
            ..Self::plain(field)
        }
    }

    /// A token field whose consumer accepts only API tokens.
    pub(crate) fn api_token_only(field: Field<'t>) -> Self {
        Self {
            api_token_only: true,
            ..Self::plain(field)
        }
    }
}

/// One place that holds a set of Axiom credentials.
#[derive(Debug, Clone)]
pub struct Site<'t> {
    /// Where it was recognised.
    pub dialect: Dialect,
    /// The program that reads it.
    pub consumer: Consumer,
    /// The table the site was built from.
    pub node: &'t Node<'t>,
    /// The token fields: usually one; an environment map may hold several (`AXIOM_TOKEN` and
    /// `AXIOM_QUERY_TOKEN`), which share the map's org ID and hosts. (Like every list of a
    /// site, it lives in the file's arena: a file may have thousands of sites.)
    pub tokens: ArenaVec<'t, TokenField<'t>>,
    /// The org ID field, if any. (Boxed: most sites have none, and a file may have thousands
    /// of sites, such as every URL in a long line of code.)
    pub org_id: Option<Box<Field<'t>>>,
    /// The org ID is given elsewhere than in a field: the hosted MCP server's `?org-id=`, or
    /// an `x-axiom-org-id` header passed to a bridge in `args`.
    pub org_id_in_url: bool,
    /// Every field that says where requests go.
    pub hosts: ArenaVec<'t, HostField<'t>>,
    /// What the site is used for: from `purpose`, or implied by the dialect (a Vector sink ingests).
    pub purposes: Purposes,
    /// The fields only axiom-lint's own credentials file has; `None` elsewhere. (Held apart:
    /// a site is moved on its way to the rules, and most sites have none.)
    pub native: Option<Box<NativeFields<'t>>>,
    /// The OpenTelemetry SDK variables of an environment map; `None` elsewhere.
    pub otlp: Option<Box<OtlpFields<'t>>>,
    /// A Fluent Bit `http` output's connection settings; `None` elsewhere.
    pub fluent_bit: Option<Box<FluentBitOutput<'t>>>,
    /// An Elastic Beats output's hosts and key; `None` elsewhere.
    pub beats: Option<Box<BeatsOutput<'t>>>,
    /// An `org_id` argument of Terraform's `provider "axiom"` block, which no current provider
    /// version accepts ("Unsupported argument"); `None` elsewhere. Nothing reads it, so it is
    /// not the site's [`Site::org_id`].
    pub provider_org_id: Option<Box<Field<'t>>>,
    /// The OTLP exporter in code that the site's URL is given to; `None` elsewhere.
    pub otlp_exporter: Option<Box<OtlpExporter>>,
}

impl<'t> Site<'t> {
    /// An empty site for a table, to be filled by a recogniser, with its lists in `arena`.
    pub(crate) fn new(dialect: Dialect, node: &'t Node<'t>, arena: &'t Bump) -> Self {
        Self {
            dialect,
            consumer: Consumer::Unknown,
            node,
            tokens: ArenaVec::new_in(arena),
            org_id: None,
            org_id_in_url: false,
            hosts: ArenaVec::new_in(arena),
            purposes: Purposes::default(),
            native: None,
            otlp: None,
            fluent_bit: None,
            beats: None,
            provider_org_id: None,
            otlp_exporter: None,
        }
    }

    /// The explicit `purpose` field (native), if any.
    pub fn purpose_field(&self) -> Option<&Field<'t>> {
        self.native.as_ref()?.purpose.as_ref()
    }

    /// The `permissions` field (native), if any.
    pub fn permissions(&self) -> Option<&Field<'t>> {
        self.native.as_ref()?.permissions.as_ref()
    }

    /// The `token_kind` field (native), if any.
    pub fn declared_kind(&self) -> Option<&Field<'t>> {
        self.native.as_ref()?.token_kind.as_ref()
    }

    /// The `expires_at` field (native), if any.
    pub fn expires_at(&self) -> Option<&Field<'t>> {
        self.native.as_ref()?.expires_at.as_ref()
    }

    /// Whether the site has the given purpose.
    pub fn has_purpose(&self, purpose: Purpose) -> bool {
        self.purposes.contains(purpose)
    }
}

/// The fields of a connection in axiom-lint's own credentials file that no other dialect has.
#[derive(Debug, Clone, Default)]
pub struct NativeFields<'t> {
    /// The explicit `purpose` field.
    pub purpose: Option<Field<'t>>,
    /// The `permissions` field.
    pub permissions: Option<Field<'t>>,
    /// The `token_kind` field.
    pub token_kind: Option<Field<'t>>,
    /// The `expires_at` field.
    pub expires_at: Option<Field<'t>>,
}

/// A set of purposes, held in a byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purposes(u8);

impl Purposes {
    /// The set of one purpose.
    pub fn only(purpose: Purpose) -> Self {
        Self(Self::bit(purpose))
    }

    /// Whether the set holds `purpose`.
    pub fn contains(self, purpose: Purpose) -> bool {
        self.0 & Self::bit(purpose) != 0
    }

    fn bit(purpose: Purpose) -> u8 {
        match purpose {
            Purpose::Ingest => 1,
            Purpose::Query => 2,
            Purpose::Manage => 4,
        }
    }
}

impl FromIterator<Purpose> for Purposes {
    fn from_iter<I: IntoIterator<Item = Purpose>>(purposes: I) -> Self {
        Self(
            purposes
                .into_iter()
                .fold(0, |set, purpose| set | Self::bit(purpose)),
        )
    }
}

/// A signal of the OpenTelemetry SDK, as named in its variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtlpSignal {
    /// `TRACES`: posted to `/v1/traces`.
    Traces,
    /// `LOGS`: posted to `/v1/logs`.
    Logs,
    /// `METRICS`: posted to `/v1/metrics`.
    Metrics,
}

impl OtlpSignal {
    /// Every signal.
    pub const ALL: [Self; 3] = [Self::Traces, Self::Logs, Self::Metrics];

    /// The signal a variable names (`OTEL_EXPORTER_OTLP_<NAME>_ENDPOINT`).
    pub(crate) fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|signal| signal.name() == name)
    }

    /// As variables name it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Traces => "TRACES",
            Self::Logs => "LOGS",
            Self::Metrics => "METRICS",
        }
    }

    /// The path the SDK posts it to.
    pub fn path(self) -> &'static str {
        match self {
            Self::Traces => "/v1/traces",
            Self::Logs => "/v1/logs",
            Self::Metrics => "/v1/metrics",
        }
    }
}

/// The OpenTelemetry SDK variables of one environment map (AXIOM.md, "More places
/// credentials live").
#[derive(Debug, Clone, Default)]
pub struct OtlpFields<'t> {
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` (a base URL: no signal) and the per-signal full URLs.
    pub endpoints: Vec<(Option<OtlpSignal>, Field<'t>)>,
    /// `OTEL_EXPORTER_OTLP_PROTOCOL` and its per-signal forms.
    pub protocols: Vec<Field<'t>>,
    /// `OTEL_EXPORTER_OTLP_HEADERS`, when it names `x-axiom-dataset` for every signal.
    pub shared_dataset_header: Option<Field<'t>>,
    /// `OTEL_EXPORTER_OTLP_METRICS_HEADERS` is set: metrics send headers of their own.
    pub metrics_have_own_headers: bool,
    /// Metrics are exported (`OTEL_METRICS_EXPORTER` is not `none`; the SDKs' default is `otlp`).
    pub metrics_exported: bool,
}

/// An OTLP exporter built in code, as the text around a URL names it (AXIOM.md, "More places
/// credentials live", OTLP exporters in code).
#[derive(Debug, Clone)]
pub struct OtlpExporter {
    /// The signal it exports; `None` when the code does not say (a .NET `AddOtlpExporter`
    /// outside `WithTracing`, `WithMetrics` and `WithLogging`).
    pub signal: Option<OtlpSignal>,
    /// What its endpoint argument must hold.
    pub takes: ExporterEndpoint,
    /// The constructor, builder or option as written (`OTLPLogExporter`,
    /// `otlptracehttp.WithEndpoint`), for messages.
    pub name: String,
    /// The bytes of the name that says which exporter it is, for a label.
    pub name_span: Range<usize>,
    /// The URL is a whole string literal with nothing joined to it, so its path (or its lack
    /// of one) is what the exporter is given.
    pub whole_literal: bool,
}

impl OtlpExporter {
    /// Whether `url`'s path is given to the exporter as it is, and is no signal's path at all
    /// (`/v1/ingest/<dataset>`), where Axiom takes no OTLP.
    pub(crate) fn path_is_foreign(&self, url: &str) -> bool {
        let path_used = matches!(
            self.takes,
            ExporterEndpoint::FullUrl { path_known: true } | ExporterEndpoint::UrlPathOptional
        );
        let Some(url) = axiom_lint_core::UrlParts::split(url.trim()) else {
            return false;
        };
        let path = url.path_str().trim_end_matches('/');
        path_used
            && self.whole_literal
            && self.signal.is_some()
            && !path.is_empty()
            && OtlpSignal::ALL
                .iter()
                .all(|signal| !path.ends_with(signal.path()))
    }
}

/// What an exporter's endpoint argument must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExporterEndpoint {
    /// A full URL used as it is: the signal's path must be in it. `path_known` is false where
    /// the same name may be a gRPC exporter (one file may import either), where the path is
    /// not used, so only a wrong signal path is judged.
    FullUrl {
        /// Whether the exporter certainly posts to the URL's path.
        path_known: bool,
    },
    /// A URL whose empty path is filled in with the signal's (Go's `WithEndpointURL`).
    UrlPathOptional,
    /// A bare `host[:port]`, no scheme and no path (Go's `WithEndpoint`).
    HostPort,
}

/// A Fluent Bit `http` output's connection settings (AXIOM.md, "More places credentials live").
#[derive(Debug, Clone)]
pub struct FluentBitOutput<'t> {
    /// `Host`, when it is an Axiom host.
    pub host: Option<Field<'t>>,
    /// `Port`, lowercased (Fluent Bit's default is 80).
    pub port: Option<String>,
    /// `TLS`, lowercased (Fluent Bit's default is off).
    pub tls: Option<String>,
    /// `URI`.
    pub uri: Option<Field<'t>>,
    /// The legacy `/v1/datasets/<ds>/ingest` on `api.axiom.co`, which still works.
    pub legacy_on_api: bool,
}

/// An Elastic Beats `output.elasticsearch` or a Logstash `opensearch` output to Axiom
/// (AXIOM.md, "More places credentials live").
#[derive(Debug, Clone)]
pub struct BeatsOutput<'t> {
    /// The program, as named in messages: `Beats` or `Logstash`.
    pub program: &'static str,
    /// The `hosts` items that name an Axiom host.
    pub hosts: Vec<Field<'t>>,
    /// `api_key` when it holds a bare token, without the `axiom:` id (the old form).
    pub bare_api_key: Option<Field<'t>>,
    /// Logstash: `user` when it is a literal other than `axiom`.
    pub wrong_user: Option<Field<'t>>,
    /// Logstash: `password`, when no `user` is set beside it.
    pub user_missing: Option<Field<'t>>,
}
