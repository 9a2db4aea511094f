//! An open document: the editor's text (full sync), what linting it found, and the settings
//! it was linted with.

use std::path::PathBuf;

use axiom_lint::{Format, LintResult, Settings, SourceFile};
use lsp_types::Uri;

use crate::convert::LineMap;

/// Text larger than this is not configuration; the CLI skips such files too.
const MAX_TEXT_BYTES: usize = 10 * 1024 * 1024;

/// One open document.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) uri: Uri,
    pub(crate) version: i32,
    /// The file on disk the document stands for, when its URI is a `file:` URI.
    pub(crate) path: Option<PathBuf>,
    /// The format it is read in; `None`: not a format axiom-lint reads.
    pub(crate) format: Option<Format>,
    pub(crate) text: String,
    pub(crate) lines: LineMap,
    /// The findings for `text` (empty until linted, and for documents that are not linted).
    pub(crate) result: LintResult,
    /// The settings `result` was found with, for checking fixes.
    pub(crate) settings: Settings,
}

impl Document {
    pub(crate) fn new(uri: Uri, version: i32, text: String) -> Self {
        let path = file_path(&uri);
        let format = format_of(path.as_deref(), &text);
        Self {
            uri,
            version,
            path,
            format,
            lines: LineMap::new(&text),
            text,
            result: LintResult::default(),
            settings: Settings::default(),
        }
    }

    /// Replaces the whole text (the server asks for full document sync).
    pub(crate) fn replace(&mut self, version: i32, text: String) {
        self.version = version;
        // A `.conf` file becomes Fluent Bit's when its sections are typed in.
        self.format = format_of(self.path.as_deref(), &text);
        self.lines = LineMap::new(&text);
        self.text = text;
    }

    /// Lints the text with `settings`; documents that are not in a format axiom-lint reads, or
    /// too large to be configuration, get no findings.
    pub(crate) fn lint(&mut self, settings: Settings, shown_path: &str) {
        let Some(format) = self.format.filter(|_| self.text.len() <= MAX_TEXT_BYTES) else {
            self.result = LintResult::default();
            self.settings = settings;
            return;
        };
        // The text moves into the source and back: no copy of a large file per edit.
        let source = SourceFile::new(shown_path, std::mem::take(&mut self.text), format);
        self.result = axiom_lint::lint(&source, &settings);
        self.text = source.text;
        self.settings = settings;
    }

    /// A source file for this document's text, for re-linting a fixed copy.
    pub(crate) fn source_with(&self, text: String) -> Option<SourceFile> {
        let format = self.format?;
        Some(SourceFile::new(self.shown_name(), text, format))
    }

    /// The file name, for messages.
    pub(crate) fn shown_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The local path of a `file:` URI.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str())
        .ok()
        .filter(|url| url.scheme() == "file")?
        .to_file_path()
        .ok()
}

/// The `file:` URI of a local path.
pub(crate) fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    url.as_str().parse().ok()
}

/// Whether sending this URI back would show a token: a file named after a pasted token,
/// percent-encoded or not.
pub(crate) fn holds_token(uri: &Uri) -> bool {
    let decoded = percent_encoding::percent_decode_str(uri.as_str()).decode_utf8_lossy();
    [uri.as_str(), &decoded]
        .iter()
        .any(|text| axiom_lint_core::find_tokens(text).next().is_some())
}

/// The format a document is linted in, decided as the CLI decides: by name, corrected by content
/// in the one place that does it (a `.conf` file of Fluent Bit's sections, a SOPS document
/// named as TOML).
fn format_of(path: Option<&std::path::Path>, text: &str) -> Option<Format> {
    path.and_then(|path| Format::detect_with_text(path, text))
}
