//! AXL213's one fix: in `devcontainer.json`, a plain `${V}` becomes `${localEnv:V}`, marked
//! unsafe, touching only the reference's bytes; a consumer that expands `${V}` gets nothing.

use axiom_lint::{Applicability, Format, Rule, Settings, SourceFile};

const DEVCONTAINER: &str = r#"{
  "name": "api",
  "containerEnv": { "AXIOM_TOKEN": "Bearer-free ${AXIOM_TOKEN}", "AXIOM_ORG_ID": "${AXIOM_ORG_ID:-acme-ab12}" }
}
"#;

#[test]
fn a_plain_reference_in_a_devcontainer_is_rewritten_unsafely() {
    let source = SourceFile::new(
        ".devcontainer/devcontainer.json",
        DEVCONTAINER,
        Format::Jsonc,
    );
    let result = axiom_lint::lint(&source, &Settings::default());
    let findings: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::UnexpandedReference)
        .collect();
    assert_eq!(findings.len(), 2, "{findings:?}");
    let fix = findings[0]
        .fix
        .as_ref()
        .expect("`${AXIOM_TOKEN}` has one right form");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    let mut fixed = DEVCONTAINER.to_owned();
    for edit in fix.edits.iter().rev() {
        fixed.replace_range(edit.span.clone(), &edit.replacement);
    }
    assert!(
        fixed.contains(r#""Bearer-free ${localEnv:AXIOM_TOKEN}""#),
        "{fixed}"
    );
    // `${V:-default}` has no certain rewrite: reported, not fixed.
    assert!(findings[1].fix.is_none());
}

#[test]
fn consumers_that_expand_the_form_get_nothing() {
    let vector =
        "[sinks.axiom]\ntype = \"axiom\"\ndataset = \"logs\"\ntoken = \"${AXIOM_TOKEN}\"\n";
    let source = SourceFile::new("vector.toml", vector, Format::Toml);
    let result = axiom_lint::lint(&source, &Settings::default());
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
}
