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
        // Every host value of every site is split, often more than once: the searches are
        // byte searches (all delimiters are ASCII), not `str` pattern searches.
        let bytes = text.as_bytes();
        let (scheme, authority_start) = match find_scheme_separator(bytes) {
            Some(end)
                if end > 0
                    && bytes[..end]
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) =>
            {
                (Some(0..end), end + 3)
            }
            _ => (None, 0),
        };
        let authority_end = authority_start
            + memchr::memchr3(b'/', b'?', b'#', &bytes[authority_start..])
                .unwrap_or(bytes.len() - authority_start);
        let authority = &bytes[authority_start..authority_end];
        // `user@host`: the host is what follows the last `@`, as browsers and the `url` crate read it.
        let host_start = authority_start + memchr::memrchr(b'@', authority).map_or(0, |at| at + 1);
        let host_and_port = &bytes[host_start..authority_end];
        let (host, port) = match memchr::memrchr(b':', host_and_port) {
            Some(colon) if !host_and_port.starts_with(b"[") => (
                host_start..host_start + colon,
                Some(host_start + colon + 1..authority_end),
            ),
            _ => (host_start..authority_end, None),
        };
        if host.is_empty() {
            return None;
        }
        let path_end = authority_end
            + memchr::memchr2(b'?', b'#', &bytes[authority_end..])
                .unwrap_or(bytes.len() - authority_end);
        Some(Self {
            text,
            scheme,
            host,
            port,
            path: authority_end..path_end,
            rest: path_end..text.len(),
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

/// Where the first `://` starts.
fn find_scheme_separator(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b':', bytes).find(|&colon| bytes[colon..].starts_with(b"://"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The splitter's definition, in `str` searches: the byte searches must agree with it.
    fn split_by_definition(text: &str) -> Option<UrlParts<'_>> {
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
        let authority_end = authority_start + after.find(['/', '?', '#']).unwrap_or(after.len());
        let authority = &text[authority_start..authority_end];
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
        Some(UrlParts {
            text,
            scheme,
            host,
            port,
            path: authority_end..authority_end + path_len,
            rest: authority_end + path_len..text.len(),
        })
    }

    proptest! {
        #[test]
        fn byte_searches_agree_with_the_definition(
            text in "([a-zA-Z+.-]{0,6}(://|:/|:)?)?[a-zé@:./?#\\[\\]-]{0,30}"
        ) {
            prop_assert_eq!(UrlParts::split(&text), split_by_definition(&text));
        }

        #[test]
        fn byte_searches_agree_on_any_text(text in "\\PC{0,40}") {
            prop_assert_eq!(UrlParts::split(&text), split_by_definition(&text));
        }
    }

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
