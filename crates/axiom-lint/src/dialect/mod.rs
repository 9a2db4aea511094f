//! Dialect recognisers: each turns a parsed tree into the credential sites it knows about.
//!
//! A recogniser looks only for its own shape and fields, so an unrelated file that merely
//! mentions Axiom yields nothing, and a field is linted only where its meaning is known.

mod axiom_cli;
mod axiom_host;
mod beats;
mod candidates;
mod cloudformation;
mod compose;
pub(crate) mod consumer;
mod env_map;
mod fluent_bit;
mod generic;
mod github_actions;
mod grafana;
mod hosted_mcp;
mod kubernetes;
mod logstash;
mod mentions;
mod nango;
mod native;
mod nomad;
mod otel;
mod otel_env;
mod otlp_code;
mod shell_assignment;
mod systemd;
mod table;
mod terraform;
mod vector;

use self::candidates::{Candidates, Starts};
use self::mentions::Mentions;
use crate::settings::Settings;
use axiom_lint_core::EdgeCatalog;
use bumpalo::Bump;

pub use self::table::Dialect;
pub(crate) use self::table::TokenHelp;
pub use self::table::readme_list;
use self::table::{FileKind, Phase, ReadBy, Reads};
use crate::site::{Consumer, Field, Site};
use crate::source::SourceFile;
use crate::tree::Node;

/// What the recognisers share for one file: the sites found so far, the arena their lists
/// live in (a file may have thousands of sites; their lists are freed with the file, not one
/// by one), and where the file names Axiom.
pub(super) struct Sites<'t> {
    arena: &'t Bump,
    found: Vec<Site<'t>>,
    mentions: Mentions<'t>,
    /// The file's text.
    text: &'t str,
    /// The run's edges, with those added by `extend-edges`, for every recogniser (one called
    /// from another, such as an environment map inside compose, has no input of its own).
    edges: &'t EdgeCatalog,
    /// How the file uses `${AXIOM_HOST}`, found on first asking.
    axiom_host_use: std::cell::OnceCell<axiom_host::HostUse>,
}

impl<'t> Sites<'t> {
    /// An empty site for a table, to be filled and then pushed.
    fn new_site(&self, dialect: Dialect, node: &'t Node<'t>) -> Site<'t> {
        Site::new(dialect, node, self.arena)
    }

    fn push(&mut self, site: Site<'t>) {
        self.found.push(site);
    }

    fn reserve(&mut self, additional: usize) {
        self.found.reserve(additional);
    }

    /// The file's text.
    fn text(&self) -> &'t str {
        self.text
    }

    /// Where the file names Axiom.
    fn mentions(&self) -> &Mentions<'t> {
        &self.mentions
    }

    /// How the file itself uses `AXIOM_HOST`, which AXIOM.md says to judge by its consumer
    /// where one is visible ([`axiom_host::HostUse`]). (One search per file, however many maps
    /// ask.)
    fn axiom_host_use(&self) -> axiom_host::HostUse {
        *self
            .axiom_host_use
            .get_or_init(|| axiom_host::HostUse::find(self.text.as_bytes()))
    }

    /// Whether a URL or bare host names one of Axiom's hosts or the run's edges.
    fn names_axiom_host(&self, value: &str) -> bool {
        axiom_host::names_axiom_host(value, self.edges)
    }
}

impl<'t> std::ops::Deref for Sites<'t> {
    type Target = [Site<'t>];

    fn deref(&self) -> &Self::Target {
        &self.found
    }
}

impl std::ops::DerefMut for Sites<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.found
    }
}

/// Everything recognised in one file.
#[derive(Debug, Default)]
pub(crate) struct Recognised<'t> {
    /// Every credential site, in source order.
    pub(crate) sites: Vec<Site<'t>>,
    /// Whether the file is a native credentials file, validated against its schema.
    pub(crate) native_credentials: bool,
}

/// What every recogniser is given: one signature for all of them.
pub(super) struct Input<'i, 't> {
    pub(super) source: &'t SourceFile,
    /// The document being read (in the root phase), or the whole tree.
    pub(super) root: &'t Node<'t>,
    /// What the one shared walk of the tree found for the recognisers that look anywhere.
    pub(in crate::dialect) candidates: &'i Candidates<'t>,
}

/// Runs every recogniser over a parsed file, phase by phase, in the order of the dialect
/// table. Recognisers receive the run's settings, so edges added with `extend-edges` are
/// known to every dialect.
pub(crate) fn recognise<'t>(
    source: &'t SourceFile,
    root: &'t Node<'t>,
    settings: &'t Settings,
    arena: &'t Bump,
) -> Recognised<'t> {
    let native_credentials = native::is_native(source, root);
    let kind = if native_credentials {
        FileKind::Native
    } else if source.format.syntax().is_env_file() {
        FileKind::EnvFile
    } else {
        FileKind::Structured
    };
    let mut sites = Sites {
        arena,
        found: Vec::new(),
        mentions: Mentions::find(&source.text),
        text: &source.text,
        edges: &settings.edges,
        axiom_host_use: std::cell::OnceCell::new(),
    };
    // Values found in free text: only the dialects read around them, then the generic
    // reading.
    if source.format.syntax().is_flat() {
        let candidates = Candidates::default();
        let input = Input {
            source,
            root,
            candidates: &candidates,
        };
        for recogniser in Dialect::ALL
            .iter()
            .flat_map(|dialect| dialect.row().recognisers)
            .filter(|recogniser| recogniser.reads == Reads::Text)
        {
            (recogniser.run)(&input, &mut sites);
        }
        generic::recognise_found(root.entries(), &settings.edges, &mut sites);
        return finish(source, sites.found, false);
    }
    // Recognisers that look anywhere share one walk of the tree.
    let candidates = Candidates::find(
        root,
        &STARTS,
        sites.mentions(),
        kind != FileKind::Native,
        kind != FileKind::EnvFile,
    );
    let whole = Input {
        source,
        root,
        candidates: &candidates,
    };
    for phase in Phase::ALL {
        let recognisers = || {
            Dialect::ALL
                .iter()
                .flat_map(|dialect| dialect.row().recognisers)
                .filter(move |recogniser| {
                    recogniser.phase == phase && recogniser.reads.applies_to(kind)
                })
        };
        if phase == Phase::Root {
            for document in root.documents() {
                let input = Input {
                    root: document,
                    ..whole
                };
                for recogniser in recognisers() {
                    (recogniser.run)(&input, &mut sites);
                }
            }
        } else {
            for recogniser in recognisers() {
                (recogniser.run)(&whole, &mut sites);
            }
        }
    }
    finish(source, sites.found, native_credentials)
}

/// Gives every site its consumer and puts the sites in source order.
fn finish<'t>(
    source: &SourceFile,
    mut sites: Vec<Site<'t>>,
    native_credentials: bool,
) -> Recognised<'t> {
    // The path is read once per file, not once per site.
    let mut from_path = None;
    for site in sites
        .iter_mut()
        .filter(|site| site.consumer == Consumer::Unknown)
    {
        site.consumer = match site.dialect.row().read_by {
            ReadBy::Program(consumer) => consumer,
            ReadBy::ShapeOrPath => {
                *from_path.get_or_insert_with(|| consumer::by_path(&source.path))
            }
        };
    }
    // Most files' sites are found in order already: sorting would still copy them all.
    if !sites.is_sorted_by_key(|site| site.node.span.start) {
        sites.sort_by_key(|site| site.node.span.start);
    }
    Recognised {
        sites,
        native_credentials,
    }
}

/// The keys each recogniser that looks anywhere starts from.
const STARTS: Starts = Starts::new(
    &nango::KEYS,
    &hosted_mcp::URL_KEYS,
    &hosted_mcp::BRIDGE_KEYS,
    &kubernetes::KEYS,
    &env_map::MAP_NAMES,
);

/// The last entry named `key` in a table, as a field.
fn field<'t>(table: &'t Node<'t>, key: &str) -> Option<Field<'t>> {
    table
        .entries()
        .iter()
        .rev()
        .find(|entry| entry.key == key)
        .map(Field::of)
}

/// The last entry whose name matches `key` in any case (HTTP headers, Nango's providers).
fn field_ignore_case<'t>(table: &'t Node<'t>, key: &str) -> Option<Field<'t>> {
    table.entry_ignore_case(key).map(Field::of)
}

/// Whether a field's string value equals `expected`, ignoring case.
fn has_value(table: &Node<'_>, key: &str, expected: &str) -> bool {
    table
        .get(key)
        .and_then(Node::as_str)
        .is_some_and(|value| value.trim().eq_ignore_ascii_case(expected))
}
