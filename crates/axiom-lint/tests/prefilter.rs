//! The prefilter is an optimisation, not a change of what axiom-lint finds about Axiom: every
//! fixture and a generated corpus lint to the same report with it and without it, except that
//! a file which never mentions Axiom gets no syntax check (AXL001, AXL003) and no generic
//! "secret in a `token` key" finding (AXL201 on a value that is not an Axiom token): those
//! files are out of axiom-lint's scope, and not parsing them is what makes a monorepo cheap.

use std::fs;
use std::path::{Path, PathBuf};

use axiom_lint::render::{self, FileReport};
use axiom_lint::{Format, LintResult, Rule, Settings, SourceFile};

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("fixtures are readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.file_name().is_some_and(|name| name != "expected.toml")
            && Format::detect(&path).is_some()
        {
            out.push(path);
        }
    }
}

/// The same text with every way it could concern Axiom taken out: a file the prefilter skips.
fn without_axiom(text: &str) -> String {
    let mut out = text.to_owned();
    for (from, to) in [
        ("axiom", "axion"),
        ("Axiom", "Axion"),
        ("AXIOM", "AXION"),
        ("xaat", "xbat"),
        ("xapt", "xbpt"),
        ("xait", "xbit"),
    ] {
        out = out.replace(from, to);
    }
    out
}

/// Small files in every format: some concern Axiom, some do not, some are broken.
fn generated() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let bodies_toml = [
        "[sinks.logs]\ntype = \"axiom\"\ntoken = \"${TOKEN}\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\n",
        "[package]\nname = \"app\"\nversion = \"1.0.0\"\n",
        "[server]\nhost = \"api.example.com\"\nport = 8080\n",
        "[broken\nname = ",
        "a = 1\na = 2\n",
        "# axiom-lint: ignore[AXL201] reason\nkey = \"value\"\n",
        "token = \"XAAT-00000000-0000-0000-0000-000000000000\"\n",
    ];
    let bodies_json = [
        "{\"name\": \"app\", \"scripts\": {\"build\": \"tsc\"}}",
        "{\"env\": {\"AXIOM_URL\": \"http://api.axiom.co\", \"AXIOM_TOKEN\": \"${T}\"}}",
        "{\"a\": 1, \"a\": 2}",
        "{\"broken\": ",
        "{\"url\": \"https://app.axiom.co\"}",
        "{\"$schema\": \"./schemas/axiom-credentials.schema.json\", \"connections\": {}}",
        // The only token in the file, its prefix escaped: no needle is written plainly.
        "{\"key\": \"\\u0078aat-d068a91c-3f3a-4e49-88bb-80ebd5e3d063\"}",
        "{\"key\": \"x\\u0061pt-4ff24310-761c-464f-9f3d-5dc35b95ffe8\"}",
        "{\"key\": \"XA\\u0049T-2b37130e-c279-45f4-ba5b-868681b96f6b\"}",
    ];
    for (i, body) in bodies_toml.iter().enumerate() {
        files.push((format!("generated/config-{i}.toml"), (*body).to_owned()));
        files.push((format!("generated/.axiom-{i}.toml"), (*body).to_owned()));
    }
    let bodies_yaml = [
        "key: \"\\x78\\x61\\x61\\x74-8d316093-cbf2-4bed-90f9-ab2d020f81e1\"\n",
        "key: \"\\U00000078aat-8d316093-cbf2-4bed-90f9-ab2d020f81e1\"\n",
        "name: app\nversion: \"1.0\"\n",
    ];
    for (i, body) in bodies_yaml.iter().enumerate() {
        files.push((format!("generated/values-{i}.yaml"), (*body).to_owned()));
    }
    for (i, body) in bodies_json.iter().enumerate() {
        files.push((format!("generated/config-{i}.json"), (*body).to_owned()));
        files.push((
            format!("generated/.vscode/settings-{i}.jsonc"),
            (*body).to_owned(),
        ));
        files.push((
            format!("generated/axiom-credentials-{i}.json"),
            (*body).to_owned(),
        ));
    }
    files
}

fn report(source: &SourceFile, result: &LintResult) -> String {
    let file = FileReport {
        source,
        result,
        path: &source.path,
    };
    render::json(&[file]) + &render::concise(source, result)
}

#[test]
fn the_prefilter_changes_no_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    fixture_files(&root.join("fixtures"), &mut paths);
    assert!(paths.len() > 50, "the fixtures are found");
    let mut corpus = generated();
    for path in &paths {
        let text = fs::read_to_string(path).expect("fixtures are UTF-8");
        let name = path.to_string_lossy().into_owned();
        corpus.push((without_axiom(&name), without_axiom(&text)));
        corpus.push((name, text));
    }
    let settings = Settings::default();
    let mut differences = Vec::new();
    let mut skipped = 0;
    let mut out_of_scope_only = 0;
    for (name, text) in &corpus {
        let Some(detected) = Format::detect(Path::new(name)) else {
            continue;
        };
        let source = SourceFile::new(name.clone(), text.clone(), detected.format);
        let filtered = report(&source, &axiom_lint::lint(&source, &settings));
        let unfiltered = report(&source, &axiom_lint::lint_unfiltered(&source, &settings));
        if !axiom_lint::prefilter::concerns_axiom(source.file_name(), text.as_bytes()) {
            skipped += 1;
            let unfiltered_result = axiom_lint::lint_unfiltered(&source, &settings);
            // A secret in a `token` key is out of scope; an Axiom token never is, however
            // its prefix is written.
            let out_of_scope = |d: &axiom_lint::Diagnostic| match d.rule {
                Rule::ParseError | Rule::DuplicateKey => true,
                Rule::HardcodedToken => !d.message.starts_with("hardcoded Axiom token"),
                _ => false,
            };
            if unfiltered_result.diagnostics.iter().all(out_of_scope) {
                out_of_scope_only += usize::from(!unfiltered_result.diagnostics.is_empty());
                continue;
            }
        }
        if filtered != unfiltered {
            differences.push(format!(
                "{name}:\n--- with the prefilter\n{filtered}\n--- without\n{unfiltered}"
            ));
        }
    }
    assert!(
        skipped > 50,
        "the corpus exercises the prefilter ({skipped} files skipped)"
    );
    assert!(differences.is_empty(), "{}", differences.join("\n\n"));
    // The exception above is exercised, so it is known to be the only one.
    assert!(out_of_scope_only > 0);
}
