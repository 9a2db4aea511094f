//! Shell completions in real shells, from the script `axiom-lint completions SHELL` prints:
//! a subcommand's options, an option's values and rule codes. bash runs the registered
//! function as `complete -F` would (with `COMP_WORDS` and `COMP_CWORD`); zsh is driven
//! through a pseudo-terminal with a real TAB and compsys; fish answers `complete -C`.
//! Each test is skipped when its shell is missing, except in CI (`CI=true`), where `.ci/run`
//! installs bash, zsh and fish and a missing shell fails.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_axiom-lint");

/// Command lines, each ending where TAB is pressed, and a completion each must offer.
const CASES: &[(&[&str], &str)] = &[
    // After a subcommand: what clap_complete's static bash script lost (clap-rs/clap#6421).
    (&["check", "--out"], "--output-format"),
    (&["schema", ""], "credentials"),
    (&["schema", ""], "catalog"),
    // An option's value.
    (&["check", "--output-format", "sa"], "sarif"),
    // Rule codes, for the rule options, after a comma, and for `rule`.
    (&["--select", "AXL20"], "AXL203"),
    (&["check", "--ignore", "AXL201,AXL1"], "AXL201,AXL113"),
    (&["check", "--extend-select", "AXL00"], "AXL004"),
    (&["rule", "AXL1"], "AXL101"),
];

/// Whether to skip: `shell` is missing and this is not CI. In CI a missing shell fails.
fn skip_without(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|output| output.status.success());
    if found {
        return false;
    }
    let in_ci = std::env::var("CI").is_ok_and(|ci| ci == "true");
    assert!(
        !in_ci,
        "CI=true but `{shell}` is not installed; .ci/run installs it with apt-get"
    );
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("skipped: {shell} is not installed (apt-get install {shell})\n").as_bytes(),
    );
    true
}

fn registration(shell: &str, dir: &Path) -> std::path::PathBuf {
    let output = Command::new(BIN)
        .args(["completions", shell])
        .output()
        .expect("axiom-lint runs");
    assert!(output.status.success(), "{output:?}");
    let path = dir.join(format!("axiom-lint.{shell}"));
    std::fs::write(&path, &output.stdout).expect("the script written");
    path
}

/// Runs `shell` on `script` in a scratch home and returns what it printed.
fn run_shell(shell: &str, flags: &[&str], script: &Path, home: &Path) -> String {
    let output = Command::new(shell)
        .args(flags)
        .arg(script)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env_remove("AXIOM_LINT_COMPLETE")
        .current_dir(home)
        .output()
        .expect("the shell runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{shell} failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The shell's answers, as `== case` headers each followed by one candidate per line.
fn check_answers(shell: &str, stdout: &str) {
    let mut sections = stdout.split("== case ").skip(1);
    for (words, expected) in CASES {
        let section = sections
            .next()
            .unwrap_or_else(|| panic!("{shell}: no answer for {words:?}\n{stdout}"));
        let offered: Vec<&str> = section
            .lines()
            .skip(1)
            // fish and zsh print a description after a tab or a colon.
            .map(|line| line.split(['\t', ':']).next().unwrap_or_default())
            .collect();
        assert!(
            offered.contains(expected),
            "{shell}: `axiom-lint {}<TAB>` offered {offered:?}, not `{expected}`",
            words.join(" ")
        );
    }
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("axiom-lint-completions-")
        .tempdir()
        .expect("a scratch home")
}

/// Single-quoted for any of the three shells (the cases hold no quote).
fn quoted(word: &str) -> String {
    assert!(!word.contains('\''));
    format!("'{word}'")
}

#[test]
fn bash_completes_subcommands_values_and_rule_codes() {
    if skip_without("bash") {
        return;
    }
    let home = scratch();
    let script = registration("bash", home.path());
    let mut driver = format!(
        "source {}\n# As `complete -F` calls it: the words, the cursor's word, the one before.\n\
         answer() {{\n  COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 ))\n  COMP_LINE=\"$*\"; COMP_POINT=${{#COMP_LINE}}; COMP_TYPE=9\n  \
         local -a COMPREPLY=()\n  _clap_complete_axiom_lint axiom-lint \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n  \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n}}\n\
         complete -p axiom-lint >/dev/null || exit 3\n",
        script.display()
    );
    for (index, (words, _)) in CASES.iter().enumerate() {
        let words: Vec<String> = words.iter().map(|w| quoted(w)).collect();
        driver.push_str(&format!(
            "echo '== case {index}'\nanswer axiom-lint {}\n",
            words.join(" ")
        ));
    }
    let path = home.path().join("driver.bash");
    std::fs::write(&path, driver).expect("the driver written");
    let stdout = run_shell("bash", &["--norc", "--noprofile"], &path, home.path());
    check_answers("bash", &stdout);
}

#[test]
fn zsh_completes_subcommands_values_and_rule_codes() {
    if skip_without("zsh") {
        return;
    }
    let home = scratch();
    let script = registration("zsh", home.path());
    let dir = home.path();
    // An interactive zsh with compsys, where compadd records what it would offer in a file.
    std::fs::write(
        dir.join(".zshrc"),
        format!(
            "PROMPT='zsh-ready> '\nautoload -U compinit && compinit -u -D\nsource {}\n\
             compadd() {{\n  local -a found\n  builtin compadd -O found \"$@\"\n  \
             (( ${{#found}} )) && print -rl -- $found >> \"$CANDIDATES\"\n  builtin compadd \"$@\"\n}}\n",
            script.display()
        ),
    )
    .expect("the zshrc written");
    // Keys typed before the first prompt may be dropped: each case starts at a prompt. TAB
    // runs the completion widget before the keys after it are read; then the line is killed
    // and a marker echoed (typed with quotes inside, so only the output matches), and the
    // next prompt awaited.
    let mut driver = format!(
        "zmodload zsh/zpty\nzpty z \"ZDOTDIR={} zsh -i\"\n\
         wait_for() {{\n  local out chunk tries=0\n  \
         while (( tries++ < 300 )); do\n    \
         while zpty -r -t z chunk; do out+=$chunk; done\n    \
         [[ $out == *${{~1}}* ]] && return 0\n    sleep 0.1\n  done\n  \
         print -r -- \"timed out waiting for $1: $out\" >&2; return 1\n}}\n\
         wait_for 'zsh-ready> ' || exit 4\n",
        dir.display()
    );
    for (index, (words, _)) in CASES.iter().enumerate() {
        let candidates = dir.join(format!("case{index}"));
        let line = format!("axiom-lint {}", words.join(" "));
        driver.push_str(&format!(
            "zpty -w z {}\nzpty -w -n z {}$'\\t'\nzpty -w z $'\\x15'{}\nwait_for {} || exit 4\n\
             echo '== case {index}'\ncat {} 2>/dev/null\n",
            quoted(&format!("export CANDIDATES={}", candidates.display())),
            quoted(&line),
            quoted(&format!("echo done-{index}-\"\"-mark")),
            quoted(&format!("done-{index}--mark*zsh-ready> ")),
            candidates.display(),
        ));
    }
    driver.push_str("zpty -d z\n");
    let path = dir.join("driver.zsh");
    std::fs::write(&path, driver).expect("the driver written");
    let stdout = run_shell("zsh", &["-f"], &path, dir);
    check_answers("zsh", &stdout);
}

#[test]
fn fish_completes_subcommands_values_and_rule_codes() {
    if skip_without("fish") {
        return;
    }
    let home = scratch();
    let script = registration("fish", home.path());
    let mut driver = format!("source {}\n", script.display());
    for (index, (words, _)) in CASES.iter().enumerate() {
        driver.push_str(&format!(
            "echo '== case {index}'\ncomplete -C {}\n",
            quoted(&format!("axiom-lint {}", words.join(" ")))
        ));
    }
    let path = home.path().join("driver.fish");
    std::fs::write(&path, driver).expect("the driver written");
    let stdout = run_shell("fish", &["--no-config"], &path, home.path());
    check_answers("fish", &stdout);
}
