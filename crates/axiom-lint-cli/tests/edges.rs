//! The promises at the edges, tried with hostile inputs: the command never hangs, `--fix`
//! never loses data, no output shows a token, and no file can make the output misbehave.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A token body used only by these tests.
const BODY: &str = "2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";

/// A scratch directory, removed when the test ends (pass or fail).
struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

fn scratch(name: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(&format!("axiom-lint-edges-{name}-"))
            .tempdir()
            .expect("temp dir"),
    )
}

/// Runs the command, failing the test (and killing the process) if it does not finish in time:
/// a hang must fail the test, not the test run.
fn run(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
        .current_dir(cwd)
        .args(args)
        .env_remove("AXIOM_LINT_OUTPUT_FORMAT")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    // Drain both pipes while waiting, so a large report cannot block the child.
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || read_all(stdout));
    let err = std::thread::spawn(move || read_all(stderr));
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`axiom-lint {}` did not finish within 60 s", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("reader"),
        stderr: err.join().expect("reader"),
    }
}

fn read_all(mut stream: impl std::io::Read) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    bytes
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

const SMALL: &str = "[sinks.axiom]\ntype = \"axiom\"\nregion = \"eu-west-1.aws.edge.axiom.co\"\n";

#[test]
fn a_skipped_file_beside_another_does_not_hang() {
    let dir = scratch("hang");
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(11 * 1024 * 1024));
    std::fs::write(dir.join("big.json"), big).expect("write");
    std::fs::write(dir.join("small.toml"), SMALL).expect("write");
    let output = run(
        &dir,
        &[
            "--isolated",
            "--output-format",
            "concise",
            "big.json",
            "small.toml",
        ],
        None,
    );
    assert_exit(&output, 1);
    assert!(text(&output.stderr).contains("note: big.json: skipped, larger than 10 MiB"));
    assert!(text(&output.stdout).contains("small.toml:3:"));
}

#[test]
fn one_file_named_twice_is_reported_once() {
    let dir = scratch("dedupe");
    std::fs::write(dir.join("b.toml"), SMALL).expect("write");
    let output = run(
        &dir,
        &[
            "--isolated",
            "--output-format",
            "concise",
            "b.toml",
            "./b.toml",
        ],
        None,
    );
    assert_exit(&output, 1);
    let stdout = text(&output.stdout);
    assert_eq!(stdout.matches("b.toml:3:").count(), 1, "{stdout}");
    assert!(stdout.contains("in 1 file"), "{stdout}");
}

/// A baseline or configuration that names a device or a FIFO is refused, not read until
/// memory runs out or waited on forever.
#[cfg(unix)]
#[test]
fn settings_files_must_be_regular_files() {
    let dir = scratch("settings-fifo");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe.json"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::write(dir.join("small.toml"), SMALL).expect("write");
    for baseline in ["/dev/zero", "pipe.json"] {
        std::fs::write(
            dir.join("axiom-lint.toml"),
            format!("baseline = \"{baseline}\"\n"),
        )
        .expect("write");
        let output = run(&dir, &["--output-format", "concise", "small.toml"], None);
        assert_exit(&output, 2);
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "{baseline}: cannot read the baseline: not a regular file"
            )),
            "{stderr}"
        );
        let output = run(
            &dir,
            &["--isolated", "--baseline", baseline, "small.toml"],
            None,
        );
        assert_exit(&output, 2);
    }
    std::fs::remove_file(dir.join("axiom-lint.toml")).expect("remove");
    let output = run(&dir, &["--config", "pipe.json", "small.toml"], None);
    assert_exit(&output, 2);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_skipped_unread() {
    let dir = scratch("fifo");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::write(dir.join("small.toml"), SMALL).expect("write");
    // Nobody ever writes to the FIFO: reading it would block forever.
    let output = run(
        &dir,
        &[
            "--isolated",
            "--output-format",
            "concise",
            "pipe.toml",
            "/dev/zero",
            "small.toml",
        ],
        None,
    );
    assert_exit(&output, 1);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("note: pipe.toml: skipped, not a regular file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: /dev/zero: skipped, not a regular file"),
        "{stderr}"
    );
    assert!(!stderr.contains("no such file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn symlinked_files_are_walked_and_loops_end() {
    let dir = scratch("symlinks");
    std::fs::create_dir_all(dir.join("real")).expect("dir");
    std::fs::create_dir_all(dir.join("tree")).expect("dir");
    std::fs::write(dir.join("real/vector.toml"), SMALL).expect("write");
    std::os::unix::fs::symlink(dir.join("real/vector.toml"), dir.join("tree/linked.toml"))
        .expect("symlink");
    // A directory that contains itself.
    std::os::unix::fs::symlink(dir.join("tree"), dir.join("tree/again")).expect("symlink");
    let output = run(
        &dir,
        &["--isolated", "--output-format", "concise", "tree"],
        None,
    );
    assert_exit(&output, 1);
    assert!(text(&output.stderr).contains("skipped, a symbolic link loop"));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("tree/linked.toml:3:"), "{stdout}");
    assert_eq!(stdout.matches(":3:").count(), 1, "{stdout}");
}

/// A tracked link to a file the checkout does not hold (dubinc/dub has one) is no file to lint:
/// a walk notes it and goes on, as rg and ruff do; the same link named on the command line
/// is a file the user asked for, an error.
#[cfg(unix)]
#[test]
fn a_walk_skips_a_dangling_link_but_a_named_one_is_an_error() {
    let dir = scratch("dangling");
    std::fs::create_dir_all(dir.join("tree/app")).expect("dir");
    std::fs::write(
        dir.join("tree/vector.toml"),
        "[sinks.axiom]\ntype = \"axiom\"\n",
    )
    .expect("write");
    std::os::unix::fs::symlink("../../nowhere/LICENSE.md", dir.join("tree/app/LICENSE.md"))
        .expect("symlink");
    let walked = run(&dir, &["--isolated", "tree"], None);
    assert_exit(&walked, 0);
    let stderr = text(&walked.stderr);
    assert!(
        stderr.contains("note: tree/app/LICENSE.md: skipped, a dangling symbolic link"),
        "{stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
    let named = run(&dir, &["--isolated", "tree/app/LICENSE.md"], None);
    assert_exit(&named, 2);
    let stderr = text(&named.stderr);
    assert!(
        stderr.contains("error: tree/app/LICENSE.md: a dangling symbolic link"),
        "{stderr}"
    );
}

fn token() -> String {
    format!("xaat-{BODY}")
}

/// Fails when any stream shows the token body, in any case, or its middle.
fn assert_no_body(output: &Output, what: &str) {
    for stream in [&output.stdout, &output.stderr] {
        let shown = text(stream).to_ascii_lowercase();
        assert!(
            !shown.contains(BODY) && !shown.contains("7c3d-4e5f-9a8b"),
            "{what} shows a token body:\n{shown}"
        );
    }
}

#[test]
fn fixing_standard_input_always_gives_the_whole_content_back() {
    let dir = scratch("fix-stdin");
    let cases: [(&str, &[u8]); 3] = [
        ("nothing to fix", b"[sinks.axiom]\ntype = \"axiom\"\n"),
        (
            "a parse error",
            b"[sinks.axiom\ntype = \"axiom\"\nurl = \"http://api.axiom.co\"\n",
        ),
        (
            "not UTF-8",
            b"name = \"caf\xe9\"\nurl = \"http://api.axiom.co\"\n",
        ),
    ];
    for (what, input) in cases {
        let output = run(&dir, &["--isolated", "--fix", "-"], Some(input));
        assert_eq!(output.stdout, input, "{what}: {}", text(&output.stderr));
    }
    let fixed = run(
        &dir,
        &["--isolated", "--fix", "-"],
        Some(b"[sinks.axiom]\ntype = \"axiom\"\nuri = \"http://api.axiom.co:80/v1/datasets/logs/ingest\"\n"),
    );
    assert!(
        text(&fixed.stdout).contains("https://api.axiom.co/v1"),
        "{}",
        text(&fixed.stdout)
    );
    // Over the size cap: an error, and the input goes back unchanged.
    let big = vec![b'#'; 10 * 1024 * 1024 + 10];
    let output = run(&dir, &["--isolated", "--fix", "-"], Some(&big));
    assert_exit(&output, 2);
    assert!(output.stdout == big, "the oversized input is given back");
    assert!(text(&output.stderr).contains("larger than 10 MiB"));
    let output = run(&dir, &["--isolated", "-"], Some(&big));
    assert_exit(&output, 2);
    assert!(output.stdout.is_empty());
}

#[test]
fn fixes_keep_quote_style_and_drop_the_http_port() {
    let dir = scratch("quotes");
    let original = "[sinks.a]\ntype = \"axiom\"\nuri = 'http://api.axiom.co/v1/datasets/a/ingest'\n\n[sinks.b]\ntype = \"axiom\"\nuri = '''\nhttp://api.axiom.co:80/v1/datasets/b/ingest'''\n";
    std::fs::write(dir.join("vector.toml"), original).expect("write");
    let output = run(&dir, &["--isolated", "--fix", "vector.toml"], None);
    let fixed = std::fs::read_to_string(dir.join("vector.toml")).expect("read");
    assert!(
        fixed.contains("uri = 'https://api.axiom.co/v1/datasets/a/ingest'")
            && fixed.contains("uri = '''\nhttps://api.axiom.co/v1/datasets/b/ingest'''"),
        "{fixed}\n{}",
        text(&output.stderr)
    );
}

#[test]
fn findings_the_baseline_accepted_are_not_fixed() {
    let dir = scratch("baseline-fix");
    let original =
        "[sinks.axiom]\ntype = \"axiom\"\nuri = \"http://api.axiom.co/v1/datasets/a/ingest\"\n";
    std::fs::write(dir.join("vector.toml"), original).expect("write");
    let written = run(
        &dir,
        &["--isolated", "--write-baseline", "b.json", "vector.toml"],
        None,
    );
    assert_exit(&written, 0);
    let fixed = run(
        &dir,
        &["--isolated", "--baseline", "b.json", "--fix", "vector.toml"],
        None,
    );
    assert_exit(&fixed, 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("vector.toml")).expect("read"),
        original
    );
}

#[test]
fn an_old_baseline_names_the_way_out() {
    let dir = scratch("old-baseline");
    std::fs::write(dir.join("vector.toml"), SMALL).expect("write");
    let old = r#"{"version":1,"findings":[{"path":"vector.toml","code":"AXL101","pointer":"/sinks/axiom/region","hash":"29dca39a04848129"}]}"#;
    std::fs::write(dir.join("b.json"), old).expect("write");
    let output = run(
        &dir,
        &["--isolated", "--baseline", "b.json", "vector.toml"],
        None,
    );
    assert_exit(&output, 2);
    assert!(
        text(&output.stderr).contains("--write-baseline"),
        "{}",
        text(&output.stderr)
    );
    // A baseline holding a token (pasted, or from a hostile repository) never echoes it.
    let hostile = format!(
        r#"{{"version":2,"findings":[{{"path":"{}","code":1}}]}}"#,
        token()
    );
    std::fs::write(dir.join("b.json"), hostile).expect("write");
    let output = run(
        &dir,
        &["--isolated", "--baseline", "b.json", "vector.toml"],
        None,
    );
    assert_exit(&output, 2);
    assert_no_body(&output, "a bad baseline");
}

#[test]
fn flags_that_cannot_combine_are_rejected() {
    let dir = scratch("conflicts");
    std::fs::write(dir.join("vector.toml"), SMALL).expect("write");
    for args in [
        ["--fix", "--diff", "vector.toml"],
        ["--diff", "--write-baseline=b.json", "vector.toml"],
    ] {
        let output = run(&dir, &args, None);
        assert_exit(&output, 2);
        assert!(text(&output.stderr).contains("cannot be used with"));
    }
    assert!(!dir.join("b.json").exists());
}

#[test]
fn tokens_in_arguments_and_configuration_are_never_echoed() {
    let dir = scratch("echo");
    std::fs::write(dir.join("vector.toml"), SMALL).expect("write");
    let token = token();
    let runs: Vec<Vec<String>> = vec![
        vec![
            "--isolated".into(),
            "--select".into(),
            token.clone(),
            "vector.toml".into(),
        ],
        vec![
            "--isolated".into(),
            "--ignore".into(),
            token.clone(),
            "vector.toml".into(),
        ],
        vec!["rule".into(), token.clone()],
        vec!["--isolated".into(), "--output-format".into(), token.clone()],
        vec![
            "--isolated".into(),
            "--stdin-filename".into(),
            format!("{token}.toml"),
            "-".into(),
        ],
        vec![
            "--isolated".into(),
            "--stdin-filename".into(),
            format!("{token}.txt"),
            "-".into(),
        ],
        vec!["--isolated".into(), format!("{token}.toml")],
    ];
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&dir, &args, Some(SMALL.as_bytes()));
        assert_no_body(&output, &args.join(" "));
    }
    let configs = [
        format!("select = [\"{token}\"]\n"),
        format!("{token} = 1\n"),
        format!("exclude = [\"{token}[\"]\n"),
        format!("extend-edges = [\"{token}\"]\n"),
        format!("baseline = \"{token}\"\nfail-on = \"{token}\"\n"),
        format!("select = [\"AXL2\"\nignore = \"{token}\"\n"),
        format!("[per-file-ignores]\n\"{token}\" = [\"AXL201\"]\n"),
    ];
    for config in &configs {
        std::fs::write(dir.join("axiom-lint.toml"), config).expect("write");
        for args in [&["vector.toml"][..], &["--show-settings"][..]] {
            let output = run(&dir, args, None);
            assert_no_body(&output, &format!("config {config:?} with {args:?}"));
        }
    }
}

/// A token damaged the way the fuzz run found: cut short (here to 10 hex digits) so that
/// no scan for whole tokens sees it. Echoed from an argument, a path or a configuration
/// file, every word after a token prefix is hidden, so its 8-digit group never shows.
const DAMAGED: &str = "xaat-2b1e1f4a-7c";

fn assert_no_damaged_body(output: &Output, what: &str) {
    for stream in [&output.stdout, &output.stderr] {
        let shown = text(stream).to_ascii_lowercase();
        assert!(
            !shown.contains("2b1e1f4a"),
            "{what} shows part of a token:\n{shown}"
        );
    }
}

#[test]
fn damaged_tokens_in_arguments_paths_and_configuration_are_never_echoed() {
    let dir = scratch("echo-damaged");
    // A finding in the file, so its (masked) path is shown in the report.
    let finding = "[sinks.axiom]\ntype = \"axiom\"\nurl = \"http://api.axiom.co\"\n";
    std::fs::write(dir.join("vector.toml"), finding).expect("write");
    std::fs::create_dir_all(dir.join("walked")).expect("mkdir");
    std::fs::write(dir.join("walked").join(format!("{DAMAGED}.toml")), finding).expect("write");
    std::fs::write(dir.join(format!("{DAMAGED}.toml")), "select = [\"AXL2\"\n").expect("write");
    // A symbolic link loop is reported by name.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.join("walked"),
        dir.join("walked").join(format!("{DAMAGED}-loop")),
    )
    .expect("symlink");
    let upper = DAMAGED.to_uppercase();
    let runs: Vec<Vec<String>> = vec![
        vec![
            "--isolated".into(),
            "--select".into(),
            DAMAGED.into(),
            "vector.toml".into(),
        ],
        vec![
            "--isolated".into(),
            "--ignore".into(),
            format!("AXL1,{upper}"),
            "vector.toml".into(),
        ],
        vec!["rule".into(), DAMAGED.into()],
        vec!["rule".into(), format!("{DAMAGED}%junk")],
        vec![
            "--isolated".into(),
            "--output-format".into(),
            DAMAGED.into(),
        ],
        vec![
            "--isolated".into(),
            "--stdin-filename".into(),
            format!("{DAMAGED}.toml"),
            "-".into(),
        ],
        vec![
            "--isolated".into(),
            "--stdin-filename".into(),
            format!("{DAMAGED}.txt"),
            "-".into(),
        ],
        vec![
            "--config".into(),
            format!("missing/{DAMAGED}/axiom-lint.toml"),
            "vector.toml".into(),
        ],
        vec![
            "--config".into(),
            format!("{DAMAGED}.toml"),
            "vector.toml".into(),
        ],
        vec![
            "--isolated".into(),
            "--baseline".into(),
            format!("{DAMAGED}.json"),
            "vector.toml".into(),
        ],
        vec![
            "--isolated".into(),
            "--write-baseline".into(),
            format!("{DAMAGED}.json"),
            "vector.toml".into(),
        ],
        vec!["--isolated".into(), format!("missing-{DAMAGED}.toml")],
        vec!["--isolated".into(), "walked".into()],
        vec![
            "--isolated".into(),
            "--output-format".into(),
            "json".into(),
            "walked".into(),
        ],
    ];
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&dir, &args, Some(finding.as_bytes()));
        assert_no_damaged_body(&output, &args.join(" "));
    }
    // The baseline just written names the walked file; reading it back echoes nothing either.
    let output = run(
        &dir,
        &[
            "--isolated",
            "--baseline",
            &format!("{DAMAGED}.json"),
            "walked",
        ],
        None,
    );
    assert_no_damaged_body(&output, "reading a baseline back");
    std::fs::write(dir.join("hostile.json"), format!("{{\"{DAMAGED}\": [")).expect("write");
    let output = run(
        &dir,
        &["--isolated", "--baseline", "hostile.json", "vector.toml"],
        None,
    );
    assert_exit(&output, 2);
    assert_no_damaged_body(&output, "a hostile baseline");
    let configs: [Vec<u8>; 5] = [
        format!("exclude = [\"{DAMAGED}/**\"]\ninclude = [\"{upper}\"]\n[per-file-ignores]\n\"{DAMAGED}.toml\" = [\"AXL201\"]\n").into_bytes(),
        format!("select = [\"{DAMAGED}").into_bytes(),
        [
            format!("select = [\"{DAMAGED}").as_bytes(),
            b"\xff\"{[3d-4e5f\n",
        ]
        .concat(),
        format!("baseline = \"{DAMAGED}\"\nextend-edges = [\"{DAMAGED}.example\"]\n").into_bytes(),
        b"note = \"\\u0078aat-2b1e1f4a\\u002d7c\"\nselect = 1\n".to_vec(),
    ];
    for config in &configs {
        std::fs::write(dir.join("axiom-lint.toml"), config).expect("write");
        for args in [&["vector.toml"][..], &["--show-settings"][..]] {
            let output = run(&dir, args, None);
            assert_no_damaged_body(
                &output,
                &format!("config {:?} with {args:?}", String::from_utf8_lossy(config)),
            );
        }
    }
}

#[test]
fn hidden_tokens_are_found_and_masked() {
    let dir = scratch("hidden");
    let escaped_json = format!(
        "{{\"note\": \"xaat-{}\\u002d{}\"}}\n",
        &BODY[..8],
        &BODY[9..]
    );
    let split_toml = format!(
        "note = \"\"\"xaat-{}-\\\n    {}\"\"\"\n",
        &BODY[..13],
        &BODY[14..]
    );
    let escaped_toml = format!("note = \"xaat-{}\\u002D{}\"\n", &BODY[..8], &BODY[9..]);
    std::fs::write(dir.join("escaped.json"), escaped_json).expect("write");
    std::fs::write(dir.join("split.toml"), split_toml).expect("write");
    std::fs::write(dir.join("escaped.toml"), escaped_toml).expect("write");
    let mut bad_byte = format!("note = \"xaat-{BODY}\"\n").into_bytes();
    bad_byte[20] = 0xff;
    std::fs::write(dir.join("bad-byte.toml"), bad_byte).expect("write");
    let utf16 = format!("{{\"note\": \"{}\"}}\n", token());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in utf16.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    std::fs::write(dir.join("utf16le.json"), le).expect("write");
    std::fs::write(dir.join("utf16be.json"), be).expect("write");
    for format in ["full", "concise", "json", "sarif", "github"] {
        let output = run(&dir, &["--isolated", "--output-format", format, "."], None);
        assert_no_body(&output, format);
        if format == "concise" {
            let stdout = text(&output.stdout);
            for name in [
                "escaped.json",
                "split.toml",
                "escaped.toml",
                "utf16le.json",
                "utf16be.json",
            ] {
                assert!(
                    stdout
                        .lines()
                        .any(|line| line.starts_with(name) && line.contains("AXL201")),
                    "{name}: {stdout}"
                );
            }
        }
    }
}

#[test]
fn a_partly_encrypted_sops_file_still_has_its_plaintext_linted() {
    let dir = scratch("sops");
    let sops = format!(
        "{{\"password\": \"ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\",\n \"token\": \"{}\",\n \"sops\": {{\"mac\": \"ENC[AES256_GCM,data:xyz]\", \"version\": \"3.9.0\"}}}}\n",
        token()
    );
    std::fs::write(dir.join("secrets.json"), sops).expect("write");
    let output = run(
        &dir,
        &["--isolated", "--output-format", "concise", "secrets.json"],
        None,
    );
    assert_exit(&output, 1);
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("secrets.json:2:") && stdout.contains("AXL201"),
        "{stdout}"
    );
    assert!(!stdout.contains("secrets.json:1:"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn files_with_names_that_are_not_utf8_are_linted() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("names");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    std::fs::write(dir.join(name), SMALL).expect("write");
    let secret_dir = dir.join(token());
    std::fs::create_dir_all(&secret_dir).expect("dir");
    std::fs::write(secret_dir.join("vector.toml"), SMALL).expect("write");
    let output = run(
        &dir,
        &["--isolated", "--output-format", "concise", "."],
        None,
    );
    assert_exit(&output, 1);
    let stdout = text(&output.stdout);
    assert!(stdout.contains("caf\u{fffd}.toml:3:"), "{stdout}");
    assert_eq!(stdout.matches(":3:").count(), 2, "{stdout}");
    assert_no_body(&output, "a directory named like a token");
}

#[cfg(unix)]
#[test]
fn file_text_and_names_cannot_inject_commands_or_escapes() {
    let dir = scratch("inject");
    // A key that tries to start a workflow command and an ESC/OSC sequence, next to a finding
    // that quotes the key in its message.
    let key = "x\n::error file=pwned.toml::injected\u{1b}]0;owned\u{7}\u{1b}[31m";
    let json = format!(
        "{{\"sinks\": {{\"axiom\": {{\"type\": \"axiom\", {}: \"http://api.axiom.co/v1/datasets/a/ingest\"}}}}}}\n",
        serde_json::to_string(key).expect("a JSON string")
    );
    std::fs::write(dir.join("vector.json"), &json).expect("write");
    std::fs::write(dir.join("::warning::named.json"), &json).expect("write");
    std::fs::write(dir.join("line\nbreak.json"), &json).expect("write");
    for format in ["github", "concise", "full"] {
        let output = run(&dir, &["--isolated", "--output-format", format, "."], None);
        assert_exit(&output, 1);
        let stdout = text(&output.stdout);
        assert!(stdout.contains("vector.json"), "{format}: {stdout}");
        for stream in [&output.stdout, &output.stderr] {
            assert!(
                !stream.contains(&0x1b) && !stream.contains(&0x07),
                "{format} passes control characters through:\n{}",
                text(stream)
            );
        }
        for line in stdout.lines() {
            if let Some(command) = line.strip_prefix("::") {
                // Ours, and whole: the properties end at our own title, so nothing from the
                // file (whose `:` and `,` are escaped there) became a property or a command.
                let properties = command.split_once("::").map(|(properties, _)| properties);
                assert!(
                    format == "github"
                        && ["error file=", "warning file=", "notice file="]
                            .iter()
                            .any(|ours| command.starts_with(ours))
                        && properties.is_some_and(|p| {
                            p.rsplit_once(",title=AXL")
                                .is_some_and(|(_, code)| code.len() == 3)
                        }),
                    "{format}: a line from the file became a command: {line}"
                );
            }
        }
        assert!(
            !stdout.contains("\n::error file=pwned"),
            "{format}: {stdout}"
        );
    }
}

#[test]
fn configuration_excerpts_are_masked_where_they_are_made() {
    let dir = scratch("config-excerpt");
    std::fs::write(dir.join("vector.toml"), SMALL).expect("write");
    std::fs::write(dir.join("axiom-lint.toml"), format!("{} = 1\n", token())).expect("write");
    let output = run(&dir, &["vector.toml"], None);
    assert_exit(&output, 2);
    let stderr = text(&output.stderr);
    // Masked byte for byte in the excerpt (so the underline still fits), not merely redacted
    // on the way out.
    assert!(
        stderr.contains(&format!("xaat-{}", "*".repeat(BODY.len()))),
        "{stderr}"
    );
}

/// Every stream and mode escapes names and arguments from outside: notes for skipped files
/// (a dangling symbolic link, a FIFO, an oversized file) in the streaming run and in `--diff`,
/// errors, `--show-settings` globs, and the arguments of `rule`, `--select` and
/// `--write-baseline`. None can start a workflow command or send an ESC/OSC sequence.
#[cfg(unix)]
#[test]
fn names_and_arguments_from_outside_are_inert_in_every_stream() {
    let evil = "d\n::error file=README.md,line=1::INJECTED\u{1b}]0;pwned\u{7}";
    let dir = scratch("inert");
    std::fs::write(dir.join("small.toml"), SMALL).expect("write");
    std::os::unix::fs::symlink(dir.join("missing.toml"), dir.join(format!("{evil}.toml")))
        .expect("symlink");
    let made = Command::new("mkfifo")
        .arg(dir.join(format!("{evil}fifo.toml")))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(11 * 1024 * 1024));
    std::fs::write(dir.join(format!("{evil}big.json")), big).expect("write");
    std::fs::write(
        dir.join("axiom-lint.toml"),
        "exclude = [\"a\\u001b]0;pwned\\u0007\\n::error::glob\"]\n",
    )
    .expect("write");
    let names = [
        format!("{evil}.toml"),
        format!("{evil}fifo.toml"),
        format!("{evil}big.json"),
    ];
    // A fix refused (the file has a second hard link) reports the file by name.
    let fixable = format!("{evil}fix.toml");
    std::fs::write(
        dir.join(&fixable),
        "[sinks.a]\ntype = \"axiom\"\nendpoint = \"http://api.axiom.co\"\n",
    )
    .expect("write");
    std::fs::hard_link(dir.join(&fixable), dir.join("twin.toml")).expect("link");
    let mut runs: Vec<Vec<String>> = vec![
        vec!["--fix".into(), fixable.clone()],
        vec![".".into()],
        vec!["--output-format".into(), "github".into(), ".".into()],
        vec!["--diff".into(), ".".into()],
        vec!["--show-settings".into()],
        vec!["rule".into(), evil.into()],
        vec!["--select".into(), evil.into(), "small.toml".into()],
        vec![
            "--write-baseline".into(),
            format!("no-such-dir/{evil}.json"),
            "small.toml".into(),
        ],
    ];
    for name in &names {
        runs.push(vec!["small.toml".into(), name.clone()]);
    }
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&dir, &args, None);
        for stream in [&output.stdout, &output.stderr] {
            let shown = text(stream);
            assert!(
                !stream.contains(&0x1b) && !stream.contains(&0x07),
                "{args:?} passes control characters through:\n{shown}"
            );
            assert!(
                !shown
                    .lines()
                    .any(|line| line.starts_with("::error file=README.md")
                        || line.starts_with("::error::glob")),
                "{args:?}: a name became a workflow command:\n{shown}"
            );
        }
    }
    let refused = run(&dir, &["--fix", &fixable], None);
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("d\\n::error file=README.md,line=1::INJECTED\\x1b]0;pwned\\x07fix.toml: has 2 hard links; not fixed"),
        "{stderr}"
    );
}
