//! `axiom-lint check`, the default command: discover the inputs, lint them in parallel, and
//! stream the report, or buffer it where `--fix`, `--diff` or `--write-baseline` needs every
//! file first; then exit 0, 1 or 2.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use axiom_lint::Diagnostic;
use axiom_lint::render::FileReport;
use rayon::prelude::*;

use crate::args::{CheckArgs, OutputFormat};
use crate::baseline::Baseline;
use crate::discover::Candidate;
use crate::emit::{error, print};
use crate::input::{Stdin, StdinError};
use crate::load::{Loaded, lint_read, read_capped};
use crate::outcome::{Linted, Outcome};
use crate::settings::{RunSettings, WalkOverrides};
use crate::{baseline, discover, emit, fix, input, output, settings, show_settings};
use crate::{display_path, report_errors, report_width, shown_path, use_color};

fn fixing(args: &CheckArgs) -> bool {
    (args.fix || args.unsafe_fixes) && !args.diff
}

/// Runs `axiom-lint check`.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    // Read before anything can fail: with `--fix -`, dropping it gives the content back on
    // whatever path the run ends.
    // `--show-settings` reads no input, except that `--fix -` must still give its buffer back.
    let mut stdin = (input::requested(args) && (!args.show_settings || fixing(args)))
        .then(|| Stdin::read(fixing(args)));
    let run = match RunSettings::resolve(&args.rules, WalkOverrides::of(args)) {
        Ok(run) => run,
        Err(settings::SettingsError(message)) => return error(&message),
    };
    if args.show_settings {
        let settings = show_settings::render(&run, args);
        if stdin.is_some() {
            // Standard output is the buffer's, given back when `stdin` is dropped.
            emit::stderr(&settings);
            return ExitCode::SUCCESS;
        }
        return print(&settings);
    }
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let options = output::ReportOptions {
        format: args.print.format(),
        color: use_color(args.print.color_choice(), stdout_is_terminal),
        width: report_width(stdout_is_terminal),
        statistics: args.statistics,
        quiet: args.print.quiet,
    };
    if let Err(message) = output::check_options(&options) {
        return error(&message);
    }
    if !(args.diff || fixing(args) || args.write_baseline.is_some()) {
        return check_streaming(args, &run, options, stdin.as_ref());
    }
    let outcomes = match lint_paths(args, &run, stdin.as_ref()) {
        Ok(outcomes) => outcomes,
        Err(StdinError::Read(message)) => return error(&message),
        Err(StdinError::TooLarge) => return error(STDIN_TOO_LARGE),
    };
    // The one place notes and read errors are reported from.
    let mut linted = Vec::new();
    let mut read_errors = Vec::new();
    let mut tail = output::RunTail::default();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(file) => {
                tail.count_linted(&file.source);
                linted.push(*file);
            }
            Outcome::PassedOver { reason, .. } => tail.count_passed_over(reason),
            Outcome::Skipped { path, reason } => {
                let path = axiom_lint::render::inert(&path);
                emit::stderr(&format!("note: {path}: skipped, {reason}\n"));
                *tail.skipped.entry(reason).or_default() += 1;
            }
            Outcome::Failed { path, message } if path.is_empty() => {
                read_errors.push(axiom_lint::render::inert(&message).into_owned());
            }
            Outcome::Failed { path, message } => {
                read_errors.push(format!(
                    "{}: {}",
                    axiom_lint::render::inert(&path),
                    axiom_lint::render::inert(&message)
                ));
            }
        }
    }

    if let Some(path) = &args.write_baseline {
        let findings = linted
            .iter()
            .flat_map(|f| f.result.diagnostics.iter().map(move |d| (&f.source, d)));
        return match baseline::write(&run, path, findings) {
            Ok(count) => {
                emit::stderr(&format!(
                    "wrote {count} finding{} to {}\n",
                    if count == 1 { "" } else { "s" },
                    shown_path(path)
                ));
                if read_errors.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    report_errors(&read_errors)
                }
            }
            Err(message) => error(&message),
        };
    }
    // Accepted findings are neither reported nor fixed.
    let baseline = match run.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(message) => return error(&message),
    };
    if let Some(baseline) = &baseline {
        for file in &mut linted {
            tail.accepted +=
                baseline.remove_accepted(&run, &file.source, &mut file.result.diagnostics);
        }
    }

    if args.diff {
        return print_diffs(&linted, args, &run, &read_errors);
    }
    if fixing(args) {
        apply_fixes(
            &mut linted,
            args,
            &run,
            baseline.as_ref(),
            stdin.as_mut(),
            &mut read_errors,
        );
    }

    tail.errors = read_errors.len();
    // With `--fix -`, standard output carries the fixed text; the report goes beside it.
    let written = if fixing(args) && stdin.is_some() {
        let mut out = emit::Redacting::new(std::io::stderr().lock());
        report(&linted, &run, options, &tail, &mut out)
    } else {
        let mut out = emit::Redacting::new(std::io::stdout().lock());
        report(&linted, &run, options, &tail, &mut out)
    };
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        read_errors.push(format!("cannot write the report: {error}"));
    }

    if !read_errors.is_empty() {
        return report_errors(&read_errors);
    }
    let failing = linted
        .iter()
        .flat_map(|file| &file.result.diagnostics)
        .any(|d: &Diagnostic| d.severity >= run.fail_on);
    if failing && !args.rules.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Standard input over the size cap: with `--fix -` the input still goes back unchanged.
const STDIN_TOO_LARGE: &str = "standard input: larger than 10 MiB; not linted";

/// `--diff`: what `--fix` would change, drawn from masked copies so no token is shown; exit 1
/// when it would change anything.
fn print_diffs(
    linted: &[Linted],
    args: &CheckArgs,
    run: &RunSettings,
    errors: &[String],
) -> ExitCode {
    let mut out = String::new();
    for file in linted.iter().filter(|file| !file.lossy) {
        let settings = run.for_file(Path::new(&file.source.path));
        let Some(plan) = axiom_lint::fix::plan(&file.result, args.unsafe_fixes, |_| true) else {
            continue;
        };
        if plan.fixed_text(&file.source, &settings).is_none() {
            continue;
        }
        let masked = file.result.masked_text(&file.source.text);
        out.push_str(&fix::diff(&file.source.path, &masked, &plan.apply(&masked)));
    }
    let changed = !out.is_empty();
    print(&out);
    if !errors.is_empty() {
        return report_errors(errors);
    }
    if changed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--fix`: writes fixed files and re-lints them so the report shows what is left. With `-`,
/// the whole content goes to standard output, fixed or not.
fn apply_fixes(
    linted: &mut [Linted],
    args: &CheckArgs,
    run: &RunSettings,
    baseline: Option<&Baseline>,
    mut stdin: Option<&mut Stdin>,
    errors: &mut Vec<String>,
) {
    let mut total = 0;
    for file in linted.iter_mut() {
        let settings = run.for_file(Path::new(&file.source.path));
        let fixed = if file.lossy {
            None
        } else {
            axiom_lint::fix::plan(&file.result, args.unsafe_fixes, |_| true).and_then(|plan| {
                plan.fixed_text(&file.source, &settings)
                    .map(|text| (text, plan.fixed))
            })
        };
        // Standard input that is not fixed goes back as read, when `stdin` is dropped.
        let Some((after, count)) = fixed else {
            continue;
        };
        match &file.disk_path {
            None => {
                if let Some(stdin) = stdin.as_deref_mut() {
                    stdin.deliver(after.as_bytes());
                }
            }
            Some(path) => {
                if let Err(problem) =
                    fix::write_file(path, file.source.text.as_bytes(), after.as_bytes())
                {
                    errors.push(format!(
                        "{}: {}",
                        axiom_lint::render::inert(&file.source.path),
                        axiom_lint::render::inert(&problem.to_string())
                    ));
                    continue;
                }
            }
        }
        total += count;
        file.source.text = after;
        file.result = axiom_lint::lint(&file.source, &settings);
        // Counted once, before fixing.
        if let Some(baseline) = baseline {
            baseline.remove_accepted(run, &file.source, &mut file.result.diagnostics);
        }
    }
    if total > 0 {
        emit::stderr(&format!(
            "fixed {total} problem{}\n",
            if total == 1 { "" } else { "s" }
        ));
    }
}

/// Discovers and lints every input, in parallel, and returns one outcome per input: standard
/// input first, then discovery's own findings, then files sorted by path.
fn lint_paths(
    args: &CheckArgs,
    run: &RunSettings,
    stdin: Option<&Stdin>,
) -> Result<Vec<Outcome>, StdinError> {
    let (mut outcomes, candidates) = inputs(args, run, stdin)?;
    let mut linted: Vec<Outcome> = candidates
        .par_iter()
        .map(|candidate| lint_candidate(candidate, run))
        .collect();
    linted.sort_by(|a, b| a.path().cmp(b.path()));
    outcomes.extend(linted);
    Ok(outcomes)
}

/// Files linted at once before their findings are reported: enough to keep every thread busy,
/// few enough that memory does not grow with the tree.
const FILES_PER_BATCH: usize = 128;

/// What a streamed run has seen so far.
#[derive(Default)]
struct Progress {
    tail: output::RunTail,
    read_errors: Vec<String>,
    failing: bool,
}

/// A run that only reports: files are linted a batch at a time, in path order, and each file's
/// text and findings are dropped as soon as they are rendered, so memory stays flat however
/// large the tree. (`--fix`, `--diff` and `--write-baseline` need every file at once.)
fn check_streaming(
    args: &CheckArgs,
    run: &RunSettings,
    options: output::ReportOptions,
    stdin: Option<&Stdin>,
) -> ExitCode {
    let baseline = match run.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(message) => return error(&message),
    };
    let (first, candidates) = match inputs(args, run, stdin) {
        Ok(found) => found,
        Err(StdinError::Read(message)) => return error(&message),
        Err(StdinError::TooLarge) => return error(STDIN_TOO_LARGE),
    };
    let mut out = emit::Redacting::new(std::io::stdout().lock());
    let mut progress = Progress::default();
    let written = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(&mut out);
        let mut reporter = output::Reporter::begin(&mut out, options)?;
        let mut report_outcome = |outcome: Outcome| -> std::io::Result<()> {
            let Some(mut file) = note_outcome(outcome, &mut progress) else {
                return Ok(());
            };
            if let Some(baseline) = &baseline {
                progress.tail.accepted +=
                    baseline.remove_accepted(run, &file.source, &mut file.result.diagnostics);
            }
            progress.failing |= file
                .result
                .diagnostics
                .iter()
                .any(|d| d.severity >= run.fail_on);
            let path = report_path(run, options.format, &file.source.path);
            reporter.file(&FileReport {
                source: &file.source,
                result: &file.result,
                path: &path,
            })
        };
        for outcome in first {
            report_outcome(outcome)?;
        }
        let lint_batch = |batch: &[Candidate]| -> Vec<Outcome> {
            batch
                .par_iter()
                .map(|candidate| lint_candidate(candidate, run))
                .collect()
        };
        if rayon::current_num_threads() < 2 {
            for batch in candidates.chunks(FILES_PER_BATCH) {
                for outcome in lint_batch(batch) {
                    report_outcome(outcome)?;
                }
            }
        } else {
            // With threads to spare, the next batch is linted while this thread reports the
            // last one (in order), so reporting is not a pause for every worker. At most two
            // batches are held at once.
            std::thread::scope(|scope| -> std::io::Result<()> {
                let mut reported: Vec<Outcome> = Vec::new();
                for batch in candidates.chunks(FILES_PER_BATCH) {
                    let linting = scope.spawn(|| lint_batch(batch));
                    for outcome in reported.drain(..) {
                        report_outcome(outcome)?;
                    }
                    reported = linting
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                }
                reported.into_iter().try_for_each(&mut report_outcome)
            })?;
        }
        progress.tail.errors = progress.read_errors.len();
        reporter.finish(&progress.tail)?;
        out.flush()
    })()
    .and_then(|()| out.flush());
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        progress
            .read_errors
            .push(format!("cannot write the report: {error}"));
    }
    if !progress.read_errors.is_empty() {
        return report_errors(&progress.read_errors);
    }
    if progress.failing && !args.rules.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints a note for a skipped input and records a failed one; hands back a linted file.
fn note_outcome(outcome: Outcome, progress: &mut Progress) -> Option<Linted> {
    match outcome {
        Outcome::Linted(file) => {
            progress.tail.count_linted(&file.source);
            return Some(*file);
        }
        Outcome::PassedOver { reason, .. } => progress.tail.count_passed_over(reason),
        // Names and messages come from outside (a file may be named after a workflow
        // command): made inert as the other pipeline makes them.
        Outcome::Skipped { path, reason } => {
            let path = axiom_lint::render::inert(&path);
            emit::stderr(&format!("note: {path}: skipped, {reason}\n"));
            *progress.tail.skipped.entry(reason).or_default() += 1;
        }
        Outcome::Failed { path, message } if path.is_empty() => progress
            .read_errors
            .push(axiom_lint::render::inert(&message).into_owned()),
        Outcome::Failed { path, message } => {
            progress.read_errors.push(format!(
                "{}: {}",
                axiom_lint::render::inert(&path),
                axiom_lint::render::inert(&message)
            ));
        }
    }
    None
}

/// The path a report shows: SARIF and GitHub resolve paths against the checkout, not where
/// the linter ran.
fn report_path(run: &RunSettings, format: OutputFormat, shown: &str) -> String {
    match format {
        OutputFormat::Sarif | OutputFormat::Github => run.repository_path(Path::new(shown)),
        _ => shown.to_owned(),
    }
}

/// Standard input (linted at once) and discovery's own outcomes, then the files to lint in the
/// order they are reported: by the path users see.
fn inputs(
    args: &CheckArgs,
    run: &RunSettings,
    stdin: Option<&Stdin>,
) -> Result<(Vec<Outcome>, Vec<Candidate>), StdinError> {
    // `--stdin-filename` alone means the content comes on standard input, as in ruff.
    let paths: Vec<PathBuf> = if args.paths.is_empty() && args.stdin_filename.is_some() {
        vec![PathBuf::from("-")]
    } else if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut outcomes = Vec::new();
    if let Some(stdin) = stdin
        && let Some(file) = input::lint(args, run, stdin)?
    {
        outcomes.push(Outcome::Linted(Box::new(file)));
    }
    let file_paths: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
    let discovered = discover::discover(&file_paths, run, run.force_exclude);
    outcomes.extend(discovered.outcomes);
    let mut candidates = discovered.files;
    // The baseline is the run's own record, not a file to check (nor count as checked).
    if let Some(baseline) = &run.baseline {
        candidates.retain(|candidate| !baseline::is_same_file(baseline, &candidate.path));
    }
    candidates.sort_by_cached_key(|candidate| display_path(&candidate.path));
    Ok((outcomes, candidates))
}

fn report(
    linted: &[Linted],
    run: &RunSettings,
    options: output::ReportOptions,
    tail: &output::RunTail,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    let mut reporter = output::Reporter::begin(&mut out, options)?;
    for file in linted {
        // SARIF and GitHub resolve paths against the checkout, not where the linter ran.
        let path = match options.format {
            OutputFormat::Sarif | OutputFormat::Github => {
                run.repository_path(Path::new(&file.source.path))
            }
            _ => file.source.path.clone(),
        };
        reporter.file(&FileReport {
            source: &file.source,
            result: &file.result,
            path: &path,
        })?;
    }
    reporter.finish(tail)?;
    out.flush()
}

/// Whether to colour the report: `--color`, else the conventions of `NO_COLOR` (never),
/// `FORCE_COLOR` and `CLICOLOR_FORCE` (always, even through a pipe), else a terminal.
fn lint_candidate(candidate: &Candidate, run: &RunSettings) -> Outcome {
    let path = display_path(&candidate.path);
    match read_capped(&candidate.path) {
        Ok(Loaded::Bytes(bytes)) => {
            if candidate.walked
                && matches!(candidate.format, axiom_lint::Format::Text(_))
                && let Some(reason) = axiom_lint::pass_over::by_content(&candidate.path, &bytes)
            {
                return Outcome::PassedOver { path, reason };
            }
            let mut file = lint_read(
                &path,
                bytes,
                candidate.format,
                &run.for_file(&candidate.path),
            );
            file.disk_path = Some(candidate.path.clone());
            match file.result.skipped {
                Some(reason) => Outcome::Skipped {
                    path,
                    reason: reason.to_owned(),
                },
                None => Outcome::Linted(Box::new(file)),
            }
        }
        Ok(Loaded::Skipped(reason)) => Outcome::Skipped {
            path,
            reason: reason.to_owned(),
        },
        Err(error) => Outcome::Failed {
            path,
            message: error.to_string(),
        },
    }
}
