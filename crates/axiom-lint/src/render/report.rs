//! What every machine report shares: one linted file as the renderers see it, the run's
//! totals, a command's annotation on each finding, and pretty-printed JSON written in pieces.

use std::io::{self, Write};

use serde::Serialize;

use crate::LintResult;
use crate::diagnostic::Applicability;
use crate::registry::Severity;
use crate::source::SourceFile;

/// One linted file, as the renderers see it.
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    /// The file.
    pub source: &'a SourceFile,
    /// What linting it found (after selection, suppression and baseline).
    pub result: &'a LintResult,
    /// The path to report: relative to the repository root for SARIF and GitHub, whose
    /// consumers resolve paths against the checkout, not the working directory.
    pub path: &'a str,
}

/// Totals for a run, gathered file by file as the files are reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files linted.
    pub files: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Findings `--fix` can fix on its own.
    pub fixable: usize,
    /// Findings only `--unsafe-fixes` can fix.
    pub unsafe_fixable: usize,
    /// Findings a baseline accepted, so not reported: counted by the caller, which applied it.
    pub baseline_accepted: usize,
}

impl Summary {
    /// Counts the findings of every file.
    pub fn of(files: &[FileReport<'_>]) -> Self {
        let mut summary = Self::default();
        for file in files {
            summary.add(file.result);
        }
        summary
    }

    /// Adds one file and its findings.
    pub fn add(&mut self, result: &LintResult) {
        self.files += 1;
        for diagnostic in &result.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    /// Every finding, whatever its severity.
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// What a command adds to every finding of one report in machine output: `axiom-lint
/// history`'s `history` object, and the other paths that hold the same finding.
#[derive(Debug, Default, Clone, Copy)]
pub struct Annotation<'a> {
    /// The finding's `history` field in JSON, and its `history` property in SARIF.
    pub history: Option<&'a serde_json::Value>,
    /// Other paths holding the finding, with a message each: SARIF related locations.
    pub elsewhere: &'a [(String, String)],
}

/// Writes `value` pretty-printed as a value nested `depth` levels deep, so a report written
/// piece by piece reads exactly as if it had been printed whole; `element` indents its first
/// line too, as an array element (not the value of a key) needs. `buffer` is reused between
/// elements: memory stays that of one element, however many are written.
pub(super) fn write_nested(
    out: &mut dyn Write,
    buffer: &mut Vec<u8>,
    value: &impl Serialize,
    depth: usize,
    element: bool,
) -> io::Result<()> {
    buffer.clear();
    serde_json::to_writer_pretty(&mut *buffer, value)?;
    let indent = "  ".repeat(depth);
    if element {
        out.write_all(indent.as_bytes())?;
    }
    for (i, line) in buffer.split(|byte| *byte == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod sample {
    use super::*;

    use crate::{Format, Settings, lint};

    /// A file with a duplicate key (a secondary label) and an unknown edge after an astral
    /// character on its line.
    pub(in crate::render) fn sample() -> (SourceFile, LintResult) {
        let text = "{\n  \"sinks\": {\n    \"a\": { \"type\": \"axiom\", \"type\": \"axiom\" },\n    \"b\": { \"type\": \"axiom\", \"note\": \"😀\", \"region\": \"eu-west-1.aws.edge.axiom.co\" }\n  }\n}\n";
        let source = SourceFile::new("vector.json", text, Format::Json);
        let result = lint(&source, &Settings::default());
        assert!(
            result.diagnostics.iter().any(|d| !d.labels.is_empty()),
            "{:#?}",
            result.diagnostics
        );
        (source, result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{json, sarif};

    #[test]
    fn streamed_reports_read_as_if_printed_whole() {
        let (source, result) = sample::sample();
        let file = FileReport {
            source: &source,
            result: &result,
            path: "vector.json",
        };
        for text in [
            json(&[file]),
            sarif(&[file], "0.0.0"),
            json(&[]),
            sarif(&[], "0.0.0"),
        ] {
            let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            let whole = serde_json::to_string_pretty(&value).expect("serialises") + "\n";
            assert_eq!(text, whole);
        }
    }
}
