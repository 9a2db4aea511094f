//! `--fix`, `--unsafe-fixes` and `--diff`: applying the rules' edits to files.

use axiom_lint::{Applicability, Edit, LintResult, Rule, Settings, SourceFile};

/// The fixes to apply to one file.
pub(crate) struct Plan<'a> {
    edits: Vec<&'a Edit>,
    /// How many findings the plan fixes.
    pub(crate) fixed: usize,
}

/// Picks the applicable fixes: whole or not at all, never overlapping (a fix that overlaps an
/// earlier one waits for the next run). `None` when nothing applies.
pub(crate) fn plan(result: &LintResult, unsafe_fixes: bool) -> Option<Plan<'_>> {
    let mut fixes: Vec<_> = result
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe || unsafe_fixes)
        .collect();
    fixes.sort_by_key(|fix| fix.edits.first().map(|e| e.span.start));
    let mut edits: Vec<&Edit> = Vec::new();
    let mut fixed = 0;
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            edits
                .iter()
                .any(|taken| edit.span.start < taken.span.end && taken.span.start < edit.span.end)
        });
        if !overlaps {
            edits.extend(&fix.edits);
            fixed += 1;
        }
    }
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
    (!edits.is_empty()).then_some(Plan { edits, fixed })
}

impl Plan<'_> {
    /// `text` with the edits applied (edits are byte ranges into the file, so this works for
    /// the masked copy too, which has the same length).
    pub(crate) fn apply(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for edit in &self.edits {
            let in_bounds = edit.span.end <= text.len()
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end);
            if in_bounds {
                text.replace_range(edit.span.clone(), &edit.replacement);
            }
        }
        text
    }

    /// The fixed text of `source`, or `None` if it would no longer parse.
    pub(crate) fn fixed_text(&self, source: &SourceFile, settings: &Settings) -> Option<String> {
        let text = self.apply(&source.text);
        let check = SourceFile::new(source.path.clone(), text.clone(), source.format);
        let still_parses = !axiom_lint::lint(&check, settings)
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::ParseError);
        still_parses.then_some(text)
    }
}

/// A unified diff between two texts, headed with the file's path.
pub(crate) fn diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
