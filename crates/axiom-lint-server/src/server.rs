//! The session: the LSP lifecycle, open documents, debounced linting, and the requests the
//! server answers. One thread; linting a configuration file takes milliseconds.
//!
//! Nothing the server sends quotes what it received beyond the document URIs the client
//! gave, and not even those when they hold a token: error responses use fixed wording.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use axiom_lint::Settings;
use axiom_lint::settings::{CONFIG_NAMES, ConfigLookup, Overrides, Resolver, SettingsError};
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    Cancel, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Exit, Initialized, Notification as _,
    PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Initialize, Request as _, Shutdown};
use lsp_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, MessageType, NumberOrString, PositionEncodingKind, PublishDiagnosticsParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;

use crate::actions;
use crate::convert::{self, LineMap};
use crate::document::{Document, file_path, file_uri, holds_token};
use crate::hover;

/// How the server runs; tests and the bench shorten the debounce.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long after the last change a document is linted (open and save lint at once).
    pub debounce: Duration,
    /// The directory relative paths and the no-configuration defaults are resolved against,
    /// when the client names no workspace folder.
    pub cwd: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            debounce: Duration::from_millis(150),
            cwd: std::env::current_dir().unwrap_or_default(),
        }
    }
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`, as the protocol asks.
    Clean,
    /// `exit` without `shutdown`, or the client went away.
    Abrupt,
}

struct Session<'c> {
    connection: &'c Connection,
    options: Options,
    resolver: Resolver,
    documents: HashMap<Uri, Document>,
    /// Documents changed and waiting for the debounce to pass.
    pending: HashMap<Uri, Instant>,
    /// Configuration files that failed to load, with their findings, by path.
    config_errors: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    /// Configuration files whose findings the client is showing.
    published_config_errors: HashSet<PathBuf>,
    /// Names not sent: a token in a URI is reported once, without the URI.
    warned_token_uri: bool,
    watch_registration: bool,
    shut_down: bool,
    next_request: i32,
}

/// Serves one client over `connection` until `exit` or until the client goes away.
pub fn serve(connection: &Connection, options: Options) -> Ending {
    let resolver = Resolver::new(
        options.cwd.clone(),
        ConfigLookup::NearestToEachFile,
        Overrides::default(),
    );
    let mut session = Session {
        connection,
        options,
        resolver,
        documents: HashMap::new(),
        pending: HashMap::new(),
        config_errors: HashMap::new(),
        published_config_errors: HashSet::new(),
        warned_token_uri: false,
        watch_registration: false,
        shut_down: false,
        next_request: 0,
    };
    if !session.initialize() {
        return Ending::Abrupt;
    }
    session.main_loop()
}

impl Session<'_> {
    fn send(&self, message: impl Into<Message>) {
        // A closed channel means the client is gone; the main loop notices on its next read.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params));
    }

    fn reply_error(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_owned()));
    }

    /// Waits for `initialize`, answering anything else as the protocol says; `false` when the
    /// client leaves first.
    fn initialize(&mut self) -> bool {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) if request.method == Initialize::METHOD => {
                    match parse::<InitializeParams>(request.params) {
                        Some(params) => {
                            self.start(&params);
                            self.send(Response::new_ok(request.id, initialize_result()));
                            return true;
                        }
                        None => self.reply_error(
                            request.id,
                            ErrorCode::InvalidParams,
                            "invalid parameters for `initialize`",
                        ),
                    }
                }
                Message::Request(request) => self.reply_error(
                    request.id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet",
                ),
                Message::Notification(notification) if notification.method == Exit::METHOD => {
                    return false;
                }
                Message::Notification(_) | Message::Response(_) => {}
            }
        }
        false
    }

    #[allow(
        deprecated,
        reason = "root_uri is how older clients name the workspace"
    )]
    fn start(&mut self, params: &InitializeParams) {
        let root = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|folder| &folder.uri)
            .chain(params.root_uri.as_ref())
            .find_map(file_path);
        if let Some(root) = root {
            self.options.cwd = root;
            self.resolver = Resolver::new(
                self.options.cwd.clone(),
                ConfigLookup::NearestToEachFile,
                Overrides::default(),
            );
        }
        self.watch_registration = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
    }

    fn main_loop(&mut self) -> Ending {
        loop {
            let received = match self.next_deadline() {
                Some(deadline) => self.connection.receiver.recv_deadline(deadline),
                None => self
                    .connection
                    .receiver
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
            };
            let first = match received {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    self.lint_due();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return Ending::Abrupt,
            };
            // Take everything already waiting, so a cancellation reaches the request it
            // cancels before that request is answered.
            let mut batch = vec![first];
            batch.extend(self.connection.receiver.try_iter());
            let cancelled: HashSet<RequestId> = batch
                .iter()
                .filter_map(|message| match message {
                    Message::Notification(n) if n.method == Cancel::METHOD => {
                        parse::<lsp_types::CancelParams>(n.params.clone()).map(|p| match p.id {
                            NumberOrString::Number(id) => RequestId::from(id),
                            NumberOrString::String(id) => RequestId::from(id),
                        })
                    }
                    _ => None,
                })
                .collect();
            for message in batch {
                match message {
                    Message::Request(request) if cancelled.contains(&request.id) => {
                        self.reply_error(
                            request.id,
                            ErrorCode::RequestCanceled,
                            "the request was cancelled",
                        );
                    }
                    Message::Request(request) => self.handle_request(request),
                    Message::Notification(notification) => {
                        if notification.method == Exit::METHOD {
                            return if self.shut_down {
                                Ending::Clean
                            } else {
                                Ending::Abrupt
                            };
                        }
                        if !self.shut_down {
                            self.handle_notification(notification);
                        }
                    }
                    // Answers to our own requests (watcher registration): nothing to do.
                    Message::Response(_) => {}
                }
            }
            self.lint_due();
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        self.pending.values().min().copied()
    }

    fn handle_request(&mut self, request: Request) {
        if self.shut_down {
            return self.reply_error(
                request.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            );
        }
        match request.method.as_str() {
            Shutdown::METHOD => {
                self.shut_down = true;
                self.send(Response::new_ok(request.id, ()));
            }
            Initialize::METHOD => self.reply_error(
                request.id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            HoverRequest::METHOD => match parse::<HoverParams>(request.params) {
                Some(params) => {
                    let position = params.text_document_position_params;
                    let hover = self
                        .up_to_date(&position.text_document.uri)
                        .and_then(|doc| {
                            let offset = doc.lines.offset(&doc.text, position.position);
                            hover::hover(doc, offset)
                        });
                    self.send(Response::new_ok(request.id, hover));
                }
                None => self.invalid_params(request.id, HoverRequest::METHOD),
            },
            CodeActionRequest::METHOD => match parse::<CodeActionParams>(request.params) {
                Some(params) => {
                    // Every action's edit names the document by its URI: a URI that holds a
                    // token gets none, as it gets no findings.
                    let uri = &params.text_document.uri;
                    let actions = (!holds_token(uri))
                        .then(|| self.up_to_date(uri))
                        .flatten()
                        .map(|doc| {
                            let range = doc.lines.offset(&doc.text, params.range.start)
                                ..doc.lines.offset(&doc.text, params.range.end);
                            actions::code_actions(doc, &range, params.context.only.as_deref())
                        })
                        .unwrap_or_default();
                    self.send(Response::new_ok(request.id, actions));
                }
                None => self.invalid_params(request.id, CodeActionRequest::METHOD),
            },
            crate::transport::MALFORMED_METHOD => self.reply_error(
                request.id,
                ErrorCode::InvalidRequest,
                "the message is not a valid JSON-RPC request",
            ),
            // The method is not echoed: it came from the client and may hold anything.
            _ => self.reply_error(
                request.id,
                ErrorCode::MethodNotFound,
                "axiom-lint does not handle this method",
            ),
        }
    }

    fn invalid_params(&self, id: RequestId, method: &str) {
        self.reply_error(
            id,
            ErrorCode::InvalidParams,
            &format!("invalid parameters for `{method}`"),
        );
    }

    fn handle_notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            Initialized::METHOD => self.register_watcher(),
            DidOpenTextDocument::METHOD => {
                if let Some(params) = parse::<DidOpenTextDocumentParams>(notification.params) {
                    let item = params.text_document;
                    let uri = item.uri.clone();
                    self.documents.insert(
                        uri.clone(),
                        Document::new(item.uri, item.version, item.text),
                    );
                    self.lint_now(&uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(params) = parse::<DidChangeTextDocumentParams>(notification.params) {
                    let uri = params.text_document.uri;
                    // Full sync: the last change holds the whole text.
                    let text = params.content_changes.into_iter().last().map(|c| c.text);
                    if let (Some(document), Some(text)) = (self.documents.get_mut(&uri), text) {
                        document.replace(params.text_document.version, text);
                        self.pending
                            .insert(uri, Instant::now() + self.options.debounce);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Some(params) = parse::<DidSaveTextDocumentParams>(notification.params) {
                    let uri = params.text_document.uri;
                    if is_config_file(file_path(&uri).as_deref()) {
                        self.reload();
                    } else {
                        self.lint_now(&uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(params) = parse::<DidCloseTextDocumentParams>(notification.params) {
                    let uri = params.text_document.uri;
                    self.documents.remove(&uri);
                    self.pending.remove(&uri);
                    self.publish(&uri);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Some(params) = parse::<DidChangeWatchedFilesParams>(notification.params) {
                    let touches_config = params
                        .changes
                        .iter()
                        .any(|change| is_config_file(file_path(&change.uri).as_deref()));
                    if touches_config {
                        self.reload();
                    }
                }
            }
            // `$/cancelRequest` was handled with its batch; `$/…` others may be ignored.
            _ => {}
        }
    }

    /// Asks the client to tell us when a configuration file changes, if it can.
    fn register_watcher(&mut self) {
        if !self.watch_registration {
            return;
        }
        let watchers = CONFIG_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "axiom-lint-config-watcher".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        self.next_request += 1;
        self.send(Request::new(
            RequestId::from(format!("axiom-lint-{}", self.next_request)),
            lsp_types::request::RegisterCapability::METHOD.to_owned(),
            RegistrationParams {
                registrations: vec![registration],
            },
        ));
    }

    /// A configuration file changed: forget every cached setting and lint again.
    fn reload(&mut self) {
        self.resolver.reload();
        self.config_errors.clear();
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in &uris {
            self.lint_now(uri);
        }
        // Configuration files that were broken and are not any more.
        let stale: Vec<PathBuf> = self
            .published_config_errors
            .iter()
            .filter(|path| !self.config_errors.contains_key(*path))
            .cloned()
            .collect();
        for path in stale {
            self.published_config_errors.remove(&path);
            if let Some(uri) = file_uri(&path) {
                self.publish(&uri);
            }
        }
    }

    /// The document, linted if a change is waiting, so answers match what the user sees.
    fn up_to_date(&mut self, uri: &Uri) -> Option<&Document> {
        if self.pending.contains_key(uri) {
            self.lint_now(uri);
        }
        self.documents.get(uri)
    }

    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.lint_now(&uri);
        }
    }

    /// Lints one document with the settings that govern it and publishes the findings.
    fn lint_now(&mut self, uri: &Uri) {
        self.pending.remove(uri);
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let path = document.path.clone();
        let (settings, excluded) = match &path {
            Some(path) => match self.resolver.resolve(path) {
                Ok(resolved) => (resolved.for_file(path), resolved.is_excluded(path)),
                Err(error) => {
                    self.record_config_error(&error);
                    // A broken configuration must not silence the file: lint with defaults.
                    (Settings::default(), false)
                }
            },
            None => (Settings::default(), false),
        };
        let shown = path
            .as_deref()
            .map(|p| p.strip_prefix(&self.options.cwd).unwrap_or(p))
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if let Some(document) = self.documents.get_mut(uri) {
            if excluded {
                document.result = axiom_lint::LintResult::default();
            } else {
                document.lint(settings, &shown);
            }
        }
        self.publish(uri);
    }

    /// Keeps a configuration error as findings on the configuration file, and shows them.
    fn record_config_error(&mut self, error: &SettingsError) {
        let Some(path) = error.config_path().map(Path::to_path_buf) else {
            return;
        };
        if self.config_errors.contains_key(&path) {
            return;
        }
        let Some(uri) = file_uri(&path) else {
            return;
        };
        let diagnostics = match error {
            SettingsError::InvalidConfig {
                text, diagnostics, ..
            } => {
                let lines = LineMap::new(text);
                diagnostics
                    .iter()
                    .map(|d| convert::diagnostic(&uri, text, &lines, d))
                    .collect()
            }
            SettingsError::Other { message, .. } => vec![lsp_types::Diagnostic {
                range: lsp_types::Range::default(),
                severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                source: Some(convert::SOURCE.to_owned()),
                message: axiom_lint::redact(message).into_owned(),
                ..lsp_types::Diagnostic::default()
            }],
        };
        self.config_errors.insert(path.clone(), diagnostics);
        self.published_config_errors.insert(path);
        self.publish(&uri);
    }

    /// Sends the findings for a URI: its document's, plus its configuration errors if it is
    /// a configuration file. Never sends a URI that holds a token.
    fn publish(&mut self, uri: &Uri) {
        if holds_token(uri) {
            if !self.warned_token_uri {
                self.warned_token_uri = true;
                self.notify::<ShowMessage>(ShowMessageParams {
                    typ: MessageType::WARNING,
                    message: "axiom-lint: a file's name holds an Axiom token; its findings are not shown so the name is not repeated. Rename the file.".to_owned(),
                });
            }
            return;
        }
        let document = self.documents.get(uri);
        let mut diagnostics: Vec<lsp_types::Diagnostic> = document
            .map(|doc| {
                doc.result
                    .diagnostics
                    .iter()
                    .map(|d| convert::diagnostic(uri, &doc.text, &doc.lines, d))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(errors) = file_path(uri).and_then(|path| self.config_errors.get(&path)) {
            diagnostics.extend(errors.iter().cloned());
        }
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: document.map(|doc| doc.version),
        });
    }
}

fn is_config_file(path: Option<&Path>) -> bool {
    path.and_then(Path::file_name)
        .is_some_and(|name| CONFIG_NAMES.iter().any(|config| name == *config))
}

/// Parameters of the expected shape, or `None`; the parser's own message is never shown, as
/// it may quote the value it choked on.
fn parse<T: DeserializeOwned>(params: serde_json::Value) -> Option<T> {
    serde_json::from_value(params).ok()
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(actions::kinds()),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "axiom-lint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}
