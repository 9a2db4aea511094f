//! Byte offsets to 1-based lines and columns, counting columns in Unicode scalar values.

use memchr::memchr_iter;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values (a byte-order mark is not a column).
    pub column: usize,
}

/// The start of every line in a text, for offset → position look-ups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// In ASCII text a column is a byte count: no scan of the line per position.
    ascii: bool,
}

const BOM: &str = "\u{feff}";

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`, so `\r\n` files need no special case: the `\r` is
    /// the last character of its line.
    pub fn new(text: &str) -> Self {
        #[cfg(any(test, feature = "counters"))]
        crate::counters::line_index();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|newline| newline + 1));
        Self {
            line_starts,
            ascii: text.is_ascii(),
        }
    }

    /// The position of a byte offset in `text` (the text this index was built from). Offsets
    /// inside a character or past the end are clamped to the nearest valid position.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let mut line_start = self.line_starts[line];
        if line == 0 && text.starts_with(BOM) {
            line_start = BOM.len().min(offset);
        }
        let column = if self.ascii {
            offset - line_start + 1
        } else {
            text[line_start..offset].chars().count() + 1
        };
        Position {
            line: line + 1,
            column,
        }
    }

    /// The position of a byte offset with the column counted in UTF-16 code units, as SARIF
    /// consumers such as GitHub code scanning count them (`columnKind: utf16CodeUnits`).
    pub fn utf16_position(&self, text: &str, offset: usize) -> Position {
        let position = self.position(text, offset);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = self.line_starts[position.line - 1];
        let line_start = if position.line == 1 && text.starts_with(BOM) {
            BOM.len().min(offset)
        } else {
            line_start
        };
        Position {
            line: position.line,
            column: if self.ascii {
                offset - line_start + 1
            } else {
                text[line_start..offset].encode_utf16().count() + 1
            },
        }
    }

    /// The byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |next| next - 1);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some(start..end.max(start))
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte offset where a 0-based line starts; past the last line, `usize::MAX`.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(text).position(text, offset);
        (p.line, p.column)
    }

    #[test]
    fn counts_lines_and_unicode_columns() {
        let text = "a = 1\nnäme = \"x\"\n";
        assert_eq!(pos(text, 0), (1, 1));
        assert_eq!(pos(text, 6), (2, 1));
        let quote = text.find('"').unwrap();
        assert_eq!(pos(text, quote), (2, 8));
    }

    #[test]
    fn crlf_and_bom_do_not_shift_columns() {
        let text = "\u{feff}a = 1\r\nb = 2\r\n";
        assert_eq!(pos(text, 3), (1, 1));
        let b = text.find('b').unwrap();
        assert_eq!(pos(text, b), (2, 1));
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 2).unwrap()], "b = 2");
    }

    #[test]
    fn utf16_columns_count_astral_characters_twice() {
        let text = "k = \"😀é\" # x\n";
        let index = LineIndex::new(text);
        let hash = text.find('#').unwrap();
        assert_eq!(index.position(text, hash).column, 10);
        assert_eq!(index.utf16_position(text, hash).column, 11);
        assert_eq!(
            index.utf16_position(text, 0),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn offsets_out_of_range_are_clamped() {
        assert_eq!(pos("ab", 99), (1, 3));
        assert_eq!(pos("é", 1), (1, 1));
    }
}
