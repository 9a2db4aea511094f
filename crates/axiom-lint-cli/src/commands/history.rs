//! `axiom-lint history`: every Axiom token ever committed to a repository, the commit that
//! first brought it, and whether it is still there.
//!
//! The repository is read by `axiom-lint-git`; each blob is scanned once, by the same token
//! scan, masking, renderers and baselines as `check`, so the two commands cannot disagree.
//! Memory holds the set of blobs seen and the findings, never the blobs: the walk is handed
//! over a batch of commits at a time.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use axiom_lint::fingerprint::value_hash;
use axiom_lint::render::{Annotation, FileReport};
use axiom_lint::{Format, LintResult, Rule, RuleSet, TextComments};
use axiom_lint_git::{Blob, Commit, Id, Item, Repository};
use rayon::prelude::*;

use crate::args::{ColorChoice, HistoryArgs, OutputFormat};
use crate::baseline::Baseline;
use crate::emit::{self, error};
use crate::output::{self, ReportOptions};
use crate::settings::{RunSettings, SettingsError, WalkOverrides};

/// The rules of the token scan that need no structure: what a blob alone can show.
const HISTORY_RULES: [Rule; 2] = [Rule::HardcodedToken, Rule::MalformedToken];

/// What to do about a token found in history, whatever else is done: the advice every
/// finding carries.
const ROTATE: &str = "rotate this token now, whatever happens to the history: removing it from git does not revoke it (in Axiom, Settings → API tokens, or your profile's personal access tokens: create a replacement, move its users to it, delete this one); then, if you wish, rewrite the history with `git filter-repo`, and accept the rotated token with `axiom-lint history --write-baseline FILE` and `--baseline FILE`";

/// Why a blob with NUL bytes is not scanned: the words `check` uses for such a file.
const BINARY: &str = "a binary file";

/// Blobs read and scanned in parallel at once: enough to keep every thread busy, few
/// enough that memory does not grow with the history.
const BLOBS_PER_BATCH: usize = 256;
const COMMITS_PER_BATCH: usize = 1024;

/// Other paths a SARIF result lists as related locations, at most.
const MAX_RELATED: usize = 20;

/// A token found in history: one per token hash.
#[derive(Debug)]
struct Finding {
    rule: Rule,
    /// SHA-256 of the token's text, as baselines key it.
    hash: String,
    /// The oldest commit that introduced it.
    first: Option<Place>,
    /// Commits that introduced it (added or changed a file to hold it).
    commits: u64,
    last_commit: Option<Id>,
    paths: BTreeSet<Vec<u8>>,
    at_head: bool,
    in_worktree: bool,
}

#[derive(Debug, Clone)]
struct Place {
    commit: Commit,
    path: Vec<u8>,
    blob: Id,
}

impl Finding {
    fn attribute(&mut self, commit: &Commit, item: &Item) {
        if self.last_commit != Some(commit.id) {
            self.commits += 1;
            self.last_commit = Some(commit.id);
        }
        if !self.paths.contains(&item.path) {
            self.paths.insert(item.path.clone());
        }
        // The walk goes newest first, so a commit as old as the first so far is earlier.
        if self
            .first
            .as_ref()
            .is_none_or(|first| commit.time <= first.commit.time)
        {
            self.first = Some(Place {
                commit: *commit,
                path: item.path.clone(),
                blob: item.blob,
            });
        }
    }
}

/// What became of one blob.
enum Scanned {
    Tokens(Vec<(Rule, String)>),
    Clean,
    Skipped(&'static str),
    Missing,
    Failed(String),
}

/// Counts for the summary: what was scanned, and what was not.
#[derive(Debug, Default)]
struct Tally {
    scanned: u64,
    skipped: BTreeMap<&'static str, u64>,
    missing: u64,
    errors: Vec<String>,
}

/// The walk's consumer: batches the commits, scans their new blobs in parallel, and
/// attributes every blob that holds a token to the commits and paths that introduced it.
struct Scanner<'a> {
    repo: &'a Repository,
    run: &'a RunSettings,
    /// Blobs that hold tokens, with the findings they hold.
    hits: HashMap<Id, Vec<usize>>,
    findings: Vec<Finding>,
    index: HashMap<(Rule, String), usize>,
    tally: Tally,
    commits: u64,
    progress: Option<indicatif::ProgressBar>,
}

impl<'a> Scanner<'a> {
    fn new(repo: &'a Repository, run: &'a RunSettings) -> Self {
        Self {
            repo,
            run,
            hits: HashMap::new(),
            findings: Vec::new(),
            index: HashMap::new(),
            tally: Tally::default(),
            commits: 0,
            progress: progress_bar(),
        }
    }

    /// Scans a batch of commits' new blobs in parallel, then attributes them in walk order.
    fn scan(&mut self, pending: &[(Commit, Vec<Item>)]) {
        let (repo, run) = (self.repo, self.run);
        let unread: Vec<(Id, &[u8])> = pending
            .iter()
            .flat_map(|(_, items)| items.iter().filter(|item| item.first_seen))
            .map(|item| (item.blob, item.path.as_slice()))
            .collect();
        let scanned = scan_in_pack_order(repo, run, &unread);
        for ((blob, path), scanned) in unread.iter().zip(scanned) {
            match scanned {
                Scanned::Tokens(keys) => {
                    self.tally.scanned += 1;
                    let found = keys.into_iter().map(|key| self.finding(key)).collect();
                    self.hits.insert(*blob, found);
                }
                Scanned::Clean => self.tally.scanned += 1,
                Scanned::Skipped(reason) => *self.tally.skipped.entry(reason).or_default() += 1,
                Scanned::Missing => self.tally.missing += 1,
                Scanned::Failed(message) => {
                    self.tally
                        .errors
                        .push(format!("{}: {message}", shown(path)));
                }
            }
        }
        for (commit, items) in pending {
            for item in items {
                for &at in self.hits.get(&item.blob).into_iter().flatten() {
                    if let Some(finding) = self.findings.get_mut(at) {
                        finding.attribute(commit, item);
                    }
                }
            }
        }
        self.commits += pending.len() as u64;
        if let Some(bar) = &self.progress {
            bar.set_position(self.commits);
            bar.set_message(format!(
                "{} blobs",
                self.tally.scanned + self.tally.skipped.values().sum::<u64>()
            ));
        }
    }

    fn finding(&mut self, key: (Rule, String)) -> usize {
        if let Some(&at) = self.index.get(&key) {
            return at;
        }
        let at = self.findings.len();
        self.findings.push(Finding {
            rule: key.0,
            hash: key.1.clone(),
            first: None,
            commits: 0,
            last_commit: None,
            paths: BTreeSet::new(),
            at_head: false,
            in_worktree: false,
        });
        self.index.insert(key, at);
        at
    }

    /// Marks the findings HEAD's tree and the work tree still hold.
    fn mark_present(&mut self) -> Result<(), String> {
        let (hits, findings) = (&self.hits, &mut self.findings);
        self.repo
            .head_blobs(|_, blob| {
                for &at in hits.get(&blob).into_iter().flatten() {
                    if let Some(finding) = findings.get_mut(at) {
                        finding.at_head = true;
                    }
                }
            })
            .map_err(|e| e.to_string())?;
        let paths: BTreeSet<&Vec<u8>> = self.findings.iter().flat_map(|f| &f.paths).collect();
        let mut present = Vec::new();
        for path in paths {
            let Some(on_disk) = self.repo.worktree_path(path) else {
                continue;
            };
            let Ok(crate::load::Loaded::Bytes(bytes)) = crate::load::read_capped(&on_disk) else {
                continue;
            };
            if let Scanned::Tokens(keys) = scan_bytes(self.run, path, bytes) {
                present.extend(keys);
            }
        }
        for key in present {
            if let Some(&at) = self.index.get(&key)
                && let Some(finding) = self.findings.get_mut(at)
            {
                finding.in_worktree = true;
            }
        }
        Ok(())
    }
}

thread_local! {
    /// Each worker's handle on the repository, kept for the whole run so its cache of delta
    /// bases serves every batch (a run scans one repository).
    static READER: std::cell::RefCell<Option<axiom_lint_git::Reader>> =
        const { std::cell::RefCell::new(None) };
}

fn with_reader<T>(repo: &Repository, read: impl FnOnce(&axiom_lint_git::Reader) -> T) -> T {
    READER.with(|slot| {
        let mut slot = slot.borrow_mut();
        read(slot.get_or_insert_with(|| repo.reader()))
    })
}

/// Scans `unread` in pack order, a run of neighbours on each thread, so each blob's delta base
/// was most often the blob read just before it on that thread and sits in its cache; the
/// results come back in `unread`'s order, so findings are numbered as the walk met them.
fn scan_in_pack_order(
    repo: &Repository,
    run: &RunSettings,
    unread: &[(Id, &[u8])],
) -> Vec<Scanned> {
    let mut order: Vec<(axiom_lint_git::Place, usize)> = with_reader(repo, |reader| {
        unread
            .iter()
            .enumerate()
            .map(|(at, (blob, _))| (reader.place(*blob), at))
            .collect()
    });
    order.sort_unstable();
    let chunk = order
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let mut scanned: Vec<(usize, Scanned)> = order
        .par_chunks(chunk)
        .flat_map_iter(|run_of| {
            with_reader(repo, |reader| {
                run_of
                    .iter()
                    .map(|&(_, at)| {
                        let (blob, path) = unread[at];
                        (at, scan_blob(reader, run, blob, path))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    scanned.sort_unstable_by_key(|(at, _)| *at);
    scanned.into_iter().map(|(_, scanned)| scanned).collect()
}

/// Walks the history on its own thread, handing batches of commits to `scanner`, which
/// scans one batch while the walk reads the next. At most two batches wait, so memory does
/// not grow with the history.
fn walk(
    repo: &Repository,
    args: &HistoryArgs,
    since: Option<i64>,
    scanner: &mut Scanner<'_>,
) -> Result<axiom_lint_git::Walked, axiom_lint_git::Error> {
    let (sender, batches) = std::sync::mpsc::sync_channel::<Vec<(Commit, Vec<Item>)>>(2);
    std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            let mut batch = Vec::new();
            let mut unread = 0;
            let walked = repo.walk(&args.revisions, since, |commit, items| {
                unread += items.iter().filter(|item| item.first_seen).count();
                batch.push((*commit, items.to_vec()));
                if unread >= BLOBS_PER_BATCH || batch.len() >= COMMITS_PER_BATCH {
                    unread = 0;
                    // The receiver only stops early on a panic, which is re-raised below.
                    let _ = sender.send(std::mem::take(&mut batch));
                }
            });
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
            walked
        });
        for batch in batches {
            scanner.scan(&batch);
        }
        walker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let colour = crate::use_color(ColorChoice::Auto, true);
    let template = if colour {
        "{spinner:.cyan} scanning history: {pos} commits, {msg} ({per_sec}, {elapsed})"
    } else {
        "{spinner} scanning history: {pos} commits, {msg} ({per_sec}, {elapsed})"
    };
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// A git path as output shows it: lossy when not UTF-8, token-like words hidden.
fn shown(path: &[u8]) -> String {
    axiom_lint::redact_echoed(&String::from_utf8_lossy(path)).into_owned()
}

/// The token scan's format for a path: the comment style its name implies, never a parse of
/// its structure (structure rules judge one version of a file, not its history).
fn blob_format(path: &Path) -> Format {
    match Format::detect(path).map(|detected| detected.format) {
        Some(Format::Text(comments)) => Format::Text(comments),
        Some(Format::Json) => Format::Text(TextComments::None),
        Some(Format::Jsonc) => Format::Text(TextComments::Slash),
        Some(_) => Format::Text(TextComments::Hash),
        None => Format::text(path),
    }
}

fn history_rules(rules: RuleSet) -> RuleSet {
    HISTORY_RULES
        .iter()
        .filter(|rule| rules.contains(**rule))
        .fold(RuleSet::empty(), |set, rule| set.with(*rule))
}

/// Lints a blob's bytes as the text scan would a file at `path`.
fn lint_blob(run: &RunSettings, path: &[u8], bytes: Vec<u8>) -> crate::outcome::Linted {
    let lossy = String::from_utf8_lossy(path);
    let path = Path::new(lossy.as_ref());
    let mut settings = run.for_file(path);
    settings.rules = history_rules(settings.rules);
    crate::load::lint_read(
        &shown(lossy.as_bytes()),
        bytes,
        blob_format(path),
        &settings,
    )
}

fn scan_bytes(run: &RunSettings, path: &[u8], bytes: Vec<u8>) -> Scanned {
    // Most blobs of a history are neither binary nor about Axiom: two vectorised searches
    // settle them before any copy or decoding. The rest go the way `check` takes them.
    if memchr::memchr(0, &bytes).is_some() && !axiom_lint::has_utf16_bom(&bytes) {
        return Scanned::Skipped(BINARY);
    }
    let name = path.rsplit(|byte| *byte == b'/').next().unwrap_or_default();
    if !axiom_lint::prefilter::concerns_axiom(&String::from_utf8_lossy(name), &bytes) {
        return Scanned::Clean;
    }
    let linted = lint_blob(run, path, bytes);
    if let Some(reason) = linted.result.skipped {
        return Scanned::Skipped(reason);
    }
    let mut keys: Vec<(Rule, String)> = linted
        .result
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.rule, value_hash(&linted.source, diagnostic)))
        .collect();
    // One finding per token: a token two rules report (a retired `xait-` prefix is both
    // hardcoded and malformed) is reported by the lower code.
    keys.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    keys.dedup_by(|later, earlier| later.1 == earlier.1);
    if keys.is_empty() {
        Scanned::Clean
    } else {
        Scanned::Tokens(keys)
    }
}

fn scan_blob(reader: &axiom_lint_git::Reader, run: &RunSettings, blob: Id, path: &[u8]) -> Scanned {
    let lossy = String::from_utf8_lossy(path);
    if run.is_excluded(Path::new(lossy.as_ref())) {
        return Scanned::Skipped("excluded by the configuration");
    }
    match reader.read(blob, crate::load::MAX_FILE_BYTES) {
        Ok(Blob::Data(bytes)) => scan_bytes(run, path, bytes),
        Ok(Blob::TooLarge(_)) => Scanned::Skipped(crate::load::TOO_LARGE),
        Ok(Blob::Missing) => Scanned::Missing,
        Err(problem) => Scanned::Failed(problem.to_string()),
    }
}

/// `--since`: a calendar date (midnight UTC) or an RFC 3339 timestamp, in seconds.
fn parse_since(text: &str) -> Result<i64, String> {
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Ok(timestamp.as_second());
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|date| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .map(jiff::Timestamp::as_second)
        .ok_or_else(|| {
            format!(
                "--since `{}`: not a date; write `2024-05-01` or `2024-05-01T12:00:00Z`",
                axiom_lint::redact_echoed(text)
            )
        })
}

fn date(seconds: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn plural(count: u64, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// Runs `axiom-lint history`.
pub(crate) fn run(args: &HistoryArgs) -> ExitCode {
    let run = match RunSettings::resolve(&args.rules, WalkOverrides::default()) {
        Ok(run) => run,
        Err(SettingsError(message)) => return error(&message),
    };
    let since = match args.since.as_deref().map(parse_since).transpose() {
        Ok(since) => since,
        Err(message) => return error(&message),
    };
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let options = ReportOptions {
        format: args.print.format(),
        color: crate::use_color(args.print.color_choice(), stdout_is_terminal),
        width: crate::report_width(stdout_is_terminal),
        statistics: false,
        quiet: true,
    };
    let baseline = match run.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(message) => return error(&message),
    };
    let repo = match Repository::discover(&args.repo) {
        Ok(repo) => repo,
        Err(problem) => {
            return error(&format!("{}: {problem}", crate::shown_path(&args.repo)));
        }
    };

    let mut scanner = Scanner::new(&repo, &run);
    let walked = walk(&repo, args, since, &mut scanner);
    if let Some(bar) = scanner.progress.take() {
        bar.finish_and_clear();
    }
    let walked = match walked {
        Ok(walked) => walked,
        Err(problem) => return error(&problem.to_string()),
    };
    if let Err(problem) = scanner.mark_present() {
        scanner.tally.errors.push(problem);
    }
    notes(&repo, &walked, &scanner.tally);

    let Scanner {
        findings,
        mut tally,
        ..
    } = scanner;
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| finding.first.is_some())
        .collect();
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            f.first
                .as_ref()
                .map(|first| (first.commit.time, first.path.clone()))
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.hash.cmp(&b.hash))
    });

    if let Some(path) = &args.write_baseline {
        let tokens = findings
            .iter()
            .map(|finding| (finding.rule.code(), finding.hash.as_str()));
        return match crate::baseline::write_tokens(path, tokens) {
            Ok(count) => {
                emit::stderr(&format!(
                    "wrote {} to {}\n",
                    plural(count as u64, "token"),
                    crate::shown_path(path)
                ));
                ExitCode::SUCCESS
            }
            Err(message) => error(&message),
        };
    }
    let before_baseline = findings.len();
    if let Some(baseline) = &baseline {
        findings.retain(|finding| !baseline.accepts_token(finding.rule.code(), &finding.hash));
    }
    let tail = output::RunTail {
        accepted: before_baseline - findings.len(),
        ..output::RunTail::default()
    };

    let mut failing = false;
    let mut out = emit::Redacting::new(std::io::stdout().lock());
    let written = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(&mut out);
        let mut reporter = output::Reporter::begin(&mut out, options)?;
        let reader = repo.reader();
        for finding in &findings {
            match report(&reader, &run, finding, &mut reporter)? {
                Some(severity) => failing |= severity >= run.fail_on,
                None => tally.errors.push(format!(
                    "{}: cannot read the blob again",
                    finding
                        .first
                        .as_ref()
                        .map(|f| shown(&f.path))
                        .unwrap_or_default()
                )),
            }
        }
        reporter.set_files(usize::try_from(tally.scanned).unwrap_or(usize::MAX));
        reporter.finish(&tail)?;
        if !args.print.quiet && matches!(options.format, OutputFormat::Full | OutputFormat::Concise)
        {
            out.write_all(summary(&findings, tail.accepted, &walked, &tally).as_bytes())?;
        }
        out.flush()
    })()
    .and_then(|()| out.flush());
    if let Err(problem) = written
        && problem.kind() != std::io::ErrorKind::BrokenPipe
    {
        tally
            .errors
            .push(format!("cannot write the report: {problem}"));
    }
    if !tally.errors.is_empty() {
        return crate::report_errors(&tally.errors);
    }
    if failing && !args.rules.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Notes on standard error for what was not scanned, whatever the output format.
fn notes(repo: &Repository, walked: &axiom_lint_git::Walked, tally: &Tally) {
    if repo.is_shallow() {
        emit::stderr(
            "note: the clone is shallow: history before its oldest commits was not scanned; `git fetch --unshallow` fetches it\n",
        );
    }
    if tally.missing > 0 {
        emit::stderr(&format!(
            "note: {} missing from this clone (a partial clone): skipped, not scanned\n",
            plural(tally.missing, "blob")
        ));
    }
    if walked.missing_objects > 0 {
        emit::stderr(&format!(
            "note: {} missing from this clone: skipped\n",
            plural(walked.missing_objects, "tree or commit")
        ));
    }
    if walked.submodules > 0 {
        emit::stderr(&format!(
            "note: {} not followed: scan each submodule's repository on its own\n",
            plural(walked.submodules, "submodule change")
        ));
    }
}

/// Reports one finding, from a fresh scan of the blob that first held it, so the rendering
/// is exactly `check`'s; returns its severity, or `None` when the blob cannot be read again.
fn report(
    reader: &axiom_lint_git::Reader,
    run: &RunSettings,
    finding: &Finding,
    reporter: &mut output::Reporter<'_>,
) -> std::io::Result<Option<axiom_lint::Severity>> {
    let Some(first) = &finding.first else {
        return Ok(None);
    };
    let Ok(Blob::Data(bytes)) = reader.read(first.blob, crate::load::MAX_FILE_BYTES) else {
        return Ok(None);
    };
    let linted = lint_blob(run, &first.path, bytes);
    let Some(at) = linted.result.diagnostics.iter().position(|diagnostic| {
        diagnostic.rule == finding.rule && value_hash(&linted.source, diagnostic) == finding.hash
    }) else {
        return Ok(None);
    };
    let mut diagnostic = linted.result.diagnostics[at].clone();
    let when = date(first.commit.time);
    let short = first.commit.id.to_hex_with_len(10).to_string();
    let place = match (finding.at_head, finding.in_worktree) {
        (true, true) => "still at HEAD and in the work tree",
        (true, false) => "still at HEAD (not in the work tree)",
        (false, true) => "no longer at HEAD, but still in the work tree",
        (false, false) => "no longer at HEAD nor in the work tree",
    };
    diagnostic.message = format!(
        "{}, first committed in {short} on {}, added by {} at {}; {place}",
        diagnostic.message,
        when.strftime("%Y-%m-%d"),
        plural(finding.commits, "commit"),
        plural(finding.paths.len() as u64, "path"),
    );
    diagnostic.help = Some(ROTATE.to_owned());
    diagnostic.fix = None;
    let severity = diagnostic.severity;
    let line = axiom_lint::line_index::LineIndex::new(&linted.source.text)
        .position(&linted.source.text, diagnostic.span.start)
        .line;
    let path = shown(&first.path);
    let history = serde_json::json!({
        "token_hash": finding.hash,
        "first_commit": {
            "id": first.commit.id.to_string(),
            "date": when.to_string(),
            "path": path,
            "line": line,
        },
        "commits": finding.commits,
        "paths": finding.paths.iter().map(|p| shown(p)).collect::<Vec<_>>(),
        "at_head": finding.at_head,
        "in_worktree": finding.in_worktree,
    });
    let elsewhere: Vec<(String, String)> = finding
        .paths
        .iter()
        .filter(|other| **other != first.path)
        .take(MAX_RELATED)
        .map(|other| {
            (
                shown(other),
                "the same token was committed at this path too".to_owned(),
            )
        })
        .collect();
    let result = LintResult {
        diagnostics: vec![diagnostic],
        secrets: linted.result.secrets,
        skipped: None,
    };
    reporter.annotated_file(
        &FileReport {
            source: &linted.source,
            result: &result,
            path: &path,
        },
        Annotation {
            history: Some(&history),
            elsewhere: &elsewhere,
        },
    )?;
    Ok(Some(severity))
}

/// The closing lines of a text report.
fn summary(
    findings: &[Finding],
    accepted: usize,
    walked: &axiom_lint_git::Walked,
    tally: &Tally,
) -> String {
    let scanned = format!(
        "{} and {} scanned",
        plural(walked.commits, "commit"),
        plural(tally.scanned, "blob")
    );
    let mut out = if findings.is_empty() && accepted > 0 {
        // Accepted tokens are still in the history: not "no tokens".
        format!("No new tokens in the history: {scanned}.\n")
    } else if findings.is_empty() {
        format!("No tokens in the history: {scanned}.\n")
    } else {
        format!(
            "Found {} in the history ({scanned}). Rotate each one in Axiom: rewriting history does not revoke a token.\n",
            plural(findings.len() as u64, "token")
        )
    };
    let mut skipped: Vec<String> = tally
        .skipped
        .iter()
        .map(|(reason, count)| format!("{count} skipped: {reason}"))
        .collect();
    if tally.missing > 0 {
        skipped.push(format!("{} missing (partial clone)", tally.missing));
    }
    if walked.submodules > 0 {
        skipped.push(format!(
            "{} not followed",
            plural(walked.submodules, "submodule change")
        ));
    }
    if !skipped.is_empty() {
        out.push_str(&skipped.join("; "));
        out.push_str(".\n");
    }
    if accepted > 0 {
        out.push_str(&format!(
            "{} accepted by the baseline, not shown.\n",
            plural(accepted as u64, "token")
        ));
    }
    out
}
