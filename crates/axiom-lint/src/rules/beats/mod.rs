//! AXL5xx: Elastic Beats outputs to Axiom's Elasticsearch-compatible endpoint.

pub(crate) mod beats_axiom_output;
