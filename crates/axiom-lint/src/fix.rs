//! Fix planning, shared by `--fix`, `--diff` and the editor server: which of a file's fixes to
//! apply together, and the text they produce. Writing files is the caller's business.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::LintResult;
use crate::diagnostic::{Applicability, Edit};
use crate::registry::Rule;
use crate::settings::Settings;
use crate::source::SourceFile;

/// The fixes to apply to one file.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Sorted by position, none overlapping.
    edits: Vec<&'a Edit>,
    /// How many findings the plan fixes.
    pub fixed: usize,
}

/// Picks the applicable fixes: whole or not at all, never overlapping (a fix that overlaps an
/// earlier one waits for the next run). `None` when nothing applies. `wanted` says which
/// findings may be fixed (not those a baseline accepted, say).
pub fn plan<'a>(
    result: &'a LintResult,
    unsafe_fixes: bool,
    wanted: impl Fn(usize) -> bool,
) -> Option<Plan<'a>> {
    let mut fixes: Vec<_> = result
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(index, _)| wanted(*index))
        .filter_map(|(_, d)| d.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe || unsafe_fixes)
        .collect();
    fixes.sort_by_key(|fix| fix.edits.first().map(|e| e.span.start));
    // Taken edits by (start, end): disjoint, so the one starting last before an edit's end is
    // the only one that can overlap it; a lookup per edit, not a scan of every earlier edit.
    let mut taken: BTreeMap<(usize, usize), &Edit> = BTreeMap::new();
    let mut fixed = 0;
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            count_overlap_check();
            taken
                .range(..(edit.span.end, 0))
                .next_back()
                .is_some_and(|(_, before)| overlap(&before.span, &edit.span))
                || fix
                    .edits
                    .iter()
                    .any(|other| !std::ptr::eq(other, edit) && overlap(&other.span, &edit.span))
        });
        if !overlaps {
            for edit in &fix.edits {
                taken.insert((edit.span.start, edit.span.end), edit);
            }
            fixed += 1;
        }
    }
    let edits: Vec<&Edit> = taken.into_values().collect();
    (!edits.is_empty()).then_some(Plan { edits, fixed })
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl Plan<'_> {
    /// The edits, sorted by position and none overlapping (the editor server sends them as
    /// one workspace edit).
    pub fn edits(&self) -> &[&Edit] {
        &self.edits
    }

    /// `text` with the edits applied, in one pass (edits are byte ranges into the file, so
    /// this works for the masked copy too, which has the same length).
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for edit in &self.edits {
            let in_bounds = edit.span.end <= text.len()
                && edit.span.start >= at
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end);
            if in_bounds {
                out.push_str(&text[at..edit.span.start]);
                out.push_str(&edit.replacement);
                at = edit.span.end;
            }
        }
        out.push_str(&text[at..]);
        out
    }

    /// The fixed text of `source`, or `None` if it would no longer parse.
    pub fn fixed_text(&self, source: &SourceFile, settings: &Settings) -> Option<String> {
        let text = self.apply(&source.text);
        let check = SourceFile::new(source.path.clone(), text, source.format);
        let still_parses = !crate::lint(&check, settings)
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::ParseError);
        still_parses.then_some(check.text)
    }
}

#[cfg(test)]
thread_local! {
    pub(crate) static OVERLAP_CHECKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn count_overlap_check() {
    #[cfg(test)]
    OVERLAP_CHECKS.with(|count| count.set(count.get() + 1));
}
