//! `axiom-lint history` on repositories built with the `git` command in temporary directories:
//! attribution to the first commit, presence at HEAD and in the work tree, dedup across
//! branches, placeholders and binary blobs, partial clones, ranges, baselines, and that no
//! output format ever shows a token body.

use std::path::Path;
use std::process::{Command, Output};

const TOKEN: &str = "xaat-1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b8ec6";
const OTHER: &str = "xapt-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const PLACEHOLDER: &str = "xaat-00000000-0000-0000-0000-000000000000";

/// Runs `git` in `dir` with a fixed identity and commit date, so commits order by date.
fn git(dir: &Path, date: &str, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn write(dir: &Path, path: &str, content: &[u8]) {
    let path = dir.join(path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, content).expect("write");
}

/// Commits everything in the work tree at `date` and returns the commit's id.
fn commit(dir: &Path, date: &str, message: &str) -> String {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "--allow-empty", "-m", message]);
    git(dir, date, &["rev-parse", "HEAD"])
}

fn init() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    git(
        dir.path(),
        "2024-01-01T00:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    write(dir.path(), "README.md", b"hello\n");
    commit(dir.path(), "2024-01-01T00:00:00Z", "init");
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
        .arg("history")
        .arg("--isolated")
        .args(args)
        .current_dir(dir)
        .env_remove("AXIOM_LINT_OUTPUT_FORMAT")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .output()
        .expect("axiom-lint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// The findings of a JSON report.
fn findings(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--output-format", "json"];
    all.extend_from_slice(args);
    let output = run(dir, &all);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&output), stderr(&output)));
    report["diagnostics"]
        .as_array()
        .expect("a list of findings")
        .clone()
}

#[test]
fn a_removed_token_is_attributed_to_the_commit_that_added_it() {
    let repo = init();
    let dir = repo.path();
    write(
        dir,
        "config/axiom.toml",
        format!("url = \"https://api.axiom.co\"\ntoken = \"{TOKEN}\"\n").as_bytes(),
    );
    let added = commit(dir, "2024-02-01T00:00:00Z", "add a token");
    std::fs::remove_file(dir.join("config/axiom.toml")).expect("rm");
    commit(dir, "2024-03-01T00:00:00Z", "remove it");

    let found = findings(dir, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = &found[0];
    assert_eq!(finding["code"], "AXL201");
    assert_eq!(finding["path"], "config/axiom.toml");
    assert_eq!(finding["start"]["line"], 2);
    let history = &finding["history"];
    assert_eq!(history["first_commit"]["id"], added.as_str());
    assert_eq!(history["first_commit"]["date"], "2024-02-01T00:00:00Z");
    assert_eq!(history["first_commit"]["line"], 2);
    assert_eq!(history["commits"], 1);
    assert_eq!(history["at_head"], false);
    assert_eq!(history["in_worktree"], false);
    // The baseline's key: SHA-256 of the token's text.
    assert_eq!(
        history["token_hash"],
        "a9c769b36f88eee91e8f9de807134ff3394e603e696e653597711dc241da8378"
    );
    assert!(
        finding["help"].as_str().is_some_and(
            |help| help.contains("rotate this token") && help.contains("does not revoke it")
        ),
        "{finding:#?}"
    );
    assert_exit(&run(dir, &["--output-format", "concise"]), 1);
}

#[test]
fn a_token_on_two_branches_is_one_finding_first_seen_on_the_older() {
    let repo = init();
    let dir = repo.path();
    git(
        dir,
        "2024-01-02T00:00:00Z",
        &["checkout", "-q", "-b", "one"],
    );
    write(dir, "one.env", format!("AXIOM_TOKEN={TOKEN}\n").as_bytes());
    let older = commit(dir, "2024-02-01T00:00:00Z", "one");
    git(dir, "2024-01-02T00:00:00Z", &["checkout", "-q", "main"]);
    git(
        dir,
        "2024-01-02T00:00:00Z",
        &["checkout", "-q", "-b", "two"],
    );
    // Another path, another file around it: another blob with the same token.
    write(
        dir,
        "deploy/two.sh",
        format!("export AXIOM_TOKEN={TOKEN}\n").as_bytes(),
    );
    commit(dir, "2024-03-01T00:00:00Z", "two");
    // A merge of both brings nothing new: it must not count as a third commit.
    git(
        dir,
        "2024-04-01T00:00:00Z",
        &["merge", "-q", "--no-edit", "one"],
    );

    let found = findings(dir, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let history = &found[0]["history"];
    assert_eq!(history["first_commit"]["id"], older.as_str());
    assert_eq!(found[0]["path"], "one.env");
    assert_eq!(history["commits"], 2, "{history:#}");
    assert_eq!(
        history["paths"],
        serde_json::json!(["deploy/two.sh", "one.env"])
    );
    // HEAD is the merge on `two`, which holds both files.
    assert_eq!(history["at_head"], true);
    assert_eq!(history["in_worktree"], true);
}

#[test]
fn presence_at_head_and_in_the_work_tree_are_told_apart() {
    let repo = init();
    let dir = repo.path();
    write(dir, "app.py", format!("TOKEN = \"{TOKEN}\"\n").as_bytes());
    commit(dir, "2024-02-01T00:00:00Z", "add");
    let found = findings(dir, &[]);
    assert_eq!(found[0]["history"]["at_head"], true);
    assert_eq!(found[0]["history"]["in_worktree"], true);
    // Fixed in the work tree, not yet committed.
    write(dir, "app.py", b"TOKEN = os.environ[\"AXIOM_TOKEN\"]\n");
    let found = findings(dir, &[]);
    assert_eq!(found[0]["history"]["at_head"], true);
    assert_eq!(found[0]["history"]["in_worktree"], false);
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("still at HEAD (not in the work tree)"))
    );
    // Standard error is no terminal here: no progress bar, and nothing else to say.
    let output = run(dir, &["--output-format", "concise"]);
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_repository_without_commits_is_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    git(
        dir.path(),
        "2024-01-01T00:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    let output = run(dir.path(), &["--output-format", "concise"]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("No tokens in the history: 0 commits and 0 blobs scanned."),
        "{}",
        stdout(&output)
    );
}

#[test]
fn placeholders_and_binary_blobs_are_not_findings() {
    let repo = init();
    let dir = repo.path();
    write(
        dir,
        ".env.example",
        format!("AXIOM_TOKEN={PLACEHOLDER}\n").as_bytes(),
    );
    let mut binary = b"\x00\x01\x02PNG".to_vec();
    binary.extend_from_slice(TOKEN.as_bytes());
    binary.push(0);
    write(dir, "image.png", &binary);
    commit(dir, "2024-02-01T00:00:00Z", "add");
    let output = run(dir, &["--output-format", "concise"]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(text.contains("No tokens in the history"), "{text}");
    assert!(text.contains("1 skipped: a binary file"), "{text}");
}

#[test]
fn no_format_shows_a_token_body() {
    let repo = init();
    let dir = repo.path();
    write(dir, "a.txt", format!("first {TOKEN}\n").as_bytes());
    commit(dir, "2024-02-01T00:00:00Z", "a");
    write(dir, "b/c.yaml", format!("token: {OTHER}\n").as_bytes());
    write(dir, "a.txt", format!("moved\n\nfirst {TOKEN}\n").as_bytes());
    commit(dir, "2024-03-01T00:00:00Z", "b");
    for format in ["full", "concise", "json", "sarif", "github"] {
        let output = run(dir, &["--output-format", format]);
        assert_exit(&output, 1);
        let all = stdout(&output) + &stderr(&output);
        for body in [&TOKEN[5..], &OTHER[5..], &TOKEN[5..13], &OTHER[5..13]] {
            assert!(!all.contains(body), "{format} shows a token body:\n{all}");
        }
        assert!(all.contains("8ec6"), "{format} names the token:\n{all}");
    }
}

#[test]
fn sarif_names_the_first_location_and_the_others_as_related() {
    let repo = init();
    let dir = repo.path();
    write(dir, "a.txt", format!("{TOKEN}\n").as_bytes());
    commit(dir, "2024-02-01T00:00:00Z", "a");
    write(dir, "z/b.txt", format!("again {TOKEN}\n").as_bytes());
    commit(dir, "2024-03-01T00:00:00Z", "b");
    let output = run(dir, &["--output-format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.txt"
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "z/b.txt"
    );
    assert_eq!(result["properties"]["history"]["commits"], 2);
    let github = stdout(&run(dir, &["--output-format", "github"]));
    assert!(github.starts_with("::error file=a.txt,line=1"), "{github}");
}

#[test]
fn a_baseline_accepts_rotated_tokens_and_a_new_leak_still_fails() {
    let repo = init();
    let dir = repo.path();
    write(dir, "a.txt", format!("{TOKEN}\n").as_bytes());
    commit(dir, "2024-02-01T00:00:00Z", "a");
    let baseline = dir.join("history-baseline.json");
    let baseline = baseline.to_str().expect("UTF-8 temp path");
    let written = run(dir, &["--write-baseline", baseline]);
    assert_exit(&written, 0);
    assert!(
        stderr(&written).contains("wrote 1 token"),
        "{}",
        stderr(&written)
    );
    let text = std::fs::read_to_string(baseline).expect("written");
    assert!(!text.contains(&TOKEN[5..]), "{text}");

    let accepted = run(dir, &["--baseline", baseline, "--output-format", "concise"]);
    assert_exit(&accepted, 0);
    let said = String::from_utf8_lossy(&accepted.stdout);
    assert!(said.contains("No new tokens in the history"), "{said}");
    assert!(said.contains("1 token accepted by the baseline"), "{said}");

    write(dir, "b.txt", format!("{OTHER}\n").as_bytes());
    commit(dir, "2024-03-01T00:00:00Z", "b");
    let found = findings(dir, &["--baseline", baseline]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["path"], "b.txt");
    assert_exit(&run(dir, &["--baseline", baseline]), 1);
    assert_exit(&run(dir, &["--baseline", baseline, "--exit-zero"]), 0);
}

/// `check` and `history` key a token on the same hash: a token `check`'s baseline accepts is
/// accepted by `history` too, so the two commands cannot disagree about it.
#[test]
fn history_accepts_what_a_check_baseline_accepts() {
    let repo = init();
    let dir = repo.path();
    write(
        dir,
        "deploy/run.sh",
        format!("curl -H 'Authorization: Bearer {TOKEN}'\n").as_bytes(),
    );
    commit(dir, "2024-02-01T00:00:00Z", "a");
    let baseline = dir.join("check-baseline.json");
    let baseline = baseline.to_str().expect("UTF-8 temp path");
    let written = Command::new(env!("CARGO_BIN_EXE_axiom-lint"))
        .args(["--isolated", "--write-baseline", baseline, "deploy/run.sh"])
        .current_dir(dir)
        .output()
        .expect("axiom-lint runs");
    assert_exit(&written, 0);
    assert_eq!(findings(dir, &[]).len(), 1);
    assert!(findings(dir, &["--baseline", baseline]).is_empty());
}

#[test]
fn a_range_scans_only_the_new_commits() {
    let repo = init();
    let dir = repo.path();
    write(dir, "old.txt", format!("{TOKEN}\n").as_bytes());
    commit(dir, "2024-02-01T00:00:00Z", "old");
    git(
        dir,
        "2024-02-02T00:00:00Z",
        &["checkout", "-q", "-b", "feature"],
    );
    write(dir, "new.txt", format!("{OTHER}\n").as_bytes());
    let new = commit(dir, "2024-03-01T00:00:00Z", "new");

    let found = findings(dir, &["main..feature"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["history"]["first_commit"]["id"], new.as_str());
    // A token the range did not add is not reported even though HEAD holds it.
    assert_eq!(findings(dir, &["main"]).len(), 1);
    assert_eq!(findings(dir, &[]).len(), 2);
    assert_eq!(findings(dir, &["--since", "2024-02-15"]).len(), 1);
    assert_eq!(findings(dir, &["--since", "2024-03-02T00:00:00Z"]).len(), 0);

    let bad = run(dir, &["--since", "yesterday-ish"]);
    assert_exit(&bad, 2);
    let unknown = run(dir, &["no-such-branch"]);
    assert_exit(&unknown, 2);
}

#[test]
fn selection_and_fail_on_apply() {
    let repo = init();
    let dir = repo.path();
    write(dir, "a.txt", format!("{TOKEN}\n").as_bytes());
    commit(dir, "2024-02-01T00:00:00Z", "a");
    assert!(findings(dir, &["--ignore", "AXL201"]).is_empty());
    assert!(findings(dir, &["--select", "AXL1"]).is_empty());
    assert_eq!(findings(dir, &["--select", "AXL201"]).len(), 1);
}

#[test]
fn outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = run(dir.path(), &["--repo", "does-not-exist"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("error:"), "{}", stderr(&output));
}

#[test]
fn a_partial_clone_reports_missing_blobs_and_scans_the_rest() {
    let repo = init();
    let source = repo.path();
    write(source, "a.txt", format!("{TOKEN}\n").as_bytes());
    commit(source, "2024-02-01T00:00:00Z", "a");
    write(source, "b.txt", format!("{OTHER}\n").as_bytes());
    commit(source, "2024-03-01T00:00:00Z", "b");
    git(
        source,
        "2024-03-01T00:00:00Z",
        &["config", "uploadpack.allowFilter", "true"],
    );
    let clones = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", source.display());
    // No checkout: only the commits and trees come, every blob stays behind.
    git(
        clones.path(),
        "2024-03-01T00:00:00Z",
        &[
            "clone",
            "-q",
            "--no-checkout",
            "--filter=blob:none",
            &url,
            "partial",
        ],
    );
    let partial = clones.path().join("partial");
    let output = run(&partial, &["--output-format", "concise"]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("3 blobs missing from this clone (a partial clone)"),
        "{}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("3 missing (partial clone)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_shallow_clone_is_scanned_from_its_oldest_commit() {
    let repo = init();
    let source = repo.path();
    write(source, "a.txt", format!("{TOKEN}\n").as_bytes());
    commit(source, "2024-02-01T00:00:00Z", "a");
    write(source, "b.txt", format!("{OTHER}\n").as_bytes());
    let newest = commit(source, "2024-03-01T00:00:00Z", "b");
    let clones = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", source.display());
    git(
        clones.path(),
        "2024-03-01T00:00:00Z",
        &["clone", "-q", "--depth=1", &url, "shallow"],
    );
    let shallow = clones.path().join("shallow");
    let found = findings(&shallow, &[]);
    // The oldest commit it has holds both tokens, as git shows it.
    assert_eq!(found.len(), 2, "{found:#?}");
    for finding in &found {
        assert_eq!(finding["history"]["first_commit"]["id"], newest.as_str());
    }
    assert!(stderr(&run(&shallow, &[])).contains("the clone is shallow"));
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_or_name_a_token_are_shown_safely() {
    use std::os::unix::ffi::OsStrExt;
    let repo = init();
    let dir = repo.path();
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.join(latin1), format!("{TOKEN}\n")).expect("write");
    write(
        dir,
        &format!("keys/{OTHER}.txt"),
        format!("{OTHER}\n").as_bytes(),
    );
    commit(dir, "2024-02-01T00:00:00Z", "odd names");
    let output = run(dir, &["--output-format", "concise"]);
    assert_exit(&output, 1);
    let text = stdout(&output) + &stderr(&output);
    assert!(text.contains("caf\u{fffd}.txt:1:1: AXL201"), "{text}");
    assert!(!text.contains(&OTHER[5..13]), "{text}");
    assert!(text.contains("keys/xapt-….txt:1:1: AXL201"), "{text}");
}

#[test]
fn submodules_are_counted_not_followed() {
    let repo = init();
    let dir = repo.path();
    let head = git(dir, "2024-02-01T00:00:00Z", &["rev-parse", "HEAD"]);
    // A gitlink entry, as `git submodule add` makes, without a second repository.
    git(
        dir,
        "2024-02-01T00:00:00Z",
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{head},vendor/lib"),
        ],
    );
    git(
        dir,
        "2024-02-01T00:00:00Z",
        &["commit", "-q", "-m", "submodule"],
    );
    let output = run(dir, &["--output-format", "concise"]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("1 submodule change not followed"),
        "{}",
        stderr(&output)
    );
}
