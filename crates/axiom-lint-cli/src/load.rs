//! Reading a file to lint: a capped read of a regular file, and its bytes to a linted file,
//! the same for `check` and `history`.

use std::io::Read;
use std::path::Path;

use axiom_lint::SourceFile;

use crate::outcome::Linted;

/// Files larger than this are configuration by no one's definition; they are skipped.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

pub(crate) const TOO_LARGE: &str = "larger than 10 MiB";

/// A file's bytes, or why they were not read.
pub(crate) enum Loaded {
    Bytes(Vec<u8>),
    Skipped(&'static str),
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. The checks are made on the open handle
/// and the read itself is capped, so a file swapped for a FIFO or a growing file after
/// discovery cannot block or exhaust memory.
pub(crate) fn read_capped(path: &Path) -> std::io::Result<Loaded> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Ok(Loaded::Skipped("not a regular file"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Ok(Loaded::Skipped(TOO_LARGE));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or_default());
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Loaded::Skipped(TOO_LARGE));
    }
    Ok(Loaded::Bytes(bytes))
}

/// Lints what was read from a file, a blob or standard input: a binary file meant for the
/// text scan is passed over; otherwise [`axiom_lint::lint_bytes`] (UTF-16 is decoded, other
/// text that is not UTF-8 is linted from a lossy copy, and neither is ever written back).
pub(crate) fn lint_read(
    shown: &str,
    bytes: Vec<u8>,
    format: axiom_lint::Format,
    settings: &axiom_lint::Settings,
) -> Linted {
    // The text scan reads text: a file with NUL bytes or that is not UTF-8 is binary to it.
    if matches!(format, axiom_lint::Format::Text(_)) && axiom_lint::pass_over::is_binary(&bytes) {
        return Linted {
            source: SourceFile::new(shown, String::new(), format),
            result: axiom_lint::LintResult {
                skipped: Some("a binary file"),
                ..axiom_lint::LintResult::default()
            },
            disk_path: None,
            lossy: false,
        };
    }
    let linted = axiom_lint::lint_bytes(shown, bytes, format, settings);
    Linted {
        source: linted.source,
        result: linted.result,
        disk_path: None,
        lossy: !linted.lossless,
    }
}
