//! Logstash pipelines (`logstash.conf`, `pipeline/*.conf`) sending to Axiom's Elasticsearch-
//! compatible endpoint through the `opensearch` output: `hosts => ["https://<edge>:443/v1/
//! ingest/<dataset>/elastic"]`, `user => "axiom"`, `password => <API token>` (AXIOM.md, "More
//! places credentials live", Elastic Beats and Logstash).
//!
//! Logstash's syntax is its own and its files have free names, so they are not a format: they
//! get the text scan, which finds the Axiom URLs. Where it found one, this reads the file's
//! block structure in one pass (comments, quoted strings, braces, `key => value`), so an
//! `opensearch { … }` inside `output { … }` (also inside a conditional) is read with its
//! fields' exact spans, and nothing outside such a block is.

use std::borrow::Cow;
use std::ops::Range;

use axiom_lint_core::{Purpose, is_env_reference};

use super::{Input, Sites};
use crate::site::{BeatsOutput, Dialect, Field, HostRole, Purposes, TokenField};
use crate::source::{Format, TextComments};
use crate::tree::{Node, Value};

/// The plugin that sends to Axiom.
const PLUGIN: &str = "opensearch";

/// Nesting deeper than this is not a pipeline anyone writes: blocks below it are passed over
/// (still counted, so the structure around them is kept).
const MAX_DEPTH: usize = 64;

pub(super) fn recognise<'t>(input: &Input<'_, 't>, sites: &mut Sites<'t>) {
    // Only `#`-comment text files, where the text scan found an Axiom URL, that name the plugin.
    if input.source.format != Format::Text(TextComments::Hash) || input.root.entries().is_empty() {
        return;
    }
    let text = sites.text();
    if memchr::memmem::find(text.as_bytes(), PLUGIN.as_bytes()).is_none() {
        return;
    }
    for output in outputs(text) {
        push_site(&output, text, sites);
    }
}

/// One token of Logstash's syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A bare word: a section, plugin or setting name, or a bare value.
    Word(Range<usize>),
    /// A quoted string: its bytes, quotes included, and its content.
    Str(Range<usize>, Range<usize>),
    Arrow,
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    /// Anything else: numbers, operators, commas.
    Other,
}

/// Logstash's tokens, with comments and regular expressions (`=~ /…/`) passed over.
struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The last token was `=~` or `!~`: a `/` opens a regular expression.
    after_match: bool,
}

impl Lexer<'_> {
    fn next_token(&mut self) -> Option<(Token, usize)> {
        let bytes = self.bytes;
        loop {
            let byte = *bytes.get(self.at)?;
            let start = self.at;
            match byte {
                b' ' | b'\t' | b'\r' | b'\n' => self.at += 1,
                b'#' => {
                    self.at =
                        memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
                }
                b'"' | b'\'' => {
                    let mut end = start + 1;
                    while let Some(&c) = bytes.get(end) {
                        if c == b'\\' {
                            end += 2;
                        } else if c == byte {
                            break;
                        } else {
                            end += 1;
                        }
                    }
                    // An unclosed string runs to the end of the file.
                    let close = end.min(bytes.len());
                    self.at = (close + 1).min(bytes.len());
                    self.after_match = false;
                    return Some((Token::Str(start..self.at, start + 1..close), start));
                }
                b'/' if self.after_match => {
                    let mut end = start + 1;
                    while let Some(&c) = bytes.get(end) {
                        if c == b'\\' {
                            end += 2;
                        } else if c == b'/' || c == b'\n' {
                            break;
                        } else {
                            end += 1;
                        }
                    }
                    self.at = (end + 1).min(bytes.len());
                    self.after_match = false;
                    return Some((Token::Other, start));
                }
                _ => {
                    self.at += 1;
                    let next = bytes.get(self.at).copied();
                    let token = match byte {
                        b'=' if next == Some(b'>') => {
                            self.at += 1;
                            Token::Arrow
                        }
                        b'=' | b'!' if next == Some(b'~') => {
                            self.at += 1;
                            self.after_match = true;
                            return Some((Token::Other, start));
                        }
                        b'{' => Token::Open,
                        b'}' => Token::Close,
                        b'[' => Token::OpenBracket,
                        b']' => Token::CloseBracket,
                        c if c.is_ascii_alphabetic() || c == b'_' => {
                            while bytes.get(self.at).is_some_and(|c| {
                                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
                            }) {
                                self.at += 1;
                            }
                            Token::Word(start..self.at)
                        }
                        _ => Token::Other,
                    };
                    self.after_match = false;
                    return Some((token, start));
                }
            }
        }
    }
}

/// A setting of a plugin: its name's bytes, and each string (or bare word) of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Setting {
    key: Range<usize>,
    values: Vec<(Range<usize>, Range<usize>)>,
}

/// An `opensearch` block inside `output`: its bytes and its settings, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Output {
    span: Range<usize>,
    settings: Vec<Setting>,
}

/// The plugin being read: what it holds so far, and the setting whose value is being read
/// (with whether its `[` list is open).
struct Reading {
    output: Output,
    pending: Option<(Setting, bool)>,
}

impl Reading {
    /// Ends the setting being read, if any.
    fn finish_setting(&mut self) {
        if let Some((setting, _)) = self.pending.take() {
            self.output.settings.push(setting);
        }
    }
}

/// One open block: whether it is `output`, and whether it is the plugin being read.
struct Frame {
    output: bool,
    plugin: bool,
}

/// A setting's name, when `token` is one: a bare word or, as Logstash's grammar also allows,
/// a quoted string's content.
fn name_of(token: &Token) -> Option<Range<usize>> {
    match token {
        Token::Word(range) | Token::Str(_, range) => Some(range.clone()),
        _ => None,
    }
}

/// Every `opensearch` block inside an `output` block, in one pass over the text.
fn outputs(text: &str) -> Vec<Output> {
    let mut lexer = Lexer {
        bytes: text.as_bytes(),
        at: 0,
        after_match: false,
    };
    let mut found = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    // Blocks opened beyond `MAX_DEPTH`, not kept.
    let mut hidden = 0usize;
    let mut outputs_open = 0usize;
    let mut reading: Option<Reading> = None;
    let mut previous: Option<Token> = None;
    while let Some((token, start)) = lexer.next_token() {
        // Settings are read only directly in the plugin's block.
        let body = reading
            .as_mut()
            .filter(|_| hidden == 0 && frames.last().is_some_and(|frame| frame.plugin));
        match (&token, body) {
            (Token::Open, body) => {
                let in_value = body.as_ref().is_some_and(|body| body.pending.is_some());
                // A hash value (`{ "a" => "b" }`) ends the setting it belongs to.
                if let Some(body) = body {
                    body.finish_setting();
                }
                if frames.len() >= MAX_DEPTH || hidden > 0 {
                    hidden += 1;
                } else {
                    let name = match &previous {
                        // Bare words only: a string before `{` ends a condition
                        // (`if [type] == "opensearch" {`).
                        Some(Token::Word(range)) if !in_value => Some(&text[range.clone()]),
                        _ => None,
                    };
                    let output = name == Some("output");
                    outputs_open += usize::from(output);
                    let plugin = name == Some(PLUGIN) && outputs_open > 0 && reading.is_none();
                    if plugin {
                        let plugin_start = match &previous {
                            Some(Token::Word(range)) => range.start,
                            _ => start,
                        };
                        reading = Some(Reading {
                            output: Output {
                                span: plugin_start..plugin_start,
                                settings: Vec::new(),
                            },
                            pending: None,
                        });
                    }
                    frames.push(Frame { output, plugin });
                }
            }
            (Token::Close, _) => {
                if hidden > 0 {
                    hidden -= 1;
                } else if let Some(frame) = frames.pop() {
                    outputs_open -= usize::from(frame.output);
                    if let Some(mut done) = reading.take_if(|_| frame.plugin) {
                        done.finish_setting();
                        done.output.span.end = start + 1;
                        found.push(done.output);
                    }
                }
            }
            (Token::Arrow, Some(body)) => {
                body.finish_setting();
                if let Some(key) = previous.as_ref().and_then(name_of) {
                    let setting = Setting {
                        key,
                        values: Vec::new(),
                    };
                    body.pending = Some((setting, false));
                }
            }
            (Token::OpenBracket, Some(body)) => {
                if let Some((_, in_list)) = &mut body.pending {
                    *in_list = true;
                }
            }
            (Token::CloseBracket, Some(body)) => body.finish_setting(),
            (Token::Str(span, content), Some(body)) => {
                if let Some((setting, in_list)) = &mut body.pending {
                    setting.values.push((span.clone(), content.clone()));
                    if !*in_list {
                        body.finish_setting();
                    }
                }
            }
            // A bare value (`user => axiom`); after anything else, the next setting's name.
            (Token::Word(range), Some(body)) if matches!(previous, Some(Token::Arrow)) => {
                if let Some((setting, _)) = &mut body.pending {
                    setting.values.push((range.clone(), range.clone()));
                }
                body.finish_setting();
            }
            _ => {}
        }
        previous = Some(token);
    }
    found
}

fn push_site<'t>(output: &Output, text: &'t str, sites: &mut Sites<'t>) {
    let setting = |name: &str| {
        output
            .settings
            .iter()
            .rev()
            .find(|setting| &text[setting.key.clone()] == name)
    };
    let field = |setting: &Setting, (span, content): &(Range<usize>, Range<usize>)| {
        let key = &text[setting.key.clone()];
        let mut field = Field::carved(
            key,
            setting.key.clone(),
            Cow::Borrowed(&text[content.clone()]),
            content.clone(),
        );
        field.span = span.clone();
        field
    };
    let hosts: Vec<Field<'t>> = setting("hosts")
        .map(|hosts| {
            hosts
                .values
                .iter()
                .map(|value| field(hosts, value))
                .filter(|host| host.text().is_some_and(|text| sites.names_axiom_host(text)))
                .collect()
        })
        .unwrap_or_default();
    if hosts.is_empty() {
        return;
    }
    let user = setting("user").and_then(|user| user.values.first().map(|value| field(user, value)));
    let password = setting("password")
        .and_then(|password| password.values.first().map(|value| field(password, value)));
    // The block is the site: a token anywhere in it gets Logstash's advice.
    let node: &'t Node<'t> = sites
        .arena
        .alloc(Node::new(output.span.clone(), Value::Table(Vec::new())));
    let mut site = sites.new_site(Dialect::Logstash, node);
    let wrong_user = match &user {
        Some(user) => user
            .text()
            .filter(|name| !name.trim().eq_ignore_ascii_case("axiom") && !is_env_reference(name))
            .map(|_| user.clone()),
        None => None,
    };
    let user_missing = user.is_none().then(|| password.clone()).flatten();
    site.tokens.extend(password.map(TokenField::api_token_only));
    site.purposes = Purposes::only(Purpose::Ingest);
    // The output owns its hosts (the text scan's reading of the same URLs is passed over).
    site.hosts.extend(
        hosts
            .iter()
            .cloned()
            .map(|host| HostRole::BeatsHost.at(host)),
    );
    site.beats = Some(Box::new(BeatsOutput {
        program: "Logstash",
        hosts,
        bare_api_key: None,
        wrong_user,
        user_missing,
    }));
    sites.push(site);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings_of(text: &str) -> Vec<Vec<(String, Vec<String>)>> {
        outputs(text)
            .into_iter()
            .map(|output| {
                output
                    .settings
                    .iter()
                    .map(|setting| {
                        (
                            text[setting.key.clone()].to_owned(),
                            setting
                                .values
                                .iter()
                                .map(|(_, content)| text[content.clone()].to_owned())
                                .collect(),
                        )
                    })
                    .collect()
            })
            .collect()
    }

    fn pair(key: &str, values: &[&str]) -> (String, Vec<String>) {
        (
            key.to_owned(),
            values.iter().map(|value| (*value).to_owned()).collect(),
        )
    }

    #[test]
    fn opensearch_outputs_are_read_with_their_settings() {
        let text = r#"
input { beats { port => 5044 } }
filter {
  if [type] =~ /"{/ { mutate { add_tag => ["x"] } }
}
output {
  # opensearch { hosts => ["https://commented.axiom.co"] }
  if "ship" in [tags] {
    opensearch {
      hosts => ["https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/logs/elastic", 'b']
      user => axiom
      password => "${AXIOM_TOKEN}"
      ssl_certificate_verification => true
      custom_headers => { "X-A" => "b" }
      index => "x"
    }
  } else {
    stdout { codec => rubydebug }
  }
}
"#;
        assert_eq!(
            settings_of(text),
            [vec![
                pair(
                    "hosts",
                    &[
                        "https://eu-central-1.aws.edge.axiom.co:443/v1/ingest/logs/elastic",
                        "b"
                    ]
                ),
                pair("user", &["axiom"]),
                pair("password", &["${AXIOM_TOKEN}"]),
                pair("ssl_certificate_verification", &["true"]),
                pair("custom_headers", &[]),
                pair("index", &["x"]),
            ]]
        );
    }

    #[test]
    fn quoted_setting_names_are_names_and_quoted_words_before_a_block_are_conditions() {
        let text = "output { opensearch { 'hosts' => \"https://api.axiom.co\" } }";
        assert_eq!(
            settings_of(text),
            [vec![pair("hosts", &["https://api.axiom.co"])]]
        );
        let text = "output {\n  if [type] == \"opensearch\" {\n    opensearch { user => \"axiom\" }\n  }\n}\n";
        assert_eq!(settings_of(text), [vec![pair("user", &["axiom"])]]);
    }

    #[test]
    fn opensearch_outside_output_and_unbalanced_text_are_passed_over() {
        assert!(outputs("input { opensearch { hosts => [\"https://api.axiom.co\"] } }").is_empty());
        assert!(outputs("output { opensearch { hosts => [\"https://api.axiom.co").is_empty());
        assert!(outputs("}}} output { \"opensearch\" { } }").is_empty());
        assert!(outputs("output { opensearch => { } }").is_empty());
        let deep = format!(
            "output {{ {} opensearch {{ user => x }}",
            "a { ".repeat(100)
        );
        assert!(outputs(&deep).is_empty());
    }
}
