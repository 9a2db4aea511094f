//! AXL113 url-and-region: a Vector axiom sink sets both `url` and `region`.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{Dialect, HostRole};

rule_docs! {
    /// ## What it does
    /// Reports a Vector `axiom` sink that sets both `url` and `region`.
    ///
    /// ## Why is this bad?
    /// Vector (0.52 and later) refuses to start: the two are alternatives. `region` takes an
    /// edge domain and sends to the edge's ingest endpoint; `url` is the legacy way.
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// url = "https://api.axiom.co"
    /// region = "eu-central-1.aws.edge.axiom.co"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// region = "eu-central-1.aws.edge.axiom.co"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which of the two you meant is your call.
    pub(crate) struct UrlAndRegion;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in context
        .sites
        .iter()
        .filter(|site| site.dialect == Dialect::Vector)
    {
        let url = site
            .hosts
            .iter()
            .find(|host| host.role == HostRole::VectorUrl);
        let region = site
            .hosts
            .iter()
            .find(|host| host.role == HostRole::EdgeDomain);
        let (Some(url), Some(region)) = (url, region) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Rule::UrlAndRegion,
                region.field.span(),
                "a Vector axiom sink takes `url` or `region`, not both",
            )
            .with_label("`region` set here")
            .with_secondary(url.field.span(), "`url` set here too")
            .with_help("keep `region` (the edge domain) and remove `url`"),
        );
    }
}
