//! Printing a run: picks the renderer for the chosen format, writes each file's findings as
//! they come, and closes with a summary that says what was checked, what was not, and what
//! `--fix` can do.

use std::collections::BTreeMap;
use std::io::{self, Write};

use axiom_lint::pass_over::PassOver;
use axiom_lint::render::{
    self, Annotation, FileReport, GraphicalOptions, JsonWriter, SarifWriter, Summary,
};
use axiom_lint::{Applicability, Rule};
use serde::Serialize;

use crate::args::OutputFormat;

/// How a report looks, decided once for the run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReportOptions {
    pub(crate) format: OutputFormat,
    pub(crate) color: bool,
    /// Wrap width for `full`.
    pub(crate) width: usize,
    pub(crate) statistics: bool,
    pub(crate) quiet: bool,
}

/// What happened beside the files that were linted: the summary must not hide it.
#[derive(Debug, Default)]
pub(crate) struct RunTail {
    /// Inputs deliberately not linted, counted by why.
    pub(crate) skipped: BTreeMap<String, usize>,
    /// Inputs that could not be read or walked (reported on standard error).
    pub(crate) errors: usize,
    /// Findings the baseline accepted, so not reported.
    pub(crate) accepted: usize,
    /// Files read by the text scan (no structured format): tokens and Axiom URLs only.
    pub(crate) text_scanned: usize,
    /// Files a walk's text scan passed over, counted by why.
    pub(crate) passed_over: BTreeMap<PassOver, usize>,
}

impl RunTail {
    /// Counts a linted file.
    pub(crate) fn count_linted(&mut self, source: &axiom_lint::SourceFile) {
        if matches!(source.format, axiom_lint::Format::Text(_)) {
            self.text_scanned += 1;
        }
    }

    /// Counts a file the walk passed over.
    pub(crate) fn count_passed_over(&mut self, reason: PassOver) {
        *self.passed_over.entry(reason).or_default() += 1;
    }
}

/// Findings per rule for `--statistics`: how many, and how many `--fix` can fix.
#[derive(Debug, Default, Clone, Copy)]
struct RuleCount {
    count: usize,
    fixable: usize,
}

enum Renderer {
    Json(JsonWriter),
    Sarif(SarifWriter),
    /// Annotations as they come, the plain listing kept for the end (it is text, not trees).
    Github {
        listing: String,
    },
    Text,
    Statistics(BTreeMap<Rule, RuleCount>),
}

/// Writes a report file by file, so nothing but rendered text outlives a file.
pub(crate) struct Reporter<'o> {
    out: &'o mut dyn Write,
    options: ReportOptions,
    renderer: Renderer,
    summary: Summary,
}

/// `--statistics` speaks text or JSON; SARIF and GitHub annotations have no place for it.
pub(crate) fn check_options(options: &ReportOptions) -> Result<(), String> {
    if options.statistics && matches!(options.format, OutputFormat::Sarif | OutputFormat::Github) {
        return Err(
            "--statistics prints a table or, with `--output-format json`, a JSON array; it cannot be combined with `--output-format sarif` or `github`"
                .to_owned(),
        );
    }
    Ok(())
}

impl<'o> Reporter<'o> {
    pub(crate) fn begin(out: &'o mut dyn Write, options: ReportOptions) -> io::Result<Self> {
        let renderer = if options.statistics {
            Renderer::Statistics(BTreeMap::new())
        } else {
            match options.format {
                OutputFormat::Json => Renderer::Json(JsonWriter::begin(out)?),
                OutputFormat::Sarif => {
                    Renderer::Sarif(SarifWriter::begin(out, env!("CARGO_PKG_VERSION"))?)
                }
                OutputFormat::Github => Renderer::Github {
                    listing: String::new(),
                },
                OutputFormat::Full | OutputFormat::Concise => Renderer::Text,
            }
        };
        Ok(Self {
            out,
            options,
            renderer,
            summary: Summary::default(),
        })
    }

    /// Reports one linted file.
    pub(crate) fn file(&mut self, file: &FileReport<'_>) -> io::Result<()> {
        self.annotated_file(file, Annotation::default())
    }

    /// The number of files the summary says were checked, when a report's files are not
    /// what was checked (`history` reports findings, and scans blobs).
    pub(crate) fn set_files(&mut self, files: usize) {
        self.summary.files = files;
    }

    /// Reports one linted file with what machine formats add to its findings (`history`).
    pub(crate) fn annotated_file(
        &mut self,
        file: &FileReport<'_>,
        annotation: Annotation<'_>,
    ) -> io::Result<()> {
        self.summary.add(file.result);
        match &mut self.renderer {
            Renderer::Json(writer) => writer.annotated_file(self.out, file, annotation),
            Renderer::Sarif(writer) => writer.annotated_file(self.out, file, annotation),
            Renderer::Github { listing } => {
                let (annotations, lines) = render::github_file(file);
                listing.push_str(&lines);
                self.out.write_all(annotations.as_bytes())
            }
            Renderer::Text => {
                let text = if self.options.format == OutputFormat::Full {
                    render::graphical(
                        file.source,
                        file.result,
                        GraphicalOptions {
                            color: self.options.color,
                            width: self.options.width,
                            mark_fixable: true,
                        },
                    )
                } else {
                    render::concise(file.source, file.result)
                };
                self.out.write_all(text.as_bytes())
            }
            Renderer::Statistics(counts) => {
                for diagnostic in &file.result.diagnostics {
                    let entry = counts.entry(diagnostic.rule).or_default();
                    entry.count += 1;
                    if diagnostic
                        .fix
                        .as_ref()
                        .is_some_and(|fix| fix.applicability == Applicability::Safe)
                    {
                        entry.fixable += 1;
                    }
                }
                Ok(())
            }
        }
    }

    /// Closes the report and writes the summary.
    pub(crate) fn finish(self, tail: &RunTail) -> io::Result<()> {
        let Self {
            out,
            options,
            renderer,
            summary,
        } = self;
        let summary = Summary {
            baseline_accepted: tail.accepted,
            ..summary
        };
        match renderer {
            Renderer::Json(writer) => writer.finish(out, &summary),
            Renderer::Sarif(writer) => writer.finish(out, &summary),
            Renderer::Github { listing } => {
                out.write_all(listing.as_bytes())?;
                out.write_all(render::github_summary(&summary).as_bytes())
            }
            Renderer::Text => {
                if options.quiet {
                    Ok(())
                } else {
                    out.write_all(summary_text(&summary, tail).as_bytes())
                }
            }
            Renderer::Statistics(counts) => out.write_all(
                statistics_report(&counts, options.format == OutputFormat::Json).as_bytes(),
            ),
        }
    }
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// The closing lines: "All clear" only when every file found was checked and nothing failed.
fn summary_text(summary: &Summary, tail: &RunTail) -> String {
    let total = summary.findings();
    let mut out = if total > 0 {
        format!(
            "Found {} ({}, {}, {}) in {}.\n",
            plural(total, "problem"),
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
            plural(summary.files, "file")
        )
    } else if summary.files == 0 {
        "Nothing checked: no file to lint was found.\n".to_owned()
    } else if tail.errors > 0 || !tail.skipped.is_empty() {
        format!(
            "No problems in {} checked, but not everything was checked.\n",
            plural(summary.files, "file")
        )
    } else if tail.accepted > 0 {
        // Hidden findings are still findings: not "All clear".
        format!(
            "No new problems in {} checked.\n",
            plural(summary.files, "file")
        )
    } else {
        format!(
            "All clear: {} checked, no problems.\n",
            plural(summary.files, "file")
        )
    };
    if !tail.skipped.is_empty() {
        let reasons: Vec<String> = tail
            .skipped
            .iter()
            .map(|(reason, count)| format!("{count} skipped: {reason}"))
            .collect();
        out.push_str(&reasons.join("; "));
        out.push_str(".\n");
    }
    if tail.accepted > 0 {
        out.push_str(&format!(
            "{} accepted by the baseline, not shown.\n",
            plural(tail.accepted, "finding")
        ));
    }
    if tail.text_scanned > 0 || !tail.passed_over.is_empty() {
        out.push_str(&text_scan_line(tail));
    }
    if tail.errors > 0 {
        out.push_str(&format!(
            "{} could not be checked (see the errors).\n",
            plural(tail.errors, "path")
        ));
    }
    match (summary.fixable, summary.unsafe_fixable) {
        (0, 0) => {}
        (0, more) => out.push_str(&format!("{more} fixable with `--unsafe-fixes`.\n")),
        (safe, 0) => out.push_str(&format!("[*] {safe} fixable with `--fix`.\n")),
        (safe, more) => out.push_str(&format!(
            "[*] {safe} fixable with `--fix` ({more} more with `--unsafe-fixes`).\n"
        )),
    }
    out
}

/// What the text scan read and what the walk passed over: a binary or a lock file is not a
/// configuration, so it does not make a run "not everything was checked", but the count is
/// still said.
fn text_scan_line(tail: &RunTail) -> String {
    let mut line = format!(
        "Text scan: {} read for tokens and Axiom URLs",
        plural(tail.text_scanned, "file")
    );
    if !tail.passed_over.is_empty() {
        let counts: Vec<String> = tail
            .passed_over
            .iter()
            .map(|(reason, count)| format!("{count} {}", reason.as_str()))
            .collect();
        let total = tail.passed_over.values().sum();
        line.push_str(&format!(
            "; passed over {} ({}; name a file to lint it)",
            plural(total, "file"),
            counts.join(", ")
        ));
    }
    line.push_str(".\n");
    line
}

#[derive(Serialize)]
struct StatisticsRow {
    code: &'static str,
    name: &'static str,
    count: usize,
    fixable: usize,
}

/// Findings per rule: a table, or a JSON array with `--output-format json`.
fn statistics_report(counts: &BTreeMap<Rule, RuleCount>, json: bool) -> String {
    if json {
        let rows: Vec<StatisticsRow> = counts
            .iter()
            .map(|(rule, counted)| StatisticsRow {
                code: rule.code(),
                name: rule.name(),
                count: counted.count,
                fixable: counted.fixable,
            })
            .collect();
        return serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
    }
    counts
        .iter()
        .map(|(rule, counted)| {
            let marker = if counted.fixable > 0 { "[*]" } else { "   " };
            format!(
                "{:>5}  {}  {marker}  {}\n",
                counted.count,
                rule.code(),
                rule.name()
            )
        })
        .collect()
}

/// `axiom-lint rules`: every rule with its severity and summary.
pub(crate) fn rules_table() -> String {
    Rule::ALL
        .iter()
        .map(|rule| {
            format!(
                "{}  {:<40} {:<7}  {}\n",
                rule.code(),
                rule.name(),
                rule.default_severity().as_str(),
                rule.summary()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(files: usize, errors: usize) -> Summary {
        Summary {
            files,
            errors,
            ..Summary::default()
        }
    }

    #[test]
    fn all_clear_only_when_everything_was_checked() {
        let clean = RunTail::default();
        assert!(summary_text(&summary(2, 0), &clean).starts_with("All clear"));
        assert!(summary_text(&summary(0, 0), &clean).starts_with("Nothing checked"));
        let failed = RunTail {
            errors: 1,
            ..RunTail::default()
        };
        let text = summary_text(&summary(2, 0), &failed);
        assert!(!text.contains("All clear"), "{text}");
        assert!(text.contains("1 path could not be checked"), "{text}");
        let skipped = RunTail {
            skipped: BTreeMap::from([("not a supported format".to_owned(), 2)]),
            ..RunTail::default()
        };
        let text = summary_text(&summary(1, 0), &skipped);
        assert!(!text.contains("All clear"), "{text}");
        assert!(text.contains("2 skipped: not a supported format"), "{text}");
        let accepted = RunTail {
            accepted: 21,
            ..RunTail::default()
        };
        let text = summary_text(&summary(3, 0), &accepted);
        assert!(!text.contains("All clear"), "{text}");
        assert!(
            text.contains("21 findings accepted by the baseline"),
            "{text}"
        );
        // Binaries and lock files are not configuration: counted, but the run is still clear.
        let passed = RunTail {
            text_scanned: 3,
            passed_over: BTreeMap::from([(PassOver::Binary, 4), (PassOver::LockFile, 1)]),
            ..RunTail::default()
        };
        let text = summary_text(&summary(5, 0), &passed);
        assert!(text.starts_with("All clear"), "{text}");
        assert!(
            text.contains(
                "Text scan: 3 files read for tokens and Axiom URLs; passed over 5 files (4 binary, 1 lock; name"
            ),
            "{text}"
        );
    }

    #[test]
    fn fixable_counts_name_the_flag_that_fixes_them() {
        let mut counted = summary(3, 3);
        counted.fixable = 2;
        counted.unsafe_fixable = 1;
        let text = summary_text(&counted, &RunTail::default());
        assert!(
            text.contains("[*] 2 fixable with `--fix` (1 more with `--unsafe-fixes`)."),
            "{text}"
        );
    }
}
