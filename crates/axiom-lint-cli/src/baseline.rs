//! Baselines: accepted findings recorded by path, code, JSON pointer and a hash of the value,
//! so moving lines does not resurrect them and a changed token does. No token is stored.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use axiom_lint::fingerprint::value_hash;
use axiom_lint::{Diagnostic, SourceFile};
use serde::{Deserialize, Serialize};

use crate::settings::RunSettings;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    path: String,
    code: String,
    pointer: String,
    hash: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// Keyed on the path relative to the configuration's directory (or the working directory), so
/// the same baseline matches wherever the linter is run from.
fn entry(run: &RunSettings, source: &SourceFile, diagnostic: &Diagnostic) -> Entry {
    Entry {
        path: run
            .relative(Path::new(&source.path))
            .to_string_lossy()
            .replace('\\', "/"),
        code: diagnostic.rule.code().to_owned(),
        pointer: diagnostic.pointer.clone().unwrap_or_default(),
        hash: value_hash(source, diagnostic),
    }
}

/// The baseline format this version writes: entries hashed with SHA-256.
const VERSION: u32 = 2;

/// Accepted findings, counted so two identical findings need two entries.
#[derive(Debug, Default)]
pub(crate) struct Baseline {
    accepted: BTreeMap<Entry, usize>,
}

impl Baseline {
    pub(crate) fn read(path: &Path) -> Result<Self, String> {
        let cannot = |why: &dyn std::fmt::Display| {
            format!(
                "{}: cannot read the baseline: {why}",
                crate::shown_path(path)
            )
        };
        let bytes = axiom_lint::settings::read_settings_file(path).map_err(|e| cannot(&e))?;
        let text = String::from_utf8(bytes).map_err(|_| cannot(&"it is not UTF-8 text"))?;
        // serde's message can quote the offending text, which may be anything, a token too;
        // say where the problem is, not what it is.
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not an axiom-lint baseline (line {}, column {}); recreate it with --write-baseline",
                crate::shown_path(path),
                e.line(),
                e.column()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{}: a version {} baseline, whose hashes this version no longer uses (they were FNV-1a, now SHA-256); recreate it with --write-baseline",
                crate::shown_path(path),
                file.version
            ));
        }
        let mut accepted = BTreeMap::new();
        for entry in file.findings {
            *accepted.entry(entry).or_default() += 1;
        }
        Ok(Self { accepted })
    }

    /// Removes the findings of one file that the baseline accepts, and says how many; each
    /// entry accepts one finding per file it names.
    pub(crate) fn remove_accepted(
        &self,
        run: &RunSettings,
        source: &SourceFile,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        let before = diagnostics.len();
        let mut used: HashMap<Entry, usize> = HashMap::new();
        diagnostics.retain(|diagnostic| {
            let key = entry(run, source, diagnostic);
            let available = self.accepted.get(&key).copied().unwrap_or_default();
            let taken = used.entry(key).or_default();
            if *taken < available {
                *taken += 1;
                false
            } else {
                true
            }
        });
        before - diagnostics.len()
    }
}

/// Whether `candidate` is the baseline file: names are compared first, so only a file named
/// like the baseline costs a look at the disk.
pub(crate) fn is_same_file(baseline: &Path, candidate: &Path) -> bool {
    baseline.file_name() == candidate.file_name()
        && match (baseline.canonicalize(), candidate.canonicalize()) {
            (Ok(baseline), Ok(candidate)) => baseline == candidate,
            _ => false,
        }
}

impl Baseline {
    /// Whether an entry accepts this token (code and hash) wherever it was found: how
    /// `history` matches, since a token in history has no one path.
    pub(crate) fn accepts_token(&self, code: &str, hash: &str) -> bool {
        self.accepted
            .keys()
            .any(|entry| entry.code == code && entry.hash == hash)
    }
}

/// Writes tokens found by `history` to a baseline file, keyed on code and hash alone (no
/// path, no pointer), so `check` never takes them for its own findings.
pub(crate) fn write_tokens<'a>(
    path: &Path,
    tokens: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<usize, String> {
    let mut entries: Vec<Entry> = tokens
        .map(|(code, hash)| Entry {
            path: String::new(),
            code: code.to_owned(),
            pointer: String::new(),
            hash: hash.to_owned(),
        })
        .collect();
    entries.sort();
    entries.dedup();
    write_entries(path, entries)
}

/// Writes every finding to a baseline file.
pub(crate) fn write<'a>(
    run: &RunSettings,
    path: &Path,
    findings: impl Iterator<Item = (&'a SourceFile, &'a Diagnostic)>,
) -> Result<usize, String> {
    let mut entries: Vec<Entry> = findings
        .map(|(source, diagnostic)| entry(run, source, diagnostic))
        .collect();
    entries.sort();
    write_entries(path, entries)
}

fn write_entries(path: &Path, entries: Vec<Entry>) -> Result<usize, String> {
    let count = entries.len();
    let file = BaselineFile {
        version: VERSION,
        findings: entries,
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| {
        format!(
            "{}: cannot write the baseline: {e}",
            crate::shown_path(path)
        )
    })?;
    Ok(count)
}
