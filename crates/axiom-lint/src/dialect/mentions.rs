//! Where a file names Axiom: every `axiom` in its text (any case), found in one scan, so
//! that recognisers ask each key and value by a lookup instead of a search of its own.
//!
//! Most keys and values are slices of the file's text (they were written without escapes),
//! and a slice holds a word exactly when the text holds it at an offset inside the slice.
//! Anything else (an unescaped copy, a value carved out of another) is searched as before.

use crate::prefilter::contains_ax_word;

/// The offsets of every `axiom`, in any case, in a file's text; or, for a text dense with
/// them, nothing: there, a lookup would cost as much as the search it saves, and the scan
/// would cost more.
#[derive(Debug)]
pub(super) struct Mentions<'s> {
    text: &'s str,
    axiom_at: Option<Vec<usize>>,
}

/// The word every other one starts with.
const AXIOM: &[u8] = b"axiom";

/// A text with more than one `axiom` in this many bytes (after the first few) is dense.
const DENSE_EVERY: usize = 64;

impl<'s> Mentions<'s> {
    pub(super) fn find(text: &'s str) -> Self {
        let bytes = text.as_bytes();
        let mut axiom_at = Vec::new();
        for x in memchr::memchr2_iter(b'x', b'X', bytes) {
            let Some(start) = x.checked_sub(1) else {
                continue;
            };
            if bytes
                .get(start..start + AXIOM.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(AXIOM))
            {
                axiom_at.push(start);
                if axiom_at.len() > 8 + start / DENSE_EVERY {
                    return Self {
                        text,
                        axiom_at: None,
                    };
                }
            }
        }
        Self {
            text,
            axiom_at: Some(axiom_at),
        }
    }

    /// Whether `s` holds `AXIOM`, in any case.
    #[inline]
    pub(super) fn axiom(&self, s: &str) -> bool {
        self.holds(s, AXIOM)
    }

    /// Whether `s` holds `axiom.co`, in any case.
    #[inline]
    pub(super) fn axiom_domain(&self, s: &str) -> bool {
        self.holds(s, crate::AXIOM_DOMAIN_BYTES)
    }

    /// Whether `s` holds `word`, a word that starts with `axiom`.
    #[inline]
    fn holds(&self, s: &str, word: &[u8]) -> bool {
        if s.len() < word.len() {
            return false;
        }
        let Some(axiom_at) = &self.axiom_at else {
            return contains_ax_word(s.as_bytes(), word);
        };
        let Some(start) = self.offset_of(s) else {
            return contains_ax_word(s.as_bytes(), word);
        };
        let end = start + s.len();
        let first = axiom_at.partition_point(|&at| at < start);
        axiom_at[first..]
            .iter()
            .take_while(|&&at| at + word.len() <= end)
            .any(|&at| self.text.as_bytes()[at..at + word.len()].eq_ignore_ascii_case(word))
    }

    /// Where `s` starts in the text, if it is a slice of it.
    fn offset_of(&self, s: &str) -> Option<usize> {
        let offset = s.as_ptr().addr().wrapping_sub(self.text.as_ptr().addr());
        (offset <= self.text.len() && s.len() <= self.text.len() - offset).then_some(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A lookup answers as a search of the slice would, for every slice of a text, and
        /// for copies, which are searched.
        #[test]
        fn lookups_agree_with_searching_the_slice(
            text in "([aAxXiIoOmM.cC_ -]{0,40}|[a-z ]{0,600}axiom\\.co[a-z ]{0,600})",
            from in 0usize..1300,
            len in 0usize..1300,
        ) {
            let mentions = Mentions::find(&text);
            let from = from.min(text.len());
            let slice = &text[from..(from + len).min(text.len())];
            let copy = slice.to_owned();
            for s in [slice, copy.as_str()] {
                prop_assert_eq!(mentions.axiom(s), contains_ax_word(s.as_bytes(), b"axiom"));
                prop_assert_eq!(
                    mentions.axiom_domain(s),
                    contains_ax_word(s.as_bytes(), b"axiom.co")
                );
            }
        }
    }
}
