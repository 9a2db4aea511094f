//! Renderers, one per output format, all reading the same diagnostics: miette's graphical
//! report and a one-line concise form for people here, [`json`], [`sarif`] and [`github`]
//! commands for machines. Severity, wording and spans were decided by the rules.

mod github;
mod json;
mod report;
mod sarif;

pub use github::{github, github_file, github_summary};
pub use json::{JsonWriter, json};
pub use report::{Annotation, FileReport, Summary};
pub use sarif::{SarifWriter, sarif};

use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceSpan, SpanContents,
};

use crate::LintResult;
use crate::diagnostic::Diagnostic;
use crate::line_index::LineIndex;
use crate::registry::Severity;
use crate::source::SourceFile;

/// How a graphical report looks.
#[derive(Debug, Clone, Copy)]
pub struct GraphicalOptions {
    /// ANSI colours.
    pub color: bool,
    /// Wrap width in columns.
    pub width: usize,
    /// Mark findings `--fix` can fix with `[*]` after the code, as ruff does.
    pub mark_fixable: bool,
}

impl Default for GraphicalOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
            mark_fixable: false,
        }
    }
}

/// The marker for a finding `--fix` fixes on its own.
const FIXABLE_MARKER: &str = "[*]";

fn has_safe_fix(diagnostic: &Diagnostic) -> bool {
    diagnostic
        .fix
        .as_ref()
        .is_some_and(|fix| fix.applicability == crate::Applicability::Safe)
}

/// Text from a file (a key, a value, a path) made inert for a terminal or a CI log: control
/// characters, ESC/OSC sequences and bidirectional overrides are shown escaped (`\x1b`,
/// `\n`, `\u{202e}`), so no file can move the cursor, recolour, retitle or fake a line.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 && is_unsafe_char(c) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters (C0, DEL, C1) and the invisible characters that reorder or hide text.
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Makes a masked source safe to print as an excerpt, byte for byte: every unsafe character
/// but line breaks and tabs becomes `?` (one per byte), so spans still line up.
fn inert_excerpt(text: String) -> String {
    // A byte-order mark opening the file is a normal, invisible part of it.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if !text[bom..]
        .chars()
        .any(|c| is_unsafe_char(c) && c != '\n' && c != '\t' && c != '\r')
    {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..bom]);
    let mut chars = text[bom..].chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if is_unsafe_char(c) && c != '\t' && !line_break {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Renders every diagnostic of a file as miette's graphical report, from a masked copy of
/// the source so no token body is ever shown. The copy is made once per file, and miette reads
/// only the lines around each finding, so the cost per finding does not grow with the file.
pub fn graphical(source: &SourceFile, result: &LintResult, options: GraphicalOptions) -> String {
    // Most files are clean: no copy of the source, no line index, for nothing to show.
    if result.diagnostics.is_empty() {
        return String::new();
    }
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_urls(false)
        // Hosts such as `eu-central-1.aws.edge.axiom.co` must never be split at a hyphen.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_break_words(false);
    let masked = inert_excerpt(result.masked_text(&source.text));
    let index = LineIndex::new(&source.text);
    let path = inert(&source.path);
    let excerpt = Excerpt {
        name: &path,
        text: &masked,
        index: &index,
    };
    let mut out = String::new();
    for diagnostic in &result.diagnostics {
        let report = Report {
            diagnostic,
            mark_fixable: options.mark_fixable && has_safe_fix(diagnostic),
            source: &excerpt,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&concise_line(
                &source.path,
                source,
                &index,
                diagnostic,
                options.mark_fixable,
            ));
        }
        out.push('\n');
    }
    out
}

/// A file's masked text as miette reads it: only the lines around a span, found through the
/// line index, never by scanning from the start of the file.
struct Excerpt<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
}

impl miette::SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (span.offset() + span.len()).min(self.text.len());
        let (start_line, end_line) = (self.index.line_of(start), self.index.line_of(end));
        // Whole lines around the span, but never more than a screenful of a long line (a
        // minified JSON file is one line): the cost per finding must not grow with the file.
        let start_line_begins = self.index.line_start(start_line);
        let (first_line, line_start, window_start) =
            if start - start_line_begins > LONG_LINE_CONTEXT {
                let window_start = floor_boundary(self.text, start - LONG_LINE_CONTEXT);
                (start_line, start_line_begins, window_start)
            } else {
                let first_line = start_line.saturating_sub(context_lines_before);
                let line_start = self.index.line_start(first_line);
                (first_line, line_start, line_start)
            };
        let end_line_ends = self.index.line_start(end_line + 1).min(self.text.len());
        let window_end = if end_line_ends - end > LONG_LINE_CONTEXT {
            ceil_boundary(self.text, end + LONG_LINE_CONTEXT)
        } else {
            self.index
                .line_start(end_line + 1 + context_lines_after)
                .min(self.text.len())
        };
        let window = &self.text[window_start..window_end];
        count_excerpt_bytes(window.len());
        let inner = SourceSpan::new((start - window_start).into(), end - start);
        let contents = window.read_span(&inner, context_lines_before, context_lines_after)?;
        // A window that starts inside a line starts at a later column of it.
        let column = if contents.line() == 0 {
            contents.column() + (window_start - line_start)
        } else {
            contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + window_start).into(),
                contents.span().len(),
            ),
            contents.line() + first_line,
            column,
            // Miette counts lines from the start of the source, not of the excerpt, and merges
            // nearby labels by that count; keep its meaning.
            contents.line_count() + first_line,
        )))
    }
}

/// How much of a long line is shown on each side of a span.
const LONG_LINE_CONTEXT: usize = 240;

/// How many bytes a finding's labels may spread over and still be drawn together.
const MOST_LABEL_REACH: usize = 4096;

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

fn count_excerpt_bytes(bytes: usize) {
    #[cfg(any(test, feature = "counters"))]
    crate::counters::excerpt_bytes(bytes);
    let _ = bytes;
}

/// One line per diagnostic: `path:line:col: CODE [*] [severity] message`, where `[*]` marks a
/// finding `--fix` can fix.
pub fn concise(source: &SourceFile, result: &LintResult) -> String {
    if result.diagnostics.is_empty() {
        return String::new();
    }
    let index = LineIndex::new(&source.text);
    result
        .diagnostics
        .iter()
        .map(|diagnostic| concise_line(&source.path, source, &index, diagnostic, true) + "\n")
        .collect()
}

/// `path:line:col: CODE [severity] message`, the line every plain listing uses, with the
/// fixable marker after the code when `mark_fixable` is set.
fn concise_line(
    path: &str,
    source: &SourceFile,
    index: &LineIndex,
    diagnostic: &Diagnostic,
    mark_fixable: bool,
) -> String {
    let position = index.position(&source.text, diagnostic.span.start);
    let marker = if mark_fixable && has_safe_fix(diagnostic) {
        " [*]"
    } else {
        ""
    };
    // A line that starts with `::` is a workflow command to a CI log that reads this output.
    let path = inert(path);
    let dot = if path.starts_with("::") { "./" } else { "" };
    format!(
        "{dot}{}:{}:{}: {}{marker} [{}] {}",
        path,
        position.line,
        position.column,
        diagnostic.rule.code(),
        diagnostic.severity.as_str(),
        inert(&diagnostic.message)
    )
}

/// A diagnostic and its masked source, as miette wants them.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    mark_fixable: bool,
    source: &'a Excerpt<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("code", &self.diagnostic.rule.code())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&inert(&self.diagnostic.message))
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let code = self.diagnostic.rule.code();
        let name = self.diagnostic.rule.name();
        Some(Box::new(if self.mark_fixable {
            format!("{code} {FIXABLE_MARKER} {name}")
        } else {
            format!("{code} {name}")
        }))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = inert(self.diagnostic.help.as_deref()?).into_owned();
        match &self.diagnostic.fix {
            Some(fix) => Some(Box::new(format!("{help}\nfix: {}", inert(&fix.title)))),
            None => Some(Box::new(help)),
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    /// A secondary label far from the primary one (a key first defined 100 KB earlier on the
    /// same minified line) is not drawn: miette would show all the text between them, for
    /// each finding, and cannot indent a label past 65,535 columns. Its message goes after the
    /// primary label's, with its line.
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = &self.diagnostic.span;
        let (near, far): (Vec<_>, Vec<_>) = self.diagnostic.labels.iter().partition(|label| {
            let reach = span.end.max(label.span.end) - span.start.min(label.span.start);
            reach <= MOST_LABEL_REACH
        });
        let mut primary = inert(&self.diagnostic.label).into_owned();
        for label in far {
            let line = self.source.index.line_of(label.span.start) + 1;
            if !primary.is_empty() {
                primary.push_str("; ");
            }
            let _ = write!(primary, "{} (line {line})", inert(&label.message));
        }
        let primary = LabeledSpan::new_primary_with_span(
            Some(primary).filter(|label| !label.is_empty()),
            span.clone(),
        );
        let secondary = near.into_iter().map(|label| {
            LabeledSpan::new_with_span(Some(inert(&label.message).into_owned()), label.span.clone())
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Settings};

    /// A key repeated thousands of times on one minified line: each finding's label for the
    /// first definition lies ever further away. Drawing it would copy the text between for
    /// each finding, and past 65,535 columns miette panics; it is named with its line instead.
    #[test]
    fn labels_far_apart_on_one_line_are_not_drawn_together() {
        let text = format!(
            "{{{}\"url\": \"https://api.axiom.co\"}}\n",
            "\"token\": \"x\", ".repeat(6_000)
        );
        let source = SourceFile::new("dup.json", text, Format::Json);
        let result = crate::lint(&source, &Settings::default());
        assert!(result.diagnostics.len() >= 5_000);
        crate::counters::reset();
        let shown = graphical(&source, &result, GraphicalOptions::default());
        let per_finding = crate::counters::counts().excerpt_bytes / result.diagnostics.len();
        assert!(
            per_finding < 2 * MOST_LABEL_REACH,
            "{per_finding} bytes per finding"
        );
        let last = shown.rsplit("AXL003").next().unwrap_or_default();
        assert!(
            last.contains("first defined here; this value is ignored (line 1)"),
            "{last}"
        );
        // Near labels are still drawn.
        let near = SourceFile::new(
            "dup.json",
            "{\"token\": \"x\", \"token\": \"y\", \"url\": \"https://api.axiom.co\"}\n".to_owned(),
            Format::Json,
        );
        let result = crate::lint(&near, &Settings::default());
        let shown = graphical(&near, &result, GraphicalOptions::default());
        assert!(shown.contains("first defined here"), "{shown}");
        assert!(!shown.contains("(line 1)"), "{shown}");
    }
}
