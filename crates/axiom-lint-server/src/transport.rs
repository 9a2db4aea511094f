//! LSP framing over stdio (`Content-Length` headers, JSON bodies), written here rather than
//! taken from `lsp-server` so that a malformed message gets a JSON-RPC error response instead
//! of ending the server, and so no error ever quotes the message (it may hold a token).

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Request, RequestId};

/// A message the server cannot read as JSON-RPC, answered where it has an `id` to answer.
pub(crate) const MALFORMED_METHOD: &str = "$/axiom-lint/malformedRequest";

/// The largest message body read: a document at the command's size cap (10 MiB), escaped as
/// JSON, with room to spare. A larger `Content-Length` is refused before anything is
/// allocated for it.
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// The longest header line read; headers are a few dozen bytes.
const MAX_HEADER_BYTES: u64 = 8 * 1024;

/// What the reader makes of one framed body.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A body with no `id` to answer by: answered with this error and a `null` id (a parse
    /// error for text that is not JSON, an invalid request for JSON that is no message).
    Unanswerable(ErrorCode),
    /// A body over [`MAX_BODY_BYTES`], skipped unread: answered with an error and a `null` id.
    TooLarge,
}

/// Reads one framed message; `None` at the end of the stream. A frame whose headers are
/// unreadable ends the stream: there is no way to find the next message.
pub(crate) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.by_ref().take(MAX_HEADER_BYTES).read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.ends_with('\n') && line.len() as u64 >= MAX_HEADER_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a header line longer than the longest one read",
            ));
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<u64>().ok();
        }
    }
    let Some(length) = length else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a message without a valid Content-Length header",
        ));
    };
    if length > MAX_BODY_BYTES {
        // Skipped a buffer at a time, so the next message is still found; a stream that ends
        // first ends the session.
        let skipped = io::copy(&mut input.by_ref().take(length), &mut io::sink())?;
        if skipped < length {
            return Ok(None);
        }
        return Ok(Some(Incoming::TooLarge));
    }
    let mut body = Vec::new();
    input.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(classify(&body)))
}

/// Turns a body into a message; a JSON object with an `id` that is not a valid message
/// becomes a request for [`MALFORMED_METHOD`], so the main loop answers it by that id.
fn classify(body: &[u8]) -> Incoming {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Incoming::Unanswerable(ErrorCode::ParseError);
    };
    // Without this check, `{"id": 1, "method": 12}` would read as a response and go unanswered.
    let has_method = value.get("method").is_some();
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    match (serde_json::from_value::<Message>(value), id) {
        (Ok(Message::Response(_)), Some(id)) if has_method => malformed(id),
        (Ok(message), _) => Incoming::Message(message),
        (Err(_), Some(id)) => malformed(id),
        (Err(_), None) => Incoming::Unanswerable(ErrorCode::InvalidRequest),
    }
}

fn malformed(id: RequestId) -> Incoming {
    Incoming::Message(Message::Request(Request::new(
        id,
        MALFORMED_METHOD.to_owned(),
        serde_json::Value::Null,
    )))
}

/// Writes one framed message.
pub(crate) fn write_frame(output: &mut impl Write, body: &[u8]) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    output.write_all(body)?;
    output.flush()
}

fn unanswerable_body(code: ErrorCode) -> Vec<u8> {
    let message = match code {
        ErrorCode::ParseError => "the message is not valid JSON",
        ErrorCode::RequestFailed => "the message is larger than 64 MiB and was skipped",
        _ => "the message is not a JSON-RPC request, response or notification",
    };
    serde_json::to_vec(&serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code as i32, "message": message },
    }))
    .unwrap_or_default()
}

fn message_body(message: &Message) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct JsonRpc<'a> {
        jsonrpc: &'static str,
        #[serde(flatten)]
        message: &'a Message,
    }
    serde_json::to_vec(&JsonRpc {
        jsonrpc: "2.0",
        message,
    })
    .unwrap_or_default()
}

/// Output to the client: messages from the server, and parse errors from the reader.
enum Outgoing {
    Message(Message),
    Unanswerable(ErrorCode),
}

/// A connection over this process's stdin and stdout, and the threads serving it.
pub(crate) fn stdio() -> (Connection, Threads) {
    let (to_server, from_client) = unbounded::<Message>();
    let (to_client, from_server) = unbounded::<Message>();
    let (to_writer, writer_queue) = unbounded::<Outgoing>();

    let forward = to_writer.clone();
    let forwarder = thread::spawn(move || {
        for message in from_server {
            if forward.send(Outgoing::Message(message)).is_err() {
                break;
            }
        }
    });
    let writer = thread::spawn(move || write_all(&writer_queue));
    let reader = thread::spawn(move || read_all(&to_server, &to_writer));
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (
        connection,
        Threads {
            handles: vec![reader, forwarder, writer],
        },
    )
}

fn write_all(queue: &Receiver<Outgoing>) {
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    for outgoing in queue {
        let body = match outgoing {
            Outgoing::Message(message) => message_body(&message),
            Outgoing::Unanswerable(code) => unanswerable_body(code),
        };
        if write_frame(&mut stdout, &body).is_err() {
            break;
        }
    }
}

fn read_all(to_server: &Sender<Message>, to_writer: &Sender<Outgoing>) {
    let stdin = io::stdin();
    let mut stdin = stdin.lock();
    // An I/O error or the end of input ends the session; the main loop sees the channel close.
    while let Ok(Some(incoming)) = read_frame(&mut stdin) {
        match incoming {
            Incoming::Message(message) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || is_exit {
                    break;
                }
            }
            Incoming::Unanswerable(code) => {
                if to_writer.send(Outgoing::Unanswerable(code)).is_err() {
                    break;
                }
            }
            Incoming::TooLarge => {
                let refused = Outgoing::Unanswerable(ErrorCode::RequestFailed);
                if to_writer.send(refused).is_err() {
                    break;
                }
            }
        }
    }
}

/// The transport's threads, joined when the session ends.
#[derive(Debug)]
pub(crate) struct Threads {
    handles: Vec<thread::JoinHandle<()>>,
}

impl Threads {
    /// Waits for the writer to flush. The reader may still be blocked on stdin, which the
    /// process's exit ends; it is not waited for.
    pub(crate) fn finish(mut self, connection: Connection) {
        drop(connection);
        // Reader first in the list: skip it.
        for handle in self.handles.drain(1..) {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = write_frame(&mut out, body.as_bytes());
        out
    }

    #[test]
    fn reads_a_well_formed_request() {
        let bytes = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        let read = read_frame(&mut bytes.as_slice());
        assert!(matches!(
            read,
            Ok(Some(Incoming::Message(Message::Request(r)))) if r.method == "shutdown"
        ));
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error_and_the_next_message_is_still_read() {
        let mut bytes = frame("{not json xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6");
        bytes.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let mut input = bytes.as_slice();
        assert!(matches!(
            read_frame(&mut input),
            Ok(Some(Incoming::Unanswerable(ErrorCode::ParseError)))
        ));
        assert!(matches!(
            read_frame(&mut input),
            Ok(Some(Incoming::Message(Message::Notification(n)))) if n.method == "exit"
        ));
        assert!(matches!(read_frame(&mut input), Ok(None)));
    }

    #[test]
    fn a_request_of_the_wrong_shape_is_answered_by_its_id() {
        let bytes = frame(r#"{"jsonrpc":"2.0","id":7,"method":12}"#);
        match read_frame(&mut bytes.as_slice()) {
            Ok(Some(Incoming::Message(Message::Request(request)))) => {
                assert_eq!(request.method, MALFORMED_METHOD);
                assert_eq!(request.id, RequestId::from(7));
            }
            other => panic!("expected a malformed-request marker, got {other:?}"),
        }
    }

    /// A `Content-Length` too large to allocate is refused before anything is allocated,
    /// its body skipped, and the next message read.
    #[test]
    fn a_huge_content_length_is_refused_and_skipped() {
        for length in ["99999999999999", "18446744073709551615"] {
            // The stream ends before the claimed body does: the session ends, no panic.
            let bytes = format!("Content-Length: {length}\r\n\r\n{{}}");
            let read = read_frame(&mut bytes.as_bytes());
            assert!(matches!(read, Ok(None)), "{read:?}");
        }
        let huge = MAX_BODY_BYTES + 1;
        let mut bytes = format!("Content-Length: {huge}\r\n\r\n").into_bytes();
        bytes.resize(
            bytes.len() + usize::try_from(huge).unwrap_or_default(),
            b' ',
        );
        bytes.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let mut input = bytes.as_slice();
        assert!(matches!(
            read_frame(&mut input),
            Ok(Some(Incoming::TooLarge))
        ));
        assert!(matches!(
            read_frame(&mut input),
            Ok(Some(Incoming::Message(Message::Notification(n)))) if n.method == "exit"
        ));
        let body =
            String::from_utf8(unanswerable_body(ErrorCode::RequestFailed)).unwrap_or_default();
        assert!(body.contains("larger than") && body.contains("\"id\":null"));
        // A header line without an end is not read into memory whole.
        let endless = "X".repeat(1 << 20);
        assert!(read_frame(&mut endless.as_bytes()).is_err());
        // A body shorter than its length ends the session with an error, not a panic.
        assert!(read_frame(&mut "Content-Length: 10\r\n\r\n{}".as_bytes()).is_err());
    }

    #[test]
    fn the_parse_error_quotes_nothing_from_the_message() {
        let body = String::from_utf8(unanswerable_body(ErrorCode::ParseError)).unwrap_or_default();
        assert!(body.contains("-32700") && body.contains("\"id\":null"));
        assert!(!body.contains("xaat"));
    }
}
