//! The one table of rules, and each rule's identity: code, name and default severity.
//!
//! What a rule does and its documentation live with the rule in `rules/`, which expands the
//! same table ([`rule_table`]) a second time; identity here knows nothing of them, so
//! diagnostics and settings can name a rule without depending on the rules themselves.

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Likely wrong or risky.
    Warning,
    /// Broken or dangerous.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// Declares a rule's marker type and keeps its doc comment as the rule's documentation, so
/// `axiom-lint rule CODE`, `docs/rules.md` and the README are generated from the code itself.
macro_rules! rule_docs {
    ($(#[doc = $doc:literal])* $vis:vis struct $name:ident;) => {
        $(#[doc = $doc])*
        #[derive(Debug)]
        $vis struct $name;

        impl $name {
            pub(crate) const DOCS: &'static str = concat!($($doc, "\n"),*);
        }
    };
}
pub(crate) use rule_docs;

macro_rules! declare_identity {
    ($($variant:ident => $code:literal, $name:literal, $severity:ident, $($module:ident)::+;)+) => {
        /// Every rule axiom-lint has. Codes are stable and never reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $code, "` ", $name)]
                $variant,
            )+
        }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable code, such as `AXL101`.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)+ }
            }

            /// The kebab-case name, such as `unknown-edge`.
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)+ }
            }

            /// The severity its findings have unless the rule grades them.
            pub fn default_severity(self) -> Severity {
                match self { $(Self::$variant => Severity::$severity,)+ }
            }
        }
    };
}

/// Hands every row of the rule table (variant, code, name, default severity, module under
/// `rules/`) to the macro `$then`: one list, expanded once for identity and once in `rules/`
/// for running and docs, so the two can never disagree on which rules exist.
macro_rules! rule_table {
    ($then:ident) => {
        $then! {
            ParseError => "AXL001", "parse-error", Error, syntax::parse_error;
            SchemaViolation => "AXL002", "schema-violation", Error, syntax::schema_violation;
            DuplicateKey => "AXL003", "duplicate-key", Warning, syntax::duplicate_key;
            UnusedSuppression => "AXL004", "unused-suppression", Warning, syntax::unused_suppression;
            UnknownEdge => "AXL101", "unknown-edge", Error, endpoint::unknown_edge;
            SubdomainNotBare => "AXL102", "subdomain-not-bare", Error, endpoint::subdomain_not_bare;
            EdgeFieldNotDomain => "AXL103", "edge-field-not-domain", Error, endpoint::edge_field_not_domain;
            UrlMissingScheme => "AXL104", "url-missing-scheme", Error, endpoint::url_missing_scheme;
            InsecureScheme => "AXL105", "insecure-scheme", Error, endpoint::insecure_scheme;
            EdgeDomainAsApiUrl => "AXL106", "edge-domain-as-api-url", Error, endpoint::edge_domain_as_api_url;
            IngestOnApiDomain => "AXL107", "ingest-on-api-domain", Warning, endpoint::ingest_on_api_domain;
            EndpointHostMismatch => "AXL108", "endpoint-host-mismatch", Error, endpoint::endpoint_host_mismatch;
            ConsoleDomainAsApi => "AXL109", "console-domain-as-api", Error, endpoint::console_domain_as_api;
            LegacyEuDomain => "AXL110", "legacy-eu-domain", Warning, endpoint::legacy_eu_domain;
            LegacyCloudDomain => "AXL111", "legacy-cloud-domain", Warning, endpoint::legacy_cloud_domain;
            UnknownAxiomHost => "AXL112", "unknown-axiom-host", Warning, endpoint::unknown_axiom_host;
            UrlAndRegion => "AXL113", "url-and-region", Error, endpoint::url_and_region;
            MixedEdges => "AXL114", "mixed-edges", Warning, endpoint::mixed_edges;
            HardcodedToken => "AXL201", "hardcoded-token", Error, token::hardcoded_token;
            PersonalTokenOnEdge => "AXL202", "personal-token-on-edge", Error, token::personal_token_on_edge;
            PersonalTokenWithoutOrgId => "AXL203", "personal-token-without-org-id", Error, token::personal_token_without_org_id;
            PersonalTokenWhereApiTokenRequired => "AXL204", "personal-token-where-api-token-required", Error, token::personal_token_where_api_token_required;
            PersonalToken => "AXL205", "personal-token", Warning, token::personal_token;
            OrgIdWithApiToken => "AXL206", "org-id-with-api-token", Info, token::org_id_with_api_token;
            MalformedToken => "AXL207", "malformed-token", Error, token::malformed_token;
            TokenKindMismatch => "AXL208", "token-kind-mismatch", Error, token::token_kind_mismatch;
            InsufficientPermissions => "AXL209", "insufficient-permissions", Error, token::insufficient_permissions;
            ExpiredToken => "AXL210", "expired-token", Error, token::expired_token;
            PublicEnvToken => "AXL211", "public-env-token", Error, token::public_env_token;
            MalformedOrgId => "AXL212", "malformed-org-id", Warning, token::malformed_org_id;
            UnexpandedReference => "AXL213", "unexpanded-reference", Error, token::unexpanded_reference;
            OrgIdInTerraformProvider => "AXL214", "org-id-in-terraform-provider", Error, token::org_id_in_terraform_provider;
            OtlpEndpointPath => "AXL301", "otlp-endpoint-path", Error, otlp::otlp_endpoint_path;
            OtlpGrpc => "AXL302", "otlp-grpc", Warning, otlp::otlp_grpc;
            OtlpDatasetSharedWithMetrics => "AXL303", "otlp-dataset-shared-with-metrics", Warning, otlp::otlp_dataset_shared_with_metrics;
            FluentBitHttpOutput => "AXL401", "fluent-bit-http-output", Error, fluent_bit::fluent_bit_http_output;
            BeatsAxiomOutput => "AXL501", "beats-axiom-output", Error, beats::beats_axiom_output;
        }
    };
}
pub(crate) use rule_table;

rule_table!(declare_identity);

impl Rule {
    /// The rule with this exact code or name (`AXL101`, `axl101`, `unknown-edge`).
    pub fn from_code_or_name(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|rule| rule.code().eq_ignore_ascii_case(text) || rule.name() == text)
    }

    /// Every rule a selector names: an exact code, a code prefix (`AXL1`), a name, or `ALL`.
    pub fn select(selector: &str) -> Vec<Self> {
        if selector.eq_ignore_ascii_case("ALL") {
            return Self::ALL.to_vec();
        }
        if let Some(rule) = Self::from_code_or_name(selector) {
            return vec![rule];
        }
        let upper = selector.to_ascii_uppercase();
        if upper.starts_with("AXL") {
            return Self::ALL
                .iter()
                .copied()
                .filter(|rule| rule.code().starts_with(&upper))
                .collect();
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_documented_sections() {
        for rule in Rule::ALL {
            let docs = rule.docs();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## Fix safety",
            ] {
                assert!(docs.contains(section), "{} lacks {section}", rule.code());
            }
            assert!(!rule.summary().is_empty(), "{}", rule.code());
        }
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert!(codes.iter().all(|c| c.len() == 6 && c.starts_with("AXL")));
        assert!(
            names
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        codes.sort_unstable();
        codes.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        assert_eq!(names.len(), Rule::ALL.len());
    }

    #[test]
    fn selectors_match_codes_prefixes_and_names() {
        assert_eq!(Rule::select("AXL101"), [Rule::UnknownEdge]);
        assert_eq!(Rule::select("unknown-edge"), [Rule::UnknownEdge]);
        assert_eq!(Rule::select("AXL00").len(), 4);
        assert!(Rule::select("nonsense").is_empty());
    }
}
