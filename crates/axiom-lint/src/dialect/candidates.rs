//! One walk of a file's tree for every recogniser that looks anywhere in it: the walk keeps,
//! for each, only the tables that may hold a key it starts from, and the values that may
//! hold an Axiom URL.
//!
//! Recognisers that look everywhere (Nango, the hosted MCP server, Kubernetes `env` lists,
//! environment maps, MCP bridges, the generic URL reading) each walked the whole tree before,
//! and asked every table for their keys. Now the tree is walked once, and a table's key names
//! are summarised in a Bloom filter that answers "may it hold one of these keys?" in a few
//! instructions. The answer may be a false "yes" (the recogniser then looks and finds
//! nothing), never a false "no", so the sites found are the same.

use super::generic;
use super::mentions::Mentions;
use crate::tree::{Entry, Node, Value};

/// The key names a recogniser starts from, each as the bits it sets in a table's
/// [`TableKeys`]: a table may hold a name only if it has both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KeyFilter {
    masks: [(u64, u64); Self::MOST],
    len: usize,
}

impl KeyFilter {
    /// The most names a filter holds; a longer list is a compile-time error.
    const MOST: usize = 8;

    /// The filter of a list of names, built at compile time from a recogniser's key list.
    pub(super) const fn of(keys: &[&str]) -> Self {
        assert!(keys.len() <= Self::MOST, "too many keys for one filter");
        let mut masks = [(0, 0); Self::MOST];
        let mut index = 0;
        while index < keys.len() {
            masks[index] = bits(keys[index].as_bytes());
            index += 1;
        }
        Self {
            masks,
            len: keys.len(),
        }
    }
}

/// A Bloom filter of a table's key names: one bit in each of two words per name, chosen by
/// two cheap hashes of its length and its outer bytes (enough to tell the few names that
/// matter from most others, without reading whole keys).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TableKeys(u64, u64);

impl TableKeys {
    /// Adds one name.
    #[inline]
    fn insert(&mut self, key: &str) {
        let (a, b) = bits(key.as_bytes());
        self.0 |= a;
        self.1 |= b;
    }

    /// Whether the table may hold one of the filter's names: never a false "no".
    fn may_hold(self, filter: &KeyFilter) -> bool {
        filter.masks[..filter.len]
            .iter()
            .any(|&(a, b)| self.0 & a == a && self.1 & b == b)
    }
}

/// The bits a name sets, one per word.
#[inline]
const fn bits(key: &[u8]) -> (u64, u64) {
    let (first, second, last) = match key {
        [] => (0, 0, 0),
        [only] => (*only, 0, *only),
        [first, last] => (*first, *last, *last),
        [first, second, .., last] => (*first, *second, *last),
    };
    let len = key.len() as u64;
    let a = len * 31 + first as u64 * 7 + last as u64;
    let b = len * 5 + second as u64 * 13 + last as u64 * 3;
    (1 << (a % 64), 1 << (b % 64))
}

/// What each recogniser that looks anywhere should look at, in the order of a pre-order walk
/// (the order each used to find them in on its own).
#[derive(Debug, Default)]
pub(super) struct Candidates<'t> {
    /// Tables that may be Nango connections.
    pub(super) nango: Vec<&'t Node<'t>>,
    /// Tables that may be MCP server entries with a URL.
    pub(super) mcp_servers: Vec<&'t Node<'t>>,
    /// Tables that may be MCP servers run through a local bridge (`args` and `env`).
    pub(super) mcp_bridges: Vec<&'t Node<'t>>,
    /// Tables that may hold `env`-style lists of `{name, value}` items.
    pub(super) env_lists: Vec<&'t Node<'t>>,
    /// Tables that may hold environment maps by one of the usual names.
    pub(super) env_maps: Vec<&'t Node<'t>>,
    /// Entries whose string value mentions Axiom's domain, for the generic URL reading.
    pub(super) urls: Vec<&'t Entry<'t>>,
}

/// The key lists of the recognisers that look anywhere, each summarised once.
pub(super) struct Starts {
    pub(super) nango: KeyFilter,
    pub(super) mcp_servers: KeyFilter,
    pub(super) mcp_bridges: KeyFilter,
    pub(super) env_lists: KeyFilter,
    pub(super) env_maps: KeyFilter,
}

impl<'t> Candidates<'t> {
    /// Walks `root` once, in pre-order (the order each recogniser used to find its tables
    /// in). `with_dialects` is false where only the generic reading applies (a native
    /// credentials file); `with_env` is false where environment maps are read another way (a
    /// `.env` file is one map).
    pub(super) fn find(
        root: &'t Node<'t>,
        starts: &Starts,
        mentions: &Mentions<'_>,
        with_dialects: bool,
        with_env: bool,
    ) -> Self {
        let mut walk = Walk {
            starts,
            mentions,
            with_dialects,
            with_env,
            found: Self::default(),
        };
        walk.visit(root);
        walk.found
    }
}

/// The walk's state. It recurses into containers only: most nodes are scalars, met as the
/// values of the table or array that holds them.
struct Walk<'s, 't> {
    starts: &'s Starts,
    mentions: &'s Mentions<'s>,
    with_dialects: bool,
    with_env: bool,
    found: Candidates<'t>,
}

impl<'t> Walk<'_, 't> {
    fn visit(&mut self, node: &'t Node<'t>) {
        match &node.value {
            Value::Table(entries) => {
                self.table(node, entries);
                for entry in entries {
                    if entry.value.is_container() {
                        self.visit(&entry.value);
                    }
                }
            }
            Value::Array(items) | Value::Documents(items) => {
                for item in items.iter().filter(|item| item.is_container()) {
                    self.visit(item);
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, node: &'t Node<'t>, entries: &'t [Entry<'t>]) {
        let found = &mut self.found;
        let mut keys = TableKeys::default();
        for entry in entries {
            keys.insert(&entry.key);
            if entry
                .value
                .as_str()
                .is_some_and(|text| generic::may_be_axiom_url(text, self.mentions))
            {
                found.urls.push(entry);
            }
        }
        if !self.with_dialects {
            return;
        }
        let starts = self.starts;
        if keys.may_hold(&starts.nango) {
            found.nango.push(node);
        }
        if keys.may_hold(&starts.mcp_servers) {
            found.mcp_servers.push(node);
        }
        if self.with_env {
            if keys.may_hold(&starts.env_lists) {
                found.env_lists.push(node);
            }
            if keys.may_hold(&starts.env_maps) {
                found.env_maps.push(node);
            }
            if keys.may_hold(&starts.mcp_bridges) {
                found.mcp_bridges.push(node);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(keys: &[&str]) -> TableKeys {
        let mut table = TableKeys::default();
        for key in keys {
            table.insert(key);
        }
        table
    }

    /// The filter's one promise: a name in the list is never dismissed.
    #[test]
    fn a_listed_key_always_may_be_held() {
        let lists: [&[&str]; 4] = [
            &["connection_config", "credentials", "provider"],
            &["url", "serverUrl", "httpUrl", "uri"],
            &["env", "environment", "vars", "containerEnv", "remoteEnv"],
            &["", "a", "args"],
        ];
        for list in lists {
            let filter = KeyFilter::of(list);
            for key in list {
                let keys = table(&["type", "inputs", "dataset", key, "zzz"]);
                assert!(keys.may_hold(&filter), "{key} dismissed");
            }
        }
    }

    #[test]
    fn unrelated_keys_are_mostly_dismissed() {
        let filter = KeyFilter::of(&["env", "environment", "vars", "containerEnv", "remoteEnv"]);
        assert!(!table(&["type", "inputs", "dataset", "region", "token"]).may_hold(&filter));
        let dismissed = (0..200)
            .filter(|n| !table(&[&format!("SETTING_{n}"), "name"]).may_hold(&filter))
            .count();
        assert!(dismissed > 190, "only {dismissed} of 200 dismissed");
    }
}
