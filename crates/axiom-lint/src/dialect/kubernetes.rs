//! Lists of `{name, value}` variables: a Kubernetes container's `env` (in any manifest, chart
//! values file or custom resource), and the same shape under `environment` (ECS task
//! definitions). An entry with `valueFrom` (a `secretKeyRef`) holds no literal.

use super::env_map;
use crate::site::{Consumer, Field, Site};
use crate::tree::Node;

pub(super) fn recognise<'t>(root: &'t Node<'t>, sites: &mut Vec<Site<'t>>) {
    for node in root.descendants() {
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
