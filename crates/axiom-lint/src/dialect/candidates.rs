//! One walk of a file's tree for every recogniser that looks anywhere in it: the walk keeps,
//! for each, only the tables that hold a key it starts from, and the values that may hold an
//! Axiom URL.
//!
//! Recognisers that look anywhere (Nango, the hosted MCP server, Kubernetes `env` lists,
//! environment maps, MCP bridges, the generic URL reading) each walked the whole tree before,
//! and asked every table for their keys. Now the tree is walked once, and each key of a table
//! is compared only with the few start names of its length: a table's start names are one
//! bitmask, and a recogniser is handed exactly the tables holding one of its names.

use super::generic;
use super::mentions::Mentions;
use crate::tree::{Entry, Node, Value};

/// Every name a recogniser that looks anywhere starts from, each with a bit of its own, and
/// for each length the names of that length (most keys are compared with none).
#[derive(Debug)]
struct KeyNames {
    names: [&'static str; Self::MOST],
    /// Each name of eight bytes or fewer as one word (bytes in order, zeros after), so that a
    /// key of the same length is compared in one instruction rather than a call to `memcmp`.
    words: [u64; Self::MOST],
    len: usize,
    /// Bit `i` of `by_length[n]` is set when name `i` is `n` bytes long.
    by_length: [u32; Self::LONGEST + 1],
}

impl KeyNames {
    /// The most names, one per bit of a mask; more are a compile-time error.
    const MOST: usize = 32;
    /// The longest name; a longer one is a compile-time error.
    const LONGEST: usize = 31;

    const fn new() -> Self {
        Self {
            names: [""; Self::MOST],
            words: [0; Self::MOST],
            len: 0,
            by_length: [0; Self::LONGEST + 1],
        }
    }

    /// These names and `keys`, each once.
    const fn with(mut self, keys: &[&'static str]) -> Self {
        let mut index = 0;
        while index < keys.len() {
            let key = keys[index];
            if self.position(key).is_none() {
                assert!(self.len < Self::MOST, "too many start names");
                assert!(key.len() <= Self::LONGEST, "start name too long");
                self.names[self.len] = key;
                if key.len() <= 8 {
                    self.words[self.len] = word_of(key.as_bytes());
                }
                self.by_length[key.len()] |= 1 << self.len;
                self.len += 1;
            }
            index += 1;
        }
        self
    }

    const fn position(&self, key: &str) -> Option<usize> {
        let mut index = 0;
        while index < self.len {
            if const_eq(self.names[index].as_bytes(), key.as_bytes()) {
                return Some(index);
            }
            index += 1;
        }
        None
    }

    /// The bits of `keys`, every one of which is a name.
    const fn mask(&self, keys: &[&str]) -> u32 {
        let mut mask = 0;
        let mut index = 0;
        while index < keys.len() {
            match self.position(keys[index]) {
                Some(position) => mask |= 1 << position,
                None => panic!("not a start name"),
            }
            index += 1;
        }
        mask
    }

    /// The bit of the name `key` is, or nothing.
    #[inline]
    fn bit_of(&self, key: &str) -> u32 {
        let Some(&same_length) = self.by_length.get(key.len()) else {
            return 0;
        };
        let mut candidates = same_length;
        if candidates == 0 {
            return 0;
        }
        let short = (key.len() <= 8).then(|| word_of(key.as_bytes()));
        while candidates != 0 {
            let index = candidates.trailing_zeros() as usize;
            let same = match short {
                Some(word) => self.words[index] == word,
                None => self.names[index] == key,
            };
            if same {
                return 1 << index;
            }
            candidates &= candidates - 1;
        }
        0
    }
}

/// Up to eight bytes as one word: the bytes in order, zeros after.
const fn word_of(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let mut index = 0;
    while index < bytes.len() && index < 8 {
        word[index] = bytes[index];
        index += 1;
    }
    u64::from_le_bytes(word)
}

const fn const_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// The names one recogniser starts from, as bits of [`KeyNames`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KeyFilter(u32);

/// The start names a table holds, as bits of [`KeyNames`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TableKeys(u32);

impl TableKeys {
    /// Whether the table holds one of the filter's names.
    fn holds_any(self, filter: KeyFilter) -> bool {
        self.0 & filter.0 != 0
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
    /// Strings that mention Axiom's domain, for the generic URL reading: a table entry's
    /// value, or an item of an array that is one (`hosts: ["https://…"]`), each with the
    /// entry that names it.
    pub(super) urls: Vec<(&'t Entry<'t>, &'t Node<'t>)>,
}

/// The key lists of the recognisers that look anywhere, each summarised once.
pub(super) struct Starts {
    names: KeyNames,
    nango: KeyFilter,
    mcp_servers: KeyFilter,
    mcp_bridges: KeyFilter,
    env_lists: KeyFilter,
    env_maps: KeyFilter,
}

impl Starts {
    /// The lists, in the order of [`Candidates`]' fields.
    pub(super) const fn new(
        nango: &[&'static str],
        mcp_servers: &[&'static str],
        mcp_bridges: &[&'static str],
        env_lists: &[&'static str],
        env_maps: &[&'static str],
    ) -> Self {
        let names = KeyNames::new()
            .with(nango)
            .with(mcp_servers)
            .with(mcp_bridges)
            .with(env_lists)
            .with(env_maps);
        Self {
            nango: KeyFilter(names.mask(nango)),
            mcp_servers: KeyFilter(names.mask(mcp_servers)),
            mcp_bridges: KeyFilter(names.mask(mcp_bridges)),
            env_lists: KeyFilter(names.mask(env_lists)),
            env_maps: KeyFilter(names.mask(env_maps)),
            names,
        }
    }
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
                // A large flat table (a `.env` file, an environment map) is read once, not
                // twice: it may be many times the size of the caches.
                if !self.table(node, entries) {
                    return;
                }
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

    /// Records what the table holds for each recogniser; whether any of its values is a
    /// table or an array.
    fn table(&mut self, node: &'t Node<'t>, entries: &'t [Entry<'t>]) -> bool {
        let found = &mut self.found;
        let mut keys = TableKeys::default();
        let mut containers = false;
        let may_be_url = |node: &Node<'_>| {
            node.as_str()
                .is_some_and(|text| generic::may_be_axiom_url(text, self.mentions))
        };
        for entry in entries {
            keys.0 |= self.starts.names.bit_of(&entry.key);
            containers |= entry.value.is_container();
            if may_be_url(&entry.value) {
                found.urls.push((entry, &entry.value));
            }
            // A list of URLs (Beats `hosts`, Logstash, a list of endpoints) holds each as an
            // item, named by the list's key.
            for item in entry.value.items() {
                if may_be_url(item) {
                    found.urls.push((entry, item));
                }
            }
        }
        if !self.with_dialects {
            return containers;
        }
        let starts = self.starts;
        if keys.holds_any(starts.nango) {
            found.nango.push(node);
        }
        if keys.holds_any(starts.mcp_servers) {
            found.mcp_servers.push(node);
        }
        if self.with_env {
            if keys.holds_any(starts.env_lists) {
                found.env_lists.push(node);
            }
            if keys.holds_any(starts.env_maps) {
                found.env_maps.push(node);
            }
            if keys.holds_any(starts.mcp_bridges) {
                found.mcp_bridges.push(node);
            }
        }
        containers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: [&[&str]; 5] = [
        &["connection_config", "credentials", "provider"],
        &["url", "serverUrl", "httpUrl", "uri"],
        &["env", "environment", "vars", "containerEnv", "remoteEnv"],
        &["args", "env"],
        &["a"],
    ];
    const STARTS: Starts = Starts::new(LISTS[0], LISTS[1], LISTS[2], LISTS[3], LISTS[4]);

    fn table(keys: &[&str]) -> TableKeys {
        TableKeys(
            keys.iter()
                .fold(0, |bits, key| bits | STARTS.names.bit_of(key)),
        )
    }

    /// A table holds a list's names exactly when one of its keys is one, in the same case.
    #[test]
    fn a_table_holds_a_list_exactly_when_it_has_one_of_its_names() {
        let filters = [
            STARTS.nango,
            STARTS.mcp_servers,
            STARTS.mcp_bridges,
            STARTS.env_lists,
            STARTS.env_maps,
        ];
        let others = [
            "type",
            "inputs",
            "ENV",
            "Env",
            "envs",
            "en",
            "providers",
            "",
            "é",
        ];
        for (list, filter) in LISTS.iter().zip(filters) {
            for key in *list {
                assert!(
                    table(&["type", key, "zzz"]).holds_any(filter),
                    "{key} dismissed"
                );
            }
            assert!(!table(&others).holds_any(filter), "{list:?} held by others");
        }
        let many: Vec<String> = (0..200).map(|n| format!("SETTING_{n}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(!table(&many).holds_any(STARTS.env_maps));
    }
}
