//! The command line, tested as users run it: case files under `tests/cmd/` (trycmd), plus the
//! checks that need more than one run (baseline round trips) or a schema (SARIF).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fails with everything the command printed when it exits with another code.
fn assert_exit(output: &std::process::Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("crates/axiom-lint-cli/tests/cmd/*.toml");
}

/// The variables that change what the command prints; a case sets the ones it is about.
const OUTPUT_VARIABLES: [&str; 5] = [
    "AXIOM_LINT_OUTPUT_FORMAT",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "FORCE_COLOR",
    "NO_COLOR",
];

/// A case inherits the environment it runs in: one exported `COLUMNS` or `NO_COLOR` would
/// fail cases that are right. Every case file clears the variables that change the output.
#[test]
fn every_cli_case_clears_the_variables_that_change_output() {
    let cases = root().join("crates/axiom-lint-cli/tests/cmd");
    let mut checked = 0;
    for entry in std::fs::read_dir(&cases).expect("the cases are there") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|extension| extension != "toml") {
            continue;
        }
        let case: toml::Table = std::fs::read_to_string(&path)
            .expect("readable")
            .parse()
            .expect("a case is TOML");
        let removed: Vec<&str> = case
            .get("env")
            .and_then(|env| env.get("remove"))
            .and_then(toml::Value::as_array)
            .map(|names| names.iter().filter_map(toml::Value::as_str).collect())
            .unwrap_or_default();
        for variable in OUTPUT_VARIABLES {
            assert!(
                removed.contains(&variable),
                "{} does not clear {variable} (env.remove)",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} cases found");
}

fn axiom_lint(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
        .current_dir(cwd)
        .args(args)
        .env_remove("AXIOM_LINT_OUTPUT_FORMAT")
        .output()
        .expect("the binary runs")
}

#[test]
fn sarif_output_follows_the_sarif_2_1_0_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("crates/axiom-lint-cli/tests/data/sarif-schema-2.1.0.json"),
        )
        .expect("the SARIF schema is vendored"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::draft7::new(&schema).expect("the SARIF schema compiles");
    let output = axiom_lint(
        &root(),
        &["--isolated", "--output-format", "sarif", "fixtures"],
    );
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() > 100, "every fixture finding is reported");
    assert!(results.iter().all(|r| {
        !r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default()
            .starts_with('/')
    }));
}

#[test]
fn baseline_hides_known_findings_until_their_value_changes() {
    let dir = std::env::temp_dir().join(format!("axiom-lint-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let config = "[sinks.axiom]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\n";
    std::fs::write(dir.join("vector.toml"), config).expect("write");

    let written = axiom_lint(
        &dir,
        &[
            "--isolated",
            "--write-baseline",
            "baseline.json",
            "vector.toml",
        ],
    );
    assert_exit(&written, 0);
    let baseline = std::fs::read_to_string(dir.join("baseline.json")).expect("baseline written");
    assert!(baseline.contains("\"AXL101\"") && baseline.contains("/sinks/axiom/region"));
    assert!(
        !baseline.contains("\"line\""),
        "baselines never key on line numbers"
    );

    // Lines move: the finding stays accepted.
    std::fs::write(dir.join("vector.toml"), format!("# moved down\n\n{config}")).expect("write");
    let moved = axiom_lint(
        &dir,
        &["--isolated", "--baseline", "baseline.json", "vector.toml"],
    );
    assert_exit(&moved, 0);

    // The value changes: it is a new finding.
    std::fs::write(
        dir.join("vector.toml"),
        config.replace("eu-west-1", "ap-south-9"),
    )
    .expect("write");
    let changed = axiom_lint(
        &dir,
        &["--isolated", "--baseline", "baseline.json", "vector.toml"],
    );
    assert_eq!(changed.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A baseline hides findings, it does not make them go away: the summary says how many it
/// accepted, never "All clear", and the baseline file itself is not a checked file.
#[test]
fn the_summary_counts_what_the_baseline_accepted_and_not_the_baseline() {
    let dir = scratch("baseline-summary");
    std::fs::write(
        dir.join("vector.toml"),
        "[sinks.axiom]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\nurl = \"http://api.axiom.co\"\n",
    )
    .expect("write");
    let written = axiom_lint(
        &dir,
        &["--isolated", "--write-baseline", "baseline.json", "."],
    );
    assert_exit(&written, 0);
    for args in [
        &["--isolated", "--baseline", "baseline.json", "."][..],
        &["--isolated", "--baseline", "baseline.json", "--fix", "."][..],
    ] {
        let run = axiom_lint(&dir, args);
        assert_exit(&run, 0);
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(!stdout.contains("All clear"), "{args:?}: {stdout}");
        assert!(
            stdout.contains("No new problems in 1 file checked"),
            "{args:?}: {stdout}"
        );
        assert!(
            stdout.contains("findings accepted by the baseline"),
            "{args:?}: {stdout}"
        );
    }
    // Machine reports carry the same count, so a CI reading JSON or SARIF is not told less.
    let base = [
        "--isolated",
        "--baseline",
        "baseline.json",
        "--output-format",
    ];
    let json = axiom_lint(&dir, &[&base[..], &["json", "."]].concat());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let accepted = report["summary"]["baseline_accepted"].as_u64();
    assert!(accepted.is_some_and(|n| n >= 2), "{report}");
    let sarif = axiom_lint(&dir, &[&base[..], &["sarif", "."]].concat());
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    assert_eq!(
        log["runs"][0]["properties"]["baselineAccepted"].as_u64(),
        accepted
    );
    let github = axiom_lint(&dir, &[&base[..], &["github", "."]].concat());
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(
        annotations.contains(&format!(
            "({} findings accepted by the baseline, not shown)",
            accepted.unwrap_or_default()
        )),
        "{annotations}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let run = |threads: &str| {
        Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
            .current_dir(root())
            .args(["--isolated", "--output-format", "json", "fixtures"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("the binary runs")
            .stdout
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("axiom-lint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn baselines_match_wherever_the_linter_runs_from() {
    let repo = scratch("baseline-root");
    std::fs::create_dir_all(repo.join(".git")).expect("a repository root");
    std::fs::create_dir_all(repo.join("deploy")).expect("dir");
    std::fs::write(
        repo.join("deploy/vector.toml"),
        "[sinks.axiom]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\n",
    )
    .expect("write");
    let written = axiom_lint(
        &repo.join("deploy"),
        &[
            "--isolated",
            "--write-baseline",
            "../baseline.json",
            "vector.toml",
        ],
    );
    assert_eq!(written.status.code(), Some(0));
    let from_root = axiom_lint(
        &repo,
        &[
            "--isolated",
            "--baseline",
            "baseline.json",
            "deploy/vector.toml",
        ],
    );
    assert_exit(&from_root, 0);
    let _ = std::fs::remove_dir_all(&repo);
}

#[test]
fn fixing_standard_input_writes_no_file() {
    let dir = scratch("stdin-fix");
    let mut child = Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
        .current_dir(&dir)
        .args([
            "--isolated",
            "--fix",
            "--stdin-filename",
            "target.toml",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    std::io::Write::write_all(
        child.stdin.as_mut().expect("stdin"),
        b"[env]\nAXIOM_URL = \"api.axiom.co\"\n",
    )
    .expect("write stdin");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "[env]\nAXIOM_URL = \"https://api.axiom.co\"\n"
    );
    assert!(
        !dir.join("target.toml").exists(),
        "standard input is never written to disk"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `axiom-lint` in `dir` with `input` on standard input.
fn axiom_lint_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
        .current_dir(dir)
        .args(args)
        .env_remove("AXIOM_LINT_OUTPUT_FORMAT")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    // Written from a thread: the command may answer before it has read everything.
    let writer = std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut pipe, &input);
    });
    let output = child.wait_with_output().expect("finishes");
    writer.join().expect("the writer ends");
    output
}

/// An editor pipes its buffer through `--fix -` and replaces the buffer with what comes back:
/// on every path, errors included, standard output is the whole content.
#[test]
fn fixing_standard_input_gives_the_content_back_on_every_path() {
    let dir = scratch("stdin-every-path");
    std::fs::create_dir_all(dir.join("broken")).expect("dir");
    std::fs::write(
        dir.join("axiom-lint.toml"),
        "exclude = [\"generated/**\"]\n",
    )
    .expect("config");
    std::fs::write(dir.join("broken/axiom-lint.toml"), "select = [\n").expect("config");
    let content: &[u8] = b"[env]\nAXIOM_URL = \"https://api.axiom.co\"\n";
    let cases: &[(&str, &[&str])] = &[
        (
            "an excluded name with --force-exclude",
            &[
                "--fix",
                "--force-exclude",
                "--stdin-filename",
                "generated/a.toml",
                "-",
            ],
        ),
        (
            "a broken config",
            &[
                "--fix",
                "--config",
                "broken/axiom-lint.toml",
                "--stdin-filename",
                "a.toml",
                "-",
            ],
        ),
        (
            "an unknown selector",
            &[
                "--isolated",
                "--fix",
                "--select",
                "AXL999",
                "--stdin-filename",
                "a.toml",
                "-",
            ],
        ),
        (
            "a missing baseline",
            &[
                "--isolated",
                "--fix",
                "--baseline",
                "missing.json",
                "--stdin-filename",
                "a.toml",
                "-",
            ],
        ),
        (
            "a name of no supported format",
            &[
                "--isolated",
                "--fix",
                "--stdin-filename",
                "fluent-bit.conf",
                "-",
            ],
        ),
        ("no name at all", &["--isolated", "--fix", "-"]),
        (
            "an argument clap rejects",
            &["--isolated", "--fix", "--no-such-flag", "-"],
        ),
        (
            "an invalid output format",
            &["--isolated", "--fix", "--output-format", "xml", "-"],
        ),
        (
            "--show-settings",
            &[
                "--isolated",
                "--fix",
                "--show-settings",
                "--stdin-filename",
                "a.toml",
                "-",
            ],
        ),
        (
            "--write-baseline",
            &[
                "--isolated",
                "--fix",
                "--write-baseline",
                "b.json",
                "--stdin-filename",
                "a.toml",
                "-",
            ],
        ),
    ];
    for (what, args) in cases {
        let output = axiom_lint_with_stdin(&dir, args, content);
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(content),
            "{what}: the content did not come back (stderr: {})",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // Over the size cap: every byte comes back, not only the part that was read.
    let large = vec![b'#'; 10 * 1024 * 1024 + 4096];
    let output = axiom_lint_with_stdin(&dir, &["--isolated", "--fix", "-"], &large);
    assert_exit(&output, 2);
    assert!(
        output.stdout == large,
        "{} bytes came back",
        output.stdout.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// With no `--stdin-filename`, the format is read from the content, and a note says which.
#[test]
fn unnamed_standard_input_is_read_in_the_format_its_content_shows() {
    let dir = scratch("stdin-guess");
    let yaml = b"sinks:\n  axiom:\n    type: axiom\n    url: http://api.axiom.co\n";
    let output = axiom_lint_with_stdin(
        &dir,
        &["--isolated", "--output-format", "concise", "-"],
        yaml,
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stdout.contains("AXL001"), "{stdout}");
    assert!(stdout.contains("AXL105"), "{stdout}");
    assert!(stderr.contains("read as yaml"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--fix` refuses a read-only file and a file with other hard links: reported, exit 2, and
/// both left as they were (as root too, where opening for writing would succeed).
#[cfg(unix)]
#[test]
fn fix_refuses_read_only_and_hard_linked_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("fix-refused");
    let before = "[env]\nAXIOM_URL = \"api.axiom.co\"\n";
    std::fs::write(dir.join("locked.toml"), before).expect("write");
    std::fs::set_permissions(
        dir.join("locked.toml"),
        std::fs::Permissions::from_mode(0o444),
    )
    .expect("chmod");
    std::fs::write(dir.join("linked.toml"), before).expect("write");
    std::fs::hard_link(dir.join("linked.toml"), dir.join("twin.txt")).expect("link");
    let output = axiom_lint(&dir, &["--isolated", "--fix", "locked.toml", "linked.toml"]);
    assert_exit(&output, 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("locked.toml: read-only"), "{stderr}");
    assert!(stderr.contains("linked.toml: has 2 hard links"), "{stderr}");
    for name in ["locked.toml", "linked.toml", "twin.txt"] {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).expect("read"),
            before,
            "{name}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Tokens where rules echo values: in hosts, keys, subdomains, fixable values, twice in a
/// row, and as a bare UUID in a file that does not parse.
const LEAKY: &[(&str, &str)] = &[
    (
        "env.json",
        r#"{"env": {"AXIOM_URL": "http://TOKEN@api.axiom.co", "AXIOM_EDGE_URL": "eu-central-1.aws.edge.axiom.co/?t=TOKEN"}}"#,
    ),
    (
        "nango.json",
        r#"{"provider_config_key": "axiom", "connection_config": {"subdomain": "TOKEN"}, "credentials": {"apiKey": "${KEY}"}}"#,
    ),
    (
        "keys.json",
        r#"{"allow": {"TOKEN": "prod", "TOKEN": "ci"}, "env": {"AXIOM_URL": "api.axiom.co"}}"#,
    ),
    (
        "twice.toml",
        "[sinks.axiom]\ntype = \"axiom\"\nurl = \"https://api.axiom.co\"\ntoken = \"TOKENTOKEN\"\n",
    ),
    (
        "vector.toml",
        "[sinks.axiom]\ntype = \"axiom\"\nurl = \"api.axiom.co/v1/ingest/x\"\ntoken = \" TOKEN\"\n",
    ),
    (
        "broken.toml",
        "[sinks.axiom]\ntype = \"axiom\"\ntoken = \"BODY\n",
    ),
];

#[test]
fn no_output_of_any_kind_shows_a_token_body() {
    const BODY: &str = "2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";
    let dir = scratch("leaks");
    for (name, text) in LEAKY {
        let text = text
            .replace("TOKEN", &format!("xaat-{BODY}"))
            .replace("BODY", BODY);
        std::fs::write(dir.join(name), text).expect("write");
    }
    let runs: &[&[&str]] = &[
        &["--output-format", "full"],
        &["--output-format", "concise"],
        &["--output-format", "json"],
        &["--output-format", "sarif"],
        &["--output-format", "github"],
        &["--diff", "--unsafe-fixes"],
        &["--show-settings"],
        &["--write-baseline", "baseline.json"],
    ];
    for args in runs {
        let mut all = vec!["--isolated"];
        all.extend_from_slice(args);
        all.push(".");
        let output = axiom_lint(&dir, &all);
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream).to_ascii_lowercase();
            assert!(
                !text.contains(BODY),
                "`axiom-lint {}` shows a token body:\n{text}",
                all.join(" ")
            );
        }
    }
    let baseline = std::fs::read_to_string(dir.join("baseline.json")).expect("baseline written");
    assert!(!baseline.contains(BODY));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sarif_and_github_paths_are_relative_to_the_repository() {
    let repo = scratch("repository-paths");
    std::fs::create_dir_all(repo.join(".git")).expect("a repository root");
    std::fs::create_dir_all(repo.join("sub")).expect("dir");
    std::fs::write(
        repo.join("sub/with space.json"),
        r#"{"env": {"AXIOM_URL": "http://api.axiom.co"}}"#,
    )
    .expect("write");
    let from_root = axiom_lint(&repo, &["--isolated", "--output-format", "sarif", "."]);
    let from_sub = axiom_lint(
        &repo.join("sub"),
        &["--isolated", "--output-format", "sarif", "."],
    );
    let root_log = String::from_utf8_lossy(&from_root.stdout);
    assert!(
        root_log.contains("\"uri\": \"sub/with%20space.json\""),
        "{root_log}"
    );
    assert_eq!(
        root_log,
        String::from_utf8_lossy(&from_sub.stdout),
        "same URIs and fingerprints from anywhere"
    );
    let github = axiom_lint(
        &repo.join("sub"),
        &["--isolated", "--output-format", "github", "."],
    );
    assert!(String::from_utf8_lossy(&github.stdout).contains("file=sub/with space.json,"));
    let _ = std::fs::remove_dir_all(&repo);
}

#[test]
fn gitignore_is_honoured_outside_a_repository() {
    let dir = scratch("gitignore");
    std::fs::write(dir.join(".gitignore"), "ignored.toml\n").expect("write");
    std::fs::write(
        dir.join("ignored.toml"),
        "[env]\nAXIOM_URL = \"https://app.axiom.co\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("kept.toml"),
        "[env]\nAXIOM_URL = \"https://api.axiom.co\"\n",
    )
    .expect("write");
    let output = axiom_lint(&dir, &["--isolated", "--output-format", "concise", "."]);
    assert_exit(&output, 0);
    // `kept.toml`, and `.gitignore` itself by the text scan.
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 files checked"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ignore_files_above_the_repository_do_not_hide_its_files() {
    let outer = scratch("outer-gitignore");
    std::fs::write(outer.join(".gitignore"), "*.toml\n").expect("write");
    let repo = outer.join("inner");
    std::fs::create_dir_all(repo.join(".git")).expect("a repository root");
    std::fs::write(
        repo.join("vector.toml"),
        "[sinks.axiom]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\n",
    )
    .expect("write");
    let output = axiom_lint(&repo, &["--isolated", "--output-format", "concise", "."]);
    assert_exit(&output, 1);
    let _ = std::fs::remove_dir_all(&outer);
}

#[test]
fn pointers_name_values_and_nothing_else() {
    let dir = scratch("pointers");
    std::fs::write(
        dir.join("settings.jsonc"),
        "{ \"a\": {\n  // axiom-lint: ignore[AXL101] nothing here\n  \"x\": 1 } }\n",
    )
    .expect("write");
    std::fs::write(dir.join("axiom-credentials.json"), "[1, 2]\n").expect("write");
    let output = axiom_lint(&dir, &["--isolated", "--output-format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let pointers: Vec<(String, serde_json::Value)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["pointer"].clone(),
            )
        })
        .collect();
    assert!(
        pointers.contains(&("AXL004".to_owned(), serde_json::Value::Null)),
        "{pointers:?}"
    );
    assert!(
        pointers.contains(&("AXL002".to_owned(), serde_json::json!(""))),
        "{pointers:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The README's example run is the `readme_example` case's output, notes and all, so it shows
/// the summary exactly as the binary prints it.
#[test]
fn the_readme_example_run_is_what_the_binary_prints() {
    let case = |extension| {
        std::fs::read_to_string(root().join(format!(
            "crates/axiom-lint-cli/tests/cmd/readme_example.{extension}"
        )))
        .expect("the readme_example case has its output")
    };
    let printed = format!(
        "$ axiom-lint --output-format concise deploy/\n{}{}",
        case("stderr"),
        case("stdout")
    );
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(
        readme.contains(&format!("```text\n{printed}```")),
        "README.md should show this run:\n{printed}"
    );
}

/// Copies a directory tree (files and folders only).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a directory can be made");
    for entry in std::fs::read_dir(from).expect("readable") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copied");
        }
    }
}

/// Every fix leaves a value its own rule accepts: fixing every fixture (unsafe fixes too)
/// settles in one run, and a second run finds nothing more to fix.
#[test]
fn fixing_the_fixtures_settles_in_one_run() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let tree = scratch.path().join("fixtures");
    copy_tree(&root().join("fixtures"), &tree);
    let fix = [
        "--isolated",
        "--fix",
        "--unsafe-fixes",
        "--exit-zero",
        "-q",
        ".",
    ];
    let first = axiom_lint(&tree, &fix);
    assert_exit(&first, 0);
    assert!(
        String::from_utf8_lossy(&first.stderr).contains("fixed "),
        "the fixtures hold fixable findings"
    );
    let second = axiom_lint(&tree, &fix);
    assert_exit(&second, 0);
    assert!(
        !String::from_utf8_lossy(&second.stderr).contains("fixed "),
        "a second run fixed more:\n{}",
        String::from_utf8_lossy(&second.stderr)
    );
}

/// An HCL object too large to read key by key (AXL001 at its brace) is accepted for its file
/// the way its help says, with `per-file-ignores`, and the token scan still reports.
#[test]
fn a_refused_hcl_object_is_accepted_with_per_file_ignores_and_tokens_still_found() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let keys: String = (0..3_000)
        .map(|key| format!("    k{key} = \"v\"\n"))
        .collect();
    std::fs::write(
        scratch.path().join("main.tf"),
        format!(
            "provider \"axiom\" {{\n  api_token = \"xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6\"\n}}\n\nlocals {{\n  tags = {{\n{keys}  }}\n}}\n"
        ),
    )
    .expect("write");
    let args = ["--output-format", "concise", "main.tf"];
    let before = String::from_utf8_lossy(&axiom_lint(scratch.path(), &args).stdout).into_owned();
    assert!(before.contains("main.tf:6:10: AXL001"), "{before}");
    std::fs::write(
        scratch.path().join("axiom-lint.toml"),
        "[per-file-ignores]\n\"main.tf\" = [\"AXL001\"]\n",
    )
    .expect("write");
    let after = axiom_lint(scratch.path(), &args);
    let stdout = String::from_utf8_lossy(&after.stdout);
    assert!(!stdout.contains("AXL001"), "{stdout}");
    assert!(stdout.contains("main.tf:2:16: AXL201"), "{stdout}");
    assert_exit(&after, 1);
}
