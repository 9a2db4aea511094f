//! Any other text file (a shell script, a Makefile, a README, source code): no syntax is
//! parsed, so only the raw token scan applies (AXL201, AXL207 on prefixed literals). The one
//! thing known about it is its comment leader, taken from its name, for suppressions.

use super::{ParseError, Syntax};
use crate::tree::{Node, Value};

/// Text whose comments are not known: suppressions only through `per-file-ignores`.
pub(crate) static TEXT: Text = Text { comment: None };
/// Shell, Python, Ruby, Makefiles, INI-like files: `#` comments.
pub(crate) static TEXT_HASH: Text = Text { comment: Some("#") };
/// C-like languages, JavaScript, Go, Rust: `//` comments.
pub(crate) static TEXT_SLASH: Text = Text {
    comment: Some("//"),
};
/// Markdown and HTML: `<!-- … -->` comments.
pub(crate) static TEXT_HTML: Text = Text {
    comment: Some("<!--"),
};

/// A text file read for tokens only.
#[derive(Debug)]
pub(crate) struct Text {
    comment: Option<&'static str>,
}

impl Syntax for Text {
    fn name(&self) -> &'static str {
        "text"
    }

    /// No structure: an empty table, so no dialect finds a site and only the raw scans run.
    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        Ok(Node::new(
            offset..offset + text.len(),
            Value::Table(Vec::new()),
        ))
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        self.comment
    }

    /// Never used: no site, so no fix, in a text file.
    fn quote(&self, _literal: &str, text: &str) -> String {
        text.to_owned()
    }

    /// A text file has no syntax of its own: the shell's `KEY=value`, the form most text
    /// files that set variables use.
    fn assignment(&self, key: &str, text: &str) -> String {
        format!("{key}={text}")
    }

    fn keeps_repeated_keys(&self) -> bool {
        false
    }
}
