//! The `axiom-lint.toml` configuration file's data: its types, from which its schema is
//! generated. Loading and checking a file is `settings::load`'s job, so this module and the
//! schema module do not depend on each other both ways.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

/// Configuration for axiom-lint, read from the nearest `axiom-lint.toml` or `.axiom-lint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "axiom-lint configuration")]
pub struct ConfigFile {
    /// The JSON Schema this file follows, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Rules to run, by code (`AXL201`), code prefix (`AXL2`), name (`hardcoded-token`) or `ALL`. Default: all rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to `select`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_select: Vec<String>,
    /// Rules never to run, by code, prefix or name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Glob patterns of paths to skip when walking directories (and, with `--force-exclude`, when named).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Glob patterns of the files to lint when walking directories (default: every TOML and JSON file but lock files). A lock file matched here is linted too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Rules to ignore in files matching a glob pattern, such as `"fixtures/**" = ["AXL201"]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Edge domains to accept beyond Axiom's documented ones, such as `ap-south-1.aws.edge.axiom.co`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_edges: Vec<String>,
    /// The lowest severity that fails a run: `error`, `warning` (default) or `info`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// A baseline file of accepted findings, relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Errors and warnings fail.
    Warning,
    /// Every finding fails, infos included.
    Info,
}

impl FailOn {
    /// The lowest severity that fails.
    pub fn threshold(self) -> Severity {
        match self {
            Self::Error => Severity::Error,
            Self::Warning => Severity::Warning,
            Self::Info => Severity::Info,
        }
    }
}
