//! One span-carrying tree for every format: every key and value knows its byte range and its
//! JSON pointer, so rules and diagnostics never look at syntax.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

mod directory;
pub(crate) mod key_groups;

pub(crate) use directory::with_directories;

/// A value in the tree. Keys and strings borrow from the file's text wherever it holds them
/// unescaped, so building the tree allocates little beyond its shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'s> {
    /// The value's bytes in the file: string literals include their quotes; a TOML `[table]`
    /// is its header.
    pub span: Range<usize>,
    /// The bytes of the value's text inside its delimiters (quotes, a block header); for
    /// anything but a string, and for unquoted strings, the same as `span`.
    pub content: Range<usize>,
    /// The value itself.
    pub value: Value<'s>,
}

/// The kinds of value both formats share.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'s> {
    /// An object or table, in source order; a repeated JSON key appears once per occurrence.
    Table(Vec<Entry<'s>>),
    /// An array.
    Array(Vec<Node<'s>>),
    /// The documents of a YAML stream of two or more (`---`), each a root of its own;
    /// pointers index them like an array's items.
    Documents(Vec<Node<'s>>),
    /// A string, unescaped.
    String(Cow<'s, str>),
    /// A number, as written (TOML `_` separators removed).
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// A TOML date-time, as RFC 3339 text.
    Datetime(String),
    /// JSON `null`.
    Null,
}

/// A key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'s> {
    /// The key, unescaped.
    pub key: Cow<'s, str>,
    /// The key's bytes in the file.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Node<'s>,
}

impl<'s> Node<'s> {
    /// A value whose bytes are all content: a table, array, number, or unquoted string.
    pub fn new(span: Range<usize>, value: Value<'s>) -> Self {
        Self {
            content: span.clone(),
            span,
            value,
        }
    }

    /// A string written as `span`, whose text sits in `content` inside its delimiters.
    pub fn string(span: Range<usize>, content: Range<usize>, text: Cow<'s, str>) -> Self {
        Self {
            span,
            content,
            value: Value::String(text),
        }
    }

    /// The value for `key` in a table. Like every JSON consumer, the last of repeated keys wins.
    pub fn get(&self, key: &str) -> Option<&Self> {
        let entries = self.entries();
        // A large table asked for many names (a flat file's root, while dialects are
        // recognised) has a directory of its keys: a scan each time would read it from memory.
        if entries.len() >= directory::LARGE
            && let Some(found) = directory::find(entries, key)
        {
            return found.map(|index| &entries[index].value);
        }
        entries
            .iter()
            .rev()
            .find(|entry| entry.key == key)
            .map(|entry| &entry.value)
    }

    /// The value for the first key that matches case-insensitively.
    pub fn get_ignore_case(&self, key: &str) -> Option<&Self> {
        self.entry_ignore_case(key).map(|entry| &entry.value)
    }

    /// The entry for the last key that matches case-insensitively.
    pub fn entry_ignore_case(&self, key: &str) -> Option<&Entry<'s>> {
        self.entries()
            .iter()
            .rev()
            .find(|entry| entry.key.eq_ignore_ascii_case(key))
    }

    /// A table's entries; empty for anything else.
    pub fn entries(&self) -> &[Entry<'s>] {
        match &self.value {
            Value::Table(entries) => entries,
            _ => &[],
        }
    }

    /// An array's items; empty for anything else.
    pub fn items(&self) -> &[Self] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The documents of a multi-document stream, or this one root.
    pub fn documents(&self) -> &[Self] {
        match &self.value {
            Value::Documents(documents) => documents,
            _ => std::slice::from_ref(self),
        }
    }

    /// Whether this is a table.
    pub fn is_table(&self) -> bool {
        matches!(self.value, Value::Table(_))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The string or date-time text, if this is either.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            Value::Datetime(s) => Some(s),
            _ => None,
        }
    }

    /// Every node in the tree, this one first, in source order.
    pub fn descendants(&self) -> Descendants<'_, 's> {
        Descendants::new(self)
    }

    /// The node at an RFC 6901 pointer.
    pub fn at_pointer(&self, pointer: &str) -> Option<&Self> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for segment in pointer.strip_prefix('/')?.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Table(_) => node.get(&segment)?,
                Value::Array(items) | Value::Documents(items) => {
                    items.get(segment.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// The RFC 6901 pointer (such as `/sinks/axiom/token`) of the scalar value whose bytes, or
    /// of the value whose key's bytes, hold `offset`; `None` elsewhere (a comment, punctuation,
    /// a TOML header). For more than one offset, [`Node::pointers_at`] walks the tree once.
    pub fn pointer_at(&self, offset: usize) -> Option<String> {
        self.pointers_at(&[offset]).pop().flatten()
    }

    /// [`Node::pointer_at`] for every offset at once, in one walk of the tree however many
    /// offsets there are: the cost of a finding's pointer does not grow with the file.
    pub fn pointers_at(&self, offsets: &[usize]) -> Vec<Option<String>> {
        count_tree_walk();
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let sorted: Vec<usize> = order.iter().map(|&i| offsets[i]).collect();
        let mut best: Vec<Option<(usize, String)>> = vec![None; sorted.len()];
        self.collect_pointers(&sorted, &mut Vec::new(), &mut best);
        let mut pointers = vec![None; offsets.len()];
        for (slot, found) in order.into_iter().zip(best) {
            pointers[slot] = found.map(|(_, pointer)| pointer);
        }
        pointers
    }

    /// Records the pointers of this container's keys and values that hold an offset, and
    /// walks on into the containers below. Scalars are checked where they are met, without a
    /// call per node: the walk is on the path of every file with findings.
    fn collect_pointers<'a>(
        &'a self,
        sorted: &[usize],
        path: &mut Vec<Segment<'a>>,
        best: &mut [Option<(usize, String)>],
    ) {
        let child = |value: &'a Self, path: &mut Vec<Segment<'a>>, best: &mut [_]| {
            if value.is_container() {
                value.collect_pointers(sorted, path, best);
            } else if holds_any(&value.span, sorted) {
                consider(&value.span, sorted, path, best);
            }
        };
        match &self.value {
            Value::Table(entries) => {
                for entry in entries {
                    // Most entries are a key and a scalar with no offset in either: one
                    // search over the bytes both cover settles them. (Through a YAML alias,
                    // a value may sit before its key.)
                    let value = &entry.value;
                    if !value.is_container() {
                        let covered = entry.key_span.start.min(value.span.start)
                            ..entry.key_span.end.max(value.span.end);
                        if !holds_any(&covered, sorted) {
                            continue;
                        }
                    }
                    path.push(Segment::Key(&entry.key));
                    if holds_any(&entry.key_span, sorted) {
                        consider(&entry.key_span, sorted, path, best);
                    }
                    child(&entry.value, path, best);
                    path.pop();
                }
            }
            Value::Array(items) | Value::Documents(items) => {
                for (index, item) in items.iter().enumerate() {
                    if !item.is_container() && !holds_any(&item.span, sorted) {
                        continue;
                    }
                    path.push(Segment::Index(index));
                    child(item, path, best);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// Whether this is a table, an array or a stream of documents.
    pub fn is_container(&self) -> bool {
        matches!(
            self.value,
            Value::Table(_) | Value::Array(_) | Value::Documents(_)
        )
    }

    /// The tree as plain JSON, for schema validation. Repeated keys keep the last value.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Table(entries) => {
                let mut map = serde_json::Map::new();
                for entry in entries {
                    map.insert(entry.key.to_string(), entry.value.to_json());
                }
                serde_json::Value::Object(map)
            }
            Value::Array(items) | Value::Documents(items) => {
                items.iter().map(Self::to_json).collect()
            }
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Datetime(s) => serde_json::Value::String(s.clone()),
            Value::Number(n) => serde_json::from_str::<serde_json::Number>(n).map_or_else(
                |_| serde_json::Value::String(n.clone()),
                serde_json::Value::Number,
            ),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Null => serde_json::Value::Null,
        }
    }
}

/// One step of a path through the tree.
#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Whether any of the sorted offsets lies inside `span`.
#[inline]
fn holds_any(span: &Range<usize>, sorted: &[usize]) -> bool {
    let from = sorted.partition_point(|&offset| offset < span.start);
    sorted.get(from).is_some_and(|&offset| offset < span.end)
}

/// Records `path` for the offsets inside `span`, a run of the sorted list; the deepest match
/// wins, and among equals the last visited (as a depth-first walk meets them).
fn consider(
    span: &Range<usize>,
    sorted: &[usize],
    path: &[Segment<'_>],
    best: &mut [Option<(usize, String)>],
) {
    let from = sorted.partition_point(|&offset| offset < span.start);
    let to = from + sorted[from..].partition_point(|&offset| offset < span.end);
    let pointer = pointer_of(path);
    for slot in &mut best[from..to] {
        if slot.as_ref().is_none_or(|(depth, _)| *depth <= path.len()) {
            *slot = Some((path.len(), pointer.clone()));
        }
    }
}

fn pointer_of(path: &[Segment<'_>]) -> String {
    let length = path
        .iter()
        .map(|segment| match segment {
            Segment::Key(key) => key.len() + 1,
            Segment::Index(_) => 4,
        })
        .sum();
    let mut pointer = String::with_capacity(length);
    for segment in path {
        match segment {
            Segment::Key(key) => push_segment(&mut pointer, key),
            Segment::Index(index) => {
                let _ = write!(pointer, "/{index}");
            }
        }
    }
    pointer
}

fn count_tree_walk() {
    #[cfg(any(test, feature = "counters"))]
    crate::counters::tree_walk();
}

/// Appends one RFC 6901 segment to a pointer.
pub(crate) fn child_pointer(parent: &str, segment: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + segment.len() + 1);
    pointer.push_str(parent);
    push_segment(&mut pointer, segment);
    pointer
}

/// Appends `/` and `segment`, escaped as RFC 6901 says.
fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    // Most keys hold neither `~` nor `/`: they are copied whole.
    if !segment.contains(['~', '/']) {
        pointer.push_str(segment);
        return;
    }
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Pre-order iterator over a tree. It keeps one cursor per open table or array rather than
/// every pending node: a walk is on the path of every rule and dialect.
#[derive(Debug)]
pub struct Descendants<'t, 's> {
    /// The node to yield next, before any cursor moves.
    next: Option<&'t Node<'s>>,
    /// The children still to visit, innermost container last.
    open: Vec<Children<'t, 's>>,
}

#[derive(Debug)]
enum Children<'t, 's> {
    Entries(std::slice::Iter<'t, Entry<'s>>),
    Items(std::slice::Iter<'t, Node<'s>>),
}

impl<'t, 's> Descendants<'t, 's> {
    fn new(root: &'t Node<'s>) -> Self {
        Self {
            next: Some(root),
            open: Vec::new(),
        }
    }
}

impl<'t, 's> Iterator for Descendants<'t, 's> {
    type Item = &'t Node<'s>;

    fn next(&mut self) -> Option<Self::Item> {
        let node = match self.next.take() {
            Some(node) => node,
            None => loop {
                let child = match self.open.last_mut()? {
                    Children::Entries(entries) => entries.next().map(|entry| &entry.value),
                    Children::Items(items) => items.next(),
                };
                match child {
                    Some(child) => break child,
                    None => {
                        self.open.pop();
                    }
                }
            },
        };
        match &node.value {
            Value::Table(entries) if !entries.is_empty() => {
                self.open.push(Children::Entries(entries.iter()));
            }
            Value::Array(items) | Value::Documents(items) if !items.is_empty() => {
                self.open.push(Children::Items(items.iter()));
            }
            _ => {}
        }
        Some(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, SourceFile};

    /// The walk's definition: a node, then each child's walk, in document order.
    fn pre_order<'t, 's>(node: &'t Node<'s>, out: &mut Vec<&'t Node<'s>>) {
        out.push(node);
        match &node.value {
            Value::Table(entries) => entries.iter().for_each(|e| pre_order(&e.value, out)),
            Value::Array(items) | Value::Documents(items) => {
                items.iter().for_each(|item| pre_order(item, out));
            }
            _ => {}
        }
    }

    #[test]
    fn descendants_walk_in_pre_order_through_empty_and_nested_containers() {
        let text = "a: {}\nb: [[], [1, {c: [2]}], {}]\nd: {e: {f: x}}\n---\n[]\n---\ng: 3\n";
        let source = SourceFile::new("walk.yaml", text, Format::Yaml);
        let tree = crate::parse::parse(&source).expect("valid YAML");
        let mut expected = Vec::new();
        pre_order(&tree, &mut expected);
        let walked: Vec<&Node<'_>> = tree.descendants().collect();
        assert_eq!(walked.len(), expected.len());
        assert!(
            walked
                .iter()
                .zip(&expected)
                .all(|(a, b)| std::ptr::eq(*a, *b))
        );
        assert!(expected.len() > 15, "the tree is as deep as it looks");
    }

    /// The pointer's definition: the deepest scalar value or key whose bytes hold the offset,
    /// the last such in a depth-first walk among equals.
    fn pointer_by_definition(root: &Node<'_>, offset: usize) -> Option<String> {
        fn walk(
            node: &Node<'_>,
            pointer: &str,
            depth: usize,
            offset: usize,
            best: &mut Option<(usize, String)>,
        ) {
            let consider =
                |span: &Range<usize>, pointer: &str, best: &mut Option<(usize, String)>| {
                    if span.contains(&offset) && best.as_ref().is_none_or(|(d, _)| *d <= depth) {
                        *best = Some((depth, pointer.to_owned()));
                    }
                };
            match &node.value {
                Value::Table(entries) => {
                    for entry in entries {
                        let child = child_pointer(pointer, &entry.key);
                        consider(&entry.key_span, &child, best);
                        if !entry.value.is_container() {
                            consider(&entry.value.span, &child, best);
                        }
                        walk(&entry.value, &child, depth + 1, offset, best);
                    }
                }
                Value::Array(items) | Value::Documents(items) => {
                    for (index, item) in items.iter().enumerate() {
                        let child = child_pointer(pointer, &index.to_string());
                        if !item.is_container() {
                            consider(&item.span, &child, best);
                        }
                        walk(item, &child, depth + 1, offset, best);
                    }
                }
                _ => {}
            }
        }
        let mut best = None;
        walk(root, "", 0, offset, &mut best);
        best.map(|(_, pointer)| pointer)
    }

    #[test]
    fn pointers_agree_with_their_definition_at_every_offset() {
        let files = [
            (
                "a.yaml",
                "base: &b\n  url: https://api.axiom.co\n  token: xaat-1\nsvc:\n  env: *b\n  list: [1, {k: v}]\ns: &s plain\nt: *s\n---\nx: y\n",
                Format::Yaml,
            ),
            (
                "a.toml",
                "top = 1\n[a]\nx = \"1\"\nb.c = 2\n[[arr]]\nk = [1, 2]\n[a.d]\ne = \"f\"\n",
                Format::Toml,
            ),
            (
                "a.json",
                "{\"a\": {\"b\": [1, {\"c\": \"d\"}], \"a\": 2}, \"e~/\": null}",
                Format::Json,
            ),
        ];
        for (name, text, format) in files {
            let source = SourceFile::new(name, text, format);
            let tree = crate::parse::parse(&source).expect("valid");
            let offsets: Vec<usize> = (0..=text.len()).collect();
            let together = tree.pointers_at(&offsets);
            for offset in offsets {
                let expected = pointer_by_definition(&tree, offset);
                assert_eq!(together[offset], expected, "{name} at {offset}, together");
                assert_eq!(
                    tree.pointer_at(offset),
                    expected,
                    "{name} at {offset}, alone"
                );
            }
        }
    }

    /// A few offsets spread over a long file, as findings are: most spans are settled by the
    /// summary of which blocks hold an offset, and the answers stay the definition's.
    #[test]
    fn sparse_pointers_in_a_long_file_agree_with_their_definition() {
        let mut toml = String::from("[sources.app]\ntype = \"file\"\n");
        let mut json = String::from("{\"env\": {");
        let mut yaml = String::from("x: &x\n  k: v\nservices:\n");
        for n in 0..120 {
            toml.push_str(&format!(
                "[sinks.s{n}]\ntype = \"axiom\"\ninputs = [\"app\", \"b\"]\nregion = \"eu-{n}\"\nt = {{ a = {n} }}\n"
            ));
            json.push_str(&format!("\"KEY_{n}\": [\"value-{n}\", {{\"k\": {n}}}], "));
            yaml.push_str(&format!(
                "  s{n}:\n    env: *x\n    list: [a, {{k: {n}}}]\n"
            ));
        }
        json.push_str("\"last\": true}}");
        for (name, text, format) in [
            ("long.toml", toml, Format::Toml),
            ("long.json", json, Format::Json),
            ("long.yaml", yaml, Format::Yaml),
        ] {
            let source = SourceFile::new(name, text.as_str(), format);
            let tree = crate::parse::parse(&source).expect("valid");
            for stride in [13, 61, 257, 1031] {
                let offsets: Vec<usize> = (0..=text.len()).rev().step_by(stride).collect();
                let together = tree.pointers_at(&offsets);
                for (offset, pointer) in offsets.iter().zip(together) {
                    assert_eq!(
                        pointer,
                        pointer_by_definition(&tree, *offset),
                        "{name} at {offset}, stride {stride}"
                    );
                }
            }
        }
    }
}
