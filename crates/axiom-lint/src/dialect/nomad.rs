//! Nomad jobspecs (`*.nomad`, `*.nomad.hcl`): a task's `env` block or map is an environment
//! map (read by the map recognisers); this claims those maps for Nomad, whose advice differs:
//! secrets belong in a `template` block reading Nomad variables or Vault, and `${node.…}`,
//! `${attr.…}`, `${meta.…}`, `${NOMAD_…}` are Nomad's own references (AXIOM.md, "More places
//! credentials live").
//!
//! A `template` block with `env = true` is an environment map too: its rendered `data` is
//! `KEY=value` lines, where `{{ … }}` is what the template fills in (a reference, never a
//! literal), and a token written there is as leaked as one in `env`. Any other template
//! renders a file the task reads (a Vector or collector config): a token written there is
//! kept out by a lookup in the template itself, where the file needs it, not by `env = true`.

use std::borrow::Cow;

use super::{Input, Sites, env_map};
use crate::site::{Consumer, Dialect, Field};
use crate::tree::{Node, Value};

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

/// Every `template` block of a jobspec: the variables an `env = true` template renders, and
/// the block itself as Nomad's, so a token written in any template gets Nomad's advice for
/// what that template renders (variables, or a file).
pub(super) fn recognise_templates<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    if !is_jobspec(&input.source.path) {
        return;
    }
    let text = sites.text();
    // Templates sit at `job.<name>.group.<name>.task.<name>.template`; a walk finds them in
    // any layout without recursion (hostile nesting cannot overflow the stack).
    let mut pending: Vec<&'t Node<'t>> = vec![input.root];
    while let Some(node) = pending.pop() {
        match &node.value {
            Value::Table(entries) => {
                for entry in entries.iter().rev() {
                    if entry.key == "template" {
                        for template in templates(&entry.value) {
                            read_template(template, text, sites);
                        }
                    } else {
                        pending.push(&entry.value);
                    }
                }
            }
            Value::Array(items) => pending.extend(items.iter().rev()),
            _ => {}
        }
    }
}

/// The template blocks an entry holds: one table, or several of one task (an array).
fn templates<'t>(value: &'t Node<'t>) -> impl Iterator<Item = &'t Node<'t>> {
    let items: &'t [Node<'t>] = match &value.value {
        Value::Array(items) => items,
        _ => std::slice::from_ref(value),
    };
    items.iter().filter(|item| item.is_table())
}

fn read_template<'t>(template: &'t Node<'t>, text: &'t str, sites: &mut Sites<'t>) {
    let renders_env = matches!(
        template.get("env").map(|env| &env.value),
        Some(Value::Bool(true))
    );
    let fields = template
        .get("data")
        .filter(|_| renders_env)
        .map(|data| assignments(data, text))
        .unwrap_or_default();
    let before = sites.len();
    if !fields.is_empty() {
        env_map::recognise_fields(template, &fields, Consumer::Nomad, sites);
    }
    if sites.len() == before {
        // No variable of Axiom's: the block is still Nomad's, for a token written in it.
        let dialect = if renders_env {
            Dialect::NomadEnv
        } else {
            Dialect::NomadTemplate
        };
        let mut site = sites.new_site(dialect, template);
        site.consumer = Consumer::Nomad;
        sites.push(site);
    }
}

/// The `KEY=value` lines a template renders, each carved out of its `data` with its own key and
/// value spans; leading `{{ … }}` actions on a line (`{{ with nomadVar "…" }}KEY=…`) are passed
/// over. A `data` whose bytes are not its text (a quoted string with escapes) gives none.
fn assignments<'t>(data: &'t Node<'t>, text: &'t str) -> Vec<Field<'t>> {
    let mut found = Vec::new();
    let Some(body) = data
        .as_str()
        .filter(|body| text.get(data.content.clone()) == Some(*body))
    else {
        return found;
    };
    // Offsets are the file's: every slice is taken from `text`, for the file's lifetime.
    let base = data.content.start;
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let mut at = line.len() - line.trim_start().len();
        while line[at..].starts_with("{{") {
            let Some(close) = line[at..].find("}}") else {
                break;
            };
            at += close + 2;
            at += line[at..].len() - line[at..].trim_start().len();
        }
        let key_length = line[at..]
            .bytes()
            .take_while(|byte| byte.is_ascii_alphanumeric() || *byte == b'_')
            .count();
        if key_length == 0 || !line[at + key_length..].starts_with('=') {
            continue;
        }
        let value = &line[at + key_length + 1..];
        let value_trimmed = value.trim_end();
        let key_start = base + start + at;
        let value_start = key_start + key_length + 1;
        let (Some(key), Some(value)) = (
            text.get(key_start..key_start + key_length),
            text.get(value_start..value_start + value_trimmed.len()),
        ) else {
            continue;
        };
        found.push(Field::carved(
            key,
            key_start..key_start + key_length,
            Cow::Borrowed(value),
            value_start..value_start + value.len(),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Syntax as _;

    #[test]
    fn template_lines_are_carved_past_their_leading_actions() {
        let text = "data = <<EOT\n{{ with nomadVar \"nomad/jobs/app\" }}AXIOM_TOKEN={{ .AXIOM_TOKEN }}{{ end }}\nAXIOM_URL=https://api.axiom.co \n# a comment\n{{ end }}\nEOT\n";
        let tree = crate::parse::HCL
            .parse(text, 0)
            .expect("the heredoc parses");
        let data = tree.get("data").expect("data");
        let fields: Vec<(String, String, String)> = assignments(data, text)
            .into_iter()
            .map(|field| {
                (
                    field.key.to_owned(),
                    field.text().unwrap_or_default().to_owned(),
                    text[field.span()].to_owned(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                (
                    "AXIOM_TOKEN".to_owned(),
                    "{{ .AXIOM_TOKEN }}{{ end }}".to_owned(),
                    "{{ .AXIOM_TOKEN }}{{ end }}".to_owned()
                ),
                (
                    "AXIOM_URL".to_owned(),
                    "https://api.axiom.co".to_owned(),
                    "https://api.axiom.co".to_owned()
                ),
            ]
        );
    }
}
