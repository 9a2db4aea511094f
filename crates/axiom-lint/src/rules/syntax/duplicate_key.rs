//! AXL003 duplicate-key: a JSON object or YAML mapping repeats a key.

use hashbrown::HashTable;
use hashbrown::hash_table::Entry::{Occupied, Vacant};

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::tree::key_groups::{GROUP, KeyGroups};
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

/// The walk over a file's objects, with buffers reused for every large object.
#[derive(Default)]
struct Repeats {
    /// Where each key of the part of an object at hand is first written: the key's hash (low
    /// half) and its index in the entries.
    first_seen: HashTable<(u32, u32)>,
    /// A large object's keys, grouped by hash.
    groups: KeyGroups,
    /// Each repeat found: its index and the index of the key's first writing.
    found: Vec<(u32, u32)>,
    /// Keys come from the file: a hasher seeded per run keeps a crafted file from colliding.
    hasher: foldhash::fast::RandomState,
}

impl Repeats {
    /// Recurses into containers only: most nodes are scalars, which hold no keys.
    fn visit(&mut self, node: &Node<'_>, out: &mut Vec<Diagnostic>) {
        match &node.value {
            Value::Table(entries) => {
                // A large flat object is read once, not twice.
                if !self.report(entries, GROUP, out) {
                    return;
                }
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

    /// Reports every key of one object that an earlier key of it repeats, in entry order;
    /// `group` is the number of keys a table of first writings holds at once, about. Whether
    /// any value of the object may be a table or an array.
    fn report(&mut self, entries: &[Entry<'_>], group: usize, out: &mut Vec<Diagnostic>) -> bool {
        // Most objects are small: comparing keys directly beats hashing them.
        if entries.len() <= 16 {
            for (index, entry) in entries.iter().enumerate() {
                if let Some(earlier) = entries[..index].iter().position(|e| e.key == entry.key) {
                    out.push(repeat(entry, &entries[earlier]));
                }
            }
            return true;
        }
        let containers = self.find_repeats(entries, group);
        for &(index, earlier) in &self.found {
            out.push(repeat(&entries[index as usize], &entries[earlier as usize]));
        }
        containers
    }

    /// Fills `found` with the repeats of a large object, in entry order. The keys are grouped
    /// by hash (a repeated key lands in its first writing's group, after it), then each group
    /// is searched with a table of its own. Whether any value is a table or an array.
    fn find_repeats(&mut self, entries: &[Entry<'_>], group: usize) -> bool {
        let Self {
            first_seen,
            groups,
            found,
            hasher,
        } = self;
        found.clear();
        // No object holds four billion entries (each takes over a hundred bytes).
        let entries = &entries[..entries.len().min(u32::MAX as usize)];
        let mut containers = false;
        groups.fill(entries, group, hasher, |entry| {
            containers |= entry.value.is_container();
        });
        // The table reads its slot from the low bits and a tag from the top seven: both come
        // from the low half, as the top of the whole hash is the same throughout a group.
        let spread = |low: u32| (u64::from(low) << 32) | u64::from(low);
        for part in groups.groups() {
            first_seen.clear();
            first_seen.reserve(part.len(), |&(hash, _)| spread(hash));
            for &(low, index) in part {
                let key = &entries[index as usize].key;
                let same_key = |&(earlier_low, earlier): &(u32, u32)| {
                    earlier_low == low && entries[earlier as usize].key == *key
                };
                match first_seen.entry(spread(low), same_key, |&(h, _)| spread(h)) {
                    Occupied(first) => found.push((index, first.get().1)),
                    Vacant(slot) => {
                        slot.insert((low, index));
                    }
                }
            }
        }
        found.sort_unstable();
        containers
    }
}

/// The finding for `entry`, whose key `earlier` first wrote.
fn repeat(entry: &Entry<'_>, earlier: &Entry<'_>) -> Diagnostic {
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
    .with_help("remove one of the two keys")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::*;

    /// Small objects compare keys, large ones hash them in groups: each reports what the
    /// definition says, for every key that repeats an earlier one, pointing back at its first
    /// writing, in entry order.
    #[test]
    fn each_repeat_points_at_the_first_writing_of_its_key() {
        let names = ["AXIOM_URL", "AXIOM_TOKEN", "axiom_url", "é", "", "a"];
        // A few names often repeated, and many that seldom are.
        let key = prop_oneof![
            prop::sample::select(names.to_vec()).prop_map(str::to_owned),
            (0u32..400).prop_map(|n| format!("k{n}")),
        ];
        proptest!(|(keys in prop::collection::vec(key, 0..300), group in 1usize..64)| {
            let entries: Vec<Entry<'_>> = keys
                .iter()
                .enumerate()
                .map(|(at, key)| Entry {
                    key: Cow::Borrowed(key.as_str()),
                    key_span: at..at + 1,
                    value: Node::new(at..at + 1, Value::Null),
                })
                .collect();
            let mut out = Vec::new();
            let mut repeats = Repeats::default();
            // Twice over, as a file with two large objects reuses the buffers; in groups of
            // a few keys, so that a test reaches the grouping that a large object gets.
            repeats.report(&entries, group, &mut out);
            repeats.report(&entries, GROUP, &mut out);
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
