//! The rules, one file each, grouped by code range: `syntax` (AXL0xx), `endpoint` (AXL1xx),
//! `token` (AXL2xx).
//! Each reads the [`Context`] (sites and settings) and pushes diagnostics; none parses syntax.

pub(crate) mod endpoint;
pub(crate) mod syntax;
pub(crate) mod token;

use crate::diagnostic::Edit;
use crate::parse::ParseError;
use crate::settings::Settings;
use crate::site::Field;
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
        let literal = self.source.text.get(field.span()).unwrap_or_default();
        Some(Edit {
            span: field.span(),
            replacement: self.source.format.syntax().quote(literal, text),
        })
    }
}
