//! Bad input gets a diagnostic, never a panic: the whole pipeline, renderers included, runs
//! on arbitrary text in every format.

use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::{Format, Settings, SourceFile};
use proptest::prelude::*;

/// Text that is config-shaped often enough to reach the recognisers and rules.
fn config_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("[sinks.axiom]\ntype = \"axiom\"\n".to_owned()),
        Just("{\"env\": {\"AXIOM_URL\": \"".to_owned()),
        Just("region = \"".to_owned()),
        Just("https://eu-central-1.aws.edge.axiom.co/v1/ingest/x".to_owned()),
        Just("\"connection_config\": {\"subdomain\": ".to_owned()),
        Just("services:\n  web:\n    environment:\n      - AXIOM_URL=".to_owned()),
        Just("x: &a {AXIOM_TOKEN: 'x'}\ny: *a\nz:\n  <<: *a\n".to_owned()),
        Just("---\nkey: |\n  ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\r\n".to_owned()),
        // Comments and strings the text scan reads over lines.
        Just("foo(); /* https://cloud.axiom.co/api/v1".to_owned()),
        Just(" */ x = \"".to_owned()),
        Just("fn f<'a>(x: &'a str) // ".to_owned()),
        Just("r#\"".to_owned()),
        Just("\"#".to_owned()),
        Just("@\"".to_owned()),
        Just("`".to_owned()),
        Just("\"\"\"".to_owned()),
        Just("'".to_owned()),
        Just(" # ".to_owned()),
        "[ -~]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(fragment, 0..8).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn linting_and_rendering_never_panic(text in config_text()) {
        let settings = Settings::default();
        for format in Format::ALL {
            let source = SourceFile::new("input", text.clone(), format);
            let result = axiom_lint::lint(&source, &settings);
            let _ = render::graphical(&source, &result, GraphicalOptions::default());
            let _ = render::concise(&source, &result);
            for diagnostic in &result.diagnostics {
                prop_assert!(diagnostic.span.end <= text.len());
                prop_assert!(text.is_char_boundary(diagnostic.span.start));
            }
        }
    }
}
