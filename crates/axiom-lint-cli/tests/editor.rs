//! End to end with a real editor client: headless Neovim runs `axiom-lint server`, opens a
//! fixture and prints the diagnostics it received. Skipped when `nvim` is not installed,
//! except in CI (`CI=true`), where `.ci/run` installs it and the test must run.

use std::path::PathBuf;
use std::process::Command;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/axiom-lint-cli/tests/data/editor")
}

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn neovim_shows_the_servers_diagnostics_at_the_right_characters() {
    if !nvim_available() {
        let in_ci = std::env::var("CI").is_ok_and(|ci| ci == "true");
        assert!(
            !in_ci,
            "CI=true but `nvim` is not installed; .ci/run installs it with apt-get"
        );
        // Visible with `cargo test -- --nocapture`; the test counts as passed locally.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"skipped: nvim is not installed (apt-get install neovim)\n",
        );
        return;
    }
    let fixture = data().join("vector.toml");
    // Removed when the test ends, pass or fail.
    let home = tempfile::Builder::new()
        .prefix("axiom-lint-nvim-")
        .tempdir()
        .expect("a scratch home");
    let home = home.path();
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            data().join("diagnostics.lua").display()
        ))
        .env("AXIOM_LINT_BIN", env!("CARGO_BIN_EXE_axiom-lint"))
        .env("AXIOM_LINT_FIXTURE", &fixture)
        // Neovim writes its log and state under these; keep them out of the user's home.
        .env("XDG_STATE_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env("XDG_DATA_HOME", home)
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "nvim failed ({:?})\nstdout:\n{stdout}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    // Neovim turns the server's UTF-16 positions back into byte columns: the token starts
    // right after its opening quote, 125 bytes into line 4 (CJK is 3 bytes, the emoji 4).
    let text = std::fs::read_to_string(&fixture).expect("the fixture");
    let line = text.lines().nth(3).expect("line 4");
    let column = line.find("xapt-").expect("the token") + 1;
    assert_eq!(column, 126);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.contains(&format!("4:{column} AXL201 error").as_str()),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("4:") && l.contains(" AXL202 error")),
        "{stdout}"
    );
    assert!(!stdout.contains("ad97e0c1"), "{stdout}");
}
