//! What `hcl-edit` will pay for the object literals of a text, read before it parses them.
//!
//! `hcl-edit` keeps an object's keys in a `VecMap` (its keys are expressions, which cannot be
//! hashed), so it compares each new key with every earlier one: an object of k keys costs
//! k²/2 comparisons, and one hostile object of 100,000 keys takes minutes. This forward pass
//! counts the keys of each object literal, with a stack as deep as the nesting, and refuses a
//! text whose objects would cost more than a budget that grows with its length: the work
//! stays linear in the text, and objects of the size real configurations hold (thousands of
//! keys) are parsed as before.

use std::ops::Range;

/// Key comparisons allowed in one object: about 2,800 keys.
const PER_OBJECT: usize = 4_000_000;

/// Key comparisons allowed in the whole text, per byte of it (and never less than one
/// object's): many objects of moderate size pass, a text of nothing but large objects does
/// not, so the parser's work stays within a constant per byte.
const PER_BYTE: usize = 64;

/// Nesting deeper than this is not counted: the parser refuses it anyway.
const MAX_DEPTH: usize = 4096;

/// The object literal that took the text over its budget.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TooManyKeys {
    /// The object's opening brace.
    pub(super) brace: Range<usize>,
    /// Its keys, counted up to the point the budget ran out.
    pub(super) keys: usize,
    /// Whether the whole text's budget ran out (many large objects), not this object's own.
    pub(super) whole_text: bool,
}

/// What a frame of the stack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// An object literal opened at this byte, with the keys counted so far.
    Object { brace: usize, keys: usize },
    /// A block body, an interpolation `${ … }`, or a `(`/`[` group: code whose `=` and `:`
    /// are not this object's keys.
    Code { closer: u8 },
    /// A quoted string.
    String,
    /// A heredoc ending at a line holding only `text[marker]`.
    Heredoc {
        marker_start: usize,
        marker_end: usize,
    },
}

/// Counts the object literals' keys and returns the one that exhausts the budget, if any.
pub(super) fn check(text: &str) -> Result<(), TooManyKeys> {
    // Every key is written with `=` or `:`: a text with few of them cannot hold a large
    // object, and most files are answered without walking them.
    let separators = memchr::memchr2_iter(b'=', b':', text.as_bytes()).count();
    if separators.saturating_mul(separators.saturating_sub(1)) / 2 <= PER_OBJECT {
        return Ok(());
    }
    let budget = PER_OBJECT.max(text.len().saturating_mul(PER_BYTE));
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut spent = 0usize;
    // The last byte of code outside comments and blanks, which tells an object literal's `{`
    // (after `=`, `(`, `,`, `[`, `?`, `:`) from a block body's (after a name or a label).
    let mut previous = b'\n';
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        match stack.last().copied() {
            Some(Frame::String) => {
                match byte {
                    b'\\' => at += 1,
                    b'"' | b'\n' => {
                        stack.pop();
                        previous = b'"';
                    }
                    b'$' | b'%' if bytes.get(at + 1) == Some(&b'{') => {
                        if bytes.get(at.wrapping_sub(1)) != Some(&byte) {
                            push(&mut stack, Frame::Code { closer: b'}' });
                            previous = b'{';
                        }
                        at += 1;
                    }
                    _ => {}
                }
                at += 1;
                continue;
            }
            Some(Frame::Heredoc {
                marker_start,
                marker_end,
            }) => {
                if byte == b'\n' {
                    let line_end = memchr::memchr(b'\n', &bytes[at + 1..])
                        .map_or(bytes.len(), |end| at + 1 + end);
                    let line = text[at + 1..line_end].trim();
                    if line == &text[marker_start..marker_end] {
                        stack.pop();
                        previous = b'"';
                        at = line_end;
                        continue;
                    }
                } else if matches!(byte, b'$' | b'%') && bytes.get(at + 1) == Some(&b'{') {
                    if bytes.get(at.wrapping_sub(1)) != Some(&byte) {
                        push(&mut stack, Frame::Code { closer: b'}' });
                        previous = b'{';
                    }
                    at += 1;
                }
                at += 1;
                continue;
            }
            _ => {}
        }
        match byte {
            b'#' => at = line_end(bytes, at),
            b'/' if bytes.get(at + 1) == Some(&b'/') => at = line_end(bytes, at),
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = memchr::memmem::find(&bytes[at + 2..], b"*/")
                    .map_or(bytes.len(), |end| at + 2 + end + 2);
                continue;
            }
            b'"' => push(&mut stack, Frame::String),
            b'<' if bytes.get(at + 1) == Some(&b'<') => {
                let mut start = at + 2;
                if bytes.get(start) == Some(&b'-') {
                    start += 1;
                }
                let end = start
                    + bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                        .count();
                if end > start {
                    push(
                        &mut stack,
                        Frame::Heredoc {
                            marker_start: start,
                            marker_end: end,
                        },
                    );
                    at = line_end(bytes, end);
                    continue;
                }
            }
            b'{' => {
                let object =
                    !(previous.is_ascii_alphanumeric() || matches!(previous, b'_' | b'-' | b'"'));
                push(
                    &mut stack,
                    if object {
                        Frame::Object { brace: at, keys: 0 }
                    } else {
                        Frame::Code { closer: b'}' }
                    },
                );
            }
            b'(' => push(&mut stack, Frame::Code { closer: b')' }),
            b'[' => push(&mut stack, Frame::Code { closer: b']' }),
            b'}' | b')' | b']' => {
                let closes = match stack.last() {
                    Some(Frame::Object { .. }) => byte == b'}',
                    Some(Frame::Code { closer }) => *closer == byte,
                    _ => false,
                };
                if closes {
                    stack.pop();
                }
            }
            b'=' | b':' => {
                let operator = byte == b'='
                    && (matches!(bytes.get(at + 1), Some(b'=' | b'>'))
                        || matches!(previous, b'=' | b'!' | b'<' | b'>'));
                if !operator && let Some(Frame::Object { brace, keys }) = stack.last_mut() {
                    // The new key is compared with every earlier one.
                    spent = spent.saturating_add(*keys);
                    *keys += 1;
                    let own = *keys * (*keys - 1) / 2;
                    if own > PER_OBJECT || spent > budget {
                        return Err(TooManyKeys {
                            brace: *brace..*brace + 1,
                            keys: *keys,
                            whole_text: own <= PER_OBJECT,
                        });
                    }
                }
            }
            _ => {}
        }
        if !byte.is_ascii_whitespace() {
            previous = byte;
        }
        at += 1;
    }
    Ok(())
}

/// Pushes a frame, unless the nesting is deeper than anything the parser accepts: then the
/// rest is counted in the frame it is in, which over-counts nothing but its own keys.
fn push(stack: &mut Vec<Frame>, frame: Frame) {
    if stack.len() < MAX_DEPTH {
        stack.push(frame);
    }
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |end| from + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(keys: usize) -> String {
        let mut text = String::from("locals {\n  x = {\n");
        for key in 0..keys {
            text.push_str(&format!("    k{key} = \"v\"\n"));
        }
        text.push_str("  }\n}\n");
        text
    }

    #[test]
    fn objects_of_real_sizes_pass_and_a_hostile_one_is_refused() {
        assert_eq!(check(&object(2000)), Ok(()));
        let hostile = object(20_000);
        let refused = check(&hostile).expect_err("refused");
        assert_eq!(&hostile[refused.brace.clone()], "{");
        assert_eq!(
            refused.brace.start,
            hostile.find("= {").map_or(0, |at| at + 2)
        );
    }

    /// The finding says which budget ran out: one object's own, or the whole text's.
    #[test]
    fn the_refusal_says_whether_one_object_or_the_whole_text_is_too_large() {
        assert!(!check(&object(20_000)).expect_err("refused").whole_text);
        let objects: String = (0..40)
            .map(|object| {
                let keys: String = (0..2_000).map(|key| format!("k{key}=1\n")).collect();
                format!("  m{object} = {{\n{keys}  }}\n")
            })
            .collect();
        let refused = check(&format!("locals {{\n{objects}}}\n")).expect_err("refused");
        assert!(refused.whole_text && refused.keys <= 2_000, "{refused:?}");
    }

    #[test]
    fn many_moderate_objects_pass() {
        let objects: String = (0..40)
            .map(|object| {
                let keys: String = (0..600)
                    .map(|key| format!("    k{key} = \"v\"\n"))
                    .collect();
                format!("  m{object} = {{\n{keys}  }}\n")
            })
            .collect();
        assert_eq!(check(&format!("locals {{\n{objects}}}\n")), Ok(()));
    }

    #[test]
    fn block_bodies_strings_heredocs_and_comments_hold_no_object_keys() {
        let mut text = String::new();
        for key in 0..20_000 {
            // Attributes of a body, `=` in strings, comments, heredocs and operators.
            text.push_str(&format!(
                "a{key} = \"x = {{ y = 1 }}\" # z = {{ w = 2 }}\nb{key} = a == b\nc{key} = <<EOT\n{{ k = 1 }}\nEOT\n"
            ));
        }
        let text = format!("locals {{\n{text}}}\n");
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn keys_in_an_interpolation_inside_a_string_are_counted() {
        let keys: String = (0..20_000).map(|key| format!("k{key} = 1, ")).collect();
        let text = format!("a = \"${{jsonencode({{{keys}}})}}\"\n");
        assert!(check(&text).is_err());
        let escaped = format!("a = \"$${{jsonencode({{{keys}}})}}\"\n");
        assert_eq!(check(&escaped), Ok(()));
    }
}
