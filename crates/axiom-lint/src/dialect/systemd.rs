//! systemd units (`*.service`, drop-ins `*.service.d/*.conf`): `Environment=` in `[Service]`
//! as an environment map. A line holds several assignments, separated by blanks; quotes go
//! around a whole assignment (`"K=a b"`), never around a value alone; nothing is expanded
//! (AXIOM.md, "More places credentials live").

use std::borrow::Cow;

use super::{Input, Sites, env_map};
use crate::site::{Consumer, Dialect, Field};
use crate::source::Format;
use crate::tree::Node;

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    if input.source.format != Format::Systemd {
        return;
    }
    let text = sites.text();
    for section in input
        .root
        .entries()
        .iter()
        .filter(|entry| entry.key == "Service")
    {
        let service = &section.value;
        let mut fields = Vec::new();
        for line in service
            .entries()
            .iter()
            .filter(|entry| entry.key == "Environment")
        {
            // Pushed where they are found: one list, however many assignments a line holds.
            assignments(&line.value, text, &mut fields);
        }
        if fields.is_empty() {
            continue;
        }
        let before = sites.len();
        env_map::recognise_fields(service, &fields, Consumer::Systemd, sites);
        // The map is read as every environment map is; its advice is systemd's.
        for site in &mut sites[before..] {
            if site.dialect == Dialect::EnvMap {
                site.dialect = Dialect::SystemdEnv;
            }
        }
    }
}

/// Adds to `found` the `KEY=value` assignments of one `Environment=` value, each carved out
/// with its own key and value spans. An assignment whose quotes hold an escape is skipped: its
/// bytes are not its text.
fn assignments<'t>(value: &'t Node<'t>, text: &'t str, found: &mut Vec<Field<'t>>) {
    let Some(line) = value
        .as_str()
        .filter(|line| text.get(value.content.clone()) == Some(*line))
    else {
        return;
    };
    // The line is the file's bytes: take every slice from `text`, for the file's lifetime.
    let base = value.content.start;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let (start, end, next) = match bytes[i] {
            quote @ (b'"' | b'\'') => {
                let Some(length) = line[i + 1..].find(quote as char) else {
                    break;
                };
                (i + 1, i + 1 + length, i + 2 + length)
            }
            _ => {
                let length = line[i..]
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(line.len() - i);
                (i, i + length, i + length)
            }
        };
        i = next;
        let assignment = &line[start..end];
        if assignment.contains('\\') {
            continue;
        }
        let Some(equals) = assignment.find('=') else {
            continue;
        };
        let key_span = base + start..base + start + equals;
        let value_span = base + start + equals + 1..base + end;
        if let (Some(key), Some(value)) = (text.get(key_span.clone()), text.get(value_span.clone()))
        {
            found.push(Field::carved(
                key,
                key_span,
                Cow::Borrowed(value),
                value_span,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::SYSTEMD;
    use crate::parse::Syntax;

    #[test]
    fn assignments_are_split_by_blanks_with_quotes_around_the_whole() {
        let text = "[Service]\nEnvironment=\"A=1 2\" B=3 'C=x' \"D=a\\\"b\" E\n";
        let tree = SYSTEMD.parse(text, 0).expect("parses");
        let line = tree
            .get("Service")
            .and_then(|service| service.get("Environment"))
            .expect("a line");
        let mut fields = Vec::new();
        assignments(line, text, &mut fields);
        let found: Vec<(&str, &str)> = fields
            .iter()
            .map(|field| (field.key, &text[field.span()]))
            .collect();
        assert_eq!(found, [("A", "1 2"), ("B", "3"), ("C", "x")]);
        for field in fields {
            assert_eq!(&text[field.key_span.clone()], field.key);
        }
    }
}
