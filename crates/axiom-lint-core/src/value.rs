//! Small questions about a raw value's text, asked by every classifier: no Axiom knowledge here.

/// [`str::trim`], answered without decoding characters when the text starts and ends with a
/// visible ASCII character, as nearly every value does.
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether `value` is a reference resolved at deploy or run time rather than a literal:
/// `${VAR}`, `${env:VAR}`, `$VAR`, `${{ secrets.X }}`, `{{ .Values.x }}`, `%VAR%`.
pub fn is_env_reference(value: &str) -> bool {
    let value = trim(value);
    let is_identifier = |s: &str| {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if let Some(inner) = value.strip_prefix("${").and_then(|v| v.strip_suffix('}')) {
        return !trim(inner).is_empty();
    }
    if let Some(inner) = value.strip_prefix("{{").and_then(|v| v.strip_suffix("}}")) {
        return !trim(inner).is_empty();
    }
    // Kubernetes expands `$(V)` in a container's `env[].value` from earlier entries.
    if let Some(name) = value.strip_prefix("$(").and_then(|v| v.strip_suffix(')')) {
        return is_identifier(name);
    }
    if let Some(name) = value.strip_prefix('$') {
        return is_identifier(name);
    }
    if let Some(name) = value.strip_prefix('%').and_then(|v| v.strip_suffix('%')) {
        return is_identifier(name);
    }
    false
}

/// A canonical UUID in any case: 8-4-4-4-12 hex digits. Checked byte by byte: it runs for
/// every dash of every file.
pub(crate) fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}
