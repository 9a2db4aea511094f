//! Hover on a finding: its rule's documentation, from the binary (there is no published docs
//! site to link to).

use axiom_lint::Rule;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::document::Document;

/// The sections of a rule's docs worth reading in a hover; examples are left to
/// `axiom-lint rule CODE`.
const SECTIONS: [&str; 3] = ["What it does", "Why is this bad?", "Use instead"];

/// The hover for the findings under a byte offset, if any.
pub(crate) fn hover(document: &Document, offset: usize) -> Option<Hover> {
    let mut under: Vec<_> = document
        .result
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= offset && offset <= d.span.end)
        .collect();
    under.dedup_by_key(|d| d.rule);
    let first = under.first()?;
    let range = document.lines.range(&document.text, &first.span);
    let value = under
        .iter()
        .map(|diagnostic| {
            format!(
                "**{}** `{}` ({})\n\n{}\n\n{}",
                diagnostic.rule.code(),
                diagnostic.rule.name(),
                diagnostic.severity.as_str(),
                diagnostic.message,
                rule_sections(diagnostic.rule)
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    })
}

/// "What it does", "Why is this bad?" and "Use instead" from a rule's docs, in that order.
fn rule_sections(rule: Rule) -> String {
    let docs = rule.docs();
    let mut out = Vec::new();
    for section in docs.split("## ").skip(1) {
        let (heading, body) = section.split_once('\n').unwrap_or((section, ""));
        if SECTIONS.contains(&heading.trim()) {
            out.push(format!("### {}\n{}", heading.trim(), body.trim_end()));
        }
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_the_three_sections() {
        for rule in Rule::ALL {
            let text = rule_sections(*rule);
            for section in SECTIONS {
                assert!(
                    text.contains(&format!("### {section}")),
                    "{} lacks {section}",
                    rule.code()
                );
            }
            assert!(!text.contains("## Fix safety"));
        }
    }
}
