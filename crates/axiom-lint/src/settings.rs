//! What a lint run is configured with: the known edges and the clock.

use axiom_lint_core::EdgeCatalog;

/// Settings every rule may read.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Axiom's documented edges plus any from `extend-edges`.
    pub edges: EdgeCatalog,
    /// "Now", for expiry checks; injectable so tests are deterministic.
    pub now: jiff::Timestamp,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            edges: EdgeCatalog::default(),
            now: jiff::Timestamp::now(),
        }
    }
}
