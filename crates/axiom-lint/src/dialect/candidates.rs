//! One walk of a file's tree for every recogniser that looks anywhere in it: the walk keeps,
//! for each, only the tables that may hold a key it starts from, and the values that may
//! hold an Axiom URL.
//!
//! Recognisers that look everywhere (Nango, the hosted MCP server, Kubernetes `env` lists,
//! environment maps, MCP bridges, the generic URL reading) each walked the whole tree before,
//! and asked every table for their keys. Now the tree is walked once, and a table's key names
//! are summarised in a [`KeyFilter`] that answers "may it hold one of these keys?" in a few
//! instructions. The answer may be a false "yes" (the recogniser then looks and finds
//! nothing), never a false "no", so the sites found are the same.

use super::mentions::Mentions;
use crate::tree::{Entry, Node, Value};

/// A conservative summary of a set of key names: one bit per name, chosen by its length and
/// its first and last bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct KeyFilter(u64);

impl KeyFilter {
    /// The filter of a list of names, built at compile time from a recogniser's key list.
    pub(super) const fn of(keys: &[&str]) -> Self {
        let mut bits = 0;
        let mut index = 0;
        while index < keys.len() {
            bits |= Self::bit(keys[index].as_bytes());
            index += 1;
        }
        Self(bits)
    }

    const fn bit(key: &[u8]) -> u64 {
        let (first, last) = match key {
            [] => (0, 0),
            [first, .., last] => (*first, *last),
            [only] => (*only, *only),
        };
        let mix = (key.len() as u64)
            .wrapping_mul(31)
            .wrapping_add((first as u64).wrapping_mul(7))
            .wrapping_add(last as u64);
        1 << (mix % 64)
    }

    /// Adds one name.
    fn insert(&mut self, key: &str) {
        self.0 |= Self::bit(key.as_bytes());
    }

    /// Whether a set this filter summarises may hold one of the names `keys` summarises.
    fn may_share(self, keys: Self) -> bool {
        self.0 & keys.0 != 0
    }
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
        let mut keys = KeyFilter::default();
        for entry in entries {
            keys.insert(&entry.key);
            if entry
                .value
                .as_str()
                .is_some_and(|text| self.mentions.axiom_domain(text))
            {
                found.urls.push(entry);
            }
        }
        if !self.with_dialects {
            return;
        }
        let starts = self.starts;
        if keys.may_share(starts.nango) {
            found.nango.push(node);
        }
        if keys.may_share(starts.mcp_servers) {
            found.mcp_servers.push(node);
        }
        if self.with_env {
            if keys.may_share(starts.env_lists) {
                found.env_lists.push(node);
            }
            if keys.may_share(starts.env_maps) {
                found.env_maps.push(node);
            }
            if keys.may_share(starts.mcp_bridges) {
                found.mcp_bridges.push(node);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter's one promise: a name in the list is never dismissed.
    #[test]
    fn a_listed_key_always_may_be_shared() {
        let lists: [&[&str]; 4] = [
            &["connection_config", "credentials", "provider"],
            &["url", "serverUrl", "httpUrl", "uri"],
            &["env", "environment", "vars", "containerEnv", "remoteEnv"],
            &["", "a", "args"],
        ];
        for list in lists {
            let filter = KeyFilter::of(list);
            for key in list {
                let mut table = KeyFilter::default();
                for other in ["type", "inputs", "dataset", key, "zzz"] {
                    table.insert(other);
                }
                assert!(table.may_share(filter), "{key} dismissed");
            }
        }
    }

    #[test]
    fn unrelated_keys_are_mostly_dismissed() {
        let filter = KeyFilter::of(&["connection_config", "credentials", "provider"]);
        let dismissed = (0..200)
            .filter(|n| {
                let mut table = KeyFilter::default();
                table.insert(&format!("setting_{n}"));
                !table.may_share(filter)
            })
            .count();
        assert!(dismissed > 150, "only {dismissed} of 200 dismissed");
    }
}
