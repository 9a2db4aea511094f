//! AXL1xx: where requests go. Every host value gets one verdict (decided in `verdict.rs`) so
//! that each value reports only its most specific problem; the rule files word and fix them.

mod beats_url;
pub(crate) mod console_domain_as_api;
pub(crate) mod edge_domain_as_api_url;
pub(crate) mod edge_field_not_domain;
pub(crate) mod endpoint_host_mismatch;
pub(crate) mod ingest_on_api_domain;
pub(crate) mod insecure_scheme;
pub(crate) mod legacy_cloud_domain;
pub(crate) mod legacy_eu_domain;
pub(crate) mod mixed_edges;
pub(crate) mod subdomain_not_bare;
pub(crate) mod unknown_axiom_host;
pub(crate) mod unknown_edge;
pub(crate) mod url_and_region;
pub(crate) mod url_missing_scheme;
mod urls;
mod verdict;

use std::rc::Rc;

use axiom_lint_core::Purpose;

use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::settings::Settings;
use crate::site::{HostField, Site};

pub(crate) use self::beats_url::beats_url;
use self::urls::{LEGACY_INGEST_EDGE, edge_path};
pub(crate) use self::verdict::Mismatch;
use self::verdict::{VerdictQuestion, Verdicts, decide};
use super::Context;

/// The verdict on one host value.
#[derive(Debug, Clone)]
pub(crate) struct HostFinding<'a> {
    pub(crate) rule: Rule,
    pub(crate) site: &'a Site<'a>,
    pub(crate) host: &'a HostField<'a>,
    /// The host (or bare subdomain) the value names, lowercase.
    pub(crate) host_name: Rc<str>,
    /// What the whole value should be instead, when that can be worked out.
    pub(crate) replacement: Option<Rc<str>>,
    /// For AXL108 on a URL: which way round the path and the host disagree.
    pub(crate) mismatch: Option<Mismatch>,
}

impl HostFinding<'_> {
    /// A diagnostic on the value, with its pointer.
    pub(crate) fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule, self.host.field.span(), message)
    }

    /// The field's key, for messages.
    pub(crate) fn key(&self) -> &str {
        self.host.field.key
    }
}

impl<'a> Context<'a> {
    /// The host findings a rule owns.
    pub(crate) fn host_findings_for(&self, rule: Rule) -> impl Iterator<Item = &HostFinding<'a>> {
        self.host_findings
            .iter()
            .filter(move |finding| finding.rule == rule)
    }
}

/// Decides the one finding (if any) for every host value in every site.
pub(crate) fn host_findings<'a>(
    sites: &'a [Site<'a>],
    settings: &Settings,
) -> Vec<HostFinding<'a>> {
    let mut findings = Vec::new();
    // A file repeats its hosts (one edge in every sink): each distinct question is answered
    // once. The verdict depends on the role, the key (placeholders), the value, and for a
    // subdomain the site's purposes.
    let mut answered: ahash::AHashMap<VerdictQuestion<'a>, Verdicts> = ahash::AHashMap::new();
    // Neighbouring sites mostly ask the same question (sink after sink on one edge): the
    // last one is compared before any hashing.
    let mut last: Option<(VerdictQuestion<'a>, Verdicts)> = None;
    for site in sites {
        for host in &site.hosts {
            let Some(value) = host.field.text() else {
                continue;
            };
            let question = VerdictQuestion {
                role: host.role,
                key: host.field.key,
                value,
                ingest_or_query: site.has_purpose(Purpose::Ingest)
                    || site.has_purpose(Purpose::Query),
                manage: site.has_purpose(Purpose::Manage),
            };
            let verdict = match &last {
                Some((asked, verdict)) if *asked == question => verdict.clone(),
                _ => {
                    let verdict = answered
                        .entry(question.clone())
                        .or_insert_with(|| decide(site, host, value, &settings.edges))
                        .clone();
                    last = Some((question, verdict.clone()));
                    verdict
                }
            };
            // An OTLP exporter in code sent to a path that takes no OTLP gets AXL301, whose
            // help names the signal's path on an edge: the host rules' help, which keeps the
            // path, would be advice the tool does not accept.
            let path_for_axl301 = site
                .otlp_exporter
                .as_ref()
                .is_some_and(|exporter| exporter.path_is_foreign(value));
            for verdict in verdict {
                if path_for_axl301
                    && matches!(
                        verdict.rule,
                        Rule::EndpointHostMismatch | Rule::IngestOnApiDomain
                    )
                {
                    continue;
                }
                findings.push(HostFinding {
                    rule: verdict.rule,
                    site,
                    host,
                    host_name: verdict.host_name,
                    replacement: verdict.replacement,
                    mismatch: verdict.mismatch,
                });
            }
        }
    }
    findings
}
