//! Whether a file is a place where a token belongs (DESIGN.md, "Precision"): a file git ignores
//! in a work tree and does not track, or, outside any work tree, a per-user configuration in
//! its documented home location. There AXL201 stays silent; every other rule still runs.
//!
//! A token leaks where the file will be shared: tracked by git, staged, or in a work tree and
//! not ignored. A file outside any work tree keeps the error too (an exported tarball leaks as
//! well), except the per-user configs that live in a home directory by design. Git is never
//! run (a checkout's own configuration could make it run commands): ignore files are read with
//! the `ignore` crate's matcher, and the index is read for the tracked and staged paths.

use std::path::{Path, PathBuf};

use ignore::gitignore::Gitignore;

/// Whether a token in the file at `path` (absolute) is where it belongs.
pub(super) fn is_private(path: &Path) -> bool {
    match work_tree(path) {
        Some(root) => is_ignored(&root, path) && !is_tracked(&root, path),
        None => is_home_config(path),
    }
}

/// The nearest directory above the file holding `.git` (a directory, or a file for linked
/// work trees and submodules).
fn work_tree(path: &Path) -> Option<PathBuf> {
    path.parent()?
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Whether git ignores the file: the `.gitignore` of each directory from the file's up to the
/// work tree's root (the deepest that decides wins), then `.git/info/exclude`, then the
/// user's global excludes file.
fn is_ignored(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut matchers: Vec<Gitignore> = Vec::new();
    let mut dir = path.parent();
    while let Some(current) = dir {
        let (matcher, _) = Gitignore::new(current.join(".gitignore"));
        matchers.push(matcher);
        if current == root {
            break;
        }
        dir = current.parent();
    }
    let (exclude, _) = Gitignore::new(git_dir(root).join("info/exclude"));
    matchers.push(exclude);
    let (global, _) = Gitignore::global();
    for matcher in &matchers {
        let below_matcher =
            |current: &Path| current.starts_with(matcher.path()) && current != matcher.path();
        if let Some(ignored) = verdict_upwards(matcher, path, below_matcher) {
            return ignored;
        }
    }
    // The global file's patterns are relative to the work tree.
    verdict_upwards(&global, relative, |current| !current.as_os_str().is_empty()).unwrap_or(false)
}

/// What `matcher` says of `path` or the first directory above it that it decides (a pattern
/// may name the file or any directory above it, such as `secrets/`), climbing while `within`
/// holds: `Some(true)` ignored, `Some(false)` re-included by `!`, `None` undecided.
fn verdict_upwards(
    matcher: &Gitignore,
    path: &Path,
    within: impl Fn(&Path) -> bool,
) -> Option<bool> {
    let mut candidate = Some(path);
    let mut is_dir = false;
    while let Some(current) = candidate.filter(|current| within(current)) {
        let found = matcher.matched(current, is_dir);
        if found.is_ignore() {
            return Some(true);
        }
        if found.is_whitelist() {
            return Some(false);
        }
        candidate = current.parent();
        is_dir = true;
    }
    None
}

/// The repository's git directory: `.git`, or where a `.git` file points (`gitdir: …`).
fn git_dir(root: &Path) -> PathBuf {
    let dot_git = root.join(".git");
    if dot_git.is_file()
        && let Ok(text) = std::fs::read_to_string(&dot_git)
        && let Some(target) = text.trim().strip_prefix("gitdir:")
    {
        return root.join(target.trim());
    }
    dot_git
}

/// Whether the index lists the file (tracked, or staged for the next commit). An index that
/// cannot be read counts as listing it: the error is kept when in doubt.
fn is_tracked(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return true;
    };
    let wanted = relative.to_string_lossy().replace('\\', "/");
    let dir = git_dir(root);
    let Ok(index) = std::fs::read(dir.join("index")) else {
        // No index yet: a fresh repository tracks nothing.
        return dir.join("index").exists();
    };
    let hash_len = if std::fs::read_to_string(dir.join("config"))
        .is_ok_and(|config| config.contains("objectformat = sha256"))
    {
        32
    } else {
        20
    };
    let Some(listing) = index_paths(&index, hash_len) else {
        return true;
    };
    if listing.paths.contains(&wanted) {
        return true;
    }
    // A split index (`core.splitIndex`) lists only recent changes; the rest is in the shared
    // index it links to. Entries the split index deletes are still counted: the error is kept
    // when in doubt.
    match listing.shared_index {
        Some(name) => std::fs::read(dir.join(name))
            .ok()
            .and_then(|shared| index_paths(&shared, hash_len))
            .is_none_or(|shared| shared.paths.contains(&wanted)),
        None => false,
    }
}

/// What an index lists: its paths, and the shared index a split index links to.
#[derive(Debug, PartialEq, Eq)]
struct IndexListing {
    paths: Vec<String>,
    /// `sharedindex.<id>`, from the `link` extension.
    shared_index: Option<String>,
}

/// The paths a git index (versions 2 to 4) lists, or `None` when it cannot be read.
fn index_paths(index: &[u8], hash_len: usize) -> Option<IndexListing> {
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(index.get(at..at + 4)?.try_into().ok()?))
    };
    if index.get(..4)? != b"DIRC" {
        return None;
    }
    let version = word(4)?;
    let count = usize::try_from(word(8)?).ok()?;
    if !(2..=4).contains(&version) {
        return None;
    }
    // Ten 32-bit stat fields, then the object hash, then 16 bits of flags.
    let fixed = 40 + hash_len + 2;
    let mut paths = Vec::with_capacity(count.min(index.len() / fixed));
    let mut at = 12;
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        let flags = u16::from_be_bytes(index.get(at + fixed - 2..at + fixed)?.try_into().ok()?);
        at += fixed;
        if version >= 3 && flags & 0x4000 != 0 {
            at += 2;
        }
        let name: Vec<u8> = if version == 4 {
            // The number of bytes to drop from the previous name, as git's offset varint.
            let mut strip = 0usize;
            loop {
                let byte = *index.get(at)?;
                at += 1;
                strip = strip
                    .checked_mul(128)?
                    .checked_add(usize::from(byte & 0x7f))?;
                if byte & 0x80 == 0 {
                    break;
                }
                strip = strip.checked_add(1)?;
            }
            let end = at + memchr::memchr(0, index.get(at..)?)?;
            let keep = previous.len().checked_sub(strip)?;
            let mut name = previous[..keep].to_vec();
            name.extend_from_slice(&index[at..end]);
            at = end + 1;
            name
        } else {
            let end = at + memchr::memchr(0, index.get(at..)?)?;
            let name = index[at..end].to_vec();
            // Entries are padded with NULs to a multiple of eight bytes.
            let length = end + 1 - start;
            at = start + length.div_ceil(8) * 8;
            name
        };
        paths.push(String::from_utf8_lossy(&name).into_owned());
        previous = name;
    }
    Some(IndexListing {
        paths,
        shared_index: linked_shared_index(index, at, hash_len),
    })
}

/// The shared index named by the `link` extension, if the extensions after the entries
/// (each a four-byte signature, a 32-bit size and its data, before the trailing checksum)
/// hold one with a non-zero id.
fn linked_shared_index(index: &[u8], mut at: usize, hash_len: usize) -> Option<String> {
    let end = index.len().checked_sub(hash_len)?;
    while at + 8 <= end {
        let signature = index.get(at..at + 4)?;
        let size = usize::try_from(u32::from_be_bytes(
            index.get(at + 4..at + 8)?.try_into().ok()?,
        ))
        .ok()?;
        let data = index.get(at + 8..(at + 8).checked_add(size)?)?;
        if signature == b"link" {
            let id = data.get(..hash_len)?;
            if id.iter().all(|byte| *byte == 0) {
                return None;
            }
            let hex: String = id.iter().map(|byte| format!("{byte:02x}")).collect();
            return Some(format!("sharedindex.{hex}"));
        }
        at += 8 + size;
    }
    None
}

/// Whether the file is a per-user configuration in the home location its program documents:
/// the Axiom CLI's `~/.axiom.toml`, Cursor's `~/.cursor/mcp.json`, Claude Desktop's
/// `claude_desktop_config.json` in its app-data folder (macOS, Windows, Linux).
fn is_home_config(path: &Path) -> bool {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    let mut places: Vec<PathBuf> = Vec::new();
    if let Some(home) = var("HOME").or_else(|| var("USERPROFILE")) {
        places.push(home.join(".axiom.toml"));
        places.push(home.join(".cursor/mcp.json"));
        places.push(home.join("Library/Application Support/Claude/claude_desktop_config.json"));
        places.push(home.join(".config/Claude/claude_desktop_config.json"));
    }
    if let Some(config) = var("XDG_CONFIG_HOME") {
        places.push(config.join("Claude/claude_desktop_config.json"));
    }
    if let Some(app_data) = var("APPDATA") {
        places.push(app_data.join("Claude/claude_desktop_config.json"));
    }
    let path = super::normalize(path);
    places.iter().any(|place| super::normalize(place) == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of version 2 and one of version 4 (prefix-compressed names) list the same paths.
    #[test]
    fn index_paths_are_read_in_every_version() {
        let entry_v2 = |name: &str| {
            let mut entry = vec![0u8; 40 + 20];
            entry.extend_from_slice(&u16::try_from(name.len()).unwrap_or(0).to_be_bytes());
            entry.extend_from_slice(name.as_bytes());
            entry.push(0);
            while !entry.len().is_multiple_of(8) {
                entry.push(0);
            }
            entry
        };
        let mut v2 = b"DIRC\0\0\0\x02\0\0\0\x02".to_vec();
        v2.extend(entry_v2(".env"));
        v2.extend(entry_v2("app/.env.example"));
        let listed = |paths: &[&str]| {
            Some(IndexListing {
                paths: paths.iter().map(|path| (*path).to_owned()).collect(),
                shared_index: None,
            })
        };
        assert_eq!(index_paths(&v2, 20), listed(&[".env", "app/.env.example"]));
        let mut v4 = b"DIRC\0\0\0\x04\0\0\0\x02".to_vec();
        for (strip, suffix) in [(0u8, "app/.env"), (4, ".env.example")] {
            v4.extend(vec![0u8; 62]);
            v4.push(strip);
            v4.extend_from_slice(suffix.as_bytes());
            v4.push(0);
        }
        assert_eq!(
            index_paths(&v4, 20),
            listed(&["app/.env", "app/.env.example"])
        );
        // A split index names its shared index in the `link` extension.
        let mut split = b"DIRC\0\0\0\x02\0\0\0\x01".to_vec();
        split.extend(entry_v2(".env"));
        split.extend_from_slice(b"link\0\0\0\x14");
        split.extend((1..=20u8).collect::<Vec<_>>());
        split.extend([0u8; 20]);
        assert_eq!(
            index_paths(&split, 20).and_then(|listing| listing.shared_index),
            Some("sharedindex.0102030405060708090a0b0c0d0e0f1011121314".to_owned())
        );
        assert_eq!(index_paths(b"DIRC\0\0\0\x02\0\0\0\x09", 20), None);
        assert_eq!(index_paths(b"not an index", 20), None);
    }
}
