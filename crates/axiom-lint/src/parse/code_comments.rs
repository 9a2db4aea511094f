//! Comments and string literals in source code, read forward one line at a time with a few
//! bytes of state carried from line to line, so the text scan can tell a URL in a comment
//! (quiet) from one in code or a string (configuration) without parsing any language.
//!
//! The forms read, by comment family:
//! - `//` (C-like languages, JavaScript, Go, Rust, Java, C#, …): `//` to the line's end (not
//!   after `:`, so a bare `https://` is no comment), `/* … */` anywhere, over lines too, with
//!   code after its `*/` read again; strings `"…"` and `'…'` that close on their line; a char
//!   literal (`'"'`, `'\''`) and a Rust lifetime (`<'a>`, `&'a`, `'static`; in Rust files any
//!   `'word` that is no char literal, `T: 'a`, `'outer:`) are no quotes;
//!   strings over lines: template literals and Go raw strings (`` `…` ``), text blocks
//!   (`"""…"""`), Rust raw strings (`r#"…"#`), C# verbatim strings (`@"…"`).
//! - `#` (shell, Python, Ruby, Makefiles, `.conf`): `#` at a word's start to the line's end
//!   (`https://x/#frag` and `$#` are no comments); strings that close on their line; Python's
//!   triple-quoted strings over lines, where one that opens a line is a docstring:
//!   documentation, read like prose (quiet); PowerShell's `<# … #>` and Ruby's `=begin` …
//!   `=end` block comments.
//!
//! - `<!-- … -->` (HTML, XML, Vue, Svelte): anywhere, over lines too, with markup after its
//!   `-->` read again; quoted attribute values that close on their line. A `<script>` body is
//!   read as `//` code and a `<style>` body as CSS (`/* … */` only), up to the end tag.
//!
//! Within a family, the language the file's extension names adds its own forms: heredocs in
//! shell, Ruby, Perl and PHP (`<<EOF`, `<<-EOF`, `<<~EOF`, quoted words, `<<<EOT`), a
//! document up to the line of its closing word; `"…"` over lines in shell, Ruby, Perl, PHP,
//! R, Nix and Rust (with Ruby's and Perl's patterns read, so a quote in them opens nothing);
//! C and C++ raw strings (`R"delim(…)delim"`, delimiter at most 16 bytes); nested block
//! comments in Rust, Swift, Kotlin, Scala and Dart (depth counted up to a cap).
//!
//! A quote that does not close on its line (an apostrophe in `don't`) is no string. Each byte
//! is read once: a failed look for a closing quote is remembered for the rest of the line.

use std::ops::Range;

/// Which languages' forms a file is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `//` and `/* … */` comments.
    Slash,
    /// `#` comments and Python docstrings.
    Hash,
    /// Both, for a reader that does not know the language (the OTLP exporter reader) and
    /// HCL.
    Any,
    /// HTML and XML: `<!-- … -->` anywhere, over lines too; `<script>` and `<style>` bodies
    /// read as their languages.
    Markup,
    /// CSS, inside `<style>`: `/* … */` only.
    Css,
}

impl Family {
    fn slash(self) -> bool {
        matches!(self, Self::Slash | Self::Any)
    }

    fn hash(self) -> bool {
        matches!(self, Self::Hash | Self::Any)
    }

    /// Whether `/* … */` is a comment.
    fn blocks(self) -> bool {
        matches!(self, Self::Slash | Self::Any | Self::Css)
    }
}

/// An element of HTML whose body is another language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Embedded {
    /// `<script>`: JavaScript or TypeScript.
    Script,
    /// `<style>`: CSS.
    Style,
}

impl Embedded {
    fn name(self) -> &'static [u8] {
        match self {
            Self::Script => b"script",
            Self::Style => b"style",
        }
    }
}

/// Where the end tag of a `kind` element (`</script`, `</style`, any case) first stands on
/// `line` from `from`.
fn end_tag(line: &[u8], from: usize, kind: Embedded) -> Option<usize> {
    let name = kind.name();
    let mut at = from;
    while let Some(found) = memchr::memchr(b'<', &line[at.min(line.len())..]) {
        let index = at + found;
        if line.get(index + 1) == Some(&b'/')
            && line
                .get(index + 2..index + 2 + name.len())
                .is_some_and(|word| word.eq_ignore_ascii_case(name))
        {
            return Some(index);
        }
        at = index + 1;
    }
    None
}

/// Which language of its family a file is written in, where that changes what is a comment
/// or a string: named by the file's extension (or a fenced block's info string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Only the family's own forms.
    Other,
    /// Shell scripts (and Dockerfiles): heredocs, `"…"` over lines, `\` escapes in code.
    Shell,
    /// Ruby: heredocs, `"…"` over lines.
    Ruby,
    /// Perl: heredocs, `"…"` over lines.
    Perl,
    /// PHP: heredocs and nowdocs (`<<<`), `"…"` over lines, `#` comments.
    Php,
    /// R and Nix: `"…"` over lines.
    MultiLineQuotes,
    /// Rust: `"…"` over lines.
    Rust,
    /// C and C++: raw strings `R"delim(…)delim"`.
    Cpp,
    /// Swift, Kotlin, Scala and Dart: `/* … */` nests.
    NestedComments,
}

impl Lang {
    /// The language a file name or a fenced block's info word names (lowercase).
    pub(crate) fn from_name(name: &str) -> Self {
        let extension = name
            .rsplit_once('.')
            .map_or(name, |(_, extension)| extension);
        match extension {
            "sh" | "bash" | "zsh" | "ksh" | "mksh" | "dash" | "ash" | "shell" | "console"
            | "dockerfile" | "containerfile" | "envrc" | "bashrc" | "zshrc" | "profile" => {
                Self::Shell
            }
            "rb" | "ruby" | "gemfile" | "rakefile" | "gemspec" | "ru" => Self::Ruby,
            "pl" | "pm" | "perl" => Self::Perl,
            "php" => Self::Php,
            "r" | "nix" => Self::MultiLineQuotes,
            "rs" | "rust" => Self::Rust,
            "swift" | "kt" | "kts" | "kotlin" | "scala" | "sc" | "dart" => Self::NestedComments,
            "c" | "h" | "cc" | "cpp" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "ipp" | "ino" => {
                Self::Cpp
            }
            _ => Self::Other,
        }
    }

    /// The language of the file at `path` (its last component decides); a script whose name
    /// has no extension is in the language its shebang runs (`#!/usr/bin/env bash`).
    pub(crate) fn of_file(path: &str, text: &str) -> Self {
        let name = path.rsplit(['/', '\\']).next().unwrap_or_default();
        let by_name = Self::from_name(&name.to_ascii_lowercase());
        if by_name != Self::Other || name.contains('.') {
            return by_name;
        }
        crate::by_content::shebang_program(text).map_or(by_name, |program| {
            // `python3.12`, `perl5.36`: the version is not part of the language.
            let program = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
            Self::from_name(&program.to_ascii_lowercase())
        })
    }

    /// Whether `<<WORD` (`<<<WORD` in PHP) opens a heredoc.
    fn heredocs(self) -> bool {
        matches!(self, Self::Shell | Self::Ruby | Self::Perl | Self::Php)
    }

    /// Whether a `"…"` string goes on over lines (and `"""` is no triple quote).
    fn multi_line_quotes(self) -> bool {
        !matches!(self, Self::Other | Self::Cpp | Self::NestedComments)
    }

    /// Whether a `/*` inside a block comment opens another that its own `*/` closes.
    fn nests_comments(self) -> bool {
        matches!(self, Self::Rust | Self::NestedComments)
    }
}

/// How an open string literal ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closer {
    /// The quote byte again, not escaped by `\`.
    Quote(u8),
    /// Three of the quote byte.
    Triple(u8),
    /// `"` and this many `#`, no escapes: a Rust raw string.
    Raw(u8),
    /// `"` not doubled, no `\` escapes: a C# verbatim string.
    Verbatim,
    /// `)`, the delimiter and `"`: a C++ raw string.
    CppRaw(Delim),
    /// `"` outside the command substitutions and expansions inside: a shell string.
    Shell,
}

/// The deepest nesting of block comments counted: deeper ones close as if at this depth, so a
/// hostile run of `/*` costs no more state than a real comment.
const MAX_NESTING: u32 = 1024;

/// The longest delimiter of a C++ raw string.
const MAX_CPP_DELIM: usize = 16;

/// The longest heredoc word read: longer ones are no heredoc, so the state stays small.
const MAX_DELIM: usize = 32;

/// A word that closes a heredoc (or a C++ raw string), at most [`MAX_DELIM`] bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Delim {
    bytes: [u8; MAX_DELIM],
    len: u8,
}

impl Delim {
    fn new(word: &[u8]) -> Option<Self> {
        let mut bytes = [0; MAX_DELIM];
        bytes.get_mut(..word.len())?.copy_from_slice(word);
        Some(Self {
            bytes,
            len: u8::try_from(word.len()).ok()?,
        })
    }

    fn word(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// Which lines end a heredoc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeredocEnd {
    /// The word alone on its line (`<<EOF`).
    Exact,
    /// The word alone after indentation (`<<-EOF`, `<<~EOF`).
    Indented,
    /// PHP: the word after indentation, then anything but a word byte (`EOT;`).
    Php,
}

impl HeredocEnd {
    fn ends(self, line: &[u8], word: &[u8]) -> bool {
        let line = match self {
            Self::Exact => line,
            Self::Indented | Self::Php => line.trim_ascii_start(),
        };
        let Some(rest) = line.strip_prefix(word) else {
            return false;
        };
        match self {
            Self::Php => rest.first().is_none_or(|&b| !is_ident_byte(b)),
            // A line break written as CRLF leaves its CR.
            Self::Exact | Self::Indented => rest.trim_ascii_end().is_empty(),
        }
    }
}

/// Where a line ends up: the state carried to the next line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    /// Inside a heredoc's body, a document up to the line that ends it.
    Heredoc {
        delim: Delim,
        end: HeredocEnd,
    },
    /// Inside a block comment that this closes (`*/`, `-->`).
    Block(&'static [u8]),
    /// Inside this many nested `/* … */` comments (at most [`MAX_NESTING`]).
    Nested(u32),
    /// Inside a string that goes on over lines; `quiet` for a docstring.
    Str {
        closer: Closer,
        quiet: bool,
    },
}

/// A file's comments and strings, read a line at a time in order.
#[derive(Debug)]
pub(crate) struct CodeLexer {
    family: Family,
    state: State,
    /// Where the last line read closes a block comment it did not open (`*/`, `-->` in code),
    /// which a reader going backwards needs: the lines above are inside the comment.
    stray_close: Option<usize>,
    lang: Lang,
    /// A heredoc opened on the line being read: its body starts on the next line.
    heredoc: Option<(Delim, HeredocEnd)>,
    /// In markup, the `<script` or `<style` start tag being read, up to its `>`.
    start_tag: Option<Embedded>,
    /// In markup, the element whose body is being read in its own language.
    embedded: Option<Embedded>,
}

/// What closes Ruby's `=begin` block, at a line's start.
const RUBY_END: &[u8] = b"=end";

/// What closes Perl's POD documentation (`=head1`, `=pod`, …), at a line's start.
const POD_END: &[u8] = b"=cut";

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

impl CodeLexer {
    pub(crate) fn new(family: Family) -> Self {
        Self::with_lang(family, Lang::Other)
    }

    /// A lexer for the forms of `family` and those of `lang` within it.
    pub(crate) fn with_lang(family: Family, lang: Lang) -> Self {
        Self {
            family,
            state: State::Code,
            stray_close: None,
            lang,
            heredoc: None,
            start_tag: None,
            embedded: None,
        }
    }

    /// Where the last line read closes a block comment that opened on an earlier line, when
    /// read as if none were open at its start: the end of the `*/` or `-->`.
    pub(crate) fn stray_close(&self) -> Option<usize> {
        self.stray_close
    }

    /// Whether a block comment is open at the end of the last line read.
    pub(crate) fn in_block_comment(&self) -> bool {
        matches!(self.state, State::Block(_) | State::Nested(_))
    }

    /// Reads the next line (without its line break) and adds to `out` the ranges of it
    /// (offsets into `line`) that are comments or documentation, in order.
    pub(crate) fn quiet_ranges(&mut self, line: &[u8], out: &mut Vec<Range<usize>>) {
        self.stray_close = None;
        let mut at = 0;
        loop {
            let Some(kind) = self.embedded else {
                at = self.lex(line, at, out);
                if at < line.len() {
                    continue;
                }
                break;
            };
            // HTML ends a script or style at its end tag, whatever is open inside.
            let end_tag = end_tag(line, at, kind);
            self.lex(&line[..end_tag.unwrap_or(line.len())], at, out);
            let Some(end_tag) = end_tag else {
                break;
            };
            self.embedded = None;
            self.family = Family::Markup;
            self.state = State::Code;
            at = end_tag;
        }
        // A heredoc's body starts on the next line, after the rest of its opening line.
        if let Some((delim, end)) = self.heredoc.take()
            && self.state == State::Code
        {
            self.state = State::Heredoc { delim, end };
        }
    }

    /// Reads `line` from `from` to its end, adding its quiet ranges to `out`: where reading
    /// stopped, before the end only where a script or style element's body starts.
    fn lex(&mut self, line: &[u8], from: usize, out: &mut Vec<Range<usize>>) -> usize {
        let len = line.len();
        let mut quiet_from = match self.state {
            State::Block(_) | State::Nested(_) | State::Str { quiet: true, .. } => Some(from),
            _ => None,
        };
        // A quote byte whose look for a close failed: none of its kind closes later either.
        let mut unclosed = [false; 3];
        let mut at = from;
        while at < len {
            match self.state {
                // Ruby's `=begin` … `=end` and Perl's POD close only at a line's start.
                State::Block(closer @ (RUBY_END | POD_END)) => {
                    if at == 0 && line.starts_with(closer) {
                        out.push(0..len);
                        quiet_from = None;
                        self.state = State::Code;
                    }
                    at = len;
                }
                State::Heredoc { delim, end } => {
                    let word = delim.word();
                    at = len;
                    if end.ends(line, word) {
                        self.state = State::Code;
                        // PHP goes on after the word (`EOT;`, `EOT, $x);`).
                        if end == HeredocEnd::Php {
                            at = len - line.trim_ascii_start().len() + word.len();
                        }
                    }
                }
                State::Nested(depth) => {
                    let Some(found) = memchr::memchr2(b'/', b'*', &line[at..]) else {
                        at = len;
                        continue;
                    };
                    let index = at + found;
                    at = index + 1;
                    match (line[index], line.get(index + 1)) {
                        (b'/', Some(b'*')) => {
                            self.state = State::Nested(depth.saturating_add(1).min(MAX_NESTING));
                            at = index + 2;
                        }
                        (b'*', Some(b'/')) => {
                            at = index + 2;
                            self.state = State::Nested(depth - 1);
                            if depth == 1 {
                                out.push(quiet_from.take().unwrap_or(0)..at);
                                self.state = State::Code;
                            }
                        }
                        _ => {}
                    }
                }
                State::Block(closer) => match memchr::memmem::find(&line[at..], closer) {
                    Some(found) => {
                        at += found + closer.len();
                        out.push(quiet_from.take().unwrap_or(0)..at);
                        self.state = State::Code;
                    }
                    None => at = len,
                },
                State::Str { closer, quiet } => match close(line, at, closer) {
                    Some(end) => {
                        if quiet {
                            out.push(quiet_from.take().unwrap_or(0)..end);
                        }
                        at = end;
                        self.state = State::Code;
                    }
                    None => at = len,
                },
                State::Code => {
                    let byte = line[at];
                    let next = line.get(at + 1).copied();
                    let before = at.checked_sub(1).map(|i| line[i]);
                    match byte {
                        b'/' if self.family.slash()
                            && next == Some(b'/')
                            && before != Some(b':') =>
                        {
                            out.push(at..len);
                            at = len;
                            break;
                        }
                        b'/' if self.family.slash() && next != Some(b'*') => {
                            at = regex_literal(line, at).unwrap_or(at + 1);
                        }
                        // A quote in a Ruby or Perl pattern (`gsub(/"/, '')`, `=~ /"/`) opens
                        // no string.
                        b'/' if matches!(self.lang, Lang::Ruby | Lang::Perl) => {
                            at = regex_literal(line, at).unwrap_or(at + 1);
                        }
                        // Nor one in Perl's quote-like operators (`s/"//g`, `s{"}{'}`, `qw(…)`).
                        b's' | b'm' | b'y' | b't' | b'q'
                            if self.lang == Lang::Perl
                                && before.is_none_or(|b| {
                                    !is_ident_byte(b) && !b"$@%&>-".contains(&b)
                                }) =>
                        {
                            at = perl_quote_like(line, at).unwrap_or(at + 1);
                        }
                        // Perl's and Ruby's `$"` and `$'` are variables (and Perl's `*"` a
                        // glob), not quotes.
                        b'$' | b'*'
                            if matches!(self.lang, Lang::Perl | Lang::Ruby)
                                && (byte == b'$' || self.lang == Lang::Perl)
                                && matches!(next, Some(b'"' | b'\'')) =>
                        {
                            at += 2;
                        }
                        // A shell's `\"` is a quote character, not a string.
                        b'\\' if self.lang == Lang::Shell => at += 2,
                        b'/' if self.family.blocks() && next == Some(b'*') => {
                            quiet_from = Some(at);
                            self.state = if self.lang.nests_comments() {
                                State::Nested(1)
                            } else {
                                State::Block(b"*/")
                            };
                            at += 2;
                        }
                        b'*' if self.family.blocks() && next == Some(b'/') => {
                            self.stray_close.get_or_insert(at + 2);
                            at += 2;
                        }
                        b'-' if self.family == Family::Markup && line[at..].starts_with(b"-->") => {
                            self.stray_close.get_or_insert(at + 3);
                            at += 3;
                        }
                        b'<' if self.family == Family::Markup
                            && line[at..].starts_with(b"<!--") =>
                        {
                            quiet_from = Some(at);
                            self.state = State::Block(b"-->");
                            at += 4;
                        }
                        b'<' if self.lang.heredocs() && next == Some(b'<') => {
                            at = self.heredoc_open(line, at);
                        }
                        b'<' if self.family == Family::Markup => {
                            at = self.start_tag(line, at);
                        }
                        b'>' if self.family == Family::Markup && self.start_tag.is_some() => {
                            let kind = self.start_tag.take();
                            at += 1;
                            // `<script src="…" />` has no body.
                            if before != Some(b'/') {
                                self.embedded = kind;
                                self.family = match kind {
                                    Some(Embedded::Style) => Family::Css,
                                    _ => Family::Slash,
                                };
                                break;
                            }
                        }
                        // PowerShell's `<# … #>`.
                        b'<' if self.family.hash()
                            && next == Some(b'#')
                            && !matches!(self.lang, Lang::Shell | Lang::Ruby | Lang::Perl) =>
                        {
                            quiet_from = Some(at);
                            self.state = State::Block(b"#>");
                            at += 2;
                        }
                        b'=' if self.lang == Lang::Perl
                            && at == 0
                            && line.get(1).is_some_and(u8::is_ascii_alphabetic) =>
                        {
                            quiet_from = Some(0);
                            self.state = State::Block(POD_END);
                            at = len;
                        }
                        b'=' if self.family == Family::Hash
                            && at == 0
                            && line.starts_with(b"=begin")
                            && line.get(6).is_none_or(u8::is_ascii_whitespace) =>
                        {
                            quiet_from = Some(0);
                            self.state = State::Block(RUBY_END);
                            at = len;
                        }
                        // PHP takes `#` comments too, but `#[` is an attribute.
                        b'#' if (self.family.hash()
                            || (self.lang == Lang::Php && next != Some(b'[')))
                            && before.is_none_or(|b| b.is_ascii_whitespace()) =>
                        {
                            out.push(at..len);
                            at = len;
                            break;
                        }
                        b'"' | b'\'' | b'`' => {
                            at = self.quote(line, at, &mut unclosed, &mut quiet_from);
                        }
                        b'R' | b'u' | b'U' | b'L'
                            if self.lang == Lang::Cpp
                                && before.is_none_or(|b| !is_ident_byte(b)) =>
                        {
                            at = self.cpp_raw_string(line, at).unwrap_or(at + 1);
                        }
                        b'r' | b'b' | b'c'
                            if self.family.slash() && before.is_none_or(|b| !is_ident_byte(b)) =>
                        {
                            at = self.raw_string(line, at).unwrap_or(at + 1);
                        }
                        b'@' if self.family.slash() => {
                            let quote_at = if next == Some(b'$') { at + 2 } else { at + 1 };
                            if line.get(quote_at) == Some(&b'"') {
                                self.state = State::Str {
                                    closer: Closer::Verbatim,
                                    quiet: false,
                                };
                                at = quote_at + 1;
                            } else {
                                at += 1;
                            }
                        }
                        _ => at += 1,
                    }
                }
            }
        }
        let open = matches!(
            self.state,
            State::Block(_) | State::Nested(_) | State::Str { quiet: true, .. }
        );
        if let Some(from) = quiet_from.filter(|&from| from < len && open) {
            out.push(from..len);
        }
        at
    }

    /// Reads the quote at `at` in code: where code goes on after it (the string's end, or
    /// just past a quote that is no string).
    fn quote(
        &mut self,
        line: &[u8],
        at: usize,
        unclosed: &mut [bool; 3],
        quiet_from: &mut Option<usize>,
    ) -> usize {
        let byte = line[at];
        if byte == b'"' && self.lang.multi_line_quotes() {
            let closer = if self.lang == Lang::Shell {
                Closer::Shell
            } else {
                Closer::Quote(byte)
            };
            return close(line, at + 1, closer).unwrap_or_else(|| {
                self.state = State::Str {
                    closer,
                    quiet: false,
                };
                line.len()
            });
        }
        let triple = byte != b'`' && line[at..].starts_with(&[byte; 3]);
        if triple {
            // A Python string that stands first on its line (after its prefix letters) is a
            // docstring: documentation, like prose.
            let quiet = self.family == Family::Hash
                && line[..at]
                    .trim_ascii_start()
                    .iter()
                    .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'u' | b'b' | b'f'));
            if quiet {
                *quiet_from = Some(at);
            }
            self.state = State::Str {
                closer: Closer::Triple(byte),
                quiet,
            };
            return at + 3;
        }
        if byte == b'`' && self.family.slash() {
            // Template literals and Go raw strings go on over lines.
            self.state = State::Str {
                closer: Closer::Quote(b'`'),
                quiet: false,
            };
            return at + 1;
        }
        if byte == b'\'' && self.family.slash() {
            if let Some(end) = char_literal(line, at) {
                return end;
            }
            if let Some(end) = lifetime(line, at, self.lang == Lang::Rust) {
                return end;
            }
        }
        let slot = match byte {
            b'"' => 0,
            b'\'' => 1,
            _ => 2,
        };
        if unclosed[slot] {
            return at + 1;
        }
        match close(line, at + 1, Closer::Quote(byte)) {
            Some(end) => end,
            None => {
                unclosed[slot] = true;
                at + 1
            }
        }
    }

    /// The `<` at `at` in markup: where markup goes on, past `<script` or `<style` (whose
    /// body then starts after the tag's `>`).
    fn start_tag(&mut self, line: &[u8], at: usize) -> usize {
        for kind in [Embedded::Script, Embedded::Style] {
            let name = kind.name();
            let end = at + 1 + name.len();
            let named = line
                .get(at + 1..end)
                .is_some_and(|word| word.eq_ignore_ascii_case(name));
            if named
                && line
                    .get(end)
                    .is_none_or(|&b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            {
                self.start_tag = Some(kind);
                return end;
            }
        }
        at + 1
    }

    /// A heredoc opened by the `<<` at `at` (`<<EOF`, `<<-EOF`, `<<~EOF`, `<<'EOF'`,
    /// `<<"EOF"`, PHP's `<<<EOT`): remembered for the next line; where code goes on. A shift
    /// (`x << 2`, Ruby's `class << self`) or a here-string (`<<<`) is none.
    fn heredoc_open(&mut self, line: &[u8], at: usize) -> usize {
        let php = self.lang == Lang::Php;
        let mut index = at + 2;
        if php != (line.get(index) == Some(&b'<')) {
            return index + usize::from(!php);
        }
        index += usize::from(php);
        let mut end = HeredocEnd::Exact;
        if php {
            end = HeredocEnd::Php;
        } else if matches!(line.get(index), Some(b'-' | b'~')) {
            end = HeredocEnd::Indented;
            index += 1;
        }
        let blanks = line[index..]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t'))
            .count();
        index += blanks;
        let quote = line
            .get(index)
            .copied()
            .filter(|b| matches!(b, b'\'' | b'"'));
        // Ruby and Perl write a bare word right after `<<`; with a blank, after a value
        // (`1<<index($f)`) or before a call's bracket it is a shift.
        if quote.is_none() && matches!(self.lang, Lang::Ruby | Lang::Perl) {
            let after_value = at
                .checked_sub(1)
                .is_some_and(|i| line[i].is_ascii_alphanumeric() || matches!(line[i], b')' | b']'));
            let word = line[index..]
                .iter()
                .take_while(|&&b| is_ident_byte(b))
                .count();
            if blanks > 0 || after_value || line.get(index + word) == Some(&b'(') {
                return at + 2;
            }
        }
        let word = match quote {
            Some(quote) => {
                let start = index + 1;
                let reach = line.len().min(start + MAX_DELIM + 1);
                let Some(close) = line
                    .get(start..reach)
                    .and_then(|w| memchr::memchr(quote, w))
                else {
                    return at + 2;
                };
                index = start + close + 1;
                &line[start..start + close]
            }
            None => {
                if self.lang == Lang::Shell && line.get(index) == Some(&b'\\') {
                    index += 1;
                }
                let start = index;
                if !line
                    .get(start)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
                {
                    return at + 2;
                }
                let shell = self.lang == Lang::Shell;
                let word = line[start..]
                    .iter()
                    .take(MAX_DELIM + 1)
                    .take_while(|&&b| is_ident_byte(b) || (shell && matches!(b, b'-' | b'.')))
                    .count();
                index = start + word;
                // `$(( x << y ))`: a shift in arithmetic.
                if line[index..].trim_ascii_start().starts_with(b")") {
                    return at + 2;
                }
                &line[start..index]
            }
        };
        if word.is_empty() {
            return at + 2;
        }
        if let Some(delim) = Delim::new(word)
            && self.heredoc.is_none()
        {
            self.heredoc = Some((delim, end));
        }
        index
    }

    /// A C++ raw string (`R"(…)"`, `R"sql(…)sql"`, `u8R"…"`, `LR"…"`) opening at `at`: where
    /// code goes on. Its delimiter is at most 16 bytes, as the standard says.
    fn cpp_raw_string(&mut self, line: &[u8], at: usize) -> Option<usize> {
        let rest = &line[at..];
        let prefix = [&b"u8R"[..], b"uR", b"UR", b"LR", b"R"]
            .into_iter()
            .find(|prefix| rest.starts_with(prefix))?;
        let open = at + prefix.len();
        if line.get(open) != Some(&b'"') {
            return None;
        }
        let reach = line.len().min(open + 1 + MAX_CPP_DELIM + 1);
        let paren = line[open + 1..reach].iter().position(|&b| b == b'(')?;
        let delim = &line[open + 1..open + 1 + paren];
        if delim
            .iter()
            .any(|&b| b.is_ascii_whitespace() || b.is_ascii_control() || b"()\\\"".contains(&b))
        {
            return None;
        }
        self.state = State::Str {
            closer: Closer::CppRaw(Delim::new(delim)?),
            quiet: false,
        };
        Some(open + 1 + paren + 1)
    }

    /// A Rust raw string (`r"…"`, `r#"…"#`, `br"…"`) opening at `at`: where code goes on.
    fn raw_string(&mut self, line: &[u8], at: usize) -> Option<usize> {
        let mut index = at;
        if matches!(line[index], b'b' | b'c') {
            index += 1;
        }
        if line.get(index) != Some(&b'r') {
            return None;
        }
        index += 1;
        let hashes = line[index..].iter().take_while(|&&b| b == b'#').count();
        let hashes = u8::try_from(hashes).ok()?;
        index += usize::from(hashes);
        if line.get(index) != Some(&b'"') {
            return None;
        }
        self.state = State::Str {
            closer: Closer::Raw(hashes),
            quiet: false,
        };
        Some(index + 1)
    }
}

/// Where a string that is open at `from` closes on `line` (just past its closing quote).
fn close(line: &[u8], from: usize, closer: Closer) -> Option<usize> {
    let mut at = from;
    match closer {
        Closer::Quote(quote) | Closer::Triple(quote) => {
            let run = if matches!(closer, Closer::Triple(_)) {
                3
            } else {
                1
            };
            while let Some(found) = memchr::memchr2(quote, b'\\', &line[at.min(line.len())..]) {
                let index = at + found;
                if line[index] == b'\\' {
                    at = index + 2;
                    continue;
                }
                if line[index..].starts_with(&[quote; 3][..run]) {
                    return Some(index + run);
                }
                at = index + 1;
            }
            None
        }
        Closer::Raw(hashes) => {
            let hashes = usize::from(hashes);
            while let Some(found) = memchr::memchr(b'"', &line[at.min(line.len())..]) {
                let index = at + found;
                let after = &line[index + 1..];
                if after.len() >= hashes && after[..hashes].iter().all(|&b| b == b'#') {
                    return Some(index + 1 + hashes);
                }
                at = index + 1;
            }
            None
        }
        Closer::Shell => close_shell(line, from),
        Closer::CppRaw(delim) => {
            let delim = delim.word();
            while let Some(found) = memchr::memchr(b')', &line[at.min(line.len())..]) {
                let index = at + found;
                let after = &line[index + 1..];
                if after.starts_with(delim) && after.get(delim.len()) == Some(&b'"') {
                    return Some(index + 1 + delim.len() + 1);
                }
                at = index + 1;
            }
            None
        }
        Closer::Verbatim => {
            while let Some(found) = memchr::memchr(b'"', &line[at.min(line.len())..]) {
                let index = at + found;
                if line.get(index + 1) == Some(&b'"') {
                    at = index + 2;
                    continue;
                }
                return Some(index + 1);
            }
            None
        }
    }
}

/// The deepest command substitutions and expansions inside a shell string that are followed.
const MAX_SHELL_NESTING: usize = 16;

/// Where a shell `"…"` string open at `from` closes on `line`. Quotes inside a command
/// substitution (`"$(sed 's/"//' "$f")"`) or an expansion (`"${x:-"a"}"`) belong to it, not to
/// the string; they are followed up to [`MAX_SHELL_NESTING`] deep, in one pass.
fn close_shell(line: &[u8], from: usize) -> Option<usize> {
    // The contexts open inside the string, innermost last: `(`, `{`, or `"` for a string
    // inside one of them.
    let mut stack = [0u8; MAX_SHELL_NESTING];
    let mut depth: usize = 0;
    let mut at = from;
    while at < line.len() {
        let byte = line[at];
        let next = line.get(at + 1).copied();
        let top = depth.checked_sub(1).map_or(b'"', |i| stack[i]);
        match (top, byte) {
            (_, b'\\') => at += 1,
            (b'"', b'"') if depth == 0 => return Some(at + 1),
            (b'"', b'"') | (b'(', b')') | (b'{', b'}') => depth -= 1,
            (_, b'$') if matches!(next, Some(b'(' | b'{')) && depth < MAX_SHELL_NESTING => {
                stack[depth] = next.unwrap_or_default();
                depth += 1;
                at += 1;
            }
            (b'(', b'(') | (b'(' | b'{', b'"') if depth < MAX_SHELL_NESTING => {
                stack[depth] = byte;
                depth += 1;
            }
            (b'(' | b'{', b'\'') => {
                at += 1 + memchr::memchr(b'\'', line.get(at + 1..)?)?;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// A Perl quote-like operator opening at `at` (`s/a/b/`, `s{a}{b}`, `s|a|b|`, `tr/"/'/`,
/// `m!…!`, `q(…)`, `qq{…}`, `qw[…]`, `qr<…>`) and closing on its line: its end. Bracket
/// delimiters nest, and `s{…}{…}` takes a second pair.
fn perl_quote_like(line: &[u8], at: usize) -> Option<usize> {
    let word = line[at..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let parts = match &line[at..at + word] {
        b"s" | b"tr" | b"y" => 2,
        b"m" | b"q" | b"qq" | b"qw" | b"qr" | b"qx" => 1,
        _ => return None,
    };
    let mut index = at + word;
    let mut open = *line.get(index)?;
    if open.is_ascii_alphanumeric() || open.is_ascii_whitespace() || b"_=;)>}]".contains(&open) {
        return None;
    }
    for part in 1..=parts {
        let close = match open {
            b'{' => b'}',
            b'(' => b')',
            b'[' => b']',
            b'<' => b'>',
            other => other,
        };
        index += 1;
        let mut depth = 0usize;
        loop {
            // A pattern over lines (`s{…}{…}x`) is read to the line's end.
            let Some(&byte) = line.get(index) else {
                return Some(line.len());
            };
            if byte == b'\\' {
                index += 2;
                continue;
            }
            if byte == close {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if byte == open && open != close {
                depth += 1;
            }
            index += 1;
        }
        // A bracketed first part is followed by the second's own brackets; otherwise the
        // closing delimiter opens the second part.
        if part < parts && open != close {
            index += 1;
            while line.get(index).is_some_and(u8::is_ascii_whitespace) {
                index += 1;
            }
            let Some(&next) = line.get(index) else {
                return Some(line.len());
            };
            open = next;
        }
    }
    Some(index + 1)
}

/// How far a JavaScript regular expression literal is looked for: one is short.
const MAX_REGEX: usize = 256;

/// A JavaScript regular expression literal opening at `at` (`/['"`]/g`, `/^https?:\/\//`)
/// where an expression starts (after `(`, `,`, `=`, `:`, `[`, `!`, `&`, `|`, `?`, `{`, `;`, a
/// keyword such as `return`, or at the line's start), so a quote or `//` in it is neither a string nor a comment: its end.
/// After a value (`a / b`) a `/` divides.
fn regex_literal(line: &[u8], at: usize) -> Option<usize> {
    let code = line[..at].trim_ascii_end();
    let word_start = code
        .iter()
        .rposition(|&b| !is_ident_byte(b))
        .map_or(0, |i| i + 1);
    let keyword = matches!(
        &code[word_start..],
        b"return"
            | b"typeof"
            | b"case"
            | b"yield"
            | b"await"
            | b"in"
            | b"of"
            | b"void"
            | b"delete"
            | b"throw"
            | b"else"
            | b"do"
    );
    if !keyword && !code.last().is_none_or(|b| b"(,=:[!&|?{};~".contains(b)) {
        return None;
    }
    let mut index = at + 1;
    let mut in_class = false;
    let end = line.len().min(at + MAX_REGEX);
    while index < end {
        match line[index] {
            b'\\' => index += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            // `/a //` is a division and a comment, not a literal closed by a comment's slash.
            b'/' if !in_class => {
                let closes = index > at + 1 && !matches!(line.get(index + 1), Some(b'/' | b'*'));
                return closes.then_some(index + 1);
            }
            _ => {}
        }
        index += 1;
    }
    None
}

/// A char literal opening at `at` (`'x'`, `'"'`, `'é'`, `'\''`, `'\u{1F600}'`): its end.
fn char_literal(line: &[u8], at: usize) -> Option<usize> {
    let rest = line.get(at + 1..)?;
    if rest.first() == Some(&b'\\') {
        // An escape: the closing quote within the longest escape's reach.
        let reach = rest.len().min(12);
        let close = rest[2.min(reach)..reach].iter().position(|&b| b == b'\'')?;
        return Some(at + 1 + 2 + close + 1);
    }
    // One character, of up to four bytes.
    let width = match rest.first()? {
        b'\'' | b'\n' => return None,
        byte if *byte < 0x80 => 1,
        byte if *byte >= 0xF0 => 4,
        byte if *byte >= 0xE0 => 3,
        _ => 2,
    };
    (rest.get(width) == Some(&b'\'')).then_some(at + 1 + width + 1)
}

/// A Rust lifetime or label at `at` (`<'a>`, `&'a str`, `'static`, `'_`, `Foo<'de>`): its
/// end. In a Rust file (`rust`), where `'` quotes only a char, every `'` before a word that is
/// no char literal is one (`T: 'a`, `<'a, 'b: 'a>`, `'outer: loop`, `break 'outer`). In a
/// file of unknown language, a word in quotes (`'abc'`) or after other bytes
/// (`f('abc def')`) is a string.
fn lifetime(line: &[u8], at: usize, rust: bool) -> Option<usize> {
    let rest = line.get(at + 1..)?;
    if !rest
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return None;
    }
    let word = rest.iter().take_while(|&&b| is_ident_byte(b)).count();
    let after = rest.get(word).copied();
    if rust {
        return (after != Some(b'\'')).then_some(at + 1 + word);
    }
    if after == Some(b'\'') {
        return None;
    }
    let before = at.checked_sub(1).map(|i| line[i]);
    let is_lifetime = matches!(before, Some(b'<' | b'&'))
        || matches!(&rest[..word], b"static" | b"_")
        || after == Some(b'>');
    is_lifetime.then_some(at + 1 + word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quiet text of each line of `code`, joined by `|` per line.
    fn quiet(family: Family, code: &str) -> Vec<String> {
        quiet_in(family, Lang::Other, code)
    }

    #[test]
    fn block_comments_opened_mid_line_end_where_they_close() {
        assert_eq!(
            quiet(
                Family::Slash,
                "foo(); /* https://a */ bar(\"x\");\nint x; /* one\n two */ y = \"z\"; // c"
            ),
            ["/* https://a */", "/* one", " two */|// c"]
        );
    }

    #[test]
    fn lifetimes_and_char_literals_are_no_quotes() {
        assert_eq!(
            quiet(
                Family::Slash,
                "fn f<'a>(x: &'a str) -> &'static str { x } // https://a\nlet q = '\"'; // b\nlet e = '\\''; let s = \"//\"; // c\nconst U: &'static str = \"https://x\"; // d"
            ),
            ["// https://a", "// b", "// c", "// d"]
        );
        // A JavaScript string that starts with a word is still a string.
        assert_eq!(
            quiet(Family::Slash, "f('https://a', 'b c'); // d\nx = 'a // b';"),
            ["// d", ""]
        );
    }

    #[test]
    fn an_apostrophe_that_does_not_close_is_no_quote() {
        assert_eq!(
            quiet(Family::Hash, "echo don't # https://a\nx = 1 # it's here"),
            ["# https://a", "# it's here"]
        );
    }

    #[test]
    fn strings_over_lines_hide_their_comment_leaders() {
        assert_eq!(
            quiet(
                Family::Slash,
                "const t = `\n// not a comment\n`; // c\nlet r = r#\"\n// raw \"quoted\"\n\"#; // d\nvar v = @\"a \"\"//\"\"\n// v\"; // e"
            ),
            ["", "", "// c", "", "", "// d", "", "// e"]
        );
        assert_eq!(
            quiet(
                Family::Hash,
                "def f():\n    \"\"\"Docs: https://a\n    more # text\n    \"\"\"\n    SQL = '''\n# not a comment\n''' # c"
            ),
            [
                "",
                "\"\"\"Docs: https://a",
                "    more # text",
                "    \"\"\"",
                "",
                "",
                "# c"
            ]
        );
    }

    #[test]
    fn hashes_inside_words_and_urls_are_no_comments() {
        assert_eq!(
            quiet(
                Family::Hash,
                "curl https://x/#frag # c\necho $# ${x#y}\nurl = \"a #b\" # d"
            ),
            ["# c", "", "# d"]
        );
        // In C-like files `#` is never a comment (`#include`, `#[derive]`).
        assert_eq!(quiet(Family::Slash, "#include \"x.h\""), [""]);
    }

    #[test]
    fn markup_comments_open_and_close_anywhere() {
        assert_eq!(
            quiet(
                Family::Markup,
                "<a/> <!-- https://a --> <b href=\"x<!--y\"/>\n<c/><!-- one\ntwo --> <d/>"
            ),
            ["<!-- https://a -->", "<!-- one", "two -->"]
        );
    }

    #[test]
    fn powershell_and_ruby_block_comments_are_quiet() {
        assert_eq!(
            quiet(
                Family::Hash,
                "$u = 'a' <# https://a\n b #> ; $v = 'b'\n=begin\nhttps://c\n=end\nx = 1"
            ),
            ["<# https://a", " b #>", "=begin", "https://c", "=end", ""]
        );
    }

    #[test]
    fn regular_expressions_hold_no_quotes_or_comments() {
        assert_eq!(
            quiet(
                Family::Slash,
                "const ok = /^https?:\\/\\//.test(u) ? u : \"https://a\"; // b\nx = s.replace(/[`'\"]/g, \"\"); // c\nn = a / b / c; // d"
            ),
            ["// b", "// c", "// d"]
        );
    }

    /// The quiet text of each line of `code` read as `lang`.
    fn quiet_in(family: Family, lang: Lang, code: &str) -> Vec<String> {
        let mut lexer = CodeLexer::with_lang(family, lang);
        let mut ranges = Vec::new();
        code.lines()
            .map(|line| {
                ranges.clear();
                lexer.quiet_ranges(line.as_bytes(), &mut ranges);
                ranges
                    .iter()
                    .map(|range| &line[range.clone()])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn a_heredoc_body_is_a_document_up_to_its_word() {
        let shell = "cat > a.h <<'EOF' # c\n#define URL \"x\"\n\"\"\"\nEOF\n# d\ncat <<-\"END\" | tr a b\n\t# e\n\tEND\n# f\ncat << \\W\n# g\nW\n";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Shell, shell),
            ["# c", "", "", "", "# d", "", "", "", "# f", "", "", ""]
        );
        // A shift is no heredoc; a here-string has no body.
        assert_eq!(
            quiet_in(
                Family::Hash,
                Lang::Shell,
                "echo $(( x << y )) # a\ntr a b <<< \"$x\" # b\n# c"
            ),
            ["# a", "# b", "# c"]
        );
        let ruby =
            "class << self # a\nSQL = <<~SQL.strip # b\n  # not a comment\n  SQL\nx = 1 << 2 # c\n";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Ruby, ruby),
            ["# a", "# b", "", "", "# c"]
        );
        let php =
            "$a = <<<EOT\n// not a comment\n  EOT . f(); // a\n$b = <<<'NOW'\n# x\nNOW;\n# b\n";
        assert_eq!(
            quiet_in(Family::Slash, Lang::Php, php),
            ["", "", "// a", "", "", "", "# b"]
        );
        // In other languages `<<` is a shift.
        assert_eq!(
            quiet_in(Family::Hash, Lang::Other, "x = 1 <<EOF\n# a"),
            ["", "# a"]
        );
    }

    #[test]
    fn double_quoted_strings_go_on_over_lines_where_the_language_allows() {
        let shell =
            "HEADER=\"#pragma once\n#define U \\\"x\\\"\n\" # a\necho \\\" # b\nx=\"it's\" # c\n";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Shell, shell),
            ["", "", "# a", "# b", "# c"]
        );
        assert_eq!(
            quiet_in(Family::Hash, Lang::Other, "x = \"a\n# b"),
            ["", "# b"]
        );
        let rust = "let s = \"one\n// two\n\"; // a\n";
        assert_eq!(quiet_in(Family::Slash, Lang::Rust, rust), ["", "", "// a"]);
        let php = "$q = \"SELECT 1\n// x\n\"; // a\n";
        assert_eq!(quiet_in(Family::Slash, Lang::Php, php), ["", "", "// a"]);
        // A quote inside a Ruby or Perl pattern opens no string.
        assert_eq!(
            quiet_in(Family::Hash, Lang::Ruby, "s = x.gsub(/\"/, '') # a\n# b"),
            ["# a", "# b"]
        );
        assert_eq!(
            quiet_in(
                Family::Hash,
                Lang::Perl,
                "$x =~ s/\"//g; # a\ntr/\"/'/; # b\nmy $r = $a / $b; # c\n# d"
            ),
            ["# a", "# b", "# c", "# d"]
        );
    }

    #[test]
    fn cpp_raw_strings_hold_no_comments_or_quotes() {
        let cpp = "auto a = R\"(x \"y)\"; // a\nauto b = u8R\"sql(\n/* not */ \"\n)\" still\n)sql\"; // b\nauto c = LR\"(//)\" /* c */;\nchar R = 'x'; // d";
        assert_eq!(
            quiet_in(Family::Slash, Lang::Cpp, cpp),
            ["// a", "", "", "", "// b", "/* c */", "// d"]
        );
        // A delimiter over 16 bytes, or with a space, opens no raw string.
        let long = format!("auto s = R\"{}(x\n// a", "d".repeat(17));
        assert_eq!(quiet_in(Family::Slash, Lang::Cpp, &long), ["", "// a"]);
        assert_eq!(
            quiet_in(Family::Slash, Lang::Cpp, "f(R\"a b(\"); // a"),
            ["// a"]
        );
    }

    #[test]
    fn rust_block_comments_nest() {
        let rust = "a(); /* x /* y */ still */ b(); // c\n/* one\n/* two */ three\n*/ d();\n/*/ e */ f(); /**/ g();";
        assert_eq!(
            quiet_in(Family::Slash, Lang::Rust, rust),
            [
                "/* x /* y */ still */|// c",
                "/* one",
                "/* two */ three",
                "*/",
                "/*/ e */|/**/"
            ]
        );
        // In C they do not.
        assert_eq!(
            quiet_in(Family::Slash, Lang::Other, "/* x /* y */ z */"),
            ["/* x /* y */"]
        );
        // A million openers cost no more than the cap's count and close at its depth.
        let deep = format!(
            "{}{} x",
            "/*".repeat(1_000_000),
            "*/".repeat(MAX_NESTING as usize)
        );
        assert_eq!(
            quiet_in(Family::Slash, Lang::Rust, &deep)[0].len(),
            deep.len() - 2
        );
    }

    #[test]
    fn rust_lifetimes_and_labels_in_bounds_are_no_quotes() {
        let rust = "impl<'a, 'b: 'a, T: 'a + Send> X<'a> where T: 'b { // it's a\n'outer: loop { if c == '\"' { break 'outer; } } // b\nfn f(x: &'a str) -> &'static str { \"s\" } // c's\nlet c = b'x'; let d = '\\u{1F600}'; // d";
        assert_eq!(
            quiet_in(Family::Slash, Lang::Rust, rust),
            ["// it's a", "// b", "// c's", "// d"]
        );
        // Elsewhere a quoted word is a string.
        assert_eq!(
            quiet_in(Family::Slash, Lang::Other, "f('a // b', 'c'); // d"),
            ["// d"]
        );
    }

    #[test]
    fn script_and_style_bodies_are_read_as_their_languages() {
        let html = "<p>// a</p><script>\n// b <!-- c\nconst u = `\n<!--`; /* d */ x(); </SCRIPT> <!-- e --> <p>/* f */</p>\n<script\n  lang=\"ts\"\n>let s = \"</script>\"; // g\n<style>a { background: url(//cdn/x.png) } /* h */ p::after { content: \"//\" }</style> // i\n<script src=\"a.js\" /> // j";
        assert_eq!(
            quiet_in(Family::Markup, Lang::Other, html),
            [
                "",
                "// b <!-- c",
                "",
                "/* d */|<!-- e -->",
                "",
                "",
                "",
                "/* h */",
                ""
            ]
        );
        // A script left open at the end of a line goes on to the next.
        assert_eq!(
            quiet_in(
                Family::Markup,
                Lang::Other,
                "<script>/* a\nb */ c\n</script>"
            ),
            ["/* a", "b */", ""]
        );
    }

    #[test]
    fn perl_pod_and_php_hash_comments_are_quiet() {
        let perl = "my $u = 1; # a\n=head1 NAME\n\nShip \"events\n=cut\nmy $v = \"x\"; # b";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Perl, perl),
            ["# a", "=head1 NAME", "", "Ship \"events", "=cut", "# b"]
        );
        assert_eq!(
            quiet_in(
                Family::Slash,
                Lang::Php,
                "$a = 1; # a\n#[Attr('x')]\nfunction f() {} // b"
            ),
            ["# a", "", "// b"]
        );
    }

    #[test]
    fn quotes_inside_a_shell_substitution_are_its_own() {
        let shell = "P=\"$(sed -n 's/^x=\"\\([^\"]*\\)\"$/\\1/p' \"$F\")\" # a\nD=\"${X:-\"a b\"}\" # b\nE=\"$(( 1 + (2) ))\" # c\nQ=\"${Y%%$'\\n'*}\" # d";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Shell, shell),
            ["# a", "# b", "# c", "# d"]
        );
        // Deeper than the cap, the string still ends in one pass.
        let deep = format!("x=\"{}\" # a", "$(".repeat(40));
        assert_eq!(quiet_in(Family::Hash, Lang::Shell, &deep), [""]);
    }

    #[test]
    fn perl_and_ruby_quote_variables_open_no_string() {
        assert_eq!(
            quiet_in(Family::Hash, Lang::Perl, "local $\" = ', '; # a\n# b"),
            ["# a", "# b"]
        );
        assert_eq!(
            quiet_in(Family::Hash, Lang::Ruby, "puts $\"; x = $' # a\n# b"),
            ["# a", "# b"]
        );
    }

    #[test]
    fn quotes_in_perl_quote_like_operators_open_no_string() {
        let perl = "$p =~ s|/\\z|| unless $p eq \"/\"; # a\n$x =~ s{\"}{'}g; # b\nmy @w = qw(a \"b c); # c\n$y = q{it's {nested}}; # d\nprint -s $f; my %h = (y => 1, s => 2); # e\n# f";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Perl, perl),
            ["# a", "# b", "# c", "# d", "# e", "# f"]
        );
        // A pattern over lines is read to its first line's end; a shift after a value is no
        // heredoc.
        let more = "$s =~ s{ \" # in the pattern\nmap { m,/, ? 1 : \"$d/\" } @f; # b\n$n |= (1<<index($f, $_)); # c\n*X = *\"; # d\nC<#define> # e\n# f";
        assert_eq!(
            quiet_in(Family::Hash, Lang::Perl, more),
            ["", "# b", "# c", "# d", "# e", "# f"]
        );
    }

    #[test]
    fn an_unterminated_heredoc_or_a_long_word_is_bounded() {
        // The body runs to the end; the state holds at most 32 bytes of word.
        let mut code = String::from("cat <<EOF\n");
        code.push_str(&"# x\n".repeat(1000));
        assert!(
            quiet_in(Family::Hash, Lang::Shell, &code)
                .iter()
                .all(String::is_empty)
        );
        let long = format!("cat <<{}\n# a\n", "W".repeat(40));
        assert_eq!(quiet_in(Family::Hash, Lang::Shell, &long), ["", "# a"]);
    }

    #[test]
    fn a_line_of_quotes_is_read_once() {
        // Every escaped quote would look for a close again without the memory of a failed one.
        let line = "'\\".repeat(20_000);
        let mut ranges = Vec::new();
        CodeLexer::new(Family::Hash).quiet_ranges(line.as_bytes(), &mut ranges);
        assert!(ranges.is_empty());
    }

    /// Pieces of code that open, close or look like comments and strings.
    const FRAGMENTS: &[&str] = &[
        "/*",
        "*/",
        "//",
        "/",
        "*",
        "#",
        " # ",
        "\"",
        "'",
        "`",
        "\"\"\"",
        "'''",
        "\\",
        "r#\"",
        "\"#",
        "br\"",
        "@\"",
        "@$\"",
        "<'a>",
        "&'a ",
        "'static",
        "'\"'",
        "'\\''",
        "x",
        " ",
        "://",
        "é",
        "😀",
        "'é'",
        "<!--",
        "-->",
        "<#",
        "#>",
        "=begin",
        "=end",
        "\n",
        "<<EOF",
        "<<-'EOF'",
        "<<~X",
        "<<<E",
        "EOF",
        "\tEOF",
        "X",
        "E;",
        "<< ",
        "s/",
        "=~ /",
        "\\\"",
        "R\"x(",
        ")x\"",
        "u8R\"(",
        ")\"",
        "<script>",
        "</script>",
        "<style a>",
        "</STYLE>",
        "<script",
        ">",
        "/>",
    ];

    proptest::proptest! {
        // Half of all lines leave a string or comment open and are set aside.
        #![proptest_config(proptest::prelude::ProptestConfig {
            max_global_rejects: 100_000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Any code is read without a panic into ranges in order, apart, inside their line and
        /// on character boundaries.
        #[test]
        fn quiet_ranges_are_ordered_slices_of_their_line(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60),
            family in proptest::sample::select(
                &[Family::Slash, Family::Hash, Family::Any, Family::Markup][..]
            ),
            lang in proptest::sample::select(
                &[Lang::Other, Lang::Shell, Lang::Ruby, Lang::Perl, Lang::Php, Lang::MultiLineQuotes, Lang::Rust, Lang::Cpp, Lang::NestedComments][..]
            ),
        ) {
            let code = parts.concat();
            let mut lexer = CodeLexer::with_lang(family, lang);
            let mut ranges = Vec::new();
            for line in code.split('\n') {
                ranges.clear();
                lexer.quiet_ranges(line.as_bytes(), &mut ranges);
                let mut end = 0;
                for range in &ranges {
                    proptest::prop_assert!(range.start >= end && range.start < range.end);
                    proptest::prop_assert!(range.end <= line.len());
                    proptest::prop_assert!(line.is_char_boundary(range.start));
                    proptest::prop_assert!(line.is_char_boundary(range.end));
                    end = range.end;
                }
            }
        }

        /// A `//` comment written after a line of code that leaves no comment or string open
        /// is a comment, and nothing before it changes.
        #[test]
        fn a_comment_after_closed_code_is_quiet(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..20),
            lang in proptest::sample::select(
                &[Lang::Other, Lang::Rust, Lang::Cpp, Lang::NestedComments][..]
            ),
        ) {
            let line = parts.concat().replace('\n', " ");
            let mut lexer = CodeLexer::with_lang(Family::Slash, lang);
            let mut before = Vec::new();
            lexer.quiet_ranges(line.as_bytes(), &mut before);
            proptest::prop_assume!(lexer.state == State::Code && lexer.start_tag.is_none());
            let commented = format!("{line} // https://a");
            let mut after = Vec::new();
            CodeLexer::with_lang(Family::Slash, lang).quiet_ranges(commented.as_bytes(), &mut after);
            let mut expected = before.clone();
            match expected.last_mut() {
                Some(last) if last.end == line.len() && line[last.start..].starts_with("//") => {
                    last.end = commented.len();
                }
                _ => expected.push(line.len() + 1..commented.len()),
            }
            proptest::prop_assert_eq!(after, expected);
        }
    }
}
