//! The library's byte spans and diagnostics in LSP terms: positions in UTF-16 code units, as
//! the protocol requires, and severities, codes and secondary labels.

use std::ops::Range;

use axiom_lint::{Diagnostic, Severity};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Uri,
};

/// The name diagnostics are published under.
pub(crate) const SOURCE: &str = "axiom-lint";

/// Line starts of one text, for byte offset ↔ UTF-16 position conversions.
#[derive(Debug, Clone)]
pub(crate) struct LineMap {
    line_starts: Vec<usize>,
}

impl LineMap {
    pub(crate) fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, byte)| *byte == b'\n')
                .map(|(index, _)| index + 1),
        );
        Self { line_starts }
    }

    /// The position of a byte offset; an offset inside a character or past the end is
    /// clamped to the nearest character boundary before it.
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or_default();
        let character = text
            .get(start..offset)
            .map_or(0, |prefix| prefix.encode_utf16().count());
        Position::new(to_u32(line), to_u32(character))
    }

    pub(crate) fn range(&self, text: &str, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position; a character past the end of its line means the line's
    /// end, and a line past the end of the text means the text's end, as LSP says.
    pub(crate) fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .line_starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |next| next - 1);
        let line = text.get(start..end).unwrap_or_default();
        let mut units = 0;
        for (index, character) in line.char_indices() {
            if units >= position.character as usize {
                return start + index;
            }
            units += character.len_utf16();
        }
        end
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

pub(crate) fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A library diagnostic as the client shows it: the same code, severity and (already
/// scrubbed) message; secondary labels as related information in the same document.
pub(crate) fn diagnostic(
    uri: &Uri,
    text: &str,
    lines: &LineMap,
    diagnostic: &Diagnostic,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, &label.span)),
            message: label.message.clone(),
        })
        .collect();
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: lines.range(text, &diagnostic.span),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.code().to_owned())),
        code_description: None,
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // "é" is 2 bytes and 1 unit, "😀" 4 bytes and 2 units, "界" 3 bytes and 1 unit.
        let text = "a = 1\n# é😀界\nkey = \"x\"\n";
        let lines = LineMap::new(text);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(lines.position(text, x), Position::new(2, 7));
        let after = text.find('界').unwrap_or_default() + '界'.len_utf8();
        assert_eq!(lines.position(text, after), Position::new(1, 6));
        assert_eq!(lines.offset(text, Position::new(1, 6)), after);
        assert_eq!(lines.offset(text, Position::new(2, 7)), x);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\ncd";
        let lines = LineMap::new(text);
        assert_eq!(lines.offset(text, Position::new(0, 99)), 2);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(lines.position(text, 99), Position::new(1, 2));
    }

    #[test]
    fn an_offset_inside_a_character_clamps_before_it() {
        let text = "😀x";
        let lines = LineMap::new(text);
        assert_eq!(lines.position(text, 2), Position::new(0, 0));
        assert_eq!(lines.position(text, 4), Position::new(0, 2));
    }
}
