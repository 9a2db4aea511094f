//! The rules, one file each, grouped by code range: `syntax` (AXL0xx), `endpoint` (AXL1xx),
//! `token` (AXL2xx), `otlp` (AXL3xx), `fluent_bit`
//! (AXL4xx), `beats` (AXL5xx).
//! Each reads the [`Context`] (sites and settings) and pushes diagnostics; none parses syntax.

pub(crate) mod beats;
pub(crate) mod endpoint;
pub(crate) mod fluent_bit;
pub(crate) mod otlp;
pub(crate) mod syntax;
mod table;
pub(crate) mod token;

pub(crate) use table::run_all;

use crate::diagnostic::Edit;
use crate::parse::ParseError;
use crate::settings::Settings;
use crate::site::Field;
use crate::site::HostRole;
use crate::site::Site;
use crate::source::SourceFile;
use crate::tree::Node;

/// What every rule may read about one file.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub(crate) source: &'a SourceFile,
    pub(crate) tree: Option<&'a Node<'a>>,
    pub(crate) parse_error: Option<&'a ParseError>,
    pub(crate) sites: &'a [Site<'a>],
    pub(crate) native_credentials: bool,
    pub(crate) settings: &'a Settings,
    /// The file's inline suppression comments.
    pub(crate) suppressions: &'a [crate::suppress::Suppression],
    /// Every token field, classified once.
    pub(crate) token_uses: Vec<token::TokenUse<'a>>,
    /// One verdict per host value, decided once so each value gets its most specific finding.
    pub(crate) host_findings: Vec<endpoint::HostFinding<'a>>,
    /// Tokens the raw text hides behind escapes or line continuations, found once.
    pub(crate) hidden_tokens: &'a [(std::ops::Range<usize>, &'a str)],
    /// Where the text writes a token prefix and which of those start a token, found once.
    pub(crate) prefix_scan: &'a axiom_lint_core::PrefixScan,
}

impl Context<'_> {
    /// A line setting `key` to `text` as the file's format writes it, for help that shows
    /// what to write.
    pub(crate) fn assignment(&self, key: &str, text: &str) -> String {
        self.source.format.syntax().assignment(key, text)
    }

    /// An edit that makes `field`'s value read `text`, quoted in the user's style; `None` when
    /// the value sits inside a string and `text` would need escaping there.
    pub(crate) fn value_edit(&self, field: &Field<'_>, text: &str) -> Option<Edit> {
        if field.node.is_none() {
            return crate::parse::is_inert(text).then(|| Edit {
                span: field.span(),
                replacement: text.to_owned(),
            });
        }
        // The line breaks that end a heredoc, a block scalar or a quoted multi-line value are
        // not part of the text a rule judged (and rewrote): they stay.
        let line_break = field.value.as_deref().and_then(|old| {
            let breaks = &old[old.trim_end_matches(['\n', '\r']).len()..];
            (!breaks.is_empty() && !text.contains('\n')).then_some(breaks)
        });
        let with_break;
        let text = match line_break {
            Some(end) => {
                with_break = format!("{text}{end}");
                with_break.as_str()
            }
            None => text,
        };
        let file = &self.source.text;
        if let Some(edit) = field
            .value
            .as_deref()
            .and_then(|old| splice(field, old, file, text))
        {
            return Some(edit);
        }
        // A block scalar's bytes end at its last character: the line breaks that end its value
        // are the block's, and stay as they are.
        if let (Some(old), Some(end)) = (field.value.as_deref(), line_break)
            && let (Some(old), Some(text)) = (old.strip_suffix(end), text.strip_suffix(end))
            && let Some(edit) = splice(field, old, file, text)
        {
            return Some(edit);
        }
        let literal = self.source.text.get(field.span()).unwrap_or_default();
        let syntax = self.source.format.syntax();
        syntax.requotable(literal).then(|| Edit {
            span: field.span(),
            replacement: syntax.quote(literal, text),
        })
    }
}

/// The smallest edit that turns `field`'s value, `old`, into `text`: the head and tail the two share
/// stay byte for byte as written (escapes, interpolation, heredocs, quote style), and only the
/// part between them is replaced, when that part needs no escaping in any format. `None` when
/// the kept bytes do not read as they are written or an escape or `${` would straddle an edge.
fn splice(field: &Field<'_>, old: &str, file: &str, text: &str) -> Option<Edit> {
    let raw = file.get(field.content.clone())?;
    let head = old
        .char_indices()
        .zip(text.chars())
        .find(|((_, a), b)| a != b)
        .map_or_else(|| old.len().min(text.len()), |((at, _), _)| at);
    let tail = old[head..]
        .chars()
        .rev()
        .zip(text[head..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(c, _)| c.len_utf8())
        .sum::<usize>();
    let middle = &text[head..text.len() - tail];
    let raw_tail = raw.len().checked_sub(tail)?;
    if raw_tail < head || !raw.is_char_boundary(head) || !raw.is_char_boundary(raw_tail) {
        return None;
    }
    let (raw_head, raw_middle, raw_end) = (&raw[..head], &raw[head..raw_tail], &raw[raw_tail..]);
    let kept_as_written = raw_head == &old[..head] && raw_end == &old[old.len() - tail..];
    // Where the text is written with escapes, kept bytes with quote or escape characters may
    // only look the same.
    let special = |part: &str| part.contains(['\\', '\'', '"', '$', '%', '{', '\n', '\r']);
    let kept_plain = raw == old || !(special(raw_head) || special(raw_end));
    let straddles = raw_head.ends_with(['\\', '$', '%'])
        || raw_middle.ends_with(['\\', '$', '%'])
        || raw_middle.starts_with('{');
    let middle_inert = crate::parse::is_inert(middle) && !middle.contains('%');
    (kept_as_written && kept_plain && !straddles && middle_inert).then(|| Edit {
        span: field.content.start + head..field.content.start + raw_tail,
        replacement: middle.to_owned(),
    })
}

/// Where a host field should point instead of a wrong Axiom host, written the way that field
/// takes it (a full URL, a bare domain, a subdomain), so that following the help gives a value
/// the tool accepts: `api.axiom.co` in a URL field would only trade one finding for AXL104.
pub(crate) fn where_to_point(role: HostRole) -> &'static str {
    match role {
        HostRole::Subdomain => {
            "use `api` for the API, or your edge's subdomain for ingest and query, such as `eu-central-1.aws.edge`"
        }
        HostRole::EdgeDomain => "use your edge, such as `eu-central-1.aws.edge.axiom.co`",
        HostRole::Domain => {
            "use `api.axiom.co` or your edge, such as `eu-central-1.aws.edge.axiom.co`, as the program reading it expects"
        }
        HostRole::EdgeDeployment => {
            "use your edge's deployment ID, such as `cloud.eu-central-1.aws`"
        }
        HostRole::ApiUrl { .. } => {
            "use `https://api.axiom.co`; ingest and query go to your edge (such as `https://eu-central-1.aws.edge.axiom.co`) through its own setting"
        }
        HostRole::EdgeUrl => "use your edge, such as `https://eu-central-1.aws.edge.axiom.co`",
        HostRole::VectorUrl => {
            "remove `url` and set `region` to your edge, such as `eu-central-1.aws.edge.axiom.co`"
        }
        // The exporter appends `/v1/traces`, `/v1/logs` or `/v1/metrics` itself.
        HostRole::OtelEndpoint => {
            "set `endpoint` to your edge's base URL, such as `https://eu-central-1.aws.edge.axiom.co`; the exporter adds `/v1/traces`, `/v1/logs` and `/v1/metrics`"
        }
        HostRole::BeatsBase => {
            "use your edge with port 443, such as `https://eu-central-1.aws.edge.axiom.co:443`"
        }
        // Beats and Logstash post Elasticsearch's bulk API to the whole URL.
        HostRole::BeatsHost => {
            "use your edge's Elasticsearch endpoint, such as `https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/<dataset>/elastic`"
        }
        HostRole::FluentBitUrl => {
            "set `Host` to your edge, such as `eu-central-1.aws.edge.axiom.co`, and `URI` to `/v1/ingest/<dataset>`"
        }
        HostRole::AnyUrl | HostRole::FullUrl => {
            "use `https://api.axiom.co` for the API, or your edge for ingest and query, such as `https://eu-central-1.aws.edge.axiom.co`"
        }
    }
}
