//! The one format known by content (DESIGN.md, "load"): a `.conf` file whose sections are
//! Fluent Bit's is read as Fluent Bit's classic configuration, any other `.conf` as text.

use axiom_lint::{Format, Settings, TextComments, lint_bytes};

const TOKEN_LINE: &str = "Header Authorization Bearer xaat-a77679c7-694e-447b-9512-28f2c1fd86a2";

#[test]
fn a_conf_with_fluent_bit_sections_is_fluent_bit() {
    let text = format!("[OUTPUT]\n    Name http\n    {TOKEN_LINE}\n");
    let linted = lint_bytes(
        "fluent-bit/outputs.conf",
        text.into_bytes(),
        Format::Text(TextComments::Hash),
        &Settings::default(),
    );
    assert_eq!(linted.source.format, Format::FluentBit);
    assert!(!linted.result.diagnostics.is_empty());
}

#[test]
fn another_conf_stays_text() {
    let text = format!("[mysqld]\nport=3306\n# {TOKEN_LINE}\n");
    let linted = lint_bytes(
        "etc/my.conf",
        text.into_bytes(),
        Format::Text(TextComments::Hash),
        &Settings::default(),
    );
    assert_eq!(linted.source.format, Format::Text(TextComments::Hash));
}
