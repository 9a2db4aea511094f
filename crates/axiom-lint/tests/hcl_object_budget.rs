//! An HCL object literal of more keys than a real configuration holds is refused before the
//! parser's quadratic key check runs (AXL001 at its brace), and the rest of the file's token
//! scan still runs; objects of real sizes are read as before. The file may be valid, so the
//! finding says it was not read (never "invalid", never "fix the syntax"), and its advice holds.

use axiom_lint::render::{self, GraphicalOptions};
use axiom_lint::{Format, Rule, Settings, SourceFile};

const TOKEN: &str = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";

fn terraform(keys: usize) -> String {
    let mut text =
        format!("provider \"axiom\" {{\n  api_token = \"{TOKEN}\"\n}}\n\nlocals {{\n  tags = {{\n");
    for key in 0..keys {
        text.push_str(&format!("    k{key} = \"v\"\n"));
    }
    text.push_str("  }\n}\n");
    text
}

fn codes(keys: usize) -> (Vec<Rule>, String) {
    let text = terraform(keys);
    let source = SourceFile::new("main.tf", text.clone(), Format::Hcl);
    let result = axiom_lint::lint(&source, &Settings::default());
    let rendered = axiom_lint::render::concise(&source, &result);
    (
        result.diagnostics.iter().map(|d| d.rule).collect(),
        rendered,
    )
}

#[test]
fn an_object_of_thousands_of_keys_is_read() {
    let (rules, rendered) = codes(2_000);
    assert!(!rules.contains(&Rule::ParseError), "{rendered}");
    assert!(rules.contains(&Rule::HardcodedToken), "{rendered}");
}

#[test]
fn a_hostile_object_is_refused_at_its_brace_and_tokens_are_still_found() {
    let (rules, rendered) = codes(20_000);
    assert!(rules.contains(&Rule::ParseError), "{rendered}");
    assert!(rendered.contains("main.tf:6:10: AXL001"), "{rendered}");
    assert!(rendered.contains("keys"), "{rendered}");
    assert!(rules.contains(&Rule::HardcodedToken), "{rendered}");
    assert!(!rendered.contains(&TOKEN[5..]), "{rendered}");
}

/// The provider with its token, then `tags` built by `merge` from objects of `per_object` keys.
fn terraform_split(keys: usize, per_object: usize) -> String {
    let objects: Vec<String> = (0..keys)
        .collect::<Vec<_>>()
        .chunks(per_object)
        .map(|chunk| {
            let body: String = chunk
                .iter()
                .map(|key| format!("    k{key} = \"v\"\n"))
                .collect();
            format!("{{\n{body}  }}")
        })
        .collect();
    format!(
        "provider \"axiom\" {{\n  api_token = \"{TOKEN}\"\n}}\n\nlocals {{\n  tags = merge({})\n}}\n",
        objects.join(", ")
    )
}

#[test]
fn a_refused_object_is_not_called_invalid_and_its_advice_holds() {
    let text = terraform(20_000);
    let source = SourceFile::new("main.tf", text, Format::Hcl);
    let result = axiom_lint::lint(&source, &Settings::default());
    let refused = result
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::ParseError)
        .expect("AXL001");
    let help = refused.help.as_deref().unwrap_or_default();
    assert!(
        refused.message.starts_with("HCL not read: "),
        "{}",
        refused.message
    );
    assert!(!help.contains("fix the syntax"), "{help}");
    assert!(
        help.contains("at most 500 keys") && help.contains("`per-file-ignores`"),
        "{help}"
    );
    let rendered = render::graphical(
        &source,
        &result,
        GraphicalOptions {
            color: false,
            width: 100,
            ..GraphicalOptions::default()
        },
    );
    assert!(!rendered.contains(&TOKEN[5..]), "{rendered}");
    insta::assert_snapshot!(rendered);

    // Split as the help says, the same 20,000 keys are read: the token is then found by the
    // rules that read the provider, and nothing is refused.
    let split = terraform_split(20_000, 500);
    let source = SourceFile::new("main.tf", split, Format::Hcl);
    let result = axiom_lint::lint(&source, &Settings::default());
    let rules: Vec<Rule> = result.diagnostics.iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&Rule::ParseError), "{rules:?}");
    assert!(rules.contains(&Rule::HardcodedToken), "{rules:?}");
}
