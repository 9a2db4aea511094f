//! The axiom-lint engine: spanned source trees, dialect recognisers, credential sites, rules
//! and diagnostics.
//!
//! Data flows one way: [`source`] → `parse` → `dialect` → [`site`] → `rules` →
//! [`diagnostic`] → `suppress` → `redact` → [`render`]. [`lint`] runs the stages for one file;
//! discovery, selection by path, baselines and output live in the `axiom-lint` command.

mod by_content;
pub mod config;
pub mod diagnostic;
mod dialect;
pub mod fingerprint;
pub mod fix;
pub mod line_index;
mod parse;
pub mod pass_over;
pub mod prefilter;
mod redact;
mod registry;
pub mod render;
mod rules;
mod schema;
pub mod settings;
pub mod site;
pub mod source;
mod suppress;
pub mod tree;

#[cfg(any(test, feature = "counters"))]
#[doc(hidden)]
pub mod counters;

use std::ops::Range;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label};
/// The README's list of the dialects axiom-lint understands (for `cargo xtask codegen`).
pub use dialect::readme_list as dialects_readme_list;
pub use parse::TEXT_SCAN_DOCS;
pub use redact::{redact, redact_echoed, text_secret_spans};
pub use registry::{Rule, Severity};
pub use schema::{
    CONFIG_SCHEMA_FILE_NAME, DEFAULT_SCHEMA_BASE_URL, config_schema, credentials_schema,
    schema_catalog,
};
pub use settings::{RuleSet, Settings};
pub use source::{Format, SourceFile, TextComments, has_utf16_bom};
pub use suppress::{suppression_anchor, suppression_comment};

/// `axiom.co`, for byte-level prefilters.
const AXIOM_DOMAIN_BYTES: &[u8] = axiom_lint_core::AXIOM_DOMAIN.as_bytes();

/// What linting one file produced.
#[derive(Debug, Clone, Default)]
pub struct LintResult {
    /// Findings, sorted by position then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Byte ranges of secret material (token bodies, literal token values) to mask in any
    /// rendering of the source.
    pub secrets: Vec<Range<usize>>,
    /// Why the file was not linted, when it was skipped (a SOPS-encrypted file).
    pub skipped: Option<&'static str>,
}

impl LintResult {
    /// A copy of `text` with every secret masked by `*`, byte for byte, so spans still match.
    pub fn masked_text(&self, text: &str) -> String {
        #[cfg(any(test, feature = "counters"))]
        counters::source_copy();
        redact::mask(text, &self.secrets)
    }
}

/// A file read from bytes and linted.
#[derive(Debug, Clone)]
pub struct LintedBytes {
    /// The file as text (decoded from UTF-16, or converted lossily when not UTF-8).
    pub source: SourceFile,
    /// What linting found.
    pub result: LintResult,
    /// Whether the text is exactly the file's bytes, so a fix may be written back.
    pub lossless: bool,
}

/// Loads and lints a file's bytes: UTF-16 is decoded and linted; text that is not UTF-8 is a
/// parse error at its first bad byte and the rest is linted from a lossy copy (whose damaged
/// words are masked like tokens).
pub fn lint_bytes(path: &str, bytes: Vec<u8>, format: Format, settings: &Settings) -> LintedBytes {
    let decoded = source::decode(bytes);
    // The name decided the format; the few contents that say otherwise are decided in one place.
    let format = by_content::refine(format, std::path::Path::new(path), &decoded.text);
    let source = SourceFile::new(path, decoded.text, format);
    let not_utf8 = decoded.invalid_at.map(|offset| {
        Diagnostic::new(
            Rule::ParseError,
            offset..offset,
            "the file is not UTF-8 text",
        )
        .with_label("invalid UTF-8 here")
        .with_severity(Severity::Error)
        .with_help(
            "axiom-lint reads UTF-8 (and UTF-16 with a byte-order mark); re-save the file as UTF-8",
        )
    });
    // Like any other file, one that cannot concern Axiom gets no finding at all.
    let result = if prefilter::concerns_axiom(source.file_name(), source.text.as_bytes()) {
        lint_parsed(&source, settings, not_utf8)
    } else {
        LintResult::default()
    };
    LintedBytes {
        source,
        result,
        lossless: decoded.lossless,
    }
}

/// Lints one file: parse, recognise, run every rule. A file that cannot concern Axiom
/// ([`prefilter::concerns_axiom`]) is not parsed: nothing could be found in it.
pub fn lint(source: &SourceFile, settings: &Settings) -> LintResult {
    if !prefilter::concerns_axiom(source.file_name(), source.text.as_bytes()) {
        return LintResult::default();
    }
    lint_unfiltered(source, settings)
}

/// Parses a file into its spanned tree and nothing more: the floor `cargo xtask bench`
/// compares linting against ("what do dialects and rules cost beyond parsing").
#[doc(hidden)]
pub fn parse_only(source: &SourceFile) -> bool {
    parse::parse(source).is_ok()
}

/// The spanned tree of a file, or `None` when it does not parse. Exists for the test-support
/// crate (`axiom-lint-testing`), whose leak check looks for tokens in every unescaped string
/// and key; the parsers themselves stay private.
#[doc(hidden)]
pub fn parse_tree(source: &SourceFile) -> Option<tree::Node<'_>> {
    parse::parse(source).ok()
}

/// The findings a configuration file's text makes when loading it fails, as the command
/// renders them. Exists for the test-support crate (`axiom-lint-testing`), whose leak check
/// feeds any bytes in as `axiom-lint.toml`.
#[doc(hidden)]
pub fn config_errors(path: &str, text: &str) -> Option<Vec<Diagnostic>> {
    settings::load_config(path, text).err()
}

/// `text` with its line continuations removed (as TOML `"""` and YAML double-quoted strings
/// read it), and a map from a range of that back to `text`; `None` when it has none. Exists for
/// the test-support crate (`axiom-lint-testing`), whose leak check must see tokens split across
/// lines as the redaction does.
#[doc(hidden)]
pub fn joined_continuations(text: &str) -> Option<(String, impl Fn(Range<usize>) -> Range<usize>)> {
    let joined = redact::Joined::new(text)?;
    Some((joined.text.clone(), move |range: Range<usize>| {
        joined.original(range.start)..joined.original_end(range.end)
    }))
}

/// [`lint`] without the prefilter, so a test can show the prefilter changes no output.
#[doc(hidden)]
pub fn lint_unfiltered(source: &SourceFile, settings: &Settings) -> LintResult {
    lint_parsed(source, settings, None)
}

/// Every stage after the prefilter; `first` (a finding made while loading) goes before the
/// rest, whatever the rule selection.
fn lint_parsed(source: &SourceFile, settings: &Settings, first: Option<Diagnostic>) -> LintResult {
    let parsed = parse::parse(source);
    // After a parse error, a lenient reading (JSON with comments) still feeds the credential
    // rules; AXL001 reports the error all the same.
    let tolerant = parsed
        .is_err()
        .then(|| parse::parse_tolerant(source))
        .flatten();
    let tree = parsed.as_ref().ok().or(tolerant.as_ref());
    let parse_error = parsed.as_ref().err();
    // The sites' lists live in an arena dropped with the file.
    let arena = bumpalo::Bump::new();
    // SOPS may encrypt only some values (`encrypted_regex`); the plaintext beside them is
    // linted like any other, and only the ciphertext is left alone. Both this and the
    // recognisers ask the root for names one `get` at a time: a large root (a flat file of many
    // keys) is looked up through a directory rather than scanned each time.
    let (encrypted, recognised) = tree
        .map(|tree| {
            // A text file's flat table of URLs is read in order, never looked up by name.
            let flat = source.format.syntax().is_flat();
            let roots = tree
                .documents()
                .iter()
                .filter(|_| !flat)
                .map(tree::Node::entries);
            tree::with_directories(roots, || {
                let encrypted = sops_ciphertext(tree);
                (
                    encrypted,
                    dialect::recognise(source, tree, settings, &arena),
                )
            })
        })
        .unwrap_or_default();
    // Only files with comments that mention the marker can hold a suppression; most do not.
    let may_suppress = source.format.syntax().comment_prefix().is_some()
        && suppress::mentions_marker(&source.text);
    let index = may_suppress.then(|| line_index::LineIndex::new(&source.text));
    let strings: Vec<Range<usize>> = tree
        .filter(|_| may_suppress)
        .map(suppress::string_spans)
        .unwrap_or_default();
    let suppressions = index
        .as_ref()
        .map(|index| suppress::parse(source, index, &strings))
        .unwrap_or_default();
    let host_findings = rules::endpoint::host_findings(&recognised.sites, settings);
    let token_uses = rules::token::token_uses(&source.text, &recognised.sites, &settings.edges);
    // The rules and the masking all ask where the text writes a token prefix: one pass answers.
    let prefix_scan = axiom_lint_core::PrefixScan::new(&source.text);
    // A file no parser could read has no decoded strings: a token split by a line
    // continuation is found in its raw text read as one line.
    let split_tokens = match tree {
        Some(_) => Vec::new(),
        None => redact::split_tokens(&source.text),
    };
    let hidden_tokens = match tree {
        Some(tree) => redact::hidden_tokens(&source.text, &prefix_scan, tree),
        None => split_tokens
            .iter()
            .map(|(span, token)| (span.clone(), token.as_str()))
            .collect(),
    };
    let context = rules::Context {
        source,
        tree,
        parse_error,
        sites: &recognised.sites,
        native_credentials: recognised.native_credentials,
        settings,
        suppressions: &suppressions,
        token_uses,
        host_findings,
        hidden_tokens: &hidden_tokens,
        prefix_scan: &prefix_scan,
    };
    let mut diagnostics = Vec::new();
    rules::run_all(&context, &mut diagnostics);
    diagnostics.retain(|diagnostic| {
        settings.rules.contains(diagnostic.rule)
            && !encrypted
                .iter()
                .any(|span| span.contains(&diagnostic.span.start))
    });
    let used = match &index {
        Some(index) => suppress::apply(source, index, &suppressions, &strings, &mut diagnostics),
        None => Vec::new(),
    };
    if settings.rules.contains(Rule::UnusedSuppression) {
        for (suppression, used) in suppressions.iter().zip(used) {
            // A suppression of a rule that is switched off could not have matched anything.
            let all_enabled = suppression
                .rules
                .iter()
                .all(|rule| settings.rules.contains(*rule));
            if !used && suppression.is_valid() && all_enabled {
                diagnostics.push(rules::syntax::unused_suppression::unused(suppression));
            }
        }
    }
    if let Some(tree) = tree.filter(|_| !source.format.syntax().is_flat()) {
        let mut missing: Vec<&mut Diagnostic> = diagnostics
            .iter_mut()
            .filter(|d| d.pointer.is_none())
            .collect();
        if !missing.is_empty() {
            let offsets: Vec<usize> = missing.iter().map(|d| d.span.start).collect();
            for (diagnostic, pointer) in missing.iter_mut().zip(tree.pointers_at(&offsets)) {
                diagnostic.pointer = pointer;
            }
        }
    }
    diagnostics.iter_mut().for_each(redact::scrub);
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    diagnostics.splice(0..0, first);
    // Secrets only matter to a rendering of the source, and a file without findings is never
    // rendered: most files are clean, and finding every secret costs a scan of the text.
    let secrets = if diagnostics.is_empty() {
        Vec::new()
    } else {
        redact::secret_spans(
            &source.text,
            &prefix_scan,
            &hidden_tokens,
            &recognised.sites,
            &context.token_uses,
        )
    };
    LintResult {
        diagnostics,
        secrets,
        skipped: None,
    }
}

/// The spans of a SOPS file's `ENC[…]` values: ciphertext that would only look like literals
/// to the rules. Empty for a file without `sops` metadata: a `sops` table (JSON, YAML, and TOML
/// read as what SOPS wrote) or, in a dotenv file, which has no tables, SOPS's flat
/// `sops_mac` / `sops_version` keys.
fn sops_ciphertext(root: &tree::Node<'_>) -> Vec<Range<usize>> {
    let has_metadata = root
        .get("sops")
        .is_some_and(|sops| sops.get("mac").is_some() || sops.get("version").is_some())
        || root.get("sops_mac").is_some()
        || root.get("sops_version").is_some();
    if !has_metadata {
        return Vec::new();
    }
    root.descendants()
        .filter(|node| node.as_str().is_some_and(|s| s.starts_with("ENC[")))
        .map(|node| node.span.clone())
        .collect()
}
