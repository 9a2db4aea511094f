//! Baselines: accepted findings recorded by path, code, JSON pointer and a hash of the value,
//! so moving lines does not resurrect them and a changed token does. No token is stored.

use std::collections::BTreeMap;
use std::path::Path;

use axiom_lint::fingerprint::value_hash;
use axiom_lint::{Diagnostic, SourceFile};
use serde::{Deserialize, Serialize};

use crate::settings::RunSettings;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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

/// Accepted findings, counted so two identical findings need two entries.
#[derive(Debug, Default)]
pub(crate) struct Baseline {
    remaining: BTreeMap<Entry, usize>,
}

impl Baseline {
    pub(crate) fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the baseline: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not an axiom-lint baseline: {e}", path.display()))?;
        let mut remaining = BTreeMap::new();
        for entry in file.findings {
            *remaining.entry(entry).or_default() += 1;
        }
        Ok(Self { remaining })
    }

    /// Whether the finding is accepted; each entry accepts one finding.
    pub(crate) fn accepts(
        &mut self,
        run: &RunSettings,
        source: &SourceFile,
        diagnostic: &Diagnostic,
    ) -> bool {
        match self.remaining.get_mut(&entry(run, source, diagnostic)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
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
    let count = entries.len();
    let file = BaselineFile {
        version: 1,
        findings: entries,
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text)
        .map_err(|e| format!("{}: cannot write the baseline: {e}", path.display()))?;
    Ok(count)
}
