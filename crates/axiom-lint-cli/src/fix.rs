//! `--fix` and `--diff` output: writing fixed files without ever losing data, and diffs.
//! Which fixes to apply is planned in the library (`axiom_lint::fix`).

use std::io::Write;
use std::path::Path;

/// Why a fix was not written; the file is left as it was.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file changed on disk since it was read: writing would lose that edit.
    Changed,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Changed => f.write_str(
                "changed since it was read; not fixed (run again to fix the new content)",
            ),
            Self::Io(error) => write!(f, "cannot write the fix: {error}"),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error)
    }
}

/// Replaces the file's content with `fixed`, all or nothing: the new content goes to a
/// temporary file beside it, is flushed to disk and renamed over the original, so a full disk
/// or a crash leaves the original whole. Permissions are kept; a symlink's target is written,
/// not the link. Refuses when the file no longer holds `original`.
pub(crate) fn write_file(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let target = path.canonicalize()?;
    let dir = target
        .parent()
        .ok_or_else(|| std::io::Error::other("the file has no directory"))?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".axiom-lint-fix-")
        .tempfile_in(dir)?;
    temporary.write_all(fixed)?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    // Checked last, as close to the rename as possible: an editor saving during the run wins.
    if std::fs::read(&target)? != original {
        return Err(WriteError::Changed);
    }
    temporary.persist(&target).map_err(|error| error.error)?;
    // The rename itself is durable only once the directory is flushed.
    if let Ok(directory) = std::fs::File::open(dir) {
        let _ = directory.sync_all();
    }
    Ok(())
}

/// A unified diff between two texts, headed with the file's path.
/// Every line is made inert: a file's text must not drive the terminal.
pub(crate) fn diff(path: &str, before: &str, after: &str) -> String {
    let path = axiom_lint::render::inert(path);
    let diff = similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    diff.split_inclusive('\n')
        .map(|line| {
            let (content, newline) = match line.strip_suffix('\n') {
                Some(content) => (content, "\n"),
                None => (line, ""),
            };
            format!("{}{newline}", axiom_lint::render::inert(content))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("axiom-lint-fix-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_file_edited_since_it_was_read_is_left_alone() {
        let dir = scratch("changed");
        let path = dir.join("vector.toml");
        std::fs::write(&path, "edited = true\n").expect("write");
        let outcome = write_file(&path, b"as read\n", b"fixed\n");
        assert!(matches!(outcome, Err(WriteError::Changed)), "{outcome:?}");
        assert_eq!(std::fs::read(&path).expect("read"), b"edited = true\n");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_symlink_targets_written() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("symlink");
        let target = dir.join("real.toml");
        let link = dir.join("link.toml");
        std::fs::write(&target, "before\n").expect("write");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        write_file(&link, b"before\n", b"after\n").expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("stat")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).expect("read"), b"after\n");
        let mode = std::fs::metadata(&target)
            .expect("stat")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
