//! The cost of a finding does not grow with the file (DESIGN.md, "Targets"): counted, not
//! timed. Each stage's per-file work (a tree walk for pointers, a masked copy of the source, a
//! line index) is counted over a generated file with 20,000 findings, rendered in every format.

use std::cell::Cell;

use crate::render::{self, FileReport, GraphicalOptions};
use crate::{Format, Settings, SourceFile};

thread_local! {
    /// Masked copies of a file's text.
    pub(crate) static SOURCE_COPIES: Cell<usize> = const { Cell::new(0) };
    /// Line indexes built (each is a scan of the whole file).
    pub(crate) static LINE_INDEXES: Cell<usize> = const { Cell::new(0) };
}

fn reset() {
    SOURCE_COPIES.set(0);
    LINE_INDEXES.set(0);
    crate::tree::TREE_WALKS.set(0);
    crate::render::EXCERPT_BYTES.set(0);
    crate::fix::OVERLAP_CHECKS.set(0);
}

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
    let result = crate::lint(&source, &settings);
    let findings = result.diagnostics.len();
    assert!(findings >= FINDINGS, "{findings} findings");
    assert!(result.diagnostics.iter().all(|d| d.pointer.is_some()));
    assert_eq!(
        crate::tree::TREE_WALKS.get(),
        1,
        "one walk for every pointer"
    );

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
            LINE_INDEXES.get() <= 1,
            "{format}: {} line indexes",
            LINE_INDEXES.get()
        );
        assert!(
            SOURCE_COPIES.get() <= 1,
            "{format}: {} source copies",
            SOURCE_COPIES.get()
        );
        assert_eq!(crate::tree::TREE_WALKS.get(), 0, "{format} walks no tree");
        // Miette sees a few lines (or a bounded slice of a long line) per label.
        let per_finding = crate::render::EXCERPT_BYTES.get() / findings;
        assert!(
            per_finding <= 4 * 1024,
            "{format}: {per_finding} bytes of source per finding"
        );
    }

    reset();
    let plan = crate::fix::plan(&result, false, |_| true).expect("the URLs have safe fixes");
    assert_eq!(plan.fixed, FINDINGS / 2);
    let checks = crate::fix::OVERLAP_CHECKS.get();
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
