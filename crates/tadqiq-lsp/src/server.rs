//! The message loop: the LSP lifecycle (initialize, shutdown, exit), document sync, and
//! dispatch of lint work and code actions to the [`Worker`].

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::{unbounded, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
    ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, ExecuteCommand, RegisterCapability, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionOptions, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, ExecuteCommandOptions,
    ExecuteCommandParams, FileSystemWatcher, GlobPattern, InitializeResult, LogMessageParams,
    MessageType, PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams,
    SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentIdentifier,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::actions::{self, ADD_WORD_COMMAND};
use super::document::{kind_of, TextDocument};
use super::settings::{self, SettingsStore, DEFAULT_WORD_LIST};
use super::worker::{Job, Live, Snapshot, Worker};

/// JSON-RPC error code for a request that came before `initialize`.
const SERVER_NOT_INITIALIZED: i32 = -32002;

/// Run the server over `connection` until `exit` (or until the client goes away). Returns the
/// process exit status the LSP specification asks for: 0 when `exit` followed `shutdown`, 1
/// otherwise.
pub fn serve(connection: Connection) -> u8 {
    let Connection { sender, receiver } = connection;
    let live = Live::default();
    let (jobs, job_rx) = unbounded();
    let worker = {
        let worker = Worker::new(live.clone(), sender.clone());
        std::thread::Builder::new()
            .name("tadqiq-lsp-worker".into())
            .spawn(move || worker.run(&job_rx))
            .expect("spawn the lint worker")
    };
    let mut server: Option<Server> = None;
    let mut shutdown = false;
    for msg in &receiver {
        match msg {
            Message::Request(req) => {
                if shutdown {
                    respond_err(
                        &sender,
                        req.id,
                        ErrorCode::InvalidRequest,
                        "the server is shutting down",
                    );
                    continue;
                }
                let Some(s) = server.as_mut() else {
                    if req.method == lsp_types::request::Initialize::METHOD {
                        let (s, result) =
                            Server::new(&req.params, sender.clone(), jobs.clone(), live.clone());
                        respond_ok(&sender, req.id, result);
                        server = Some(s);
                    } else {
                        let resp = Response::new_err(
                            req.id,
                            SERVER_NOT_INITIALIZED,
                            "the server is not initialized".into(),
                        );
                        let _ = sender.send(resp.into());
                    }
                    continue;
                };
                if req.method == Shutdown::METHOD {
                    shutdown = true;
                    // Whatever lint is still queued is stale now: the worker skips it.
                    live.lock().clear();
                    respond_ok(&sender, req.id, Value::Null);
                } else {
                    s.request(req);
                }
            }
            Message::Notification(n) => {
                if n.method == lsp_types::notification::Exit::METHOD {
                    break;
                }
                if let (Some(s), false) = (server.as_mut(), shutdown) {
                    s.notification(n);
                }
            }
            // Answers to our own requests (capability registration): nothing to do.
            Message::Response(_) => {}
        }
    }
    // Stop the worker (the server holds a sender too) and let it finish what it was doing.
    drop(server);
    drop(jobs);
    let _ = worker.join();
    // `exit` after `shutdown`: 0. `exit` without it, or the client gone: 1.
    if shutdown {
        0
    } else {
        1
    }
}

fn respond_ok(out: &Sender<Message>, id: RequestId, result: impl serde::Serialize) {
    let _ = out.send(Response::new_ok(id, result).into());
}

fn respond_err(out: &Sender<Message>, id: RequestId, code: ErrorCode, message: &str) {
    let _ = out.send(Response::new_err(id, code as i32, message.to_owned()).into());
}

fn notify(out: &Sender<Message>, method: &str, params: impl serde::Serialize) {
    let _ = out.send(Notification::new(method.to_owned(), params).into());
}

/// The file a URI names, if it names one.
fn file_path(uri: &Url) -> Option<PathBuf> {
    (uri.scheme() == "file")
        .then(|| uri.to_file_path().ok())
        .flatten()
}

/// The workspace roots the client names: its workspace folders, else `rootUri`, else
/// `rootPath`.
fn roots(params: &Value) -> Vec<PathBuf> {
    let uri = |v: &Value| v.as_str().and_then(|s| Url::parse(s).ok());
    let mut roots: Vec<PathBuf> = params["workspaceFolders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| uri(&f["uri"]))
        .filter_map(|u| file_path(&u))
        .collect();
    if roots.is_empty() {
        roots.extend(uri(&params["rootUri"]).and_then(|u| file_path(&u)));
    }
    if roots.is_empty() {
        roots.extend(params["rootPath"].as_str().map(PathBuf::from));
    }
    roots
}

/// The parameters of a code action request that the server reads (the client's diagnostics in
/// `context` are not among them: the server has its own).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeActionArgs {
    text_document: TextDocumentIdentifier,
    range: lsp_types::Range,
    #[serde(default)]
    context: CodeActionContextArgs,
}

#[derive(Default, Deserialize)]
struct CodeActionContextArgs {
    #[serde(default)]
    only: Option<Vec<lsp_types::CodeActionKind>>,
}

struct Server {
    out: Sender<Message>,
    jobs: Sender<Job>,
    live: Live,
    docs: HashMap<Url, TextDocument>,
    settings: SettingsStore,
    generation: u64,
    /// Configuration problems already shown to the user.
    shown: HashSet<String>,
    /// The client takes `documentChanges` in workspace edits.
    versioned_edits: bool,
    /// The client lets us register file watchers.
    can_watch: bool,
}

impl Server {
    /// The server for the `initialize` request's parameters, read leniently from the raw JSON
    /// (only the roots and two capabilities matter here; a client announcing capabilities newer
    /// than `lsp-types` knows must not fail to start), and the answer to the request.
    fn new(
        params: &Value,
        out: Sender<Message>,
        jobs: Sender<Job>,
        live: Live,
    ) -> (Self, InitializeResult) {
        let roots = roots(params);
        let workspace = &params["capabilities"]["workspace"];
        let versioned_edits = workspace["workspaceEdit"]["documentChanges"] == true;
        let can_watch = workspace["didChangeWatchedFiles"]["dynamicRegistration"] == true;
        let server = Self {
            out,
            jobs,
            live,
            docs: HashMap::new(),
            settings: SettingsStore::new(
                roots
                    .iter()
                    .map(|r| tadqiq_workspace::config::normalize(r))
                    .collect(),
            ),
            generation: 0,
            shown: HashSet::new(),
            versioned_edits,
            can_watch,
        };
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp_types::CodeActionKind::QUICKFIX,
                    actions::fix_all_kind(),
                ]),
                resolve_provider: Some(false),
                ..Default::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![ADD_WORD_COMMAND.to_owned()],
                ..Default::default()
            }),
            ..Default::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "tadqiq".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        (server, result)
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        match req.method.as_str() {
            CodeActionRequest::METHOD => {
                if let Some(params) = self.params::<CodeActionArgs>(&req) {
                    self.code_actions(id, params);
                }
            }
            ExecuteCommand::METHOD => {
                if let Some(params) = self.params::<ExecuteCommandParams>(&req) {
                    self.execute_command(id, params);
                }
            }
            lsp_types::request::Initialize::METHOD => respond_err(
                &self.out,
                id,
                ErrorCode::InvalidRequest,
                "initialize was already received",
            ),
            m => respond_err(
                &self.out,
                id,
                ErrorCode::MethodNotFound,
                &format!("unknown method {m}"),
            ),
        }
    }

    /// A request's parameters, or an `InvalidParams` answer.
    fn params<P: DeserializeOwned>(&self, req: &Request) -> Option<P> {
        match serde_json::from_value(req.params.clone()) {
            Ok(p) => Some(p),
            Err(e) => {
                respond_err(
                    &self.out,
                    req.id.clone(),
                    ErrorCode::InvalidParams,
                    &format!("{}: {e}", req.method),
                );
                None
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        fn parse<P: DeserializeOwned>(n: Notification) -> Option<P> {
            match serde_json::from_value(n.params) {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!("tadqiq lsp: ignoring {}: {e}", n.method);
                    None
                }
            }
        }
        match n.method.as_str() {
            "initialized" => self.register_watchers(),
            DidOpenTextDocument::METHOD => {
                if let Some(p) = parse::<DidOpenTextDocumentParams>(n) {
                    let d = p.text_document;
                    let kind = kind_of(&d.uri, &d.language_id);
                    self.docs
                        .insert(d.uri.clone(), TextDocument::new(d.text, d.version, kind));
                    self.lint(&d.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = parse::<DidChangeTextDocumentParams>(n) {
                    let uri = p.text_document.uri;
                    match self.docs.get_mut(&uri) {
                        Some(doc) => {
                            doc.apply_changes(&p.content_changes, p.text_document.version);
                            self.lint(&uri);
                        }
                        None => eprintln!("tadqiq lsp: change to {uri}, which is not open"),
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Some(p) = parse::<DidSaveTextDocumentParams>(n) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        if let Some(text) = p.text {
                            *doc = TextDocument::new(text, doc.version(), doc.kind());
                        }
                    }
                    // A saved configuration or word list (which the client may not report
                    // otherwise) changes every document under it: lint them all again.
                    if self.settings.changed() {
                        self.reload();
                    } else if self.docs.contains_key(&uri) {
                        self.lint(&uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = parse::<DidCloseTextDocumentParams>(n) {
                    self.close(p.text_document.uri);
                }
            }
            DidChangeWatchedFiles::METHOD | DidChangeConfiguration::METHOD => self.reload(),
            // `$/cancelRequest`, `$/setTrace` and anything unknown: nothing to do.
            _ => {}
        }
    }

    /// Ask the client to tell us when a configuration file or the default word list changes.
    fn register_watchers(&mut self) {
        if !self.can_watch {
            return;
        }
        let watchers = tadqiq_workspace::config::FILE_NAMES
            .iter()
            .chain(&[DEFAULT_WORD_LIST])
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "tadqiq-watched-files".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let req = Request::new(
            RequestId::from("tadqiq-register-watchers".to_owned()),
            RegisterCapability::METHOD.into(),
            params,
        );
        let _ = self.out.send(req.into());
    }

    /// A snapshot of an open document as it is now.
    fn snapshot(&mut self, uri: &Url, generation: u64) -> Option<Snapshot> {
        let doc = self.docs.get(uri)?;
        let path = file_path(uri);
        let settings = self.settings.for_path(path.as_deref());
        for p in &settings.problems {
            if self.shown.insert(p.clone()) {
                notify(
                    &self.out,
                    ShowMessage::METHOD,
                    ShowMessageParams {
                        typ: MessageType::WARNING,
                        message: p.clone(),
                    },
                );
            }
        }
        Some(Snapshot {
            uri: uri.clone(),
            version: doc.version(),
            generation,
            text: Arc::from(doc.text()),
            kind: doc.kind(),
            excluded: settings.excludes(path.as_deref()),
            settings,
        })
    }

    /// Queue a lint of the document as it is now; any older lint of it becomes stale.
    fn lint(&mut self, uri: &Url) {
        self.generation += 1;
        if let Some(s) = self.snapshot(uri, self.generation) {
            self.live.lock().insert(uri.clone(), s.generation);
            let _ = self.jobs.send(Job::Lint(s));
        }
    }

    /// Read the configurations and word lists again, and lint every open document.
    fn reload(&mut self) {
        self.settings.invalidate();
        self.shown.clear();
        self.lint_all();
    }

    fn lint_all(&mut self) {
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.lint(&uri);
        }
    }

    fn close(&mut self, uri: Url) {
        self.docs.remove(&uri);
        {
            // Under the lock the worker publishes under: nothing for this document can be
            // published after the empty set.
            let mut live = self.live.lock();
            live.remove(&uri);
            notify(
                &self.out,
                PublishDiagnostics::METHOD,
                PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: Vec::new(),
                    version: None,
                },
            );
        }
        let _ = self.jobs.send(Job::Forget(uri));
    }

    fn code_actions(&mut self, id: RequestId, params: CodeActionArgs) {
        let uri = params.text_document.uri.clone();
        // A code action does not change the document: it takes the generation of the latest
        // lint, so the worker answers from the diagnostics it has (or is about to have).
        let generation = self.live.lock().get(&uri).copied().unwrap_or_default();
        let Some(snapshot) = self.snapshot(&uri, generation) else {
            respond_ok(&self.out, id, Vec::<lsp_types::CodeActionOrCommand>::new());
            return;
        };
        let _ = self.jobs.send(Job::CodeActions {
            id,
            snapshot,
            range: params.range,
            only: params.context.only,
            versioned_edits: self.versioned_edits,
        });
    }

    fn execute_command(&mut self, id: RequestId, params: ExecuteCommandParams) {
        if params.command != ADD_WORD_COMMAND {
            respond_err(
                &self.out,
                id,
                ErrorCode::InvalidParams,
                &format!("unknown command {}", params.command),
            );
            return;
        }
        let arg = params.arguments.first();
        let word = arg.and_then(|a| a.get("word")).and_then(Value::as_str);
        let uri = arg
            .and_then(|a| a.get("uri"))
            .and_then(Value::as_str)
            .and_then(|u| Url::parse(u).ok());
        let Some(word) = word.filter(|w| tadqiq_core::keymap::encode(w.trim()).is_some()) else {
            respond_err(
                &self.out,
                id,
                ErrorCode::InvalidParams,
                &format!("{ADD_WORD_COMMAND} takes {{\"uri\": ..., \"word\": <an Arabic word>}}"),
            );
            return;
        };
        let path = uri.as_ref().and_then(file_path);
        let settings = self.settings.for_path(path.as_deref());
        match settings::add_word(&settings, word) {
            Ok(list) => {
                respond_ok(&self.out, id, Value::Null);
                notify(
                    &self.out,
                    LogMessage::METHOD,
                    LogMessageParams {
                        typ: MessageType::INFO,
                        message: format!("tadqiq: added «{word}» to {}", list.display()),
                    },
                );
                self.reload();
            }
            Err(e) => {
                let message = format!("tadqiq: cannot add «{word}» to the word list: {e}");
                notify(
                    &self.out,
                    ShowMessage::METHOD,
                    ShowMessageParams {
                        typ: MessageType::ERROR,
                        message: message.clone(),
                    },
                );
                let resp = Response::new_err(id, ErrorCode::RequestFailed as i32, message);
                let _ = self.out.send(resp.into());
            }
        }
    }
}
