//! A directory of a large table's keys, for the stage that looks keys up in it many times.
//!
//! Recognising dialects (and looking for SOPS metadata) asks the root of a file for a dozen
//! names (`sinks`, `deployments`, `connections`, `sops`, …), each by
//! [`Node::get`](super::Node::get), which scans the table from the end. A flat file of half a million keys (a `.env` file, one JSON object) was then read a
//! dozen times over, each time from memory rather than the caches, and this grew faster than
//! the file. While [`with_directories`] runs, a large table's keys are found through a hash
//! directory built in one pass instead. Outside it, and for any other table, `get` scans as
//! before; both give the same answer (a test holds them to it).
//!
//! The directory is kept per thread and found by the address and length of the entries it
//! indexes: the tree it was built from is borrowed, unchanged, for as long as the directory
//! exists, and is gone before that tree can be.

use std::cell::RefCell;

use super::Entry;
use super::key_groups::{self, KeyGroups};

/// Tables with fewer entries are scanned: building a directory costs more than a few scans.
pub(super) const LARGE: usize = 256;

thread_local! {
    static DIRECTORIES: RefCell<Vec<Directory>> = const { RefCell::new(Vec::new()) };
}

/// Runs `work` with a directory of every table of `tables` that is [`LARGE`]; they are
/// dropped when it returns (or unwinds).
pub(crate) fn with_directories<'e, R>(
    tables: impl IntoIterator<Item = &'e [Entry<'e>]>,
    work: impl FnOnce() -> R,
) -> R {
    struct Scope(usize);
    impl Drop for Scope {
        fn drop(&mut self) {
            DIRECTORIES.with_borrow_mut(|directories| directories.truncate(self.0));
        }
    }
    let built: Vec<Directory> = tables
        .into_iter()
        .filter(|entries| entries.len() >= LARGE)
        .filter_map(|entries| Directory::new(entries, key_groups::GROUP))
        .collect();
    let _scope = DIRECTORIES.with_borrow_mut(|directories| {
        let scope = Scope(directories.len());
        directories.extend(built);
        scope
    });
    work()
}

/// The index of the last entry whose key is `key`, when `entries` has a directory (`None`
/// when it has none, so the caller scans).
pub(super) fn find(entries: &[Entry<'_>], key: &str) -> Option<Option<usize>> {
    DIRECTORIES.with_borrow(|directories| {
        directories
            .iter()
            .find(|directory| directory.indexes(entries))
            .map(|directory| directory.find(entries, key))
    })
}

/// The keys of one table, by hash: grouped by the top bits of the hash, each group an open
/// table of its own.
struct Directory {
    /// The address and number of the entries it indexes.
    at: usize,
    len: usize,
    /// Where each group's slots start, and where the last one ends.
    starts: Vec<usize>,
    /// Each slot: the low half of a key's hash, and its last entry's index + 1 (0: empty).
    slots: Vec<(u32, u32)>,
    /// The hash's shift that leaves a group's number.
    shift: u32,
    hasher: foldhash::fast::RandomState,
}

impl Directory {
    /// The directory of `entries`, in groups of about `group` keys; `None` for a table too
    /// large to number in 32 bits (no file comes near it).
    fn new(entries: &[Entry<'_>], group: usize) -> Option<Self> {
        let len = u32::try_from(entries.len())
            .ok()
            .filter(|&n| n < u32::MAX)?;
        // Keys come from the file: a seed per directory keeps a crafted one from colliding.
        let hasher = foldhash::fast::RandomState::default();
        let mut groups = KeyGroups::default();
        groups.fill(entries, group, &hasher, |_| {});
        let mut directory = Self {
            at: entries.as_ptr() as usize,
            len: len as usize,
            starts: Vec::with_capacity(groups.len() + 1),
            slots: Vec::new(),
            shift: groups.shift(),
            hasher,
        };
        // Each group's slots: a power of two, at least half again its keys.
        let mut next = 0;
        for members in groups.groups() {
            directory.starts.push(next);
            next += (members.len() + members.len() / 2 + 1).next_power_of_two();
        }
        directory.starts.push(next);
        directory.slots = vec![(0, 0); next];
        // Keys go in group by group, and in entry order within a group, so that a later key
        // replaces an earlier one and the slots written at a time are one group's.
        for (group, members) in groups.groups().enumerate() {
            for &(low, index) in members {
                let key = &entries[index as usize].key;
                let slot = directory.probe(group, low, |earlier| entries[earlier].key == *key);
                directory.slots[slot] = (low, index + 1);
            }
        }
        Some(directory)
    }

    fn hash(&self, key: &str) -> u64 {
        key_groups::hash(&self.hasher, key)
    }

    fn group(&self, hash: u64) -> usize {
        key_groups::group_of(hash, self.shift)
    }

    /// The slot of `group` that holds the key `same` recognises (by its entry's index), or
    /// the empty slot where it would go; `low` is the low half of the key's hash.
    fn probe(&self, group: usize, low: u32, same: impl Fn(usize) -> bool) -> usize {
        let (start, end) = (self.starts[group], self.starts[group + 1]);
        let mask = end - start - 1;
        let mut at = low as usize & mask;
        loop {
            let (slot_hash, index) = self.slots[start + at];
            if index == 0 || (slot_hash == low && same(index as usize - 1)) {
                return start + at;
            }
            at = (at + 1) & mask;
        }
    }

    fn indexes(&self, entries: &[Entry<'_>]) -> bool {
        self.at == entries.as_ptr() as usize && self.len == entries.len()
    }

    fn find(&self, entries: &[Entry<'_>], key: &str) -> Option<usize> {
        let hash = self.hash(key);
        let slot = self.probe(self.group(hash), hash as u32, |index| {
            entries[index].key == key
        });
        let (_, index) = self.slots[slot];
        (index != 0).then(|| index as usize - 1)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::*;
    use crate::tree::{Node, Value};

    fn table(keys: &[String]) -> Vec<Entry<'_>> {
        keys.iter()
            .enumerate()
            .map(|(at, key)| Entry {
                key: Cow::Borrowed(key.as_str()),
                key_span: at..at + 1,
                value: Node::new(at..at + 1, Value::Null),
            })
            .collect()
    }

    /// The directory finds what a scan from the end finds: the last entry of a key, or none,
    /// whatever the size of its groups.
    #[test]
    fn finds_the_last_entry_of_a_key_as_a_scan_does() {
        let key = prop_oneof![
            prop::sample::select(vec!["sinks", "SINKS", "", "é", "a"]).prop_map(str::to_owned),
            (0u32..300).prop_map(|n| format!("k{n}")),
        ];
        proptest!(|(keys in prop::collection::vec(key, 1..400), group in 1usize..64)| {
            let entries = table(&keys);
            let directory = Directory::new(&entries, group).expect("a small table");
            let asked = ["sinks", "SINKS", "", "é", "a", "b", "k7", "k299", "k300"];
            for key in asked.iter().copied().chain(keys.iter().map(String::as_str)) {
                let scanned = entries.iter().rposition(|entry| entry.key == key);
                prop_assert_eq!(directory.find(&entries, key), scanned, "{}", key);
            }
        });
    }

    /// `get` on a large table answers through the directory while one exists, as it does
    /// without, and the directory is gone after.
    #[test]
    fn get_answers_alike_with_and_without_a_directory() {
        let keys: Vec<String> = (0..LARGE * 3)
            .map(|n| format!("K{}", n % (LARGE * 2)))
            .collect();
        let small: Vec<String> = vec!["K1".to_owned(), "K1".to_owned()];
        let root = Node::new(0..1, Value::Table(table(&keys)));
        let few = Node::new(0..1, Value::Table(table(&small)));
        let asked = ["K0", "K1", "K511", "K512", "missing", ""];
        let without: Vec<_> = asked.iter().map(|key| root.get(key)).collect();
        with_directories([root.entries(), few.entries()], || {
            assert!(
                find(root.entries(), "K0").is_some(),
                "the large table has one"
            );
            assert!(
                find(few.entries(), "K1").is_none(),
                "a small one is scanned"
            );
            let with: Vec<_> = asked.iter().map(|key| root.get(key)).collect();
            assert_eq!(with, without);
            assert_eq!(few.get("K1").map(|node| node.span.clone()), Some(1..2));
        });
        assert!(
            find(root.entries(), "K0").is_none(),
            "dropped with its scope"
        );
        assert_eq!(root.get("K1").map(|node| node.span.clone()), Some(513..514));
    }
}
