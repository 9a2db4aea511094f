//! Lists of `{name, value}` variables: a Kubernetes container's `env` (in any manifest, chart
//! values file or custom resource), and the same shape under `environment` (ECS task
//! definitions). An entry with `valueFrom` (a `secretKeyRef`) holds no literal.

use super::env_map;
use super::{Input, Sites};
use crate::site::{Consumer, Field};

/// The keys a list of variables is found under.
pub(super) const KEYS: [&str; 2] = ["env", "environment"];

/// Reads the tables the walk found holding one of [`KEYS`].
pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    for node in &input.candidates.env_lists {
        for entry in node.entries() {
            let consumer = match &*entry.key {
                "env" => Consumer::KubernetesEnv,
                "environment" => Consumer::Unknown,
                _ => continue,
            };
            let list = &entry.value;
            let fields: Vec<Field<'t>> = list
                .items()
                .iter()
                .filter_map(|item| {
                    let name = item.get("name")?;
                    let value = item.get("value")?;
                    Some(Field::with_value(name.as_str()?, name.span.clone(), value))
                })
                .collect();
            if !fields.is_empty() {
                env_map::recognise_fields(list, &fields, consumer, sites);
            }
        }
    }
}
