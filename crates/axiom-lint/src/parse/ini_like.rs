//! INI-like line grammars: `[Section]` headers, `key value` or `key=value` lines, `#`
//! comments. One small parser with two instances, Fluent Bit's classic `.conf` and systemd
//! units, each emitting the tree the other formats emit: the root is a table of sections in
//! source order (lines before the first section are entries of the root itself), each section
//! a table of its keys, repeated keys kept (Fluent Bit's `Header`, systemd's `Environment=`).
//!
//! Values are kept as written, with no unquoting: neither program unquotes a whole value
//! (systemd's quotes are per assignment inside `Environment=`, which its dialect carves out),
//! so every value's bytes are its text and offsets inside it are the file's.

use std::borrow::Cow;
use std::ops::Range;

use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// Fluent Bit's classic configuration (`fluent-bit.conf` and the files it includes).
pub(crate) static FLUENT_BIT: IniLike = IniLike {
    name: "fluent-bit",
    separator: Separator::Whitespace,
    comments: &["#"],
};

/// systemd unit files (`*.service`, drop-ins `*.service.d/*.conf`).
pub(crate) static SYSTEMD: IniLike = IniLike {
    name: "systemd",
    separator: Separator::Equals,
    comments: &["#", ";"],
};

/// How a key is separated from its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Separator {
    /// `Key Value` (Fluent Bit); `@INCLUDE file` and `@SET k=v` are keys of the root.
    Whitespace,
    /// `Key=Value`, with blanks around `=` allowed (systemd).
    Equals,
}

/// One INI-like grammar.
#[derive(Debug)]
pub(crate) struct IniLike {
    name: &'static str,
    separator: Separator,
    comments: &'static [&'static str],
}

impl Syntax for IniLike {
    fn name(&self) -> &'static str {
        self.name
    }

    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        self.read(text, offset, false)
    }

    /// Every line that reads, with the others skipped.
    fn parse_tolerant<'s>(&self, text: &'s str, offset: usize) -> Option<Node<'s>> {
        self.read(text, offset, true).ok()
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        self.comments.first().copied()
    }

    fn other_comment_prefixes(&self) -> &'static [&'static str] {
        self.comments.get(1..).unwrap_or_default()
    }

    /// Values are written bare: neither program unquotes them.
    fn quote(&self, _literal: &str, text: &str) -> String {
        text.to_owned()
    }

    fn assignment(&self, key: &str, text: &str) -> String {
        match self.separator {
            Separator::Whitespace => format!("{key} {text}"),
            Separator::Equals => format!("{key}={text}"),
        }
    }

    /// Repeated keys are lists in both programs (one `Header` per header, several
    /// `Environment=` lines), and sections repeat (`[OUTPUT]` once per output): not a mistake.
    fn keeps_repeated_keys(&self) -> bool {
        false
    }
}

fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r')
}

impl IniLike {
    fn read<'s>(
        &self,
        text: &'s str,
        offset: usize,
        tolerant: bool,
    ) -> Result<Node<'s>, ParseError> {
        let shift = |range: Range<usize>| range.start + offset..range.end + offset;
        let mut root: Vec<Entry<'s>> = Vec::new();
        // The section being filled: its key, key span, start, and entries.
        let mut section: Option<(&'s str, Range<usize>, usize, Vec<Entry<'s>>)> = None;
        let mut end_of_last = 0;
        let close = |section: Option<(&'s str, Range<usize>, usize, Vec<Entry<'s>>)>,
                     end: usize,
                     root: &mut Vec<Entry<'s>>| {
            if let Some((name, key_span, start, entries)) = section {
                root.push(Entry {
                    key: Cow::Borrowed(name),
                    key_span: shift(key_span),
                    value: Node::new(shift(start..end), Value::Table(entries)),
                });
            }
        };
        let mut lines = Lines { text, pos: 0 };
        while let Some(line) = lines.next_line() {
            let trimmed_start =
                line.start + (text[line.clone()].len() - text[line.clone()].trim_start().len());
            let body = text[trimmed_start..line.end].trim_end();
            if body.is_empty() || self.comments.iter().any(|prefix| body.starts_with(prefix)) {
                continue;
            }
            let body_range = trimmed_start..trimmed_start + body.len();
            if body.starts_with('[') {
                let Some(close_at) = body.find(']') else {
                    if tolerant {
                        continue;
                    }
                    return Err(ParseError::new(
                        "a section header is never closed with `]`",
                        body_range,
                    ));
                };
                close(section.take(), end_of_last, &mut root);
                let name_start = body_range.start + 1;
                let name = &text[name_start..body_range.start + close_at];
                let name_trimmed = name.trim();
                let lead = name.len() - name.trim_start().len();
                let key_span = name_start + lead..name_start + lead + name_trimmed.len();
                section = Some((name_trimmed, key_span, body_range.start, Vec::new()));
                end_of_last = body_range.end;
                continue;
            }
            match self.entry(text, body_range.clone(), &mut lines, &shift) {
                Some(entry) => {
                    end_of_last = entry.value.span.end - offset;
                    match &mut section {
                        Some((.., entries)) => entries.push(entry),
                        None => root.push(entry),
                    }
                }
                None if tolerant => {}
                None => {
                    return Err(ParseError::new(
                        match self.separator {
                            Separator::Equals => {
                                "expected `Key=value`, a `[Section]` or a comment".to_owned()
                            }
                            Separator::Whitespace => {
                                "expected `Key value`, a `[SECTION]` or a comment".to_owned()
                            }
                        },
                        body_range,
                    ));
                }
            }
        }
        close(section.take(), end_of_last, &mut root);
        Ok(Node::new(offset..offset + text.len(), Value::Table(root)))
    }

    /// One `key value` line (systemd: and the lines a trailing `\` continues it onto).
    fn entry<'s>(
        &self,
        text: &'s str,
        body: Range<usize>,
        lines: &mut Lines<'s>,
        shift: &dyn Fn(Range<usize>) -> Range<usize>,
    ) -> Option<Entry<'s>> {
        let line = &text[body.clone()];
        let (key_len, value_start) = match self.separator {
            Separator::Whitespace => {
                let key_len = line.bytes().position(is_blank).unwrap_or(line.len());
                let rest = &line[key_len..];
                (key_len, key_len + (rest.len() - rest.trim_start().len()))
            }
            Separator::Equals => {
                let equals = line.find('=')?;
                let key_len = line[..equals].trim_end().len();
                let rest = &line[equals + 1..];
                (key_len, equals + 1 + (rest.len() - rest.trim_start().len()))
            }
        };
        if key_len == 0 {
            return None;
        }
        let key = &line[..key_len];
        let key_span = body.start..body.start + key_len;
        let mut value_span = body.start + value_start..body.end;
        let value = if self.separator == Separator::Equals && line.ends_with('\\') {
            // A continued line: the text joins the lines, so its bytes are not its text.
            let mut joined = text[value_span.start..body.end - 1].to_owned();
            while let Some(next) = lines.next_line() {
                let next_text = text[next.clone()].trim_end();
                value_span.end = next.start + next_text.len();
                match next_text.strip_suffix('\\') {
                    Some(more) => joined.push_str(more),
                    None => {
                        joined.push_str(next_text);
                        break;
                    }
                }
            }
            Cow::Owned(joined)
        } else {
            Cow::Borrowed(&text[value_span.clone()])
        };
        Some(Entry {
            key: Cow::Borrowed(key),
            key_span: shift(key_span),
            value: Node::string(shift(value_span.clone()), shift(value_span), value),
        })
    }
}

/// The file's lines, each without its line break.
struct Lines<'s> {
    text: &'s str,
    pos: usize,
}

impl Lines<'_> {
    fn next_line(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |at| start + at);
        self.pos = end + 1;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fluent_bit_sections_keep_repeated_keys_with_spans() {
        let text = "@INCLUDE inputs.conf\n[OUTPUT]\n    Name  http\n    Header Authorization Bearer ${T}\n    Header X-Axiom-Dataset logs # not a comment\n[OUTPUT]\n    Name stdout\n";
        let tree = FLUENT_BIT.parse(text, 0).expect("parses");
        let entries = tree.entries();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].key, "@INCLUDE");
        assert_eq!(entries[0].value.as_str(), Some("inputs.conf"));
        let output = &entries[1].value;
        assert_eq!(output.get("Name").and_then(Node::as_str), Some("http"));
        let headers: Vec<&str> = output
            .entries()
            .iter()
            .filter(|entry| entry.key == "Header")
            .filter_map(|entry| entry.value.as_str())
            .collect();
        assert_eq!(
            headers,
            [
                "Authorization Bearer ${T}",
                "X-Axiom-Dataset logs # not a comment"
            ]
        );
        for entry in output.entries() {
            assert_eq!(&text[entry.key_span.clone()], entry.key);
            assert_eq!(
                Some(&text[entry.value.content.clone()]),
                entry.value.as_str()
            );
        }
        assert_eq!(entries[2].key, "OUTPUT");
    }

    #[test]
    fn systemd_reads_key_equals_value_and_continuations() {
        let text = "# unit\n[Service]\nEnvironment=\"A=1 2\" B=3\n; old\nEnvironment = C=4\nExecStart=/bin/app \\\n  --flag\n";
        let tree = SYSTEMD.parse(text, 5).expect("parses");
        let service = tree.get("Service").expect("a section");
        let values: Vec<&str> = service
            .entries()
            .iter()
            .filter_map(|e| e.value.as_str())
            .collect();
        assert_eq!(values, ["\"A=1 2\" B=3", "C=4", "/bin/app   --flag"]);
        let first = &service.entries()[0];
        assert_eq!(first.value.span.start - 5, text.find('"').expect("a quote"));
    }

    #[test]
    fn broken_lines_are_errors_with_their_place_and_skipped_when_tolerant() {
        let text = "[Service]\nnot an assignment\n[Unit\n";
        let error = SYSTEMD.parse(text, 0).expect_err("fails");
        assert_eq!(&text[error.span], "not an assignment");
        assert!(SYSTEMD.parse_tolerant(text, 0).is_some());
        assert!(FLUENT_BIT.parse("[OUTPUT\n", 0).is_err());
    }
}
