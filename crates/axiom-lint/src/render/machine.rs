//! Renderers for machines: versioned JSON, SARIF 2.1.0 and GitHub workflow commands. All read
//! the same sorted diagnostics; none prints source text, so none can leak a token body.

use std::io::{self, Write};

use serde::Serialize;

use crate::LintResult;
use crate::diagnostic::Applicability;
use crate::fingerprint::fingerprint;
use crate::line_index::{LineIndex, Position};
use crate::registry::Rule;
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

/// What a command adds to every finding of one report in machine output: `axiom-lint
/// history`'s `history` object, and the other paths that hold the same finding.
#[derive(Debug, Default, Clone, Copy)]
pub struct Annotation<'a> {
    /// The finding's `history` field in JSON, and its `history` property in SARIF.
    pub history: Option<&'a serde_json::Value>,
    /// Other paths holding the finding, with a message each: SARIF related locations.
    pub elsewhere: &'a [(String, String)],
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
    unsafe_fixable: usize,
}

fn applicability_name(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    }
}

/// Writes `value` pretty-printed as a value nested `depth` levels deep, so a report written
/// piece by piece reads exactly as if it had been printed whole; `element` indents its first
/// line too, as an array element (not the value of a key) needs. `buffer` is reused between
/// elements: memory stays that of one element, however many are written.
fn write_nested(
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

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// How code scanning should rank a rule's findings (its `security-severity`: 9.0 and above is
/// critical, 7.0 high, 4.0 medium), for the rules about handling a secret. Other rules are about
/// reaching the right endpoint and carry none.
fn security_severity(rule: Rule) -> Option<&'static str> {
    match rule {
        // A token in a browser bundle is public to every visitor.
        Rule::PublicEnvToken => Some("9.0"),
        // A token committed in plain text, or sent over plain HTTP, is readable by anyone who
        // can read the repository or the network.
        Rule::HardcodedToken | Rule::InsecureScheme => Some("8.0"),
        // A personal token acts as a person with all their rights, where less would do.
        Rule::PersonalToken
        | Rule::PersonalTokenOnEdge
        | Rule::PersonalTokenWhereApiTokenRequired
        | Rule::PersonalTokenWithoutOrgId => Some("5.0"),
        // An expired or malformed token: a credential to rotate or remove, not a leak.
        Rule::ExpiredToken | Rule::MalformedToken => Some("3.0"),
        _ => None,
    }
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct SarifHelp<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct SarifLevel {
    level: &'static str,
}

#[derive(Serialize)]
struct SarifRuleProperties {
    tags: [&'static str; 1],
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule<'a> {
    id: &'static str,
    name: &'static str,
    short_description: SarifText<'a>,
    full_description: SarifText<'a>,
    help: SarifHelp<'a>,
    default_configuration: SarifLevel,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SarifRuleProperties>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactLocation<'a> {
    uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysicalLocation<'a> {
    artifact_location: &'a SarifArtifactLocation<'a>,
    /// None for a whole file (another path that holds a finding from history).
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: SarifPhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<SarifText<'a>>,
}

#[derive(Serialize)]
struct SarifFingerprints {
    #[serde(rename = "axiomLint/v2")]
    axiom_lint_v2: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: SarifText<'a>,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: SarifFingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SarifResultProperties<'a>>,
}

#[derive(Serialize)]
struct SarifResultProperties<'a> {
    history: &'a serde_json::Value,
}

/// A SARIF 2.1.0 log with one run, repository-relative URIs, columns in UTF-16 code units (as
/// GitHub code scanning counts them), and one rule entry per code carrying the rule's docs, so
/// no external page is needed. Written as the files come, like [`JsonWriter`].
#[derive(Debug, Default)]
pub struct SarifWriter {
    written: usize,
    buffer: Vec<u8>,
}

impl SarifWriter {
    /// Writes the log's opening and the rule table.
    pub fn begin(out: &mut dyn Write, version: &str) -> io::Result<Self> {
        let mut buffer = Vec::new();
        out.write_all(b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"axiom-lint\",\n          \"version\": ")?;
        serde_json::to_writer(&mut *out, version)?;
        out.write_all(b",\n          \"rules\": [")?;
        for (i, rule) in Rule::ALL.iter().enumerate() {
            let summary = rule.summary();
            let docs = rule.docs();
            let entry = SarifRule {
                id: rule.code(),
                name: rule.name(),
                short_description: SarifText { text: &summary },
                full_description: SarifText { text: &summary },
                help: SarifHelp {
                    text: &docs,
                    markdown: &docs,
                },
                default_configuration: SarifLevel {
                    level: sarif_level(rule.default_severity()),
                },
                properties: security_severity(*rule).map(|severity| SarifRuleProperties {
                    tags: ["security"],
                    security_severity: severity,
                }),
            };
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            write_nested(out, &mut buffer, &entry, 6, true)?;
        }
        out.write_all(b"\n          ]\n        }\n      },\n      \"columnKind\": \"utf16CodeUnits\",\n      \"results\": [")?;
        Ok(Self { written: 0, buffer })
    }

    /// Writes one file's findings.
    pub fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        self.annotated_file(out, file, Annotation::default())
    }

    /// Writes one file's findings, each with the same annotation; the annotation's other
    /// paths follow the findings' own labels as related locations.
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
        let elsewhere_uris: Vec<String> = annotation
            .elsewhere
            .iter()
            .map(|(path, _)| percent_encode_path(path))
            .collect();
        let elsewhere: Vec<SarifArtifactLocation<'_>> = elsewhere_uris
            .iter()
            .map(|uri| SarifArtifactLocation {
                uri,
                uri_base_id: Some("%SRCROOT%"),
            })
            .collect();
        let path = file.path.trim_start_matches("./").replace('\\', "/");
        // Relative paths resolve against the checkout (`%SRCROOT%`); absolute ones are file URIs.
        let artifact = if path.starts_with('/') {
            SarifArtifactLocation {
                uri: &format!("file://{}", percent_encode_path(&path)),
                uri_base_id: None,
            }
        } else {
            SarifArtifactLocation {
                uri: &percent_encode_path(&path),
                uri_base_id: Some("%SRCROOT%"),
            }
        };
        let region = |span: &std::ops::Range<usize>| {
            let (start, end) = (
                index.utf16_position(text, span.start),
                index.utf16_position(text, span.end),
            );
            SarifRegion {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
            }
        };
        for diagnostic in &file.result.diagnostics {
            let result = SarifResult {
                rule_id: diagnostic.rule.code(),
                rule_index: Rule::ALL
                    .iter()
                    .position(|rule| *rule == diagnostic.rule)
                    .unwrap_or_default(),
                level: sarif_level(diagnostic.severity),
                message: SarifText {
                    text: &diagnostic.message,
                },
                locations: [SarifLocation {
                    id: None,
                    physical_location: SarifPhysicalLocation {
                        artifact_location: &artifact,
                        region: Some(region(&diagnostic.span)),
                    },
                    message: None,
                }],
                related_locations: diagnostic
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(id, label)| SarifLocation {
                        id: Some(id),
                        physical_location: SarifPhysicalLocation {
                            artifact_location: &artifact,
                            region: Some(region(&label.span)),
                        },
                        message: Some(SarifText {
                            text: &label.message,
                        }),
                    })
                    .chain(annotation.elsewhere.iter().zip(&elsewhere).enumerate().map(
                        |(at, ((_, message), artifact_location))| SarifLocation {
                            id: Some(diagnostic.labels.len() + at),
                            physical_location: SarifPhysicalLocation {
                                artifact_location,
                                region: None,
                            },
                            message: Some(SarifText { text: message }),
                        },
                    ))
                    .collect(),
                partial_fingerprints: SarifFingerprints {
                    axiom_lint_v2: fingerprint(file.path, file.source, diagnostic),
                },
                properties: annotation
                    .history
                    .map(|history| SarifResultProperties { history }),
            };
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            write_nested(out, &mut self.buffer, &result, 4, true)?;
            self.written += 1;
        }
        Ok(())
    }

    /// Closes the log.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"]\n    }\n  ]\n}\n".as_slice()
        } else {
            b"\n      ]\n    }\n  ]\n}\n".as_slice()
        })
    }
}

/// A SARIF log for files already in memory.
pub fn sarif(files: &[FileReport<'_>], version: &str) -> String {
    let mut out = Vec::new();
    let written = SarifWriter::begin(&mut out, version).and_then(|mut writer| {
        for file in files {
            writer.file(&mut out, file)?;
        }
        writer.finish(&mut out)
    });
    debug_assert!(written.is_ok(), "writing to memory cannot fail");
    String::from_utf8(out).unwrap_or_default()
}

/// GitHub Actions workflow commands, one per finding, then every finding as a plain line and a
/// count, since GitHub shows only the first ten annotations of each kind per step.
pub fn github(files: &[FileReport<'_>]) -> String {
    let mut annotations = String::new();
    let mut listing = String::new();
    for file in files {
        let (commands, lines) = github_file(file);
        annotations.push_str(&commands);
        listing.push_str(&lines);
    }
    annotations + &listing + &github_summary(&Summary::of(files))
}

/// One file's part of the GitHub report: its workflow commands, and its plain lines for the
/// listing that follows every command.
pub fn github_file(file: &FileReport<'_>) -> (String, String) {
    let mut commands = String::new();
    let mut lines = String::new();
    if file.result.diagnostics.is_empty() {
        return (commands, lines);
    }
    let text = &file.source.text;
    let index = LineIndex::new(text);
    for diagnostic in &file.result.diagnostics {
        let (start, end) = (
            index.position(text, diagnostic.span.start),
            index.position(text, diagnostic.span.end),
        );
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        commands.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&super::inert(file.path)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(diagnostic.rule.code()),
            escape_data(&super::inert(&diagnostic.message)),
        ));
        // The plain copy is escaped too, path included: a line that begins `::` is a command.
        lines.push_str(&escape_property(&super::inert(file.path)));
        lines.push_str(&escape_data(&super::concise_line(
            "",
            file.source,
            &index,
            diagnostic,
            false,
        )));
        lines.push('\n');
    }
    (commands, lines)
}

/// The GitHub report's closing count.
pub fn github_summary(summary: &Summary) -> String {
    format!(
        "axiom-lint: {}, {}, {} in {}\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.files, "file")
    )
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// A path as a URI reference: unreserved characters and `/` stay, everything else is
/// percent-encoded (so `a b:c.json` cannot be read as a scheme or break the URI).
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The toolkit's escaping for a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The toolkit's escaping for a command's properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::{Format, Settings, lint};

    /// A file with a duplicate key (a secondary label) and an unknown edge after an astral
    /// character on its line.
    fn sample() -> (SourceFile, LintResult) {
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

    #[test]
    fn streamed_reports_read_as_if_printed_whole() {
        let (source, result) = sample();
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

    #[test]
    fn sarif_counts_utf16_columns_and_links_secondary_labels() {
        let (source, result) = sample();
        let file = FileReport {
            source: &source,
            result: &result,
            path: "vector.json",
        };
        let log: serde_json::Value = serde_json::from_str(&sarif(&[file], "0.0.0")).expect("JSON");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert!(run["tool"]["driver"].get("informationUri").is_none());
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        let hardcoded = rules.iter().find(|r| r["id"] == "AXL201").expect("AXL201");
        assert_eq!(hardcoded["properties"]["security-severity"], "8.0");
        assert!(hardcoded.get("helpUri").is_none());
        assert!(
            hardcoded["help"]["markdown"]
                .as_str()
                .is_some_and(|docs| docs.contains("## What it does") || docs.len() > 100)
        );
        let duplicate = run["results"]
            .as_array()
            .and_then(|all| all.iter().find(|r| r["ruleId"] == "AXL003"))
            .expect("the duplicate key is reported");
        let related = &duplicate["relatedLocations"][0];
        assert_eq!(related["id"], 0);
        assert_eq!(related["physicalLocation"]["region"]["startLine"], 3);
        assert!(related["message"]["text"].is_string());
        // The last edge comes after `😀` on its line: one scalar value, two UTF-16 code units.
        let edge_line = source
            .text
            .lines()
            .position(|line| line.contains("eu-west"))
            .unwrap_or_default()
            + 1;
        let edge = run["results"]
            .as_array()
            .and_then(|all| {
                all.iter().find(|r| {
                    r["locations"][0]["physicalLocation"]["region"]["startLine"] == edge_line
                })
            })
            .expect("the edge after the emoji is reported");
        let line = source.text.lines().nth(edge_line - 1).unwrap_or_default();
        let scalar_column = line[..line.find("\"eu-west").unwrap_or_default()]
            .chars()
            .count()
            + 1;
        assert_eq!(
            edge["locations"][0]["physicalLocation"]["region"]["startColumn"],
            scalar_column + 1
        );
    }

    #[test]
    fn sarif_uris_are_percent_encoded() {
        assert_eq!(
            percent_encode_path("deploy/a b,c:d%.json"),
            "deploy/a%20b%2Cc%3Ad%25.json"
        );
    }

    #[test]
    fn github_escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
