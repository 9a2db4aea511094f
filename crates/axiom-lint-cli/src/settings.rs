//! Settings for a run: the nearest configuration file, merged with the command line.

use std::path::{Path, PathBuf};

use axiom_lint::config::{self, ConfigFile, FailOn};
use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::{Format, LintResult, Rule, RuleSet, Settings, Severity, SourceFile};
use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::args::{CheckArgs, FailOnArg};

/// Configuration file names, nearest first in each directory.
const CONFIG_NAMES: [&str; 2] = ["axiom-lint.toml", ".axiom-lint.toml"];

/// Everything a run needs to know, resolved once.
#[derive(Debug)]
pub(crate) struct RunSettings {
    pub(crate) settings: Settings,
    pub(crate) config_path: Option<PathBuf>,
    /// Globs are matched against paths relative to this directory.
    pub(crate) base_dir: PathBuf,
    pub(crate) exclude: GlobSet,
    pub(crate) include: GlobSet,
    pub(crate) per_file_ignores: Vec<(GlobSet, Vec<Rule>)>,
    pub(crate) fail_on: Severity,
    pub(crate) baseline: Option<PathBuf>,
    /// The nearest directory holding `.git`, or the working directory.
    pub(crate) repository_root: PathBuf,
    /// The working directory, read once: paths are resolved against it for every file.
    cwd: PathBuf,
}

/// Why settings could not be resolved; printed and the run exits 2.
#[derive(Debug)]
pub(crate) struct SettingsError(pub(crate) String);

impl RunSettings {
    pub(crate) fn resolve(args: &CheckArgs) -> Result<Self, SettingsError> {
        let cwd = std::env::current_dir()
            .map_err(|e| SettingsError(format!("cannot read the working directory: {e}")))?;
        let config_path = if args.isolated {
            None
        } else if let Some(path) = &args.config {
            Some(path.clone())
        } else {
            find_config(&cwd)
        };
        let config = match &config_path {
            Some(path) => load_config(path)?,
            None => ConfigFile::default(),
        };
        let repository_root = cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .map_or_else(|| cwd.clone(), Path::to_path_buf);
        // Paths in globs and baselines are relative to the configuration's directory, else to
        // the repository root, so they mean the same wherever the linter is run from.
        let base_dir = config_path
            .as_deref()
            .and_then(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(|| repository_root.clone(), |dir| cwd.join(dir));

        let select = args.select.clone().or_else(|| config.select.clone());
        let mut rules = match &select {
            Some(selectors) => selectors_to_set(selectors)?,
            None => RuleSet::all(),
        };
        for rule in selectors_to_rules(config.extend_select.iter().chain(&args.extend_select))? {
            rules = rules.with(rule);
        }
        for rule in selectors_to_rules(config.ignore.iter().chain(&args.ignore))? {
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
                .map_err(|e| SettingsError(e.to_string()))?;
        }
        let per_file_ignores = config
            .per_file_ignores
            .iter()
            .map(|(pattern, selectors)| {
                Ok((
                    glob_set(std::slice::from_ref(pattern))?,
                    selectors_to_rules(selectors)?,
                ))
            })
            .collect::<Result<_, SettingsError>>()?;
        let fail_on = match args.fail_on {
            Some(FailOnArg::Error) => Severity::Error,
            Some(FailOnArg::Warning) => Severity::Warning,
            Some(FailOnArg::Info) => Severity::Info,
            None => config.fail_on.unwrap_or(FailOn::Warning).threshold(),
        };
        let baseline = args
            .baseline
            .clone()
            .or_else(|| config.baseline.as_ref().map(|path| base_dir.join(path)));
        Ok(Self {
            settings,
            exclude: glob_set(&config.exclude)?,
            include: glob_set(&config.include)?,
            config_path,
            base_dir: normalize(&base_dir),
            per_file_ignores,
            fail_on,
            baseline,
            repository_root: normalize(&repository_root),
            cwd,
        })
    }

    /// The settings for one file, with its `per-file-ignores` applied.
    pub(crate) fn for_file(&self, path: &Path) -> Settings {
        let relative = self.relative(path);
        let mut settings = self.settings.clone();
        for (globs, rules) in &self.per_file_ignores {
            if globs.is_match(&relative) {
                for rule in rules {
                    settings.rules = settings.rules.without(*rule);
                }
            }
        }
        settings
    }

    /// The path relative to the base directory, for glob matching.
    pub(crate) fn relative(&self, path: &Path) -> PathBuf {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.cwd.join(path)
        };
        let absolute = normalize(&absolute);
        absolute
            .strip_prefix(&self.base_dir)
            .map(Path::to_path_buf)
            .unwrap_or(absolute)
    }

    /// The path relative to the repository root, with `/` separators.
    pub(crate) fn repository_path(&self, path: &Path) -> String {
        let absolute = normalize(&self.cwd.join(path));
        absolute
            .strip_prefix(&self.repository_root)
            .unwrap_or(&absolute)
            .to_string_lossy()
            .replace('\\', "/")
    }

    pub(crate) fn is_excluded(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        self.exclude.is_match(&relative)
            || relative
                .ancestors()
                .any(|ancestor| !ancestor.as_os_str().is_empty() && self.exclude.is_match(ancestor))
    }

    pub(crate) fn has_include(&self) -> bool {
        !self.include.is_empty()
    }

    pub(crate) fn is_included(&self, path: &Path) -> bool {
        self.include.is_match(self.relative(path))
    }

    /// A human-readable account of the settings, for `--show-settings`.
    pub(crate) fn describe(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "config: {}\n",
            self.config_path
                .as_ref()
                .map_or("(none)".to_owned(), |p| p.display().to_string())
        ));
        out.push_str(&format!("fail-on: {}\n", self.fail_on.as_str()));
        out.push_str(&format!(
            "baseline: {}\n",
            self.baseline
                .as_ref()
                .map_or("(none)".to_owned(), |p| p.display().to_string())
        ));
        out.push_str("edges:\n");
        for edge in self.settings.edges.edges() {
            out.push_str(&format!("  {} ({})\n", edge.domain(), edge.deployment_id()));
        }
        out.push_str("rules:\n");
        for rule in self.settings.rules.iter() {
            out.push_str(&format!("  {} {}\n", rule.code(), rule.name()));
        }
        out
    }
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

fn load_config(path: &Path) -> Result<ConfigFile, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        SettingsError(format!(
            "{}: cannot read the configuration: {e}",
            path.display()
        ))
    })?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = path
        .strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string();
    config::load(&shown, &text).map_err(|diagnostics| {
        let source = SourceFile::new(shown.clone(), text, Format::Toml);
        let result = LintResult {
            diagnostics,
            ..LintResult::default()
        };
        SettingsError(format!(
            "invalid configuration in {shown}\n{}",
            render::graphical(&source, &result, GraphicalOptions::default())
        ))
    })
}

fn selectors_to_rules<'a>(
    selectors: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<Rule>, SettingsError> {
    let mut rules = Vec::new();
    for selector in selectors {
        let selected = Rule::select(selector);
        if selected.is_empty() {
            return Err(SettingsError(format!(
                "`{selector}` names no rule; use a code (`AXL201`), a prefix (`AXL2`), a name (`hardcoded-token`) or `ALL`"
            )));
        }
        rules.extend(selected);
    }
    Ok(rules)
}

fn selectors_to_set(selectors: &[String]) -> Result<RuleSet, SettingsError> {
    Ok(selectors_to_rules(selectors)?
        .into_iter()
        .fold(RuleSet::empty(), RuleSet::with))
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, SettingsError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| SettingsError(format!("invalid glob `{pattern}`: {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| SettingsError(format!("invalid globs: {e}")))
}
