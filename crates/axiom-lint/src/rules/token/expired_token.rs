//! AXL210 expired-token: `expires_at` in the past, or within 14 days.

use jiff::{SignedDuration, Timestamp};

use crate::diagnostic::Diagnostic;
use crate::registry::Severity;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;

/// How far ahead an expiry is worth a warning: two weeks leaves time to rotate.
const WARN_WITHIN: SignedDuration = SignedDuration::from_hours(14 * 24);

rule_docs! {
    /// ## What it does
    /// Reports a connection whose `expires_at` is in the past (error) or within the next 14
    /// days (warning).
    ///
    /// ## Why is this bad?
    /// API tokens can be created with an expiry; after it every request fails with 401, often
    /// at night, in a pipeline nobody watches. Two weeks' notice leaves time to rotate.
    ///
    /// ## Example
    /// ```toml
    /// [connections.ingest]
    /// subdomain = "eu-central-1.aws.edge"
    /// token = "${AXIOM_TOKEN}"
    /// expires_at = 2025-01-01T00:00:00Z
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [connections.ingest]
    /// subdomain = "eu-central-1.aws.edge"
    /// token = "${AXIOM_TOKEN}"   # a new token
    /// expires_at = 2027-06-01T00:00:00Z
    /// ```
    ///
    /// ## Fix safety
    /// No fix: create a new token and record its expiry.
    pub(crate) struct ExpiredToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let now = context.settings.now;
    for site in context.sites {
        let Some(field) = site.expires_at() else {
            continue;
        };
        let Some(expires) = field.text().and_then(parse_expiry) else {
            continue;
        };
        let remaining = expires.duration_since(now);
        let (severity, message) = if remaining <= SignedDuration::ZERO {
            (
                Severity::Error,
                format!("the token expired on {}", date(expires)),
            )
        } else if remaining <= WARN_WITHIN {
            let days = remaining.as_hours() / 24;
            (
                Severity::Warning,
                format!(
                    "the token expires on {} (in {days} day{})",
                    date(expires),
                    if days == 1 { "" } else { "s" }
                ),
            )
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(Rule::ExpiredToken, field.span(), message)
                .with_severity(severity)
                .with_label("expiry")
                .with_help("create a new token in Axiom's settings, then update this connection and `expires_at`"),
        );
    }
}

/// RFC 3339 timestamps; a date or a local date-time without offset is read as UTC.
fn parse_expiry(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(timestamp) = text.parse::<Timestamp>() {
        return Some(timestamp);
    }
    let utc = jiff::tz::TimeZone::UTC;
    if let Ok(datetime) = text.parse::<jiff::civil::DateTime>() {
        return utc.to_timestamp(datetime).ok();
    }
    let date = text.parse::<jiff::civil::Date>().ok()?;
    utc.to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .ok()
}

fn date(timestamp: Timestamp) -> String {
    timestamp.strftime("%Y-%m-%d").to_string()
}
