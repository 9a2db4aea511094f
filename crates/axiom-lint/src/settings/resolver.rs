//! Which settings govern a file: the configuration file that applies to it (found once per
//! directory and cached), merged with overrides from the command line or the editor.
//!
//! The command line resolves every file against the configuration nearest its working
//! directory; the editor server against the configuration nearest each file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{ConfigFile, FailOn};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::registry::Severity;
use crate::settings::load::load_config;
use crate::settings::{RuleSet, Settings};

/// Configuration file names, in the order they are looked for in each directory.
pub const CONFIG_NAMES: [&str; 2] = ["axiom-lint.toml", ".axiom-lint.toml"];

/// Where the configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigLookup {
    /// No configuration file: defaults and overrides only (`--isolated`).
    Isolated,
    /// This file, for every path (`--config`).
    File(PathBuf),
    /// The nearest configuration file at or above this directory, for every path (the command
    /// line, from its working directory).
    NearestTo(PathBuf),
    /// The nearest configuration file above each path (the editor server).
    NearestToEachFile,
}

/// Settings given outside the configuration file, which win over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Replaces the configuration's `select`.
    pub select: Option<Vec<String>>,
    /// Added to the configuration's `extend-select`.
    pub extend_select: Vec<String>,
    /// Added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    /// Replaces the configuration's `fail-on`.
    pub fail_on: Option<Severity>,
    /// Replaces the configuration's `baseline`.
    pub baseline: Option<PathBuf>,
}

/// Why settings could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// The configuration file does not hold valid settings: diagnostics with spans in `text`.
    InvalidConfig {
        /// The file, as given or found.
        path: PathBuf,
        /// Its text, for rendering the diagnostics.
        text: String,
        /// What is wrong, scrubbed of secrets.
        diagnostics: Vec<Diagnostic>,
    },
    /// Anything else: an unreadable file, an unknown selector in an override, a bad glob.
    Other {
        /// The configuration file concerned, if any.
        path: Option<PathBuf>,
        /// What went wrong, in words.
        message: String,
    },
}

impl SettingsError {
    /// Messages quote globs, selectors and edges from the file or the command line, where a
    /// token may have been pasted; they are redacted where they are made.
    fn other(path: Option<&Path>, message: String) -> Self {
        Self::Other {
            path: path.map(Path::to_path_buf),
            // It quotes paths, globs and selectors from outside: hidden where they hold a
            // token, and inert.
            message: {
                let redacted = match crate::redact::redact_echoed(&message) {
                    std::borrow::Cow::Borrowed(_) => message,
                    std::borrow::Cow::Owned(redacted) => redacted,
                };
                match crate::render::inert(&redacted) {
                    std::borrow::Cow::Borrowed(_) => redacted,
                    std::borrow::Cow::Owned(inert) => inert,
                }
            },
        }
    }

    /// The configuration file the error is about, if it is about one.
    pub fn config_path(&self) -> Option<&Path> {
        match self {
            Self::InvalidConfig { path, .. } => Some(path),
            Self::Other { path, .. } => path.as_deref(),
        }
    }
}

/// The settings of one configuration file merged with the overrides: what every file it
/// governs shares.
#[derive(Debug)]
pub struct ResolvedConfig {
    /// Rules and edges, before `per-file-ignores`.
    pub settings: Settings,
    /// The configuration file, if one applies.
    pub config_path: Option<PathBuf>,
    /// Globs and the baseline are relative to this directory: the configuration's, else the
    /// repository root (the nearest directory above the working directory holding `.git`).
    pub base_dir: PathBuf,
    /// The lowest severity that fails a run.
    pub fail_on: Severity,
    /// The baseline file of accepted findings.
    pub baseline: Option<PathBuf>,
    /// Whether directory walks also scan every other text file for tokens and Axiom URLs
    /// (`scan-text`, on unless switched off).
    pub scan_text: bool,
    /// Whether `exclude` applies to files named on the command line too (`force-exclude`).
    pub force_exclude: bool,
    /// The `exclude` patterns as written, for `--show-settings`.
    pub exclude_patterns: Vec<String>,
    /// The `include` patterns as written.
    pub include_patterns: Vec<String>,
    /// Each `per-file-ignores` pattern as written, with the rules it switches off.
    pub per_file_ignore_patterns: Vec<(String, Vec<Rule>)>,
    /// The configuration file's settings as written (the defaults without a file), so a
    /// caller can tell which values came from it (`--show-settings`).
    pub config: ConfigFile,
    /// The working directory relative paths are resolved against.
    cwd: PathBuf,
    exclude: GlobSet,
    include: GlobSet,
    per_file_ignores: Vec<(GlobSet, Vec<Rule>)>,
}

impl ResolvedConfig {
    /// The settings for one file, with its `per-file-ignores` applied.
    pub fn for_file(&self, path: &Path) -> Settings {
        let mut settings = self.settings.clone();
        settings.file = Some(normalize(&self.cwd.join(path)));
        if self.per_file_ignores.is_empty() {
            return settings;
        }
        let relative = self.relative(path);
        for (globs, rules) in &self.per_file_ignores {
            if globs.is_match(&relative) {
                for rule in rules {
                    settings.rules = settings.rules.without(*rule);
                }
            }
        }
        settings
    }

    /// The path relative to the base directory, as globs and baselines see it.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let absolute = normalize(&self.cwd.join(path));
        absolute
            .strip_prefix(&self.base_dir)
            .map(Path::to_path_buf)
            .unwrap_or(absolute)
    }

    /// Whether `exclude` matches the path or one of its directories.
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let relative = self.relative(path);
        self.exclude.is_match(&relative)
            || relative
                .ancestors()
                .any(|ancestor| !ancestor.as_os_str().is_empty() && self.exclude.is_match(ancestor))
    }

    /// Whether the configuration narrows directory walks with `include`.
    pub fn has_include(&self) -> bool {
        !self.include.is_empty()
    }

    /// Whether `include` matches the path.
    pub fn is_included(&self, path: &Path) -> bool {
        self.include.is_match(self.relative(path))
    }
}

type Resolution = Result<Arc<ResolvedConfig>, SettingsError>;

/// Resolves settings for paths, caching the configuration found for each directory and the
/// settings built from each configuration file.
#[derive(Debug)]
pub struct Resolver {
    cwd: PathBuf,
    lookup: ConfigLookup,
    overrides: Overrides,
    /// The configuration file governing each directory asked about.
    nearest: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Settings built from each configuration file (`None`: no file).
    resolved: Mutex<HashMap<Option<PathBuf>, Resolution>>,
}

impl Resolver {
    /// A resolver for paths relative to `cwd`.
    pub fn new(cwd: PathBuf, lookup: ConfigLookup, overrides: Overrides) -> Self {
        Self {
            cwd,
            lookup,
            overrides,
            nearest: Mutex::default(),
            resolved: Mutex::default(),
        }
    }

    /// The settings shared by every file the configuration governing `path` applies to.
    pub fn resolve(&self, path: &Path) -> Resolution {
        let config_path = self.config_for(path);
        let mut resolved = self.resolved.lock().unwrap_or_else(PoisonError::into_inner);
        resolved
            .entry(config_path.clone())
            .or_insert_with(|| {
                build(&self.cwd, config_path.as_deref(), &self.overrides).map(Arc::new)
            })
            .clone()
    }

    /// The settings for one file, `per-file-ignores` applied.
    pub fn settings_for(&self, path: &Path) -> Result<Settings, SettingsError> {
        Ok(self.resolve(path)?.for_file(path))
    }

    /// Forgets every cached lookup and configuration, for when a configuration file was
    /// created, changed or deleted.
    pub fn reload(&self) {
        self.nearest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.resolved
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// The configuration file that applies to `path`, if any.
    pub fn config_for(&self, path: &Path) -> Option<PathBuf> {
        match &self.lookup {
            ConfigLookup::Isolated => None,
            ConfigLookup::File(file) => Some(file.clone()),
            ConfigLookup::NearestTo(dir) => self.nearest_above(dir),
            ConfigLookup::NearestToEachFile => {
                let absolute = normalize(&self.cwd.join(path));
                self.nearest_above(absolute.parent().unwrap_or(&absolute))
            }
        }
    }

    fn nearest_above(&self, dir: &Path) -> Option<PathBuf> {
        let mut nearest = self.nearest.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = nearest.get(dir) {
            return found.clone();
        }
        // Walk up until a directory already looked at, then record the answer for every
        // directory passed, so sibling files cost one lookup.
        let mut passed = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = nearest.get(ancestor) {
                found = known.clone();
                break;
            }
            passed.push(ancestor.to_path_buf());
            if let Some(config) = config_in(ancestor) {
                found = Some(config);
                break;
            }
        }
        for directory in passed {
            nearest.insert(directory, found.clone());
        }
        found
    }
}

/// The configuration file in `dir` itself, if there is one.
fn config_in(dir: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn build(
    cwd: &Path,
    config_path: Option<&Path>,
    overrides: &Overrides,
) -> Result<ResolvedConfig, SettingsError> {
    let config = match config_path {
        Some(path) => read_config(cwd, path)?,
        None => ConfigFile::default(),
    };
    let repository_root = repository_root(cwd);
    // Paths in globs and baselines are relative to the configuration's directory, else to
    // the repository root, so they mean the same wherever the linter is run from.
    let base_dir = config_path
        .and_then(Path::parent)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or(repository_root, |dir| cwd.join(dir));

    // Every selector on the command line that names no rule is reported at once, not the
    // first alone. (The configuration's own are reported, with positions, as it is read.)
    let unknown = unknown_selectors(
        overrides
            .select
            .iter()
            .flatten()
            .chain(&overrides.extend_select)
            .chain(&overrides.ignore),
    );
    if !unknown.is_empty() {
        return Err(SettingsError::other(None, names_no_rule(&unknown)));
    }
    let select = overrides.select.as_ref().or(config.select.as_ref());
    let mut rules = match select {
        Some(selectors) => selectors_to_rules(selectors)?
            .into_iter()
            .fold(RuleSet::empty(), RuleSet::with),
        None => RuleSet::all(),
    };
    for rule in selectors_to_rules(config.extend_select.iter().chain(&overrides.extend_select))? {
        rules = rules.with(rule);
    }
    for rule in selectors_to_rules(config.ignore.iter().chain(&overrides.ignore))? {
        rules = rules.without(rule);
    }
    let mut settings = Settings {
        rules,
        ..Settings::default()
    };
    for edge in &config.extend_edges {
        settings
            .edges
            .add_domain(edge)
            .map_err(|e| SettingsError::other(config_path, e.to_string()))?;
    }
    let glob_error = |message| SettingsError::other(config_path, message);
    let per_file_ignore_patterns = config
        .per_file_ignores
        .iter()
        .map(|(pattern, selectors)| Ok((pattern.clone(), selectors_to_rules(selectors)?)))
        .collect::<Result<Vec<_>, SettingsError>>()?;
    let per_file_ignores = per_file_ignore_patterns
        .iter()
        .map(|(pattern, rules)| {
            Ok((
                glob_set(std::slice::from_ref(pattern)).map_err(glob_error)?,
                rules.clone(),
            ))
        })
        .collect::<Result<_, SettingsError>>()?;
    let fail_on = overrides
        .fail_on
        .unwrap_or_else(|| config.fail_on.unwrap_or(FailOn::Warning).threshold());
    let baseline = overrides
        .baseline
        .clone()
        .or_else(|| config.baseline.as_ref().map(|path| base_dir.join(path)));
    Ok(ResolvedConfig {
        settings,
        exclude: glob_set(&config.exclude).map_err(glob_error)?,
        include: glob_set(&config.include).map_err(glob_error)?,
        config_path: config_path.map(Path::to_path_buf),
        base_dir: normalize(&base_dir),
        per_file_ignores,
        exclude_patterns: config.exclude.clone(),
        include_patterns: config.include.clone(),
        per_file_ignore_patterns,
        fail_on,
        baseline,
        scan_text: config.scan_text.unwrap_or(true),
        force_exclude: config.force_exclude.unwrap_or(false),
        cwd: cwd.to_path_buf(),
        config,
    })
}

/// The nearest directory at or above `dir` holding `.git`, else `dir`.
pub fn repository_root(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf)
}

fn read_config(cwd: &Path, path: &Path) -> Result<ConfigFile, SettingsError> {
    let bytes = super::read_settings_file(path).map_err(|e| {
        SettingsError::other(
            Some(path),
            format!("{}: cannot read the configuration: {e}", path.display()),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_of(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        SettingsError::other(
            Some(path),
            format!(
                "{}:{line}:{column}: cannot read the configuration: TOML must be UTF-8, and this byte is not",
                path.display()
            ),
        )
    })?;
    let shown = path.strip_prefix(cwd).unwrap_or(path).display().to_string();
    load_config(&shown, &text).map_err(|diagnostics| SettingsError::InvalidConfig {
        path: path.to_path_buf(),
        text,
        diagnostics,
    })
}

/// The line and column (both from 1, the column in characters) just after `prefix`, which
/// is valid UTF-8.
fn position_of(prefix: &[u8]) -> (usize, usize) {
    let line_start = prefix
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = prefix.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Removes `.` and resolves `..` lexically, so paths compare without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The rules a list of selectors names; a selector that names none is an error.
fn selectors_to_rules<'a>(
    selectors: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<Rule>, SettingsError> {
    let mut rules = Vec::new();
    for selector in selectors {
        let selected = Rule::select(selector);
        if selected.is_empty() {
            return Err(SettingsError::other(None, names_no_rule(&[selector])));
        }
        rules.extend(selected);
    }
    Ok(rules)
}

/// The selectors that name no rule, each once, in the order given.
fn unknown_selectors<'a>(selectors: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    let mut unknown: Vec<&str> = Vec::new();
    for selector in selectors {
        if Rule::select(selector).is_empty() && !unknown.contains(&selector.as_str()) {
            unknown.push(selector);
        }
    }
    unknown
}

/// The error for selectors that name no rule: "`A` names no rule", "`A` and `B` name no rule".
fn names_no_rule(selectors: &[&str]) -> String {
    let quoted: Vec<String> = selectors
        .iter()
        .map(|selector| format!("`{}`", crate::render::inert(selector)))
        .collect();
    let (listed, verb) = match quoted.as_slice() {
        [] | [_] => (quoted.concat(), "names"),
        [rest @ .., last] => (format!("{} and {last}", rest.join(", ")), "name"),
    };
    format!(
        "{listed} {verb} no rule; use a code (`AXL201`), a prefix (`AXL2`), a name (`hardcoded-token`) or `ALL`"
    )
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {e}"))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| format!("invalid globs: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unknown_selector_is_named_once_in_one_sentence() {
        let given: Vec<String> = ["AXL999", "AXL2", "FOO", "AXL999", "hardcoded-token", "BAR"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let unknown = unknown_selectors(&given);
        assert_eq!(unknown, ["AXL999", "FOO", "BAR"]);
        assert!(names_no_rule(&unknown).starts_with("`AXL999`, `FOO` and `BAR` name no rule; "));
        assert!(names_no_rule(&unknown[..2]).starts_with("`AXL999` and `FOO` name no rule; "));
        assert!(names_no_rule(&unknown[..1]).starts_with("`AXL999` names no rule; "));
    }

    fn temp_tree(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("axiom-lint-resolver-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).ok();
        dir
    }

    /// A configuration that is not UTF-8 is refused at the first byte that is not.
    #[test]
    fn a_configuration_that_is_not_utf8_is_refused_with_its_position() {
        let root = temp_tree("not-utf8");
        let config = root.join("axiom-lint.toml");
        std::fs::write(&config, b"select = [\"AXL1\"]\n# caf\xc3\xa9 \xe9\n").ok();
        let refused = read_config(&root, &config).map(|_| ());
        let _ = std::fs::remove_dir_all(&root);
        match refused {
            Err(SettingsError::Other { message, .. }) => {
                assert!(message.contains("axiom-lint.toml:2:8: "), "{message}");
            }
            other => panic!("not refused as expected: {other:?}"),
        }
        assert_eq!(position_of(b""), (1, 1));
        assert_eq!(position_of(b"ab\n\nc\xc3\xa9"), (3, 3));
    }

    #[test]
    fn each_file_gets_the_nearest_configuration() {
        let root = temp_tree("nearest");
        std::fs::write(root.join("axiom-lint.toml"), "ignore = [\"AXL201\"]\n").ok();
        std::fs::write(root.join("a/b/.axiom-lint.toml"), "ignore = [\"AXL205\"]\n").ok();
        let resolver = Resolver::new(
            root.clone(),
            ConfigLookup::NearestToEachFile,
            Overrides::default(),
        );
        let top = resolver.settings_for(&root.join("a/x.toml")).ok();
        let deep = resolver.settings_for(&root.join("a/b/y.toml")).ok();
        assert!(
            top.is_some_and(|s| !s.rules.contains(Rule::HardcodedToken)
                && s.rules.contains(Rule::PersonalToken))
        );
        assert!(
            deep.is_some_and(|s| s.rules.contains(Rule::HardcodedToken)
                && !s.rules.contains(Rule::PersonalToken))
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn reload_picks_up_a_changed_configuration() {
        let root = temp_tree("reload");
        let config = root.join("axiom-lint.toml");
        std::fs::write(&config, "ignore = [\"AXL201\"]\n").ok();
        let resolver = Resolver::new(
            root.clone(),
            ConfigLookup::NearestToEachFile,
            Overrides::default(),
        );
        let file = root.join("a/b/c.toml");
        assert!(
            resolver
                .settings_for(&file)
                .is_ok_and(|s| !s.rules.contains(Rule::HardcodedToken))
        );
        std::fs::write(&config, "select = [\"AXL2\"\n").ok();
        // Cached until told.
        assert!(resolver.settings_for(&file).is_ok());
        resolver.reload();
        match resolver.settings_for(&file) {
            Err(SettingsError::InvalidConfig {
                path, diagnostics, ..
            }) => {
                assert_eq!(path, config);
                assert_eq!(diagnostics[0].rule, Rule::ParseError);
            }
            other => panic!("expected an invalid configuration, got {other:?}"),
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn overrides_win_over_the_configuration() {
        let root = temp_tree("overrides");
        std::fs::write(
            root.join("axiom-lint.toml"),
            "select = [\"AXL1\"]\nfail-on = \"error\"\n",
        )
        .ok();
        let resolver = Resolver::new(
            root.clone(),
            ConfigLookup::NearestTo(root.clone()),
            Overrides {
                select: Some(vec!["AXL201".to_owned()]),
                fail_on: Some(Severity::Info),
                ..Overrides::default()
            },
        );
        let resolved = resolver.resolve(&root.join("x.toml")).ok();
        assert!(
            resolved
                .as_ref()
                .is_some_and(|r| r.fail_on == Severity::Info)
        );
        assert!(resolved.is_some_and(|r| r.settings.rules.iter().eq([Rule::HardcodedToken])));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn per_file_ignores_apply_relative_to_the_configuration() {
        let root = temp_tree("per-file");
        std::fs::write(
            root.join("axiom-lint.toml"),
            "[per-file-ignores]\n\"a/**\" = [\"hardcoded-token\"]\n",
        )
        .ok();
        let resolver = Resolver::new(
            root.join("a"),
            ConfigLookup::NearestToEachFile,
            Overrides::default(),
        );
        let inside = resolver.settings_for(Path::new("b/x.toml")).ok();
        assert!(inside.is_some_and(|s| !s.rules.contains(Rule::HardcodedToken)));
        let outside = resolver.settings_for(&root.join("y.toml")).ok();
        assert!(outside.is_some_and(|s| s.rules.contains(Rule::HardcodedToken)));
        let _ = std::fs::remove_dir_all(&root);
    }
}
