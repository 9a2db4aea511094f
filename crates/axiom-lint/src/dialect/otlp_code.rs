//! OTLP exporters built in code (AXIOM.md, "More places credentials live", OTLP exporters in
//! code): which exporter a URL the text scan found is given to, read from the code just before
//! it, without parsing the language.
//!
//! From the URL's string literal the code is read backwards (comments and other string
//! literals skipped), out through the brackets that enclose the URL, at most [`WINDOW`] bytes
//! and never past the URL before it, so each byte of a file is read at most once. At each
//! enclosing bracket the name before it is read (`OTLPLogExporter`,
//! `OtlpHttpSpanExporter.builder().setEndpoint`, `otlptracehttp.WithEndpoint`) and the key the
//! value is given under inside it (`url:`, `endpoint=`, `Endpoint =`). A name counts only when
//! the URL is inside its call, so a name in an earlier statement, whose brackets closed before
//! the URL, never reaches it. The forms read:
//! - JavaScript and TypeScript: `new OTLP{Trace,Log,Metric}Exporter({ url: "…" })`;
//! - Python: `OTLP{Span,Log,Metric}Exporter(endpoint="…")`;
//! - Java and Kotlin: `OtlpHttp{Span,LogRecord,Metric}Exporter.builder()….setEndpoint("…")`;
//! - Go: `otlp{trace,log,metric}http.WithEndpoint("…")` and `….WithEndpointURL("…")`;
//! - .NET: `AddOtlpExporter(o => o.Endpoint = new Uri("…"))`, its signal from the
//!   `WithTracing`, `WithMetrics` or `WithLogging` (or `Logging.AddOpenTelemetry`) around it;
//! - Ruby: `OpenTelemetry::Exporter::OTLP::Exporter.new(endpoint: "…")`, and
//!   `…::Logs::LogsExporter`, `…::Metrics::MetricsExporter`.
//!
//! One call may stand between the URL and its slot when it only passes the value on: a URL
//! constructor given the URL alone (`new Uri("…")`, `URI("…")`, `URI.create("…")`) or an
//! environment lookup's default (`os.getenv("X", "…")`, `ENV.fetch("X", "…")`,
//! `getOrDefault("X", "…")`). Any other call (`new URL(path, base)`, `urljoin`) may change the
//! URL, so the URL is not judged.

use std::ops::Range;

use crate::parse::{CodeFamily, CodeLexer};
use crate::site::{ExporterEndpoint, OtlpExporter, OtlpSignal};

/// How far before a URL its exporter is looked for: a constructor call or a .NET options
/// block, not a whole function.
const WINDOW: usize = 1024;

/// How many enclosing brackets are looked through (the .NET form nests four or five deep).
const MAX_LEVELS: usize = 8;

/// How many names of one call chain are kept (`A.b().c().setEndpoint` keeps four).
const MAX_NAMES: usize = 12;

/// How far after a literal the code is read to see that nothing is joined to it.
const AFTER: usize = 256;

/// One piece of code, read backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A name or a number.
    Ident,
    /// A whole string literal, quotes included.
    Str,
    /// `.`, `?.` or `::`, which join the names of a chain.
    Dot,
    /// `:` or `=` after a key (`url:`, `endpoint=`), not `==`, `=>`, `:=`.
    Key,
    /// `,` or `;`.
    Sep,
    /// `(`, `[`, `{`.
    Open,
    /// `)`, `]`, `}`.
    Close,
    /// Anything else: operators, `?`, `=>`.
    Other,
}

/// A piece and its bytes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    kind: Kind,
    span: (usize, usize),
}

impl Piece {
    fn range(self) -> Range<usize> {
        self.span.0..self.span.1
    }
}

/// What the whole file says once, asked only when an exporter is found.
#[derive(Debug, Default)]
pub(super) struct FileFacts {
    /// The file names gRPC somewhere (an `…-otlp-grpc` package, `proto.grpc`), so a JavaScript
    /// or Python exporter name may be the gRPC one, which takes no path.
    grpc: Option<bool>,
    /// The file sets .NET's `OtlpExportProtocol.HttpProtobuf` (gRPC is the default of older
    /// versions).
    http_protobuf: Option<bool>,
}

impl FileFacts {
    fn grpc(&mut self, text: &[u8]) -> bool {
        *self.grpc.get_or_insert_with(|| {
            [&b"grpc"[..], b"Grpc", b"GRPC"]
                .iter()
                .any(|name| memchr::memmem::find(text, name).is_some())
        })
    }

    fn http_protobuf(&mut self, text: &[u8]) -> bool {
        *self
            .http_protobuf
            .get_or_insert_with(|| memchr::memmem::find(text, b"HttpProtobuf").is_some())
    }
}

/// One enclosing bracket: which, the key the inner value is given under inside it, whether
/// the inner value follows a `,` there (it is not the first argument), and the names of the
/// call chain before it, the callee first.
#[derive(Debug)]
struct Level {
    opener: u8,
    key: Option<Piece>,
    after_separator: bool,
    names: Vec<Piece>,
}

/// The exporter the URL at `url` is the endpoint of, read from the code before it and never
/// before `floor` (the end of the URL before it).
pub(super) fn exporter_for(
    text: &str,
    url: Range<usize>,
    floor: usize,
    pieces: &mut Vec<Piece>,
    facts: &mut FileFacts,
) -> Option<OtlpExporter> {
    let bytes = text.as_bytes();
    // The URL opens its string literal: the quote before it.
    let open = url.start.checked_sub(1)?;
    let quote = bytes[open];
    if !matches!(quote, b'"' | b'\'' | b'`') {
        return None;
    }
    let floor = floor.max(open.saturating_sub(WINDOW)).min(open);
    pieces_before(bytes, floor, open, pieces);
    let levels = levels(pieces, bytes);
    let name = |piece: Piece| &text[piece.range()];

    // Out through the one call that may pass the value on, to the slot: a key, or a setter.
    let mut index = 0;
    let mut wrapped = 0;
    let slot = loop {
        let level = levels.get(index)?;
        if let Some(key) = level.key {
            break Slot::Key(index, name(key).trim_matches(['"', '\'']));
        }
        let callee = name(*level.names.first()?);
        if matches!(callee, "setEndpoint" | "WithEndpoint" | "WithEndpointURL") {
            break Slot::Call(index, callee);
        }
        if wrapped == 0 && level.opener == b'(' && passes_on(level, text) {
            wrapped += 1;
            index += 1;
            continue;
        }
        return None;
    };

    let (signal, takes, named) = match slot {
        Slot::Call(index, "setEndpoint") => {
            let (class, signal) = levels[index]
                .names
                .iter()
                .find_map(|&piece| java_class(name(piece)).map(|signal| (piece, signal)))?;
            (
                Some(signal),
                ExporterEndpoint::FullUrl { path_known: true },
                Named::One(class),
            )
        }
        Slot::Call(index, option) => {
            let names = &levels[index].names;
            let package = *names.get(1)?;
            let signal = match name(package) {
                "otlptracehttp" => OtlpSignal::Traces,
                "otlploghttp" => OtlpSignal::Logs,
                "otlpmetrichttp" => OtlpSignal::Metrics,
                _ => return None,
            };
            let takes = if option == "WithEndpoint" {
                ExporterEndpoint::HostPort
            } else {
                ExporterEndpoint::UrlPathOptional
            };
            (Some(signal), takes, Named::Qualified(package, names[0]))
        }
        Slot::Key(index, "url") => {
            // JavaScript: the key of an object literal given to the constructor.
            let object = &levels[index];
            let call = levels.get(index + 1)?;
            if object.opener != b'{' || !object.names.is_empty() || call.opener != b'(' {
                return None;
            }
            let class = *call.names.first()?;
            let signal = match name(class) {
                "OTLPTraceExporter" => OtlpSignal::Traces,
                "OTLPLogExporter" => OtlpSignal::Logs,
                "OTLPMetricExporter" => OtlpSignal::Metrics,
                _ => return None,
            };
            let path_known = !facts.grpc(bytes);
            (
                Some(signal),
                ExporterEndpoint::FullUrl { path_known },
                Named::One(class),
            )
        }
        Slot::Key(index, "endpoint") => {
            let call = &levels[index];
            if call.opener != b'(' {
                return None;
            }
            let callee = *call.names.first()?;
            if let Some(signal) = python_class(name(callee)) {
                let path_known = !facts.grpc(bytes);
                (
                    Some(signal),
                    ExporterEndpoint::FullUrl { path_known },
                    Named::One(callee),
                )
            } else {
                let (class, signal) = ruby_class(&call.names, text)?;
                (
                    Some(signal),
                    ExporterEndpoint::FullUrl { path_known: true },
                    Named::One(class),
                )
            }
        }
        Slot::Key(index, "Endpoint") => {
            // .NET: the options given to `AddOtlpExporter`, a lambda or two away.
            let (at, method) =
                levels
                    .iter()
                    .enumerate()
                    .skip(index)
                    .take(4)
                    .find_map(|(at, level)| {
                        level
                            .names
                            .iter()
                            .find(|&&piece| name(piece) == "AddOtlpExporter")
                            .map(|&piece| (at, piece))
                    })?;
            let signal = levels[at..]
                .iter()
                .flat_map(|level| &level.names)
                .find_map(|&piece| dotnet_signal(name(piece)));
            let path_known = facts.http_protobuf(bytes);
            (
                signal,
                ExporterEndpoint::FullUrl { path_known },
                Named::One(method),
            )
        }
        Slot::Key(..) => return None,
    };
    let (name, name_span) = match named {
        Named::One(piece) => (name(piece).to_owned(), piece.range()),
        Named::Qualified(package, option) => (
            format!("{}.{}", name(package), name(option)),
            package.span.0..option.span.1,
        ),
    };
    Some(OtlpExporter {
        signal,
        takes,
        name,
        name_span,
        // `${signal}`, `{path}`, `#{path}`, `%s`: a template fills the rest in.
        whole_literal: !text[url.clone()].contains(['{', '}', '$', '%', '#'])
            && nothing_joined(bytes, url.end, quote, wrapped),
    })
}

/// Where the URL is given.
enum Slot<'a> {
    /// Under a key (`url:`, `endpoint=`, `Endpoint =`) inside the level at this index.
    Key(usize, &'a str),
    /// As the argument of a setter or option (`setEndpoint`, `WithEndpoint`), the callee of
    /// the level at this index.
    Call(usize, &'a str),
}

/// How the exporter is named in messages.
enum Named {
    One(Piece),
    /// A Go package and its option: `otlptracehttp.WithEndpoint`.
    Qualified(Piece, Piece),
}

/// Whether a call passes the value given to it on unchanged: a URL constructor given it alone,
/// or an environment lookup given it as the default after the variable's name.
fn passes_on(level: &Level, text: &str) -> bool {
    let names: Vec<&str> = level
        .names
        .iter()
        .map(|piece| &text[piece.range()])
        .collect();
    let (callee, receiver) = (names[0], names.get(1).copied());
    let constructor = matches!(callee, "Uri" | "URI")
        || matches!(
            (callee, receiver),
            ("create" | "parse", Some("URI" | "Uri"))
        );
    if constructor {
        return !level.after_separator;
    }
    let lowered = callee.to_ascii_lowercase();
    let lookup = lowered.contains("env")
        || matches!(
            lowered.as_str(),
            "get" | "fetch" | "getordefault" | "getproperty"
        );
    lookup && level.after_separator
}

fn java_class(name: &str) -> Option<OtlpSignal> {
    match name {
        "OtlpHttpSpanExporter" => Some(OtlpSignal::Traces),
        "OtlpHttpLogRecordExporter" => Some(OtlpSignal::Logs),
        "OtlpHttpMetricExporter" => Some(OtlpSignal::Metrics),
        _ => None,
    }
}

fn python_class(name: &str) -> Option<OtlpSignal> {
    match name {
        "OTLPSpanExporter" => Some(OtlpSignal::Traces),
        "OTLPLogExporter" => Some(OtlpSignal::Logs),
        "OTLPMetricExporter" => Some(OtlpSignal::Metrics),
        _ => None,
    }
}

/// Ruby's exporters, `…::OTLP::Exporter.new`, `…::Logs::LogsExporter.new`,
/// `…::Metrics::MetricsExporter.new`: the class and its signal.
fn ruby_class(names: &[Piece], text: &str) -> Option<(Piece, OtlpSignal)> {
    let name = |at: usize| names.get(at).map(|piece| &text[piece.range()]);
    if name(0)? != "new" {
        return None;
    }
    let signal = match (name(1)?, name(2)) {
        ("Exporter", Some("OTLP")) => OtlpSignal::Traces,
        ("LogsExporter", Some("Logs")) => OtlpSignal::Logs,
        ("MetricsExporter", Some("Metrics")) => OtlpSignal::Metrics,
        _ => return None,
    };
    Some((names[1], signal))
}

/// The signal a .NET builder method or type names.
fn dotnet_signal(name: &str) -> Option<OtlpSignal> {
    match name {
        "WithTracing" | "AddOpenTelemetryTracing" | "CreateTracerProviderBuilder" => {
            Some(OtlpSignal::Traces)
        }
        "WithMetrics" | "AddOpenTelemetryMetrics" | "CreateMeterProviderBuilder" => {
            Some(OtlpSignal::Metrics)
        }
        "WithLogging" | "Logging" | "AddLogging" | "LoggerFactory" => Some(OtlpSignal::Logs),
        _ => None,
    }
}

/// Whether the literal that closes at `end` (with `quote`) stands alone: the code after it,
/// past the `)` of the call that passed it on, ends the argument (`)`, `,`, `}`, `;`, `]`),
/// so no `+ "/v1/traces"`, `.resolve(…)` or second literal is joined to it.
fn nothing_joined(bytes: &[u8], end: usize, quote: u8, wrapped: usize) -> bool {
    if bytes.get(end) != Some(&quote) {
        return false;
    }
    let limit = bytes.len().min(end + AFTER);
    let mut at = end + 1;
    let skip = |at: &mut usize| {
        while *at < limit && bytes[*at].is_ascii_whitespace() {
            *at += 1;
        }
    };
    for _ in 0..wrapped {
        skip(&mut at);
        if bytes.get(at) != Some(&b')') {
            return false;
        }
        at += 1;
    }
    skip(&mut at);
    at == bytes.len() || matches!(bytes.get(at), Some(b')' | b',' | b'}' | b';' | b']'))
}

/// The enclosing brackets, innermost first, read from `pieces` (the code before the URL,
/// nearest first).
fn levels(pieces: &[Piece], bytes: &[u8]) -> Vec<Level> {
    let mut levels = Vec::new();
    let mut at = 0;
    while levels.len() < MAX_LEVELS {
        let mut depth = 0usize;
        let mut key = None;
        let mut after_separator = false;
        let opener = loop {
            let Some(&piece) = pieces.get(at) else {
                return levels;
            };
            match piece.kind {
                Kind::Close => depth += 1,
                Kind::Open if depth > 0 => depth -= 1,
                Kind::Open => break piece,
                Kind::Sep if depth == 0 => after_separator = true,
                Kind::Key if depth == 0 && !after_separator && key.is_none() => {
                    // A key starts its entry: `{ url:`, `, endpoint=`, `o.Endpoint =`; a
                    // ternary's `a ? b : "…"` has no key.
                    let named = pieces
                        .get(at + 1)
                        .filter(|p| matches!(p.kind, Kind::Ident | Kind::Str));
                    let starts = pieces
                        .get(at + 2)
                        .is_none_or(|p| matches!(p.kind, Kind::Open | Kind::Sep | Kind::Dot));
                    if let Some(&named) = named.filter(|_| starts) {
                        key = Some(named);
                    }
                }
                _ => {}
            }
            at += 1;
        };
        at += 1;
        let names = chain(pieces, &mut at);
        levels.push(Level {
            opener: bytes[opener.span.0],
            key,
            after_separator,
            names,
        });
    }
    levels
}

/// The names of the call chain that ends just before a bracket (read backwards from `at`):
/// `A.b().c` gives `c`, `b`, `A`. A chain goes on only through `.`: a name after a space
/// (`new X`, a statement on the line before) ends it.
fn chain(pieces: &[Piece], at: &mut usize) -> Vec<Piece> {
    let mut names = Vec::new();
    let mut want_name = true;
    while let Some(&piece) = pieces.get(*at) {
        match (want_name, piece.kind) {
            (true, Kind::Ident) => {
                if names.len() < MAX_NAMES {
                    names.push(piece);
                }
                want_name = false;
            }
            // A call's arguments or an index (`builder()`, `[0]`): skipped whole.
            (true, Kind::Close) => {
                let mut depth = 0usize;
                while let Some(&inner) = pieces.get(*at) {
                    match inner.kind {
                        Kind::Close => depth += 1,
                        Kind::Open => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    *at += 1;
                }
            }
            (false, Kind::Dot) => want_name = true,
            _ => break,
        }
        *at += 1;
    }
    names
}

/// The pieces of code in `floor..end`, nearest to `end` first; comments and what is inside
/// string literals are not code.
fn pieces_before(bytes: &[u8], floor: usize, end: usize, out: &mut Vec<Piece>) {
    out.clear();
    let mut quiet = Vec::new();
    // Whether the lines being read are inside a block comment that closes below them.
    let mut in_comment = false;
    let mut line_end = end;
    loop {
        let line_start =
            memchr::memrchr(b'\n', &bytes[floor..line_end]).map_or(floor, |at| floor + at + 1);
        let line = &bytes[line_start..line_end];
        // Either family's comments may be the language's: a `#` at a word's start, `//` or
        // `/* … */` outside a string is a comment in every language read here. The line is
        // read from its start, as if no comment or string were open there; a `*/` it did not
        // open puts the lines above it in the comment, up to the line that opens it.
        quiet.clear();
        let mut lexer = CodeLexer::new(CodeFamily::Any);
        lexer.quiet_ranges(line, &mut quiet);
        let read = !in_comment || lexer.in_block_comment();
        if read {
            in_comment = false;
            let mut code_start = 0;
            if let Some(close) = lexer.stray_close() {
                code_start = close;
                in_comment = true;
            }
            // The code between the comments, nearest to the URL first.
            let mut code_end = line.len();
            for range in quiet.iter().rev() {
                let start = range.end.max(code_start);
                if start < code_end {
                    line_pieces(bytes, line_start + start, line_start + code_end, out);
                }
                code_end = code_end.min(range.start);
            }
            if code_start < code_end {
                line_pieces(bytes, line_start + code_start, line_start + code_end, out);
            }
        }
        if line_start == floor {
            break;
        }
        line_end = line_start - 1;
    }
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// The pieces of one line's code in `start..end`, from its end.
fn line_pieces(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Piece>) {
    let mut at = end;
    while at > start {
        let byte = bytes[at - 1];
        let piece_end = at;
        at -= 1;
        let kind = match byte {
            b' ' | b'\t' | b'\r' => continue,
            b'"' | b'\'' | b'`' => {
                // The literal's opening quote on this line; none: the line is inside a
                // literal that opened on an earlier line, and not code.
                let mut search = at;
                let open = loop {
                    match memchr::memrchr(byte, &bytes[start..search]) {
                        Some(found)
                            if start + found > start && bytes[start + found - 1] == b'\\' =>
                        {
                            search = start + found;
                        }
                        Some(found) => break Some(start + found),
                        None => break None,
                    }
                };
                let Some(open) = open else {
                    return;
                };
                at = open;
                Kind::Str
            }
            byte if is_name_byte(byte) => {
                while at > start && is_name_byte(bytes[at - 1]) {
                    at -= 1;
                }
                Kind::Ident
            }
            b'.' => {
                if at > start && bytes[at - 1] == b'?' {
                    at -= 1;
                }
                Kind::Dot
            }
            b':' => {
                if at > start && bytes[at - 1] == b':' {
                    at -= 1;
                    Kind::Dot
                } else if bytes.get(piece_end) == Some(&b'=') {
                    Kind::Other
                } else {
                    Kind::Key
                }
            }
            b'=' => {
                let before = (at > start).then(|| bytes[at - 1]);
                if before.is_some_and(|b| b"=!<>:+-*/%&|^?".contains(&b)) {
                    at -= 1;
                    Kind::Other
                } else if matches!(bytes.get(piece_end), Some(b'=' | b'>')) {
                    Kind::Other
                } else {
                    Kind::Key
                }
            }
            b',' | b';' => Kind::Sep,
            b'(' | b'[' | b'{' => Kind::Open,
            b')' | b']' | b'}' => Kind::Close,
            _ => Kind::Other,
        };
        out.push(Piece {
            kind,
            span: (at, piece_end),
        });
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The exporter the first `axiom.co` URL in `code` is given to.
    fn exporter(code: &str) -> Option<(Option<OtlpSignal>, ExporterEndpoint, String, bool)> {
        let at = code
            .find("https://")
            .or_else(|| code.find("eu-central-1"))?;
        let end = at + code[at..].find(['"', '\'', '`'])?;
        let mut pieces = Vec::new();
        let mut facts = FileFacts::default();
        let found = exporter_for(code, at..end, 0, &mut pieces, &mut facts)?;
        assert_eq!(&code[found.name_span.clone()], found.name);
        Some((found.signal, found.takes, found.name, found.whole_literal))
    }

    const FULL: ExporterEndpoint = ExporterEndpoint::FullUrl { path_known: true };

    #[test]
    fn each_language_s_exporter_is_named_with_its_signal() {
        let cases: &[(&str, OtlpSignal, ExporterEndpoint, &str)] = &[
            (
                "const e = new OTLPLogExporter({\n  headers: { a: 'b' },\n  url: \"https://x.axiom.co/v1/traces\",\n});",
                OtlpSignal::Logs,
                FULL,
                "OTLPLogExporter",
            ),
            (
                "exporter = OTLPMetricExporter(\n    endpoint=\"https://x.axiom.co\",\n)",
                OtlpSignal::Metrics,
                FULL,
                "OTLPMetricExporter",
            ),
            (
                "var e = OtlpHttpLogRecordExporter.builder()\n    .addHeader(\"a\", \"b\")\n    .setEndpoint(\"https://x.axiom.co/v1/logs\")\n    .build();",
                OtlpSignal::Logs,
                FULL,
                "OtlpHttpLogRecordExporter",
            ),
            (
                "exp, err := otlploghttp.New(ctx,\n\totlploghttp.WithEndpointURL(\"https://x.axiom.co/v1/traces\"),\n)",
                OtlpSignal::Logs,
                ExporterEndpoint::UrlPathOptional,
                "otlploghttp.WithEndpointURL",
            ),
            (
                "otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(\"https://x.axiom.co\"))",
                OtlpSignal::Traces,
                ExporterEndpoint::HostPort,
                "otlptracehttp.WithEndpoint",
            ),
            (
                "e = OpenTelemetry::Exporter::OTLP::Logs::LogsExporter.new(\n  endpoint: 'https://x.axiom.co/v1/traces'\n)",
                OtlpSignal::Logs,
                FULL,
                "LogsExporter",
            ),
            (
                "e = OpenTelemetry::Exporter::OTLP::Exporter.new(endpoint: ENV.fetch('OTLP', 'https://x.axiom.co'))",
                OtlpSignal::Traces,
                FULL,
                "Exporter",
            ),
        ];
        for (code, signal, takes, name) in cases {
            assert_eq!(
                exporter(code).map(|(s, t, n, _)| (s, t, n)),
                Some((Some(*signal), *takes, (*name).to_owned())),
                "{code}"
            );
        }
    }

    #[test]
    fn dotnet_options_take_their_signal_from_the_builder_around_them() {
        let code = "builder.Services.AddOpenTelemetry()\n    .WithLogging(logging => logging\n        .AddOtlpExporter(o =>\n        {\n            o.Protocol = OtlpExportProtocol.HttpProtobuf;\n            o.Endpoint = new Uri(\"https://x.axiom.co/v1/traces\");\n        }));";
        assert_eq!(
            exporter(code),
            Some((
                Some(OtlpSignal::Logs),
                FULL,
                "AddOtlpExporter".to_owned(),
                true
            ))
        );
        // Without `HttpProtobuf` the exporter may speak gRPC, where the path is not used.
        let grpc = code.replace("o.Protocol = OtlpExportProtocol.HttpProtobuf;", "");
        assert_eq!(
            exporter(&grpc).map(|(_, takes, ..)| takes),
            Some(ExporterEndpoint::FullUrl { path_known: false })
        );
    }

    #[test]
    fn a_name_in_an_earlier_statement_does_not_reach_a_later_url() {
        for code in [
            "const e = new OTLPLogExporter({ headers: {} });\nfetch(\"https://x.axiom.co/v1/traces\");",
            "e = OTLPLogExporter()\nrequests.post(\"https://x.axiom.co/v1/traces\")",
            "e = OTLPLogExporter()\nurl = \"https://x.axiom.co/v1/traces\"",
            "const e = new OTLPLogExporter({ url: base });\nconst cfg = { url: \"https://x.axiom.co/v1/traces\" };",
            "// new OTLPLogExporter({\nconst cfg = { url: \"https://x.axiom.co/v1/traces\" };",
            "new OTLPLogExporter({ url: new URL(\"/v1/logs\", \"https://x.axiom.co\").href })",
            "OTLPLogExporter(endpoint=urljoin(\"https://x.axiom.co\", \"/v1/logs\"))",
            "OtlpHttpSpanExporter.builder().build();\nclient.setEndpoint(\"https://x.axiom.co\");",
        ] {
            assert_eq!(exporter(code), None, "{code}");
        }
    }

    #[test]
    fn comments_between_the_exporter_and_its_url_are_skipped() {
        // A block comment opened mid-line, holding another exporter's call and key, and `//` and `#`
        // in strings before the URL on its line.
        for code in [
            "new OTLPLogExporter({ url: /* not new OTLPTraceExporter({ url: */ \"https://x.axiom.co/v1/logs\" })",
            "new OTLPLogExporter({ headers: { a: \"//\" }, url: \"https://x.axiom.co/v1/logs\" })",
            "OTLPLogExporter(headers={\"a\": \"# b\"}, endpoint=\"https://x.axiom.co/v1/logs\")",
        ] {
            assert_eq!(
                exporter(code).map(|(signal, ..)| signal),
                Some(Some(OtlpSignal::Logs)),
                "{code}"
            );
        }
    }

    #[test]
    fn an_exporter_inside_a_block_comment_above_does_not_name_the_url() {
        let code = "/*\n  old: new OTLPTraceExporter({\n*/ const cfg = {\n  url: \"https://x.axiom.co/v1/traces\" };";
        assert_eq!(exporter(code), None);
        // The code before the comment opens, on the comment's first line, is read.
        let code =
            "new OTLPLogExporter({ /* one\n  two */\n  url: \"https://x.axiom.co/v1/logs\" })";
        assert_eq!(
            exporter(code).map(|(signal, ..)| signal),
            Some(Some(OtlpSignal::Logs))
        );
    }

    #[test]
    fn a_joined_literal_is_not_whole() {
        let whole = |code: &str| exporter(code).map(|(.., whole)| whole);
        assert_eq!(
            whole("new OTLPTraceExporter({ url: \"https://x.axiom.co\" + \"/v1/traces\" })"),
            Some(false)
        );
        assert_eq!(
            whole("OTLPSpanExporter(endpoint=\"https://x.axiom.co\"\n    \"/v1/traces\")"),
            Some(false)
        );
        assert_eq!(
            whole("new OTLPLogExporter({ url: `https://x.axiom.co/v1/${signal}` })"),
            Some(false)
        );
        assert_eq!(
            whole("OTLPLogExporter(endpoint=f\"https://x.axiom.co/{prefix}\")"),
            Some(false)
        );
        assert_eq!(
            whole("OTLPSpanExporter(endpoint=os.getenv(\"E\", \"https://x.axiom.co\"))"),
            Some(true)
        );
        assert_eq!(
            whole("new OTLPTraceExporter({ url: process.env.E ?? \"https://x.axiom.co\" })"),
            Some(true)
        );
        assert_eq!(
            whole(
                "OtlpHttpSpanExporter.builder().setEndpoint(URI.create(\"https://x.axiom.co\").resolve(\"/v1/traces\").toString())"
            ),
            Some(false)
        );
    }

    #[test]
    fn reading_back_stops_at_the_floor_and_the_window() {
        let code = format!(
            "new OTLPLogExporter({{{}\n  url: \"https://x.axiom.co/v1/traces\" }})",
            " ".repeat(WINDOW)
        );
        assert_eq!(exporter(&code), None);
        let near = "new OTLPLogExporter({ url: \"https://x.axiom.co/v1/traces\" })";
        let at = near.find("https").unwrap_or_default();
        let end = at + near[at..].find('"').unwrap_or_default();
        let mut pieces = Vec::new();
        let found = exporter_for(
            near,
            at..end,
            at - 7,
            &mut pieces,
            &mut FileFacts::default(),
        );
        assert!(found.is_none());
    }

    /// Pieces of the code the reader looks for, and of the code that may break it.
    const FRAGMENTS: &[&str] = &[
        "new OTLPLogExporter",
        "OTLPSpanExporter",
        "otlptracehttp.WithEndpoint",
        "OtlpHttpSpanExporter.builder()",
        ".setEndpoint",
        "AddOtlpExporter",
        "WithLogging",
        "o.Endpoint = new Uri",
        "os.getenv",
        "url: ",
        "endpoint=",
        "endpoint: ",
        "\"https://x.axiom.co/v1/traces\"",
        "'x.axiom.co'",
        "`https://x.axiom.co`",
        "\"",
        "'",
        "\\",
        "(",
        ")",
        "{",
        "}",
        "[",
        ",",
        ";",
        "=",
        "==",
        "=>",
        ":",
        "::",
        "?.",
        " ",
        "\n",
        "// c",
        "# c",
        "/*",
        "*",
        "é",
        "+",
    ];

    proptest! {
        /// Any arrangement of code is read without a panic, each name it reports is where it
        /// says, and no byte before the floor is read.
        #[test]
        fn any_code_is_read_without_panic(
            parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80),
            floor_at in 0usize..40,
        ) {
            let code: String = parts.concat();
            let mut pieces = Vec::new();
            let mut facts = FileFacts::default();
            let mut from = 0;
            while let Some(found) = code[from..].find("x.axiom.co") {
                let host = from + found;
                let end = host + "x.axiom.co".len();
                let start = if code[..host].ends_with("https://") { host - 8 } else { host };
                pieces.clear();
                let floor = start.saturating_sub(floor_at);
                if let Some(exporter) = exporter_for(&code, start..end, floor, &mut pieces, &mut facts) {
                    prop_assert!(exporter.name_span.start >= floor);
                    prop_assert!(exporter.name_span.end <= start);
                    prop_assert!(code[exporter.name_span.clone()].contains(exporter.name.split('.').next_back().unwrap_or_default()));
                }
                prop_assert!(pieces.iter().all(|piece| piece.span.0 >= floor && piece.span.1 <= start));
                from = end;
            }
        }
    }
}
