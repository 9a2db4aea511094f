//! dotenv files (`.env`, `.env.*`, `.env-*`, `*.env`, `env.example`, wrangler's `.dev.vars`): a line grammar, read by a
//! small hand parser so every key and value keeps its exact bytes. The whole file is one
//! environment map, so the tree's root is a table of its variables.
//!
//! The grammar is the common ground of the loaders people use (dotenv, python-dotenv,
//! docker compose `env_file`): `KEY=value` or `export KEY=value`; a value unquoted (ends at the
//! line end or at ` #`), in single quotes or back quotes (literal), or in double quotes (with
//! `\n`, `\r`, `\t`, `\"`, `\\` escapes); quoted values may span lines; `#` starts a comment
//! line; a bare `KEY` names a variable without a value.

use std::borrow::Cow;
use std::ops::Range;

use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// dotenv files.
pub(crate) static DOTENV: Dotenv = Dotenv;

/// The dotenv line grammar.
#[derive(Debug)]
pub(crate) struct Dotenv;

impl Syntax for Dotenv {
    fn name(&self) -> &'static str {
        "dotenv"
    }

    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        parse(text, offset, false)
    }

    /// Every assignment, with lines that are not one skipped, up to a quote never closed.
    fn parse_tolerant<'s>(&self, text: &'s str, offset: usize) -> Option<Node<'s>> {
        parse(text, offset, true).ok()
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        Some("#")
    }

    /// In the style of the value it replaces: bare if it was bare and the text needs no quotes,
    /// single quotes if it was single-quoted and the text holds no `'` or line break, double
    /// quotes (with escapes) otherwise.
    fn quote(&self, literal: &str, text: &str) -> String {
        let needs_no_quotes = !text.is_empty()
            && !text.bytes().any(|b| {
                b.is_ascii_whitespace() || matches!(b, b'#' | b'"' | b'\'' | b'`' | b'\\')
            });
        match literal.as_bytes().first() {
            Some(b'\'') if !text.contains(['\'', '\n', '\r']) => format!("'{text}'"),
            Some(b'`') if !text.contains('`') => format!("`{text}`"),
            Some(b'"') => double_quoted(text),
            _ if needs_no_quotes => text.to_owned(),
            _ => double_quoted(text),
        }
    }

    fn assignment(&self, key: &str, text: &str) -> String {
        format!("{key}={}", self.quote("", text))
    }

    /// Loaders keep the last of repeated names; the tree keeps both so AXL003 can see them.
    fn keeps_repeated_keys(&self) -> bool {
        true
    }

    fn is_env_file(&self) -> bool {
        true
    }
}

fn double_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// The file's variables; `tolerant` skips lines that are not assignments instead of failing.
fn parse(text: &str, offset: usize, tolerant: bool) -> Result<Node<'_>, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        unclosed_quote: false,
    };
    let mut entries = Vec::new();
    let shift = |span: &mut Range<usize>| *span = span.start + offset..span.end + offset;
    loop {
        match parser.line() {
            // Shifted as it is read: a second pass over a large file's entries costs as much
            // as reading them.
            Ok(Some(mut entry)) => {
                shift(&mut entry.key_span);
                shift(&mut entry.value.span);
                shift(&mut entry.value.content);
                entries.push(entry);
            }
            Ok(None) => break,
            Err(error) if !tolerant => return Err(error),
            // A quote never closed swallows the rest of the file: nothing after it is sure.
            Err(_) if parser.unclosed_quote => break,
            Err(_) => parser.skip_line(),
        }
    }
    Ok(Node::new(
        offset..offset + text.len(),
        Value::Table(entries),
    ))
}

struct Parser<'s> {
    text: &'s str,
    bytes: &'s [u8],
    pos: usize,
    /// Set when a quote is never closed: no later line can be read with confidence.
    unclosed_quote: bool,
}

/// Space, tab, and the `\r` of a CRLF line end (a stray `\r` reads as a space too).
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r')
}

/// The characters loaders accept in a name (compose and python-dotenv also allow `.` and `-`).
fn is_key_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-')
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.pos += 1;
        }
    }

    /// The end of the current line (the `\n` or the end of the text).
    fn line_end(&self) -> usize {
        memchr::memchr(b'\n', &self.bytes[self.pos..]).map_or(self.bytes.len(), |i| self.pos + i)
    }

    fn skip_line(&mut self) {
        self.pos = (self.line_end() + 1).min(self.bytes.len());
    }

    /// The next assignment, skipping blank and comment lines; `None` at the end of the text.
    fn line(&mut self) -> Result<Option<Entry<'s>>, ParseError> {
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return Ok(None),
                Some(b'\n') => self.pos += 1,
                Some(b'#') => self.skip_line(),
                Some(_) => return self.assignment().map(Some),
            }
        }
    }

    fn assignment(&mut self) -> Result<Entry<'s>, ParseError> {
        let line_start = self.pos;
        if self.bytes[self.pos..].starts_with(b"export")
            && self
                .bytes
                .get(self.pos + 6)
                .is_some_and(|b| matches!(b, b' ' | b'\t'))
        {
            self.pos += 6;
            self.skip_blanks();
        }
        let key_start = self.pos;
        while self.peek().is_some_and(is_key_byte) {
            self.pos += 1;
        }
        let key_span = key_start..self.pos;
        if key_span.is_empty() {
            return Err(self.not_an_assignment(line_start, "expected a variable name"));
        }
        let key = &self.text[key_span.clone()];
        let after_key = self.pos;
        self.skip_blanks();
        let value = match self.peek() {
            // A bare name: the variable is declared without a value (compose passes the
            // shell's value through).
            None | Some(b'\n') => Node::new(after_key..after_key, Value::Null),
            Some(b'#') if self.pos > after_key => {
                self.skip_line();
                Node::new(after_key..after_key, Value::Null)
            }
            Some(b'=') => {
                self.pos += 1;
                self.value()?
            }
            Some(_) => {
                return Err(self.not_an_assignment(line_start, "expected `KEY=value`"));
            }
        };
        Ok(Entry {
            key: Cow::Borrowed(key),
            key_span,
            value,
        })
    }

    /// The value after `=`, and the rest of its (last) line.
    fn value(&mut self) -> Result<Node<'s>, ParseError> {
        let after_equals = self.pos;
        self.skip_blanks();
        match self.peek() {
            Some(quote @ (b'"' | b'\'' | b'`')) => {
                let node = self.quoted(quote)?;
                self.skip_blanks();
                match self.peek() {
                    None | Some(b'\n') => {}
                    Some(b'#') => self.skip_line(),
                    Some(_) => {
                        let end = self.line_end();
                        return Err(ParseError::new(
                            "unexpected text after the closing quote",
                            self.pos..trim_end(self.bytes, self.pos, end),
                        ));
                    }
                }
                Ok(node)
            }
            _ => Ok(self.unquoted(after_equals)),
        }
    }

    /// An unquoted value: up to the line end or a `#` after a blank, without trailing blanks.
    fn unquoted(&mut self, after_equals: usize) -> Node<'s> {
        let start = self.pos;
        let end = self.line_end();
        // `KEY= # note` is an empty value and a comment; `KEY=#x` is the value `#x`.
        let value_end = if start > after_equals && self.bytes.get(start) == Some(&b'#') {
            start
        } else {
            (start + 1..end)
                .find(|&i| self.bytes[i] == b'#' && is_blank(self.bytes[i - 1]))
                .unwrap_or(end)
        };
        let value_end = trim_end(self.bytes, start, value_end);
        self.pos = end;
        Node::new(
            start..value_end,
            Value::String(Cow::Borrowed(&self.text[start..value_end])),
        )
    }

    /// A quoted value, from its opening quote past its closing one; it may span lines.
    fn quoted(&mut self, quote: u8) -> Result<Node<'s>, ParseError> {
        let open = self.pos;
        let content_start = open + 1;
        let mut i = content_start;
        let mut escaped = false;
        let close = loop {
            let Some(&byte) = self.bytes.get(i) else {
                self.unclosed_quote = true;
                let line_end = memchr::memchr(b'\n', &self.bytes[open..])
                    .map_or(self.bytes.len(), |n| open + n);
                return Err(ParseError::new(
                    "this quote is never closed",
                    open..trim_end(self.bytes, open, line_end).max(open + 1),
                ));
            };
            if quote == b'"' && byte == b'\\' {
                // The escaped character is skipped whatever it is, so `\"` does not close.
                escaped = true;
                i += 2;
                continue;
            }
            if byte == quote {
                break i;
            }
            i += 1;
        };
        self.pos = close + 1;
        let raw = &self.text[content_start..close];
        let content = if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        };
        Ok(Node::string(open..close + 1, content_start..close, content))
    }

    fn not_an_assignment(&self, line_start: usize, message: &str) -> ParseError {
        let end = self.line_end();
        ParseError::new(
            message.to_owned(),
            line_start..trim_end(self.bytes, line_start, end),
        )
    }
}

/// `end` moved back over trailing blanks, but not before `start`.
fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && is_blank(bytes[end - 1]) {
        end -= 1;
    }
    end
}

/// The escapes double quotes have in every common loader; any other backslash is kept.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            // `\\`, and a lone backslash at the end, are one backslash.
            Some('\\') | None => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn parse_strict(text: &str, offset: usize) -> Result<Node<'_>, ParseError> {
        parse(text, offset, false)
    }

    #[test]
    fn a_tolerant_reading_skips_bad_lines_until_an_unclosed_quote() {
        let text = "A=1\nnot an assignment\nB=\"x\" junk\nC=3\nD='open\nE=5\n";
        assert!(parse(text, 0, false).is_err());
        let root = parse(text, 0, true).unwrap();
        let keys: Vec<&str> = root.entries().iter().map(|e| &*e.key).collect();
        assert_eq!(keys, ["A", "C"]);
    }

    fn variables(text: &str) -> Vec<(String, Option<String>, String)> {
        let root = parse(text, 0, false).unwrap();
        root.entries()
            .iter()
            .map(|entry| {
                assert_eq!(&text[entry.key_span.clone()], entry.key);
                (
                    entry.key.to_string(),
                    entry.value.as_str().map(str::to_owned),
                    text[entry.value.span.clone()].to_owned(),
                )
            })
            .collect()
    }

    fn var(key: &str, value: &str, written: &str) -> (String, Option<String>, String) {
        (key.into(), Some(value.into()), written.into())
    }

    #[test]
    fn reads_every_value_style_with_exact_spans() {
        let text = "# comment\n\nA=plain\nexport B = spaced  # note\nC='single # not a comment'\nD=\"dq \\\"x\\\" \\n\"\nE=`back`\nF=\nG=a#b\n";
        assert_eq!(
            variables(text),
            vec![
                var("A", "plain", "plain"),
                var("B", "spaced", "spaced"),
                var("C", "single # not a comment", "'single # not a comment'"),
                var("D", "dq \"x\" \n", "\"dq \\\"x\\\" \\n\""),
                var("E", "back", "`back`"),
                var("F", "", ""),
                var("G", "a#b", "a#b"),
            ]
        );
    }

    #[test]
    fn multi_line_values_crlf_and_bare_names() {
        let text = "KEY=\"line one\r\nline two\"\r\nexport\tOTHER='x' # c\r\nBARE\r\nTAIL=v\r\n";
        let vars = variables(text);
        assert_eq!(
            vars[0],
            var("KEY", "line one\r\nline two", "\"line one\r\nline two\"")
        );
        assert_eq!(vars[1], var("OTHER", "x", "'x'"));
        assert_eq!(vars[2].0, "BARE");
        assert_eq!(vars[2].1, None);
        assert_eq!(vars[3], var("TAIL", "v", "v"));
    }

    #[test]
    fn a_comment_needs_a_blank_before_it_unless_the_value_is_empty() {
        let vars = variables("A= # only a comment\nB=#x\nC=x #y\n");
        assert_eq!(vars[0], var("A", "", ""));
        assert_eq!(vars[1], var("B", "#x", "#x"));
        assert_eq!(vars[2], var("C", "x", "x"));
    }

    #[test]
    fn offsets_shift_for_a_byte_order_mark() {
        let root = parse_strict("A=b", 3).unwrap();
        assert_eq!(root.entries()[0].key_span, 3..4);
        assert_eq!(root.entries()[0].value.span, 5..6);
        let root = parse_strict("A='b'", 3).unwrap();
        assert_eq!(root.entries()[0].value.span, 5..8);
        assert_eq!(root.entries()[0].value.content, 6..7);
    }

    #[test]
    fn replacements_keep_the_quoting_style() {
        let quote = |literal, text| DOTENV.quote(literal, text);
        assert_eq!(
            quote("api.axiom.co", "https://api.axiom.co"),
            "https://api.axiom.co"
        );
        assert_eq!(
            quote("'api.axiom.co'", "https://api.axiom.co"),
            "'https://api.axiom.co'"
        );
        assert_eq!(quote("\"x\"", "https://a"), "\"https://a\"");
        assert_eq!(quote("`x`", "y"), "`y`");
        assert_eq!(quote("x", "two words"), "\"two words\"");
        assert_eq!(quote("'x'", "it's"), "\"it's\"");
        assert_eq!(quote("x", "a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        // What was written reads back as the text.
        let written = quote("x", "a\"b\\c\nd # e");
        let line = format!("K={written}\n");
        let root = parse(&line, 0, false).unwrap();
        assert_eq!(root.get("K").and_then(Node::as_str), Some("a\"b\\c\nd # e"));
    }

    #[test]
    fn lines_that_are_not_assignments_are_errors_at_that_line() {
        let error = parse_strict("A=1\nthis is not it\nB=2\n", 0).unwrap_err();
        assert_eq!(error.span, 4..18);
        let error = parse_strict("A=1\n=value\n", 0).unwrap_err();
        assert_eq!(error.span, 4..10);
        let error = parse_strict("A='open\nB=2\n", 0).unwrap_err();
        assert_eq!(error.span, 2..7);
        assert_eq!(error.message, "this quote is never closed");
        let error = parse_strict("A=\"x\" y\n", 0).unwrap_err();
        assert_eq!(error.span, 6..7);
    }

    #[test]
    fn unicode_values_keep_their_bytes() {
        let vars = variables("NAME=héllo wörld # ü\nQ=\"ß\\\\\"\n");
        assert_eq!(vars[0], var("NAME", "héllo wörld", "héllo wörld"));
        assert_eq!(vars[1], var("Q", "ß\\", "\"ß\\\\\""));
    }

    #[test]
    fn an_unclosed_quote_on_every_line_stays_linear() {
        // Each line opens a quote; the first one reaches the end and stops the parse.
        let text = "A=\"x\n".repeat(200_000);
        let started = std::time::Instant::now();
        assert!(parse(&text, 0, false).is_err());
        let text = "A=x\\\n".repeat(200_000) + "B=\"" + &"\\\\".repeat(500_000);
        assert!(parse(&text, 0, false).is_err());
        // Generous: a quadratic parser takes minutes here.
        assert!(started.elapsed().as_secs() < 10);
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_stay_inside(text in "\\PC{0,200}", offset in 0usize..4) {
            if let Ok(root) = parse(&text, offset, false) {
                for entry in root.entries() {
                    prop_assert!(entry.key_span.end <= text.len() + offset);
                    prop_assert!(entry.value.span.end <= text.len() + offset);
                    prop_assert!(entry.value.span.start <= entry.value.span.end);
                }
            } else if let Err(error) = parse(&text, offset, false) {
                prop_assert!(error.span.start <= error.span.end);
                prop_assert!(error.span.end <= text.len());
            }
        }

        #[test]
        fn dotenv_shaped_lines_round_trip(
            lines in proptest::collection::vec(
                ("[A-Z_][A-Z0-9_]{0,8}", "[a-zA-Z0-9:/._-]{0,12}", 0usize..4), 0..12)
        ) {
            let mut text = String::new();
            for (key, value, style) in &lines {
                let line = match style {
                    0 => format!("{key}={value}\n"),
                    1 => format!("export {key}='{value}'\r\n"),
                    2 => format!("{key} = \"{value}\" # c\n"),
                    _ => format!("# {key}\n{key}=`{value}`\n"),
                };
                text.push_str(&line);
            }
            let root = parse(&text, 0, false).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(root.entries().len(), lines.len());
            for (entry, (key, value, _)) in root.entries().iter().zip(&lines) {
                prop_assert_eq!(&entry.key, key);
                prop_assert_eq!(entry.value.as_str(), Some(value.as_str()));
            }
        }
    }
}
