//! Property tests: every classifier accepts any string, and redaction never reveals a token.

use axiom_lint_core::{
    EdgeCatalog, Redacted, TokenClass, check_org_id, check_subdomain, classify_host,
    classify_token, find_tokens,
};
use proptest::prelude::*;

/// Strings that look like Axiom config values often enough to reach every branch.
fn config_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(xaat-|xapt-|xait-|XAAT-|Bearer |\"|\\$\\{)?[0-9a-fA-F-]{0,40}[ }\"]?",
        "(https?://)?[a-zA-Z0-9.-]{0,30}(\\.axiom\\.co)?(:[0-9]{1,5})?(/[a-z/]{0,12})?",
    ]
}

fn real_token() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("xaat-"), Just("xapt-")],
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    )
        .prop_map(|(prefix, body)| format!("{prefix}{body}"))
}

proptest! {
    #[test]
    fn classifiers_accept_any_string(value in config_like()) {
        let edges = EdgeCatalog::default();
        let _ = classify_token(&value);
        let _ = classify_host(&value, &edges);
        let _ = check_subdomain(&value, &edges);
        let _ = check_org_id(&value);
        for found in find_tokens(&value) {
            prop_assert!(value.get(found.range).is_some());
        }
    }

    #[test]
    fn redaction_reveals_at_most_prefix_and_last_four(value in config_like()) {
        let shown = Redacted(&value).to_string();
        let (prefix, tail) = shown.split_once('…').expect("redaction always has an ellipsis");
        prop_assert!(prefix.is_empty() || prefix.len() == 5);
        prop_assert!(tail.chars().count() <= 4);
        prop_assert!(axiom_lint_core::unwrap_token(&value).ends_with(tail));
    }

    #[test]
    fn real_tokens_are_secrets_and_never_shown(token in real_token()) {
        let class = classify_token(&token);
        prop_assert!(class.is_secret());
        prop_assert_eq!(class.problem(), None);
        let shown = Redacted(&token).to_string();
        prop_assert!(!shown.contains(&token[5..]));
        prop_assert_eq!(shown.chars().count(), 5 + 1 + 4);
        let text = format!("Authorization: Bearer {token}");
        prop_assert_eq!(find_tokens(&text).count(), 1);
    }

    #[test]
    fn wrapped_tokens_keep_their_kind(token in real_token()) {
        let kind = classify_token(&token).kind();
        for wrapped in [format!("Bearer {token}"), format!("'{token}'"), format!(" {token}\n")] {
            let class = classify_token(&wrapped);
            prop_assert_eq!(class.kind(), kind);
            let malformed = matches!(class, TokenClass::Literal { problem: Some(_), .. });
            prop_assert!(malformed, "{:?}", class);
        }
    }
}
