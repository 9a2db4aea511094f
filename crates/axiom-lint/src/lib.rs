//! The axiom-lint engine: spanned source trees, dialect recognisers, credential sites, rules
//! and diagnostics.
//!
//! Data flows one way: [`source`] → `parse` → `dialect` → [`site`] → `rules` →
//! [`diagnostic`] → [`render`]. [`lint`] runs the stages for one file.

pub mod config;
pub mod diagnostic;
mod dialect;
pub mod fingerprint;
pub mod line_index;
mod parse;
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

use std::ops::Range;

pub use config::config_schema;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use registry::Rule;
pub use schema::credentials_schema;
pub use settings::{RuleSet, Settings};
pub use source::{Format, SourceFile};

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
}

impl LintResult {
    /// A copy of `text` with every secret masked by `*`, byte for byte, so spans still match.
    pub fn masked_text(&self, text: &str) -> String {
        redact::mask(text, &self.secrets)
    }
}

/// Lints one file: parse, recognise, run every rule.
pub fn lint(source: &SourceFile, settings: &Settings) -> LintResult {
    let parsed = parse::parse(source);
    let (tree, parse_error) = match &parsed {
        Ok(tree) => (Some(tree), None),
        Err(error) => (None, Some(error)),
    };
    let recognised = tree
        .map(|tree| dialect::recognise(source, tree))
        .unwrap_or_default();
    let index = line_index::LineIndex::new(&source.text);
    let suppressions = suppress::parse(source, &index);
    let host_findings = rules::endpoint::host_findings(&recognised.sites, settings);
    let token_uses = rules::token::token_uses(&recognised.sites, &settings.edges);
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
    };
    let mut diagnostics = Vec::new();
    registry::run_all(&context, &mut diagnostics);
    diagnostics.retain(|diagnostic| settings.rules.contains(diagnostic.rule));
    let used = suppress::apply(source, &index, &suppressions, &mut diagnostics);
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
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    LintResult {
        diagnostics,
        secrets: redact::secret_spans(&source.text, &recognised.sites),
    }
}
