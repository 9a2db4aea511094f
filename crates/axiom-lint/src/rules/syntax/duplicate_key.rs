//! AXL003 duplicate-key: a JSON object or YAML mapping repeats a key.

use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;
use hashbrown::hash_table::Entry::{Occupied, Vacant};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::tree::{Entry, Node, Value};

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
    let mut repeats = Repeats::default();
    repeats.visit(tree, out);
}

/// The walk over a file's objects, with one table of keys reused for every large object.
#[derive(Default)]
struct Repeats {
    /// Where each key of the object at hand is first written, as an index into its entries:
    /// four bytes rather than eight, as the table of a large object outgrows the caches.
    first_seen: HashTable<u32>,
    /// Keys come from the file: a hasher seeded per run keeps a crafted file from colliding.
    hasher: foldhash::fast::RandomState,
}

impl Repeats {
    /// Recurses into containers only: most nodes are scalars, which hold no keys.
    fn visit(&mut self, node: &Node<'_>, out: &mut Vec<Diagnostic>) {
        match &node.value {
            Value::Table(entries) => {
                self.report(entries, out);
                for entry in entries.iter().filter(|entry| entry.value.is_container()) {
                    self.visit(&entry.value, out);
                }
            }
            Value::Array(items) | Value::Documents(items) => {
                for item in items.iter().filter(|item| item.is_container()) {
                    self.visit(item, out);
                }
            }
            _ => {}
        }
    }

    /// Reports every key of one object that an earlier key of it repeats.
    fn report(&mut self, entries: &[Entry<'_>], out: &mut Vec<Diagnostic>) {
        if entries.len() < 2 {
            return;
        }
        let Self { first_seen, hasher } = self;
        let hash = |key: &str| {
            let mut state = hasher.build_hasher();
            state.write(key.as_bytes());
            state.finish()
        };
        let hash_of = |index: &u32| hash(&entries[*index as usize].key);
        // Most objects are small: comparing keys directly beats hashing them.
        let small = entries.len() <= 16;
        if !small {
            first_seen.clear();
            first_seen.reserve(entries.len(), hash_of);
        }
        // No object holds four billion entries (each takes over a hundred bytes).
        for (index, entry) in entries.iter().enumerate().take(u32::MAX as usize) {
            let earlier = if small {
                entries[..index].iter().position(|e| e.key == entry.key)
            } else {
                let same_key = |earlier: &u32| entries[*earlier as usize].key == entry.key;
                match first_seen.entry(hash(&entry.key), same_key, hash_of) {
                    Occupied(first) => Some(*first.get() as usize),
                    Vacant(slot) => {
                        slot.insert(index as u32);
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

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::*;

    /// Small objects compare keys, large ones hash them: both report what the definition
    /// says, for every key that repeats an earlier one, pointing back at its first writing.
    #[test]
    fn each_repeat_points_at_the_first_writing_of_its_key() {
        let keys =
            prop::sample::select(vec!["AXIOM_URL", "AXIOM_TOKEN", "axiom_url", "é", "", "a"]);
        proptest!(|(keys in prop::collection::vec(keys, 0..48))| {
            let entries: Vec<Entry<'_>> = keys
                .iter()
                .enumerate()
                .map(|(at, key)| Entry {
                    key: Cow::Borrowed(*key),
                    key_span: at..at + 1,
                    value: Node::new(at..at + 1, Value::Null),
                })
                .collect();
            let mut out = Vec::new();
            let mut repeats = Repeats::default();
            // Twice over, as a file with two large objects reuses the table.
            repeats.report(&entries, &mut out);
            repeats.report(&entries, &mut out);
            let reported: Vec<(usize, usize)> = out
                .iter()
                .map(|diagnostic| (diagnostic.span.start, diagnostic.labels[0].span.start))
                .collect();
            let defined: Vec<(usize, usize)> = (0..keys.len())
                .filter_map(|at| Some((at, keys[..at].iter().position(|k| *k == keys[at])?)))
                .collect();
            prop_assert_eq!(reported, [defined.clone(), defined].concat());
        });
    }
}
