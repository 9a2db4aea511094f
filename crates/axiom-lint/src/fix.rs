//! Fix planning, shared by `--fix`, `--diff` and the editor server: which of a file's fixes to
//! apply together, and the text they produce. Writing files is the caller's business.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::LintResult;
use crate::diagnostic::{Applicability, Edit};
use crate::registry::Rule;
use crate::settings::Settings;
use crate::source::SourceFile;

/// The fixes to apply to one file.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Sorted by position, none overlapping.
    edits: Vec<&'a Edit>,
    /// How many findings the plan fixes.
    pub fixed: usize,
}

/// Picks the applicable fixes: whole or not at all, never overlapping (a fix that overlaps an
/// earlier one waits for the next run). `None` when nothing applies. `wanted` says which
/// findings may be fixed (not those a baseline accepted, say).
pub fn plan<'a>(
    result: &'a LintResult,
    unsafe_fixes: bool,
    wanted: impl Fn(usize) -> bool,
) -> Option<Plan<'a>> {
    let mut fixes: Vec<_> = result
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(index, _)| wanted(*index))
        .filter_map(|(_, d)| d.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe || unsafe_fixes)
        .collect();
    fixes.sort_by_key(|fix| fix.edits.first().map(|e| e.span.start));
    // Taken edits by (start, end): disjoint, so the one starting last before an edit's end is
    // the only one that can overlap it; a lookup per edit, not a scan of every earlier edit.
    let mut taken: BTreeMap<(usize, usize), &Edit> = BTreeMap::new();
    let mut fixed = 0;
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            count_overlap_check();
            taken
                .range(..(edit.span.end, 0))
                .next_back()
                .is_some_and(|(_, before)| overlap(&before.span, &edit.span))
                || fix
                    .edits
                    .iter()
                    .any(|other| !std::ptr::eq(other, edit) && overlap(&other.span, &edit.span))
        });
        if !overlaps {
            for edit in &fix.edits {
                taken.insert((edit.span.start, edit.span.end), edit);
            }
            fixed += 1;
        }
    }
    let edits: Vec<&Edit> = taken.into_values().collect();
    (!edits.is_empty()).then_some(Plan { edits, fixed })
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl Plan<'_> {
    /// The edits, sorted by position and none overlapping (the editor server sends them as
    /// one workspace edit).
    pub fn edits(&self) -> &[&Edit] {
        &self.edits
    }

    /// `text` with the edits applied, in one pass (edits are byte ranges into the file, so
    /// this works for the masked copy too, which has the same length).
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for edit in &self.edits {
            let in_bounds = edit.span.end <= text.len()
                && edit.span.start >= at
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end);
            if in_bounds {
                out.push_str(&text[at..edit.span.start]);
                out.push_str(&edit.replacement);
                at = edit.span.end;
            }
        }
        out.push_str(&text[at..]);
        out
    }

    /// The fixed text of `source`, or `None` if it would no longer parse.
    pub fn fixed_text(&self, source: &SourceFile, settings: &Settings) -> Option<String> {
        let text = self.apply(&source.text);
        let check = SourceFile::new(source.path.clone(), text, source.format);
        let still_parses = !crate::lint(&check, settings)
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::ParseError);
        still_parses.then_some(check.text)
    }
}

fn count_overlap_check() {
    #[cfg(any(test, feature = "counters"))]
    crate::counters::overlap_check();
}

/// A fix changes only the value it fixes: the fixed file parses to the same tree with that one
/// value replaced by the intended text, in every format and every way of writing a string.
#[cfg(test)]
mod keeps_meaning {
    use proptest::prelude::*;

    use crate::settings::Settings;
    use crate::source::{Format, SourceFile};
    use crate::tree::{Node, Value};

    /// Every value in the tree by its path, spans left out.
    fn values(node: &Node<'_>, path: &str, out: &mut Vec<(String, String)>) {
        match &node.value {
            Value::Table(entries) => {
                for entry in entries {
                    values(&entry.value, &format!("{path}/{}", entry.key), out);
                }
            }
            Value::Array(items) | Value::Documents(items) => {
                for (index, item) in items.iter().enumerate() {
                    values(item, &format!("{path}/{index}"), out);
                }
            }
            Value::String(text) => out.push((path.to_owned(), format!("s:{text}"))),
            other => out.push((path.to_owned(), format!("{other:?}"))),
        }
    }

    fn tree(format: Format, text: &str) -> Option<Vec<(String, String)>> {
        let source = SourceFile::new(name(format), text.to_owned(), format);
        let node = crate::parse::parse(&source).ok()?;
        let mut out = Vec::new();
        values(&node, "", &mut out);
        Some(out)
    }

    fn name(format: Format) -> &'static str {
        match format {
            Format::Toml => "Cargo.toml",
            Format::Json => "settings.json",
            Format::Yaml => "app.yaml",
            Format::Dotenv => ".env",
            _ => "main.tf",
        }
    }

    /// How a value is written in each format: a style's opening and closing, and the pieces of
    /// raw text that are valid inside it (escapes, interpolation, quotes of the other kind).
    fn styles(format: Format) -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
        let common = vec!["/a", "/b?c=d", "-x_y.z"];
        let with = |extra: &[&'static str]| {
            let mut pieces = common.clone();
            pieces.extend_from_slice(extra);
            pieces
        };
        match format {
            Format::Toml => vec![
                (
                    "\"",
                    "\"",
                    with(&["\\u0041", "\\\\", "\\\"", "#h", " ", "'", "${x}"]),
                ),
                ("'", "'", with(&["\\u0041", "#h", " ", "\"", "${x}"])),
                (
                    "\"\"\"\n",
                    "\"\"\"",
                    with(&["\\u0041", "\\\\", "\"", "#h", " "]),
                ),
                ("'''", "'''", with(&["\\n", "\"", "#h", " "])),
            ],
            Format::Json => vec![(
                "\"",
                "\"",
                with(&["\\u0041", "\\\\", "\\\"", "\\/", " ", "'", "${x}"]),
            )],
            Format::Yaml => vec![
                ("", "", with(&["#h", "'"])),
                ("'", "'", with(&["''", "\\u0041", " ", "\"", "#h"])),
                (
                    "\"",
                    "\"",
                    with(&["\\u0041", "\\\\", "\\\"", "\\x41", " ", "'"]),
                ),
                ("|\n    ", "", with(&["\\u0041", " ", "'", "\"", "#h"])),
            ],
            Format::Dotenv => vec![
                ("", "", with(&["${X}"])),
                ("'", "'", with(&["\\n", " ", "\"", "#h", "${X}"])),
                (
                    "\"",
                    "\"",
                    with(&["\\n", "\\\\", "\\\"", " ", "'", "#h", "${X}"]),
                ),
            ],
            _ => vec![
                (
                    "\"",
                    "\"",
                    with(&[
                        "${var.path}",
                        "\\u0041",
                        "\\\\",
                        "\\\"",
                        "$${x}",
                        "%{ if true }y%{ endif }",
                        " ",
                        "'",
                    ]),
                ),
                (
                    "<<EOT\n",
                    "\nEOT",
                    with(&["${var.path}", "\\u0041", "\"", " "]),
                ),
            ],
        }
    }

    fn document(format: Format, values: [&str; 3]) -> String {
        let [target, other, more] = values;
        match format {
            Format::Toml => {
                format!("[env]\nAXIOM_URL = {target}\nOTHER = {other}\nMORE = {more}\n")
            }
            Format::Json => format!(
                "{{\"env\": {{\"AXIOM_URL\": {target}, \"OTHER\": {other}, \"MORE\": {more}}}}}\n"
            ),
            Format::Yaml => {
                format!("env:\n  AXIOM_URL: {target}\n  OTHER: {other}\n  MORE: {more}\n")
            }
            Format::Dotenv => format!("AXIOM_URL={target}\nOTHER={other}\nMORE={more}\n"),
            _ => {
                format!("env {{\n  AXIOM_URL = {target}\n  OTHER = {other}\n  MORE = {more}\n}}\n")
            }
        }
    }

    const FORMATS: [Format; 5] = [
        Format::Toml,
        Format::Json,
        Format::Yaml,
        Format::Dotenv,
        Format::Hcl,
    ];

    /// A literal: a style of the format, a head (the fixable part) and raw pieces.
    fn literal(format: Format, head: &str, style: usize, pieces: &[usize]) -> String {
        let styles = styles(format);
        let (open, close, allowed) = &styles[style % styles.len()];
        let mut body = head.to_owned();
        for piece in pieces {
            body.push_str(allowed[piece % allowed.len()]);
        }
        // A plain YAML scalar or bare dotenv value cannot end in a space.
        if open.is_empty() {
            body = body.trim_end().to_owned();
        }
        format!("{open}{body}{close}")
    }

    /// Applies every fix and checks the tree: `None` when there was nothing to fix.
    fn check(format: Format, text: &str) -> Option<Result<(), String>> {
        let settings = Settings::default();
        let source = SourceFile::new(name(format), text.to_owned(), format);
        let before = tree(format, text)?;
        let result = crate::lint(&source, &settings);
        let plan = super::plan(&result, true, |_| true)?;
        let Some(fixed) = plan.fixed_text(&source, &settings) else {
            return Some(Ok(()));
        };
        let Some(after) = tree(format, &fixed) else {
            return Some(Err(format!("the fixed file does not parse:\n{fixed}")));
        };
        let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
        if before.len() != after.len() {
            return Some(Err(format!(
                "the tree's shape changed:\n{text}\n->\n{fixed}"
            )));
        }
        for (old, new) in &changed {
            if !old.0.ends_with("/AXIOM_URL") || new.0 != old.0 {
                return Some(Err(format!(
                    "{} changed: {} -> {}\n{text}\n->\n{fixed}",
                    old.0, old.1, new.1
                )));
            }
            let intended = match old.1.strip_prefix("s:http://") {
                Some(rest) => format!("s:https://{rest}"),
                None => old.1.replacen("s:", "s:https://", 1),
            };
            // A rule may also drop the whitespace around a URL it rewrites.
            let spaceless = |text: &str| {
                text.replace([' ', '\t'], "")
                    .trim_end_matches(['\n', '\r'])
                    .to_owned()
            };
            if spaceless(&new.1) != spaceless(&intended) {
                return Some(Err(format!(
                    "the fixed value is {} instead of {intended}\n{text}\n->\n{fixed}",
                    new.1
                )));
            }
        }
        Some(Ok(()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn a_fix_changes_only_the_value_it_fixes(
            format in 0..FORMATS.len(),
            secure in any::<bool>(),
            styles in proptest::array::uniform3(0..4usize),
            pieces in proptest::array::uniform3(proptest::collection::vec(0..16usize, 0..4)),
        ) {
            let format = FORMATS[format];
            let head = if secure { "api.axiom.co" } else { "http://api.axiom.co" };
            let target = literal(format, head, styles[0], &pieces[0]);
            let other = literal(format, "v", styles[1], &pieces[1]);
            let more = literal(format, "w", styles[2], &pieces[2]);
            let text = document(format, [&target, &other, &more]);
            if let Some(Err(problem)) = check(format, &text) {
                prop_assert!(false, "{problem}");
            }
        }
    }

    /// A block scalar's value ends with line breaks its bytes do not hold (they end at the last
    /// character); the fix still edits the line in place rather than requoting the block.
    #[test]
    fn a_fix_keeps_a_yaml_block_scalar_a_block() {
        for header in ["|", "|-", "|+", ">", ">-", ">+"] {
            let text =
                format!("env:\n  AXIOM_URL: {header}\n    http://api.axiom.co\n\n  OTHER: v\n");
            let source = SourceFile::new(name(Format::Yaml), text.clone(), Format::Yaml);
            let settings = Settings::default();
            let result = crate::lint(&source, &settings);
            let fixed = super::plan(&result, true, |_| true)
                .and_then(|plan| plan.fixed_text(&source, &settings));
            assert_eq!(fixed, Some(text.replace("http://", "https://")), "{header}");
        }
    }

    /// The cases, and proof that the documents above are fixed at all.
    #[test]
    fn each_format_fixes_its_plain_value_and_keeps_templates_and_heredocs() {
        for format in FORMATS {
            let text = document(
                format,
                [
                    &literal(format, "http://api.axiom.co", 0, &[]),
                    "\"v\"",
                    "\"w\"",
                ],
            );
            assert_eq!(check(format, &text), Some(Ok(())), "{text}");
        }
        let hcl = "env {\n  AXIOM_URL = \"http://api.axiom.co/${var.path}\\u0041\"\n}\n";
        assert_eq!(check(Format::Hcl, hcl), Some(Ok(())));
        let heredoc = "env {\n  AXIOM_URL = <<EOT\nhttp://api.axiom.co/x\nEOT\n}\n";
        assert_eq!(check(Format::Hcl, heredoc), Some(Ok(())));
    }
}
