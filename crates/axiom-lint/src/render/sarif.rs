//! The SARIF 2.1.0 log for code scanning, written file by file.

use std::io::{self, Write};

use serde::Serialize;

use super::report::{Annotation, FileReport, Summary, write_nested};
use crate::fingerprint::fingerprint;
use crate::line_index::LineIndex;
use crate::registry::{Rule, Severity};

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
    ///
    /// Findings a baseline accepted are not results; their count goes in the run's property
    /// bag (`baselineAccepted`), so a reader of the log knows the run hid some.
    pub fn finish(self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"]".as_slice()
        } else {
            b"\n      ]".as_slice()
        })?;
        if summary.baseline_accepted > 0 {
            write!(
                out,
                ",\n      \"properties\": {{\n        \"baselineAccepted\": {}\n      }}",
                summary.baseline_accepted
            )?;
        }
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}

/// A SARIF log for files already in memory.
pub fn sarif(files: &[FileReport<'_>], version: &str) -> String {
    let mut out = Vec::new();
    let written = SarifWriter::begin(&mut out, version).and_then(|mut writer| {
        for file in files {
            writer.file(&mut out, file)?;
        }
        writer.finish(&mut out, &Summary::of(files))
    });
    debug_assert!(written.is_ok(), "writing to memory cannot fail");
    String::from_utf8(out).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::report::sample::sample;

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
}
