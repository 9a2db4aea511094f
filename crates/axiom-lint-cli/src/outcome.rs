//! What became of each input: values the parallel workers hand back to the one thread that
//! reports, so no worker ever writes to a terminal or holds its lock.

use std::path::PathBuf;

use axiom_lint::{LintResult, SourceFile};

/// A file after linting.
pub(crate) struct Linted {
    pub(crate) source: SourceFile,
    pub(crate) result: LintResult,
    /// Where `--fix` writes; `None` for standard input.
    pub(crate) disk_path: Option<PathBuf>,
    /// The file is not UTF-8 (or was decoded from UTF-16): it was linted from a converted copy,
    /// which must never be written back.
    pub(crate) lossy: bool,
}

/// What became of one input.
pub(crate) enum Outcome {
    /// The file was read and linted.
    Linted(Box<Linted>),
    /// The input was deliberately not linted (too large, not a regular file, encrypted, not a
    /// format axiom-lint reads): a note, not an error.
    Skipped { path: String, reason: String },
    /// A file a directory walk's text scan passes over (binary, a lock file, generated or
    /// minified): counted in the summary, without a note for each, since a repository holds
    /// many.
    PassedOver {
        path: String,
        reason: axiom_lint::pass_over::PassOver,
    },
    /// The input could not be read or walked; reported as an error, and the run exits 2.
    Failed {
        /// Empty when the walker's message names the path itself.
        path: String,
        message: String,
    },
}

impl Outcome {
    /// The path the outcome is about, for sorting.
    pub(crate) fn path(&self) -> &str {
        match self {
            Self::Linted(file) => &file.source.path,
            Self::Skipped { path, .. }
            | Self::PassedOver { path, .. }
            | Self::Failed { path, .. } => path,
        }
    }
}
