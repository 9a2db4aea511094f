//! Nomad jobspecs (`*.nomad`, `*.nomad.hcl`): a task's `env` block or map is an environment
//! map (read by the map recognisers); this claims those maps for Nomad, whose advice differs:
//! secrets belong in a `template` block reading Nomad variables or Vault, and `${node.…}`,
//! `${attr.…}`, `${meta.…}`, `${NOMAD_…}` are Nomad's own references (AXIOM.md, "More places
//! credentials live").

use super::{Input, Sites};
use crate::site::Dialect;

/// Whether a path is a Nomad jobspec's.
fn is_jobspec(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".nomad") || lower.ends_with(".nomad.hcl")
}

pub(super) fn claim_env_maps<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    if !is_jobspec(&input.source.path) {
        return;
    }
    for site in sites.iter_mut() {
        if site.dialect == Dialect::EnvMap {
            site.dialect = Dialect::NomadEnv;
        }
    }
}
