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
        // Sized for a typical file about Axiom, which names it a few times.
        let mut axiom_at = Vec::with_capacity(16);
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

    /// The items whose text holds `AXIOM`, in their order. When the texts are slices of the
    /// file in file order (a map's keys, mostly), one walk along the file's list of `axiom`s
    /// answers for all of them; otherwise each is asked.
    pub(super) fn filter_axiom<'e, T>(
        &self,
        items: &'e [T],
        text_of: impl Fn(&'e T) -> &'e str,
    ) -> Vec<&'e T> {
        if let Some(axiom_at) = &self.axiom_at
            && let Some(found) = self.merge_axiom(axiom_at, items, &text_of)
        {
            return found;
        }
        items
            .iter()
            .filter(|item| self.axiom(text_of(item)))
            .collect()
    }

    /// [`Mentions::filter_axiom`] by one walk along `axiom_at`; `None` unless every text is a
    /// slice of the file and they come in file order.
    fn merge_axiom<'e, T>(
        &self,
        axiom_at: &[usize],
        items: &'e [T],
        text_of: &impl Fn(&'e T) -> &'e str,
    ) -> Option<Vec<&'e T>> {
        let mut found = Vec::new();
        let mut next = 0;
        let mut last_start = 0;
        for item in items {
            let text = text_of(item);
            let start = self.offset_of(text)?;
            if start < last_start {
                return None;
            }
            last_start = start;
            while axiom_at.get(next).is_some_and(|&at| at < start) {
                next += 1;
            }
            // The first `axiom` at or after the text's start is the one that can fit in it.
            if axiom_at
                .get(next)
                .is_some_and(|&at| at + AXIOM.len() <= start + text.len())
            {
                found.push(item);
            }
        }
        Some(found)
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
        /// Filtering a list answers as asking each item would, in order or not.
        #[test]
        fn filtering_agrees_with_asking_each(
            text in "([aAxXiIoOmM_ ]{0,60}|[a-z ]{0,300}axiom[a-z ]{0,300}AXIOM[a-z ]{0,100})",
            cuts in prop::collection::vec((0usize..700, 0usize..40), 0..12),
            sorted in any::<bool>(),
        ) {
            let mentions = Mentions::find(&text);
            let mut cuts: Vec<(usize, usize)> = cuts
                .into_iter()
                .map(|(from, len)| {
                    let from = from.min(text.len());
                    (from, (from + len).min(text.len()))
                })
                .collect();
            if sorted {
                cuts.sort_unstable();
            }
            let items: Vec<&str> = cuts.iter().map(|&(from, to)| &text[from..to]).collect();
            let filtered: Vec<&str> = mentions.filter_axiom(&items, |s| s).into_iter().copied().collect();
            let asked: Vec<&str> = items
                .iter()
                .copied()
                .filter(|s| contains_ax_word(s.as_bytes(), b"axiom"))
                .collect();
            prop_assert_eq!(filtered, asked);
        }

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
