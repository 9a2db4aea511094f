//! Dialects receive the run's settings: an edge added with `extend-edges` is known to every
//! recogniser, so a Vector HEC sink on it is recognised as Axiom's HEC (API tokens only).

use axiom_lint::{Format, Rule, Settings, SourceFile};

const HEC_SINK: &str = r#"[sinks.axiom_hec]
type = "splunk_hec_logs"
inputs = ["app"]
endpoint = "https://hec.ap-southeast-2.aws.edge.axiom.co"
default_token = "${AXIOM_PAT}"
encoding.codec = "json"
"#;

fn rules_found(settings: &Settings) -> Vec<Rule> {
    let source = SourceFile::new("vector.toml", HEC_SINK, Format::Toml);
    axiom_lint::lint(&source, settings)
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.rule)
        .collect()
}

#[test]
fn a_hec_sink_on_an_added_edge_is_recognised() {
    let mut settings = Settings::default();
    settings
        .edges
        .add_domain("ap-southeast-2.aws.edge.axiom.co")
        .expect("a well-formed edge domain");
    assert_eq!(
        rules_found(&settings),
        [Rule::PersonalTokenWhereApiTokenRequired]
    );
}

#[test]
fn without_the_edge_the_sink_is_not_axioms_hec() {
    let found = rules_found(&Settings::default());
    assert!(
        !found.contains(&Rule::PersonalTokenWhereApiTokenRequired),
        "{found:?}"
    );
}
