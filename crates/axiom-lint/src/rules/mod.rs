//! The rules, one file each, grouped by code range: `syntax` (AXL0xx), `endpoint` (AXL1xx),
//! `token` (AXL2xx).
//! Each reads the [`Context`] (sites and settings) and pushes diagnostics; none parses syntax.

pub(crate) mod endpoint;
pub(crate) mod syntax;
pub(crate) mod token;

use crate::parse::ParseError;
use crate::settings::Settings;
use crate::site::Site;
use crate::source::{Format, SourceFile};
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
}

impl Context<'_> {
    /// `text` as a string literal of the file's format, for fixes that replace a whole value.
    pub(crate) fn string_literal(&self, text: &str) -> String {
        match self.source.format {
            Format::Json | Format::Jsonc => {
                serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
            }
            Format::Toml => {
                let mut literal = String::with_capacity(text.len() + 2);
                literal.push('"');
                for c in text.chars() {
                    match c {
                        '"' => literal.push_str("\\\""),
                        '\\' => literal.push_str("\\\\"),
                        '\n' => literal.push_str("\\n"),
                        '\t' => literal.push_str("\\t"),
                        c if c.is_control() => literal.push_str(&format!("\\u{:04X}", c as u32)),
                        c => literal.push(c),
                    }
                }
                literal.push('"');
                literal
            }
        }
    }
}
