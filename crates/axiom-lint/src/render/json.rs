//! The JSON report, version 1 (DESIGN.md, "JSON output"), written file by file.

use std::io::{self, Write};

use serde::Serialize;

use super::report::{Annotation, FileReport, Summary, write_nested};
use crate::diagnostic::Applicability;
use crate::line_index::{LineIndex, Position};

/// A 1-based line and column, as JSON writes it.
#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
}

impl From<Position> for JsonPosition {
    fn from(position: Position) -> Self {
        Self {
            line: position.line,
            column: position.column,
        }
    }
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: JsonPosition,
    end: JsonPosition,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    start: JsonPosition,
    end: JsonPosition,
}

/// One finding in the JSON report. Fields after `fix` were added in version 1 (adding a field
/// does not change the version; removing or changing one would).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    pointer: Option<&'a str>,
    start: JsonPosition,
    end: JsonPosition,
    fix: Option<JsonFix<'a>>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    /// Only in `axiom-lint history` reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
    unsafe_fixable: usize,
    baseline_accepted: usize,
}

fn applicability_name(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    }
}

/// The JSON report (DESIGN.md, "JSON output"), written as the files come: `begin`, one
/// `file` per file in report order, then `finish` with the totals.
#[derive(Debug, Default)]
pub struct JsonWriter {
    written: usize,
    buffer: Vec<u8>,
}

impl JsonWriter {
    /// Writes the report's opening.
    pub fn begin(out: &mut dyn Write) -> io::Result<Self> {
        out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")?;
        Ok(Self::default())
    }

    /// Writes one file's findings.
    pub fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        self.annotated_file(out, file, Annotation::default())
    }

    /// Writes one file's findings, each with the same annotation.
    pub fn annotated_file(
        &mut self,
        out: &mut dyn Write,
        file: &FileReport<'_>,
        annotation: Annotation<'_>,
    ) -> io::Result<()> {
        if file.result.diagnostics.is_empty() {
            return Ok(());
        }
        let text = &file.source.text;
        let index = LineIndex::new(text);
        let at = |offset: usize| JsonPosition::from(index.position(text, offset));
        for diagnostic in &file.result.diagnostics {
            let entry = JsonDiagnostic {
                path: file.path,
                code: diagnostic.rule.code(),
                name: diagnostic.rule.name(),
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                pointer: diagnostic.pointer.as_deref(),
                start: at(diagnostic.span.start),
                end: at(diagnostic.span.end),
                fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
                    title: &fix.title,
                    applicability: applicability_name(fix.applicability),
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| JsonEdit {
                            start: at(edit.span.start),
                            end: at(edit.span.end),
                            replacement: &edit.replacement,
                        })
                        .collect(),
                }),
                help: diagnostic.help.as_deref(),
                labels: diagnostic
                    .labels
                    .iter()
                    .map(|label| JsonLabel {
                        message: &label.message,
                        start: at(label.span.start),
                        end: at(label.span.end),
                    })
                    .collect(),
                history: annotation.history,
            };
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            write_nested(out, &mut self.buffer, &entry, 2, true)?;
            self.written += 1;
        }
        Ok(())
    }

    /// Closes the list and writes the totals.
    pub fn finish(self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"]" } else { b"\n  ]" })?;
        out.write_all(b",\n  \"summary\": ")?;
        let mut buffer = self.buffer;
        write_nested(
            out,
            &mut buffer,
            &JsonSummary {
                files: summary.files,
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
                fixable: summary.fixable,
                unsafe_fixable: summary.unsafe_fixable,
                baseline_accepted: summary.baseline_accepted,
            },
            1,
            false,
        )?;
        out.write_all(b"\n}\n")
    }
}

/// The JSON report for files already in memory.
pub fn json(files: &[FileReport<'_>]) -> String {
    let mut out = Vec::new();
    let written = JsonWriter::begin(&mut out).and_then(|mut writer| {
        for file in files {
            writer.file(&mut out, file)?;
        }
        writer.finish(&mut out, &Summary::of(files))
    });
    debug_assert!(written.is_ok(), "writing to memory cannot fail");
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::report::sample::sample;

    #[test]
    fn json_carries_help_and_secondary_labels() {
        let (source, result) = sample();
        let file = FileReport {
            source: &source,
            result: &result,
            path: "vector.json",
        };
        let report: serde_json::Value = serde_json::from_str(&json(&[file])).expect("JSON");
        let duplicate = report["diagnostics"]
            .as_array()
            .and_then(|all| all.iter().find(|d| d["code"] == "AXL003"))
            .expect("the duplicate key is reported");
        assert_eq!(duplicate["labels"][0]["start"]["line"], 3);
        assert!(duplicate["labels"][0]["message"].is_string());
        assert!(
            report["diagnostics"]
                .as_array()
                .is_some_and(|all| all.iter().any(|d| d["help"].is_string()))
        );
        assert_eq!(report["version"], 1);
    }
}
