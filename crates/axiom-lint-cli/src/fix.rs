//! `--fix` and `--diff` output: writing fixed files without ever losing data, and diffs.
//! Which fixes to apply is planned in the library (`axiom_lint::fix`).

use std::io::Write;
use std::path::Path;

/// Why a fix was not written; the file is left as it was.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file changed on disk since it was read: writing would lose that edit.
    Changed,
    /// No write permission in the file's mode bits, or none for this user: renaming over it
    /// would still succeed in a writable directory, which is not the user's intent.
    ReadOnly,
    /// The file has other names: replacing this one would leave them with the old text.
    HardLinks(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Changed => f.write_str(
                "changed since it was read; not fixed (run again to fix the new content)",
            ),
            Self::ReadOnly => f.write_str("read-only; not fixed"),
            Self::HardLinks(count) => write!(
                f,
                "has {count} hard links; not fixed (the other names would keep the old text)"
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
/// or a crash leaves the original whole. Owner, group and permissions are kept; a symlink's
/// target is written, not the link. Refuses when the file no longer holds `original`, is
/// read-only, or has other hard links.
pub(crate) fn write_file(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let target = path.canonicalize()?;
    let dir = target
        .parent()
        .ok_or_else(|| std::io::Error::other("the file has no directory"))?;
    let metadata = std::fs::metadata(&target)?;
    check_writable(&target, &metadata)?;
    let permissions = metadata.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".axiom-lint-fix-")
        .tempfile_in(dir)?;
    temporary.write_all(fixed)?;
    keep_owner(temporary.as_file(), &metadata)?;
    // After the owner: changing it clears set-id bits.
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

/// Refuses what a user could not or would not want rewritten. Read-only is judged by the mode
/// bits first (root may open anything for writing), then by opening for writing, which
/// changes nothing but answers for this user's rights.
fn check_writable(target: &Path, metadata: &std::fs::Metadata) -> Result<(), WriteError> {
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(WriteError::HardLinks(metadata.nlink()));
        }
    }
    match std::fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(WriteError::ReadOnly)
        }
        Err(error) => Err(error.into()),
    }
}

/// Gives the new file the original's owner and group; a file that would change hands (a
/// user who may write to a file but not own one like it) is not written.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let current = file.metadata()?;
    if current.uid() == metadata.uid() && current.gid() == metadata.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _metadata: &std::fs::Metadata) -> std::io::Result<()> {
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

    #[cfg(unix)]
    #[test]
    fn read_only_and_hard_linked_files_are_refused_and_left_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("refused");
        let read_only = dir.join("read-only.toml");
        std::fs::write(&read_only, "before\n").expect("write");
        std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444))
            .expect("chmod");
        let outcome = write_file(&read_only, b"before\n", b"after\n");
        assert!(matches!(outcome, Err(WriteError::ReadOnly)), "{outcome:?}");
        assert_eq!(std::fs::read(&read_only).expect("read"), b"before\n");

        let linked = dir.join("linked.toml");
        let twin = dir.join("twin.toml");
        std::fs::write(&linked, "before\n").expect("write");
        std::fs::hard_link(&linked, &twin).expect("link");
        let outcome = write_file(&linked, b"before\n", b"after\n");
        assert!(
            matches!(outcome, Err(WriteError::HardLinks(2))),
            "{outcome:?}"
        );
        assert_eq!(std::fs::read(&twin).expect("read"), b"before\n");
        assert_eq!(std::fs::read(&linked).expect("read"), b"before\n");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 3);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Run as root (as CI containers do), a fix must not hand the user's file to root.
    #[cfg(unix)]
    #[test]
    fn the_owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = scratch("owner");
        let path = dir.join("owned.toml");
        std::fs::write(&path, "before\n").expect("write");
        let mine = std::fs::metadata(&path).expect("stat");
        // Only root can give a file away; elsewhere the test checks that the owner stays.
        let (uid, gid) = if mine.uid() == 0 {
            (4242, 4343)
        } else {
            (mine.uid(), mine.gid())
        };
        std::os::unix::fs::chown(&path, Some(uid), Some(gid)).expect("chown");
        write_file(&path, b"before\n", b"after\n").expect("written");
        let after = std::fs::metadata(&path).expect("stat");
        assert_eq!((after.uid(), after.gid()), (uid, gid));
        assert_eq!(std::fs::read(&path).expect("read"), b"after\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
