//! AXL003 duplicate-key: a JSON object or YAML mapping repeats a key.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports a key that appears twice in one JSON object or YAML mapping.
    ///
    /// ## Why is this bad?
    /// JSON and most YAML parsers keep the last value and silently drop the first, so the value
    /// you read at the top of the object is not the one in effect. With credentials this hides which token
    /// or URL is really used. (TOML forbids repeated keys outright: that is AXL001. A YAML key
    /// brought in by a `<<` merge and set again is an override, not a repeat.)
    ///
    /// ## Example
    /// ```json
    /// { "AXIOM_URL": "https://api.axiom.co", "AXIOM_URL": "https://app.axiom.co" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "AXIOM_URL": "https://api.axiom.co" }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which of the two values is right is your call.
    pub(crate) struct DuplicateKey;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(tree) = context.tree else {
        return;
    };
    // TOML rejects repeated keys while parsing (AXL001); JSON and YAML keep them.
    if !context.source.format.syntax().keeps_repeated_keys() {
        return;
    }
    // Keys come from the file: a hasher seeded per run keeps a crafted file from colliding.
    let mut first_seen: ahash::AHashMap<&str, usize> = ahash::AHashMap::new();
    for node in tree.descendants() {
        let entries = node.entries();
        if entries.len() < 2 {
            continue;
        }
        // Most objects are small: comparing keys directly beats hashing them.
        let small = entries.len() <= 16;
        if !small {
            first_seen.clear();
            first_seen.reserve(entries.len());
        }
        for (index, entry) in entries.iter().enumerate() {
            let earlier = if small {
                entries[..index].iter().position(|e| e.key == entry.key)
            } else {
                match first_seen.entry(&entry.key) {
                    std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(index);
                        None
                    }
                }
            };
            let Some(earlier) = earlier else {
                continue;
            };
            let earlier = &entries[earlier];
            out.push(
                Diagnostic::new(
                    Rule::DuplicateKey,
                    entry.key_span.clone(),
                    format!(
                        "key `{}` is repeated; this later value silently wins",
                        entry.key
                    ),
                )
                .with_label("repeated here")
                .with_secondary(
                    earlier.key_span.clone(),
                    "first defined here; this value is ignored",
                )
                .with_help("remove one of the two keys"),
            );
        }
    }
}
