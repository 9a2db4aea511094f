//! Terraform, in its native syntax (`*.tf`, `*.tfvars`, parsed into the JSON-syntax tree) and
//! its JSON syntax (`*.tf.json`, `*.tfvars.json`): `provider.axiom`, as an object or a list of
//! aliases; and the values that feed it.
//!
//! The provider block's `org_id` is kept apart from org IDs (`Site::provider_org_id`):
//! current provider versions reject the argument, so it is an error whatever the token, while
//! an org ID variable or `*.tfvars` value is judged as an org ID.
//!
//! Which values besides the provider block are credential sites: an input variable's
//! `default`, a `locals` value and a `*.tfvars` value, when the name says it is an Axiom
//! credential (it contains `axiom` and the word `token`, `pat` or `key`; `url`; `org_id`).
//! Names alone decide, because each file is linted on its own (pre-commit passes only changed
//! files): the provider's `api_token = var.axiom_api_token` is a reference, and the variable's
//! literal default is where the token is written. A name with `api_token` is read as the
//! provider's `api_token` (API tokens only); other names accept either kind. A name without
//! `axiom` (`github_token`) is not ours: only the raw token scan (AXL201) looks at it. Nor is
//! a token name Axiom's code does not use (`axiom_bot_token`, another project called Axiom)
//! unless its value is an Axiom token.

use axiom_lint_core::kind_named_by;

use super::env_map::{is_axiom_token, is_axiom_token_name};
use super::field;
use super::{Input, Sites};
use crate::site::{Dialect, Field, HostRole, TokenField};
use crate::source::SourceFile;
use crate::tree::Node;

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    let (source, root) = (input.source, input.root);
    recognise_provider(root, sites);
    recognise_values(source, root, sites);
}

fn recognise_provider<'t>(root: &'t Node<'t>, sites: &mut Sites<'t>) {
    let Some(provider) = root.get("provider") else {
        return;
    };
    // `"provider": {"axiom": {...}}`, `"provider": [{"axiom": {...}}]`, and either with a
    // list of configurations under `axiom`.
    let blocks = std::iter::once(provider)
        .chain(provider.items())
        .filter_map(|block| block.get("axiom"));
    for axiom in blocks {
        let configs: Vec<&Node<'_>> = if axiom.is_table() {
            vec![axiom]
        } else {
            axiom
                .items()
                .iter()
                .filter(|item| item.is_table())
                .collect()
        };
        for config in configs {
            let mut site = sites.new_site(Dialect::Terraform, config);
            // The provider dropped personal access tokens in 2024.
            site.tokens
                .extend(field(config, "api_token").map(TokenField::api_token_only));
            // Current provider versions stop at `org_id` (AXIOM.md): it is no org ID the
            // token is sent with, but an argument the provider rejects.
            site.provider_org_id = field(config, "org_id").map(Box::new);
            site.hosts.extend(field(config, "base_url").map(|field| {
                HostRole::ApiUrl {
                    scheme_optional: false,
                }
                .at(field)
            }));
            site.hosts.extend(
                field(config, "edge_deployment").map(|field| HostRole::EdgeDeployment.at(field)),
            );
            sites.push(site);
        }
    }
}

/// Variable defaults, locals and `*.tfvars` values named for Axiom credentials: one site for
/// the file, as in an environment map (each token shares the file's URL and org ID values).
fn recognise_values<'t>(source: &SourceFile, root: &'t Node<'t>, sites: &mut Sites<'t>) {
    let mut values: Vec<Field<'t>> = Vec::new();
    for variables in blocks(root, "variable") {
        for variable in variables.entries() {
            if let Some(default) = variable.value.get("default") {
                values.push(Field::with_value(
                    &variable.key,
                    variable.key_span.clone(),
                    default,
                ));
            }
        }
    }
    for locals in blocks(root, "locals") {
        values.extend(locals.entries().iter().map(Field::of));
    }
    let name = source.file_name().to_ascii_lowercase();
    if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
        values.extend(
            root.entries()
                .iter()
                .filter(|entry| !entry.value.is_table())
                .map(Field::of),
        );
    }
    let mut site = sites.new_site(Dialect::Terraform, root);
    for value in values {
        match Meaning::of(value.key) {
            // Another project called Axiom (`axiom_bot_token`): only an Axiom token makes the
            // value ours, as in environment maps.
            Some(Meaning::Token { api_token_only })
                if is_axiom_token_name(value.key) || is_axiom_token(&value) =>
            {
                site.tokens.push(TokenField {
                    api_token_only,
                    named_kind: kind_named_by(value.key),
                    ..TokenField::plain(value)
                });
            }
            Some(Meaning::Url) => site.hosts.push(
                HostRole::ApiUrl {
                    scheme_optional: false,
                }
                .at(value),
            ),
            Some(Meaning::OrgId) => site.org_id = Some(Box::new(value)),
            Some(Meaning::Token { .. }) | None => {}
        }
    }
    if !site.tokens.is_empty() || site.org_id.is_some() || !site.hosts.is_empty() {
        sites.push(site);
    }
}

/// The tables of every block of a type: one (`locals { }`), or several in an array.
fn blocks<'t>(root: &'t Node<'t>, kind: &str) -> Vec<&'t Node<'t>> {
    // Most files have no such block; `get` answers a large root through its directory, so
    // the scan below runs only where there is one.
    if root.get(kind).is_none() {
        return Vec::new();
    }
    root.entries()
        .iter()
        .filter(|entry| entry.key == kind)
        .flat_map(|entry| {
            if entry.value.is_table() {
                vec![&entry.value]
            } else {
                entry.value.items().iter().collect()
            }
        })
        .collect()
}

/// What a variable's name says it holds.
enum Meaning {
    Token { api_token_only: bool },
    Url,
    OrgId,
}

impl Meaning {
    fn of(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        if !name.contains("axiom") {
            return None;
        }
        let words: Vec<&str> = name.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        if name.contains("org_id") {
            Some(Self::OrgId)
        } else if words
            .iter()
            .any(|word| matches!(*word, "token" | "pat" | "key"))
        {
            Some(Self::Token {
                api_token_only: name.contains("api_token"),
            })
        } else if words.contains(&"url") {
            Some(Self::Url)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Meaning;

    #[test]
    fn names_decide_what_a_value_holds() {
        let token = |name| match Meaning::of(name) {
            Some(Meaning::Token { api_token_only }) => Some(api_token_only),
            _ => None,
        };
        assert_eq!(token("axiom_api_token"), Some(true));
        assert_eq!(token("AXIOM_TOKEN"), Some(false));
        assert_eq!(token("axiom_pat"), Some(false));
        assert_eq!(token("github_token"), None);
        assert_eq!(token("axiom_tokens_enabled"), None);
        assert!(matches!(Meaning::of("axiom_base_url"), Some(Meaning::Url)));
        assert!(matches!(Meaning::of("axiom_org_id"), Some(Meaning::OrgId)));
        assert!(Meaning::of("axiom_dataset").is_none());
    }
}
