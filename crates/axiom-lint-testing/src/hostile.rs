//! The leak check behind the fuzz target and its stable stand-in: any bytes, taken as a file
//! in every format (UTF-8, UTF-16, or not text at all), as a configuration file, and as a
//! path or argument echoed back, go through every stage and every renderer, and no output
//! holds a part of a token that the input held, whether written plainly, escaped, split
//! across lines or damaged by a byte that is not UTF-8.

use std::collections::BTreeSet;
use std::ops::Range;

use axiom_lint_core::{find_prefixes, find_tokens, find_uuid_runs};

use axiom_lint::render::{self, FileReport, GraphicalOptions};
use axiom_lint::{Format, LintResult, Settings, SourceFile};

/// Hex runs shorter than this are not checked: four trailing digits are shown by design
/// (`xaat-…8ec6`), and short runs occur in any text by chance.
const MIN_FRAGMENT: usize = 8;

/// Names whose language changes how the text scan reads code (heredocs, strings over lines,
/// raw strings, nested comments, lifetimes, script bodies): the text scan runs as each too.
/// A name without an extension takes its comments and language from a shebang, if the input
/// starts with one.
const TEXT_LANGUAGES: &[&str] = &[
    "fuzz.sh",
    "fuzz.rb",
    "fuzz.pl",
    "fuzz.php",
    "fuzz.rs",
    "fuzz.cpp",
    "fuzz.kt",
    "fuzz.vue",
    "fuzz-script",
];

/// Runs `data` through every path into the program and returns the first leak found, as a
/// description that names the output and not the secret.
pub fn check(data: &[u8]) -> Result<(), String> {
    let settings = Settings::default();
    let secrets = secret_fragments(data);
    let mut outputs: Vec<(String, String)> = Vec::new();
    for format in Format::ALL {
        let name = format!("fuzz.{}", format.name());
        let linted = axiom_lint::lint_bytes(&name, data.to_vec(), format, &settings);
        outputs.extend(
            every_rendering(&linted.source, &linted.result)
                .into_iter()
                .map(|(renderer, text)| (format!("{} as {renderer}", format.name()), text)),
        );
    }
    for name in TEXT_LANGUAGES {
        let format = Format::text(std::path::Path::new(name));
        let linted = axiom_lint::lint_bytes(name, data.to_vec(), format, &settings);
        outputs.extend(
            every_rendering(&linted.source, &linted.result)
                .into_iter()
                .map(|(renderer, text)| (format!("{name} as {renderer}"), text)),
        );
    }
    // The configuration file: its errors, rendered as the command renders them.
    let config_text = String::from_utf8_lossy(data).into_owned();
    if let Some(diagnostics) = axiom_lint::config_errors("axiom-lint.toml", &config_text) {
        let secrets_in_config = axiom_lint::text_secret_spans(&config_text);
        let source = SourceFile::new("axiom-lint.toml", config_text.clone(), Format::Toml);
        let result = LintResult {
            diagnostics,
            secrets: secrets_in_config,
            ..LintResult::default()
        };
        outputs.push((
            "configuration error".to_owned(),
            render::graphical(&source, &result, GraphicalOptions::default()),
        ));
    }
    // A path or an argument (`--select`, `rule`, `--stdin-filename`) echoed back, as the
    // command shows them: redacted as echoed text where it is quoted, made inert, then
    // redacted again on the way out like every byte printed.
    let echoed = render::inert(&axiom_lint::redact_echoed(&config_text)).into_owned();
    outputs.push((
        "echoed argument".to_owned(),
        axiom_lint::redact(&format!("`{echoed}` names no rule")).into_owned(),
    ));
    outputs.push((
        "path".to_owned(),
        axiom_lint::redact(&format!("{echoed}:1:1: AXL201 [error] message")).into_owned(),
    ));
    for (name, output) in &outputs {
        let lower = without_control_escapes(&output.to_ascii_lowercase());
        if let Some(secret) = secrets
            .iter()
            .find(|secret| lower.contains(secret.as_str()))
        {
            return Err(format!(
                "{name} shows {} hex digits of a token body",
                secret.len()
            ));
        }
    }
    Ok(())
}

/// The text with every escape that output writes for a control character (`\x10`,
/// `\u{202e}`) replaced by a space: its hex digits are the escape's own, and beside digits of
/// the text they would make a run that neither holds.
fn without_control_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let byte_escape = tail
            .get(2..4)
            .filter(|hex| tail.starts_with("\\x") && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|_| 4);
        let char_escape = tail
            .strip_prefix("\\u{")
            .and_then(|inner| {
                inner
                    .find('}')
                    .filter(|end| inner[..*end].bytes().all(|b| b.is_ascii_hexdigit()))
            })
            .map(|end| 3 + end + 1);
        match byte_escape.or(char_escape) {
            Some(len) => {
                out.push(' ');
                rest = &tail[len..];
            }
            None => {
                out.push('\\');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every rendering of a file, as the renderers produce them.
fn every_rendering(source: &SourceFile, result: &LintResult) -> Vec<(&'static str, String)> {
    let report = [FileReport {
        source,
        result,
        path: &source.path,
    }];
    vec![
        (
            "full",
            render::graphical(source, result, GraphicalOptions::default()),
        ),
        ("concise", render::concise(source, result)),
        ("json", render::json(&report)),
        ("sarif", render::sarif(&report, "fuzz")),
        ("github", render::github(&report)),
    ]
}

/// The parts of token bodies in the input, lower case, that must never be shown: the hex
/// groups of at least [`MIN_FRAGMENT`] digits of every token, in every view of the input (the
/// bytes as they are, decoded from UTF-16, and every string and key a parser unescaped). A
/// group that the bytes as they are, or as decoded, also hold outside every place a token
/// may be is not counted: showing it may be showing something else (in UTF-16 input, ASCII
/// bytes that decoding turns into other letters are such text).
fn secret_fragments(data: &[u8]) -> BTreeSet<String> {
    let raw = String::from_utf8_lossy(data).to_ascii_lowercase();
    let decoded = axiom_lint::source::decode(data.to_vec()).text;
    let decoded_lower = decoded.to_ascii_lowercase();
    let mut views = vec![raw.clone(), decoded_lower.clone()];
    // A token split by line continuations, even inside its prefix, is whole once they are
    // removed, as TOML and YAML strings read them, whether or not the file parses.
    let joined = [&raw, &decoded_lower].map(|view| axiom_lint::joined_continuations(view));
    views.extend(joined.iter().flatten().map(|(text, _)| text.clone()));
    for format in Format::ALL {
        let source = SourceFile::new("fuzz", decoded.clone(), format);
        if let Some(tree) = axiom_lint::parse_tree(&source) {
            for node in tree.descendants() {
                views.extend(node.entries().iter().map(|e| e.key.to_ascii_lowercase()));
                views.extend(node.as_str().map(str::to_ascii_lowercase));
            }
        }
    }
    let [raw_joined, decoded_joined] = &joined;
    let raw_regions = regions_with_joined(&raw, raw_joined.as_ref());
    let decoded_regions = regions_with_joined(&decoded_lower, decoded_joined.as_ref());
    let mut fragments = BTreeSet::new();
    for view in &views {
        let mut bodies: Vec<&str> = find_tokens(view)
            .map(|found| &view[found.range.start + 5..found.range.end])
            .collect();
        let damaged = damaged_bodies(view);
        bodies.extend(damaged.iter().map(String::as_str));
        for body in bodies {
            for group in body.split(|c: char| !c.is_ascii_hexdigit()) {
                if group.len() >= MIN_FRAGMENT
                    && !outside_regions(&raw, &raw_regions, group)
                    && !outside_regions(&decoded_lower, &decoded_regions, group)
                {
                    fragments.insert(group.to_owned());
                }
            }
        }
    }
    fragments
}

/// Where in `view` a token may be: every UUID-shaped run, and every prefix (plain or escaped)
/// with the run of characters a damaged body can hold after it (letters, digits, `-`, `_`,
/// escapes, anything outside ASCII), on through line continuations. Other punctuation ends
/// it: what follows is other text.
fn token_regions(view: &str) -> Vec<Range<usize>> {
    let in_body =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '\\') || !c.is_ascii();
    let mut regions: Vec<Range<usize>> = find_uuid_runs(view).collect();
    for prefix in find_prefixes(view) {
        let mut end = prefix.end;
        loop {
            end += view[end..]
                .find(|c: char| !in_body(c))
                .unwrap_or(view.len() - end);
            let rest = &view[end..];
            let continued =
                view[..end].ends_with('\\') && (rest.starts_with('\n') || rest.starts_with("\r\n"));
            if let Some(after_gap) = hex_after_gap(view, end) {
                end = after_gap;
                continue;
            }
            if !continued {
                break;
            }
            end = view.len() - rest.trim_start().len();
        }
        regions.push(prefix.start..end);
    }
    regions
}

/// [`token_regions`] of a view, and of the view with its line continuations removed, mapped
/// back onto it.
fn regions_with_joined(
    view: &str,
    joined: Option<&(String, impl Fn(Range<usize>) -> Range<usize>)>,
) -> Vec<Range<usize>> {
    let mut regions = token_regions(view);
    if let Some((text, original)) = joined {
        regions.extend(
            token_regions(text)
                .into_iter()
                .filter(|region| !region.is_empty())
                .map(original),
        );
    }
    regions
}

/// Whether `view` holds `group` anywhere outside `regions`.
fn outside_regions(view: &str, regions: &[Range<usize>], group: &str) -> bool {
    view.match_indices(group).any(|(at, _)| {
        !regions
            .iter()
            .any(|region| region.start <= at && at + group.len() <= region.end)
    })
}

/// Where a word of hex digits and dashes (at least four digits) ends that follows `at` after a
/// gap of one to six characters on the same line: the rest of a body cut by a space or by
/// syntax (HCL `${""}`), which no scan finds whole.
fn hex_after_gap(view: &str, at: usize) -> Option<usize> {
    let in_body =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '\\') || !c.is_ascii();
    let gap: usize = view[at..]
        .chars()
        .take_while(|c| !in_body(*c) && !matches!(c, '\n' | '\r'))
        .take(7)
        .map(char::len_utf8)
        .sum();
    let start = at + gap;
    if gap == 0 || view[at..start].chars().count() > 6 {
        return None;
    }
    let word_len = view[start..]
        .find(|c: char| !in_body(c))
        .unwrap_or(view.len() - start);
    let word = &view[start..start + word_len];
    let hex = word.bytes().filter(u8::is_ascii_hexdigit).count();
    (hex >= 4 && word.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
        .then_some(start + word_len)
}

/// Bodies after a token prefix that damage split, so no scan finds them whole: a byte that
/// was not UTF-8 (U+FFFD), or other characters outside ASCII amid at least 12 hex digits,
/// such as the letters a stray byte makes of the rest of a UTF-16 file. (With fewer, and no
/// U+FFFD, a prefixed word is taken for a placeholder in linted files.)
fn damaged_bodies(view: &str) -> Vec<String> {
    const MIN_HEX_IN_DAMAGED_BODY: usize = 12;
    let mut bodies = Vec::new();
    for prefix in ["xaat-", "xapt-", "xait-"] {
        for (at, _) in view.match_indices(prefix) {
            let body: String = view[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_hexdigit() || *c == '-' || !c.is_ascii())
                .collect();
            let hex = body.bytes().filter(u8::is_ascii_hexdigit).count();
            if body.contains('\u{fffd}') || (!body.is_ascii() && hex >= MIN_HEX_IN_DAMAGED_BODY) {
                bodies.push(body.clone());
            }
            // Cut by a space or by syntax: what follows the gap is the rest of the body.
            let mut end = at + prefix.len() + body.len();
            let mut rest = Vec::new();
            while let Some(after_gap) = hex_after_gap(view, end) {
                let start = end
                    + view[end..]
                        .find(|c: char| c.is_ascii_hexdigit() || c == '-')
                        .unwrap_or(0);
                rest.push(&view[start..after_gap]);
                end = after_gap;
            }
            if !rest.is_empty() && hex >= 4 {
                bodies.extend(rest.into_iter().map(str::to_owned));
            }
        }
    }
    bodies
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";

    /// Hostile seeds: each must pass, and each must actually contain a secret to protect.
    fn seeds() -> Vec<Vec<u8>> {
        let body = &TOKEN[5..];
        let mut bad_byte = format!("token = \"{TOKEN}\"\n").into_bytes();
        bad_byte[20] = 0xff;
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in format!("{{\"token\": \"{TOKEN}\"}}").encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        vec![
            format!("token = \"{TOKEN}\"\n").into_bytes(),
            format!("{{\"note\": \"xaat-{}\\u002d{}\"}}", &body[..8], &body[9..]).into_bytes(),
            format!(
                "note = \"\"\"xaat-{}-\\\n  {}\"\"\"\n",
                &body[..13],
                &body[14..]
            )
            .into_bytes(),
            bad_byte,
            utf16,
            format!("{TOKEN} = [\"\n").into_bytes(),
            format!("select = [\"{TOKEN}\"]\n").into_bytes(),
            // What the stable fuzz run found in configuration errors: a bad byte and junk
            // inside a token, fewer than 12 hex digits before a line continuation, and a
            // prefix written with escapes.
            [
                format!("select = [\"xaat-{}", &body[..11]).as_bytes(),
                b"\xff\"{[",
                format!("{}\n", &body[11..]).as_bytes(),
            ]
            .concat(),
            format!(
                "note = \"\"\"xaat-{}\\\n  {}\"\"\"\n",
                &body[..8],
                &body[8..]
            )
            .into_bytes(),
            format!(
                "note = \"\\u0078aat-{}\\u002d{}\"\n",
                &body[..8],
                &body[9..]
            )
            .into_bytes(),
            // A Logstash output, read around the text scan's URLs: a token as the host, the
            // user and the password, each echoed by a finding's message or help if anywhere.
            format!(
                "output {{ opensearch {{ hosts => [\"http://{TOKEN}.axiom.co\"] user => \"{TOKEN}\" password => '{TOKEN}' }} }}\n"
            )
            .into_bytes(),
            // A Fluent Bit YAML output whose token, host and port come from `env:`, judged
            // where `env:` defines them.
            format!(
                "env:\n  T: {TOKEN}\n  H: {TOKEN}.axiom.co\n  P: {TOKEN}\npipeline:\n  outputs:\n    - name: http\n      host: ${{H}}\n      port: ${{P}}\n      header:\n        - Authorization Bearer ${{T}}\n"
            )
            .into_bytes(),
            // A Grafana datasource in Terraform, its settings inside `jsonencode({ … })`.
            format!(
                "resource \"grafana_data_source\" \"a\" {{\n  type = \"axiomhq-axiom-datasource\"\n  json_data_encoded = jsonencode({{ apiHost = \"{TOKEN}\", edgeURL = \"http://{TOKEN}.axiom.co\" }})\n  secure_json_data_encoded = jsonencode({{ accessToken = \"x{TOKEN}\" }})\n}}\n"
            )
            .into_bytes(),
            // Code whose comments and strings the text scan reads forward: a token as the host
            // inside a block comment opened mid-line, after a lifetime, in a raw string, a
            // template literal over lines and a docstring.
            format!(
                "init(); /* https://{TOKEN}.axiom.co */ const u = \"https://{TOKEN}.axiom.co/v1/x\";\nfn f<'a>(x: &'a str) {{ }} // https://{TOKEN}.axiom.co\nlet r = r#\"// \"https://{TOKEN}.axiom.co\"\"#;\nconst t = `\n// https://{TOKEN}.axiom.co/api/v1\n`;\n"
            )
            .into_bytes(),
            format!(
                "def f():\n    \"\"\"https://{TOKEN}.axiom.co # x\n    \"\"\"\n    X = '''\n# https://{TOKEN}.axiom.co/api/v1\n'''  # don't\n"
            )
            .into_bytes(),
            // The forms read by language: a heredoc, a string over lines, a C++ raw string,
            // nested comments, a lifetime bound, and a script body in markup.
            format!(
                "cat <<'EOF' # https://{TOKEN}.axiom.co\n#define U \"https://{TOKEN}.axiom.co/api/v1\"\nEOF\nH=\"a\n# {TOKEN}\"\nauto s = R\"x(// https://{TOKEN}.axiom.co)x\"; /* /* https://{TOKEN}.axiom.co */ {TOKEN} */\nimpl<T: 'a> X {{ }} // it's https://{TOKEN}.axiom.co\n<script>// https://{TOKEN}.axiom.co\n</script><style>/* {TOKEN} */</style>\n"
            )
            .into_bytes(),
        ]
    }

    #[test]
    fn hostile_seeds_leak_nothing() {
        for (index, seed) in seeds().iter().enumerate() {
            assert!(
                !secret_fragments(seed).is_empty(),
                "seed {index} holds a secret"
            );
            assert_eq!(check(seed), Ok(()), "seed {index}");
        }
    }

    const PIECES: &[&str] = &[
        "token = \"",
        "{\"t\": \"",
        "\"",
        "\n",
        "xaat-",
        "2b1e1f4a",
        "-7c3d-4e5f-9a8b-",
        "\\u002d",
        "\\u0078aat-",
        "x\\u0061pt-",
        "\\x78ait-",
        "\"{[",
        "\\\n   ",
        "0c1d2e3f8ec6",
        "\"\"\"",
        "'",
        "\u{1b}[31m",
        "::error::",
        "ENC[x]",
        "}",
        " = ",
        "output { opensearch { hosts => [\"http://",
        ".axiom.co\"] user => ",
        " password => ",
        "/*",
        "*/",
        "//",
        " # ",
        "`",
        "r#\"",
        "\"#",
        "@\"",
        "<'a>",
        "'\"'",
        "https://",
        ".axiom.co/api/v1",
        "<<'EOF'\n",
        "\nEOF\n",
        "R\"x(",
        ")x\"",
        "T: 'a ",
        "<script>",
        "</script>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Token parts, escapes and continuations in any order, with a stray byte.
        #[test]
        fn hostile_pieces_in_any_order_leak_nothing(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 1..16),
            stray in proptest::option::of(proptest::prelude::any::<u8>()),
        ) {
            let mut data = pieces.concat().into_bytes();
            if let Some(byte) = stray {
                data.insert(data.len() / 2, byte);
            }
            proptest::prop_assert_eq!(check(&data), Ok(()));
        }
    }

    #[test]
    fn escapes_of_control_characters_are_not_digits_of_the_text() {
        assert_eq!(
            without_control_escapes(r"a\x10c1d \u{202e}x \xzz \u{12"),
            r"a c1d  x \xzz \u{12"
        );
    }

    #[test]
    fn a_leak_is_caught() {
        // The check itself must be able to fail: a rendering that shows the body is reported.
        let secrets = secret_fragments(format!("a = \"{TOKEN}\"").as_bytes());
        assert!(secrets.contains("0c1d2e3f8ec6") && secrets.contains("2b1e1f4a"));
    }
}
