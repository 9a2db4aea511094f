//! The history benchmark: `axiom-lint history` on this repository's own clone and on a
//! generated history, beside Kingfisher (`kingfisher scan PATH --git-history full
//! --no-validate`) on the same clones. The generated history is written with
//! `git fast-import`, the quickest way to make many commits; the bench may run `git`, the
//! product never does.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

/// A token body for the generated history, distinct per `n`, never a real one.
fn token(n: usize) -> String {
    format!("xaat-{:08x}-5f60-4a7b-8c9d-0e1f2a3b{:04x}", n, n % 0xffff)
}

/// One generated file's text: configuration-like lines, the same size for every version.
fn file_text(file: usize, version: usize, leak: Option<&str>) -> String {
    let mut text = String::with_capacity(1200);
    let _ = writeln!(text, "# service {file}, revision {version}");
    for line in 0..30 {
        let _ = writeln!(
            text,
            "setting_{line} = \"value {file}-{line}-{version} for the service's settings\""
        );
    }
    if let Some(token) = leak {
        let _ = writeln!(text, "axiom_token = \"{token}\"");
    }
    text
}

/// Writes a repository of `commits` commits over `files` files under `dir`: the first commit
/// adds every file, each later one changes one file; one commit in 500 leaks a token, and
/// the next change of that file removes it again.
pub(crate) fn generate(dir: &Path, commits: usize, files: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    git(dir, &["init", "-q", "-b", "main"])?;
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .spawn()
        .context("running git fast-import")?;
    let Some(stdin) = child.stdin.as_mut() else {
        bail!("git fast-import has no standard input");
    };
    let mut out = std::io::BufWriter::new(stdin);
    let start = 1_600_000_000u64;
    for commit in 0..commits {
        let message = format!("change {commit}");
        write!(
            out,
            "commit refs/heads/main\ncommitter bench <bench@example.com> {} +0000\ndata {}\n{message}\n",
            start + commit as u64 * 600,
            message.len()
        )?;
        if commit == 0 {
            for file in 0..files {
                let text = file_text(file, 0, None);
                write!(
                    out,
                    "M 100644 inline services/{:02}/service_{file}.toml\ndata {}\n{text}\n",
                    file % 50,
                    text.len()
                )?;
            }
        } else {
            let file = commit % files;
            let leak = (commit % 500 == 0).then(|| token(commit));
            let text = file_text(file, commit, leak.as_deref());
            write!(
                out,
                "M 100644 inline services/{:02}/service_{file}.toml\ndata {}\n{text}\n",
                file % 50,
                text.len()
            )?;
        }
    }
    out.flush()?;
    drop(out);
    let status = child.wait()?;
    if !status.success() {
        bail!("git fast-import failed");
    }
    git(dir, &["checkout", "-q", "main"])?;
    Ok(())
}

/// A full clone of the repository at `root` (its history, not the work tree's edits).
pub(crate) fn clone_self(root: &Path, into: &Path) -> anyhow::Result<()> {
    let status = Command::new("git")
        .args(["clone", "-q", "--no-local"])
        .arg(root)
        .arg(into)
        .status()
        .context("running git clone")?;
    if !status.success() {
        bail!("cloning {} failed", root.display());
    }
    Ok(())
}

/// How many commits a repository's refs reach.
pub(crate) fn commit_count(dir: &Path) -> anyhow::Result<usize> {
    let output = Command::new("git")
        .args(["rev-list", "--all", "--count"])
        .current_dir(dir)
        .output()?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or_default())
}

/// The bytes of a repository's pack and index files, which `history` maps whole: they are
/// resident memory of the process, but file pages the kernel can drop, not heap.
pub(crate) fn pack_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir.join(".git/objects/pack")).map_or(0, |entries| {
        entries
            .flatten()
            .filter_map(|entry| entry.metadata().ok())
            .filter(std::fs::Metadata::is_file)
            .map(|metadata| metadata.len())
            .sum()
    })
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .with_context(|| format!("running git {args:?}"))?;
    if !status.success() {
        bail!("git {args:?} failed in {}", dir.display());
    }
    Ok(())
}
