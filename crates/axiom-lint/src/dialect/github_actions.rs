//! GitHub Actions workflows (`.github/workflows/*.yml`) and actions (`action.yml`): `env` maps
//! at workflow, job, container and step level, where `${{ … }}` is expanded, and the inputs of
//! `axiomhq/annotation-action` (`axiomToken`, `axiomUrl`; annotations are an API endpoint).

use super::{Input, Sites};
use super::{env_map, field};
use crate::site::{Consumer, Dialect, Field, HostRole, TokenField};
use crate::tree::Node;

/// The action that creates Axiom annotations from a workflow.
const ANNOTATION_ACTION: &str = "axiomhq/annotation-action";

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let (source, root) = (input.source, input.root);
    let path = source.path.replace('\\', "/");
    let is_workflow = path.contains(".github/workflows/") && root.get("jobs").is_some();
    let is_action =
        matches!(source.file_name(), "action.yml" | "action.yaml") && root.get("runs").is_some();
    if !is_workflow && !is_action {
        return;
    }
    let mut maps: Vec<&'t Node<'t>> = root.get("env").into_iter().collect();
    let mut steps: Vec<&'t Node<'t>> = Vec::new();
    for job in root.get("jobs").map(Node::entries).unwrap_or_default() {
        let job = &job.value;
        maps.extend(job.get("env"));
        maps.extend(
            job.get("container")
                .and_then(|container| container.get("env")),
        );
        for service in job.get("services").map(Node::entries).unwrap_or_default() {
            maps.extend(service.value.get("env"));
        }
        steps.extend(job.get("steps").map(Node::items).unwrap_or_default());
    }
    steps.extend(
        root.get("runs")
            .and_then(|runs| runs.get("steps"))
            .map(Node::items)
            .unwrap_or_default(),
    );
    for step in &steps {
        maps.extend(step.get("env"));
        annotation_inputs(step, sites);
    }
    for map in maps.into_iter().filter(|map| map.is_table()) {
        let fields: Vec<Field<'t>> = map.entries().iter().map(env_map::value_field).collect();
        env_map::recognise_fields(map, &fields, Consumer::GithubWorkflow, sites);
    }
}

/// The `with:` inputs of a step that uses `axiomhq/annotation-action`.
fn annotation_inputs<'t>(step: &'t Node<'t>, sites: &mut Sites<'t>) {
    let uses_annotation_action = step.get("uses").and_then(Node::as_str).is_some_and(|uses| {
        uses.trim()
            .split('@')
            .next()
            .is_some_and(|action| action.eq_ignore_ascii_case(ANNOTATION_ACTION))
    });
    let Some(inputs) = step.get("with").filter(|_| uses_annotation_action) else {
        return;
    };
    let mut site = sites.new_site(Dialect::GitHubActions, inputs);
    site.consumer = Consumer::GithubWorkflow;
    site.tokens
        .extend(field(inputs, "axiomToken").map(TokenField::plain));
    // Annotations are `/v2` endpoints: the API host, never an edge.
    site.hosts.extend(field(inputs, "axiomUrl").map(|field| {
        HostRole::ApiUrl {
            scheme_optional: false,
        }
        .at(field)
    }));
    sites.push(site);
}
