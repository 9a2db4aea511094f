//! The command's only exits for text. Whatever produced it (a report, an echoed argument, a
//! file name, a configuration error, clap), text is redacted on its way out, so no token body
//! reaches a terminal, a log or a pipe. Only a file's own content (`--fix -`) passes as is.

use std::io::{Read, Write};
use std::process::ExitCode;

/// Writes redacted text to standard output.
pub(crate) fn stdout(text: &str) {
    let _ = std::io::stdout()
        .lock()
        .write_all(axiom_lint::redact(text).as_bytes());
}

/// Writes redacted text to standard error.
pub(crate) fn stderr(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(axiom_lint::redact(text).as_bytes());
}

/// The content of the file being fixed through standard input, as is: it is the user's own
/// text going back where it came from.
pub(crate) fn raw_stdout(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}

/// Echoes `head` and the rest of standard input to standard output unchanged.
pub(crate) fn echo_stdin(head: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(head)
        .and_then(|()| std::io::copy(&mut std::io::stdin().lock().take(u64::MAX), &mut out))
        .and_then(|_| out.flush())
        .map_err(|e| format!("standard output: {e}"))
}

/// Prints text and succeeds.
pub(crate) fn print(text: &str) -> ExitCode {
    stdout(text);
    ExitCode::SUCCESS
}

/// Prints `error: message` and exits 2.
pub(crate) fn error(message: &str) -> ExitCode {
    stderr(&format!("error: {message}\n"));
    ExitCode::from(crate::USAGE_ERROR)
}

/// A writer that redacts what passes through it, a line at a time: a streamed report is
/// redacted like a printed one. Output lines never split a token (source excerpts are masked
/// before rendering), so a token is always whole within the line it is redacted in.
pub(crate) struct Redacting<W: Write> {
    inner: W,
    /// The unfinished last line.
    pending: Vec<u8>,
}

impl<W: Write> Redacting<W> {
    pub(crate) fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_redacted(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(axiom_lint::redact(&text).as_bytes())
    }
}

impl<W: Write> Write for Redacting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last_newline) = memchr::memrchr(b'\n', &self.pending) {
            let rest = self.pending.split_off(last_newline + 1);
            let complete = std::mem::replace(&mut self.pending, rest);
            self.write_redacted(&complete)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.write_redacted(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Redacting<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
