//! End to end with a real editor client: headless Neovim loads the README's Neovim 0.7 snippet
//! (the `axiom-lint` command swapped for the binary under test), opens a fixture, and prints
//! the diagnostics the server it attached sent. Skipped when `nvim` is not installed, except in
//! CI (`CI=true`), where `.ci/run` installs it and the test must run.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn data() -> PathBuf {
    root().join("crates/axiom-lint-cli/tests/data/editor")
}

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Whether to skip: `nvim` is missing and this is not CI. In CI a missing `nvim` fails.
fn skip_without_nvim() -> bool {
    if nvim_available() {
        return false;
    }
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
    true
}

/// The README's Neovim 0.7 snippet, running the binary under test.
fn readme_snippet() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let heading = readme
        .find("**Neovim 0.7 or newer**")
        .expect("the README's Neovim 0.7 snippet");
    let rest = &readme[heading..];
    let start = rest.find("```lua\n").expect("its code block") + "```lua\n".len();
    let end = start
        + rest[start..]
            .find("```")
            .expect("the end of its code block");
    let snippet = &rest[start..end];
    let command = r#"cmd = { "axiom-lint", "server" }"#;
    assert!(snippet.contains(command), "{snippet}");
    snippet.replace(
        command,
        r#"cmd = { os.getenv("AXIOM_LINT_BIN"), "server" }"#,
    )
}

/// Runs Neovim on the fixture and returns the `line:col code severity` lines it printed.
fn diagnostics_in_neovim(fixture: &Path) -> String {
    // Removed when the test ends, pass or fail.
    let home = tempfile::Builder::new()
        .prefix("axiom-lint-nvim-")
        .tempdir()
        .expect("a scratch home");
    let snippet = home.path().join("init.lua");
    std::fs::write(&snippet, readme_snippet()).expect("the snippet written");
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", snippet.display()))
        .arg("-c")
        .arg(format!(
            "luafile {}",
            data().join("diagnostics.lua").display()
        ))
        .env("AXIOM_LINT_BIN", env!("CARGO_BIN_EXE_axiom-lint"))
        .env("AXIOM_LINT_FIXTURE", fixture)
        // Neovim writes its log and state under these; keep them out of the user's home.
        .env("XDG_STATE_HOME", home.path())
        .env("XDG_CACHE_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "nvim failed ({:?})\nstdout:\n{stdout}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn neovim_shows_the_servers_diagnostics_at_the_right_characters() {
    if skip_without_nvim() {
        return;
    }
    let fixture = data().join("vector.toml");
    let stdout = diagnostics_in_neovim(&fixture);
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

/// Neovim calls a `.env` file `sh`: the README's snippet must attach to it all the same.
#[test]
fn neovim_lints_a_dotenv_file() {
    if skip_without_nvim() {
        return;
    }
    let stdout = diagnostics_in_neovim(&data().join(".env"));
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["2:13 AXL201 error"],
        "{stdout}"
    );
}

/// Terraform is `terraform` (or, for Neovim 0.7 on some files, `tf`): attached all the same.
#[test]
fn neovim_lints_a_terraform_file() {
    if skip_without_nvim() {
        return;
    }
    let stdout = diagnostics_in_neovim(&data().join("main.tf"));
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["3:16 AXL201 error", "3:16 AXL204 error"],
        "{stdout}"
    );
}
