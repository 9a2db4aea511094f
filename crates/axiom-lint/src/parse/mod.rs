//! Parsing with spans: TOML and JSON(C) into the one [`Node`](crate::tree::Node) tree.

mod json;
mod toml;

use std::ops::Range;

use crate::source::{Format, SourceFile};
use crate::tree::Node;

/// Why a file could not be parsed, with the exact bytes at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    /// What is wrong, in the parser's words.
    pub(crate) message: String,
    /// The bytes at fault (may be empty, at the position of the fault).
    pub(crate) span: Range<usize>,
}

/// Parses a source into its tree.
pub(crate) fn parse(source: &SourceFile) -> Result<Node<'_>, ParseError> {
    // A byte-order mark is not part of the document; parse after it and keep file offsets.
    let offset = if source.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let text = &source.text[offset..];
    let result = match source.format {
        Format::Toml => toml::parse(text, offset),
        Format::Json => json::parse(text, offset, false),
        Format::Jsonc => json::parse(text, offset, true),
    };
    result.map_err(|mut error| {
        error.span = error.span.start + offset..error.span.end + offset;
        clamp(&mut error.span, source.text.len());
        error
    })
}

fn clamp(span: &mut Range<usize>, len: usize) {
    span.start = span.start.min(len);
    span.end = span.end.clamp(span.start, len);
}
