//! Discovery: the files to lint, from paths on the command line, walked in parallel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use axiom_lint::Format;
use axiom_lint::pass_over::{self, PassOver};
use ignore::{WalkBuilder, WalkState};

use crate::outcome::Outcome;
use crate::settings::RunSettings;

/// Directories never worth walking: version control, dependencies and build output.
const SKIPPED_DIRS: [&str; 9] = [
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".terraform",
];

/// A file to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Candidate {
    pub(crate) path: PathBuf,
    pub(crate) format: Format,
    /// Found by a directory walk, not named: a text file that turns out binary, generated or
    /// minified is passed over and counted rather than noted.
    pub(crate) walked: bool,
}

/// What discovery found.
#[derive(Default)]
pub(crate) struct Discovered {
    pub(crate) files: Vec<Candidate>,
    /// Paths named on the command line that are skipped, with why (notes), and paths that do
    /// not exist or cannot be walked (errors).
    pub(crate) outcomes: Vec<Outcome>,
}

pub(crate) fn discover(
    paths: &[PathBuf],
    settings: &RunSettings,
    force_exclude: bool,
) -> Discovered {
    let mut found = Discovered::default();
    let mut saw_symlink = false;
    for path in paths {
        let shown = crate::shown_path(path);
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                // Named, a link to nothing is still a file the user asked for and did not get.
                let message = if is_dangling_link(path) {
                    DANGLING_LINK
                } else {
                    "no such file or directory"
                };
                found.outcomes.push(Outcome::Failed {
                    path: shown,
                    message: message.to_owned(),
                });
                continue;
            }
            Err(error) => {
                found.outcomes.push(Outcome::Failed {
                    path: shown,
                    message: error.to_string(),
                });
                continue;
            }
        };
        if metadata.is_dir() {
            saw_symlink |= walk(path, settings, &mut found);
        } else if !metadata.is_file() {
            // A FIFO, a socket or a device such as `/dev/zero`: reading could block or never end.
            found.outcomes.push(Outcome::Skipped {
                path: shown,
                reason: "not a regular file".to_owned(),
            });
        } else if force_exclude && settings.is_excluded(path) {
            continue;
        } else {
            // Named explicitly: lock files are linted too, and any other text file gets the
            // token scan.
            let format = Format::detect(path).map_or_else(|| Format::text(path), |d| d.format);
            found.files.push(Candidate {
                path: path.clone(),
                format,
                walked: false,
            });
        }
    }
    found.files.sort();
    found.files.dedup();
    // `b.toml ./b.toml`, or a symlink beside its target: one file, reported once. One walk
    // without symbolic links yields each file once, and resolving every path would cost more
    // syscalls than reading the files.
    if paths.len() < 2 && !saw_symlink {
        return found;
    }
    let mut seen = HashSet::new();
    found.files.retain(|candidate| {
        let identity = candidate
            .path
            .canonicalize()
            .unwrap_or_else(|_| candidate.path.clone());
        seen.insert(identity)
    });
    found
}

/// Walks one directory into `found`; whether the walk went through a symbolic link.
fn walk(root: &Path, settings: &RunSettings, found: &mut Discovered) -> bool {
    // Inside a checkout, git's rules apply: ignore files above the repository do not count.
    // Outside one (a download, a CI artefact), `.gitignore` still says what is not ours.
    let in_checkout = root
        .canonicalize()
        .unwrap_or_else(|_| root.to_path_buf())
        .ancestors()
        .any(|dir| dir.join(".git").exists());
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let saw_symlink = AtomicBool::new(false);
    WalkBuilder::new(root)
        // `.axiom.toml`, `.vscode/` and `.devcontainer/` hold credentials: hidden files count.
        .hidden(false)
        // A symlinked config is still a config; the walker detects loops and reports them.
        .follow_links(true)
        .require_git(in_checkout)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.contains(&name.as_ref()))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        let outcome = match (loop_child(&error), dangling_link(&error)) {
                            (Some(child), _) => Outcome::Skipped {
                                path: crate::shown_path(child),
                                reason: "a symbolic link loop, not followed".to_owned(),
                            },
                            // A tracked link to a file the checkout does not hold is no file
                            // to lint, as rg and ruff skip it; only a named path is an error.
                            (None, Some(link)) => Outcome::Skipped {
                                path: crate::shown_path(link.strip_prefix(".").unwrap_or(link)),
                                reason: DANGLING_LINK.to_owned(),
                            },
                            // The walker's message names the path, which may hold a token.
                            (None, None) => Outcome::Failed {
                                path: String::new(),
                                message: axiom_lint::redact_echoed(&error.to_string()).into_owned(),
                            },
                        };
                        if let Ok(mut errors) = errors.lock() {
                            errors.push(outcome);
                        }
                        return WalkState::Continue;
                    }
                };
                let path = entry.path();
                if entry.path_is_symlink() {
                    saw_symlink.store(true, Ordering::Relaxed);
                }
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return WalkState::Continue;
                }
                if settings.is_excluded(path) {
                    return WalkState::Continue;
                }
                // `include` narrows the walk, and is how a lock file gets linted; the format
                // always comes from the name.
                let mut passed_over = None;
                let format = match Format::detect(path) {
                    Some(detected) => {
                        let wanted = if settings.has_include() {
                            settings.is_included(path)
                        } else {
                            if detected.is_lock_file {
                                passed_over = Some(PassOver::LockFile);
                            }
                            !detected.is_lock_file
                        };
                        wanted.then_some(detected.format)
                    }
                    // Every other text file gets the text scan (tokens and Axiom URLs) unless
                    // `scan-text = false`; `include` chooses exactly which files are read.
                    None => {
                        let wanted = if settings.has_include() {
                            settings.is_included(path)
                        } else if settings.scan_text {
                            passed_over = pass_over::by_name(path);
                            passed_over.is_none()
                        } else {
                            false
                        };
                        wanted.then(|| Format::text(path))
                    }
                };
                if let (Some(format), Ok(mut files)) = (format, files.lock()) {
                    files.push(Candidate {
                        path: path.to_path_buf(),
                        format,
                        walked: true,
                    });
                } else if let (Some(reason), Ok(mut errors)) = (passed_over, errors.lock()) {
                    errors.push(Outcome::PassedOver {
                        path: crate::shown_path(path.strip_prefix(".").unwrap_or(path)),
                        reason,
                    });
                } else if let Some(reason) = unread_but_concerning(path)
                    && let Ok(mut errors) = errors.lock()
                {
                    errors.push(Outcome::Skipped {
                        path: crate::shown_path(path.strip_prefix(".").unwrap_or(path)),
                        reason: reason.to_owned(),
                    });
                }
                WalkState::Continue
            })
        });
    found.files.extend(files.into_inner().unwrap_or_default());
    // Workers finish in any order; notes are printed in path order.
    let mut outcomes = errors.into_inner().unwrap_or_default();
    outcomes.sort_by(|a, b| a.path().cmp(b.path()));
    found.outcomes.extend(outcomes);
    saw_symlink.into_inner()
}

/// Extensions of configuration formats people keep credentials in but axiom-lint does not
/// read (HCL outside Terraform, such as Nomad or Packer, is not read either). When such a file
/// mentions Axiom, the summary counts it as skipped, so a run never looks clean because it
/// could not look. A format axiom-lint reads has no place here (a test keeps it so).
const CONFIG_EXTENSIONS: [&str; 8] = [
    "ini",
    "conf",
    "cfg",
    "cnf",
    "properties",
    "xml",
    "plist",
    "hcl",
];

/// Files larger than this are not opened just to count them as skipped.
const MAX_PEEK_BYTES: u64 = 1024 * 1024;

/// Why a configuration file that concerns Axiom is not linted, or `None` when it is linted,
/// is not configuration, or does not concern Axiom. Only names that look like configuration
/// are opened, so source files and assets cost nothing.
fn unread_but_concerning(path: &Path) -> Option<&'static str> {
    if Format::detect(path).is_some() {
        return None;
    }
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let extension = name.rsplit_once('.').map(|(_, extension)| extension);
    // Dotenv files are read; what else starts with `.env` (direnv's `.envrc`) holds
    // environment variables too.
    let config_like = extension.is_some_and(|extension| CONFIG_EXTENSIONS.contains(&extension))
        || name.starts_with(".env");
    if !config_like {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() > MAX_PEEK_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_PEEK_BYTES), &mut bytes).ok()?;
    if !axiom_lint::prefilter::concerns_axiom(&name, &bytes) {
        return None;
    }
    Some(if memchr::memchr(0, &bytes).is_some() {
        "a binary file"
    } else {
        "not a supported format"
    })
}

/// Why a symbolic link whose target does not exist is not linted.
const DANGLING_LINK: &str = "a dangling symbolic link (its target does not exist)";

/// Whether `path` is a symbolic link to nothing.
fn is_dangling_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink())
        && std::fs::metadata(path).is_err_and(|error| error.kind() == std::io::ErrorKind::NotFound)
}

/// The link, when the walker's error is a symbolic link it could not follow because its
/// target does not exist.
fn dangling_link(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, err } if is_not_found(err) && is_dangling_link(path) => {
            Some(path)
        }
        ignore::Error::WithPath { err, .. } => dangling_link(err),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            dangling_link(err)
        }
        _ => None,
    }
}

/// Whether the walker's error is, below its tags, a file that does not exist.
fn is_not_found(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Io(io) => io.kind() == std::io::ErrorKind::NotFound,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_not_found(err),
        _ => false,
    }
}

/// The link that closes a loop, when the walker's error is one: a loop is a shape of the tree,
/// not a failure to read it.
fn loop_child(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => loop_child(err),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_config_extensions_are_formats_that_are_not_read() {
        for extension in CONFIG_EXTENSIONS {
            let name = format!("settings.{extension}");
            assert!(
                Format::detect(Path::new(&name)).is_none(),
                "`.{extension}` files are linted, so they are never skipped"
            );
        }
    }
}
