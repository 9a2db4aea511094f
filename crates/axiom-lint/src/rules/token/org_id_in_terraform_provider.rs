//! AXL214 org-id-in-terraform-provider: `org_id` in Terraform's `provider "axiom"` block.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

rule_docs! {
    /// ## What it does
    /// Reports an `org_id` argument in Terraform's `provider "axiom"` block (HCL) or
    /// `provider.axiom` (JSON syntax), whatever the token beside it. An `org_id` input
    /// variable, a `*.tfvars` value or another resource's argument is not this: those are
    /// judged as org IDs (AXL206, AXL212).
    ///
    /// ## Why is this bad?
    /// The provider takes only `api_token` and `base_url`. `org_id` existed in its old 0.x
    /// releases, when it still accepted personal access tokens; every current version stops
    /// at `terraform plan` with "Unsupported argument" (AXIOM.md, "Where credentials live" and
    /// the end of "More places credentials live"). An API token belongs to one organization,
    /// so nothing takes the argument's place.
    ///
    /// ## Example
    /// ```hcl
    /// provider "axiom" {
    ///   api_token = var.axiom_api_token
    ///   org_id    = "acme-ab12"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// provider "axiom" {
    ///   api_token = var.axiom_api_token
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the argument, where it has a line of its own (or is the last member of a
    /// JSON object). It is unsafe: on a current provider it only lets `terraform plan` run, but
    /// a configuration pinned to a 0.x release with a personal access token still needs it, and
    /// the pin may sit in another file.
    pub(crate) struct OrgIdInTerraformProvider;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in context.sites {
        let Some(org_id) = site.provider_org_id.as_deref() else {
            continue;
        };
        // A stand-in (`org_id = "your-org-id"`) or an empty value is rejected all the same.
        let mut diagnostic = Diagnostic::new(
            Rule::OrgIdInTerraformProvider,
            org_id.span(),
            "`org_id` is not an argument of the Axiom Terraform provider",
        )
            .with_label("unsupported argument")
            .with_help(format!(
                "remove `{}`: current versions of the provider stop at `terraform plan` with \"Unsupported argument\", and an API token belongs to one organization",
                org_id.key
            ));
        diagnostic = diagnostic.with_edit(
            format!("Remove `{}`", org_id.key),
            removal(&context.source.text, org_id.key_span.clone(), org_id.span()).map(|span| {
                Edit {
                    span,
                    replacement: String::new(),
                }
            }),
            Applicability::Unsafe,
        );
        out.push(diagnostic);
    }
}

/// The bytes to delete so that an attribute (`key` to the end of `value`) is gone and the file
/// still parses: its whole line when it has one to itself, with its trailing comma (a JSON
/// member before another); from the comma before it when it is a JSON object's last member.
/// `None` where it shares a line with something else.
fn removal(text: &str, key: Range<usize>, value: Range<usize>) -> Option<Range<usize>> {
    let line_start = text.get(..key.start)?.rfind('\n').map_or(0, |at| at + 1);
    if !text.get(line_start..key.start)?.trim().is_empty() {
        return None;
    }
    let rest = text.get(value.end..)?;
    let line_end = rest.find('\n').map_or(text.len(), |at| value.end + at + 1);
    let after = text.get(value.end..line_end)?.trim();
    let before = text.get(..line_start)?.trim_end();
    match after {
        // A last JSON member: the comma before it goes with it.
        "" if before.ends_with(',') => Some(before.len() - 1..value.end),
        "" | "," => Some(line_start..line_end),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::removal;

    /// Removing the attribute leaves a file that still parses, in either syntax.
    fn removed(text: &str, key: &str) -> Option<String> {
        let start = text.find(key)?;
        let value_start = start + text[start..].find(['=', ':'])? + 1;
        let value_start = value_start + text[value_start..].find('"')?;
        let value_end = value_start + 1 + text[value_start + 1..].find('"')? + 1;
        let span = removal(text, start..start + key.len(), value_start..value_end)?;
        let mut out = text.to_owned();
        out.replace_range(span, "");
        Some(out)
    }

    #[test]
    fn the_attribute_goes_with_its_line_and_its_comma() {
        let hcl = "provider \"axiom\" {\n  api_token = var.t\n  org_id    = \"acme-ab12\"\n}\n";
        assert_eq!(
            removed(hcl, "org_id").as_deref(),
            Some("provider \"axiom\" {\n  api_token = var.t\n}\n")
        );
        let first =
            "{\"provider\": {\"axiom\": {\n  \"org_id\": \"a-b12\",\n  \"api_token\": \"t\"\n}}}\n";
        assert_eq!(
            removed(first, "\"org_id\"").as_deref(),
            Some("{\"provider\": {\"axiom\": {\n  \"api_token\": \"t\"\n}}}\n")
        );
        let last =
            "{\"provider\": {\"axiom\": {\n  \"api_token\": \"t\",\n  \"org_id\": \"a-b12\"\n}}}\n";
        assert_eq!(
            removed(last, "\"org_id\"").as_deref(),
            Some("{\"provider\": {\"axiom\": {\n  \"api_token\": \"t\"\n}}}\n")
        );
        let shared = "provider \"axiom\" { org_id = \"acme-ab12\" }\n";
        assert_eq!(removed(shared, "org_id"), None);
    }
}
