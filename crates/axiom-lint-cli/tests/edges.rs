//! The promises at the edges, tried with hostile inputs: the command never hangs, `--fix`
//! never loses data, no output shows a token, and no file can make the output misbehave.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A token body used only by these tests.
#[allow(dead_code)]
const BODY: &str = "2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("axiom-lint-edges-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
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
    let _ = std::fs::remove_dir_all(&dir);
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
    let _ = std::fs::remove_dir_all(&dir);
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
    let _ = std::fs::remove_dir_all(&dir);
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
    let _ = std::fs::remove_dir_all(&dir);
}
