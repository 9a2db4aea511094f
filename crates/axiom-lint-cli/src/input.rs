//! Standard input: read once, before anything can fail, its format taken from
//! `--stdin-filename` or (with no name) from its content, and with `--fix -` given back whole
//! on every path, so an editor piping its buffer through never loses it.

use std::io::{Read, Write};
use std::path::PathBuf;

use axiom_lint::{Format, TextComments};

use crate::args::CheckArgs;
use crate::outcome::Linted;
use crate::settings::RunSettings;

/// Whether the run reads standard input: `-` among the paths, or `--stdin-filename` alone.
pub(crate) fn requested(args: &CheckArgs) -> bool {
    args.paths.iter().any(|path| path.as_os_str() == "-")
        || (args.paths.is_empty() && args.stdin_filename.is_some())
}

/// Whether raw arguments that clap rejected asked to fix standard input: the content must
/// still go back, though the run itself cannot start.
pub(crate) fn raw_args_fix_stdin(args: &[std::ffi::OsString]) -> bool {
    let has = |wanted: &str| args.iter().any(|arg| arg == wanted);
    let stdin = has("-")
        || args.iter().any(|arg| {
            arg.to_str().is_some_and(|arg| {
                arg == "--stdin-filename" || arg.starts_with("--stdin-filename=")
            })
        });
    (has("--fix") || has("--unsafe-fixes")) && !has("--diff") && stdin
}

/// Standard input as read. With `give_back` set (`--fix -`), dropping it writes the content
/// to standard output unless [`Stdin::deliver`] wrote a fixed version first: every return,
/// error or panic path of the run gives the buffer back.
pub(crate) struct Stdin {
    /// What was read: all of it, or the first [`crate::load::MAX_FILE_BYTES`] + 1 bytes.
    bytes: Vec<u8>,
    /// More than the cap was sent; the rest is still unread.
    pub(crate) too_large: bool,
    /// A read error, reported when the input is linted.
    error: Option<String>,
    give_back: bool,
    delivered: bool,
}

impl Stdin {
    /// Reads standard input up to the size cap.
    pub(crate) fn read(give_back: bool) -> Self {
        Self::read_from(std::io::stdin().lock(), give_back)
    }

    fn read_from(reader: impl Read, give_back: bool) -> Self {
        let mut bytes = Vec::new();
        let error = reader
            .take(crate::load::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .err()
            .map(|e| format!("standard input: {e}"));
        let too_large = bytes.len() as u64 > crate::load::MAX_FILE_BYTES;
        Self {
            bytes,
            too_large,
            error,
            give_back,
            delivered: false,
        }
    }

    /// Writes the fixed content in place of the original.
    pub(crate) fn deliver(&mut self, fixed: &[u8]) {
        if self.give_back && !self.delivered {
            crate::emit::raw_stdout(fixed);
            self.delivered = true;
        }
    }
}

impl Drop for Stdin {
    fn drop(&mut self) {
        if !self.give_back || self.delivered {
            return;
        }
        self.delivered = true;
        if self.too_large {
            // The head, then whatever is still unread, unchanged.
            let _ = crate::emit::echo_stdin(&self.bytes);
        } else {
            crate::emit::raw_stdout(&self.bytes);
        }
    }
}

/// Why standard input was not linted.
pub(crate) enum StdinError {
    Read(String),
    TooLarge,
}

/// Lints standard input; `None` when `--force-exclude` excludes its name.
pub(crate) fn lint(
    args: &CheckArgs,
    run: &RunSettings,
    stdin: &Stdin,
) -> Result<Option<Linted>, StdinError> {
    if let Some(name) = &args.stdin_filename
        && run.force_exclude
        && run.is_excluded(name)
    {
        return Ok(None);
    }
    if let Some(error) = &stdin.error {
        return Err(StdinError::Read(error.clone()));
    }
    if stdin.too_large {
        return Err(StdinError::TooLarge);
    }
    let (name, format) = match &args.stdin_filename {
        // A named file of no format axiom-lint parses is read by the token scan, as a
        // named file on the command line is.
        Some(name) => (
            name.clone(),
            Format::detect(name).map_or_else(|| Format::text(name), |d| d.format),
        ),
        None => {
            let format = guess(&stdin.bytes);
            crate::emit::stderr(&format!(
                "note: standard input: no --stdin-filename; read as {} from its content\n",
                format.name()
            ));
            (PathBuf::from(stand_in_name(format)), format)
        }
    };
    Ok(Some(crate::load::lint_read(
        &crate::display_path(&name),
        stdin.bytes.clone(),
        format,
        &run.for_file(&name),
    )))
}

/// The name standard input is shown and matched under when it has none: `stdin` with the
/// extension of the format it was read as.
fn stand_in_name(format: Format) -> &'static str {
    match format {
        Format::Toml => "stdin.toml",
        Format::Json => "stdin.json",
        Format::Jsonc => "stdin.jsonc",
        Format::Dotenv => "stdin.env",
        Format::Hcl => "stdin.tf",
        Format::Yaml => "stdin.yaml",
        Format::FluentBit => "fluent-bit.conf",
        Format::Systemd => "stdin.service",
        Format::Text(_) => "stdin",
    }
}

/// The format of unnamed content, from its shape (the one place DESIGN.md allows it): a JSON
/// object or array; a YAML document marker or `key: value` mapping; an HCL block
/// (`name "label" {`); a TOML table header or `key = value`; dotenv's `NAME=value`; else the
/// token scan. Reads at most the first few hundred significant lines.
pub(crate) fn guess(bytes: &[u8]) -> Format {
    const LINES: usize = 400;
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let significant = || {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with("//"))
            .take(LINES)
    };
    let Some(first) = significant().next() else {
        return Format::Text(TextComments::Hash);
    };
    if first.starts_with('{') {
        return if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
            Format::Json
        } else {
            Format::Jsonc
        };
    }
    if first.starts_with('[')
        && (serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() || !is_table_header(first))
    {
        return Format::Json;
    }
    if first == "---" || first.starts_with("--- ") || first.starts_with("%YAML") {
        return Format::Yaml;
    }
    let kinds: Vec<Line> = significant().map(classify).collect();
    if kinds.contains(&Line::Block) {
        return Format::Hcl;
    }
    if kinds.contains(&Line::TableHeader) {
        return Format::Toml;
    }
    let first_kind = kinds.iter().copied().find(|kind| *kind != Line::Other);
    match first_kind {
        Some(Line::Mapping) => Format::Yaml,
        Some(Line::Assignment | Line::DotenvAssignment)
            if kinds.iter().all(|kind| *kind != Line::Assignment) =>
        {
            Format::Dotenv
        }
        Some(Line::Assignment | Line::DotenvAssignment) => Format::Toml,
        _ => Format::Text(TextComments::Hash),
    }
}

/// What one significant line looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// `[table]` or `[[array]]`.
    TableHeader,
    /// `name "label" {` or `name {`.
    Block,
    /// `key: value`, `key:`, or `- item`.
    Mapping,
    /// `NAME=value` or `export NAME=value`: no space before `=`, a variable's name.
    DotenvAssignment,
    /// `key = value`.
    Assignment,
    Other,
}

fn classify(line: &str) -> Line {
    if is_table_header(line) {
        return Line::TableHeader;
    }
    if line.starts_with("- ") || line == "-" {
        return Line::Mapping;
    }
    let dotenv = line.strip_prefix("export ").map_or(line, str::trim_start);
    let name_end = dotenv
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(dotenv.len());
    if name_end > 0
        && dotenv[name_end..].starts_with('=')
        && !dotenv[name_end..].starts_with("==")
        && !dotenv.starts_with(|c: char| c.is_ascii_digit())
    {
        return Line::DotenvAssignment;
    }
    let key_end = key_end(line);
    if key_end == 0 {
        return Line::Other;
    }
    let rest = line[key_end..].trim_start();
    if rest.starts_with('=') && !rest.starts_with("==") {
        return Line::Assignment;
    }
    if rest == ":" || rest.starts_with(": ") || rest.starts_with(":\t") {
        return Line::Mapping;
    }
    if is_block_opener(line) {
        return Line::Block;
    }
    Line::Other
}

/// Where a leading key ends: a bare word (letters, digits, `_`, `-`, `.`) or a quoted string.
fn key_end(line: &str) -> usize {
    if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        return line[1..].find(quote).map_or(0, |end| end + 2);
    }
    line.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(line.len())
}

/// `[name]`, `[a.b]`, `["quoted"]`, `[[name]]`, with an optional comment after.
fn is_table_header(line: &str) -> bool {
    let line = line
        .split_once(" #")
        .map_or(line, |(head, _)| head)
        .trim_end();
    let inner = line
        .strip_prefix("[[")
        .and_then(|rest| rest.strip_suffix("]]"))
        .or_else(|| {
            line.strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
        });
    inner.is_some_and(|inner| {
        let inner = inner.trim();
        !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' '))
    })
}

/// An HCL block opener: an identifier, then labels (quoted strings or identifiers), then `{`
/// ending the line.
fn is_block_opener(line: &str) -> bool {
    let Some(head) = line.strip_suffix('{') else {
        return false;
    };
    let mut words = 0;
    let mut rest = head.trim();
    while !rest.is_empty() {
        let end = if let Some(quoted) = rest.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => end + 2,
                None => return false,
            }
        } else {
            if words == 0 && !rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
                return false;
            }
            rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-')))
                .unwrap_or(rest.len())
        };
        if end == 0 {
            return false;
        }
        rest = rest[end..].trim_start();
        words += 1;
    }
    words > 0
}

/// Hands the whole of standard input back when a run that fixes it cannot start (clap
/// rejected the arguments).
pub(crate) fn give_back_unread() {
    let mut out = std::io::stdout().lock();
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut out).and_then(|_| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_content_is_read_in_the_format_its_shape_shows() {
        let cases: &[(&str, Format)] = &[
            ("{\"token\": \"x\"}", Format::Json),
            ("// settings\n{\"a\": 1,}\n", Format::Jsonc),
            ("[1, 2]", Format::Json),
            ("[\n  {\"a\": 1}\n]", Format::Json),
            ("[sinks.axiom]\ntype = \"axiom\"\n", Format::Toml),
            ("# a comment\n[[servers]]\nname = 'x'\n", Format::Toml),
            (
                "token = \"x\"\nurl = \"https://api.axiom.co\"\n",
                Format::Toml,
            ),
            ("---\nsinks: {}\n", Format::Yaml),
            (
                "sinks:\n  axiom:\n    url: https://api.axiom.co\n",
                Format::Yaml,
            ),
            ("- name: x\n  url: y\n", Format::Yaml),
            (
                "AXIOM_TOKEN=xaat-x\nexport AXIOM_URL=https://api.axiom.co\n",
                Format::Dotenv,
            ),
            (
                "provider \"axiom\" {\n  api_token = var.token\n}\n",
                Format::Hcl,
            ),
            ("locals {\n  url = \"x\"\n}\n", Format::Hcl),
            ("region = \"eu\"\nterraform {\n}\n", Format::Hcl),
            (
                "curl -H 'Authorization: Bearer x' https://api.axiom.co\n",
                Format::Text(TextComments::Hash),
            ),
            ("", Format::Text(TextComments::Hash)),
        ];
        for (content, expected) in cases {
            assert_eq!(guess(content.as_bytes()), *expected, "{content:?}");
        }
    }

    #[test]
    fn a_read_larger_than_the_cap_keeps_the_head_and_says_so() {
        let big = vec![b'a'; usize::try_from(crate::load::MAX_FILE_BYTES).unwrap_or_default() + 10];
        let stdin = Stdin::read_from(big.as_slice(), false);
        assert!(stdin.too_large);
        assert_eq!(stdin.bytes.len() as u64, crate::load::MAX_FILE_BYTES + 1);
    }
}
