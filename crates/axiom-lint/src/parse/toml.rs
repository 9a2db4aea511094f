//! TOML through `toml`'s spanned `DeTable` parser.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ParseError;
use crate::tree::{Entry, Node, Value};

pub(super) fn parse(text: &str, offset: usize) -> Result<Node<'_>, ParseError> {
    let table = DeTable::parse(text).map_err(|error| ParseError {
        message: error.message().trim().to_owned(),
        span: error.span().unwrap_or(0..0),
    })?;
    let root = Spanned::new(0..0, DeValue::Table(table.into_inner()));
    Ok(convert(root, offset))
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

fn convert(value: Spanned<DeValue<'_>>, offset: usize) -> Node<'_> {
    let span = shift(value.span(), offset);
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Number(integer_text(i.as_str(), i.radix())),
        DeValue::Float(f) => Value::Number(f.as_str().replace('_', "")),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| convert(item, offset))
                .collect(),
        ),
        DeValue::Table(table) => Value::Table(
            table
                .into_iter()
                .map(|(key, value)| {
                    let key_span = shift(key.span(), offset);
                    Entry {
                        key: key.into_inner(),
                        key_span,
                        value: convert(value, offset),
                    }
                })
                .collect(),
        ),
    };
    Node { span, value }
}

/// Integers as decimal text, whatever base and separators TOML wrote them in.
fn integer_text(digits: &str, radix: u32) -> String {
    let digits = digits.replace('_', "");
    if radix == 10 {
        return digits;
    }
    i64::from_str_radix(&digits, radix).map_or(digits, |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_carry_spans_and_pointers() {
        let text = "[sinks.axiom]\ntype = \"axiom\"\nport = 0x10\n";
        let root = parse(text, 0).unwrap();
        let sink = root.at_pointer("/sinks/axiom").unwrap();
        assert_eq!(&text[sink.span.clone()], "[sinks.axiom]");
        let kind = sink.get("type").unwrap();
        assert_eq!(&text[kind.span.clone()], "\"axiom\"");
        assert_eq!(
            root.pointer_at(kind.span.start).as_deref(),
            Some("/sinks/axiom/type")
        );
        assert_eq!(sink.get("port").unwrap().value, Value::Number("16".into()));
        let entry = &sink.entries()[0];
        assert_eq!(&text[entry.key_span.clone()], "type");
    }

    #[test]
    fn errors_point_at_the_fault() {
        let error = parse("a = 1\nb = \n", 0).unwrap_err();
        assert!(error.span.start >= 6, "{error:?}");
    }
}
