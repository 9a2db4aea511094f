//! Renderers, one per output format, all reading the same diagnostics: miette's graphical
//! report and a one-line concise form for people here, JSON, SARIF and GitHub commands in
//! [`machine`]. Severity, wording and spans were decided by the rules.

mod machine;

pub use machine::{
    FileReport, JsonWriter, SarifWriter, Summary, github, github_file, github_summary, json, sarif,
};

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use crate::LintResult;
use crate::diagnostic::{Diagnostic, Severity};
use crate::line_index::LineIndex;
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

/// Renders every diagnostic of a file as miette's graphical report, from a masked copy of
/// the source so no token body is ever shown.
pub fn graphical(source: &SourceFile, result: &LintResult, options: GraphicalOptions) -> String {
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
    let masked = result.masked_text(&source.text);
    let mut out = String::new();
    for diagnostic in &result.diagnostics {
        let report = Report {
            diagnostic,
            mark_fixable: options.mark_fixable && has_safe_fix(diagnostic),
            source: NamedSource::new(source.path.clone(), masked.clone())
                .with_language(source.format.name()),
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&concise_line(
                &source.path,
                source,
                &LineIndex::new(&source.text),
                diagnostic,
                options.mark_fixable,
            ));
        }
        out.push('\n');
    }
    out
}

/// One line per diagnostic: `path:line:col: CODE [*] [severity] message`, where `[*]` marks a
/// finding `--fix` can fix.
pub fn concise(source: &SourceFile, result: &LintResult) -> String {
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
    format!(
        "{}:{}:{}: {}{marker} [{}] {}",
        path,
        position.line,
        position.column,
        diagnostic.rule.code(),
        diagnostic.severity.as_str(),
        diagnostic.message
    )
}

/// A diagnostic and its masked source, as miette wants them.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    mark_fixable: bool,
    source: NamedSource<String>,
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
        f.write_str(&self.diagnostic.message)
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
        let help = self.diagnostic.help.as_deref()?;
        match &self.diagnostic.fix {
            Some(fix) => Some(Box::new(format!("{help}\nfix: {}", fix.title))),
            None => Some(Box::new(help)),
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            Some(self.diagnostic.label.clone()).filter(|label| !label.is_empty()),
            self.diagnostic.span.clone(),
        );
        let secondary = self.diagnostic.labels.iter().map(|label| {
            LabeledSpan::new_with_span(Some(label.message.clone()), label.span.clone())
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}
