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
        // Ruby's `#{dataset}` (in code, in ERB templates) is a piece of the path, not a fragment.
        let path_end = memchr::memchr2_iter(b'?', b'#', &bytes[authority_end..])
            .map(|at| authority_end + at)
            .find(|&at| !bytes[at..].starts_with(b"#{"))
            .unwrap_or(bytes.len());
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

    /// The userinfo before the host (`axiom:API_TOKEN` in `https://axiom:API_TOKEN@host`),
    /// without its `@`.
    pub fn userinfo(&self) -> Option<Range<usize>> {
        let start = self.scheme.as_ref().map_or(0, |scheme| scheme.end + 3);
        let at = self.host.start.checked_sub(1)?;
        (at >= start && self.text.as_bytes()[at] == b'@').then_some(start..at)
    }

    /// Whether anything follows the host other than a lone `/`.
    pub fn has_path(&self) -> bool {
        let path = self.path_str();
        !(path.is_empty() || path == "/") || !self.rest.is_empty()
    }
}

/// The longest userinfo read back from a host in text: a bound, so a long run of name bytes
/// before each of many `@` is walked once per `axiom.co`, not without end.
const MAX_USERINFO: usize = 512;

/// Where the userinfo ends at the `@` at `at` in text starts, when it is one
/// (`https://axiom:API_TOKEN@api.axiom.co`): right after the `://` of a scheme. `None` for an
/// e-mail address (`support@axiom.co`) or anything else before an `@`.
pub fn userinfo_start(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'@') {
        return None;
    }
    let mut start = at;
    // RFC 3986 userinfo (unreserved, `%`, sub-delims, `:`), without the quotes, brackets and
    // comma that end a URL in text, with the `${…}` of a template.
    while start > 0 && at - start < MAX_USERINFO && is_userinfo_byte(bytes[start - 1]) {
        start -= 1;
    }
    let scheme_end = start.checked_sub(3)?;
    let has_scheme = &bytes[scheme_end..start] == b"://"
        && scheme_end > 0
        && bytes[scheme_end - 1].is_ascii_alphanumeric();
    (has_scheme && start < at).then_some(start)
}

/// A byte of RFC 3986 userinfo (unreserved, `%`, sub-delims, `:`) as it is written in text:
/// without the quotes, brackets and comma that end a URL there, with the `${…}` of a template.
fn is_userinfo_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'%'
                | b'!'
                | b'$'
                | b'&'
                | b'*'
                | b'+'
                | b';'
                | b'='
                | b':'
                | b'{'
                | b'}'
        )
}

/// The password of every URL's userinfo in any text (`https://axiom:<password>@host`): it may
/// be a token or another secret, so it is shown nowhere. A placeholder (`API_TOKEN`) or a
/// reference (`${AXIOM_TOKEN}`) is left out, as for tokens. Linear: the walk from each `://`
/// stops at the next `/`, which no userinfo holds.
pub fn userinfo_passwords(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for separator in memchr::memmem::find_iter(bytes, b"://") {
        let start = separator + 3;
        let mut end = start;
        while end < bytes.len() && end - start < MAX_USERINFO && is_userinfo_byte(bytes[end]) {
            end += 1;
        }
        if bytes.get(end) != Some(&b'@') {
            continue;
        }
        let Some(colon) = memchr::memchr(b':', &bytes[start..end]) else {
            continue;
        };
        let password = start + colon + 1..end;
        // Only ASCII bytes were walked: the range is on character boundaries.
        let value = &text[password.clone()];
        if !value.is_empty()
            && !crate::is_placeholder(value)
            && !crate::is_env_reference(value)
            && !value.contains("${")
        {
            found.push(password);
        }
    }
    found
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
        let path_len = tail
            .match_indices(['?', '#'])
            .map(|(at, _)| at)
            .find(|&at| !tail[at..].starts_with("#{"))
            .unwrap_or(tail.len());
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
            text in "([a-zA-Z+.-]{0,6}(://|:/|:)?)?[a-zé@:./?#{\\[\\]-]{0,30}"
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
    fn a_ruby_interpolation_is_part_of_the_path() {
        let url = UrlParts::split("https://api.axiom.co/v1/datasets/#{ds}/ingest#top").unwrap();
        assert_eq!(url.path_str(), "/v1/datasets/#{ds}/ingest");
        assert_eq!(url.rest_str(), "#top");
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
    fn finds_userinfo() {
        let text = "https://axiom:API_TOKEN@api.axiom.co/v1/datasets/DATASET_NAME/ingest";
        let url = UrlParts::split(text).unwrap();
        assert_eq!(url.host_str(), "api.axiom.co");
        assert_eq!(url.userinfo().map(|r| &text[r]), Some("axiom:API_TOKEN"));
        let url = UrlParts::split("https://user@api.axiom.co").unwrap();
        assert_eq!(url.userinfo().map(|r| r.len()), Some(4));
        assert_eq!(
            UrlParts::split("https://api.axiom.co").unwrap().userinfo(),
            None
        );
    }

    #[test]
    fn userinfo_in_text_needs_a_scheme() {
        let start = |text: &str| userinfo_start(text.as_bytes(), text.rfind('@').unwrap());
        assert_eq!(start("x \"https://axiom:API_TOKEN@"), Some(11));
        assert_eq!(start("https://a:${AXIOM_TOKEN}@"), Some(8));
        assert_eq!(start("mail support@"), None);
        assert_eq!(start("://user@"), None);
        assert_eq!(start("https://@"), None);
        let long = format!("https://{}@", "a".repeat(MAX_USERINFO + 1));
        assert_eq!(start(&long), None);
    }

    #[test]
    fn passwords_in_userinfo_are_found_placeholders_aside() {
        let text = "a https://axiom:s3cret@api.axiom.co b http://u:API_TOKEN@x.io \
                    c https://u:${AXIOM_TOKEN}@x.io d https://user@x.io e ://:p@ f https://u:p/@x";
        let found: Vec<&str> = userinfo_passwords(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["s3cret", "p"]);
    }

    #[test]
    fn rejects_hostless_text() {
        assert_eq!(UrlParts::split(""), None);
        assert_eq!(UrlParts::split("https:///path"), None);
    }
}
