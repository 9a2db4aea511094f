//! Inline suppressions: `# axiom-lint: ignore[AXL201] reason` (TOML) or `// …` (JSONC) on the
//! offending line or alone on the line above, and `ignore-file[…]` for a whole file.

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
        if strings
            .iter()
            .any(|string| string.contains(&comment_offset))
        {
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
    diagnostics.retain(|diagnostic| {
        let line = index.position(&source.text, diagnostic.span.start).line;
        let anchor = anchor_line(index, &multi_line, diagnostic.span.start) + 1;
        let mut suppressed = false;
        for (suppression, used) in suppressions.iter().zip(used.iter_mut()) {
            if suppression.covers(diagnostic, line) || suppression.covers(diagnostic, anchor) {
                *used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    used
}
