//! AXL004 unused-suppression: an inline ignore comment that matches nothing or is malformed.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::suppress::Suppression;

rule_docs! {
    /// ## What it does
    /// Reports an inline suppression (`# axiom-lint: ignore[CODE] reason` in TOML and YAML, or
    /// `//` in JSONC)
    /// that suppresses nothing, names no known rule, or gives no reason. A suppression without
    /// a reason is an error and is not honoured: the findings it names are still reported. A
    /// reason written as a `<…>` placeholder (what an editor's quick fix inserts) is no reason.
    ///
    /// ## Why is this bad?
    /// A stale suppression silences the next real problem on that line without anyone noticing,
    /// and one without a reason leaves reviewers guessing why a finding was accepted.
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "${AXIOM_TOKEN}"  # axiom-lint: ignore[AXL201] test token
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "${AXIOM_TOKEN}"
    /// ```
    ///
    /// ## Fix safety
    /// No fix yet: delete the comment, or give it a reason.
    pub(crate) struct UnusedSuppression;
}

/// Malformed suppressions, found while the other rules run.
pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for suppression in context.suppressions {
        let unknown: Vec<&str> = suppression
            .selectors
            .iter()
            .filter(|s| Rule::select(s).is_empty())
            .map(String::as_str)
            .collect();
        let diagnostic = if !unknown.is_empty() {
            Diagnostic::new(
                Rule::UnusedSuppression,
                suppression.span.clone(),
                format!("suppression names no known rule: {}", unknown.join(", ")),
            )
            .with_label("unknown rule")
            .with_help("name rules by code (`AXL201`), prefix (`AXL2`) or name (`hardcoded-token`)")
        } else if suppression.rules.is_empty() {
            Diagnostic::new(
                Rule::UnusedSuppression,
                suppression.span.clone(),
                "suppression names no rule",
            )
            .with_label("empty `ignore[]`")
            .with_help("name the rules to ignore, such as `ignore[AXL201]`")
        } else if suppression.reason.is_none() {
            Diagnostic::new(
                Rule::UnusedSuppression,
                suppression.span.clone(),
                "suppression has no reason, so it is not honoured",
            )
            // An unexplained suppression is a mistake, not a leftover: it fails the run.
            .with_severity(crate::registry::Severity::Error)
            .with_label("no reason")
            .with_help(
                "say why after the brackets, such as `# axiom-lint: ignore[AXL201] test fixture` (a `<…>` placeholder is not a reason)",
            )
        } else {
            continue;
        };
        out.push(diagnostic);
    }
}

/// Well-formed suppressions that matched no finding, found after suppressing.
pub(crate) fn unused(suppression: &Suppression) -> Diagnostic {
    Diagnostic::new(
        Rule::UnusedSuppression,
        suppression.span.clone(),
        format!(
            "suppression of {} matches no finding",
            suppression.selectors.join(", ")
        ),
    )
    .with_label("unused")
    .with_help("remove the comment: the finding it was for is gone")
}
