//! A large table's keys, hashed in one read of the table and grouped by the top bits of their
//! hash, so that each group can then be searched with a small table that stays in the fastest
//! caches. One table over half a million keys is megabytes, and every look-up in it misses
//! them. The key directory and the duplicate-key rule both start here.

use std::hash::{BuildHasher, Hasher};

use super::Entry;

/// Keys per group, about: a group's table (8 bytes a slot) then stays in the caches.
pub(crate) const GROUP: usize = 2048;

/// The keys of one table, grouped; its buffers are reused from table to table.
#[derive(Debug, Default)]
pub(crate) struct KeyGroups {
    /// Each key's hash, by the key's index.
    hashes: Vec<u64>,
    /// Where each group starts in `grouped`, and where the last one ends.
    bounds: Vec<usize>,
    /// The keys, group by group and in entry order within a group: the low half of each
    /// key's hash (its group settles the rest), and the key's index.
    grouped: Vec<(u32, u32)>,
    /// The shift that leaves a hash's group.
    shift: u32,
}

impl KeyGroups {
    /// Groups the keys of `entries` (at most `u32::MAX` of them: the caller cuts a table that
    /// no file comes near) in groups of about `group` keys, calling `each` on every entry in
    /// the same read.
    pub(crate) fn fill(
        &mut self,
        entries: &[Entry<'_>],
        group: usize,
        hasher: &foldhash::fast::RandomState,
        mut each: impl FnMut(&Entry<'_>),
    ) {
        debug_assert!(u32::try_from(entries.len()).is_ok());
        let groups = entries.len().div_ceil(group.max(1)).next_power_of_two();
        self.shift = 64 - groups.trailing_zeros();
        // The entries are read once (each read of a large table comes from memory): every
        // key's hash is kept, by the key's index, to place it in its group after.
        self.hashes.clear();
        self.hashes.extend(entries.iter().map(|entry| {
            each(entry);
            hash(hasher, &entry.key)
        }));
        self.bounds.clear();
        self.bounds.resize(groups + 1, 0);
        for &hash in &self.hashes {
            self.bounds[group_of(hash, self.shift) + 1] += 1;
        }
        for at in 1..self.bounds.len() {
            self.bounds[at] += self.bounds[at - 1];
        }
        self.grouped.clear();
        self.grouped.resize(entries.len(), (0, 0));
        let mut next = self.bounds.clone();
        for (&hash, index) in self.hashes.iter().zip(0u32..) {
            let slot = &mut next[group_of(hash, self.shift)];
            self.grouped[*slot] = (hash as u32, index);
            *slot += 1;
        }
    }

    /// Each group's keys, in order of groups: the low half of each key's hash and its index.
    pub(crate) fn groups(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        self.bounds
            .windows(2)
            .map(|bounds| &self.grouped[bounds[0]..bounds[1]])
    }

    /// How many groups there are.
    pub(crate) fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// The shift that leaves a hash's group, for [`group_of`].
    pub(crate) fn shift(&self) -> u32 {
        self.shift
    }
}

/// A key's hash.
pub(crate) fn hash(hasher: &foldhash::fast::RandomState, key: &str) -> u64 {
    let mut state = hasher.build_hasher();
    state.write(key.as_bytes());
    state.finish()
}

/// The group of a key with this hash, for groups made with this shift.
pub(crate) fn group_of(hash: u64, shift: u32) -> usize {
    // A shift by 64 (one group) is not defined: the group is then 0.
    hash.checked_shr(shift).unwrap_or(0) as usize
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::tree::{Node, Value};

    #[test]
    fn every_key_is_in_its_hash_group_once_in_entry_order() {
        let keys: Vec<String> = (0..500).map(|n| format!("k{}", n % 300)).collect();
        let entries: Vec<Entry<'_>> = keys
            .iter()
            .enumerate()
            .map(|(at, key)| Entry {
                key: Cow::Borrowed(key.as_str()),
                key_span: at..at + 1,
                value: Node::new(at..at + 1, Value::Null),
            })
            .collect();
        let hasher = foldhash::fast::RandomState::default();
        let mut groups = KeyGroups::default();
        for size in [1, 7, GROUP] {
            let mut read = 0;
            groups.fill(&entries, size, &hasher, |_| read += 1);
            assert_eq!(read, entries.len());
            assert_eq!(groups.len(), 500usize.div_ceil(size).next_power_of_two());
            let mut seen = vec![false; entries.len()];
            for (number, members) in groups.groups().enumerate() {
                assert!(members.windows(2).all(|pair| pair[0].1 < pair[1].1));
                for &(low, index) in members {
                    let full = hash(&hasher, &entries[index as usize].key);
                    assert_eq!((group_of(full, groups.shift()), low), (number, full as u32));
                    assert!(!std::mem::replace(&mut seen[index as usize], true));
                }
            }
            assert!(seen.into_iter().all(|s| s));
        }
    }
}
