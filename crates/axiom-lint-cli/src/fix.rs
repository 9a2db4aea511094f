//! `--fix`, `--unsafe-fixes` and `--diff`: applying the rules' edits to files.

use axiom_lint::{Applicability, Edit, LintResult, Rule, Settings, SourceFile};

/// The text with every applicable fix applied, or `None` when nothing applies or the result
/// would no longer parse.
pub(crate) fn fixed_text(
    source: &SourceFile,
    result: &LintResult,
    unsafe_fixes: bool,
    settings: &Settings,
) -> Option<(String, usize)> {
    let mut edits: Vec<&Edit> = Vec::new();
    let mut fixed = 0;
    let mut fixes: Vec<_> = result
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe || unsafe_fixes)
        .collect();
    fixes.sort_by_key(|fix| fix.edits.first().map(|e| e.span.start));
    for fix in fixes {
        // A fix is applied whole or not at all; one that overlaps an earlier fix waits for the next run.
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
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
    let mut text = source.text.clone();
    for edit in edits {
        if text.is_char_boundary(edit.span.start)
            && text.is_char_boundary(edit.span.end)
            && edit.span.end <= text.len()
        {
            text.replace_range(edit.span.clone(), &edit.replacement);
        }
    }
    let check = SourceFile::new(source.path.clone(), text.clone(), source.format);
    let still_parses = !axiom_lint::lint(&check, settings)
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::ParseError);
    still_parses.then_some((text, fixed))
}

/// A unified diff between the file and its fixed text.
pub(crate) fn diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
