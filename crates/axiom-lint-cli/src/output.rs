//! Printing a run: picks the renderer for the chosen format and adds the closing summary.

use std::collections::BTreeMap;

use axiom_lint::Rule;
use axiom_lint::render::{self, FileReport, GraphicalOptions, Summary};

use crate::args::OutputFormat;

pub(crate) fn render(
    files: &[FileReport<'_>],
    format: OutputFormat,
    color: bool,
    statistics: bool,
    quiet: bool,
) -> String {
    if statistics {
        return statistics_report(files, format == OutputFormat::Json);
    }
    match format {
        OutputFormat::Json => render::json(files),
        OutputFormat::Sarif => render::sarif(files, env!("CARGO_PKG_VERSION")),
        OutputFormat::Github => render::github(files),
        OutputFormat::Full | OutputFormat::Concise => {
            let mut out = String::new();
            for file in files {
                out.push_str(&if format == OutputFormat::Full {
                    let width = 100;
                    render::graphical(file.source, file.result, GraphicalOptions { color, width })
                } else {
                    render::concise(file.source, file.result)
                });
            }
            if !quiet {
                out.push_str(&summary_line(&Summary::of(files)));
            }
            out
        }
    }
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

fn summary_line(summary: &Summary) -> String {
    let total = summary.errors + summary.warnings + summary.infos;
    if total == 0 {
        return format!(
            "All clear: {} checked, no problems.\n",
            plural(summary.files, "file")
        );
    }
    format!(
        "Found {} ({}, {}, {}) in {}.\n",
        plural(total, "problem"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.files, "file")
    )
}

/// Findings per rule: a table, or a JSON array with `--output-format json`.
fn statistics_report(files: &[FileReport<'_>], json: bool) -> String {
    let mut counts: BTreeMap<Rule, usize> = BTreeMap::new();
    for diagnostic in files.iter().flat_map(|f| &f.result.diagnostics) {
        *counts.entry(diagnostic.rule).or_default() += 1;
    }
    if json {
        let rows: Vec<serde_json::Value> = counts
            .iter()
            .map(|(rule, count)| serde_json::json!({"code": rule.code(), "name": rule.name(), "count": count}))
            .collect();
        return serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
    }
    counts
        .iter()
        .map(|(rule, count)| format!("{count:>5}  {}  {}\n", rule.code(), rule.name()))
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
