//! Terraform's native syntax (`*.tf`, `*.tfvars`) through `hcl-edit`, which keeps the byte
//! range of every key, label and expression (and limits nesting, so hostile input cannot
//! overflow the stack).
//!
//! The tree is the one Terraform's JSON syntax (`*.tf.json`) gives, so one recogniser reads
//! both: block labels become nested keys (`provider "axiom" { … }` is `provider.axiom`), blocks
//! of the same type and labels become an array (`ingress { } ingress { }`, or two aliased
//! `provider "axiom"` blocks), and an expression that is not a literal becomes the template
//! JSON syntax would write for it (`var.token` is `${var.token}`), so it reads as a reference.
//! A template string keeps its text as written (`"Bearer ${var.token}"`); a heredoc's value
//! is its body.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use hcl_edit::Span;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, BlockLabel, Body};

mod object_cost;

use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// Terraform's native syntax.
pub(crate) static HCL: Hcl = Hcl;

/// HCL, as Terraform writes it.
#[derive(Debug)]
pub(crate) struct Hcl;

impl Syntax for Hcl {
    fn name(&self) -> &'static str {
        "hcl"
    }

    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        parse(text, offset)
    }

    /// HCL has `#` and `//` line comments; `#` is the one `terraform fmt` and Terraform's docs
    /// use, so new suppressions are written with it.
    fn comment_prefix(&self) -> Option<&'static str> {
        Some("#")
    }

    /// Suppressions written after `//` are read too (DESIGN: HCL `#` and `//`).
    fn other_comment_prefixes(&self) -> &'static [&'static str] {
        &["//"]
    }

    /// A quoted string, escaped as HCL requires; `${` and `%{` are doubled so the text stays
    /// literal instead of becoming a template.
    fn quote(&self, _literal: &str, text: &str) -> String {
        let mut quoted = String::with_capacity(text.len() + 2);
        quoted.push('"');
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                '\t' => quoted.push_str("\\t"),
                '$' | '%' if chars.peek() == Some(&'{') => {
                    quoted.push(c);
                    quoted.push(c);
                }
                c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    }

    /// A heredoc, or a template with an interpolation or directive, means more than its text:
    /// quoting the text would make `${var.x}` literal and double its escapes.
    fn requotable(&self, literal: &str) -> bool {
        if literal.starts_with("<<") {
            return false;
        }
        let bytes = literal.as_bytes();
        !bytes.windows(2).enumerate().any(|(at, pair)| {
            matches!(pair, b"${" | b"%{") && (at == 0 || bytes[at - 1] != pair[0])
        })
    }

    /// An attribute; `text` is a literal, so a `${` in it is escaped as `$${`.
    fn assignment(&self, key: &str, text: &str) -> String {
        format!("{key} = {}", self.quote("", text))
    }

    /// HCL rejects an attribute set twice in one body; repeated blocks become an array.
    fn keeps_repeated_keys(&self) -> bool {
        false
    }
}

fn parse(text: &str, offset: usize) -> Result<Node<'_>, ParseError> {
    object_cost::check(text).map_err(|refused| {
        let message = if refused.whole_text {
            format!(
                "objects of more keys than axiom-lint reads key by key in a file this size (this one reached {})",
                refused.keys
            )
        } else {
            format!(
                "an object of {} or more keys, more than axiom-lint reads key by key",
                refused.keys
            )
        };
        // The file is likely valid: what is true is the limit, what still ran, and the two ways
        // past it that the tool accepts.
        ParseError::refused(
            message,
            refused.brace,
            "the file may be valid HCL, but its parser's time grows with the square of an \
             object's keys: of this file, only the token scan ran (AXL201 still reports any \
             token). Split the object into objects of at most 500 keys (`merge({ … }, { … })` \
             joins them), or accept this for the file with `per-file-ignores` in \
             axiom-lint.toml (`\"<path>\" = [\"AXL001\"]`)",
        )
    })?;
    let body = hcl_edit::parser::parse_body(text).map_err(|error| {
        let at = floor_char_boundary(text, error.location().offset());
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        ParseError::new(error.message().trim(), at..end)
    })?;
    let converter = Converter { text, offset };
    Ok(Node::new(
        offset..offset + text.len(),
        Value::Table(converter.body(&body)),
    ))
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

struct Converter<'s> {
    text: &'s str,
    offset: usize,
}

impl<'s> Converter<'s> {
    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// The source bytes of something the parser located (empty if it could not).
    fn raw(&self, span: Option<Range<usize>>) -> (&'s str, Range<usize>) {
        let span = span
            .filter(|span| self.text.get(span.clone()).is_some())
            .unwrap_or(0..0);
        (&self.text[span.clone()], span)
    }

    fn body(&self, body: &Body) -> Vec<Entry<'s>> {
        let mut entries = Vec::new();
        let mut index = BlockIndex::default();
        for structure in body {
            if let Some(attribute) = structure.as_attribute() {
                let (key, key_span) = self.raw(attribute.key.span());
                let value = self.expression(&attribute.value);
                index.pushed(&[], key, &value, entries.len());
                entries.push(Entry {
                    key: Cow::Borrowed(key),
                    key_span: self.shift(key_span),
                    value,
                });
            } else if let Some(block) = structure.as_block() {
                self.insert_block(&mut entries, &mut index, block);
            }
        }
        entries
    }

    /// Files a block under its type and labels, merging blocks that share a prefix.
    fn insert_block(&self, entries: &mut Vec<Entry<'s>>, index: &mut BlockIndex, block: &Block) {
        let (path, block_span) = self.block_path(block);
        let table = Node::new(block_span.clone(), Value::Table(self.body(&block.body)));
        insert_at_path(entries, index, &mut Vec::new(), path, block_span, table);
    }

    /// A block's type and labels, each with its span, and the block's span.
    #[allow(clippy::type_complexity)]
    fn block_path(&self, block: &Block) -> (Vec<(Cow<'s, str>, Range<usize>)>, Range<usize>) {
        let (ident, ident_span) = self.raw(block.ident.span());
        let mut path = vec![(Cow::Borrowed(ident), self.shift(ident_span))];
        for label in &block.labels {
            let (raw, span) = self.raw(label.span());
            let key = match label {
                BlockLabel::Ident(_) => Cow::Borrowed(raw),
                BlockLabel::String(string) => {
                    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
                    if inner == string.as_str() {
                        Cow::Borrowed(inner)
                    } else {
                        Cow::Owned(string.as_str().to_owned())
                    }
                }
            };
            path.push((key, self.shift(span)));
        }
        let (_, block_span) = self.raw(block.span());
        (path, self.shift(block_span))
    }

    fn expression(&self, expression: &Expression) -> Node<'s> {
        if let Some(object) = encoded_object(expression) {
            return self.expression(object);
        }
        let (raw, raw_span) = self.raw(expression.span());
        let span = self.shift(raw_span.clone());
        // The text between a string's quotes.
        let quoted_content = || {
            let inner = raw_span.start + 1..raw_span.end.saturating_sub(1).max(raw_span.start + 1);
            let inner = if raw.len() >= 2 {
                inner
            } else {
                raw_span.clone()
            };
            (
                self.text.get(inner.clone()).unwrap_or_default(),
                self.shift(inner),
            )
        };
        let value = match expression {
            Expression::Null(_) => Value::Null,
            Expression::Bool(value) => Value::Bool(*value.value()),
            Expression::Number(_) => Value::Number(raw.to_owned()),
            Expression::String(string) => {
                let (inner, content) = quoted_content();
                let text = if inner == string.as_str() {
                    Cow::Borrowed(inner)
                } else {
                    Cow::Owned(string.as_str().to_owned())
                };
                return Node::string(span, content, text);
            }
            // Kept as written: `${…}` reads as a reference, and a token in the literal part is
            // still a literal.
            Expression::StringTemplate(_) => {
                let (inner, content) = quoted_content();
                return Node::string(span, content, Cow::Borrowed(inner));
            }
            Expression::HeredocTemplate(heredoc) => {
                let (body, body_span) = self.raw(heredoc.template.span());
                return Node::string(span, self.shift(body_span), Cow::Borrowed(body));
            }
            Expression::Array(array) => {
                Value::Array(array.iter().map(|item| self.expression(item)).collect())
            }
            Expression::Object(object) => Value::Table(
                object
                    .iter()
                    .map(|(key, value)| {
                        let (raw_key, key_span) = self.raw(key.span());
                        // A quoted key is its text; a bare or computed one, as written.
                        let key = match key {
                            ObjectKey::Expression(Expression::String(string)) => {
                                Cow::Owned(string.as_str().to_owned())
                            }
                            _ => Cow::Borrowed(raw_key),
                        };
                        Entry {
                            key,
                            key_span: self.shift(key_span),
                            value: self.expression(value.expr()),
                        }
                    })
                    .collect(),
            ),
            // `var.x`, `local.y`, function calls, conditionals: what JSON syntax writes as
            // `"${…}"`, so they read as references.
            _ => Value::String(Cow::Owned(format!("${{{raw}}}"))),
        };
        Node::new(span, value)
    }
}

/// The object literal of `jsonencode({ … })` or `yamlencode({ … })`: the encoded text is that
/// object's, so its fields are values in the tree (with their spans) rather than one
/// reference (`grafana_data_source`'s `json_data_encoded = jsonencode({ apiHost = … })`).
fn encoded_object(expression: &Expression) -> Option<&Expression> {
    let Expression::FuncCall(call) = expression else {
        return None;
    };
    let encodes = !call.name.is_namespaced()
        && matches!(call.name.name.as_str(), "jsonencode" | "yamlencode")
        && call.args.len() == 1
        && !call.args.expand_final();
    call.args
        .get(0)
        .filter(|argument| encodes && matches!(argument, Expression::Object(_)))
}

/// Where the entries of a body and of the tables its blocks' labels make hold each key: the
/// position of the last entry with that key whose value is not a string, by the table it is
/// in (the positions of the keys leading to it from the body). One look-up per label, so a
/// body of many blocks (`a "v1" {}`, `a "v2" {}`, …) is filed in linear time.
#[derive(Default)]
struct BlockIndex {
    /// By table, then by key.
    last: HashMap<Vec<usize>, HashMap<String, usize>>,
    /// Tables whose entries are all noted: an attribute's object (`a = { x = {} }`) gets
    /// blocks filed into it (`a "x" {}`) too.
    noted: HashSet<Vec<usize>>,
}

impl BlockIndex {
    /// Notes every entry of the table at `table`, the first time a block is filed into it.
    fn note_all(&mut self, table: &[usize], entries: &[Entry<'_>]) {
        if self.noted.insert(table.to_vec()) {
            for (position, entry) in entries.iter().enumerate() {
                self.pushed(table, &entry.key, &entry.value, position);
            }
        }
    }

    /// Notes an entry pushed at `position` in the table at `table`.
    fn pushed(&mut self, table: &[usize], key: &str, value: &Node<'_>, position: usize) {
        if !matches!(value.value, Value::String(_)) {
            self.last
                .entry(table.to_vec())
                .or_default()
                .insert(key.to_owned(), position);
        }
    }

    fn find(&self, table: &[usize], key: &str) -> Option<usize> {
        self.last.get(table)?.get(key).copied()
    }
}

/// Puts `table` at `path` (block type, then labels), creating intermediate tables, and turning
/// a second block at the same path into an array of both. `at` is where `entries` sits, for
/// `index`.
fn insert_at_path<'s>(
    entries: &mut Vec<Entry<'s>>,
    index: &mut BlockIndex,
    at: &mut Vec<usize>,
    mut path: Vec<(Cow<'s, str>, Range<usize>)>,
    block_span: Range<usize>,
    table: Node<'s>,
) {
    if path.is_empty() {
        return;
    }
    let (key, key_span) = path.remove(0);
    index.note_all(at, entries);
    let existing = index.find(at, &key);
    if path.is_empty() {
        match existing.and_then(|position| entries.get_mut(position)) {
            Some(entry) => {
                let previous = std::mem::replace(&mut entry.value.value, Value::Null);
                let mut items = match previous {
                    Value::Array(items) => items,
                    other => vec![Node::new(entry.value.span.clone(), other)],
                };
                items.push(table);
                entry.value.span = entry.value.span.start.min(block_span.start)
                    ..entry.value.span.end.max(block_span.end);
                entry.value.value = Value::Array(items);
                entry.value.content = entry.value.span.clone();
            }
            None => {
                index.pushed(at, &key, &table, entries.len());
                entries.push(Entry {
                    key,
                    key_span,
                    value: table,
                });
            }
        }
        return;
    }
    let position = match existing {
        Some(position)
            if entries
                .get(position)
                .is_some_and(|entry| entry.value.is_table()) =>
        {
            position
        }
        _ => {
            let value = Node::new(block_span.clone(), Value::Table(Vec::new()));
            index.pushed(at, &key, &value, entries.len());
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            entries.len() - 1
        }
    };
    let entry = &mut entries[position];
    entry.value.span =
        entry.value.span.start.min(block_span.start)..entry.value.span.end.max(block_span.end);
    entry.value.content = entry.value.span.clone();
    if let Value::Table(children) = &mut entry.value.value {
        at.push(position);
        insert_at_path(children, index, at, path, block_span, table);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const MAIN_TF: &str = r#"# the provider
provider "axiom" {
  api_token = "xaat-abc" // a comment
  base_url  = "https://${var.host}/"
}

provider "axiom" {
  alias     = "eu"
  api_token = var.axiom_token
}

variable "axiom_token" {
  type      = string
  sensitive = true
  default   = <<-EOT
    xaat-heredoc
    EOT
}

locals {
  settings = { "url" = "https://api.axiom.co", n = 1.5, on = true, none = null }
}
"#;

    #[test]
    fn blocks_become_the_json_syntax_tree() {
        let root = parse(MAIN_TF, 0).unwrap();
        let providers = root.at_pointer("/provider/axiom").unwrap();
        assert_eq!(providers.items().len(), 2);
        let first = &providers.items()[0];
        let token = first.get("api_token").unwrap();
        assert_eq!(&MAIN_TF[token.span.clone()], "\"xaat-abc\"");
        assert_eq!(&MAIN_TF[token.content.clone()], "xaat-abc");
        assert_eq!(token.as_str(), Some("xaat-abc"));
        let url = first.get("base_url").unwrap();
        assert_eq!(url.as_str(), Some("https://${var.host}/"));
        let reference = providers.items()[1].get("api_token").unwrap();
        assert_eq!(reference.as_str(), Some("${var.axiom_token}"));
        assert_eq!(&MAIN_TF[reference.span.clone()], "var.axiom_token");
        let default = root.at_pointer("/variable/axiom_token/default").unwrap();
        assert_eq!(default.as_str(), Some("    xaat-heredoc\n"));
        let settings = root.at_pointer("/locals/settings").unwrap();
        assert_eq!(
            settings.get("url").unwrap().as_str(),
            Some("https://api.axiom.co")
        );
        assert_eq!(
            settings.get("n").unwrap().value,
            Value::Number("1.5".into())
        );
        assert_eq!(settings.get("none").unwrap().value, Value::Null);
        assert_eq!(
            root.pointer_at(reference.span.start).as_deref(),
            Some("/provider/axiom/1/api_token")
        );
        let key = &first.entries()[0];
        assert_eq!(&MAIN_TF[key.key_span.clone()], "api_token");
    }

    #[test]
    fn tfvars_are_top_level_attributes_and_offsets_shift() {
        let text = "axiom_api_token = \"xaat-x\"\nregion = \"eu\"\n";
        let root = parse(text, 3).unwrap();
        let entry = &root.entries()[0];
        assert_eq!(entry.key, "axiom_api_token");
        assert_eq!(entry.key_span, 3..18);
        assert_eq!(entry.value.span, 21..29);
    }

    #[test]
    fn replacements_read_back_as_the_same_text() {
        for text in ["https://api.axiom.co", "a \"b\" \\ ${not} %{this}\n"] {
            let written = format!("a = {}\n", HCL.quote("\"x\"", text));
            let root = parse(&written, 0).unwrap();
            assert_eq!(
                root.get("a").and_then(Node::as_str),
                Some(text),
                "{written}"
            );
        }
    }

    #[test]
    fn an_encoded_object_is_a_table_with_spans_and_other_calls_are_references() {
        let text = "a = jsonencode({ apiHost = \"https://api.axiom.co\", n = var.x })\nb = yamlencode({ k = \"v\" })\nc = jsonencode(local.x)\nd = lower(\"X\")\ne = provider::p::jsonencode({ k = \"v\" })\n";
        let root = parse(text, 0).unwrap();
        let host = root.at_pointer("/a/apiHost").unwrap();
        assert_eq!(host.as_str(), Some("https://api.axiom.co"));
        assert_eq!(&text[host.content.clone()], "https://api.axiom.co");
        assert_eq!(
            root.at_pointer("/a/n").and_then(Node::as_str),
            Some("${var.x}")
        );
        assert_eq!(root.at_pointer("/b/k").and_then(Node::as_str), Some("v"));
        for (key, written) in [
            ("c", "jsonencode(local.x)"),
            ("d", "lower(\"X\")"),
            ("e", "provider::p::jsonencode({ k = \"v\" })"),
        ] {
            assert_eq!(
                root.get(key).and_then(Node::as_str),
                Some(format!("${{{written}}}").as_str()),
                "{key}"
            );
        }
    }

    #[test]
    fn escapes_are_decoded() {
        let root = parse("a = \"x\\\"y\\u00e9\"\n", 0).unwrap();
        assert_eq!(root.get("a").unwrap().as_str(), Some("x\"yé"));
    }

    #[test]
    fn errors_point_into_the_file() {
        let error = parse("provider \"axiom\" {\n  api_token = \n}\n", 0).unwrap_err();
        assert!(error.span.start > 18, "{error:?}");
        let error = parse("a = 1\na = 2\n", 0).unwrap_err();
        assert!(error.span.start >= 6, "{error:?}");
        let deep = format!("a = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep, 0).is_err());
    }

    /// Blocks filed as first written: a search of the table's entries for every label.
    fn body_by_search<'s>(converter: &Converter<'s>, body: &Body) -> Vec<Entry<'s>> {
        fn insert<'s>(
            entries: &mut Vec<Entry<'s>>,
            mut path: Vec<(Cow<'s, str>, Range<usize>)>,
            block_span: Range<usize>,
            table: Node<'s>,
        ) {
            if path.is_empty() {
                return;
            }
            let (key, key_span) = path.remove(0);
            let existing = entries
                .iter_mut()
                .rev()
                .find(|entry| entry.key == key && !matches!(entry.value.value, Value::String(_)));
            if path.is_empty() {
                match existing {
                    Some(entry) => {
                        let previous = std::mem::replace(&mut entry.value.value, Value::Null);
                        let mut items = match previous {
                            Value::Array(items) => items,
                            other => vec![Node::new(entry.value.span.clone(), other)],
                        };
                        items.push(table);
                        entry.value.span = entry.value.span.start.min(block_span.start)
                            ..entry.value.span.end.max(block_span.end);
                        entry.value.value = Value::Array(items);
                        entry.value.content = entry.value.span.clone();
                    }
                    None => entries.push(Entry {
                        key,
                        key_span,
                        value: table,
                    }),
                }
                return;
            }
            let entry = match existing {
                Some(entry) if entry.value.is_table() => entry,
                _ => {
                    entries.push(Entry {
                        key,
                        key_span,
                        value: Node::new(block_span.clone(), Value::Table(Vec::new())),
                    });
                    let last = entries.len() - 1;
                    &mut entries[last]
                }
            };
            entry.value.span = entry.value.span.start.min(block_span.start)
                ..entry.value.span.end.max(block_span.end);
            entry.value.content = entry.value.span.clone();
            if let Value::Table(children) = &mut entry.value.value {
                insert(children, path, block_span, table);
            }
        }
        let mut entries = Vec::new();
        for structure in body {
            if let Some(attribute) = structure.as_attribute() {
                let (key, key_span) = converter.raw(attribute.key.span());
                entries.push(Entry {
                    key: Cow::Borrowed(key),
                    key_span: converter.shift(key_span),
                    value: converter.expression(&attribute.value),
                });
            } else if let Some(block) = structure.as_block() {
                let (path, block_span) = converter.block_path(block);
                let table = Node::new(
                    block_span.clone(),
                    Value::Table(body_by_search(converter, &block.body)),
                );
                insert(&mut entries, path, block_span, table);
            }
        }
        entries
    }

    /// Filing blocks through the index gives the tree searching gave, attributes' objects
    /// and repeated blocks included.
    #[test]
    fn indexed_blocks_file_as_searched_blocks_did() {
        let pieces = prop::sample::select(vec![
            "a {}\n",
            "a \"x\" {}\n",
            "a \"x\" \"y\" {}\n",
            "a \"y\" { b \"x\" {} }\n",
            "b x {}\n",
            "a = { x = {} }\n",
            "a = \"s\"\n",
            "x = 1\n",
        ]);
        proptest!(|(parts in prop::collection::vec(pieces, 0..10))| {
            let text = parts.concat();
            let Ok(body) = hcl_edit::parser::parse_body(&text) else {
                return Ok(());
            };
            let converter = Converter { text: &text, offset: 0 };
            prop_assert_eq!(converter.body(&body), body_by_search(&converter, &body), "{}", &text);
        });
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_stay_inside(text in "\\PC{0,200}") {
            match parse(&text, 0) {
                Ok(root) => {
                    for node in root.descendants() {
                        prop_assert!(node.span.end <= text.len());
                        for entry in node.entries() {
                            prop_assert!(text.get(entry.key_span.clone()).is_some());
                        }
                    }
                }
                Err(error) => prop_assert!(text.get(error.span.clone()).is_some()),
            }
        }
    }
}
