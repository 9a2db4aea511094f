//! Discovery: the files to lint, from paths on the command line, walked in parallel.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use axiom_lint::Format;
use ignore::{WalkBuilder, WalkState};

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
}

/// What discovery found.
#[derive(Debug, Default)]
pub(crate) struct Discovered {
    pub(crate) files: Vec<Candidate>,
    /// Paths named on the command line that are skipped, with why (not errors).
    pub(crate) notes: Vec<String>,
    /// Paths that do not exist or cannot be walked.
    pub(crate) errors: Vec<String>,
}

pub(crate) fn discover(
    paths: &[PathBuf],
    settings: &RunSettings,
    force_exclude: bool,
) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        if path.is_file() {
            if force_exclude && settings.is_excluded(path) {
                continue;
            }
            // Named explicitly: lock files are linted too.
            match Format::detect(path).map(|d| d.format) {
                Some(format) => found.files.push(Candidate {
                    path: path.clone(),
                    format,
                }),
                None => found.notes.push(format!(
                    "{}: skipped, not a TOML or JSON file",
                    path.display()
                )),
            }
        } else if path.is_dir() {
            walk(path, settings, &mut found);
        } else {
            found
                .errors
                .push(format!("{}: no such file or directory", path.display()));
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn walk(root: &Path, settings: &RunSettings, found: &mut Discovered) {
    // Inside a checkout, git's rules apply: ignore files above the repository do not count.
    // Outside one (a download, a CI artefact), `.gitignore` still says what is not ours.
    let in_checkout = root
        .canonicalize()
        .unwrap_or_else(|_| root.to_path_buf())
        .ancestors()
        .any(|dir| dir.join(".git").exists());
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    WalkBuilder::new(root)
        // `.axiom.toml`, `.vscode/` and `.devcontainer/` hold credentials: hidden files count.
        .hidden(false)
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
                        if let Ok(mut errors) = errors.lock() {
                            errors.push(error.to_string());
                        }
                        return WalkState::Continue;
                    }
                };
                let path = entry.path();
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return WalkState::Continue;
                }
                if settings.is_excluded(path) {
                    return WalkState::Continue;
                }
                // `include` narrows the walk, and is how a lock file gets linted; the format
                // always comes from the name.
                let format = Format::detect(path).and_then(|detected| {
                    let wanted = if settings.has_include() {
                        settings.is_included(path)
                    } else {
                        !detected.is_lock_file
                    };
                    wanted.then_some(detected.format)
                });
                if let (Some(format), Ok(mut files)) = (format, files.lock()) {
                    files.push(Candidate {
                        path: path.to_path_buf(),
                        format,
                    });
                }
                WalkState::Continue
            })
        });
    found.files.extend(files.into_inner().unwrap_or_default());
    found.errors.extend(errors.into_inner().unwrap_or_default());
}
