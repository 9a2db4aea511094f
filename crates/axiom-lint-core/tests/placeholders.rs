//! Property tests for the one placeholder classifier: every documented shape is a placeholder
//! whatever it wraps, and real values of the documented shapes never are.

use axiom_lint_core::{
    TokenClass, check_org_id, classify_token, is_placeholder, is_placeholder_for,
};
use proptest::prelude::*;

fn real_token() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("xaat-"), Just("xapt-")],
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    )
        .prop_map(|(prefix, body)| format!("{prefix}{body}"))
}

/// Org IDs as Axiom issues them: a slug of ordinary words and four random characters (never
/// one of the few four-character fillers such as `test` or `1234`).
fn real_org_id() -> impl Strategy<Value = String> {
    const FILLERS: [&str; 10] = [
        "0123", "1234", "abcd", "here", "test", "demo", "todo", "fake", "abc1", "123a",
    ];
    (
        prop::sample::select(vec![
            "acme", "canary", "globex", "initech", "umbrella", "payments",
        ]),
        "[a-wyz0-9]{4}",
    )
        .prop_filter("not a filler", |(_, suffix)| {
            !FILLERS.contains(&suffix.as_str()) && !suffix.starts_with("abc")
        })
        .prop_map(|(slug, suffix)| format!("{slug}-{suffix}"))
}

proptest! {
    #[test]
    fn anything_in_angle_brackets_or_braces_is_a_placeholder(inner in "[a-zA-Z0-9 _.-]{1,30}") {
        let angled = format!("<{inner}>");
        let braced = format!("{{{inner}}}");
        prop_assert!(is_placeholder(&angled));
        prop_assert!(is_placeholder(&braced));
        prop_assert_eq!(classify_token(&angled), TokenClass::Placeholder);
    }

    #[test]
    fn variable_names_in_capitals_are_placeholders(name in "[A-Z]{3,10}(_[A-Z0-9]{1,8}){1,3}") {
        prop_assert!(is_placeholder(&name));
        prop_assert_eq!(check_org_id(&name), Ok(()));
    }

    #[test]
    fn your_and_here_mark_placeholders(word in "[a-z]{3,10}") {
        for value in [
            format!("your-{word}"),
            format!("YOUR_{}", word.to_uppercase()),
            format!("{word}-here"),
            format!("xaat-{word}-xxx"),
        ] {
            prop_assert!(is_placeholder(&value), "{}", value);
        }
    }

    #[test]
    fn a_value_naming_its_own_key_is_a_placeholder(key in "[A-Z]{2,8}(_[A-Z]{2,8}){1,3}") {
        let respelled = key.to_lowercase().replace('_', "-");
        prop_assert!(is_placeholder_for(&key, &respelled));
    }

    #[test]
    fn real_tokens_are_never_placeholders(token in real_token()) {
        prop_assert!(classify_token(&token).is_secret());
        prop_assert!(!is_placeholder(&token));
    }

    #[test]
    fn real_org_ids_are_fine_and_not_placeholders(id in real_org_id()) {
        prop_assert!(!is_placeholder(&id), "{}", id);
        prop_assert_eq!(check_org_id(&id), Ok(()));
        prop_assert_eq!(check_org_id(&id.to_uppercase()), Ok(()));
    }
}
