//! Code actions: each finding's fix (unsafe ones say so and are never preferred), an inline
//! suppression with a reason to fill in, and "fix all safe" for `source.fixAll`.

use std::collections::HashMap;
use std::ops::Range;

use axiom_lint::{Applicability, Diagnostic, Edit};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit};

use crate::convert;
use crate::document::Document;

/// The kind of "fix all safe", under `source.fixAll` so editors' fix-on-save finds it.
pub(crate) const FIX_ALL_KIND: &str = "source.fixAll.axiom-lint";

/// What the suppression comment says until the user writes why.
pub(crate) const REASON_PLACEHOLDER: &str = "<why this is safe>";

/// The kinds this server offers, for its capabilities.
pub(crate) fn kinds() -> Vec<CodeActionKind> {
    vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL_KIND)]
}

/// The actions for the findings touching `range` (bytes), filtered by the kinds asked for.
pub(crate) fn code_actions(
    document: &Document,
    range: &Range<usize>,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|asked| {
                let asked = asked.as_str();
                kind == asked || kind.starts_with(&format!("{asked}."))
            })
        })
    };
    let mut actions = Vec::new();
    if wants(CodeActionKind::QUICKFIX.as_str()) {
        let touching = document
            .result
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= range.end && range.start <= d.span.end);
        for diagnostic in touching {
            if let Some(action) = fix_action(document, diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            if let Some(action) = suppress_action(document, diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
    }
    if wants(FIX_ALL_KIND)
        && let Some(action) = fix_all_action(document)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    actions
}

fn workspace_edit(document: &Document, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(document.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn text_edit(document: &Document, edit: &Edit) -> TextEdit {
    TextEdit {
        range: document.lines.range(&document.text, &edit.span),
        new_text: edit.replacement.clone(),
    }
}

fn lsp_diagnostic(document: &Document, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
    convert::diagnostic(&document.uri, &document.text, &document.lines, diagnostic)
}

fn fix_action(document: &Document, diagnostic: &Diagnostic) -> Option<CodeAction> {
    let fix = diagnostic.fix.as_ref()?;
    let safe = fix.applicability == Applicability::Safe;
    let title = if safe {
        format!("{} ({})", fix.title, diagnostic.rule.code())
    } else {
        format!("Unsafe fix: {} ({})", fix.title, diagnostic.rule.code())
    };
    let edits = fix.edits.iter().map(|e| text_edit(document, e)).collect();
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diagnostic(document, diagnostic)]),
        edit: Some(workspace_edit(document, edits)),
        is_preferred: Some(safe),
        ..CodeAction::default()
    })
}

/// A comment on its own line above the finding, indented like that line; the format decides
/// the comment leader, and formats without comments (strict JSON) get no suppression. Inside
/// a multi-line string (a YAML block scalar, TOML `"""`, an HCL heredoc, a quoted dotenv
/// value) a comment would be text: it goes above the line the string starts on, which the
/// suppression covers.
fn suppress_action(document: &Document, diagnostic: &Diagnostic) -> Option<CodeAction> {
    let code = diagnostic.rule.code();
    let comment =
        axiom_lint::suppression_comment(document.format?, diagnostic.rule, REASON_PLACEHOLDER)?;
    let source = document.source_with(document.text.clone())?;
    let line_start = axiom_lint::suppression_anchor(&source, diagnostic.span.start)?;
    let line = &document.text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let indent = &line[..line.len() - line.trim_start().len()];
    let newline = if line.ends_with('\r') { "\r\n" } else { "\n" };
    let comment = format!("{indent}{comment}{newline}");
    let at = document.lines.position(&document.text, line_start);
    Some(CodeAction {
        title: format!("Suppress {code} on this line"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diagnostic(document, diagnostic)]),
        edit: Some(workspace_edit(
            document,
            vec![TextEdit {
                range: lsp_types::Range::new(at, at),
                new_text: comment,
            }],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// Every safe fix at once, offered only when the fixed text still parses.
fn fix_all_action(document: &Document) -> Option<CodeAction> {
    // The same plan as `--fix`: safe fixes only, none overlapping, only if the result parses.
    let plan = axiom_lint::fix::plan(&document.result, false, |_| true)?;
    let source = document.source_with(document.text.clone())?;
    plan.fixed_text(&source, &document.settings)?;
    let text_edits = plan
        .edits()
        .iter()
        .map(|e| text_edit(document, e))
        .collect();
    Some(CodeAction {
        title: "Fix all safe axiom-lint problems".to_owned(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(workspace_edit(document, text_edits)),
        ..CodeAction::default()
    })
}
