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

/// The dialects recognised by where they send (OpenTelemetry SDK variables, Fluent Bit, Beats)
/// ask one "is this Axiom's host" question, which knows the run's edges: a file sending only
/// to an edge added with `extend-edges` is read as Axiom's, and its edge is not unknown.
#[test]
fn dialects_recognised_by_their_host_know_an_added_edge() {
    const EDGE: &str = "ap-southeast-2.aws.edge.axiom.co";
    let mut settings = Settings::default();
    settings
        .edges
        .add_domain(EDGE)
        .expect("a well-formed edge domain");
    let cases = [
        (
            "compose.yaml",
            format!(
                "services:\n  api:\n    environment:\n      OTEL_EXPORTER_OTLP_ENDPOINT: https://{EDGE}\n      OTEL_EXPORTER_OTLP_PROTOCOL: grpc\n      OTEL_METRICS_EXPORTER: none\n"
            ),
            Rule::OtlpGrpc,
        ),
        (
            "fluent-bit.yaml",
            format!(
                "pipeline:\n  outputs:\n    - name: http\n      host: {EDGE}\n      uri: /v1/ingest/app\n      header:\n        - Authorization Bearer ${{AXIOM_TOKEN}}\n"
            ),
            Rule::FluentBitHttpOutput,
        ),
        (
            "filebeat.yml",
            format!(
                "output.elasticsearch:\n  hosts: [\"https://{EDGE}/v1/ingest/app/elastic\"]\n  api_key: \"axiom:${{AXIOM_TOKEN}}\"\n"
            ),
            Rule::BeatsAxiomOutput,
        ),
    ];
    for (path, text, rule) in cases {
        let source = SourceFile::new(path, text, Format::Yaml);
        let found: Vec<Rule> = axiom_lint::lint(&source, &settings)
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.rule)
            .collect();
        assert!(found.contains(&rule), "{path}: {found:?}");
        assert!(!found.contains(&Rule::UnknownEdge), "{path}: {found:?}");
    }
}
