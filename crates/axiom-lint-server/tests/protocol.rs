//! The server through the protocol, over an in-memory connection: the lifecycle, findings
//! with UTF-16 ranges, code actions applied, hovers, malformed requests, configuration reloads.

use std::path::Path;
use std::str::FromStr;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axiom_lint_server::{Ending, Options, serve};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionOrCommand, Diagnostic, NumberOrString, Position, PublishDiagnosticsParams, Range,
    TextEdit, Uri,
};
use serde_json::{Value, json};

const PAT: &str = "xapt-ad97e0c1-08df-4491-9b4e-5f7001a2864d";

/// A Vector sink sending a PAT to an edge, on a line with CJK text and an emoji before it.
fn vector_config() -> String {
    format!(
        "[sinks]\naxiom = {{ inputs = [\"日志😀\"], type = \"axiom\", region = \"eu-central-1.aws.edge.axiom.co\", org_id = \"acme-ab12\", token = \"{PAT}\" }}\n"
    )
}

struct Client {
    connection: Connection,
    server: Option<JoinHandle<Ending>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    notifications: Vec<Notification>,
}

impl Client {
    fn start(root: &Path) -> Self {
        let (server_side, client_side) = Connection::memory();
        let options = Options {
            debounce: Duration::from_millis(20),
            cwd: root.to_path_buf(),
        };
        let server = std::thread::spawn(move || serve(&server_side, options));
        let mut client = Self {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            notifications: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(root).as_str(),
                "capabilities": {},
            }),
        );
        assert_eq!(
            result
                .response_result
                .as_ref()
                .ok()
                .and_then(|r| r.pointer("/capabilities/positionEncoding")),
            Some(&json!("utf-16"))
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&self, message: Message) {
        self.connection
            .sender
            .send(message)
            .expect("server is running");
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_owned(),
            params,
        )));
        self.response(&id)
    }

    fn response(&mut self, id: &RequestId) -> Response {
        loop {
            match self.receive() {
                Message::Response(response) if &response.id == id => return response,
                Message::Notification(notification) => self.notifications.push(notification),
                // Other answers, and the server's own requests (none without capabilities).
                Message::Response(_) | Message::Request(_) => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )));
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("the server answers within 10 s")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &Uri) -> Vec<Diagnostic> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(index) = self.notifications.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics"
                    && n.params.get("uri").and_then(Value::as_str) == Some(uri.as_str())
            }) {
                let notification = self.notifications.remove(index);
                let params: PublishDiagnosticsParams =
                    serde_json::from_value(notification.params).expect("valid params");
                return params.diagnostics;
            }
            assert!(
                Instant::now() < deadline,
                "no diagnostics for {}",
                uri.as_str()
            );
            if let Message::Notification(notification) = self.receive() {
                self.notifications.push(notification);
            }
        }
    }

    fn open(&self, uri: &Uri, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri.as_str(), "languageId": "toml", "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) -> Ending {
        let response = self.request("shutdown", Value::Null);
        assert!(response.response_result.is_ok());
        self.notify("exit", Value::Null);
        self.server
            .take()
            .and_then(|server| server.join().ok())
            .expect("the server thread ends")
    }
}

/// A scratch directory, removed when the test ends (pass or fail).
struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

fn temp_dir(name: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(&format!("axiom-lint-server-{name}-"))
            .tempdir()
            .expect("temp dir"),
    )
}

fn uri_of(path: &Path) -> Uri {
    let url = url_of(path);
    Uri::from_str(&url).expect("a valid URI")
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Some(NumberOrString::String(code)) => Some(code.clone()),
            _ => None,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Applies LSP text edits (UTF-16 ranges) to a text, the way an editor does.
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let offset = |position: Position| {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(position.line as usize)
            .map(str::len)
            .sum();
        let line = &text[line_start..];
        let mut units = 0;
        for (index, character) in line.char_indices() {
            if units == position.character as usize {
                return line_start + index;
            }
            units += character.len_utf16();
        }
        text.len()
    };
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted
        .sort_by_key(|edit| std::cmp::Reverse((edit.range.start.line, edit.range.start.character)));
    let mut out = text.to_owned();
    for edit in sorted {
        out.replace_range(
            offset(edit.range.start)..offset(edit.range.end),
            &edit.new_text,
        );
    }
    out
}

fn actions(
    client: &mut Client,
    uri: &Uri,
    range: Range,
    only: Option<&[&str]>,
) -> Vec<lsp_types::CodeAction> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri.as_str()}, "range": range, "context": context}),
    );
    let actions: Vec<CodeActionOrCommand> =
        serde_json::from_value(response.response_result.unwrap_or_default()).expect("code actions");
    actions
        .into_iter()
        .filter_map(|action| match action {
            CodeActionOrCommand::CodeAction(action) => Some(action),
            CodeActionOrCommand::Command(_) => None,
        })
        .collect()
}

fn edits_of(action: &lsp_types::CodeAction, uri: &Uri) -> Vec<TextEdit> {
    action
        .edit
        .as_ref()
        .and_then(|edit| edit.changes.as_ref())
        .and_then(|changes| changes.get(uri))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_pat_on_an_edge_is_reported_at_its_utf16_range_and_cleared_on_close() {
    let root = temp_dir("pat");
    let path = root.join("vector.toml");
    let uri = uri_of(&path);
    let mut client = Client::start(&root);
    client.open(&uri, &vector_config());
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["AXL201", "AXL202"]);
    let find = |code: &str| {
        diagnostics
            .iter()
            .find(|d| codes(std::slice::from_ref(d)) == [code])
            .cloned()
            .unwrap_or_else(|| panic!("{code} missing"))
    };
    // 118 characters and 125 bytes precede the token's body; "😀" is two UTF-16 code units,
    // so the token starts at unit 119 (the opening quote at 118).
    let hardcoded = find("AXL201");
    assert_eq!(
        hardcoded.range,
        Range::new(Position::new(1, 119), Position::new(1, 160))
    );
    let edge = find("AXL202");
    let with_quotes = Range::new(Position::new(1, 118), Position::new(1, 161));
    assert!(
        edge.range == hardcoded.range || edge.range == with_quotes,
        "{:?}",
        edge.range
    );
    assert_eq!(edge.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
    assert_eq!(edge.source.as_deref(), Some("axiom-lint"));
    // The edge field is a secondary label, as in the CLI's output.
    let related = edge
        .related_information
        .as_ref()
        .expect("related information");
    assert_eq!(related[0].location.uri, uri);
    assert!(related[0].location.range.start.character > 50);
    for diagnostic in &diagnostics {
        let shown = serde_json::to_string(diagnostic).unwrap_or_default();
        assert!(!shown.contains(&PAT[5..]), "token body in {shown}");
    }

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri.as_str()}}),
    );
    assert!(client.diagnostics(&uri).is_empty());
    assert_eq!(client.shutdown(), Ending::Clean);
}

/// The two line-grammar formats are linted like the others: a Fluent Bit config and a
/// systemd unit (and its drop-in) opened in an editor get their findings, masked.
#[test]
fn fluent_bit_configs_and_systemd_units_are_linted() {
    let root = temp_dir("ini");
    let mut client = Client::start(&root);
    let fluent_bit = uri_of(&root.join("fluent-bit.conf"));
    client.open(
        &fluent_bit,
        "[OUTPUT]\n    Name http\n    Host eu-central-1.aws.edge.axiom.co\n    URI /v1/ingest/app\n    Header Authorization Bearer ${AXIOM_TOKEN}\n",
    );
    assert_eq!(codes(&client.diagnostics(&fluent_bit)), ["AXL401"]);
    // An included file of a free name is Fluent Bit's by its sections, as on the command line,
    // also once they are typed into it.
    let included = uri_of(&root.join("outputs.conf"));
    client.open(&included, "# outputs\n");
    assert!(client.diagnostics(&included).is_empty());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": included.as_str(), "version": 2}, "contentChanges": [{"text": "[OUTPUT]\n    Name http\n    Host eu-central-1.aws.edge.axiom.co\n    URI /v1/ingest/app\n"}]}),
    );
    assert_eq!(codes(&client.diagnostics(&included)), ["AXL401"]);
    let unit = format!("[Service]\nExecStart=/usr/bin/app\nEnvironment=AXIOM_TOKEN={PAT}\n");
    std::fs::create_dir(root.join("app.service.d")).expect("a drop-in folder");
    for name in ["app.service", "app.service.d/override.conf"] {
        let uri = uri_of(&root.join(name));
        client.open(&uri, &unit);
        let diagnostics = client.diagnostics(&uri);
        assert!(
            codes(&diagnostics).contains(&"AXL201".to_owned()),
            "{name}: {:?}",
            codes(&diagnostics)
        );
        for diagnostic in &diagnostics {
            let shown = serde_json::to_string(diagnostic).unwrap_or_default();
            assert!(!shown.contains(&PAT[5..]), "token body in {shown}");
        }
    }
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn changes_are_linted_after_the_debounce_and_saves_at_once() {
    let root = temp_dir("change");
    let uri = uri_of(&root.join("vector.toml"));
    let mut client = Client::start(&root);
    client.open(&uri, "[sinks.axiom]\ntype = \"axiom\"\n");
    assert!(client.diagnostics(&uri).is_empty());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 2}, "contentChanges": [{"text": vector_config()}]}),
    );
    assert_eq!(codes(&client.diagnostics(&uri)), ["AXL201", "AXL202"]);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri.as_str()}}),
    );
    assert_eq!(codes(&client.diagnostics(&uri)), ["AXL201", "AXL202"]);
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn a_fix_and_a_suppression_applied_as_the_editor_would_remove_the_finding() {
    let root = temp_dir("actions");
    let uri = uri_of(&root.join(".axiom.toml"));
    let mut client = Client::start(&root);
    // `http://` in the Axiom CLI's config: AXL105 with a safe fix, after CJK text and an emoji.
    let text = "[deployments.default]\n# 日本語 😀\nurl = \"http://api.axiom.co\" # 日本語 😀\ntoken = \"${AXIOM_TOKEN}\"\norg_id = \"acme-ab12\"\n";
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri);
    let insecure = diagnostics
        .iter()
        .find(|d| codes(std::slice::from_ref(d)) == ["AXL105"])
        .unwrap_or_else(|| panic!("AXL105 in {:?}", codes(&diagnostics)));
    let found = actions(&mut client, &uri, insecure.range, None);
    let fix = found
        .iter()
        .find(|a| a.title.contains("AXL105") && !a.title.starts_with("Suppress"))
        .expect("a fix for AXL105");
    assert_eq!(fix.is_preferred, Some(true));
    let fixed = apply(text, &edits_of(fix, &uri));
    assert!(
        fixed.contains("url = \"https://api.axiom.co\" #"),
        "{fixed}"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert!(!codes(&client.diagnostics(&uri)).contains(&"AXL105".to_owned()));

    // The suppression is a comment above the line, in the format's comment syntax.
    let suppress = found
        .iter()
        .find(|a| a.title == "Suppress AXL105 on this line")
        .expect("a suppression");
    let suppressed = apply(text, &edits_of(suppress, &uri));
    assert!(suppressed.contains("# axiom-lint: ignore[AXL105] <why this is safe>\nurl = "));
    // The placeholder is a blank to fill in, not a reason: not honoured, and said so.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 3}, "contentChanges": [{"text": suppressed}]}),
    );
    let unexplained = codes(&client.diagnostics(&uri));
    assert!(
        unexplained.contains(&"AXL105".to_owned()),
        "{unexplained:?}"
    );
    assert!(
        unexplained.contains(&"AXL004".to_owned()),
        "{unexplained:?}"
    );
    let explained = suppressed.replace("<why this is safe>", "a local test server");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 4}, "contentChanges": [{"text": explained}]}),
    );
    assert!(!codes(&client.diagnostics(&uri)).contains(&"AXL105".to_owned()));

    // Fix all safe, as fix-on-save asks for it.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 5}, "contentChanges": [{"text": text}]}),
    );
    let _ = client.diagnostics(&uri);
    let everything = Range::new(Position::new(0, 0), Position::new(99, 0));
    let fix_all = actions(&mut client, &uri, everything, Some(&["source.fixAll"]));
    assert_eq!(fix_all.len(), 1, "only the fix-all action: {fix_all:?}");
    assert!(apply(text, &edits_of(&fix_all[0], &uri)).contains("https://"));
    assert_eq!(client.shutdown(), Ending::Clean);
}

/// Inside a multi-line string a comment is text: the suppression goes above the line the
/// string starts on, the value stays as it was, and the finding is suppressed.
#[test]
fn a_suppression_of_a_finding_inside_a_multi_line_string_goes_above_the_string() {
    let root = temp_dir("multi-line");
    let mut client = Client::start(&root);
    let documents = [
        (
            "deploy.yaml",
            format!(
                "steps:\n  - run: |\n      echo start\n      curl -H \"Bearer {PAT}\" https://api.axiom.co\n"
            ),
        ),
        (
            "notes.toml",
            format!("[job]\nscript = \"\"\"\necho start\ncurl -H 'Bearer {PAT}'\n\"\"\"\n"),
        ),
        (
            "main.tf",
            format!("locals {{\n  script = <<EOT\necho start\ncurl -H 'Bearer {PAT}'\nEOT\n}}\n"),
        ),
        (
            ".env",
            format!("SCRIPT=\"echo start\ncurl -H 'Bearer {PAT}'\"\nOTHER=1\n"),
        ),
    ];
    for (name, text) in &documents {
        let uri = uri_of(&root.join(name));
        client.open(&uri, text);
        let diagnostics = client.diagnostics(&uri);
        let leak = diagnostics
            .iter()
            .find(|d| codes(std::slice::from_ref(d)) == ["AXL201"])
            .unwrap_or_else(|| panic!("{name}: AXL201 in {:?}", codes(&diagnostics)));
        let found = actions(&mut client, &uri, leak.range, None);
        let suppress = found
            .iter()
            .find(|a| a.title == "Suppress AXL201 on this line")
            .unwrap_or_else(|| panic!("{name}: a suppression"));
        let suppressed = apply(text, &edits_of(suppress, &uri))
            .replace("<why this is safe>", "a test credential");
        // The comment is a line of its own; every other line is as it was.
        let without: String = suppressed
            .split_inclusive('\n')
            .filter(|line| !line.contains("axiom-lint: ignore"))
            .collect();
        assert_eq!(&without, text, "{name}: {suppressed}");
        let comment_line = suppressed
            .lines()
            .position(|line| line.contains("axiom-lint: ignore[AXL201]"))
            .unwrap_or_else(|| panic!("{name}: {suppressed}"));
        let value_starts = text
            .lines()
            .position(|line| line.contains(['|', '"', '<']) && !line.contains("curl"))
            .unwrap_or_default();
        assert_eq!(comment_line, value_starts, "{name}: {suppressed}");
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri.as_str(), "version": 2}, "contentChanges": [{"text": suppressed}]}),
        );
        let after = codes(&client.diagnostics(&uri));
        assert!(
            !after.contains(&"AXL201".to_owned()),
            "{name}: {after:?}\n{suppressed}"
        );
        assert!(
            !after.contains(&"AXL004".to_owned()),
            "{name}: {after:?}\n{suppressed}"
        );
    }
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn unsafe_fixes_are_titled_so_and_not_preferred() {
    let root = temp_dir("unsafe");
    let uri = uri_of(&root.join("axiom-credentials.toml"));
    let mut client = Client::start(&root);
    // A subdomain with a scheme and `.axiom.co`: AXL102's fix strips them.
    let text =
        "[connections.main]\nsubdomain = \"https://api.axiom.co\"\ntoken = \"${AXIOM_TOKEN}\"\n";
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri);
    let mut seen_fix = false;
    for diagnostic in &diagnostics {
        for action in actions(&mut client, &uri, diagnostic.range, Some(&["quickfix"])) {
            if action.title.starts_with("Suppress") {
                continue;
            }
            seen_fix = true;
            assert_eq!(
                action.title.starts_with("Unsafe fix: "),
                action.is_preferred == Some(false),
                "{action:?}"
            );
        }
    }
    assert!(seen_fix, "some fix offered for {:?}", codes(&diagnostics));
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn hover_on_a_finding_shows_its_rule_docs() {
    let root = temp_dir("hover");
    let uri = uri_of(&root.join("vector.toml"));
    let mut client = Client::start(&root);
    client.open(&uri, &vector_config());
    let _ = client.diagnostics(&uri);
    let response = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 1, "character": 130}}),
    );
    let value = response
        .response_result
        .as_ref()
        .ok()
        .and_then(|r| r.pointer("/contents/value"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    assert!(value.contains("**AXL202**"), "{value}");
    assert!(value.contains("### What it does") && value.contains("### Use instead"));
    assert!(!value.contains(&PAT[5..]));
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(nothing.response_result.ok(), Some(Value::Null));
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn malformed_requests_get_errors_that_quote_nothing_and_the_server_lives_on() {
    let root = temp_dir("malformed");
    let mut client = Client::start(&root);
    let bad = client.request("textDocument/hover", json!({"textDocument": PAT}));
    let error = bad.response_result.expect_err("an error response");
    assert_eq!(error.code, lsp_server::ErrorCode::InvalidParams as i32);
    assert!(!error.message.contains(&PAT[5..]));
    let unknown = client.request(&format!("custom/{PAT}"), json!({}));
    let error = unknown.response_result.expect_err("an error response");
    assert_eq!(error.code, lsp_server::ErrorCode::MethodNotFound as i32);
    assert!(!error.message.contains(&PAT[5..]));
    // A notification with bad parameters is dropped, and the server still answers.
    client.notify("textDocument/didOpen", json!({"textDocument": 12}));
    let uri = uri_of(&root.join("vector.toml"));
    client.open(&uri, &vector_config());
    assert_eq!(codes(&client.diagnostics(&uri)), ["AXL201", "AXL202"]);
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn a_file_named_after_a_token_is_never_echoed() {
    let root = temp_dir("token-name");
    let uri = uri_of(&root.join(format!("{PAT}.toml")));
    let client = Client::start(&root);
    client.open(&uri, &vector_config());
    // The server warns once, without the name, and publishes nothing for that URI.
    let warning = loop {
        if let Message::Notification(n) = client.receive() {
            assert_ne!(n.method, "textDocument/publishDiagnostics");
            if n.method == "window/showMessage" {
                break n;
            }
        }
    };
    assert!(!warning.params.to_string().contains(&PAT[5..]));
    // Code actions would name the document in their edits: there are none.
    let mut client = client;
    let reply = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri.as_str()},
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 200}},
            "context": {"diagnostics": []},
        }),
    );
    let reply = reply.response_result.expect("an answer").to_string();
    assert!(!reply.contains(&PAT[5..]), "{reply}");
    assert_eq!(reply, "[]");
    assert_eq!(client.shutdown(), Ending::Clean);
}

#[test]
fn cancelled_requests_are_answered_as_cancelled_and_exit_without_shutdown_is_abrupt() {
    let root = temp_dir("cancel");
    let mut client = Client::start(&root);
    let id = RequestId::from(99);
    // Sent back to back: the server sees the cancellation in the same batch.
    client.send(Message::Request(Request::new(
        id.clone(),
        "textDocument/hover".to_owned(),
        json!({"textDocument": {"uri": "file:///x.toml"}, "position": {"line": 0, "character": 0}}),
    )));
    client.notify("$/cancelRequest", json!({"id": 99}));
    let response = client.response(&id);
    // Either answered before the cancellation arrived, or cancelled; never lost.
    if let Err(error) = response.response_result {
        assert_eq!(error.code, lsp_server::ErrorCode::RequestCanceled as i32);
    }
    client.notify("exit", Value::Null);
    let ending = client.server.take().and_then(|s| s.join().ok());
    assert_eq!(ending, Some(Ending::Abrupt));
}

#[test]
fn requests_before_initialize_are_refused() {
    let (server_side, client_side) = Connection::memory();
    let server = std::thread::spawn(move || serve(&server_side, Options::default()));
    client_side
        .sender
        .send(Message::Request(Request::new(
            RequestId::from(1),
            "textDocument/hover".to_owned(),
            json!({}),
        )))
        .ok();
    let Ok(Message::Response(response)) =
        client_side.receiver.recv_timeout(Duration::from_secs(10))
    else {
        panic!("expected a response");
    };
    assert_eq!(
        response.response_result.err().map(|e| e.code),
        Some(lsp_server::ErrorCode::ServerNotInitialized as i32)
    );
    client_side
        .sender
        .send(Message::Notification(Notification::new(
            "exit".to_owned(),
            Value::Null,
        )))
        .ok();
    assert_eq!(server.join().ok(), Some(Ending::Abrupt));
}

#[test]
fn a_changed_configuration_is_reloaded_and_a_broken_one_is_shown_on_the_config_file() {
    let root = temp_dir("reload");
    let config = root.join("axiom-lint.toml");
    let config_uri = uri_of(&config);
    std::fs::write(&config, "ignore = [\"AXL201\"]\n").expect("write config");
    let uri = uri_of(&root.join("sub").join("vector.toml"));
    let mut client = Client::start(&root);
    client.open(&uri, &vector_config());
    assert_eq!(codes(&client.diagnostics(&uri)), ["AXL202"]);

    // Broken: the file is still linted (with defaults), the config gets the parse error.
    std::fs::write(&config, "ignore = [\"AXL201\"\n").expect("write config");
    let change = json!({"changes": [{"uri": config_uri.as_str(), "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", change.clone());
    let on_config = client.diagnostics(&config_uri);
    assert_eq!(codes(&on_config), ["AXL001"]);
    assert_eq!(on_config[0].range.start.line, 0);
    assert_eq!(codes(&client.diagnostics(&uri)), ["AXL201", "AXL202"]);

    // Repaired: the config's findings are cleared, and its settings apply again.
    std::fs::write(&config, "ignore = [\"AXL202\"]\n").expect("write config");
    client.notify("workspace/didChangeWatchedFiles", change);
    assert_eq!(codes(&client.diagnostics(&uri)), ["AXL201"]);
    assert!(client.diagnostics(&config_uri).is_empty());
    assert_eq!(client.shutdown(), Ending::Clean);
}

/// A document whose aliases would copy gigabytes (one 1 MiB anchored scalar, 3,000 aliases)
/// gets a parse error at the alias that passed the budget, and the server lives on.
#[test]
fn a_document_of_exploding_aliases_is_refused_and_the_server_lives_on() {
    let root = temp_dir("aliases");
    let mut client = Client::start(&root);
    let mut text = format!(
        "url: http://api.axiom.co\na: &a \"{}\"\nb:\n",
        "x".repeat(1 << 20)
    );
    text.push_str(&"  - *a\n".repeat(3_000));
    let uri = uri_of(&root.join("aliases.yaml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri.as_str(), "languageId": "yaml", "version": 1, "text": text}}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["AXL001"]);
    assert!(
        diagnostics[0].message.contains("aliases expand"),
        "{}",
        diagnostics[0].message
    );
    let vector = uri_of(&root.join("vector.toml"));
    client.open(&vector, &vector_config());
    assert_eq!(codes(&client.diagnostics(&vector)), ["AXL201", "AXL202"]);
    assert_eq!(client.shutdown(), Ending::Clean);
}
