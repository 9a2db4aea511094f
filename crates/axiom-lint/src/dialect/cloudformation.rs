//! CloudFormation templates and parameter files for Axiom's stacks (the CloudWatch forwarder,
//! CloudFront): the parameters `AxiomToken`, `AxiomURL`, `AxiomEdgeURL`, `AxiomEdge` (their
//! `Default` in a template, their `ParameterValue` in a parameter file), and Lambda
//! `Environment.Variables` maps. Short-form tags (`!Ref`, `!Sub`, `!GetAtt`, …) are references:
//! the YAML reader drops tags, so a tagged value is found by the `!` before it and never judged
//! as a literal (AXIOM.md, "More places credentials live").

use super::{Input, Sites, env_map};
use crate::site::{Consumer, Dialect, Field, HostRole, TokenField};
use crate::tree::Node;

/// The stack parameters, each with what it must hold.
fn parameter(name: &str) -> Option<Option<HostRole>> {
    Some(match name {
        "AxiomToken" => None,
        "AxiomURL" => Some(HostRole::ApiUrl {
            scheme_optional: false,
        }),
        "AxiomEdgeURL" => Some(HostRole::EdgeUrl),
        "AxiomEdge" => Some(HostRole::EdgeDomain),
        _ => return None,
    })
}

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let root = input.root;
    if !root.items().is_empty() {
        parameter_file(root, sites);
        return;
    }
    let is_template = root.get("AWSTemplateFormatVersion").is_some()
        || root.get("Resources").is_some_and(|resources| {
            resources.entries().iter().any(|resource| {
                resource
                    .value
                    .get("Type")
                    .and_then(Node::as_str)
                    .is_some_and(|kind| kind.starts_with("AWS::"))
            })
        });
    if !is_template {
        return;
    }
    let text = sites.text();
    let fields: Vec<(Option<HostRole>, Field<'t>)> = root
        .get("Parameters")
        .map(Node::entries)
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            let role = parameter(&entry.key)?;
            let default = entry.value.get("Default")?;
            (!is_tagged(text, default)).then(|| {
                (
                    role,
                    Field::with_value(&entry.key, entry.key_span.clone(), default),
                )
            })
        })
        .collect();
    push_parameters(root.get("Parameters"), fields, sites);
    for resource in root.get("Resources").map(Node::entries).unwrap_or_default() {
        let Some(variables) = resource
            .value
            .get("Properties")
            .and_then(|properties| properties.get("Environment"))
            .and_then(|environment| environment.get("Variables"))
            .filter(|variables| variables.is_table())
        else {
            continue;
        };
        let fields: Vec<Field<'t>> = variables
            .entries()
            .iter()
            .filter(|entry| !is_tagged(text, &entry.value))
            .map(env_map::value_field)
            .collect();
        env_map::recognise_fields(variables, &fields, Consumer::Unknown, sites);
    }
}

/// `[{"ParameterKey": "AxiomToken", "ParameterValue": "…"}, …]`.
fn parameter_file<'t>(root: &'t Node<'t>, sites: &mut Sites<'t>) {
    let fields: Vec<(Option<HostRole>, Field<'t>)> = root
        .items()
        .iter()
        .filter_map(|item| {
            let key = item.get("ParameterKey")?;
            let role = parameter(key.as_str()?)?;
            let value = item.get("ParameterValue")?;
            Some((
                role,
                Field::with_value(key.as_str()?, key.span.clone(), value),
            ))
        })
        .collect();
    push_parameters(Some(root), fields, sites);
}

fn push_parameters<'t>(
    node: Option<&'t Node<'t>>,
    fields: Vec<(Option<HostRole>, Field<'t>)>,
    sites: &mut Sites<'t>,
) {
    let Some(node) = node.filter(|_| !fields.is_empty()) else {
        return;
    };
    let mut site = sites.new_site(Dialect::CloudFormation, node);
    for (role, field) in fields {
        match role {
            // The stack's own pattern admits only API tokens (and the retired `xait-`).
            None => site.tokens.push(TokenField::api_token_only(field)),
            Some(role) => site.hosts.push(role.at(field)),
        }
    }
    sites.push(site);
}

/// Whether a YAML value is written after a short-form tag (`!Ref AxiomToken`): the reader
/// drops the tag, so the bytes before the value tell.
fn is_tagged(text: &str, node: &Node<'_>) -> bool {
    let before = text.get(..node.span.start).unwrap_or_default().trim_end();
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == ':' || c == '-' || c == '[' || c == ',')
        .map_or(0, |at| at + 1);
    before[word_start..].starts_with('!')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Syntax, YAML};

    #[test]
    fn short_form_tags_are_found_before_the_value() {
        let text = "a: !Ref AxiomToken\nb: !Sub \"${AxiomURL}\"\nc: plain\nd: \"!not a tag\"\n";
        let tree = YAML.parse(text, 0).expect("parses");
        let tagged = |key| is_tagged(text, tree.get(key).expect("a value"));
        assert!(tagged("a"));
        assert!(tagged("b"));
        assert!(!tagged("c"));
        assert!(!tagged("d"));
    }
}
