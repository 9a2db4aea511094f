//! Renderers for machines: versioned JSON, SARIF 2.1.0 and GitHub workflow commands. All read
//! the same sorted diagnostics; none prints source text, so none can leak a token body.

use serde_json::{Value, json};

use crate::LintResult;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fingerprint::fingerprint;
use crate::line_index::{LineIndex, Position};
use crate::registry::Rule;
use crate::source::SourceFile;

/// Where the rule docs are published; SARIF viewers link each rule here.
pub const RULES_DOCS_URL: &str = "https://github.com/axiom-lint/axiom-lint/blob/main/docs/rules.md";

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

/// Totals for a run.
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
}

impl Summary {
    /// Counts the findings of every file.
    pub fn of(files: &[FileReport<'_>]) -> Self {
        let mut summary = Self {
            files: files.len(),
            ..Self::default()
        };
        for diagnostic in files.iter().flat_map(|file| &file.result.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

fn positions(
    source: &SourceFile,
    index: &LineIndex,
    diagnostic: &Diagnostic,
) -> (Position, Position) {
    (
        index.position(&source.text, diagnostic.span.start),
        index.position(&source.text, diagnostic.span.end),
    )
}

fn position_json(position: Position) -> Value {
    json!({"line": position.line, "column": position.column})
}

/// The JSON report, version 1 (DESIGN.md, "JSON output").
pub fn json(files: &[FileReport<'_>]) -> String {
    let mut diagnostics = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.source.text);
        for diagnostic in &file.result.diagnostics {
            let (start, end) = positions(file.source, &index, diagnostic);
            let fix = diagnostic.fix.as_ref().map(|fix| {
                json!({
                    "title": fix.title,
                    "applicability": match fix.applicability {
                        Applicability::Safe => "safe",
                        Applicability::Unsafe => "unsafe",
                    },
                    "edits": fix.edits.iter().map(|edit| {
                        let (start, end) = (index.position(&file.source.text, edit.span.start), index.position(&file.source.text, edit.span.end));
                        json!({"start": position_json(start), "end": position_json(end), "replacement": edit.replacement})
                    }).collect::<Vec<_>>(),
                })
            });
            diagnostics.push(json!({
                "path": file.path,
                "code": diagnostic.rule.code(),
                "name": diagnostic.rule.name(),
                "severity": diagnostic.severity.as_str(),
                "message": diagnostic.message,
                "pointer": diagnostic.pointer,
                "start": position_json(start),
                "end": position_json(end),
                "fix": fix,
            }));
        }
    }
    let summary = Summary::of(files);
    let report = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos},
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule's anchor in `docs/rules.md`.
pub fn rule_anchor(rule: Rule) -> String {
    format!(
        "{}-{}-{}",
        rule.code(),
        rule.name(),
        rule.default_severity().as_str()
    )
    .to_ascii_lowercase()
}

/// A SARIF 2.1.0 log with one run, repository-relative URIs and one rule entry per code.
pub fn sarif(files: &[FileReport<'_>], version: &str) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code(),
                "name": rule.name(),
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.summary()},
                "help": {"text": rule.docs(), "markdown": rule.docs()},
                "helpUri": format!("{RULES_DOCS_URL}#{}", rule_anchor(*rule)),
                "defaultConfiguration": {"level": sarif_level(rule.default_severity())},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.source.text);
        let path = file.path.trim_start_matches("./").replace('\\', "/");
        // Relative paths resolve against the checkout (`%SRCROOT%`); absolute ones are file URIs.
        let location = if path.starts_with('/') {
            json!({"uri": format!("file://{}", percent_encode_path(&path))})
        } else {
            json!({"uri": percent_encode_path(&path), "uriBaseId": "%SRCROOT%"})
        };
        for diagnostic in &file.result.diagnostics {
            let (start, end) = positions(file.source, &index, diagnostic);
            let rule_index = Rule::ALL
                .iter()
                .position(|rule| *rule == diagnostic.rule)
                .unwrap_or_default();
            results.push(json!({
                "ruleId": diagnostic.rule.code(),
                "ruleIndex": rule_index,
                "level": sarif_level(diagnostic.severity),
                "message": {"text": diagnostic.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        },
                    },
                }],
                "partialFingerprints": {"axiomLint/v1": fingerprint(file.path, file.source, diagnostic)},
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "axiom-lint",
                "version": version,
                "informationUri": RULES_DOCS_URL,
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// GitHub Actions workflow commands, one per finding, then every finding as a plain line and a
/// count, since GitHub shows only the first ten annotations of each kind per step.
pub fn github(files: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for file in files {
        let index = LineIndex::new(&file.source.text);
        for diagnostic in &file.result.diagnostics {
            let (start, end) = positions(file.source, &index, diagnostic);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(diagnostic.rule.code()),
                escape_data(&diagnostic.message),
            ));
        }
    }
    for file in files {
        let index = LineIndex::new(&file.source.text);
        for diagnostic in &file.result.diagnostics {
            out.push_str(&super::concise_line(
                file.path,
                file.source,
                &index,
                diagnostic,
            ));
            out.push('\n');
        }
    }
    let summary = Summary::of(files);
    out.push_str(&format!(
        "axiom-lint: {}, {}, {} in {}\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.files, "file")
    ));
    out
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
