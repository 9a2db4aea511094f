//! The cost of a finding does not grow with the file (DESIGN.md, "Targets"): counted, not
//! timed. Each stage's per-file work (a tree walk for pointers, a masked copy of the source, a
//! line index) is counted over a generated file with 20,000 findings, rendered in every format.
//!
//! The counts come from the engine's `counters` feature, which the dev-dependency on
//! `axiom-lint-testing` turns on.

use axiom_lint::counters::{counts, reset};
use axiom_lint::render::{self, FileReport, GraphicalOptions};
use axiom_lint::{Format, Settings, SourceFile};
// Linked for its `counters` feature: without it `axiom_lint::counters` does not exist.
use axiom_lint_testing as _;

/// `count` findings' worth of JSON: tokens (AXL201) and `http://` URLs (a safe fix each),
/// on one line like a minified file, or one value per line.
fn generated(count: usize, one_line: bool) -> String {
    let separator = if one_line { "," } else { ",\n" };
    let entries: Vec<String> = (0..count / 2)
        .flat_map(|i| {
            [
                format!(
                    "\"t{i}\": \"xaat-{:08x}-7c3d-4e5f-9a8b-{:012x}\"",
                    0x2b1e_0000 + i,
                    0x0c1d_2e3f_0000 + i
                ),
                format!("\"u{i}\": \"http://api.axiom.co/v1/datasets/d{i}/ingest\""),
            ]
        })
        .collect();
    format!("{{{}}}\n", entries.join(separator))
}

fn check(one_line: bool) {
    const FINDINGS: usize = 20_000;
    let source = SourceFile::new("big.json", generated(FINDINGS, one_line), Format::Json);
    let settings = Settings::default();

    reset();
    let result = axiom_lint::lint(&source, &settings);
    let findings = result.diagnostics.len();
    assert!(findings >= FINDINGS, "{findings} findings");
    assert!(result.diagnostics.iter().all(|d| d.pointer.is_some()));
    assert_eq!(counts().tree_walks, 1, "one walk for every pointer");

    let report = FileReport {
        source: &source,
        result: &result,
        path: "big.json",
    };
    let renderers: [(&str, &dyn Fn() -> String); 5] = [
        ("json", &|| render::json(&[report])),
        ("sarif", &|| render::sarif(&[report], "0")),
        ("github", &|| render::github(&[report])),
        ("concise", &|| render::concise(&source, &result)),
        ("full", &|| {
            render::graphical(&source, &result, GraphicalOptions::default())
        }),
    ];
    for (format, render) in renderers {
        reset();
        let out = render();
        assert!(out.len() > findings * 20, "{format} renders every finding");
        assert!(
            counts().line_indexes <= 1,
            "{format}: {} line indexes",
            counts().line_indexes
        );
        assert!(
            counts().source_copies <= 1,
            "{format}: {} source copies",
            counts().source_copies
        );
        assert_eq!(counts().tree_walks, 0, "{format} walks no tree");
        // Miette sees a few lines (or a bounded slice of a long line) per label.
        let per_finding = counts().excerpt_bytes / findings;
        assert!(
            per_finding <= 4 * 1024,
            "{format}: {per_finding} bytes of source per finding"
        );
    }

    reset();
    let plan = axiom_lint::fix::plan(&result, false, |_| true).expect("the URLs have safe fixes");
    assert_eq!(plan.fixed, FINDINGS / 2);
    let checks = counts().overlap_checks;
    assert!(
        checks <= plan.fixed * 2,
        "{checks} overlap checks for {} fixes",
        plan.fixed
    );
    assert!(!plan.apply(&source.text).contains("http://"));
}

#[test]
fn twenty_thousand_findings_in_a_minified_file_cost_the_same_each() {
    check(true);
}

#[test]
fn twenty_thousand_findings_one_per_line_cost_the_same_each() {
    check(false);
}
