//! AXL111 legacy-cloud-domain: the pre-2023 `cloud.axiom.co` URL or `/api/v1/` paths.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::HostRole;

rule_docs! {
    /// ## What it does
    /// Reports `cloud.axiom.co`, and its `/api/v1/…` paths where they were half moved to
    /// `api.axiom.co`.
    ///
    /// ## Why is this bad?
    /// `cloud.axiom.co` was replaced by `api.axiom.co` (API) and `app.axiom.co` (console) in
    /// 2023; its `/api/v1/` paths became `/v1/` (axiomhq/next-axiom #62). Only the CLI still
    /// rewrites `cloud.` to `api.` for you.
    ///
    /// AXIOM.md ("Domains") names `cloud.axiom.co` as the only pre-2023 host. An `/api/v1/`
    /// path on any other Axiom host is not reported: Axiom's other services have such paths
    /// of their own (the model database at `modeldb.axiom.co/api/v1/models`, queried from
    /// APL in axiomhq/mcp; the status page), and moving them to `api.axiom.co` would break
    /// working code. AXIOM.md does not list those services; in a credential field their host
    /// is AXL112, whose help never moves it.
    ///
    /// ## Example
    /// ```toml
    /// [deployments.prod]
    /// url = "https://cloud.axiom.co"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [deployments.prod]
    /// url = "https://api.axiom.co"
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix moves the URL to `api.axiom.co` and `/api/v1/` to `/v1/`, which is the
    /// documented replacement, but ingest and query should then move to an edge. A whole
    /// legacy ingest URL (`…/v1/datasets/<dataset>/ingest` or `…/elastic`, used as written: a
    /// URL in code, `AXIOM_INGEST_URL`, a Beats host, Vector's `url` with a path) moves instead
    /// to the US East 1 edge's `/v1/ingest/<dataset>`, since the legacy route accepted only
    /// datasets in US East 1 (AXIOM.md, "Domains"): `api.axiom.co`'s route would be AXL107.
    /// An organization whose data is elsewhere names its own edge.
    ///
    /// The fix is written in the field's own form: `api.axiom.co` in a bare domain
    /// (`AXIOM_DOMAIN`), `api` in a subdomain used for the API. A field that wants an edge (a
    /// bare edge domain such as `AXIOM_EDGE`, Vector's `region` or Fluent Bit's `Host`; a
    /// deployment ID (Terraform's `edge_deployment`); an edge URL; an OTLP endpoint; a Beats base; Vector's `url` without a path, which Vector sends
    /// ingest to) gets no fix: the legacy host does not say which edge, and `api.axiom.co` there
    /// would be AXL103, AXL107 or AXL108. Its help names the form the field takes.
    ///
    /// A bare `https://cloud.axiom.co` whose role is not known (a URL in code or text, a config
    /// key axiom-lint does not know) gets no fix: it served the web console too, now
    /// `app.axiom.co`, and the help names both.
    pub(crate) struct LegacyCloudDomain;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for finding in context.host_findings_for(Rule::LegacyCloudDomain) {
        let mut diagnostic = finding
            .diagnostic(format!(
                "`{}` uses the pre-2023 `cloud.axiom.co` API",
                finding.key()
            ))
            .with_label("legacy cloud URL");
        diagnostic = match &finding.replacement {
            Some(modern) => diagnostic.with_help(format!("use `{modern}`")).with_edit(
                format!("Replace with `{modern}`"),
                context.value_edit(&finding.host.field, modern),
                Applicability::Unsafe,
            ),
            // Only ingest and query are left without a fix in a subdomain: they go to an edge.
            None if finding.host.role == HostRole::Subdomain => diagnostic.with_help(
                "use your edge's subdomain for ingest and query, such as `eu-central-1.aws.edge`",
            ),
            // A bare URL of unknown role has no replacement: it may be the console.
            None if finding.host.role == HostRole::AnyUrl => diagnostic.with_help(
                "the old host served both the API and the console: use `https://api.axiom.co` where this is the API, or `https://app.axiom.co` where it links to the web console",
            ),
            // The field wants an edge (or a form the API host's URL is not): it is told what
            // it takes, as every host rule tells it.
            None => diagnostic.with_help(crate::rules::where_to_point(finding.host.role)),
        };
        out.push(diagnostic);
    }
}
