//! Settings for a run: the library's resolver, fed the command line as overrides, with the
//! configuration nearest the working directory.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::settings::{
    ConfigLookup, Overrides, ResolvedConfig, Resolver, normalize, repository_root,
};
use axiom_lint::{Format, LintResult, Settings, Severity, SourceFile};

use crate::args::{CheckArgs, FailOnArg, RuleArgs};

/// Everything a run needs to know, resolved once.
#[derive(Debug)]
pub(crate) struct RunSettings {
    resolved: Arc<ResolvedConfig>,
    pub(crate) fail_on: Severity,
    pub(crate) baseline: Option<PathBuf>,
    /// Directory walks also scan every other text file for tokens and Axiom URLs.
    pub(crate) scan_text: bool,
    /// `exclude` applies to files named on the command line too.
    pub(crate) force_exclude: bool,
    /// The nearest directory holding `.git`, or the working directory.
    pub(crate) repository_root: PathBuf,
    /// The working directory, read once: paths are resolved against it for every file.
    cwd: PathBuf,
}

/// What the command line says about walking directories (`check` only).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WalkOverrides {
    /// `--scan-text` (`Some(true)`) or `--no-scan-text` (`Some(false)`), whichever came last.
    pub(crate) scan_text: Option<bool>,
    /// `--force-exclude`.
    pub(crate) force_exclude: bool,
}

impl WalkOverrides {
    pub(crate) fn of(args: &CheckArgs) -> Self {
        Self {
            // clap keeps only the last of `--scan-text` and `--no-scan-text`.
            scan_text: if args.no_scan_text {
                Some(false)
            } else {
                args.scan_text.then_some(true)
            },
            force_exclude: args.force_exclude,
        }
    }
}

/// Why settings could not be resolved; printed and the run exits 2.
#[derive(Debug)]
pub(crate) struct SettingsError(pub(crate) String);

impl RunSettings {
    pub(crate) fn resolve(args: &RuleArgs, walk: WalkOverrides) -> Result<Self, SettingsError> {
        let cwd = std::env::current_dir()
            .map_err(|e| SettingsError(format!("cannot read the working directory: {e}")))?;
        let lookup = if args.isolated {
            ConfigLookup::Isolated
        } else if let Some(path) = &args.config {
            ConfigLookup::File(path.clone())
        } else {
            ConfigLookup::NearestTo(cwd.clone())
        };
        let overrides = Overrides {
            select: args.select.clone(),
            extend_select: args.extend_select.clone(),
            ignore: args.ignore.clone(),
            fail_on: args.fail_on.map(|fail_on| match fail_on {
                FailOnArg::Error => Severity::Error,
                FailOnArg::Warning => Severity::Warning,
                FailOnArg::Info => Severity::Info,
            }),
            baseline: args.baseline.clone(),
        };
        // Every file shares the configuration found from the working directory.
        let resolved = Resolver::new(cwd.clone(), lookup, overrides)
            .resolve(&cwd)
            .map_err(|error| SettingsError(describe_error(error)))?;
        Ok(Self {
            fail_on: resolved.fail_on,
            baseline: resolved.baseline.clone(),
            scan_text: walk.scan_text.unwrap_or(resolved.scan_text),
            force_exclude: walk.force_exclude || resolved.force_exclude,
            resolved,
            repository_root: normalize(&repository_root(&cwd)),
            cwd,
        })
    }

    /// The settings for one file, with its `per-file-ignores` applied.
    pub(crate) fn for_file(&self, path: &Path) -> Settings {
        self.resolved.for_file(path)
    }

    /// The path relative to the base directory, for glob matching.
    pub(crate) fn relative(&self, path: &Path) -> PathBuf {
        self.resolved.relative(path)
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
        self.resolved.is_excluded(path)
    }

    pub(crate) fn has_include(&self) -> bool {
        self.resolved.has_include()
    }

    pub(crate) fn is_included(&self, path: &Path) -> bool {
        self.resolved.is_included(path)
    }

    /// The configuration file's settings merged with the command line, for `--show-settings`.
    pub(crate) fn resolved(&self) -> &ResolvedConfig {
        &self.resolved
    }
}

/// The error as printed: an invalid configuration is rendered like lint findings in it.
fn describe_error(error: axiom_lint::settings::SettingsError) -> String {
    match error {
        axiom_lint::settings::SettingsError::InvalidConfig {
            path,
            text,
            diagnostics,
        } => {
            let cwd = std::env::current_dir().unwrap_or_default();
            let shown = crate::shown_path(path.strip_prefix(&cwd).unwrap_or(&path));
            // Excerpts of the file are masked like any linted file's.
            let secrets = axiom_lint::text_secret_spans(&text);
            let source = SourceFile::new(shown.clone(), text, Format::Toml);
            let result = LintResult {
                diagnostics,
                secrets,
                ..LintResult::default()
            };
            format!(
                "invalid configuration in {shown}\n{}",
                render::graphical(&source, &result, GraphicalOptions::default())
            )
        }
        axiom_lint::settings::SettingsError::Other { message, .. } => message,
    }
}
