//! Secrets never leave: finding the bytes of every token body so renderers can mask them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use axiom_lint_core::{
    OrgIdProblem, PrefixScan, Redacted, check_org_id, find_prefixes, find_tokens, find_uuid_runs,
    userinfo_passwords,
};

use crate::diagnostic::Diagnostic;
use crate::rules::token::TokenUse;
use crate::site::Site;
use crate::tree::{Node, Value};

/// Token prefixes, lower case.
const PREFIXES: [&str; 3] = ["xaat-", "xapt-", "xait-"];

/// A prefixed run needs this many hex digits to be taken for a (damaged or escaped) token body
/// rather than a placeholder such as `xaat-your-api-token`.
const MIN_HEX_IN_DAMAGED_BODY: usize = 12;

/// A prefixed run with this many hex digits in a row is taken for a token cut short: its
/// first group (8 digits) is there.
const MIN_HEX_GROUP: usize = 8;

/// How far masking reaches into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Text of a linted file or a report: token bodies, UUID-shaped runs, and prefixed runs
    /// with enough hex digits to be a damaged token, so placeholders such as
    /// `xaat-your-api-token` stay readable in excerpts and messages.
    Tokens,
    /// Text echoed from a configuration file or an argument: also every word that starts with
    /// a token prefix (escaped or not), whatever follows it. A mutated or truncated token there
    /// has no parser and no rule to recognise it, and nothing is lost by hiding it.
    EveryPrefixedWord,
}

/// Text from anywhere (a file name, a whole report) with every token body and UUID-shaped run
/// shown as `xaat-…8ec6`. Every exit of text from the program goes through this, whatever
/// produced the text.
pub fn redact(text: &str) -> Cow<'_, str> {
    redact_reaching(text, Reach::Tokens)
}

/// Text echoed from a configuration file or an argument (`--select`, `rule`, a path, a
/// configuration error) with, besides what [`redact`] hides, every word that starts with a
/// token prefix shown as `xaat-…`, however damaged the token after it is.
pub fn redact_echoed(text: &str) -> Cow<'_, str> {
    redact_reaching(text, Reach::EveryPrefixedWord)
}

fn redact_reaching(text: &str, reach: Reach) -> Cow<'_, str> {
    let tokens = redact_tokens(text, reach);
    // A token in a URL's userinfo is shown as one already, which ends the userinfo; any
    // other password there is shown as `****`.
    let passwords = userinfo_passwords(&tokens);
    if passwords.is_empty() {
        return tokens;
    }
    let mut out = String::with_capacity(tokens.len());
    let mut at = 0;
    for password in passwords {
        out.push_str(&tokens[at..password.start]);
        out.push_str("****");
        at = password.end;
    }
    out.push_str(&tokens[at..]);
    Cow::Owned(out)
}

fn redact_tokens(text: &str, reach: Reach) -> Cow<'_, str> {
    let mut ranges = secret_runs(text, find_prefixes(text), reach);
    let split = split_runs(text, reach, |_, range| range);
    if !split.is_empty() {
        ranges.extend(split);
        ranges = merge(ranges);
    }
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        out.push_str(&text[at..range.start]);
        out.push_str(&Redacted(&text[range.clone()]).to_string());
        at = range.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Byte ranges in arbitrary text that may hold a token body: UUID-shaped runs (with a token
/// prefix before them, if any), and prefixed runs whose body is damaged or escaped
/// (`xaat-2b1e1f4a\u002d…`, a replacement character where a byte was not UTF-8), or, with
/// [`Reach::EveryPrefixedWord`], any word after a prefix. Sorted and disjoint. `prefixes` are
/// the text's token prefixes ([`find_prefixes`]), found by whoever already looked.
fn secret_runs(
    text: &str,
    prefixes: impl IntoIterator<Item = Range<usize>>,
    reach: Reach,
) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = find_uuid_runs(text)
        .map(|run| {
            let with_prefix = run.start.checked_sub(5).filter(|start| {
                text.get(*start..run.start)
                    .is_some_and(|p| PREFIXES.iter().any(|prefix| p.eq_ignore_ascii_case(prefix)))
            });
            with_prefix.unwrap_or(run.start)..run.end
        })
        .collect();
    // A prefix may be written with escapes (`\u0078aat-`) in a file no parser could read.
    //
    // A prefix inside the body of the one before it (`xaat-xaat-xaat-…`, all token
    // characters) has a body that ends where that one does, with the same continuation: a
    // part of what was judged, with fewer hex digits. So only the first prefix of such a run is
    // judged, and every stretch of text is walked once, however many prefixes it holds.
    let mut judged_body_end = 0;
    let mut judged_word_end = 0;
    let mut continuations = Continuations::default();
    let hex = |range: Range<usize>| {
        walked(range.len());
        text[range].bytes().filter(u8::is_ascii_hexdigit).count()
    };
    for prefix in prefixes {
        if prefix.start >= judged_body_end {
            let body_end = damaged_body_end(text, prefix.end);
            judged_body_end = body_end.max(prefix.end);
            let body = prefix.end..body_end;
            if hex(body.clone()) + continuations.hex_after(text, &body) >= MIN_HEX_IN_DAMAGED_BODY
                || has_hex_group(&text[body.clone()])
            {
                ranges.push(prefix.start..body_end);
                continuations.push_after(text, &body, &mut ranges);
            }
        }
        if reach == Reach::EveryPrefixedWord && prefix.start >= judged_word_end {
            let word_end = run_end(text, prefix.end, |c| !ends_echoed_word(c));
            judged_word_end = word_end.max(prefix.end);
            if word_end > prefix.end {
                ranges.push(prefix.start..word_end);
                continuations.push_after(text, &(prefix.end..word_end), &mut ranges);
            }
        }
    }
    merge(ranges)
}

/// Whether a body holds a group of [`MIN_HEX_GROUP`] hex digits in a row: the first group of
/// a token cut short (`xaat-2b1e1f4a-…`), which no placeholder has.
fn has_hex_group(body: &str) -> bool {
    body.split(|c: char| !c.is_ascii_hexdigit())
        .any(|group| group.len() >= MIN_HEX_GROUP)
}

/// Where a token body that starts at `from` ends: its run of token characters, carried on
/// through junk (a stray `#`, `.` or `!`) that more token characters follow, and across a
/// short gap (a space, an HCL `${""}`) that hex digits follow. A token damaged by a stray
/// character is still secret on both sides of it; line breaks, and the separators of values
/// with no hex digits after them, end it; junk with nothing after it is not part of it.
fn damaged_body_end(text: &str, from: usize) -> usize {
    let mut end = run_end(text, from, is_token_run_char);
    loop {
        let junk_end = run_end(text, end, |c| !is_token_run_char(c) && !ends_echoed_word(c));
        let next_end = run_end(text, junk_end, is_token_run_char);
        if junk_end > end && next_end > junk_end {
            end = next_end;
        } else if let Some(next_end) = remainder_after_gap(text, end) {
            end = next_end;
        } else {
            return end;
        }
    }
}

/// Where the rest of a body cut by a short gap ends: after at most [`MOST_GAP`] characters
/// on the same line, a word of hex digits and dashes with at least [`MIN_HEX_AFTER_GAP`]
/// digits (`…-9a8b 0c1d2e3f8ec6`). Conservative: a word of hex digits after a damaged token is
/// hidden with it.
fn remainder_after_gap(text: &str, from: usize) -> Option<usize> {
    const MOST_GAP: usize = 6;
    const MIN_HEX_AFTER_GAP: usize = 4;
    let (gap, c) = text[from..]
        .char_indices()
        .take(MOST_GAP + 1)
        .find(|(_, c)| is_token_run_char(*c) || matches!(c, '\n' | '\r'))?;
    if gap == 0 || matches!(c, '\n' | '\r') {
        return None;
    }
    let start = from + gap;
    let end = run_end(text, start, |c| c.is_ascii_hexdigit() || c == '-');
    let word_end = run_end(text, start, is_token_run_char);
    let hex = text[start..end]
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .count();
    (word_end == end && hex >= MIN_HEX_AFTER_GAP).then_some(end)
}

/// Where the run of characters accepted by `in_run` that starts at `from` ends.
fn run_end(text: &str, from: usize, in_run: impl Fn(char) -> bool) -> usize {
    let end = text[from..]
        .char_indices()
        .find(|(_, c)| !in_run(*c))
        .map_or(text.len(), |(i, _)| from + i);
    walked(end - from);
    end
}

#[cfg(test)]
thread_local! {
    /// Bytes of text walked while finding secret runs, so a test can count, not time, it.
    static WALKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts bytes walked (in tests only).
fn walked(bytes: usize) {
    #[cfg(test)]
    WALKED.with(|count| count.set(count.get() + bytes));
    #[cfg(not(test))]
    let _ = bytes;
}

/// The lines a body split by line continuations (TOML `\` at a line end) goes on to, each
/// range starting that line's text; shown escaped (`\\` then `\n` as text), the break is
/// already in the run. Each line is walked once per text: many prefixes may share the lines
/// that continue them (`xaat-\` on every line).
#[derive(Default)]
struct Continuations {
    /// Hex digits from a continuation line (by its start) to the end of its body.
    hex_from: HashMap<usize, usize>,
    /// Continuation lines already among the secret runs, with every line after them.
    pushed: HashSet<usize>,
}

impl Continuations {
    /// Hex digits in the lines that continue `line`.
    fn hex_after(&mut self, text: &str, line: &Range<usize>) -> usize {
        let mut walked = Vec::new();
        let mut tail = 0;
        let mut next = next_line(text, line);
        while let Some(line) = next {
            if let Some(&known) = self.hex_from.get(&line.start) {
                tail = known;
                break;
            }
            next = next_line(text, &line);
            walked.push(line);
        }
        for line in walked.iter().rev() {
            tail += text[line.clone()]
                .bytes()
                .filter(u8::is_ascii_hexdigit)
                .count();
            self.hex_from.insert(line.start, tail);
        }
        tail
    }

    /// Adds the lines that continue `line` to `ranges`.
    fn push_after(&mut self, text: &str, line: &Range<usize>, ranges: &mut Vec<Range<usize>>) {
        let mut next = next_line(text, line);
        // A line pushed before was pushed with every line after it.
        while let Some(line) = next.filter(|line| self.pushed.insert(line.start)) {
            next = next_line(text, &line);
            ranges.push(line);
        }
    }
}

/// The line a body goes on to after `line`, if `line` ends in a continuation.
fn next_line(text: &str, line: &Range<usize>) -> Option<Range<usize>> {
    let body = &text[line.clone()];
    let next = if body.ends_with('\\') {
        continued_body(text, line.end, true)
    } else if body.ends_with("\\\\n") {
        continued_body(text, line.end, false)
    } else {
        None
    };
    next.filter(|next| next.start >= line.end)
}

/// What ends a word echoed from a configuration file or an argument: white space, quotes and
/// the punctuation that separates values, keys and path components. Anything else, a bad
/// byte or junk included, may be part of a damaged token.
fn ends_echoed_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '`'
                | ','
                | ';'
                | '='
                | ':'
                | '/'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
        )
}

/// The run that continues a body after a line break (and indentation), damage included.
fn continued_body(text: &str, from: usize, line_break: bool) -> Option<Range<usize>> {
    let rest = &text[from..];
    let after_break = if line_break {
        rest.strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))?
    } else {
        rest
    };
    let indent = after_break.len() - after_break.trim_start().len();
    let start = text.len() - after_break.len() + indent;
    let end = run_end(text, start, is_token_run_char);
    (end > start).then_some(start..end)
}

/// Characters a token body can be made of as it appears in text: its own, escapes, and any
/// character outside ASCII, which is what damage looks like once decoded: the replacement
/// character for a byte that was not UTF-8, or the letters a stray byte makes of the rest of
/// a UTF-16 file.
fn is_token_run_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '\\') || !c.is_ascii()
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Spans of secret material in the text of a configuration file, for masking the excerpts
/// its errors show: token bodies (the prefix stays visible), UUID-shaped runs, and every word
/// after a token prefix, whatever follows it (no parser has read the file when it has a
/// syntax error, so a damaged token is recognised by its prefix alone).
pub fn text_secret_spans(text: &str) -> Vec<Range<usize>> {
    spans_reaching(text, find_prefixes(text), Reach::EveryPrefixedWord)
}

fn spans_reaching(
    text: &str,
    prefixes: impl IntoIterator<Item = Range<usize>>,
    reach: Reach,
) -> Vec<Range<usize>> {
    let keep_prefix = |text: &str, range: Range<usize>| {
        let prefixed = text
            .get(range.start..range.start + 5)
            .is_some_and(|p| PREFIXES.iter().any(|prefix| p.eq_ignore_ascii_case(prefix)));
        if prefixed {
            range.start + 5..range.end
        } else {
            range
        }
    };
    let mut spans: Vec<Range<usize>> = secret_runs(text, prefixes, reach)
        .into_iter()
        .map(|range| keep_prefix(text, range))
        .collect();
    let split = split_runs(text, reach, keep_prefix);
    if !split.is_empty() {
        spans.extend(split);
        spans = merge(spans);
    }
    spans
}

/// Secret runs that only the text read with its line continuations removed shows: a token
/// split across lines, even inside its prefix (`xa\` then `at-…`). Each is shaped by `shape`
/// in the joined text, then mapped back onto every line it spans.
fn split_runs(
    text: &str,
    reach: Reach,
    shape: impl Fn(&str, Range<usize>) -> Range<usize>,
) -> Vec<Range<usize>> {
    let Some(joined) = Joined::new(text) else {
        return Vec::new();
    };
    secret_runs(&joined.text, find_prefixes(&joined.text), reach)
        .into_iter()
        .filter(|range| joined.crosses(range))
        .map(|range| shape(&joined.text, range))
        .filter(|range| !range.is_empty())
        .map(|range| joined.original(range.start)..joined.original_end(range.end))
        .collect()
}

/// A text with its line continuations (a `\` ending a line, then the next line's leading
/// white space) removed, as TOML `"""` and YAML double-quoted strings read it, and where each
/// of its pieces came from.
pub(crate) struct Joined {
    pub(crate) text: String,
    /// Where each piece starts: in the joined text, and in the original.
    pieces: Vec<(usize, usize)>,
}

impl Joined {
    /// `None` when the text has no line continuation.
    pub(crate) fn new(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let first = memchr::memmem::find(bytes, b"\\\n")
            .or_else(|| memchr::memmem::find(bytes, b"\\\r\n"))?;
        let mut joined = Self {
            text: String::with_capacity(text.len()),
            pieces: Vec::new(),
        };
        let mut piece_start = 0;
        let mut at = first;
        while let Some(offset) = memchr::memchr(b'\\', &bytes[at..]) {
            let backslash = at + offset;
            let rest = &text[backslash + 1..];
            let after_break = rest
                .strip_prefix('\n')
                .or_else(|| rest.strip_prefix("\r\n"));
            let Some(after_break) = after_break else {
                at = backslash + 1;
                continue;
            };
            let next = text.len() - after_break.trim_start().len();
            joined.push(text, piece_start..backslash);
            piece_start = next;
            at = next;
        }
        joined.push(text, piece_start..text.len());
        Some(joined)
    }

    fn push(&mut self, text: &str, piece: Range<usize>) {
        self.pieces.push((self.text.len(), piece.start));
        self.text.push_str(&text[piece]);
    }

    /// The piece holding a joined offset.
    fn piece(&self, offset: usize) -> (usize, usize) {
        let at = self.pieces.partition_point(|&(start, _)| start <= offset);
        self.pieces[at.saturating_sub(1)]
    }

    /// The original offset of a joined one.
    pub(crate) fn original(&self, offset: usize) -> usize {
        let (joined, original) = self.piece(offset);
        original + (offset - joined)
    }

    /// The original offset that ends a joined range ending at `end`.
    pub(crate) fn original_end(&self, end: usize) -> usize {
        let (joined, original) = self.piece(end.saturating_sub(1));
        original + (end - joined)
    }

    /// Whether a joined range spans a removed continuation.
    fn crosses(&self, range: &Range<usize>) -> bool {
        !range.is_empty() && self.piece(range.start) != self.piece(range.end - 1)
    }
}

/// Tokens split by a line continuation in the raw text, even inside their prefix (`xa\` then
/// `at-…`): the original span from prefix to body end, and the token as joined. For a file no
/// parser could read, whose strings are not decoded.
pub(crate) fn split_tokens(text: &str) -> Vec<(Range<usize>, String)> {
    let Some(joined) = Joined::new(text) else {
        return Vec::new();
    };
    find_tokens(&joined.text)
        .filter(|token| joined.crosses(&token.range))
        .map(|token| {
            let span = joined.original(token.range.start)..joined.original_end(token.range.end);
            (span, joined.text[token.range].to_owned())
        })
        .collect()
}

/// Tokens that the raw text does not show as written: a string whose escapes (`\u002d`) or
/// line continuations (TOML `\` at a line end) hide a token that only its decoded value
/// reveals. Each is the span of the whole string literal (or key) and the decoded token.
/// `scan` is the text's own scan for prefixes.
pub(crate) fn hidden_tokens<'t>(
    text: &str,
    scan: &PrefixScan,
    tree: &'t Node<'_>,
) -> Vec<(Range<usize>, &'t str)> {
    let mut found = Vec::new();
    // Reading a string can only make a prefix the text writes (escaped letters included) or
    // one a line continuation (`\` before a line break) splits; most files have neither, and
    // then no value needs a look. (Escapes and continuations both need a backslash, which
    // most files lack.)
    let has_backslash = memchr::memchr(b'\\', text.as_bytes()).is_some();
    let may_hide = !scan.prefixes.is_empty()
        || has_backslash
            && (memchr::memmem::find(text.as_bytes(), b"\\\n").is_some()
                || memchr::memmem::find(text.as_bytes(), b"\\\r\n").is_some());
    if !may_hide {
        return found;
    }
    let mut consider = |span: &Range<usize>, value: &'t Cow<'_, str>| {
        // A value borrowed from the file is the raw text itself: the text scan sees it.
        if matches!(value, Cow::Borrowed(_)) {
            return;
        }
        let Some(token) = find_tokens(value).next() else {
            return;
        };
        let raw = text.get(span.clone()).unwrap_or_default();
        if find_tokens(raw).next().is_none() {
            found.push((span.clone(), &value[token.range]));
        }
    };
    for node in tree.descendants() {
        for entry in node.entries() {
            consider(&entry.key_span, &entry.key);
        }
        if let Value::String(value) = &node.value {
            consider(&node.span, value);
        }
    }
    found
}

/// Every UUID-shaped run in the raw text (token bodies, bare-UUID tokens, in comments and in
/// files that do not parse alike) and every literal token-field value (as `token_uses`
/// classified it, once). Over-masking an innocent UUID in a source excerpt costs nothing;
/// showing a token would. `scan` is the text's own scan for prefixes.
pub(crate) fn secret_spans(
    text: &str,
    scan: &PrefixScan,
    hidden: &[(Range<usize>, &str)],
    sites: &[Site<'_>],
    token_uses: &[TokenUse<'_>],
) -> Vec<Range<usize>> {
    // A token prefix stays visible: it says what kind of token it was, and is not secret.
    let mut spans: Vec<Range<usize>> =
        spans_reaching(text, scan.prefixes.iter().cloned(), Reach::Tokens);
    // Escaped or split tokens: the whole literal, quotes aside, since the body is spread out.
    for (span, _) in hidden {
        spans.push(span.start + 1..span.end.saturating_sub(1).max(span.start + 1));
    }
    // A byte that was not UTF-8 decodes to U+FFFD; the word around it may be a damaged token.
    // Its encoding starts with the byte 0xEF, which ASCII text lacks: one byte search rules
    // most files out before a substring search is set up.
    let replacements = memchr::memchr(0xEF, text.as_bytes()).map(|first| {
        memchr::memmem::find_iter(&text.as_bytes()[first..], "\u{fffd}".as_bytes())
            .map(move |at| first + at)
    });
    // Every replacement in a word masks the same word: walk each word once.
    let mut word_end = 0;
    for at in replacements.into_iter().flatten() {
        if at < word_end {
            continue;
        }
        let is_word = |c: char| !c.is_whitespace() && !matches!(c, '"' | '\'' | '=' | ':' | ',');
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| !is_word(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len(), |(i, _)| at + i);
        word_end = end;
        spans.push(start..end);
    }
    for token in token_uses.iter().filter(|token| token.masked) {
        // Keep the quotes (syntax) and a token prefix (its kind is not secret).
        let content = token.token.field.content.clone();
        let mut start = content.start;
        let literal = text.get(content.clone()).unwrap_or_default();
        if ["xaat-", "xapt-", "xait-"].iter().any(|prefix| {
            literal
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        }) {
            start += 5;
        }
        spans.push(start..content.end.max(start));
    }
    // A URL's password (`https://axiom:<password>@host`) may be a token, whose body is masked
    // above with its prefix kept, or another secret.
    spans.extend(userinfo_passwords(text).into_iter().filter(|password| {
        let head = text
            .get(password.start..password.start + 5)
            .unwrap_or_default();
        !PREFIXES
            .iter()
            .any(|prefix| head.eq_ignore_ascii_case(prefix))
    }));
    // An org ID that is a UUID or a token may be a pasted secret: shown like one.
    for org_id in sites.iter().filter_map(|site| site.org_id.as_ref()) {
        let pasted_secret = org_id.text().is_some_and(|value| {
            matches!(
                check_org_id(value),
                Err(OrgIdProblem::Uuid | OrgIdProblem::Token)
            )
        });
        if pasted_secret {
            spans.push(org_id.content.clone());
        }
    }
    spans.sort_by_key(|span| span.start);
    spans
}

/// Makes a diagnostic safe to print whatever a rule put in it: every token or UUID in its
/// text is shown redacted, and a fix whose replacement would carry one is dropped.
pub(crate) fn scrub(diagnostic: &mut Diagnostic) {
    scrub_reaching(diagnostic, Reach::Tokens);
}

/// [`scrub`] for a diagnostic about a configuration file, whose messages quote its text:
/// every word after a token prefix is hidden too.
pub(crate) fn scrub_echoed(diagnostic: &mut Diagnostic) {
    scrub_reaching(diagnostic, Reach::EveryPrefixedWord);
}

fn scrub_reaching(diagnostic: &mut Diagnostic, reach: Reach) {
    let scrub_text = |text: &mut String| {
        if let Cow::Owned(redacted) = redact_reaching(text, reach) {
            *text = redacted;
        }
    };
    scrub_text(&mut diagnostic.message);
    scrub_text(&mut diagnostic.label);
    for label in &mut diagnostic.labels {
        scrub_text(&mut label.message);
    }
    if let Some(help) = &mut diagnostic.help {
        scrub_text(help);
    }
    // A key can be a pasted token too, and keys are part of pointers.
    if let Some(pointer) = &mut diagnostic.pointer {
        scrub_text(pointer);
    }
    let leaks = diagnostic.fix.as_ref().is_some_and(|fix| {
        fix.edits.iter().any(|edit| {
            let replacement = &edit.replacement;
            !secret_runs(replacement, find_prefixes(replacement), reach).is_empty()
                || !userinfo_passwords(replacement).is_empty()
        })
    });
    if leaks {
        diagnostic.fix = None;
    }
    if let Some(fix) = &mut diagnostic.fix {
        scrub_text(&mut fix.title);
    }
}

/// Replaces every byte in `spans` with `*`, keeping line breaks so line numbers hold.
pub(crate) fn mask(text: &str, spans: &[Range<usize>]) -> String {
    let mut masked = text.as_bytes().to_vec();
    for span in spans {
        let end = span.end.min(masked.len());
        for byte in masked
            .get_mut(span.start.min(end)..end)
            .into_iter()
            .flatten()
        {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b'*';
            }
        }
    }
    // Masking may cut a multi-byte character; the lossy conversion keeps the length of
    // everything that was not masked.
    String::from_utf8(masked)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only what the file writes as a prefix, or splits with a line continuation, can read as
    /// a token once decoded; each of these is found, and a file with neither needs no look.
    #[test]
    fn hidden_tokens_are_found_behind_escapes_and_continuations_of_the_prefix() {
        use crate::source::{Format, SourceFile};
        let body = "2b1e1f4a-3c4d-4e5f-8a9b-0c1d2e3f8ec6";
        let cases = [
            (Format::Json, format!("{{\"t\": \"\\u0078aat-{body}\"}}")),
            (Format::Yaml, format!("t: \"\\x78a\\x61t-{body}\"\n")),
            (Format::Toml, format!("t = \"\"\"xa\\\n  at-{body}\"\"\"\n")),
            (
                Format::Toml,
                format!("t = \"\"\"xa\\\r\n  at-{body}\"\"\"\n"),
            ),
            (Format::Yaml, format!("t: \"xa\\\n  at-{body}\"\n")),
        ];
        for (format, text) in cases {
            let source = SourceFile::new("t", text.as_str(), format);
            let tree = crate::parse::parse(&source).expect("valid");
            let hidden = hidden_tokens(&text, &PrefixScan::new(&text), &tree);
            assert_eq!(hidden.len(), 1, "{text:?}");
            assert!(hidden[0].1.ends_with(body), "{text:?}");
        }
        let plain = format!("t: \"xa\n  at-{body}\"\n");
        let source = SourceFile::new("t", plain.as_str(), Format::Yaml);
        let tree = crate::parse::parse(&source).expect("valid");
        assert!(
            hidden_tokens(&plain, &PrefixScan::new(&plain), &tree).is_empty(),
            "folding joins with a space"
        );
    }

    /// Secret runs as first written: every prefix judged on its own, every continuation
    /// walked to its end.
    fn secret_runs_by_definition(text: &str, reach: Reach) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = secret_runs(text, [], reach);
        let continuation = |start: usize, end: usize| {
            let mut lines = Vec::new();
            let mut line = start..end;
            while let Some(next) = next_line(text, &line) {
                lines.push(next.clone());
                line = next;
            }
            lines
        };
        let hex = |range: &Range<usize>| {
            text[range.clone()]
                .bytes()
                .filter(u8::is_ascii_hexdigit)
                .count()
        };
        for prefix in find_prefixes(text) {
            let body_end = damaged_body_end(text, prefix.end);
            let continued = continuation(prefix.end, body_end);
            let continued_hex: usize = continued.iter().map(hex).sum();
            if hex(&(prefix.end..body_end)) + continued_hex >= MIN_HEX_IN_DAMAGED_BODY
                || has_hex_group(&text[prefix.end..body_end])
            {
                ranges.push(prefix.start..body_end);
                ranges.extend(continued);
            }
            if reach == Reach::EveryPrefixedWord {
                let word_end = run_end(text, prefix.end, |c| !ends_echoed_word(c));
                if word_end > prefix.end {
                    ranges.push(prefix.start..word_end);
                    ranges.extend(continuation(prefix.end, word_end));
                }
            }
        }
        merge(ranges)
    }

    /// Judging only the first prefix of a run, and each continuation line once, finds what
    /// judging every prefix on its own finds.
    #[test]
    fn judging_runs_once_finds_what_judging_each_prefix_finds() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "xaat-",
            "XAPT-",
            r"\u0078aat-",
            "2b1e1f4a",
            "-7c3d",
            "9a",
            "#",
            "!",
            " ",
            "\\\n  ",
            "\\",
            "\"",
            "\u{fffd}",
            "=",
            "xa",
            "at-",
            "${\"\"}",
            "\n",
        ]);
        proptest!(|(parts in prop::collection::vec(pieces, 0..14))| {
            let text = parts.concat();
            for reach in [Reach::Tokens, Reach::EveryPrefixedWord] {
                prop_assert_eq!(
                    secret_runs(&text, find_prefixes(&text), reach),
                    secret_runs_by_definition(&text, reach),
                    "{:?}", &text
                );
            }
        });
    }

    /// A run of prefixes (`xaat-xaat-…`) costs a walk over the text, not one per prefix:
    /// counted, not timed.
    #[test]
    fn prefixes_in_a_row_are_walked_once() {
        let body = "2b1e1f4a-3c4d-4e5f-8a9b-0c1d2e3f8ec6";
        for (run, reach) in [
            ("xaat-", Reach::Tokens),
            ("xaat-", Reach::EveryPrefixedWord),
            ("\\u0078aat-", Reach::Tokens),
            ("xaat-2b\\\n  ", Reach::Tokens),
            ("xaat-2b1e#", Reach::EveryPrefixedWord),
        ] {
            let text = format!("t = \"{}xaat-{body}\"\n", run.repeat(5_000));
            WALKED.with(|count| count.set(0));
            let runs = secret_runs(&text, find_prefixes(&text), reach);
            let walked = WALKED.with(std::cell::Cell::get);
            assert!(
                walked <= 4 * text.len(),
                "{run:?}: {walked} bytes walked for {}",
                text.len()
            );
            assert!(!runs.is_empty());
            let masked = mask(&text, &spans_reaching(&text, find_prefixes(&text), reach));
            assert!(!masked.contains("0c1d2e3f8ec6"), "{run:?}");
        }
        // Many bytes that were not UTF-8 in one word.
        let text = format!("t = xaat-{}\n", "\u{fffd}".repeat(5_000));
        WALKED.with(|count| count.set(0));
        let spans = secret_spans(&text, &PrefixScan::new(&text), &[], &[], &[]);
        assert!(spans.len() <= 3, "{} spans", spans.len());
    }

    #[test]
    fn masks_token_bodies_and_keeps_length() {
        let text = "token = \"xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6\" # and xapt-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f\n";
        let masked = mask(
            text,
            &secret_spans(text, &PrefixScan::new(text), &[], &[], &[]),
        );
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("\"xaat-************************************\""));
        let message = format!(
            "key `{}` and `Bearer {}`",
            &text[9..50],
            &text[9..50].to_uppercase()
        );
        assert_eq!(redact(&message), "key `xaat-…8ec6` and `Bearer XAAT-…8EC6`");
        assert!(!masked.contains("8ec6") && !masked.contains("7e6f"));
    }

    #[test]
    fn a_body_split_by_a_continuation_is_masked_on_both_lines() {
        // Eight hex digits before the break: too few alone, but the body goes on.
        let text = "note = \"\"\"xaat-2b1e1f4a\\\n  -7c3d-4e5f-9a8b-0c1d2e3f8ec6\"\"\"\n";
        let masked = mask(
            text,
            &secret_spans(text, &PrefixScan::new(text), &[], &[], &[]),
        );
        assert!(
            !masked.contains("2b1e1f4a") && !masked.contains("0c1d2e3f8ec6"),
            "{masked}"
        );
        // Over three lines, with a byte that was not UTF-8 in the last.
        let text =
            "note = \"\"\"xaat-2b1e1f4a-7c3d-\\\n  4e5f-9a\\\n    8b-0c1d\u{fffd}2e3f8ec6\"\"\"\n";
        let masked = mask(
            text,
            &secret_spans(text, &PrefixScan::new(text), &[], &[], &[]),
        );
        assert!(
            !masked.contains("2b1e1f4a") && !masked.contains("2e3f8ec6"),
            "{masked}"
        );
        // A placeholder with a continuation has too few hex digits to be a token.
        let text = "note = \"\"\"xaat-your\\\n  -token\"\"\"\n";
        assert_eq!(
            mask(
                text,
                &secret_spans(text, &PrefixScan::new(text), &[], &[], &[])
            ),
            text
        );
    }

    #[test]
    fn an_escaped_prefix_or_decoding_damage_does_not_hide_a_body() {
        for text in [
            "a = \"\\u0078aat-2b1e1f4a-7c3d-5e5f-9a8b\\\n  -0c1d2e3f8ec6\"",
            // A stray byte in UTF-16 turns what follows it into other letters.
            "a = xaat-2b1e1f4a-7c3d\u{5c0a}\u{2020}-4e5f-9a8b-0c1d2e3f8ec6",
            // Cut to its first group, beside a word.
            "permections.xaat-2b1e1f4a-issions = \"basic\"",
        ] {
            let masked = mask(
                text,
                &secret_spans(text, &PrefixScan::new(text), &[], &[], &[]),
            );
            assert!(
                !masked.contains("2b1e1f4a") && !masked.contains("0c1d2e3f8ec6"),
                "{masked}"
            );
        }
    }

    #[test]
    fn configuration_text_loses_every_word_after_a_prefix() {
        let text =
            "select = [\"xaat-2b1e1f4a-7c\u{fffd}\"{[3d\", \"XAPT-your-token\", \"x\\u0061it-9\"]";
        let masked = mask(text, &text_secret_spans(text));
        assert_eq!(
            masked,
            "select = [\"xaat-**************\"{[3d\", \"XAPT-**********\", \"***********\"]"
        );
        // Linted files keep placeholders readable.
        let text = "token = \"xaat-your-api-token\"";
        assert_eq!(
            mask(
                text,
                &secret_spans(text, &PrefixScan::new(text), &[], &[], &[])
            ),
            text
        );
    }
}
