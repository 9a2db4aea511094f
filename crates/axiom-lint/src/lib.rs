//! The axiom-lint engine: spanned source trees, dialect recognisers, credential sites, rules
//! and diagnostics.
//!
//! Data flows one way: [`source`] → `parse` → `dialect` → [`site`] → `rules` →
//! [`diagnostic`] → [`render`]. [`lint`] runs the stages for one file.

pub mod diagnostic;
mod dialect;
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
pub mod tree;

use std::ops::Range;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use registry::Rule;
pub use schema::credentials_schema;
pub use settings::Settings;
pub use source::{Format, SourceFile};

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
    let host_findings = rules::endpoint::host_findings(&recognised.sites, settings);
    let context = rules::Context {
        source,
        tree,
        parse_error,
        sites: &recognised.sites,
        native_credentials: recognised.native_credentials,
        settings,
        host_findings,
    };
    let mut diagnostics = Vec::new();
    registry::run_all(&context, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    LintResult {
        diagnostics,
        secrets: redact::secret_spans(&source.text, &recognised.sites),
    }
}
