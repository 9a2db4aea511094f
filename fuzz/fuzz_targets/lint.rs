//! Fuzz target: any bytes, in every format, go through lint and every renderer without a
//! panic, and no rendering shows a token body that the input held.
#![no_main]

use axiom_lint::render::{self, FileReport, GraphicalOptions};
use axiom_lint::{Format, Settings, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = Settings::default();
    for format in Format::ALL {
        let source = SourceFile::new("fuzz", text, format);
        let result = axiom_lint::lint(&source, &settings);
        let report = [FileReport {
            source: &source,
            result: &result,
            path: "fuzz",
        }];
        let outputs = [
            render::graphical(&source, &result, GraphicalOptions::default()),
            render::concise(&source, &result),
            render::json(&report),
            render::sarif(&report, "fuzz"),
            render::github(&report),
        ];
        for body in axiom_lint_core_bodies(text) {
            for output in &outputs {
                assert!(!output.contains(body), "a token body reached the output");
            }
        }
    }
});

/// The UUID bodies of prefixed tokens in the input (found the same way the linter does).
fn axiom_lint_core_bodies(text: &str) -> Vec<&str> {
    let mut bodies = Vec::new();
    let bytes = text.as_bytes();
    for (i, window) in bytes.windows(41).enumerate() {
        let head = &window[..5];
        let is_prefix = [b"xaat-", b"xapt-", b"xait-"]
            .iter()
            .any(|p| head.eq_ignore_ascii_case(*p));
        let body = &window[5..];
        let is_uuid = body.iter().enumerate().all(|(j, b)| match j {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
        let distinct = body
            .iter()
            .filter(|b| b.is_ascii_hexdigit())
            .map(u8::to_ascii_lowercase)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if is_prefix && is_uuid && distinct > 2 {
            if let Some(body) = text.get(i + 5..i + 41) {
                bodies.push(body);
            }
        }
    }
    bodies
}
