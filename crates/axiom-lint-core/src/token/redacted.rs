//! The redacted form of a token: its prefix and at most its last four characters.

use std::fmt;

use super::classify::unwrap_token;
use super::kind::TokenPrefix;

/// A token shown the only way axiom-lint ever shows one: its prefix and at most its last four
/// characters, such as `xaat-…8ec6`.
#[derive(Clone, Copy)]
pub struct Redacted<'a>(pub &'a str);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Fewer than this many hidden characters would make the last four a large share of it.
        const MIN_HIDDEN: usize = 12;
        let value = unwrap_token(self.0);
        let (prefix, body) = match TokenPrefix::of(value) {
            Some(_) => value.split_at(5),
            None => ("", value),
        };
        let body_chars = body.chars().count();
        f.write_str(prefix)?;
        f.write_str("…")?;
        if body_chars >= MIN_HIDDEN + 4 {
            let tail: String = body.chars().skip(body_chars - 4).collect();
            f.write_str(&tail)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redacted({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";
    const PAT: &str = "xapt-9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";

    #[test]
    fn redaction_shows_prefix_and_last_four_only() {
        assert_eq!(Redacted(API).to_string(), "xaat-…8ec6");
        assert_eq!(Redacted(&API[5..]).to_string(), "…8ec6");
        assert_eq!(Redacted("xaat-short").to_string(), "xaat-…");
        assert_eq!(Redacted("hunter2").to_string(), "…");
        assert_eq!(Redacted(&format!("'{API}'")).to_string(), "xaat-…8ec6");
        assert_eq!(Redacted(&format!("Bearer {API}")).to_string(), "xaat-…8ec6");
        assert_eq!(format!("{:?}", Redacted(PAT)), "Redacted(xapt-…7e6f)");
    }
}
