//! A lenient URL splitter for configuration values, which are often not quite URLs.
//!
//! Config fields hold `https://api.axiom.co`, `api.axiom.co`, `api.axiom.co:443/v1` or
//! `http://user@host/path`; a strict URL parser rejects half of these, yet each is a real
//! mistake we want to explain. This splitter never fails on such input and keeps byte offsets
//! into the original text so fixes and labels can point at the exact part.

use std::ops::Range;

/// The parts of a URL-ish string, as byte ranges into the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    text: &'a str,
    /// The scheme without `://`, such as `https`, if one was written.
    pub scheme: Option<Range<usize>>,
    /// The host, without userinfo, port or trailing path.
    pub host: Range<usize>,
    /// The port digits after `:`, if any.
    pub port: Option<Range<usize>>,
    /// Everything from the first `/` after the host, without query or fragment.
    pub path: Range<usize>,
    /// A query string or fragment, including its `?` or `#`.
    pub rest: Range<usize>,
}

impl<'a> UrlParts<'a> {
    /// Splits `text`; returns `None` only when no host-like part exists at all.
    pub fn split(text: &'a str) -> Option<Self> {
        let (scheme, authority_start) = match text.find("://") {
            Some(end)
                if end > 0
                    && text[..end]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) =>
            {
                (Some(0..end), end + 3)
            }
            _ => (None, 0),
        };
        let after = &text[authority_start..];
        let authority_len = after.find(['/', '?', '#']).unwrap_or(after.len());
        let authority_end = authority_start + authority_len;
        let authority = &text[authority_start..authority_end];
        // `user@host`: the host is what follows the last `@`, as browsers and the `url` crate read it.
        let host_start = authority_start + authority.rfind('@').map_or(0, |at| at + 1);
        let host_and_port = &text[host_start..authority_end];
        let (host, port) = match host_and_port.rfind(':') {
            Some(colon) if !host_and_port.starts_with('[') => (
                host_start..host_start + colon,
                Some(host_start + colon + 1..authority_end),
            ),
            _ => (host_start..authority_end, None),
        };
        if host.is_empty() {
            return None;
        }
        let tail = &text[authority_end..];
        let path_len = tail.find(['?', '#']).unwrap_or(tail.len());
        Some(Self {
            text,
            scheme,
            host,
            port,
            path: authority_end..authority_end + path_len,
            rest: authority_end + path_len..text.len(),
        })
    }

    /// The scheme as written, such as `https` or `HTTP`.
    pub fn scheme_str(&self) -> Option<&'a str> {
        self.scheme.clone().map(|r| &self.text[r])
    }

    /// The host as written.
    pub fn host_str(&self) -> &'a str {
        &self.text[self.host.clone()]
    }

    /// The path as written, empty when there is none.
    pub fn path_str(&self) -> &'a str {
        &self.text[self.path.clone()]
    }

    /// The query string or fragment as written, with its `?` or `#`; empty when there is none.
    pub fn rest_str(&self) -> &'a str {
        &self.text[self.rest.clone()]
    }

    /// The port as written.
    pub fn port_str(&self) -> Option<&'a str> {
        self.port.clone().map(|r| &self.text[r])
    }

    /// Whether anything follows the host other than a lone `/`.
    pub fn has_path(&self) -> bool {
        let path = self.path_str();
        !(path.is_empty() || path == "/") || !self.rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_full_urls() {
        let url = UrlParts::split("https://api.axiom.co:443/v1/datasets?x=1").unwrap();
        assert_eq!(url.scheme_str(), Some("https"));
        assert_eq!(url.host_str(), "api.axiom.co");
        assert_eq!(url.port_str(), Some("443"));
        assert_eq!(url.path_str(), "/v1/datasets");
        assert!(url.has_path());
    }

    #[test]
    fn accepts_missing_scheme_and_userinfo() {
        let url = UrlParts::split("cloud.axiom.co/api/v1").unwrap();
        assert_eq!(url.scheme_str(), None);
        assert_eq!(url.host_str(), "cloud.axiom.co");
        assert_eq!(url.path_str(), "/api/v1");

        let url = UrlParts::split("https://api.axiom.co@evil.example/").unwrap();
        assert_eq!(url.host_str(), "evil.example");
        assert!(!url.has_path());
    }

    #[test]
    fn rejects_hostless_text() {
        assert_eq!(UrlParts::split(""), None);
        assert_eq!(UrlParts::split("https:///path"), None);
    }
}
