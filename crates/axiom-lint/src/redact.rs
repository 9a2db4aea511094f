//! Secrets never leave: finding the bytes of every token body so renderers can mask them.

use std::ops::Range;

use axiom_lint_core::{OrgIdProblem, Redacted, check_org_id, classify_token, find_uuid_runs};

use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// Every UUID-shaped run in the raw text (token bodies, bare-UUID tokens, in comments and in
/// files that do not parse alike) and every literal token-field value. Over-masking an
/// innocent UUID in a source excerpt costs nothing; showing a token would.
pub(crate) fn secret_spans(text: &str, sites: &[Site<'_>]) -> Vec<Range<usize>> {
    // A token prefix stays visible: it says what kind of token it was, and is not secret.
    let mut spans: Vec<Range<usize>> = find_uuid_runs(text).collect();
    for token in sites.iter().flat_map(|site| &site.tokens) {
        let Some(value) = token.field.text() else {
            continue;
        };
        if classify_token(value).is_secret() {
            // Keep the quotes (syntax) and a token prefix (its kind is not secret).
            let content = token.field.content.clone();
            let mut start = content.start;
            let literal = text.get(content.clone()).unwrap_or_default();
            if ["xaat-", "xapt-", "xait-"].iter().any(|prefix| {
                literal
                    .get(..prefix.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            }) {
                start += 5;
            }
            spans.push(start..content.end.max(start));
        }
    }
    // An org ID that is a UUID or a token may be a pasted secret: shown like one.
    for org_id in sites.iter().filter_map(|site| site.org_id.as_ref()) {
        let pasted_secret = org_id.text().is_some_and(|value| {
            matches!(
                check_org_id(value),
                Err(OrgIdProblem::Uuid | OrgIdProblem::Token)
            )
        });
        if pasted_secret {
            spans.push(org_id.content.clone());
        }
    }
    spans.sort_by_key(|span| span.start);
    spans
}

/// Makes a diagnostic safe to print whatever a rule put in it: every token or UUID in its
/// text is shown redacted, and a fix whose replacement would carry one is dropped.
pub(crate) fn scrub(diagnostic: &mut Diagnostic) {
    scrub_text(&mut diagnostic.message);
    scrub_text(&mut diagnostic.label);
    for label in &mut diagnostic.labels {
        scrub_text(&mut label.message);
    }
    if let Some(help) = &mut diagnostic.help {
        scrub_text(help);
    }
    // A key can be a pasted token too, and keys are part of pointers.
    if let Some(pointer) = &mut diagnostic.pointer {
        scrub_text(pointer);
    }
    let leaks = diagnostic.fix.as_ref().is_some_and(|fix| {
        fix.edits
            .iter()
            .any(|edit| find_uuid_runs(&edit.replacement).next().is_some())
    });
    if leaks {
        diagnostic.fix = None;
    }
    if let Some(fix) = &mut diagnostic.fix {
        scrub_text(&mut fix.title);
    }
}

fn scrub_text(text: &mut String) {
    let runs: Vec<Range<usize>> = find_uuid_runs(text).collect();
    for run in runs.into_iter().rev() {
        let with_prefix = run.start.checked_sub(5).filter(|start| {
            text.get(*start..run.start).is_some_and(|p| {
                ["xaat-", "xapt-", "xait-"]
                    .iter()
                    .any(|prefix| p.eq_ignore_ascii_case(prefix))
            })
        });
        let start = with_prefix.unwrap_or(run.start);
        let shown = Redacted(&text[start..run.end]).to_string();
        text.replace_range(start..run.end, &shown);
    }
}

/// Replaces every byte in `spans` with `*`, keeping line breaks so line numbers hold.
pub(crate) fn mask(text: &str, spans: &[Range<usize>]) -> String {
    let mut masked = text.as_bytes().to_vec();
    for span in spans {
        let end = span.end.min(masked.len());
        for byte in masked
            .get_mut(span.start.min(end)..end)
            .into_iter()
            .flatten()
        {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b'*';
            }
        }
    }
    // Masking may cut a multi-byte character; the lossy conversion keeps the length of
    // everything that was not masked.
    String::from_utf8(masked)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_token_bodies_and_keeps_length() {
        let text = "token = \"xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6\" # and xapt-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f\n";
        let masked = mask(text, &secret_spans(text, &[]));
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("\"xaat-************************************\""));
        let mut message = format!(
            "key `{}` and `Bearer {}`",
            &text[9..50],
            &text[9..50].to_uppercase()
        );
        scrub_text(&mut message);
        assert_eq!(message, "key `xaat-…8ec6` and `Bearer XAAT-…8EC6`");
        assert!(!masked.contains("8ec6") && !masked.contains("7e6f"));
    }
}
