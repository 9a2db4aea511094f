//! What `docs/performance.md` is made of that both `bench` and `scaling` write: the machine's
//! load beside every figure, and the scaling section, which a bench run keeps as it is.

/// The heading of the section `cargo xtask scaling` writes.
pub(crate) const SCALING_HEADING: &str = "## Scaling: every adversarial shape at n and 8n";

/// The scaling section of a performance document, to its end or the next section.
pub(crate) fn scaling_section(doc: &str) -> Option<&str> {
    let start = doc.find(SCALING_HEADING)?;
    let rest = &doc[start + SCALING_HEADING.len()..];
    let end = rest
        .find("\n## ")
        .map_or(doc.len(), |i| start + SCALING_HEADING.len() + i + 1);
    Some(&doc[start..end])
}

/// The one-minute load average, so a figure says how busy the machine was.
pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}
