//! JSON and JSONC: parsed through `jsonc-parser`'s AST, which keeps ranges and repeated keys;
//! strings are always double-quoted; JSONC comments start with `//`.

use std::borrow::Cow;

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// Strict JSON (RFC 8259).
pub(crate) static JSON: Json = Json { jsonc: false };
/// JSON with comments and trailing commas.
pub(crate) static JSONC: Json = Json { jsonc: true };

/// JSON, or JSONC when `jsonc` is set.
#[derive(Debug)]
pub(crate) struct Json {
    jsonc: bool,
}

impl Syntax for Json {
    fn name(&self) -> &'static str {
        if self.jsonc { "jsonc" } else { "json" }
    }

    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        parse(text, offset, self.jsonc)
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        self.jsonc.then_some("//")
    }

    fn quote(&self, _literal: &str, text: &str) -> String {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }

    fn assignment(&self, key: &str, text: &str) -> String {
        format!("{}: {}", self.quote("", key), self.quote("", text))
    }

    fn keeps_repeated_keys(&self) -> bool {
        true
    }

    fn parse_tolerant<'s>(&self, text: &'s str, offset: usize) -> Option<Node<'s>> {
        (!self.jsonc)
            .then(|| parse(text, offset, true).ok())
            .flatten()
    }
}

fn parse(text: &str, offset: usize, jsonc: bool) -> Result<Node<'_>, ParseError> {
    let options = if jsonc {
        ParseOptions {
            allow_comments: true,
            allow_trailing_commas: true,
            ..strict()
        }
    } else {
        strict()
    };
    let result = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options).map_err(
        |error| {
            let range = error.range();
            let error = ParseError::new(error.kind().to_string(), range.start..range.end);
            super::unterminated_string_error(text, error, unterminated_string(text))
        },
    )?;
    let Some(value) = result.value else {
        return Err(ParseError::new("the file holds no JSON value", 0..0));
    };
    Ok(convert(value, offset))
}

/// Where the first string that is never closed opens: JSON strings end on their own line.
/// Comments are skipped, as JSONC allows them (and strict JSON has already failed anyway).
fn unterminated_string(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None | Some(b'\n') => return Some(start),
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |end| i + end);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 1);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn convert(value: ast::Value<'_>, offset: usize) -> Node<'_> {
    let range = value.range();
    let span = range.start + offset..range.end + offset;
    let value = match value {
        // The literal's range includes its two quotes.
        ast::Value::StringLit(s) => {
            let content = span.start + 1..span.end.saturating_sub(1).max(span.start + 1);
            return Node::string(span, content, s.value);
        }
        ast::Value::NumberLit(n) => Value::Number(n.value.to_owned()),
        ast::Value::BooleanLit(b) => Value::Bool(b.value),
        ast::Value::NullKeyword(_) => Value::Null,
        ast::Value::Array(array) => Value::Array(
            array
                .elements
                .into_iter()
                .map(|item| convert(item, offset))
                .collect(),
        ),
        ast::Value::Object(object) => Value::Table(
            object
                .properties
                .into_iter()
                .map(|property| {
                    let key_range = property.name.range();
                    let key = match property.name {
                        ast::ObjectPropName::String(name) => name.value,
                        ast::ObjectPropName::Word(name) => Cow::Borrowed(name.value),
                    };
                    Entry {
                        key,
                        key_span: key_range.start + offset..key_range.end + offset,
                        value: convert(property.value, offset),
                    }
                })
                .collect(),
        ),
    };
    Node::new(span, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_repeated_keys_and_spans() {
        let text = r#"{"a": {"k": 1, "k": "two"}}"#;
        let root = parse(text, 0, false).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(a.entries().len(), 2);
        assert_eq!(a.get("k").unwrap().as_str(), Some("two"));
        assert_eq!(&text[a.entries()[1].key_span.clone()], "\"k\"");
        let second_key = a.entries()[1].key_span.start;
        assert_eq!(root.pointer_at(second_key).as_deref(), Some("/a/k"));
    }

    #[test]
    fn strict_json_rejects_comments_jsonc_accepts_them() {
        let text = "{\n  // note\n  \"a\": 1,\n}";
        assert!(parse(text, 0, false).is_err());
        assert!(parse(text, 0, true).is_ok());
    }
}
