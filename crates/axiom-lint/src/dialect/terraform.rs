//! Terraform JSON syntax (`*.tf.json`): `provider.axiom`, as an object or a list of aliases.

use super::field;
use crate::site::{Dialect, HostRole, Site, TokenField};
use crate::tree::Node;

pub(super) fn recognise<'t>(root: &'t Node<'t>, sites: &mut Vec<Site<'t>>) {
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
            let mut site = Site::new(Dialect::Terraform, config);
            // The provider dropped personal access tokens in 2024.
            site.tokens
                .extend(field(config, "api_token").map(TokenField::api_token_only));
            site.org_id = field(config, "org_id");
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
