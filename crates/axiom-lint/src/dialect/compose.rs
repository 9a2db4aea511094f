//! docker-compose: `services.<name>.environment`, as a map (`KEY: value`) or as a list
//! (`- KEY=value`; a bare `- KEY` passes the shell's value, so it holds no literal).

use super::{Input, Sites};
use super::{env_map, otel_env};
use crate::site::{Consumer, Field};

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let (text, root) = (&input.source.text, input.root);
    let Some(services) = root.get("services") else {
        return;
    };
    for service in services.entries() {
        let Some(environment) = service.value.get("environment") else {
            continue;
        };
        // Only variables named for Axiom can mean anything; the rest are never carved out.
        let fields: Vec<Field<'t>> = if environment.is_table() {
            env_map::axiom_fields(environment, sites.mentions())
        } else {
            environment
                .items()
                .iter()
                .filter(|item| {
                    item.as_str().is_some_and(|s| {
                        sites.mentions().axiom(s)
                            || otel_env::is_otlp_variable(s.split('=').next().unwrap_or(s))
                    })
                })
                .filter_map(|item| Field::assignment(item, text))
                .collect()
        };
        env_map::recognise_fields(environment, &fields, Consumer::Compose, sites);
    }
}
