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
        let reason = Some(reason.to_owned()).filter(|r| !r.is_empty());
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

/// Removes suppressed diagnostics; returns, per suppression, whether it matched anything.
pub(crate) fn apply(
    source: &SourceFile,
    index: &LineIndex,
    suppressions: &[Suppression],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut used = vec![false; suppressions.len()];
    if suppressions.is_empty() {
        return used;
    }
    diagnostics.retain(|diagnostic| {
        let line = index.position(&source.text, diagnostic.span.start).line;
        let mut suppressed = false;
        for (suppression, used) in suppressions.iter().zip(used.iter_mut()) {
            if suppression.covers(diagnostic, line) {
                *used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    used
}
