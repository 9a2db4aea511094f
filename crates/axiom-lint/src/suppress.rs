//! Inline suppressions: `# axiom-lint: ignore[AXL201] reason` (TOML) or `// …` (JSONC) on the
//! offending line or alone on the line above, and `ignore-file[…]` for a whole file.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::line_index::LineIndex;
use crate::registry::Rule;
use crate::source::{Format, SourceFile};

/// One suppression comment.
#[derive(Debug, Clone)]
pub(crate) struct Suppression {
    /// The comment's bytes, from the marker to the end of the line.
    pub(crate) span: Range<usize>,
    /// The 1-based line whose findings it covers; `None` for `ignore-file`.
    pub(crate) covers_line: Option<usize>,
    /// The rules it names, as written.
    pub(crate) selectors: Vec<String>,
    /// The rules those selectors resolve to.
    pub(crate) rules: Vec<Rule>,
    /// Why the finding is accepted; required.
    pub(crate) reason: Option<String>,
}

impl Suppression {
    /// Whether the suppression is well-formed and so honoured.
    pub(crate) fn is_valid(&self) -> bool {
        self.reason.is_some()
            && !self.rules.is_empty()
            && self.selectors.iter().all(|s| !Rule::select(s).is_empty())
    }

    fn covers(&self, diagnostic: &Diagnostic, line: usize) -> bool {
        self.is_valid()
            && self.rules.contains(&diagnostic.rule)
            && self.covers_line.is_none_or(|covered| covered == line)
    }
}

pub(crate) const MARKER: &str = "axiom-lint:";

/// Whether a text holds the marker anywhere: one vectorised substring search, since every
/// file with comments is asked.
pub(crate) fn mentions_marker(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_some()
}

/// The comment that suppresses `rule` on the line below it, in the format's own comment
/// syntax; `None` for formats without comments (strict JSON). For editors' code actions.
pub fn suppression_comment(format: Format, rule: Rule, reason: &str) -> Option<String> {
    let leader = format.syntax().comment_prefix()?;
    Some(format!(
        "{leader} {MARKER} ignore[{}] {reason}",
        rule.code()
    ))
}

/// The byte ranges of every key and string literal in `tree`, where a `#` or `//` is text.
pub(crate) fn string_spans(tree: &crate::tree::Node<'_>) -> Vec<Range<usize>> {
    tree.descendants()
        .flat_map(|node| {
            let keys = node.entries().iter().map(|entry| entry.key_span.clone());
            let value =
                matches!(node.value, crate::tree::Value::String(_)).then(|| node.span.clone());
            keys.chain(value)
        })
        .collect()
}

/// The strings of `spans` that run over more than one line (YAML block scalars, TOML `"""`,
/// HCL heredocs, quoted dotenv values), sorted by start: no comment can go inside them.
pub(crate) fn multi_line(text: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = spans
        .iter()
        .filter(|span| {
            text.get((*span).clone())
                .is_some_and(|string| string.contains('\n'))
        })
        .cloned()
        .collect();
    found.sort_by_key(|span| span.start);
    found
}

/// The 0-based line a suppression alone on the line above must sit above to cover a finding
/// at `offset`: the finding's own line, unless that line starts inside a multi-line string,
/// where a comment would be text; then the line where that string starts (and so on, for a
/// string that itself starts on such a line).
pub(crate) fn anchor_line(index: &LineIndex, multi_line: &[Range<usize>], offset: usize) -> usize {
    let mut line = index.line_of(offset);
    loop {
        let start = index.line_start(line);
        let before = multi_line.partition_point(|span| span.start < start);
        match before.checked_sub(1).map(|at| &multi_line[at]) {
            Some(span) if span.end > start => line = index.line_of(span.start),
            _ => return line,
        }
    }
}

/// Where an editor inserts a suppression comment for a finding at `offset`, on its own line:
/// the start of the line the comment must sit above ([`anchor_line`]). For editors' code
/// actions; `None` when the format has no comments.
pub fn suppression_anchor(source: &SourceFile, offset: usize) -> Option<usize> {
    source.format.syntax().comment_prefix()?;
    let parsed = crate::parse::parse(source);
    let tolerant = parsed
        .is_err()
        .then(|| crate::parse::parse_tolerant(source))
        .flatten();
    let spans = parsed
        .as_ref()
        .ok()
        .or(tolerant.as_ref())
        .map(string_spans)
        .unwrap_or_default();
    let index = LineIndex::new(&source.text);
    let line = anchor_line(&index, &multi_line(&source.text, &spans), offset);
    Some(index.line_start(line).min(source.text.len()))
}

/// Finds every suppression comment in a file whose format has comments. `strings` are the
/// byte ranges of string literals and keys, where a `#` or `//` is text, not a comment.
pub(crate) fn parse(
    source: &SourceFile,
    index: &LineIndex,
    strings: &[Range<usize>],
) -> Vec<Suppression> {
    let Some(leader) = source.format.syntax().comment_prefix() else {
        return Vec::new();
    };
    if !mentions_marker(&source.text) {
        return Vec::new();
    }
    let text = &source.text;
    let in_string = InStrings::new(strings);
    let mut found = Vec::new();
    for line in 1..=index.line_count() {
        let Some(range) = index.line_range(text, line) else {
            continue;
        };
        let line_text = &text[range.clone()];
        let Some(marker) = line_text.find(MARKER) else {
            continue;
        };
        // The leader nearest the marker with only spaces between them opens the comment.
        let before = &line_text[..marker];
        let Some(comment) = std::iter::once(leader)
            .chain(
                source
                    .format
                    .syntax()
                    .other_comment_prefixes()
                    .iter()
                    .copied(),
            )
            .filter_map(|leader| {
                let at = before.rfind(leader)?;
                before[at + leader.len()..].trim().is_empty().then_some(at)
            })
            .max()
        else {
            continue;
        };
        let comment_offset = range.start + comment;
        if in_string.contains(comment_offset) {
            continue;
        }
        let directive = line_text[marker + MARKER.len()..].trim_start();
        let (file_wide, rest) = if let Some(rest) = directive.strip_prefix("ignore-file[") {
            (true, rest)
        } else if let Some(rest) = directive.strip_prefix("ignore[") {
            (false, rest)
        } else {
            continue;
        };
        let Some(close) = rest.find(']') else {
            continue;
        };
        let selectors: Vec<String> = rest[..close]
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        // An HTML comment's closing `-->` is syntax, not part of the reason.
        let reason = rest[close + 1..].trim();
        let reason = reason.strip_suffix("-->").unwrap_or(reason).trim();
        // `<why this is safe>`, as an editor inserts it, is a blank to fill in, not a reason.
        let placeholder = reason.starts_with('<') && reason.ends_with('>');
        let reason = Some(reason.to_owned()).filter(|r| !r.is_empty() && !placeholder);
        let alone_on_line = line_text[..comment]
            .trim_start_matches('\u{feff}')
            .trim()
            .is_empty();
        let covers_line = (!file_wide).then_some(if alone_on_line { line + 1 } else { line });
        let mut rules: Vec<Rule> = selectors.iter().flat_map(|s| Rule::select(s)).collect();
        rules.sort();
        rules.dedup();
        found.push(Suppression {
            span: range.start + comment..range.end,
            covers_line,
            selectors,
            rules,
            reason,
        });
    }
    found
}

/// Removes suppressed diagnostics; returns, per suppression, whether it matched anything. A
/// finding inside a multi-line string is covered on its own line or on the line the string
/// starts on, where a comment can be written ([`anchor_line`]).
pub(crate) fn apply(
    source: &SourceFile,
    index: &LineIndex,
    suppressions: &[Suppression],
    strings: &[Range<usize>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut used = vec![false; suppressions.len()];
    if suppressions.is_empty() {
        return used;
    }
    let multi_line = multi_line(&source.text, strings);
    // The suppressions that may cover a line: those for that line and the file-wide ones,
    // so each finding looks at a few, however many the file holds.
    let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut file_wide = Vec::new();
    for (at, suppression) in suppressions.iter().enumerate() {
        match suppression.covers_line {
            Some(line) => by_line.entry(line).or_default().push(at),
            None => file_wide.push(at),
        }
    }
    let on_line = |line: usize| by_line.get(&line).map_or(&[][..], Vec::as_slice);
    diagnostics.retain(|diagnostic| {
        let offset = diagnostic.span.start.min(source.text.len());
        let line = index.line_of(offset) + 1;
        let anchor = anchor_line(index, &multi_line, diagnostic.span.start) + 1;
        let at_anchor = if anchor == line {
            &[][..]
        } else {
            on_line(anchor)
        };
        let mut suppressed = false;
        for &at in on_line(line).iter().chain(at_anchor).chain(&file_wide) {
            let suppression = &suppressions[at];
            if suppression.covers(diagnostic, line) || suppression.covers(diagnostic, anchor) {
                used[at] = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    used
}

/// Which byte offsets lie inside a string literal or key, answered by a binary search.
struct InStrings {
    /// The ranges by start, each with the furthest end of it and every range before it.
    ranges: Vec<(usize, usize)>,
}

impl InStrings {
    fn new(strings: &[Range<usize>]) -> Self {
        let mut ranges: Vec<(usize, usize)> = strings.iter().map(|r| (r.start, r.end)).collect();
        ranges.sort_unstable();
        let mut furthest = 0;
        for range in &mut ranges {
            furthest = furthest.max(range.1);
            range.1 = furthest;
        }
        Self { ranges }
    }

    fn contains(&self, offset: usize) -> bool {
        let started = self.ranges.partition_point(|&(start, _)| start <= offset);
        started > 0 && self.ranges[started - 1].1 > offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The binary search answers what a look at every range answers, nested and repeated
    /// ranges included (a YAML alias repeats its anchor's spans).
    #[test]
    fn offsets_in_strings_are_found_as_by_a_look_at_each() {
        use proptest::prelude::*;
        let ranges = prop::collection::vec((0usize..60, 0usize..20), 0..12);
        proptest!(|(ranges in ranges, offset in 0usize..90)| {
            let strings: Vec<Range<usize>> = ranges.iter().map(|&(start, len)| start..start + len).collect();
            prop_assert_eq!(
                InStrings::new(&strings).contains(offset),
                strings.iter().any(|string| string.contains(&offset))
            );
        });
    }

    /// Each finding is matched against the suppressions of its line and the file-wide ones:
    /// thousands of suppressed lines each hide their own finding, and every one is used.
    #[test]
    fn many_suppressions_each_hide_their_line() {
        use crate::{Format, Settings, SourceFile};
        let mut text = String::new();
        for i in 0..2_000 {
            text.push_str(&format!(
                "# axiom-lint: ignore[AXL201] fixture {i}\nAXIOM_TOKEN_{i}=xaat-{i:08x}-7c3d-4e5f-9a8b-0c1d2e3f8ec6\n"
            ));
        }
        text.push_str("AXIOM_TOKEN=xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6\n");
        let source = SourceFile::new(".env", text, Format::Dotenv);
        let result = crate::lint(&source, &Settings::default());
        let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.rule.code()).collect();
        assert_eq!(
            codes,
            ["AXL201"],
            "only the unsuppressed token, no unused suppression"
        );
        assert!(result.diagnostics[0].span.start > source.text.len() - 50);
    }
}
