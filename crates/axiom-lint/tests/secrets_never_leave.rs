//! No output of any kind contains a token body: every fixture rendered in every output format
//! is searched for every UUID-shaped string in its source, and generated tokens in generated
//! TOML, JSON and YAML files are checked the same way.

use std::fs;
use std::path::Path;

use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::{Format, LintResult, Settings, SourceFile};
use proptest::prelude::*;
use regex::Regex;

/// Every rendering axiom-lint can produce for a file.
fn every_output(source: &SourceFile, result: &LintResult) -> Vec<(&'static str, String)> {
    let mut outputs = vec![
        (
            "full",
            render::graphical(
                source,
                result,
                GraphicalOptions {
                    color: false,
                    width: 100,
                    mark_fixable: false,
                },
            ),
        ),
        (
            "full-color",
            render::graphical(
                source,
                result,
                GraphicalOptions {
                    color: true,
                    width: 80,
                    mark_fixable: true,
                },
            ),
        ),
        ("concise", render::concise(source, result)),
    ];
    let report = [render::FileReport {
        source,
        result,
        path: &source.path,
    }];
    outputs.push(("json", render::json(&report)));
    outputs.push(("sarif", render::sarif(&report, "0.0.0")));
    outputs.push(("github", render::github(&report)));
    let debug = format!("{:?}", result.diagnostics);
    outputs.push(("debug", debug));
    outputs
}

/// The secret part of every token-shaped string: the UUID body, in any case.
fn secret_bodies(text: &str) -> Vec<String> {
    let uuid = Regex::new(r"(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .expect("valid regex");
    uuid.find_iter(text)
        .map(|m| m.as_str().to_ascii_lowercase())
        // Hand-written placeholders (all zeros) are not secrets and may be shown.
        .filter(|body| {
            body.chars()
                .filter(char::is_ascii_hexdigit)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                > 2
        })
        .collect()
}

fn assert_no_body(
    path: &str,
    text: &str,
    source: &SourceFile,
    result: &LintResult,
) -> Result<(), String> {
    for body in secret_bodies(text) {
        for (format, output) in every_output(source, result) {
            if output.to_ascii_lowercase().contains(&body) {
                return Err(format!(
                    "{path}: the {format} output shows the token body {}…",
                    &body[..4]
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn no_fixture_output_shows_a_token_body() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut failures = Vec::new();
    let mut with_tokens = 0;
    for group in fs::read_dir(&root).expect("fixtures/ exists").flatten() {
        for path in files_under(&group.path()) {
            if path.file_name().is_some_and(|name| name == "expected.toml") {
                continue;
            }
            let format = Format::detect(&path).map_or_else(|| Format::text(&path), |d| d.format);
            let text = fs::read_to_string(&path).expect("UTF-8 fixture");
            if !secret_bodies(&text).is_empty() {
                with_tokens += 1;
            }
            let source = SourceFile::new(path.display().to_string(), text.clone(), format);
            let result = axiom_lint::lint(&source, &Settings::default());
            if let Err(failure) = assert_no_body(&source.path, &text, &source, &result) {
                failures.push(failure);
            }
        }
    }
    assert!(
        with_tokens > 0,
        "no fixture holds a token, so this test would prove nothing"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every file below `dir`, nested folders (`.github/workflows/`) included.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The same site in YAML, in one of its many spellings: block mappings with each scalar
/// style, a compose list item, a Kubernetes `env` entry, an alias, a broken file, a template.
fn yaml_variants(table: &str, key: &str, token: &str, copy: &str) -> Vec<String> {
    let mut nested = String::new();
    let mut indent = String::new();
    for part in table.split('.') {
        nested.push_str(&format!("{indent}{part}:\n"));
        indent.push_str("  ");
    }
    let single = token.replace('\'', "''");
    let double = token.replace('\\', "\\\\").replace('"', "\\\"");
    let mut variants: Vec<String> = [token.to_owned(), format!("'{single}'"), format!("\"{double}\"")]
        .iter()
        .map(|value| format!("# yaml-language-server: $schema=x\n{nested}{indent}type: axiom\n{indent}{key}: {value}\n# copy: {copy}\n"))
        .collect();
    variants.push(format!(
        "services:\n  web:\n    environment:\n      - {key}={token}\n      - \"{key}={double}\"\n"
    ));
    variants.push(format!(
        "spec:\n  containers:\n    - env:\n        - name: {key}\n          value: \"{double}\"\n"
    ));
    variants.push(format!(
        "base: &base\n  {key}: '{single}'\nenv: *base\nmerged:\n  <<: *base\n"
    ));
    variants.push(format!("{key}: |\n  {token}\nbroken: [\n"));
    variants.push(format!(
        "env:\n{{{{- toYaml .Values.env }}}}\n  {key}: {token}\n"
    ));
    variants
}

fn token() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("xaat-"),
            Just("xapt-"),
            Just("xait-"),
            Just("XAAT-"),
            Just("")
        ],
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        prop_oneof![Just(""), Just("Bearer "), Just(" ")],
    )
        .prop_map(|(prefix, body, wrap)| format!("{wrap}{prefix}{body}"))
}

fn key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("token"),
        Just("apiKey"),
        Just("api_token"),
        Just("AXIOM_TOKEN"),
        Just("NEXT_PUBLIC_AXIOM_TOKEN"),
        Just("org_id"),
        Just("AXIOM_ORG_ID"),
        Just("authorization"),
        Just("url"),
        Just("note"),
    ]
}

proptest! {
    #[test]
    fn generated_tokens_never_appear_in_output(token in token(), key in key(), table in 0..5usize, variant in 0..8usize) {
        // One dotenv style per case (the table index picks it), to keep the test's cost flat.
        let dotenv_style = table % 3;
        let table = ["sinks.axiom", "deployments.prod", "env", "connections.main", "exporters.otlphttp.headers"][table];
        // Outside a token field only a prefixed token is recognisable as one.
        let prefixed = token.trim().trim_start_matches("Bearer ").starts_with(['x', 'X']);
        let copy = if prefixed { token.as_str() } else { "" };
        let toml = format!("#:schema x\n[{table}]\ntype = \"axiom\"\n{key} = \"{token}\"\n# copy: {copy}\n");
        let json = format!("{{\"{table}\": {{\"type\": \"axiom\", \"{key}\": \"{token}\", \"x\": \"see {copy}\"}}}}");
        let hcl = match dotenv_style {
            0 => format!("provider \"axiom\" {{\n  {key} = \"{token}\"\n}}\n# {copy}\n"),
            1 => format!("variable \"axiom_token\" {{\n  default = <<EOT\n{token}\nEOT\n}}\nlocals {{\n  {key} = \"x ${{var.y}} {copy}\"\n}}\n"),
            _ => format!("{key} = \"{token}\"\nbroken {{ {copy}\n"),
        };
        let dotenv = match dotenv_style {
            0 => format!("{key}={token}\n# copy: {copy}\n"),
            1 => format!("export {key}='{token}' # {copy}\nAXIOM_URL=https://api.axiom.co\n"),
            _ => format!("{key}=\"{token}\"\nbroken line {copy}\n"),
        };
        // One YAML spelling per case keeps the test's time; the cases cover them all.
        let fluent_bit = format!("[OUTPUT]\n    Name http\n    Host eu-central-1.aws.edge.axiom.co\n    Header Authorization Bearer {token}\n    {key} {token}\n# {copy}\n");
        let systemd = format!("[Service]\nEnvironment=\"{key}={token}\" AXIOM_URL=https://api.axiom.co\nEnvironment=OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20{token}\n; {copy}\n[Unit\n");
        let yaml = yaml_variants(table, key, &token, copy).into_iter().nth(variant).map(|text| (text, Format::Yaml));
        for (text, format) in [(toml, Format::Toml), (json.clone(), Format::Json), (json, Format::Jsonc), (format!("{{ broken {copy}"), Format::Json), (dotenv, Format::Dotenv), (hcl, Format::Hcl), (fluent_bit, Format::FluentBit), (systemd, Format::Systemd)].into_iter().chain(yaml) {
            let source = SourceFile::new("generated", text.clone(), format);
            let result = axiom_lint::lint(&source, &Settings::default());
            prop_assert!(assert_no_body("generated", &text, &source, &result).is_ok(), "{:?}", assert_no_body("generated", &text, &source, &result));
        }
    }
}

/// The shapes the stable fuzz run found leaking through `axiom-lint.toml` errors: a token
/// damaged by a bad byte with junk after it, and a token whose prefix is followed by fewer
/// than 12 hex digits before a line continuation, an escape or an escaped prefix. Each is a
/// configuration error whose excerpt shows the line.
#[test]
fn damaged_tokens_in_configuration_errors_are_masked() {
    let body = "2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";
    let mut bad_byte_and_junk = format!(
        "select = [\"xaat-{}\u{fffd}\"{{[{}\n",
        &body[..11],
        &body[11..]
    )
    .into_bytes();
    // The replacement character stands for a byte that was not UTF-8.
    let at = bad_byte_and_junk
        .windows(3)
        .position(|w| w == "\u{fffd}".as_bytes())
        .expect("replacement character");
    bad_byte_and_junk.splice(at..at + 3, [0xff]);
    let inputs: Vec<Vec<u8>> = vec![
        bad_byte_and_junk,
        format!(
            "note = \"\"\"xaat-{}\\\n  {}\"\"\"\n",
            &body[..8],
            &body[8..]
        )
        .into_bytes(),
        format!("note = \"XAPT-{}\\u002d{}\"\n", &body[..8], &body[9..]).into_bytes(),
        format!(
            "note = \"\\u0078aat-{}\\u002d{}\"\n",
            &body[..8],
            &body[9..]
        )
        .into_bytes(),
        format!(
            "select = [\"x\\u0061it-{}\\u002d{}\u{fffd}\"]\n",
            &body[..8],
            &body[9..13]
        )
        .into_bytes(),
    ];
    let leaks: Vec<String> = inputs
        .iter()
        .enumerate()
        .filter_map(|(index, input)| {
            let leak = axiom_lint_testing::hostile::check(input).err()?;
            Some(format!("input {index}: {leak}"))
        })
        .collect();
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// Text echoed from a configuration file or an argument loses every word that starts with a
/// token prefix, whatever follows it: a placeholder, a truncated token, junk.
#[test]
fn echoed_text_masks_every_prefixed_word() {
    for (echoed, shown) in [
        ("`xaat-2b1e1f4a` names no rule", "`xaat-…` names no rule"),
        (
            "`XAPT-2b1e1f4a-7c3d\u{fffd}#` names no rule",
            "`XAPT-…` names no rule",
        ),
        (
            "/a/xait-2b1e1f4a-7c/axiom-lint.toml: cannot read",
            "/a/xait-…/axiom-lint.toml: cannot read",
        ),
        // Without a plain prefix to show, the last four characters stand for the word.
        (
            "`\\u0078aat-2b1e1f4a9c` names no rule",
            "`…4a9c` names no rule",
        ),
        ("the `xaat-` prefix", "the `xaat-` prefix"),
    ] {
        assert_eq!(axiom_lint::redact_echoed(echoed), shown);
    }
}

/// Inputs the stable fuzz run (`fuzz_stable`) once failed on, kept as found, each named after
/// its shape: leaks (an escaped prefix before a body split by a line continuation, a UTF-16
/// token whose tail a stray byte turned into other letters, a token cut to its first group
/// beside the whole one) and false alarms of the check that must stay quiet (a UTF-16 token
/// beside an ASCII copy of part of its body, text after junk inside a token).
#[test]
fn inputs_the_fuzzer_found_leak_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut checked = 0;
    let mut leaks = Vec::new();
    for entry in fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .flatten()
    {
        let data = fs::read(entry.path()).expect("readable");
        checked += 1;
        if let Err(leak) = axiom_lint_testing::hostile::check(&data) {
            leaks.push(format!("{}: {leak}", entry.path().display()));
        }
    }
    assert!(checked >= 3, "the regressions are found");
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// A token with a stray character inside (`#`, `.`, `!`, `@`, `%`, `+`, `&`) is still secret on
/// both sides of it: no output shows the part after the stray character, though the line is
/// shown beside another finding.
#[test]
fn a_token_with_junk_inside_is_masked_on_both_sides() {
    let tail = "0c1d2e3f8ec6";
    for junk in ['#', '.', '!', '@', '%', '+', '&', '~', '|'] {
        let token = format!("xaat-2b1e1f4a-7c3d-4e5f-9a8b{junk}{tail}");
        let files = [
            (
                format!(
                    "[sinks.a]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\ntoken = \"{token}\"\n"
                ),
                Format::Toml,
            ),
            (
                format!(
                    "{{\"env\": {{\"AXIOM_URL\": \"https://app.axiom.co\", \"AXIOM_TOKEN\": \"{token}\"}}}}"
                ),
                Format::Json,
            ),
            (
                format!("AXIOM_URL=https://app.axiom.co\nAXIOM_TOKEN={token}\n"),
                Format::Dotenv,
            ),
        ];
        for (text, format) in files {
            let source = SourceFile::new("junk", text.clone(), format);
            let result = axiom_lint::lint(&source, &Settings::default());
            assert!(
                !result.diagnostics.is_empty(),
                "no finding shows the line: {text}"
            );
            for (output_format, output) in every_output(&source, &result) {
                assert!(
                    !output.contains(tail),
                    "{format:?} {output_format} output shows the tail after {junk:?}:\n{output}"
                );
            }
        }
    }
}

/// The groups of the body the tests below split and damage; each must stay hidden (only the
/// last four digits, shown by design, may appear).
const GROUPS: [&str; 5] = ["2b1e1f4a", "7c3d", "4e5f", "9a8b", "0c1d2e3f"];

fn assert_no_group(source: &SourceFile, result: &LintResult, what: &str) {
    for (output_format, output) in every_output(source, result) {
        for group in GROUPS {
            assert!(
                !output.contains(group),
                "{what}: the {output_format} output shows `{group}`:\n{output}"
            );
        }
    }
}

/// A token split by a TOML `"""` or YAML double-quoted line continuation, even inside its
/// prefix, in a file that does not parse: masked on every line of the excerpt, and reported.
#[test]
fn a_token_split_by_a_continuation_beside_a_syntax_error_is_masked_and_reported() {
    let splits = [
        "xa\\\n  at-2b1e1f4a-7c3d-4e5f-\\\n  9a8b-0c1d2e3f8ec6",
        "xa\\\n  at-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6",
        "x\\\n  aat-2b1e1f4a-7c3d-4e5f-9a8b-\\\n  0c1d2e3f8ec6",
        "xaat-\\\n  2b1e1f4a-\\\n  7c3d-4e5f-9a8b-0c1d2e3f8ec6",
    ];
    for split in splits {
        let files = [
            (
                format!("u = \"https://api.axiom.co\"\na = \"\"\"{split}\"\"\"\nb = = 1\n"),
                Format::Toml,
            ),
            (
                format!("u: https://api.axiom.co\nt: \"{split}\"\nb: [\n"),
                Format::Yaml,
            ),
        ];
        for (text, format) in files {
            let source = SourceFile::new("split", text.clone(), format);
            let result = axiom_lint::lint(&source, &Settings::default());
            let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.rule.code()).collect();
            assert!(codes.contains(&"AXL001"), "{text}: {codes:?}");
            assert!(codes.contains(&"AXL201"), "{text}: {codes:?}");
            assert_no_group(&source, &result, &text);
        }
    }
}

/// A token damaged by a space or by HCL syntax inside its body shows none of what remains of
/// the body after the damage, in a linted file (beside another finding, so the line is
/// shown) and in a configuration error.
#[test]
fn what_remains_of_a_damaged_body_is_masked() {
    let damaged = [
        "xaat-2b1e1f4a 7c3d-4e5f-9a8b-0c1d2e3f8ec6",
        "xaat-2b1e1f4a-7c3d-4e5f-9a8b 0c1d2e3f8ec6",
        "xaat-2b1e1f4a-7c3d${\"\"}-4e5f-9a8b-0c1d2e3f8ec6",
        "xaat-2b1e1f4a${\"\"}7c3d-4e5f-9a8b-0c1d2e3f8ec6",
    ];
    for token in damaged {
        let files = [
            (
                format!(
                    "provider \"axiom\" {{\n  url = \"http://api.axiom.co\"\n  api_token = \"{token}\" # http://api.axiom.co\n}}\n"
                ),
                Format::Hcl,
            ),
            (
                format!(
                    "[sinks.a]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\nnote = 'http://api.axiom.co {token}'\n"
                ),
                Format::Toml,
            ),
            (
                format!("AXIOM_URL=http://api.axiom.co # {token}\n"),
                Format::Dotenv,
            ),
        ];
        for (text, format) in files {
            let source = SourceFile::new("damaged", text.clone(), format);
            let result = axiom_lint::lint(&source, &Settings::default());
            assert!(
                !result.diagnostics.is_empty(),
                "no finding shows the line: {text}"
            );
            assert_no_group(&source, &result, &text);
        }
        let config = format!("select = [\"{token}\"]\nbroken =\n");
        let spans = axiom_lint::text_secret_spans(&config);
        let mut masked = config.clone().into_bytes();
        for span in spans {
            masked[span].fill(b'*');
        }
        let masked = String::from_utf8_lossy(&masked);
        for group in GROUPS {
            assert!(!masked.contains(group), "{config} masked as {masked}");
        }
        let echoed = axiom_lint::redact_echoed(token);
        for group in GROUPS {
            assert!(!echoed.contains(group), "{token} echoed as {echoed}");
        }
    }
}

/// Credentials in a URL's userinfo (`https://axiom:<password>@host`): the host after them is
/// judged in every format, and the password, a token or not, appears in no output, neither in
/// the excerpt nor in a message, help or fix title that repeats the URL.
#[test]
fn a_password_in_a_urls_userinfo_never_leaves() {
    let password = "Wq7vZp2Lr9xK";
    let token = "xaat-5d1f8a42-9c3b-4e7a-b2d6-81f04c9e3a57";
    for secret in [password, token] {
        // An unknown edge (AXL101, whose help and fix repeat the URL) over HTTP (AXL105).
        let url = format!("http://axiom:{secret}@eu-west-1.aws.edge.axiom.co/v1/ingest/logs");
        let files = [
            (
                format!("const drain = \"{url}\";\n"),
                Format::text(Path::new("a.ts")),
            ),
            (format!("AXIOM_INGEST_URL={url}\n"), Format::Dotenv),
            (
                format!("env:\n  AXIOM_INGEST_URL: \"{url}\"\n"),
                Format::Yaml,
            ),
            (
                format!("{{\"env\": {{\"AXIOM_INGEST_URL\": \"{url}\"}}}}\n"),
                Format::Json,
            ),
        ];
        for (text, format) in files {
            let source = SourceFile::new("userinfo", text.clone(), format);
            let result = axiom_lint::lint(&source, &Settings::default());
            let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.rule.code()).collect();
            assert!(codes.contains(&"AXL101"), "{text}: {codes:?}");
            assert!(codes.contains(&"AXL105"), "{text}: {codes:?}");
            let hidden = secret.strip_prefix("xaat-").unwrap_or(secret);
            for (output_format, output) in every_output(&source, &result) {
                assert!(
                    !output.contains(&hidden[..8]),
                    "{text}: the {output_format} output shows the password:\n{output}"
                );
            }
        }
    }
}

/// Files whose content decides how they are read (a script's shebang, a SOPS document named
/// as TOML) go through every output with their tokens masked, wherever the token sits.
#[test]
fn files_read_by_their_content_leak_nothing() {
    let token = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";
    for input in [
        format!("#!/usr/bin/env bash\n# {token}\ncat <<'EOF'\nAXIOM_TOKEN={token}\nEOF\n"),
        format!("#!/usr/bin/env -S npx tsx\n// {token}\nconst t = `{token}\n`;\n"),
        format!(
            "{{\"token\": \"{token}\", \"data\": \"ENC[AES256_GCM,data:x]\", \"sops\": {{\"mac\": \"ENC[x]\"}}}}\n"
        ),
        format!("token: {token}\nsops:\n    mac: ENC[AES256_GCM,data:x]\n"),
    ] {
        if let Err(leak) = axiom_lint_testing::hostile::check(input.as_bytes()) {
            panic!("{leak}");
        }
    }
}
