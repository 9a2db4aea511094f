//! YAML 1.2: parsed from `saphyr-parser`'s event stream (which keeps repeated keys and gives
//! every event a span); anchors and aliases resolved (an alias is a copy of its anchor, spans
//! and all, so a value reached twice is still one place in the file), `<<` merge keys applied,
//! tags ignored, plain scalars typed by the core schema, each document of a `---` stream a root
//! of its own; `#` comments; a `# yaml-language-server: $schema=…` directive.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput};

use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// YAML 1.2.
pub(crate) static YAML: Yaml = Yaml;

/// YAML's syntax.
#[derive(Debug)]
pub(crate) struct Yaml;

impl Syntax for Yaml {
    fn name(&self) -> &'static str {
        "yaml"
    }

    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        match Builder::new(text, offset).stream() {
            Ok(root) => Ok(root),
            // A Go template (a Helm chart's `templates/`) is YAML only once rendered: what it
            // holds is left to the raw-text token scan, and its syntax is not ours to judge.
            Err(_) if is_go_template(text) => Ok(Node::new(offset..offset, Value::Null)),
            Err(error) => Err(error),
        }
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        Some("#")
    }

    /// The style of the value it replaces: a plain scalar stays plain when the new text reads
    /// back as the same string, a single-quoted one stays single-quoted; anything else, and a
    /// block scalar, becomes double-quoted.
    fn quote(&self, literal: &str, text: &str) -> String {
        let single_line = !text.chars().any(char::is_control);
        if literal.starts_with('\'') && single_line {
            return format!("'{}'", text.replace('\'', "''"));
        }
        if !literal.starts_with(['"', '\'', '|', '>']) && is_plain_safe(text) {
            return text.to_owned();
        }
        // JSON strings are YAML double-quoted scalars.
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }

    fn assignment(&self, key: &str, text: &str) -> String {
        format!("{}: {}", self.quote("", key), self.quote("", text))
    }

    /// `# yaml-language-server: $schema=<path or URL>` on any comment line, as the YAML
    /// language server reads it.
    fn schema_directive<'t>(&self, text: &'t str) -> Option<&'t str> {
        // One substring search spares splitting every file into lines.
        let at = memchr::memmem::find(text.as_bytes(), b"yaml-language-server:")?;
        let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        text[line_start..].lines().find_map(|line| {
            let comment = line.trim_start().strip_prefix('#')?.trim_start();
            let rest = comment.strip_prefix("yaml-language-server:")?.trim_start();
            Some(rest.strip_prefix("$schema=")?.trim())
        })
    }

    fn keeps_repeated_keys(&self) -> bool {
        true
    }
}

/// Go template actions (`{{ … }}`) make a file that only becomes YAML once rendered.
fn is_go_template(text: &str) -> bool {
    text.contains("{{") && text.contains("}}")
}

/// Whether `text` can be written as a plain scalar and read back as the same string.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let flow = text.contains([',', '[', ']', '{', '}']);
    let breaks = text.contains(": ") || text.contains(" #") || text.ends_with(':');
    let padded = text.trim() != text;
    !indicator
        && !flow
        && !breaks
        && !padded
        && !text.chars().any(char::is_control)
        && typed(text).is_none()
}

/// How deeply collections may nest before the file is refused (the parser's recursion).
const MAX_DEPTH: usize = 256;

/// A text refused for its nesting, which valid YAML may have: what is true, and what to do.
fn too_deep(message: &str, span: Range<usize>) -> ParseError {
    ParseError::refused(
        message,
        span,
        "the file may be valid YAML, but it nests deeper than axiom-lint reads: of this file, \
         only the token scan ran (AXL201 still reports any token). Flatten the nesting, or \
         accept this for the file with `per-file-ignores` in axiom-lint.toml \
         (`\"<path>\" = [\"AXL001\"]`)",
    )
}

/// What a node costs beyond its text: its own size in memory, so many small nodes copied by
/// aliases count for what they take.
const NODE_BYTES: usize = std::mem::size_of::<Entry<'static>>();

/// Bytes aliases may copy in a file of `len` bytes (DESIGN.md, "Every input costs linear time
/// and bounded memory"): 8 times the file, at most 64 MiB, and at least 1 MiB so that a small
/// file may merge one anchored block into many places, as Compose files do.
fn alias_budget(len: usize) -> usize {
    const FLOOR: usize = 1 << 20;
    const CEILING: usize = 64 << 20;
    len.saturating_mul(8).clamp(FLOOR, CEILING)
}

/// Turns the event stream into the tree.
struct Builder<'s> {
    parser: Parser<'s, StrInput<'s>>,
    text: &'s str,
    offset: usize,
    /// Byte offset of each character, when the text is not ASCII (the parser counts
    /// characters).
    char_bytes: Option<Vec<usize>>,
    /// Anchored nodes by the parser's anchor ID, with what a copy of each costs in bytes.
    anchors: HashMap<usize, (Node<'s>, usize)>,
    /// Bytes of every node built so far, aliases counted as the copies they are: each node's
    /// text and its own size in memory.
    built: usize,
    /// Bytes aliases have copied so far.
    copied: usize,
    /// Bytes aliases may copy ([`alias_budget`]), so a few bytes of nested aliases (the
    /// "billion laughs") or a large anchor aliased many times cannot exhaust memory.
    alias_budget: usize,
    depth: usize,
}

impl<'s> Builder<'s> {
    fn new(text: &'s str, offset: usize) -> Self {
        let char_bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(byte, _)| byte)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Self {
            parser: Parser::new_from_str(text),
            text,
            offset,
            char_bytes,
            anchors: HashMap::new(),
            built: 0,
            copied: 0,
            alias_budget: alias_budget(text.len()),
            depth: 0,
        }
    }

    /// The byte offset (within `text`) of a character index.
    fn byte(&self, index: usize) -> usize {
        match &self.char_bytes {
            Some(bytes) => bytes.get(index).copied().unwrap_or(self.text.len()),
            None => index.min(self.text.len()),
        }
    }

    /// A span as byte offsets within `text`.
    fn local(&self, span: Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        start..self.byte(span.end.index()).max(start)
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// Parse errors are relative to `text`: the caller shifts them past a byte-order mark.
    fn error(&self, error: &ScanError) -> ParseError {
        let at = self.byte(error.marker().index());
        // The scanner counts flow nesting in a byte: deeper is its limit, not bad YAML.
        if error.info() == "recursion limit exceeded" {
            return too_deep(
                "flow collections nest more than 255 deep, deeper than axiom-lint reads",
                at..at,
            );
        }
        ParseError::new(error.info().to_owned(), at..at)
    }

    fn next(&mut self) -> Result<(Event<'s>, Span), ParseError> {
        match self.parser.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(error)) => Err(self.error(&error)),
            None => Err(ParseError::new(
                "unexpected end of the file",
                self.text.len()..self.text.len(),
            )),
        }
    }

    /// The whole stream: no document is an empty root, one document is the root, several
    /// are [`Value::Documents`].
    fn stream(mut self) -> Result<Node<'s>, ParseError> {
        let mut documents = Vec::new();
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    let (event, span) = self.next()?;
                    documents.push(self.node(event, span)?);
                    // DocumentEnd.
                    self.next()?;
                }
                Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
                _ => {
                    return Err(ParseError::new(
                        "unexpected content outside a document",
                        self.local(span),
                    ));
                }
            }
        }
        let end = self.offset + self.text.len();
        Ok(match documents.len() {
            0 => Node::new(self.offset..self.offset, Value::Null),
            1 => documents
                .pop()
                .unwrap_or_else(|| Node::new(0..0, Value::Null)),
            _ => {
                let start = documents.first().map_or(self.offset, |d| d.span.start);
                Node::new(start..end, Value::Documents(documents))
            }
        })
    }

    fn node(&mut self, event: Event<'s>, span: Span) -> Result<Node<'s>, ParseError> {
        let local = self.local(span);
        let before = self.built;
        self.built += NODE_BYTES;
        let (node, anchor) = match event {
            Event::Scalar(value, style, anchor, _tag) => {
                self.built += value.len();
                (self.scalar(value, style, local), anchor)
            }
            Event::SequenceStart(anchor, _tag) => (self.collection(local, false)?, anchor),
            Event::MappingStart(anchor, _tag) => (self.collection(local, true)?, anchor),
            Event::Alias(anchor) => {
                self.built = before;
                return self.alias(anchor, local);
            }
            _ => {
                return Err(ParseError::new(
                    "unexpected event in the YAML stream",
                    local,
                ));
            }
        };
        if anchor != 0 {
            let cost = self.built - before;
            self.anchors.insert(anchor, (node.clone(), cost));
        }
        Ok(node)
    }

    fn alias(&mut self, anchor: usize, local: Range<usize>) -> Result<Node<'s>, ParseError> {
        let Some((node, cost)) = self.anchors.get(&anchor) else {
            return Ok(Node::new(self.shift(local), Value::Null));
        };
        let cost = *cost;
        if self.copied + cost > self.alias_budget {
            // Valid YAML may well do this: the advice is the limit's, not "fix the syntax".
            return Err(ParseError::refused(
                format!(
                    "aliases expand the file past {} KiB (8 times its size, at least 1 MiB, at most 64 MiB); axiom-lint reads no further",
                    self.alias_budget / 1024
                ),
                local,
                "the file may be valid YAML, but its aliases copy more than axiom-lint reads: of \
                 this file, only the token scan ran (AXL201 still reports any token). Anchor \
                 smaller nodes or alias them fewer times, or accept this for the file with \
                 `per-file-ignores` in axiom-lint.toml (`\"<path>\" = [\"AXL001\"]`)",
            ));
        }
        self.copied += cost;
        self.built += cost;
        Ok(node.clone())
    }

    /// The span without the node's properties (`&anchor`, `!tag`) before it.
    fn without_properties(&self, mut span: Range<usize>) -> Range<usize> {
        let bytes = self.text.as_bytes();
        while span.start < span.end && matches!(bytes.get(span.start), Some(b'&' | b'!')) {
            while span.start < span.end && !bytes[span.start].is_ascii_whitespace() {
                span.start += 1;
            }
            while span.start < span.end && bytes[span.start].is_ascii_whitespace() {
                span.start += 1;
            }
        }
        span
    }

    fn scalar(&self, value: Cow<'s, str>, style: ScalarStyle, local: Range<usize>) -> Node<'s> {
        let local = self.without_properties(local);
        match style {
            ScalarStyle::Plain => {
                let span = self.shift(local);
                match typed(&value) {
                    Some(typed) => Node::new(span, typed),
                    None => Node::string(span.clone(), span, value),
                }
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                // The parser's span may run on over spaces and a comment after the quote.
                let end = closing_quote(self.text, local.start).map_or(local.end, |end| end + 1);
                let local = local.start..end.max(local.start + 1);
                let content = local.start + 1..local.end.saturating_sub(1).max(local.start + 1);
                Node::string(self.shift(local), self.shift(content), value)
            }
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let (span, content) = self.block_scalar(local);
                Node::string(self.shift(span), self.shift(content), value)
            }
        }
    }

    /// A block scalar's span from its `|`/`>` header to its last character, and its content
    /// from the first character of its first line (the parser's span may start at either).
    fn block_scalar(&self, local: Range<usize>) -> (Range<usize>, Range<usize>) {
        let text = self.text;
        let bytes = text.as_bytes();
        let header = if matches!(bytes.get(local.start), Some(b'|' | b'>')) {
            Some(local.start)
        } else {
            // The header ends the last line before the content.
            let line_start = text[..local.start].rfind('\n').unwrap_or(0);
            text[..line_start].rfind(['|', '>'])
        };
        let content_start = match header {
            Some(header) if header == local.start => {
                let after_header = text[header..]
                    .find('\n')
                    .map_or(text.len(), |newline| header + newline + 1);
                after_header
                    + text[after_header..local.end.max(after_header)]
                        .find(|c: char| !c.is_whitespace())
                        .unwrap_or(0)
            }
            _ => local.start,
        };
        let content_end = content_start
            + text[content_start..local.end.max(content_start)]
                .trim_end()
                .len();
        let start = header.unwrap_or(local.start).min(content_start);
        (start..content_end, content_start..content_end)
    }

    fn collection(&mut self, local: Range<usize>, mapping: bool) -> Result<Node<'s>, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(
                &format!(
                    "collections nest more than {MAX_DEPTH} deep, deeper than axiom-lint reads"
                ),
                local,
            ));
        }
        let local = self.without_properties(local);
        let flow = matches!(self.text.as_bytes().get(local.start), Some(b'{' | b'['));
        let mut items = Vec::new();
        let mut entries = Vec::new();
        let mut merges = Vec::new();
        let end = loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                // A flow collection ends at its bracket (the parser's span may run on).
                let end = self.local(span);
                let bracket = matches!(self.text.as_bytes().get(end.start), Some(b']' | b'}'));
                break if bracket { end.start + 1 } else { end.end };
            }
            if !mapping {
                items.push(self.node(event, span)?);
                continue;
            }
            let is_merge =
                matches!(&event, Event::Scalar(key, ScalarStyle::Plain, _, _) if key == "<<");
            let key = self.node(event, span)?;
            let (event, span) = self.next()?;
            let value = self.node(event, span)?;
            if is_merge {
                merges.push(value);
                continue;
            }
            let key_span = key.span.clone();
            let key = match key.value {
                Value::String(key) => key,
                // A number or a collection as a key: its text as written.
                _ => Cow::Borrowed(
                    self.text
                        .get(key_span.start - self.offset..key_span.end - self.offset)
                        .unwrap_or_default(),
                ),
            };
            entries.push(Entry {
                key,
                key_span,
                value,
            });
        };
        self.depth -= 1;
        if mapping && !merges.is_empty() {
            entries = merged(merges, entries);
        }
        let last = if mapping {
            entries.last().map(|entry| entry.value.span.end)
        } else {
            items.last().map(|item| item.span.end)
        };
        let span = if flow {
            self.shift(local.start..end.max(local.start))
        } else {
            let start = self.shift(local.clone()).start;
            let first = if mapping {
                entries.first().map(|entry| entry.key_span.start)
            } else {
                // A block sequence starts at its first `-`.
                Some(start)
            };
            let start = first.unwrap_or(start);
            start..last.unwrap_or(start).max(start)
        };
        let value = if mapping {
            Value::Table(entries)
        } else {
            Value::Array(items)
        };
        Ok(Node::new(span, value))
    }
}

/// The offset of the quote that closes the quoted scalar opening at `open`.
fn closing_quote(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(open)?;
    let mut at = open + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' if quote == b'"' => at += 2,
            // `''` is a quote inside a single-quoted scalar.
            b'\'' if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 2,
            _ if byte == quote => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// A mapping's entries after `<<` merge keys: merged entries first, each key only once, so an
/// explicit key overrides what is merged and no merged key reads as a repeated one.
fn merged<'s>(merges: Vec<Node<'s>>, own: Vec<Entry<'s>>) -> Vec<Entry<'s>> {
    let mut entries: Vec<Entry<'s>> = Vec::new();
    // Every key seen, own or merged: one look-up each, however large the maps.
    let mut seen: HashSet<Cow<'s, str>> = own.iter().map(|entry| entry.key.clone()).collect();
    // With a list of maps, the first map that has a key wins.
    let sources = merges.into_iter().flat_map(|merge| match merge.value {
        Value::Array(maps) => maps,
        _ => vec![merge],
    });
    for source in sources {
        let Value::Table(merged) = source.value else {
            continue;
        };
        for entry in merged {
            if seen.insert(entry.key.clone()) {
                entries.push(entry);
            }
        }
    }
    entries.extend(own);
    entries
}

/// A plain scalar's type under the YAML 1.2 core schema; `None` for a string.
fn typed(text: &str) -> Option<Value<'static>> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Some(Value::Number(text.to_owned())),
        _ => {}
    }
    let radix = |prefix: &str, radix: u32| {
        text.strip_prefix(prefix)
            .filter(|digits| !digits.is_empty())
            .and_then(|digits| u64::from_str_radix(digits, radix).ok())
    };
    if let Some(n) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return Some(Value::Number(n.to_string()));
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let is_int = !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit());
    let is_float = {
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(e) => (&unsigned[..e], Some(&unsigned[e + 1..])),
            None => (unsigned, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let mantissa_ok = (!whole.is_empty() || !fraction.is_empty())
            && digits(whole)
            && digits(fraction)
            && (mantissa.contains('.') || exponent.is_some());
        let exponent_ok = exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && digits(e)
        });
        mantissa_ok && exponent_ok
    };
    (is_int || is_float).then(|| Value::Number(text.strip_prefix('+').unwrap_or(text).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Node<'_>, ParseError> {
        YAML.parse(text, 0)
    }

    #[test]
    fn scalars_keep_their_spans_content_and_types() {
        let text = "a: plain text # note\nb: 'single'\nc: \"double\"\nd: 12\ne: true\nf: ~\ng: 0x10\nh: !!str tagged\n";
        let root = parse(text).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.clone()], "plain text");
        assert_eq!(a.as_str(), Some("plain text"));
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.clone()], "'single'");
        assert_eq!(&text[b.content.clone()], "single");
        let c = root.get("c").unwrap();
        assert_eq!(&text[c.content.clone()], "double");
        assert_eq!(root.get("d").unwrap().value, Value::Number("12".into()));
        assert_eq!(root.get("e").unwrap().value, Value::Bool(true));
        assert_eq!(root.get("f").unwrap().value, Value::Null);
        assert_eq!(root.get("g").unwrap().value, Value::Number("16".into()));
        let h = root.get("h").unwrap();
        assert_eq!(&text[h.span.clone()], "tagged");
        assert_eq!(&text[root.entries()[1].key_span.clone()], "b");
    }

    #[test]
    fn spans_end_before_trailing_comments() {
        let text = "a: \"x\\\"y\"  # c\nb: 'x''y'  # c\nd: [\"q\" , 'r' ]  # e\n";
        let root = parse(text).unwrap();
        let span = |pointer: &str| {
            let node = root.at_pointer(pointer).unwrap();
            &text[node.span.clone()]
        };
        assert_eq!(span("/a"), "\"x\\\"y\"");
        assert_eq!(span("/b"), "'x''y'");
        assert_eq!(span("/d"), "[\"q\" , 'r' ]");
        assert_eq!(span("/d/0"), "\"q\"");
        assert_eq!(span("/d/1"), "'r'");
    }

    #[test]
    fn block_scalars_span_from_header_to_last_character() {
        let text = "a: |\n  first\n  second\nb: &x >-\n  folded\n";
        let root = parse(text).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.clone()], "|\n  first\n  second");
        assert_eq!(&text[a.content.clone()], "first\n  second");
        assert_eq!(a.as_str(), Some("first\nsecond\n"));
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.clone()], ">-\n  folded");
        assert_eq!(&text[b.content.clone()], "folded");
    }

    #[test]
    fn aliases_copy_the_anchor_with_its_spans_and_merges_apply() {
        let text =
            "base: &base\n  token: abc\n  url: u\nuse: *base\nmerged:\n  <<: *base\n  url: mine\n";
        let root = parse(text).unwrap();
        let anchored = root.at_pointer("/base/token").unwrap();
        let aliased = root.at_pointer("/use/token").unwrap();
        assert_eq!(anchored.span, aliased.span);
        let merged = root.get("merged").unwrap();
        let keys: Vec<&str> = merged.entries().iter().map(|e| &*e.key).collect();
        assert_eq!(keys, ["token", "url"]);
        assert_eq!(merged.get("url").unwrap().as_str(), Some("mine"));
    }

    #[test]
    fn repeated_keys_flow_style_and_documents() {
        let text = "a: {k: 1, k: 2}\nl: [x, \"y\"]\n---\nsecond: é\n";
        let root = parse(text).unwrap();
        let documents = root.documents();
        assert_eq!(documents.len(), 2);
        let a = documents[0].get("a").unwrap();
        assert_eq!(a.entries().len(), 2);
        assert_eq!(&text[a.span.clone()], "{k: 1, k: 2}");
        assert_eq!(documents[0].get("l").unwrap().items().len(), 2);
        let second = root.at_pointer("/1/second").unwrap();
        assert_eq!(&text[second.span.clone()], "é");
        assert_eq!(
            root.pointer_at(second.span.start).as_deref(),
            Some("/1/second")
        );
    }

    #[test]
    fn errors_point_at_the_fault_and_templates_are_not_errors() {
        let error = parse("a: \"open\nb: 1\n").unwrap_err();
        assert_eq!(error.span.start, 3);
        let error = parse("a: b\n  c: d\n").unwrap_err();
        assert!(error.span.start >= 5, "{error:?}");
        let template = parse("env:\n{{- toYaml .Values.env | nindent 2 }}\n").unwrap();
        assert_eq!(template.value, Value::Null);
    }

    #[test]
    fn aliases_cannot_explode() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = format!("*a{}", level - 1);
            let items = [prev.as_str(); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        assert!(parse(&text).is_err());
    }

    /// Aliases are budgeted in bytes: one large anchored scalar aliased many times stops the
    /// parse with a clear error, as many small nodes do; a small file merging one block into
    /// many places is read.
    #[test]
    fn aliases_are_budgeted_in_bytes() {
        let mut text = format!("a: &a \"{}\"\nb:\n", "x".repeat(1 << 20));
        text.push_str(&"  - *a\n".repeat(3_000));
        let error = parse(&text).unwrap_err();
        assert!(
            error.message.contains("aliases expand the file past"),
            "{error:?}"
        );
        assert!(error.message.contains("8 times its size"), "{error:?}");
        // Valid YAML may do this: the finding's advice is the limit's, not "fix the syntax".
        assert!(
            error
                .refused
                .as_deref()
                .is_some_and(|help| help.contains("may be valid YAML")),
            "{error:?}"
        );
        // At the alias that passed the budget.
        assert_eq!(&text[error.span.start..error.span.start + 2], "*a");
        let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..7 {
            let items = [format!("*a{}", level - 1).as_str(); 10].join(", ");
            laughs.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        assert!(parse(&laughs).is_err());
        let mut compose = String::from(
            "x-common: &common\n  restart: always\n  env_file: .env\n  logging: {driver: json-file}\nservices:\n",
        );
        for i in 0..200 {
            compose.push_str(&format!("  s{i}:\n    <<: *common\n    image: i{i}\n"));
        }
        let root = parse(&compose).unwrap();
        assert_eq!(
            root.at_pointer("/services/s199/restart")
                .and_then(Node::as_str),
            Some("always")
        );
    }

    /// Merged keys are looked up once each: the first map that has a key wins, and an own key
    /// wins over every merged one.
    #[test]
    fn merges_keep_the_first_key_and_own_keys_win() {
        let text = "a: &a {k: 1, m: 1, k: 9}\nb: &b {k: 2, n: 2}\nc:\n  <<: [*a, *b]\n  n: 3\n";
        let root = parse(text).unwrap();
        let c = root.get("c").unwrap();
        let keys: Vec<&str> = c.entries().iter().map(|e| &*e.key).collect();
        assert_eq!(keys, ["k", "m", "n"]);
        assert_eq!(c.get("k").unwrap().value, Value::Number("1".into()));
        assert_eq!(c.get("n").unwrap().value, Value::Number("3".into()));
    }

    #[test]
    fn replacements_keep_the_quote_style() {
        assert_eq!(YAML.quote("http://x", "https://x"), "https://x");
        assert_eq!(YAML.quote("'http://x'", "https://x"), "'https://x'");
        assert_eq!(YAML.quote("\"http://x\"", "https://x"), "\"https://x\"");
        assert_eq!(YAML.quote("|\n  x", "https://x"), "\"https://x\"");
        assert_eq!(YAML.quote("x", "true"), "\"true\"");
        assert_eq!(YAML.quote("x", "a: b"), "\"a: b\"");
    }

    #[test]
    fn schema_directive_is_a_comment() {
        let text = "# yaml-language-server: $schema=./axiom-credentials.schema.json\na: 1\n";
        assert_eq!(
            YAML.schema_directive(text),
            Some("./axiom-credentials.schema.json")
        );
        assert_eq!(YAML.schema_directive("a: 1\n"), None);
    }
}
