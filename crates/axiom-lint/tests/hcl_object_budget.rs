//! An HCL object literal of more keys than a real configuration holds is refused before the
//! parser's quadratic key check runs (AXL001 at its brace), and the rest of the file's token
//! scan still runs; objects of real sizes are read as before.

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
