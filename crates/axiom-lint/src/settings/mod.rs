//! What a lint run is configured with: the rules that run, the known edges and the clock;
//! and how those are resolved for a file from its configuration and overrides.

mod file;
mod load;
mod resolver;
mod secret_place;

use axiom_lint_core::EdgeCatalog;

pub use file::{MAX_SETTINGS_BYTES, read_settings_file};
pub use resolver::{
    CONFIG_NAMES, ConfigLookup, Overrides, ResolvedConfig, Resolver, SettingsError, normalize,
    repository_root,
};

use crate::registry::Rule;

pub(crate) use load::load_config;

/// A set of rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSet(u64);

impl RuleSet {
    /// Every rule.
    pub fn all() -> Self {
        Rule::ALL
            .iter()
            .fold(Self::empty(), |set, rule| set.with(*rule))
    }

    /// No rule.
    pub fn empty() -> Self {
        Self(0)
    }

    /// The set with `rule` added.
    #[must_use]
    pub fn with(self, rule: Rule) -> Self {
        Self(self.0 | Self::bit(rule))
    }

    /// The set with `rule` removed.
    #[must_use]
    pub fn without(self, rule: Rule) -> Self {
        Self(self.0 & !Self::bit(rule))
    }

    /// Whether `rule` is in the set.
    pub fn contains(self, rule: Rule) -> bool {
        self.0 & Self::bit(rule) != 0
    }

    /// The rules in the set, in code order.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL
            .iter()
            .copied()
            .filter(move |rule| self.contains(*rule))
    }

    fn bit(rule: Rule) -> u64 {
        1 << (rule as u64)
    }
}

/// Settings every rule may read.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The rules that run.
    pub rules: RuleSet,
    /// Axiom's documented edges plus any from `extend-edges`.
    pub edges: EdgeCatalog,
    /// "Now", for expiry checks; injectable so tests are deterministic.
    pub now: jiff::Timestamp,
    /// The file's absolute path on disk, when the settings are for one: where a token
    /// belongs is decided by where the file is ([`Settings::token_belongs_here`]).
    pub file: Option<std::path::PathBuf>,
}

impl Settings {
    /// Whether a token in the file is where it belongs, so AXL201 stays silent: a file git
    /// ignores and does not track, or outside any work tree a per-user config in its home
    /// location. Asked only of files that hold a token, since it reads ignore files.
    pub fn token_belongs_here(&self) -> bool {
        self.file.as_deref().is_some_and(secret_place::is_private)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: RuleSet::all(),
            edges: EdgeCatalog::default(),
            now: jiff::Timestamp::now(),
            file: None,
        }
    }
}
