//! Parsing with spans: every format into the one [`Node`](crate::tree::Node) tree, and
//! everything else syntactic about a format behind one [`Syntax`] per format.
//!
//! Nothing outside this module (and `source.rs`, which maps a file name to a [`Format`]) asks
//! which format a file is: downstream code calls `source.format.syntax()` and uses what the
//! format answers.
//!
//! # Adding a format
//! 1. Add a variant to [`Format`] in `source.rs`, with its file names in `Format::detect`, and
//!    list it in `Format::ALL` (tests and the fuzz target run every format in it).
//! 2. Add one module here, `parse/<format>.rs`, with a unit struct implementing [`Syntax`]:
//!    - `parse` builds the tree. Every node's `span` is the value as written (quotes
//!      included) and, for strings, `content` is the bytes of the text inside its delimiters
//!      (build strings with [`Node::string`], anything else with [`Node::new`]). Keys get
//!      their own spans; repeated keys are kept in source order.
//!    - `comment_prefix`, `quote`, `assignment`, `schema_directive`, `keeps_repeated_keys`:
//!      see each method.
//! 3. Return the struct from `Format::syntax`, below in this file.
//!
//! Values that live inside a string (a `KEY=value` line, `- KEY=value` in a compose list) are
//! not tree nodes: a dialect carves them out as a [`Field`](crate::site::Field) with their own
//! key and value spans (`Field::carved`).

mod code_comments;
mod dotenv;
mod hcl;
mod ini_like;
mod json;
mod text;
mod toml;
mod yaml;

use std::ops::Range;
use std::path::Path;

pub(crate) use code_comments::{CodeLexer, Family as CodeFamily};
pub(crate) use dotenv::DOTENV;
pub(crate) use hcl::HCL;
pub(crate) use ini_like::{FLUENT_BIT, SYSTEMD};
pub(crate) use json::{JSON, JSONC};
pub use text::TEXT_SCAN_DOCS;
pub(crate) use text::{TEXT, TEXT_HASH, TEXT_HTML, TEXT_MARKDOWN, TEXT_SLASH};
pub(crate) use toml::TOML;
pub(crate) use yaml::YAML;

use crate::source::{Format, SourceFile, TextComments};
use crate::tree::Node;

/// Why a file could not be parsed, with the exact bytes at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    /// What is wrong, in the parser's words.
    pub(crate) message: String,
    /// The bytes at fault (may be empty, at the position of the fault).
    pub(crate) span: Range<usize>,
    /// What to do instead of fixing the syntax, where the text may well be valid and was
    /// refused at a limit of axiom-lint's own (an HCL object too large to read key by key);
    /// `None` for a syntax error.
    pub(crate) refused: Option<String>,
}

impl ParseError {
    /// A syntax error at `span`.
    pub(crate) fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Self {
            message: message.into(),
            span,
            refused: None,
        }
    }

    /// A text refused at a limit of axiom-lint's own rather than for its syntax, with what the
    /// user can do about it.
    pub(crate) fn refused(
        message: impl Into<String>,
        span: Range<usize>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            refused: Some(help.into()),
            ..Self::new(message, span)
        }
    }
}

/// Everything a format knows about its own syntax.
pub(crate) trait Syntax: Sync {
    /// The format's name, in messages and for syntax highlighting.
    fn name(&self) -> &'static str;

    /// Parses `text` (the file after any byte-order mark) into a tree whose spans are shifted
    /// by `offset`, so they index the whole file. An error's span is relative to `text`.
    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError>;

    /// [`Syntax::parse`] for the file at `path`: a format whose reading depends on the
    /// language the file's name implies (the text scan's code) overrides it.
    fn parse_file<'s>(
        &self,
        text: &'s str,
        offset: usize,
        _path: &str,
    ) -> Result<Node<'s>, ParseError> {
        self.parse(text, offset)
    }

    /// The comment leader for inline suppressions, if the format has comments.
    fn comment_prefix(&self) -> Option<&'static str>;

    /// Further line-comment leaders a suppression may be written after (HCL's `//` beside
    /// `#`); new suppressions are written with [`Syntax::comment_prefix`].
    fn other_comment_prefixes(&self) -> &'static [&'static str] {
        &[]
    }

    /// `text` written as a value in place of `literal` (a value as it is now written in the
    /// file), keeping the user's style where the format has several.
    fn quote(&self, literal: &str, text: &str) -> String;

    /// Whether `literal` can be replaced by [`Syntax::quote`]'s output without changing what
    /// the rest of it means: not where the literal is a template or heredoc whose other parts
    /// a quoted string would make literal.
    fn requotable(&self, _literal: &str) -> bool {
        true
    }

    /// A line setting `key` to the string `text`, as this format writes one
    /// (`token = "${AXIOM_TOKEN}"` in TOML, `token: "${AXIOM_TOKEN}"` in YAML): what help shows
    /// a user to write in the file they are editing.
    fn assignment(&self, key: &str, text: &str) -> String;

    /// What a schema directive of the file names (`#:schema ./x.json` in TOML), if the format
    /// has directives and the file holds one. A `$schema` key is a value, read from the tree.
    fn schema_directive<'t>(&self, _text: &'t str) -> Option<&'t str> {
        None
    }

    /// Whether a table can hold the same key twice (JSON keeps both; TOML rejects the file).
    fn keeps_repeated_keys(&self) -> bool;

    /// After `parse` failed: the tree a lenient reader would see, so the credential rules still
    /// run (strict JSON read as JSONC: the most common breakage of `claude_desktop_config.json`
    /// is a comment or a trailing comma). `None` where the format has no such reading.
    fn parse_tolerant<'s>(&self, _text: &'s str, _offset: usize) -> Option<Node<'s>> {
        None
    }

    /// Whether the whole file is one environment map (a dotenv file), so the tree's root
    /// holds the variables, rather than a document in which dialects find their tables.
    fn is_env_file(&self) -> bool {
        false
    }

    /// Whether the tree is a flat table of values found in free text (the text scan's Axiom
    /// URLs), not a document: no dialect's shape can be in it, only the generic reading
    /// applies, and its values have no JSON pointer.
    fn is_flat(&self) -> bool {
        false
    }
}

// The format is data (named by `source.rs` from a file name); what it means to parse it is
// here, so the loader never depends on the parsers.
impl Format {
    /// Everything syntactic about the format: its parser, comments, quoting, directives.
    pub(crate) fn syntax(self) -> &'static dyn Syntax {
        match self {
            Self::Toml => &TOML,
            Self::Json => &JSON,
            Self::Jsonc => &JSONC,
            Self::Dotenv => &DOTENV,
            Self::Hcl => &HCL,
            Self::Yaml => &YAML,
            Self::FluentBit => &FLUENT_BIT,
            Self::Systemd => &SYSTEMD,
            Self::Text(TextComments::None) => &TEXT,
            Self::Text(TextComments::Hash) => &TEXT_HASH,
            Self::Text(TextComments::Slash) => &TEXT_SLASH,
            Self::Text(TextComments::Html) => &TEXT_HTML,
            Self::Text(TextComments::Markdown) => &TEXT_MARKDOWN,
        }
    }

    /// The format of a file whose text is known, when it is one axiom-lint parses: by name,
    /// corrected by content where `by_content` says the name is wrong (a `.conf` file of Fluent
    /// Bit's sections, a SOPS document named as TOML). `None` for a file only the text scan
    /// reads.
    pub fn detect_with_text(path: &Path, text: &str) -> Option<Self> {
        let by_name = Self::detect(path).map_or_else(|| Self::text(path), |d| d.format);
        let format = crate::by_content::refine(by_name, path, text);
        (!matches!(format, Self::Text(_))).then_some(format)
    }

    /// The name used in messages and for syntax highlighting.
    pub fn name(self) -> &'static str {
        self.syntax().name()
    }
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
    let result = source
        .format
        .syntax()
        .parse_file(text, offset, &source.path);
    result.map_err(|mut error| {
        error.span = error.span.start + offset..error.span.end + offset;
        clamp(&mut error.span, source.text.len());
        error
    })
}

/// The tree of a file that failed [`parse`], read leniently where its format allows.
pub(crate) fn parse_tolerant(source: &SourceFile) -> Option<Node<'_>> {
    let offset = if source.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    source
        .format
        .syntax()
        .parse_tolerant(&source.text[offset..], offset)
}

/// The error for a string that opens at `start` and is never closed: reported where it opens
/// (to the end of that line), not where the parser gave up, which may be the end of the file.
/// The parser's own message is kept when it failed before the string even opened.
pub(crate) fn unterminated_string_error(
    text: &str,
    error: ParseError,
    start: Option<usize>,
) -> ParseError {
    let Some(start) = start.filter(|start| *start <= error.span.start) else {
        return error;
    };
    let line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |end| start + end);
    ParseError::new(
        "unterminated string: it opens here and is never closed",
        start..if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        },
    )
}

fn clamp(span: &mut Range<usize>, len: usize) {
    span.start = span.start.min(len);
    span.end = span.end.clamp(span.start, len);
}

/// Whether `text` can replace a value carved out of a string without any quoting or escaping
/// in any format: URLs, hosts and names, but nothing with quotes, escapes, comment leaders,
/// flow punctuation or whitespace that some enclosing syntax would read differently.
pub(crate) fn is_inert(text: &str) -> bool {
    text.bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b"-._~:/?&=%+@".contains(&byte))
        && !text.contains(": ")
}

#[cfg(test)]
mod tests {
    use crate::source::Format;

    /// Each format writes the line help shows in its own syntax, and the line parses back to
    /// the same key and text.
    #[test]
    fn an_assignment_is_written_in_the_files_own_syntax() {
        let line = |format: Format| format.syntax().assignment("token", "${AXIOM_TOKEN}");
        assert_eq!(line(Format::Toml), r#"token = "${AXIOM_TOKEN}""#);
        assert_eq!(line(Format::Json), r#""token": "${AXIOM_TOKEN}""#);
        assert_eq!(line(Format::Yaml), r#"token: "${AXIOM_TOKEN}""#);
        assert_eq!(line(Format::Dotenv), "token=${AXIOM_TOKEN}");
        // A literal `${` is escaped in HCL, where it would start a template.
        assert_eq!(line(Format::Hcl), r#"token = "$${AXIOM_TOKEN}""#);
        assert_eq!(
            Format::Toml.syntax().assignment("a key", "x"),
            r#""a key" = "x""#
        );
        for format in [Format::Toml, Format::Yaml, Format::Hcl, Format::Dotenv] {
            let text = line(format);
            let tree = format.syntax().parse(&text, 0).expect("the line parses");
            assert_eq!(
                tree.get("token").and_then(|node| node.as_str()),
                Some("${AXIOM_TOKEN}"),
                "{text}"
            );
        }
        let object = format!("{{{}}}", line(Format::Json));
        let tree = Format::Json
            .syntax()
            .parse(&object, 0)
            .expect("the line parses");
        assert_eq!(
            tree.get("token").and_then(|node| node.as_str()),
            Some("${AXIOM_TOKEN}")
        );
    }
}
