//! Any other text file (source code, a shell script, a Makefile, Markdown, JSONL, a `.conf`
//! file): no syntax is parsed. Tokens are found by the raw token scan, anywhere. The tree is a
//! flat table of the Axiom URLs and hosts the file uses as configuration, each a string with
//! its exact span, so the generic recogniser judges them like any config value and no rule
//! asks which format the file is.
//!
//! Where a URL is configuration and where it is prose (the line the docs of AXL1xx state):
//! - In prose files (Markdown, MDX, `.txt`, `.rst`, `.adoc`), only URLs inside a fenced
//!   (```` ``` ````, `~~~`) or indented (four spaces or a tab, after a blank line) code block
//!   count; a sentence, a link or inline code is prose.
//! - In every other text file (code, scripts, `.conf`, JSONL), every URL counts except in a
//!   comment or a docstring. Code with `//` or `#` comments is read forward line by line with
//!   its state carried over (see [`super::code_comments`]): `/* … */` anywhere and over lines,
//!   strings over lines (template literals, raw and verbatim strings, triple quotes), char
//!   literals and Rust lifetimes that are no quotes. A Python docstring is documentation, read
//!   like prose: quiet. In XML and HTML, `<!-- … -->` anywhere and over lines.
//! - A Markdown link's text or target (`[cloud.axiom.co](…)`) is prose in any file: Markdown
//!   is written inside CUE, JSON and code strings too.
//! - A fenced code block of a language with `//` or `#` comments is read as that code; in any
//!   other code block, a line whose first word is `#` or `//` is a comment.
//!
//! A URL is `scheme://host…` or a bare host (`api.axiom.co`, not part of an e-mail address)
//! whose last labels are `axiom.co`; its path runs to whitespace, a quote, a bracket or a
//! comma, without trailing sentence punctuation. A placeholder in it (`<dataset>`, `{ds}`,
//! `${f(ds[0])}`, `{$this->ds}`, `#{ds}`) is one piece of the path, so the verdict sees the
//! whole URL; one that does not close is judged as `<dataset>` and never rewritten. On a `KEY=value` or `key: value` line the
//! key names it; otherwise it is called `url` (with a scheme) or `host` (without).

use std::borrow::Cow;
use std::ops::Range;

/// Where the text scan draws the line between configuration and prose, for the rules
/// reference (`cargo xtask codegen` writes it into docs/rules.md).
pub const TEXT_SCAN_DOCS: &str = "\
Files of no format axiom-lint parses (source code, scripts, Markdown, JSONL, `.conf`, XML, …)
get the text scan: tokens anywhere (AXL201, AXL207), and every URL or bare host whose last
labels are `axiom.co`, judged by host and path by the same AXL1xx verdicts as a config value
(the value is treated as a URL of unknown role: console and other Axiom hosts such as
`app.axiom.co/…` links or `axiom.co/docs` are never reported from text). Which URLs are
configuration:

- **Prose files** (`.md`, `.markdown`, `.mdx`, `.txt`, `.rst`, `.adoc`): only URLs inside a
  fenced code block (```` ``` ```` or `~~~`) or an indented code block (four spaces or a tab,
  starting after a blank line). A sentence (\"we moved from cloud.axiom.co to api.axiom.co\"),
  a link, inline code and a list item are prose and stay quiet.
- **Every other text file** (code, shell, `.conf`, JSONL, XML, …): every URL except in a
  comment or a docstring. Code is read forward, a line at a time, knowing which comment or string is open:
  - `//` files (C-like languages, JavaScript, Go, Rust, Java, C#, …): `//` to the line's end
    (not after `:`), and `/* … */` wherever it opens, over lines too; code after its `*/` is
    read. In Rust, Swift, Kotlin, Scala and Dart block comments nest: `/* a /* b */ c */` is
    one comment. Strings over lines (JavaScript template literals and Go raw strings `` `…` ``, text
    blocks `\"\"\"…\"\"\"`, Rust raw strings `r#\"…\"#`, C# verbatim strings `@\"…\"`, C++ raw
    strings `R\"delim(…)delim\"` with `u8R`, `uR`, `UR`, `LR`) are strings:
    a `//` in them is text, and a URL in them is configuration. A char literal (`'\"'`), a
    Rust lifetime or label (`<'a>`, `&'a str`, `'static`; in `.rs` files every `'` before a
    word that is no char literal: `T: 'a`, `<'a, 'b: 'a>`, `'outer: loop`) and a quote or `//` inside a JavaScript
    regular expression (`/['\"]/g`, `/^https?:\\/\\//`, where an expression starts) are no
    quotes and no comments. `#` is no comment here (C's
    `#define URL \"…\"` is code).
  - `#` files (shell, Python, Ruby, Makefiles, `.conf`): `#` at a word's start to the line's
    end, not in a string and not inside a word or URL (`https://host/#frag`, `$#`). Python's
    triple-quoted strings go over lines; one that stands first on its line is a docstring,
    which is documentation and stays quiet like prose (`URL = \"\"\"…\"\"\"` is configuration).
    PowerShell's `<# … #>` and Ruby's `=begin` … `=end` are block comments, and Perl's POD
    (`=head1` … `=cut`) is documentation. PHP takes `#` comments beside `//` (`#[…]` is an
    attribute).
  - A script whose name says neither (`bin/deploy`) takes its family from its shebang's
    interpreter: `#` for shells, Python, Ruby, Perl, …; `//` for Node, Deno, Bun, `tsx`; and
    its language too (`#!/bin/bash` reads heredocs and strings over lines as a `.sh` does).
  - Heredocs in shell, Ruby, Perl and PHP (`<<EOF`, `<<-EOF`, `<<~EOF`, `<<'EOF'`,
    `<<\"EOF\"`, PHP's `<<<EOT`, named by the file's extension, shebang or a fenced block's language):
    the lines after the opening one, up to the closing word, are a document: a `#` or `//`
    line in them is text, and a URL in them is configuration. A shift (`x << 2`, Ruby's
    `class << self`) opens none.
  - In shell, Ruby, Perl, PHP, R, Nix and Rust, a `\"…\"` string goes on over lines until its
    closing quote: a `#` or `//` line inside it is text. A quote inside a Ruby or Perl pattern
    (`gsub(/\"/, '')`, `s{\"}{}g`, `qw(…)`, any delimiter), a Perl or Ruby variable (`$\"`),
    escaped in shell (`\\\"`) or inside a shell substitution within a string
    (`\"$(sed 's/\"//' f)\"`, `\"${x:-\"a\"}\"`) opens or closes no string.
  - Elsewhere, a quote that does not close on its line (an apostrophe, `don't`) is no string;
    `\"…\"` and `'…'` strings end with their line.
  - HTML, XML, Vue and Svelte: inside `<!-- … -->`, wherever it opens, over lines too; markup
    after its `-->` is read. A `<script>` body is read as JavaScript or TypeScript (`//` and
    `/* … */` comments, strings, template literals) and a `<style>` body as CSS (`/* … */`
    only), each up to its end tag, where HTML ends it whatever is open inside.
- **A Markdown link in any file** is prose: a URL or host that is a link's text or target
  (`[cloud.axiom.co](https://cloud.axiom.co)`, `[docs](https://… \"title\")`), as in Markdown
  held in a CUE, JSON or code string, stays quiet.
- In a fenced code block whose info string names a language with `//` or `#` comments
  (```` ```ts ````, ```` ```go ````, ```` ```python ````, ```` ```bash ````, ```` ```yaml ````,
  ```` ```hcl ````, …) or markup (```` ```html ````, ```` ```vue ````, …), the block is read as
  that code, as above. In any other code block, a
  line starting with `#` or `//` is a comment.

A URL is `scheme://[user:password@]host[:port][/path]` (the password is masked in every
output) or a bare host (`api.axiom.co`, not an e-mail
address); it ends at whitespace, a quote, a bracket, a comma or `|`, and sentence
punctuation at its end is dropped. A placeholder is one piece of its path, whatever it holds:
`<name>` after a `/` or `=` (`…/datasets/<my-dataset>/elastic`), and `{…}` with up to four
levels of brackets nested inside (Python's `{ds}`, JavaScript's
`${encodeURIComponent(ds)}`, PHP's `{$this->dataset}`, Ruby's `#{ds}`), so a legacy ingest
URL written with one is judged whole. A placeholder that does not close where the URL's text
ends (a line break, a quote, 256 bytes) is judged as `<dataset>`, and such a URL gets help
but no fix: the rest of it is not known. On a `KEY=value`, `key: value` or `key = \"value\"` line
the key names it in messages (the name, not the type, of `url: string = \"…\"`); otherwise it
is `url` (with a scheme) or `host`. Findings in
text have no JSON pointer.

`NAME=value` or `NAME=\"value\"` where NAME is one of the Axiom host variables an environment
map knows (`export AXIOM_URL=…` in a script, `doppler secrets set AXIOM_URL=\"…\"` in a code
block, Dockerfile `ENV AXIOM_EDGE=…`) sets that variable: its value is judged as in a `.env`
file. A name in lowercase or with spaces around `=` is a program's own constant.

A URL given to an OTLP exporter in code is also judged for that exporter (AXL301): the
exporter is read from the code before the URL's string literal, out through the brackets
that enclose it (JavaScript `new OTLPLogExporter({ url: … })`, Python
`OTLPLogExporter(endpoint=…)`, Java `OtlpHttpLogRecordExporter.builder().setEndpoint(…)`,
Go `otlploghttp.WithEndpoint(…)`/`WithEndpointURL(…)`, .NET `AddOtlpExporter` with
`Endpoint = new Uri(…)` inside `WithTracing`/`WithMetrics`/`WithLogging`, Ruby
`OpenTelemetry::Exporter::OTLP::Exporter.new(endpoint: …)`), at most 1 KiB back and never
past the URL before it; comments (`//`, `#`, `/* … */`) on the lines read are skipped. A
name in an earlier statement is not an enclosing bracket's and never counts. Walks pass over binary, lock, generated and minified files (see
the README), and count them in the summary.
";

use super::code_comments::{CodeLexer, Family, Lang};
use super::{ParseError, Syntax};
use crate::tree::{Entry, Node, Value};

/// Text whose comments are not known: suppressions only through `per-file-ignores`.
pub(crate) static TEXT: Text = Text {
    comment: None,
    prose: false,
};
/// Shell, Python, Ruby, Makefiles, INI-like files: `#` comments.
pub(crate) static TEXT_HASH: Text = Text {
    comment: Some("#"),
    prose: false,
};
/// C-like languages, JavaScript, Go, Rust: `//` comments.
pub(crate) static TEXT_SLASH: Text = Text {
    comment: Some("//"),
    prose: false,
};
/// HTML and XML: `<!-- … -->` comments.
pub(crate) static TEXT_HTML: Text = Text {
    comment: Some("<!--"),
    prose: false,
};
/// Markdown and other prose: `<!-- … -->` comments; only code blocks are configuration.
pub(crate) static TEXT_MARKDOWN: Text = Text {
    comment: Some("<!--"),
    prose: true,
};

/// A text file read for tokens and Axiom URLs.
#[derive(Debug)]
pub(crate) struct Text {
    comment: Option<&'static str>,
    /// Whether the file is prose, where only code blocks hold configuration.
    prose: bool,
}

impl Syntax for Text {
    fn name(&self) -> &'static str {
        "text"
    }

    /// A flat table of the Axiom URLs and hosts used as configuration.
    fn parse<'s>(&self, text: &'s str, offset: usize) -> Result<Node<'s>, ParseError> {
        self.parse_file(text, offset, "")
    }

    /// The file's name says which language's forms its code is read with.
    fn parse_file<'s>(
        &self,
        text: &'s str,
        offset: usize,
        path: &str,
    ) -> Result<Node<'s>, ParseError> {
        let entries = self.found_urls(text, offset, Lang::of_file(path, text));
        Ok(Node::new(
            offset..offset + text.len(),
            Value::Table(entries),
        ))
    }

    fn comment_prefix(&self) -> Option<&'static str> {
        self.comment
    }

    /// A URL's replacement is written as is: it sits in the text without quotes of its own
    /// (inside a string literal, the quotes are the code's).
    fn quote(&self, _literal: &str, text: &str) -> String {
        text.to_owned()
    }

    /// A URL whose placeholder does not close where its text ends was judged with a stand-in
    /// (`<dataset>`): the rest of it is not known, and no rewrite of it is safe.
    fn requotable(&self, literal: &str) -> bool {
        !holds_unclosed_placeholder(literal.as_bytes())
    }

    /// A text file has no syntax of its own: the shell's `KEY=value`, the form most text
    /// files that set variables use.
    fn assignment(&self, key: &str, text: &str) -> String {
        format!("{key}={text}")
    }

    /// The keys are names found beside URLs, not a mapping's: never a duplicate key.
    fn keeps_repeated_keys(&self) -> bool {
        false
    }

    fn is_flat(&self) -> bool {
        true
    }
}

/// `axiom.co`, the suffix every Axiom host ends with.
const DOMAIN: &[u8] = b"axiom.co";

/// What stands for a placeholder that does not close where the URL's text ends.
const UNCLOSED: &str = "<dataset>";

/// The longest host name DNS allows.
const MAX_HOST: usize = 253;

impl Text {
    /// Every Axiom URL or host the text uses as configuration, in order.
    fn found_urls<'s>(&self, text: &'s str, offset: usize, lang: Lang) -> Vec<Entry<'s>> {
        let bytes = text.as_bytes();
        let lower = bytes.to_ascii_lowercase();
        let mut entries = Vec::new();
        let mut lines = Lines::new(self, bytes, lang);
        // The end of the last URL taken: a URL is met once, however many `axiom.co` it holds.
        let mut taken_to = 0;
        for at in memchr::memmem::find_iter(&lower, DOMAIN) {
            if at < taken_to {
                continue;
            }
            let Some(Found {
                range: url,
                unclosed_at,
            }) = url_at(bytes, at)
            else {
                continue;
            };
            taken_to = url.end;
            if !lines.is_configuration(url.start) || is_markdown_link(bytes, &url) {
                continue;
            }
            let value = match unclosed_at {
                Some(open) => Cow::Owned(format!("{}{UNCLOSED}", &text[url.start..open])),
                None => Cow::Borrowed(&text[url.clone()]),
            };
            let span = url.start + offset..url.end + offset;
            let (key, key_span) = match key_before(bytes, lines.line_start(), url.start) {
                Some(key) => (
                    Cow::Borrowed(&text[key.clone()]),
                    key.start + offset..key.end + offset,
                ),
                None => {
                    let name = if value.contains("://") { "url" } else { "host" };
                    (Cow::Borrowed(name), span.start..span.start)
                }
            };
            entries.push(Entry {
                key,
                key_span,
                value: Node::string(span.clone(), span, value),
            });
        }
        entries
    }
}

fn is_host_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'.'
}

/// The URL or host around the `axiom.co` at `at`, if that is the end of a host name.
fn url_at(bytes: &[u8], at: usize) -> Option<Found> {
    let domain_end = at + DOMAIN.len();
    // `axiom.com`, `axiom.co.uk`, `axiom.codes`: another domain.
    match bytes.get(domain_end) {
        Some(byte) if byte.is_ascii_alphanumeric() || *byte == b'-' || *byte == b'_' => {
            return None;
        }
        Some(b'.')
            if bytes
                .get(domain_end + 1)
                .is_some_and(u8::is_ascii_alphanumeric) =>
        {
            return None;
        }
        _ => {}
    }
    // The host's first byte: back over labels. `fooaxiom.co` is another domain.
    let mut start = at;
    if start > 0 && bytes[start - 1] != b'.' && is_host_byte(bytes[start - 1]) {
        return None;
    }
    // A host name is at most 253 bytes: a longer run of name bytes is no host, and the bound
    // keeps a run of `axiom.co.axiom.co…` linear.
    while start > 0 && is_host_byte(bytes[start - 1]) {
        if at - start > MAX_HOST {
            return None;
        }
        start -= 1;
    }
    if bytes[start..at].starts_with(b".") {
        return None;
    }
    // `support@axiom.co` is an address; `https://axiom:API_TOKEN@api.axiom.co/…` (a Heroku log
    // drain in Axiom's docs) is a URL with userinfo, whose host is judged like any other.
    if start > 0 && bytes[start - 1] == b'@' {
        start = axiom_lint_core::userinfo_start(bytes, start - 1)?;
    }
    if start >= 3 && &bytes[start - 3..start] == b"://" {
        let mut scheme = start - 3;
        while scheme > 0 && bytes[scheme - 1].is_ascii_alphanumeric() && start - scheme < 16 {
            scheme -= 1;
        }
        if scheme == start - 3 {
            return None;
        }
        start = scheme;
    }
    let mut end = domain_end;
    while end < bytes.len() {
        match placeholder_at(bytes, end) {
            Placeholder::None if ends_url(bytes[end]) => break,
            Placeholder::None => end += 1,
            Placeholder::Closed(after) => end = after,
            Placeholder::Unclosed(stop) => {
                // `${` and Ruby's `#{` open with the byte before the brace.
                let open = if end > domain_end && matches!(bytes[end - 1], b'$' | b'#') {
                    end - 1
                } else {
                    end
                };
                return Some(Found {
                    range: start..stop,
                    unclosed_at: Some(open),
                });
            }
        }
    }
    // A sentence's full stop or a clause's colon is not part of the URL.
    while end > domain_end && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        end -= 1;
    }
    Some(Found {
        range: start..end,
        unclosed_at: None,
    })
}

/// Whether a URL's text ends inside a placeholder it opened.
fn holds_unclosed_placeholder(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        match placeholder_at(bytes, at) {
            Placeholder::Unclosed(_) => return true,
            Placeholder::Closed(after) => at = after,
            Placeholder::None => at += 1,
        }
    }
    false
}

/// Whether the URL is a Markdown link's text or target (`[cloud.axiom.co](…)`,
/// `[console](https://app.axiom.co)`): prose for a reader, wherever it is written (a
/// Markdown string in CUE, a docstring-like constant, a JSON description), never a setting.
fn is_markdown_link(bytes: &[u8], url: &Range<usize>) -> bool {
    let before = |n: usize| url.start.checked_sub(n).map(|at| &bytes[at..url.start]);
    let text_of_link =
        url.start > 0 && bytes[url.start - 1] == b'[' && bytes[url.end..].starts_with(b"](");
    // The target: `](` before it, `)` after it (or a title: `[a](url "title")`).
    let target_of_link =
        before(2) == Some(b"](") && matches!(bytes.get(url.end), Some(b')' | b' '));
    text_of_link || target_of_link
}

/// A URL found in text.
struct Found {
    range: Range<usize>,
    /// Where a placeholder opens that does not close before the URL's text ends
    /// (`…/datasets/${encodeURIComponent(` at a line's end): the URL is judged with
    /// `<dataset>` in its place, and never rewritten.
    unclosed_at: Option<usize>,
}

/// How far a placeholder inside a URL is read before it counts as unclosed: the bound keeps a
/// long run of `${(((…` linear.
const MAX_PLACEHOLDER: usize = 256;

/// How deep brackets nest inside a `{…}` placeholder (`${encodeURIComponent(ds[0])}`).
const MAX_PLACEHOLDER_DEPTH: usize = 4;

/// What a URL's byte at `at` opens.
#[derive(Debug, PartialEq, Eq)]
enum Placeholder {
    None,
    /// A placeholder read as one opaque piece of the path, ending before the index.
    Closed(usize),
    /// A placeholder that opens but does not close; its text runs to the index.
    Unclosed(usize),
}

/// The placeholder at `at`: `<name>` at a segment's start (`/datasets/<my-dataset>/elastic`),
/// or a `{…}` with brackets nested inside, which is Python's `{ds}`, JavaScript's `${…}`, PHP's
/// `{$this->dataset}` and Ruby's `#{…}` alike.
fn placeholder_at(bytes: &[u8], at: usize) -> Placeholder {
    match bytes[at] {
        b'<' if at > 0 && matches!(bytes[at - 1], b'/' | b'=') => {
            let name = bytes[at + 1..]
                .iter()
                .take(MAX_PLACEHOLDER)
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                .count();
            match bytes.get(at + 1 + name) {
                Some(b'>') if name > 0 => Placeholder::Closed(at + name + 2),
                // `</a>`, `<br>` after a word: markup, which ends the URL.
                _ => Placeholder::None,
            }
        }
        b'{' => {
            let mut open = Vec::with_capacity(MAX_PLACEHOLDER_DEPTH);
            let mut index = at;
            while index < bytes.len() && index - at < MAX_PLACEHOLDER {
                let byte = bytes[index];
                match byte {
                    b'{' | b'(' | b'[' => {
                        if open.len() == MAX_PLACEHOLDER_DEPTH {
                            break;
                        }
                        open.push(match byte {
                            b'{' => b'}',
                            b'(' => b')',
                            _ => b']',
                        });
                    }
                    b'}' | b')' | b']' => {
                        if open.pop() != Some(byte) {
                            break;
                        }
                        if open.is_empty() {
                            return Placeholder::Closed(index + 1);
                        }
                    }
                    b'\n' | b'\r' | b'`' => break,
                    // Quotes belong to a call's argument (`${f("a")}`, `#{ENV["DS"]}`); one
                    // directly inside the braces closes the string the URL is in.
                    b'"' | b'\'' if open.len() < 2 => break,
                    _ if byte.is_ascii_whitespace() && open.len() < 2 => break,
                    _ => {}
                }
                index += 1;
            }
            Placeholder::Unclosed(index)
        }
        _ => Placeholder::None,
    }
}

/// Whether a byte ends a URL written in text.
fn ends_url(byte: u8) -> bool {
    byte.is_ascii_whitespace()
        || byte.is_ascii_control()
        || matches!(
            byte,
            b'"' | b'\'' | b'`' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b',' | b'\\' | b'|'
        )
}

/// The key of a `KEY=value`, `key: value` or `key = "value"` line that the URL at `start` is
/// the value of.
fn key_before(bytes: &[u8], line_start: usize, start: usize) -> Option<Range<usize>> {
    let mut end = start;
    let skip_back = |end: &mut usize, set: &[u8]| {
        while *end > line_start && set.contains(&bytes[*end - 1]) {
            *end -= 1;
        }
    };
    skip_back(&mut end, b"\"'`");
    skip_back(&mut end, b" \t");
    if end == line_start || !matches!(bytes[end - 1], b'=' | b':') {
        return None;
    }
    let assigned = bytes[end - 1] == b'=';
    end -= 1;
    skip_back(&mut end, b" \t");
    if let Some(name_end) = assigned
        .then(|| annotated_name_end(bytes, line_start, end))
        .flatten()
    {
        end = name_end;
    }
    skip_back(&mut end, b"\"'");
    let key_end = end;
    while end > line_start
        && (bytes[end - 1].is_ascii_alphanumeric() || matches!(bytes[end - 1], b'_' | b'-' | b'.'))
    {
        end -= 1;
    }
    // A key stands alone: `&str = "…"` (a type) or `a.b=` inside a longer word names nothing.
    let alone = end == line_start
        || bytes[end - 1].is_ascii_whitespace()
        || matches!(bytes[end - 1], b'(' | b'{' | b',' | b'"' | b'\'' | b';');
    // `ok ? value : "…"` is a choice, not a key.
    let choice = !assigned && bytes[line_start..end].trim_ascii_end().ends_with(b"?");
    (end < key_end && alone && !choice).then_some(end..key_end)
}

/// How far back a type annotation is looked through: `Option<&'static str>` fits.
const MAX_TYPE: usize = 64;

/// Where the name of `name: Type = value` ends, when the text before `end` (the `=`, spaces
/// skipped) is such a type annotation (`url: string`, `URL: &'static str`, `u: Option<String>`),
/// so the name is the key, not the type.
fn annotated_name_end(bytes: &[u8], line_start: usize, end: usize) -> Option<usize> {
    let floor = line_start.max(end.saturating_sub(MAX_TYPE));
    let mut at = end;
    while at > floor {
        let byte = bytes[at - 1];
        if byte == b':' {
            // `::` belongs to a path inside the type.
            if at - 1 > line_start && bytes[at - 2] == b':' {
                at -= 2;
                continue;
            }
            let mut name_end = at - 1;
            while name_end > line_start && matches!(bytes[name_end - 1], b' ' | b'\t') {
                name_end -= 1;
            }
            let named = name_end > line_start
                && (bytes[name_end - 1].is_ascii_alphanumeric() || bytes[name_end - 1] == b'_');
            return (named && at < end).then_some(name_end);
        }
        if !(byte.is_ascii_alphanumeric() || b"_<>&'*[]?., \t".contains(&byte)) {
            return None;
        }
        at -= 1;
    }
    None
}

/// The lines of a text, read once in order as URLs are met: which are comments, and in prose,
/// which are inside code blocks.
struct Lines<'a> {
    syntax: &'a Text,
    bytes: &'a [u8],
    /// Where the next unread line starts.
    next: usize,
    /// Whether the line before `next` was blank (an indented block may start after one).
    after_blank: bool,
    /// Inside a fenced block: its fence (`` ` `` or `~`) and length.
    fence: Option<(u8, usize)>,
    /// Inside an indented code block.
    indented: bool,
    /// Comments and strings of code with `//` or `#` comments, read on every line.
    code: Option<CodeLexer>,
    /// The current line's comments and docstrings, as offsets into it.
    quiet: Vec<Range<usize>>,
    /// The current line's range and whether it holds configuration (a code-block line in
    /// prose, any line in code) and whether it is a comment as a whole.
    current: Option<(Range<usize>, bool, bool)>,
    /// Where a comment starts on the current line (`Some(None)`: nowhere), found once per
    /// line however many URLs it holds.
    comment_from: Option<Option<usize>>,
}

impl<'a> Lines<'a> {
    fn new(syntax: &'a Text, bytes: &'a [u8], lang: Lang) -> Self {
        Self {
            syntax,
            bytes,
            next: 0,
            after_blank: true,
            fence: None,
            indented: false,
            code: match syntax.comment {
                Some("//") if !syntax.prose => Some(CodeLexer::with_lang(Family::Slash, lang)),
                Some("#") if !syntax.prose => Some(CodeLexer::with_lang(Family::Hash, lang)),
                Some("<!--") if !syntax.prose => Some(CodeLexer::with_lang(Family::Markup, lang)),
                _ => None,
            },
            quiet: Vec::new(),
            current: None,
            comment_from: None,
        }
    }

    /// Where the line of the last URL asked about starts.
    fn line_start(&self) -> usize {
        self.current.as_ref().map_or(0, |(range, ..)| range.start)
    }

    /// Whether the URL starting at `at` is configuration, not prose or a comment.
    fn is_configuration(&mut self, at: usize) -> bool {
        while self
            .current
            .as_ref()
            .is_none_or(|(range, ..)| range.end < at)
        {
            if self.next > self.bytes.len() {
                return false;
            }
            let start = self.next;
            let end =
                memchr::memchr(b'\n', &self.bytes[start..]).map_or(self.bytes.len(), |n| start + n);
            self.next = end + 1;
            let (code, comment) = self.classify(start..end);
            self.current = Some((start..end, code, comment));
            self.comment_from = None;
        }
        let Some((range, code, comment)) = self.current.clone() else {
            return false;
        };
        if !code || comment {
            return false;
        }
        if self.code.is_some() {
            let offset = at - range.start;
            return !self.quiet.iter().any(|quiet| quiet.contains(&offset));
        }
        let comment_from = match self.comment_from {
            Some(from) => from,
            None => {
                let from = self.comment_start(range);
                self.comment_from = Some(from);
                from
            }
        };
        comment_from.is_none_or(|from| at < from)
    }

    /// Reads one line: whether it holds configuration, and whether it is all comment.
    fn classify(&mut self, range: Range<usize>) -> (bool, bool) {
        let line = &self.bytes[range];
        let trimmed = line.trim_ascii_start();
        let blank = trimmed.trim_ascii_end().is_empty();
        let comment_line = trimmed.starts_with(b"#") || trimmed.starts_with(b"//");
        if !self.syntax.prose {
            if let Some(lexer) = &mut self.code {
                self.quiet.clear();
                lexer.quiet_ranges(line, &mut self.quiet);
            }
            return (true, false);
        }
        // Prose: fences open and close code blocks; indented lines after a blank line are one.
        let fence_byte = trimmed
            .first()
            .copied()
            .filter(|b| matches!(b, b'`' | b'~'));
        let fence_len = fence_byte.map_or(0, |b| trimmed.iter().take_while(|&&c| c == b).count());
        if let Some((byte, len)) = self.fence {
            if fence_byte == Some(byte)
                && fence_len >= len
                && trimmed[fence_len..].trim_ascii().is_empty()
            {
                self.fence = None;
                self.code = None;
                self.after_blank = false;
                return (false, false);
            }
            // A block in a language whose comments are known is read as that code.
            if let Some(lexer) = &mut self.code {
                self.quiet.clear();
                lexer.quiet_ranges(line, &mut self.quiet);
                return (true, false);
            }
            return (true, comment_line);
        }
        if let Some(byte) = fence_byte.filter(|_| fence_len >= 3) {
            self.fence = Some((byte, fence_len));
            self.code = fence_family(&trimmed[fence_len..])
                .map(|(family, lang)| CodeLexer::with_lang(family, lang));
            self.after_blank = false;
            return (false, false);
        }
        let indent = line.starts_with(b"    ") || line.starts_with(b"\t");
        if blank {
            self.after_blank = true;
            return (false, false);
        }
        // A list item's continuation is indented too: an indented block starts only after a
        // blank line and continues while lines stay indented.
        self.indented = indent && (self.indented || self.after_blank);
        self.after_blank = false;
        (self.indented, self.indented && comment_line)
    }

    /// Where the file's comment leader first stands on a line outside quotes.
    fn comment_start(&self, range: Range<usize>) -> Option<usize> {
        let leader = self.syntax.comment.map(str::as_bytes)?;
        let line_start = range.start;
        comment_start(&self.bytes[range], leader).map(|index| line_start + index)
    }
}

/// The comments of a fenced code block's language, named by the first word of its info string
/// (```` ```ts ````, ```` ```python title="x" ````), when they are `//` or `#` comments, and
/// the language within that family.
fn fence_family(info: &[u8]) -> Option<(Family, Lang)> {
    let word = info
        .trim_ascii_start()
        .split(|&b| b.is_ascii_whitespace() || matches!(b, b'{' | b',' | b'`'))
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let family = match word.as_slice() {
        b"js" | b"javascript" | b"jsx" | b"mjs" | b"cjs" | b"ts" | b"typescript" | b"tsx"
        | b"go" | b"golang" | b"rust" | b"rs" | b"java" | b"kotlin" | b"kt" | b"scala"
        | b"swift" | b"c" | b"h" | b"cpp" | b"c++" | b"cc" | b"cs" | b"csharp" | b"c#" | b"php"
        | b"dart" | b"groovy" | b"gradle" | b"zig" | b"json" | b"jsonc" | b"json5" => Family::Slash,
        b"sh" | b"bash" | b"shell" | b"zsh" | b"fish" | b"console" | b"shell-session"
        | b"powershell" | b"ps1" | b"python" | b"py" | b"ruby" | b"rb" | b"perl" | b"r"
        | b"yaml" | b"yml" | b"toml" | b"ini" | b"conf" | b"properties" | b"env" | b"dotenv"
        | b"dockerfile" | b"docker" | b"makefile" | b"make" | b"nix" | b"elixir" => Family::Hash,
        // HCL takes `#`, `//` and `/* … */`.
        b"hcl" | b"terraform" | b"tf" => Family::Any,
        b"html" | b"xml" | b"svg" | b"vue" | b"svelte" => Family::Markup,
        _ => return None,
    };
    Some((family, Lang::from_name(&String::from_utf8_lossy(&word))))
}

/// Where `leader` first starts a comment on `line`, outside quotes: `#` only at a word's start
/// (`a#b` is not one), `//` not after `:` (`https://`).
fn comment_start(line: &[u8], leader: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (index, &byte) in line.iter().enumerate() {
        match quote {
            Some(open) if byte == open => quote = None,
            None if matches!(byte, b'"' | b'\'' | b'`') => quote = Some(byte),
            None if line[index..].starts_with(leader) => {
                let before = index.checked_sub(1).map(|i| line[i]);
                let starts = match leader {
                    b"#" => before.is_none_or(|b| b.is_ascii_whitespace()),
                    b"//" => before != Some(b':'),
                    _ => true,
                };
                if starts {
                    return Some(index);
                }
            }
            // Inside a string, or an ordinary byte.
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(syntax: &Text, text: &str) -> Vec<(String, String)> {
        syntax
            .found_urls(text, 0, Lang::Other)
            .into_iter()
            .map(|entry| {
                assert_eq!(
                    &text[entry.value.span.clone()],
                    entry.value.as_str().unwrap_or_default()
                );
                (
                    entry.key.into_owned(),
                    entry.value.as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// The URLs found in `text` as the file `path` (whose name says its language).
    fn found_in(syntax: &Text, path: &str, text: &str) -> Vec<(String, String)> {
        syntax
            .found_urls(text, 0, Lang::of_file(path, text))
            .into_iter()
            .map(|entry| {
                (
                    entry.key.into_owned(),
                    entry.value.as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_owned(), value.to_owned())
    }

    #[test]
    fn urls_in_code_are_found_with_their_keys() {
        let code = "const exporter = new OTLPTraceExporter({\n  url: 'https://api.axiom.co/v1/ingest/logs',\n});\n// see https://cloud.axiom.co/docs\nfetch(\"https://cloud.axiom.co/api/v1/datasets\"); // https://app.axiom.co\n";
        assert_eq!(
            found(&TEXT_SLASH, code),
            [
                pair("url", "https://api.axiom.co/v1/ingest/logs"),
                pair("url", "https://cloud.axiom.co/api/v1/datasets"),
            ]
        );
        let shell = "export AXIOM_URL=\"https://cloud.axiom.co\"\n# moved from cloud.axiom.co\ncurl -X POST https://api.axiom.co/v1/datasets/logs/ingest -d @x # done.\n";
        assert_eq!(
            found(&TEXT_HASH, shell),
            [
                pair("AXIOM_URL", "https://cloud.axiom.co"),
                pair("url", "https://api.axiom.co/v1/datasets/logs/ingest"),
            ]
        );
        let python = "client = Client(url=f\"https://cloud.axiom.co/api/v1/datasets/{ds}/ingest\")\nhost = 'eu-west-1.aws.edge.axiom.co'\n";
        assert_eq!(
            found(&TEXT_HASH, python),
            [
                pair("url", "https://cloud.axiom.co/api/v1/datasets/{ds}/ingest"),
                pair("host", "eu-west-1.aws.edge.axiom.co"),
            ]
        );
    }

    #[test]
    fn a_placeholder_is_one_piece_of_the_path() {
        let code = "a = `https://api.axiom.co/v1/datasets/${encodeURIComponent(ds)}/ingest`\nb = \"https://api.axiom.co/v1/datasets/{$this->dataset}/ingest\"\nc = `https://api.axiom.co/v1/datasets/${ds[0]}/ingest`\nhosts: [\"https://cloud.axiom.co:443/api/v1/datasets/<my-datasets>/elastic\"]\n<url>https://api.axiom.co/v1/datasets/</url>\n";
        assert_eq!(
            found(&TEXT, code),
            [
                pair(
                    "a",
                    "https://api.axiom.co/v1/datasets/${encodeURIComponent(ds)}/ingest"
                ),
                pair(
                    "b",
                    "https://api.axiom.co/v1/datasets/{$this->dataset}/ingest"
                ),
                pair("c", "https://api.axiom.co/v1/datasets/${ds[0]}/ingest"),
                pair(
                    "url",
                    "https://cloud.axiom.co:443/api/v1/datasets/<my-datasets>/elastic"
                ),
                pair("url", "https://api.axiom.co/v1/datasets/"),
            ]
        );
    }

    #[test]
    fn an_unclosed_placeholder_is_judged_with_a_stand_in_and_never_rewritten() {
        let code =
            "u = `https://cloud.axiom.co/api/v1/datasets/${encodeURIComponent(\n  ds)}/ingest`\n";
        let entries = TEXT.found_urls(code, 0, Lang::Other);
        assert_eq!(entries.len(), 1);
        let value = &entries[0].value;
        assert_eq!(
            value.as_str(),
            Some("https://cloud.axiom.co/api/v1/datasets/<dataset>")
        );
        let literal = &code[value.span.clone()];
        assert_eq!(
            literal,
            "https://cloud.axiom.co/api/v1/datasets/${encodeURIComponent("
        );
        assert!(!TEXT.requotable(literal));
        // Brackets nested deeper than the bound: unclosed, as is a placeholder left open.
        let deep = "d = `https://api.axiom.co/v1/${f(g(h(i(j(x)))))}/ingest`\n";
        let entries = TEXT.found_urls(deep, 0, Lang::Other);
        assert_eq!(
            entries[0].value.as_str(),
            Some("https://api.axiom.co/v1/<dataset>")
        );
        assert!(TEXT.requotable("https://api.axiom.co/v1/datasets/${ds}/ingest"));
    }

    #[test]
    fn a_markdown_link_is_prose_in_any_file() {
        let cue = "body: \"\"\"\n1. Register at [cloud.axiom.co](\\(urls.axiom_cloud))\n2. See [the console](https://cloud.axiom.co) or [docs](https://cloud.axiom.co/docs \"Docs\").\n\"\"\"\nurl: \"https://cloud.axiom.co/api/v1/datasets/a/ingest\"\nlinks: [\"https://cloud.axiom.co/api/v1/b\"]\n";
        assert_eq!(
            found(&TEXT_SLASH, cue),
            [
                pair("url", "https://cloud.axiom.co/api/v1/datasets/a/ingest"),
                pair("url", "https://cloud.axiom.co/api/v1/b"),
            ]
        );
    }

    #[test]
    fn other_domains_and_addresses_are_not_axiom_hosts() {
        let text = "a = 'https://axiom.com/x'\nb = 'support@axiom.co'\nc = 'notaxiom.co'\nd = 'axiom.co.uk'\ne = 'https://api.axiom.co.'\n";
        assert_eq!(found(&TEXT, text), [pair("e", "https://api.axiom.co")]);
    }

    #[test]
    fn prose_is_quiet_and_code_blocks_are_configuration() {
        let markdown = "We moved from cloud.axiom.co to api.axiom.co.\nSee [the console](https://app.axiom.co/) and `https://cloud.axiom.co`.\n\n```sh\n# old: https://cloud.axiom.co\ncurl https://api.axiom.co/v1/ingest/logs\n```\n\n    AXIOM_URL=https://cloud.axiom.co\n\n- item\n    continued https://cloud.axiom.co/x\n";
        assert_eq!(
            found(&TEXT_MARKDOWN, markdown),
            [
                pair("url", "https://api.axiom.co/v1/ingest/logs"),
                pair("AXIOM_URL", "https://cloud.axiom.co"),
            ]
        );
    }

    #[test]
    fn xml_comments_are_quiet() {
        let xml = "<!-- old:\n  <url>https://cloud.axiom.co</url>\n-->\n<url>https://cloud.axiom.co/api/v1</url> <!-- https://app.axiom.co -->\n";
        assert_eq!(
            found(&TEXT_HTML, xml),
            [pair("url", "https://cloud.axiom.co/api/v1")]
        );
    }

    #[test]
    fn block_comments_are_quiet() {
        let code =
            "/*\n * https://cloud.axiom.co\n */\nconst a = \"https://cloud.axiom.co\"; /* x */\n";
        assert_eq!(
            found(&TEXT_SLASH, code),
            [pair("a", "https://cloud.axiom.co")]
        );
    }

    #[test]
    fn a_block_comment_opened_mid_line_is_quiet_and_code_after_it_is_read() {
        let code = "init(); /* was https://cloud.axiom.co/api/v1 */ const a = \"https://api.axiom.co/v1/x\";\nsend(); /* moved from\n   https://cloud.axiom.co/api/v1 */ const b = \"https://cloud.axiom.co/api/v1/y\";\n";
        assert_eq!(
            found(&TEXT_SLASH, code),
            [
                pair("a", "https://api.axiom.co/v1/x"),
                pair("b", "https://cloud.axiom.co/api/v1/y"),
            ]
        );
    }

    #[test]
    fn lifetimes_and_char_literals_do_not_hide_comments() {
        let rust = "fn url<'a>(x: &'a str) -> &'static str { \"https://api.axiom.co\" } // https://cloud.axiom.co/api/v1\nconst Q: char = '\"'; // https://cloud.axiom.co/api/v1\nlet u: &'static str = &format!(\"https://cloud.axiom.co/api/v1/x\"); // it's https://cloud.axiom.co\n";
        assert_eq!(
            found(&TEXT_SLASH, rust),
            [
                pair("url", "https://api.axiom.co"),
                pair("url", "https://cloud.axiom.co/api/v1/x"),
            ]
        );
    }

    #[test]
    fn comment_leaders_inside_strings_over_lines_are_text() {
        let ts = "const body = `\n// sent to https://cloud.axiom.co/api/v1/x\n`;\n";
        assert_eq!(
            found(&TEXT_SLASH, ts),
            [pair("url", "https://cloud.axiom.co/api/v1/x")]
        );
        let rust = "let cfg = r#\"\n# \"quoted\"\n// url = https://cloud.axiom.co/api/v1/x\n\"#;\n";
        assert_eq!(
            found(&TEXT_SLASH, rust),
            [pair("url", "https://cloud.axiom.co/api/v1/x")]
        );
        let python = "def ship():\n    \"\"\"Ships rows; see https://cloud.axiom.co/api/v1 # docs\n    \"\"\"\n    CONFIG = \"\"\"\n# sent to\nurl = https://cloud.axiom.co/api/v1/x\n\"\"\"  # https://app.axiom.co\n";
        assert_eq!(
            found(&TEXT_HASH, python),
            [pair("url", "https://cloud.axiom.co/api/v1/x")]
        );
    }

    #[test]
    fn a_hash_in_a_url_or_string_is_no_comment() {
        let shell = "curl https://cloud.axiom.co/api/v1/x#frag # https://app.axiom.co\necho \"a #b https://cloud.axiom.co/api/v1/y\"\n";
        assert_eq!(
            found(&TEXT_HASH, shell),
            [
                pair("url", "https://cloud.axiom.co/api/v1/x#frag"),
                pair("url", "https://cloud.axiom.co/api/v1/y"),
            ]
        );
        // In C-like files `#` starts no comment.
        let c = "#define AXIOM_URL \"https://cloud.axiom.co/api/v1\"\n";
        assert_eq!(
            found(&TEXT_SLASH, c),
            [pair("url", "https://cloud.axiom.co/api/v1")]
        );
    }

    #[test]
    fn a_line_starting_with_a_star_is_code_outside_a_block_comment() {
        let c = "char *u;\n*u = \"https://cloud.axiom.co/api/v1\";\n";
        assert_eq!(
            found(&TEXT_SLASH, c),
            [pair("url", "https://cloud.axiom.co/api/v1")]
        );
    }

    #[test]
    fn a_fenced_block_is_read_as_its_language() {
        let markdown = "```ts\nconst url = \"https://api.axiom.co/v1/datasets/d/ingest\"; // was https://cloud.axiom.co/api/v1\n```\n\n```python\nINGEST = \"https://cloud.axiom.co/api/v1/datasets/d/ingest\"  # don't\nx = 1  # https://cloud.axiom.co/api/v1\n```\n\n```\nfoo https://cloud.axiom.co/api/v1 // kept: no language\n```\n";
        assert_eq!(
            found(&TEXT_MARKDOWN, markdown),
            [
                pair("url", "https://api.axiom.co/v1/datasets/d/ingest"),
                pair("INGEST", "https://cloud.axiom.co/api/v1/datasets/d/ingest"),
                pair("url", "https://cloud.axiom.co/api/v1"),
            ]
        );
    }

    #[test]
    fn markup_after_a_closed_comment_is_read() {
        let xml = "<!-- was https://cloud.axiom.co/api/v1 --> <url>https://cloud.axiom.co/api/v1/datasets/d/ingest</url>\n";
        assert_eq!(
            found(&TEXT_HTML, xml),
            [pair(
                "url",
                "https://cloud.axiom.co/api/v1/datasets/d/ingest"
            )]
        );
    }

    #[test]
    fn a_typed_name_is_the_key_not_its_type() {
        let code = "const INGEST: &'static str = \"https://cloud.axiom.co/api/v1/a\";\nlet url: String = \"https://cloud.axiom.co/api/v1/b\".into();\nconst endpoint: string = 'https://cloud.axiom.co/api/v1/c';\nval base: Option<java.net.URI> = URI(\"https://cloud.axiom.co/api/v1/d\")\nconfig = {url: \"https://cloud.axiom.co/api/v1/e\"}\nlet x: std::string::String = \"https://cloud.axiom.co/api/v1/f\";\n";
        assert_eq!(
            found(&TEXT_SLASH, code)
                .into_iter()
                .map(|(key, _)| key)
                .collect::<Vec<_>>(),
            ["INGEST", "url", "endpoint", "url", "url", "x"]
        );
    }

    #[test]
    fn the_value_of_a_choice_has_no_key() {
        let code = "return ok ? configured : \"https://cloud.axiom.co/api/v1/a\";\n";
        assert_eq!(
            found(&TEXT_SLASH, code),
            [pair("url", "https://cloud.axiom.co/api/v1/a")]
        );
    }

    #[test]
    fn a_heredoc_body_is_configuration_and_code_after_it_is_read() {
        let shell = "cat > include/axiom.h <<'EOF'\n#define AXIOM_URL \"https://cloud.axiom.co/api/v1/datasets/a/ingest\"\nEOF\n# was https://cloud.axiom.co/api/v1/datasets/b/ingest\n";
        assert_eq!(
            found_in(&TEXT_HASH, "scripts/gen.sh", shell),
            [pair(
                "url",
                "https://cloud.axiom.co/api/v1/datasets/a/ingest"
            )]
        );
        // Read as a file of no known language, the `#define` line is a comment.
        assert_eq!(found_in(&TEXT_HASH, "gen.conf", shell), []);
        let markdown =
            "```bash\ncat <<EOF > a.h\n#define U \"https://cloud.axiom.co/api/v1\"\nEOF\n```\n";
        assert_eq!(
            found_in(&TEXT_MARKDOWN, "README.md", markdown),
            [pair("url", "https://cloud.axiom.co/api/v1")]
        );
    }

    #[test]
    fn a_double_quoted_string_over_lines_holds_no_comments() {
        let shell = "HEADER=\"#pragma once\n#define AXIOM_URL \\\"https://cloud.axiom.co/api/v1/a\\\"\n\"\nBANNER=\"Ships events.\nSet AXIOM_URL.\" # was \"https://cloud.axiom.co/api/v1/b\"\n";
        assert_eq!(
            found_in(&TEXT_HASH, "gen.sh", shell),
            [pair("url", "https://cloud.axiom.co/api/v1/a")]
        );
    }

    #[test]
    fn a_cpp_raw_string_runs_to_its_delimiter() {
        let cpp = "auto u = R\"(files: /var/log/*.log\nsent to https://cloud.axiom.co/api/v1/a\n)\";\nauto h = R\"(say \"hi)\"; // was \"https://cloud.axiom.co/api/v1/b\"\n";
        assert_eq!(
            found_in(&TEXT_SLASH, "src/main.cpp", cpp),
            [pair("url", "https://cloud.axiom.co/api/v1/a")]
        );
    }

    #[test]
    fn a_nested_block_comment_ends_at_its_own_close() {
        let rust = "/* old: /* retried */ post(\"https://cloud.axiom.co/api/v1/a\"); */ const U: &str = \"https://cloud.axiom.co/api/v1/b\";\n";
        assert_eq!(
            found_in(&TEXT_SLASH, "src/lib.rs", rust),
            [pair("U", "https://cloud.axiom.co/api/v1/b")]
        );
    }

    #[test]
    fn a_rust_bound_or_label_opens_no_quote() {
        let rust = "impl<'a, T> B<'a, T> where T: 'a + Sink { // was https://cloud.axiom.co/api/v1/a (it's gone)\n}\n";
        assert_eq!(found_in(&TEXT_SLASH, "src/lib.rs", rust), []);
    }

    #[test]
    fn script_bodies_in_markup_are_read_as_code() {
        let vue = "<template><a href=\"https://cloud.axiom.co/api/v1/a\">x</a></template>\n<script setup lang=\"ts\">\n// was https://cloud.axiom.co/api/v1/b\nconst u = \"https://cloud.axiom.co/api/v1/c\"; /* https://cloud.axiom.co/api/v1/d */\n</script>\n<style>/* https://cloud.axiom.co/api/v1/e */</style>\n";
        assert_eq!(
            found_in(&TEXT_HTML, "src/App.vue", vue),
            [
                pair("href", "https://cloud.axiom.co/api/v1/a"),
                pair("u", "https://cloud.axiom.co/api/v1/c"),
            ]
        );
    }
}
