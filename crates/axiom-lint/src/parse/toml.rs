//! TOML: parsed through `toml`'s spanned `DeTable` parser; four string styles (`"…"`, `'…'`
//! and their triple-quoted forms); `#` comments; a `#:schema` directive on the first line.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// TOML 1.1.
pub(crate) static TOML: Toml = Toml;

/// TOML's syntax.
#[derive(Debug)]
pub(crate) struct Toml;

impl Syntax for Toml {
    fn name(&self) -> &'static str {
        "toml"
    }

    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        parse(text, offset)
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        Some("#")
    }

    /// Always a basic string, which can hold any text.
    /// A literal string (`'…'`) stays literal and a multi-line one stays multi-line, with the
    /// newline after its opening quotes; only a value the old style cannot hold switches to a
    /// basic string.
    fn quote(&self, literal: &str, text: &str) -> String {
        quote_like(literal, text).unwrap_or_else(|| basic_string(text))
    }

    fn assignment(&self, key: &str, text: &str) -> String {
        let bare = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
        let key = if bare {
            key.to_owned()
        } else {
            basic_string(key)
        };
        format!("{key} = {}", basic_string(text))
    }

    /// `#:schema <path or URL>` on the first line, as taplo and Even Better TOML read it.
    fn schema_directive<'t>(&self, text: &'t str) -> Option<&'t str> {
        let first_line = text.trim_start_matches('\u{feff}').lines().next()?;
        first_line.strip_prefix("#:schema").map(str::trim)
    }

    /// A repeated key is a syntax error in TOML, so a tree never holds one.
    fn keeps_repeated_keys(&self) -> bool {
        false
    }
}

/// `text` as a basic string, `"…"`.
fn basic_string(text: &str) -> String {
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

/// `value` quoted the way `original` (the literal it replaces) is, when that style is not a
/// basic string and can hold `value`.
fn quote_like(original: &str, value: &str) -> Option<String> {
    let leading_newline = |delimiter: &str| {
        let rest = &original[delimiter.len()..];
        if rest.starts_with("\r\n") {
            "\r\n"
        } else if rest.starts_with('\n') {
            "\n"
        } else {
            ""
        }
    };
    // Literal strings have no escapes: every character must stand for itself.
    let plain = |c: char| c == '\t' || !c.is_control();
    if original.starts_with("'''") {
        let fits = value.chars().all(|c| c == '\n' || plain(c))
            && !value.contains("'''")
            && !value.ends_with('\'');
        let newline = leading_newline("'''");
        return fits.then(|| format!("'''{newline}{value}'''"));
    }
    if original.starts_with('\'') {
        let fits = value.chars().all(plain) && !value.contains('\'');
        return fits.then(|| format!("'{value}'"));
    }
    if original.starts_with("\"\"\"") {
        let newline = leading_newline("\"\"\"");
        let mut literal = format!("\"\"\"{newline}");
        for c in value.chars() {
            match c {
                '"' => literal.push_str("\\\""),
                '\\' => literal.push_str("\\\\"),
                '\n' | '\t' => literal.push(c),
                c if c.is_control() => literal.push_str(&format!("\\u{:04X}", c as u32)),
                c => literal.push(c),
            }
        }
        literal.push_str("\"\"\"");
        return Some(literal);
    }
    None
}

fn parse(text: &str, offset: usize) -> Result<Node<'_>, ParseError> {
    // The parser lexes the whole text into tokens (24 bytes each) before it refuses nesting
    // deeper than its limit: a megabyte of `[` cost 50 MB for one error. Handed only the text
    // up to a depth past that limit, it reports the same first error, since it reports errors
    // in the order of the text and the one at its limit comes before the cut.
    // Should the prefix parse (the scan misjudged the depth), the whole text is read after all.
    if let Some(Err(error)) = too_deep(text).map(|cut| DeTable::parse(&text[..cut])) {
        return Err(error_in(text, &error));
    }
    parse_whole(text, offset)
}

/// The parser's error, or an unterminated string that explains it better.
fn error_in(text: &str, error: &toml::de::Error) -> ParseError {
    let error = ParseError::new(
        error.message().trim().to_owned(),
        error.span().unwrap_or(0..0),
    );
    super::unterminated_string_error(text, error, unterminated_string(text))
}

/// The whole text through the parser.
fn parse_whole(text: &str, offset: usize) -> Result<Node<'_>, ParseError> {
    let table = DeTable::parse(text).map_err(|error| error_in(text, &error))?;
    let root = Spanned::new(0..0, DeValue::Table(table.into_inner()));
    Ok(convert(root, text, offset))
}

/// The depth of arrays and inline tables past which the text is not handed to the parser:
/// above the `toml` crate's own limit (80), so that the parser has refused the nesting before
/// the text it sees ends.
const CUT_DEPTH: usize = 256;

/// The end of the bracket (`[` or `{`, outside strings and comments) that opens the
/// [`CUT_DEPTH`]th level of nesting, if the text nests that deep. A table header's brackets
/// count too: they close on their line, at depth 0.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Fewer brackets than the depth: most files are answered without walking them.
    memchr::memchr2_iter(b'[', b'{', bytes).nth(CUT_DEPTH - 1)?;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth >= CUT_DEPTH {
                    return Some(i + 1);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |end| i + end);
            }
            b'"' | b'\'' => match string_end(bytes, i) {
                StringEnd::Closed(end) => i = end,
                StringEnd::AtNewline(newline) => i = newline,
                StringEnd::Never => return None,
            },
            _ => {}
        }
        i += 1;
    }
    None
}

/// How a string that opens at a quote ends.
enum StringEnd {
    /// At this byte, its last quote.
    Closed(usize),
    /// A one-line string at the newline at this byte, unclosed: the parser stops there.
    AtNewline(usize),
    /// Not before the end of the text.
    Never,
}

/// Where the string opening at `start` (`"`, `'`, `"""` or `\'\'\'`) ends: basic strings take
/// escapes, literal ones do not, and a multi-line string's closing quotes may be followed by
/// up to two more that belong to its content.
fn string_end(bytes: &[u8], start: usize) -> StringEnd {
    let quote = bytes[start];
    let multi_line = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let escapes = quote == b'"';
    let mut i = start + if multi_line { 3 } else { 1 };
    loop {
        match bytes.get(i) {
            None => return StringEnd::Never,
            Some(b'\n') if !multi_line => return StringEnd::AtNewline(i),
            Some(b'\\') if escapes => i += 2,
            Some(&b) if b == quote => {
                if !multi_line {
                    return StringEnd::Closed(i);
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    while bytes.get(i + 3) == Some(&quote) {
                        i += 1;
                    }
                    return StringEnd::Closed(i + 2);
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    }
}

/// Where the first string that is never closed opens: basic (`"`) and literal (`'`) strings
/// end on their line, multi-line ones (`"""`, `\'\'\'`) anywhere before the end of the file.
fn unterminated_string(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = text[i..].find('\n').map_or(bytes.len(), |end| i + end);
            }
            b'"' | b'\'' => match string_end(bytes, i) {
                StringEnd::Closed(end) => i = end,
                StringEnd::AtNewline(_) | StringEnd::Never => return Some(i),
            },
            _ => {}
        }
        i += 1;
    }
    None
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

fn convert<'s>(value: Spanned<DeValue<'s>>, text: &str, offset: usize) -> Node<'s> {
    let raw = value.span();
    let span = shift(raw.clone(), offset);
    let value = match value.into_inner() {
        DeValue::String(s) => {
            let literal = text.get(raw).unwrap_or_default();
            let quotes = if literal.starts_with("\"\"\"") || literal.starts_with("'''") {
                3
            } else {
                usize::from(literal.starts_with(['"', '\'']))
            };
            let content =
                span.start + quotes..span.end.saturating_sub(quotes).max(span.start + quotes);
            return Node::string(span, content, s);
        }
        DeValue::Integer(i) => Value::Number(integer_text(i.as_str(), i.radix())),
        DeValue::Float(f) => Value::Number(f.as_str().replace('_', "")),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| convert(item, text, offset))
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
                        value: convert(value, text, offset),
                    }
                })
                .collect(),
        ),
    };
    Node::new(span, value)
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
    fn replacements_keep_the_quote_style() {
        let https = "https://api.axiom.co";
        let quote = |literal: &str| Toml.quote(literal, https);
        assert_eq!(quote("'http://api.axiom.co'"), "'https://api.axiom.co'");
        assert_eq!(
            quote("'''\nhttp://api.axiom.co'''"),
            "'''\nhttps://api.axiom.co'''"
        );
        assert_eq!(
            quote("\"\"\"\nhttp://api.axiom.co\"\"\""),
            "\"\"\"\nhttps://api.axiom.co\"\"\""
        );
        assert_eq!(quote("\"http://api.axiom.co\""), "\"https://api.axiom.co\"");
        // A quote cannot be written in a literal string: the basic form it is.
        assert_eq!(Toml.quote("'it'", "it's"), "\"it's\"");
    }

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
    fn string_content_excludes_every_quote_style() {
        let text = "a = \"x\"\nb = 'y'\nc = \"\"\"z\"\"\"\nd = '''w'''\n";
        let root = parse(text, 0).unwrap();
        for (key, content) in [("a", "x"), ("b", "y"), ("c", "z"), ("d", "w")] {
            let node = root.get(key).unwrap();
            assert_eq!(&text[node.content.clone()], content, "{key}");
        }
    }

    #[test]
    fn schema_directive_is_read_from_the_first_line() {
        assert_eq!(
            TOML.schema_directive("#:schema ./a.schema.json\nx = 1\n"),
            Some("./a.schema.json")
        );
        assert_eq!(TOML.schema_directive("x = 1\n#:schema ./a.json\n"), None);
    }

    /// Deep nesting is refused from a prefix of the text, with the error the whole text
    /// gives: the same message at the same place, whatever comes before or after.
    #[test]
    fn deep_nesting_is_refused_as_the_whole_text_would_be() {
        use proptest::prelude::*;
        type Parsed<'s> = Result<Node<'s>, (String, Range<usize>)>;
        fn whole(text: &str) -> Parsed<'_> {
            parse_whole(text, 0).map_err(|e| (e.message, e.span))
        }
        fn ours(text: &str) -> Parsed<'_> {
            parse(text, 0).map_err(|error| (error.message, error.span))
        }
        let deep = format!(
            "a = {}\"api.axiom.co\"{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(too_deep(&deep).is_some_and(|cut| cut < 1000));
        let expected = whole(&deep);
        assert!(expected.is_err());
        assert_eq!(ours(&deep), expected);
        let pieces = prop::sample::select(vec![
            "[",
            "[",
            "{",
            "]",
            "}",
            "\"[\"",
            "'{'",
            "\"\"\"[\n]\"\"\"",
            "'''{'''",
            "# [[\n",
            "\n",
            "a = ",
            "b.c = ",
            ", ",
            "x = [",
            "1",
            "\"\\\"[\"",
            "\"",
            "[t]\n",
            "[[u]]\n",
            "{ k = ",
            "'",
            "\"\\",
        ]);
        proptest!(|(before in prop::collection::vec(pieces.clone(), 0..12),
                    depth in 200usize..400,
                    after in prop::collection::vec(pieces, 0..12))| {
            let text = format!(
                "{}\nv = {}{}",
                before.concat(),
                "[ { w = ".repeat(depth / 2),
                after.concat()
            );
            prop_assert_eq!(ours(&text), whole(&text), "{:?}", text);
        });
    }

    #[test]
    fn errors_point_at_the_fault() {
        let error = parse("a = 1\nb = \n", 0).unwrap_err();
        assert!(error.span.start >= 6, "{error:?}");
    }
}
