//! Counts of per-file work (tree walks, masked copies, line indexes, bytes shown to miette,
//! fix overlap checks), for the test that a finding's cost does not grow with the file
//! (`tests/cost_per_finding.rs`, DESIGN.md "Targets").
//!
//! The hooks must live in the library: the work they count happens inside private stages that
//! no test outside can observe, and timing instead of counting would be flaky on shared CI.
//! They are compiled only for the library's own unit tests and with the non-default
//! `counters` feature, which only the test-support crate (`axiom-lint-testing`) turns on, so a
//! build of the command carries none of them.

use std::cell::Cell;

thread_local! {
    static SOURCE_COPIES: Cell<usize> = const { Cell::new(0) };
    static LINE_INDEXES: Cell<usize> = const { Cell::new(0) };
    static TREE_WALKS: Cell<usize> = const { Cell::new(0) };
    static EXCERPT_BYTES: Cell<usize> = const { Cell::new(0) };
    static OVERLAP_CHECKS: Cell<usize> = const { Cell::new(0) };
}

/// What this thread's stages did since the last [`reset`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Masked copies of a file's text.
    pub source_copies: usize,
    /// Line indexes built (each is a scan of the whole file).
    pub line_indexes: usize,
    /// Walks of a whole tree to find pointers.
    pub tree_walks: usize,
    /// Bytes of source handed to miette.
    pub excerpt_bytes: usize,
    /// Overlap checks while planning fixes.
    pub overlap_checks: usize,
}

/// Sets every count of this thread to zero.
pub fn reset() {
    for counter in [
        &SOURCE_COPIES,
        &LINE_INDEXES,
        &TREE_WALKS,
        &EXCERPT_BYTES,
        &OVERLAP_CHECKS,
    ] {
        counter.set(0);
    }
}

/// This thread's counts.
pub fn counts() -> Counts {
    Counts {
        source_copies: SOURCE_COPIES.get(),
        line_indexes: LINE_INDEXES.get(),
        tree_walks: TREE_WALKS.get(),
        excerpt_bytes: EXCERPT_BYTES.get(),
        overlap_checks: OVERLAP_CHECKS.get(),
    }
}

fn add(counter: &'static std::thread::LocalKey<Cell<usize>>, amount: usize) {
    counter.with(|count| count.set(count.get() + amount));
}

pub(crate) fn source_copy() {
    add(&SOURCE_COPIES, 1);
}

pub(crate) fn line_index() {
    add(&LINE_INDEXES, 1);
}

pub(crate) fn tree_walk() {
    add(&TREE_WALKS, 1);
}

pub(crate) fn excerpt_bytes(bytes: usize) {
    add(&EXCERPT_BYTES, bytes);
}

pub(crate) fn overlap_check() {
    add(&OVERLAP_CHECKS, 1);
}
