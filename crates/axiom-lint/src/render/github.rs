//! GitHub Actions workflow commands, escaped as the toolkit escapes them.

use super::report::{FileReport, Summary};
use crate::line_index::LineIndex;
use crate::registry::Severity;

/// GitHub Actions workflow commands, one per finding, then every finding as a plain line and a
/// count, since GitHub shows only the first ten annotations of each kind per step.
pub fn github(files: &[FileReport<'_>]) -> String {
    let mut annotations = String::new();
    let mut listing = String::new();
    for file in files {
        let (commands, lines) = github_file(file);
        annotations.push_str(&commands);
        listing.push_str(&lines);
    }
    annotations + &listing + &github_summary(&Summary::of(files))
}

/// One file's part of the GitHub report: its workflow commands, and its plain lines for the
/// listing that follows every command.
pub fn github_file(file: &FileReport<'_>) -> (String, String) {
    let mut commands = String::new();
    let mut lines = String::new();
    if file.result.diagnostics.is_empty() {
        return (commands, lines);
    }
    let text = &file.source.text;
    let index = LineIndex::new(text);
    for diagnostic in &file.result.diagnostics {
        let (start, end) = (
            index.position(text, diagnostic.span.start),
            index.position(text, diagnostic.span.end),
        );
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        commands.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&super::inert(file.path)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(diagnostic.rule.code()),
            escape_data(&super::inert(&diagnostic.message)),
        ));
        // The plain copy is escaped too, path included: a line that begins `::` is a command.
        lines.push_str(&escape_property(&super::inert(file.path)));
        lines.push_str(&escape_data(&super::concise_line(
            "",
            file.source,
            &index,
            diagnostic,
            false,
        )));
        lines.push('\n');
    }
    (commands, lines)
}

/// The GitHub report's closing count.
pub fn github_summary(summary: &Summary) -> String {
    let accepted = if summary.baseline_accepted > 0 {
        format!(
            " ({} accepted by the baseline, not shown)",
            plural(summary.baseline_accepted, "finding")
        )
    } else {
        String::new()
    };
    format!(
        "axiom-lint: {}, {}, {} in {}{accepted}\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.files, "file")
    )
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// The toolkit's escaping for a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The toolkit's escaping for a command's properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
