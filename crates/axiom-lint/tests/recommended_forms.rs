//! Help is advice the tool accepts (DESIGN.md, "Precision"): for each dialect added for issue
//! 21, a file holding a token gets help that names a form, and the same file written in that
//! form lints clean.

use axiom_lint::{Format, Rule, Settings, SourceFile, TextComments};

const TOKEN: &str = "xaat-a77679c7-694e-447b-9512-28f2c1fd86a2";

struct Case {
    path: &'static str,
    format: Format,
    /// The file with a token literal: `{token}` is replaced by [`TOKEN`].
    bad: &'static str,
    /// What the AXL201 help tells the user to write (or do).
    form: &'static str,
    /// The same file, written as the help says.
    good: &'static str,
}

const CASES: &[Case] = &[
    Case {
        path: "compose.yaml",
        format: Format::Yaml,
        bad: "services:\n  app:\n    environment:\n      OTEL_EXPORTER_OTLP_ENDPOINT: https://eu-central-1.aws.edge.axiom.co\n      OTEL_EXPORTER_OTLP_HEADERS: Authorization=Bearer%20{token},x-axiom-dataset=t\n      OTEL_METRICS_EXPORTER: none\n",
        form: "Authorization=Bearer%20${AXIOM_TOKEN}",
        good: "services:\n  app:\n    environment:\n      OTEL_EXPORTER_OTLP_ENDPOINT: https://eu-central-1.aws.edge.axiom.co\n      OTEL_EXPORTER_OTLP_HEADERS: Authorization=Bearer%20${AXIOM_TOKEN},x-axiom-dataset=t\n      OTEL_METRICS_EXPORTER: none\n",
    },
    Case {
        path: "fluent-bit.conf",
        format: Format::FluentBit,
        bad: "[OUTPUT]\n    Name http\n    Host eu-central-1.aws.edge.axiom.co\n    Port 443\n    TLS On\n    URI /v1/ingest/app\n    Header Authorization Bearer {token}\n",
        form: "Header Authorization Bearer ${AXIOM_TOKEN}",
        good: "[OUTPUT]\n    Name http\n    Host eu-central-1.aws.edge.axiom.co\n    Port 443\n    TLS On\n    URI /v1/ingest/app\n    Header Authorization Bearer ${AXIOM_TOKEN}\n",
    },
    Case {
        path: "provisioning/datasources/axiom.yaml",
        format: Format::Yaml,
        bad: "apiVersion: 1\ndatasources:\n  - type: axiomhq-axiom-datasource\n    secureJsonData:\n      accessToken: {token}\n",
        form: "accessToken: ${AXIOM_TOKEN}",
        good: "apiVersion: 1\ndatasources:\n  - type: axiomhq-axiom-datasource\n    secureJsonData:\n      accessToken: ${AXIOM_TOKEN}\n",
    },
    Case {
        path: "app.service",
        format: Format::Systemd,
        bad: "[Service]\nExecStart=/usr/bin/app\nEnvironment=AXIOM_TOKEN={token}\n",
        form: "LoadCredential=",
        good: "[Service]\nExecStart=/usr/bin/app\nLoadCredential=axiom-token:/etc/app/axiom-token\n",
    },
    Case {
        path: "app.nomad",
        format: Format::Hcl,
        bad: "job \"app\" {\n  group \"g\" {\n    task \"t\" {\n      env {\n        AXIOM_TOKEN = \"{token}\"\n      }\n    }\n  }\n}\n",
        form: "{{ with nomadVar \"nomad/jobs/<job>\" }}AXIOM_TOKEN={{ .AXIOM_TOKEN }}{{ end }}",
        good: "job \"app\" {\n  group \"g\" {\n    task \"t\" {\n      template {\n        env = true\n        destination = \"secrets/axiom.env\"\n        data = <<EOT\n{{ with nomadVar \"nomad/jobs/app\" }}AXIOM_TOKEN={{ .AXIOM_TOKEN }}{{ end }}\nEOT\n      }\n    }\n  }\n}\n",
    },
    Case {
        path: "forwarder.yaml",
        format: Format::Yaml,
        bad: "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  AxiomToken:\n    Type: String\n    NoEcho: true\n    Default: {token}\n",
        form: "--parameter-overrides AxiomToken=",
        good: "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  AxiomToken:\n    Type: String\n    NoEcho: true\n",
    },
    Case {
        path: "pipeline/logstash.conf",
        format: Format::Text(TextComments::Hash),
        bad: "output {\n  opensearch {\n    hosts => [\"https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/logs/elastic\"]\n    user => \"axiom\"\n    password => \"{token}\"\n  }\n}\n",
        form: "password => \"${AXIOM_TOKEN}\"",
        good: "output {\n  opensearch {\n    hosts => [\"https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/logs/elastic\"]\n    user => \"axiom\"\n    password => \"${AXIOM_TOKEN}\"\n  }\n}\n",
    },
    Case {
        path: "grafana.tf",
        format: Format::Hcl,
        bad: "resource \"grafana_data_source\" \"axiom\" {\n  type = \"axiomhq-axiom-datasource\"\n  secure_json_data_encoded = jsonencode({\n    accessToken = \"{token}\"\n  })\n}\n",
        form: "accessToken = var.axiom_token",
        good: "variable \"axiom_token\" {\n  sensitive = true\n}\n\nresource \"grafana_data_source\" \"axiom\" {\n  type = \"axiomhq-axiom-datasource\"\n  secure_json_data_encoded = jsonencode({\n    accessToken = var.axiom_token\n  })\n}\n",
    },
    Case {
        path: "fluent-bit.yaml",
        format: Format::Yaml,
        bad: "env:\n  AXIOM_TOKEN: {token}\npipeline:\n  outputs:\n    - name: http\n      host: eu-central-1.aws.edge.axiom.co\n      port: 443\n      tls: on\n      uri: /v1/ingest/app\n      header:\n        - Authorization Bearer ${AXIOM_TOKEN}\n",
        form: "remove the token from `env:`",
        good: "pipeline:\n  outputs:\n    - name: http\n      host: eu-central-1.aws.edge.axiom.co\n      port: 443\n      tls: on\n      uri: /v1/ingest/app\n      header:\n        - Authorization Bearer ${AXIOM_TOKEN}\n",
    },
    Case {
        path: "agent.nomad",
        format: Format::Hcl,
        bad: "job \"app\" {\n  group \"g\" {\n    task \"t\" {\n      template {\n        destination = \"local/agent.yaml\"\n        data = <<EOT\ntoken: {token}\nEOT\n      }\n    }\n  }\n}\n",
        form: "{{ with nomadVar \"nomad/jobs/<job>\" }}{{ .AXIOM_TOKEN }}{{ end }}",
        good: "job \"app\" {\n  group \"g\" {\n    task \"t\" {\n      template {\n        destination = \"local/agent.yaml\"\n        data = <<EOT\ntoken: {{ with nomadVar \"nomad/jobs/app\" }}{{ .AXIOM_TOKEN }}{{ end }}\nEOT\n      }\n    }\n  }\n}\n",
    },
];

fn lint(path: &str, format: Format, text: String) -> axiom_lint::LintResult {
    let source = SourceFile::new(path, text, format);
    axiom_lint::lint(&source, &Settings::default())
}

#[test]
fn following_each_new_dialects_token_help_lints_clean() {
    for case in CASES {
        let bad = lint(case.path, case.format, case.bad.replace("{token}", TOKEN));
        let help = bad
            .diagnostics
            .iter()
            .find(|diagnostic| diagnostic.rule == Rule::HardcodedToken)
            .and_then(|diagnostic| diagnostic.help.clone())
            .unwrap_or_else(|| panic!("{}: no AXL201 with help", case.path));
        assert!(
            help.contains(case.form),
            "{}: the help does not name `{}`: {help}",
            case.path,
            case.form
        );
        let good = lint(case.path, case.format, case.good.to_owned());
        assert!(
            good.diagnostics.is_empty(),
            "{}: the recommended form is not clean: {:?}",
            case.path,
            good.diagnostics
                .iter()
                .map(|diagnostic| diagnostic.rule.code())
                .collect::<Vec<_>>()
        );
    }
}
