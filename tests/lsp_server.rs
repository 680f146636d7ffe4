//! Message-level tests of `tadqiq lsp`: the server runs on a thread over an in-memory
//! connection (`tadqiq_lsp::serve`), and over the real binary's stdio for the transport and the
//! exit status. No Python needed (the pytest-lsp end-to-end test is `tests/lsp_e2e.rs`).

mod common;

use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, ResponseError};
use lsp_types::{Diagnostic, Position, PublishDiagnosticsParams, Range, Url};
use serde_json::{json, Value};

use common::{lsp_frame as frame, lsp_read_message as read_message};

const WAIT: Duration = Duration::from_secs(60);
const SEED: &str = "fixtures/seeds/004_8acd1053c13bf32b.txt";

/// A response, as JSON-RPC has it: a result or an error.
#[derive(Debug)]
struct Reply {
    result: Option<Value>,
    error: Option<ResponseError>,
}

struct Client {
    conn: Connection,
    server: Option<JoinHandle<u8>>,
    next_id: i32,
    unread: VecDeque<Message>,
}

impl Client {
    fn start() -> Self {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || tadqiq_lsp::serve(server_side));
        Self {
            conn: client_side,
            server: Some(server),
            next_id: 0,
            unread: VecDeque::new(),
        }
    }

    /// A started and initialized client, with `root` as the workspace folder.
    fn initialized(root: Option<&Path>) -> Self {
        let mut c = Self::start();
        let root_uri = root.map(|r| Url::from_directory_path(r).unwrap());
        let resp = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": {"workspace": {"workspaceEdit": {"documentChanges": true}}},
            }),
        );
        assert!(resp.error.is_none(), "{resp:?}");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&self, m: Message) {
        self.conn.sender.send(m).unwrap();
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    fn request(&mut self, method: &str, params: Value) -> Reply {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params).into());
        self.wait_for(|m| matches!(m, Message::Response(r) if r.id == id))
            .map(|m| match m {
                Message::Response(r) => match r.response_result {
                    Ok(v) => Reply {
                        result: Some(v),
                        error: None,
                    },
                    Err(e) => Reply {
                        result: None,
                        error: Some(e),
                    },
                },
                _ => unreachable!(),
            })
            .unwrap_or_else(|| panic!("no response to {method}"))
    }

    /// The first message (read now or earlier) that `pred` accepts; the others stay unread.
    fn wait_for(&mut self, mut pred: impl FnMut(&Message) -> bool) -> Option<Message> {
        if let Some(i) = self.unread.iter().position(&mut pred) {
            return self.unread.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let m = self.conn.receiver.recv_timeout(left).ok()?;
            if pred(&m) {
                return Some(m);
            }
            self.unread.push_back(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &Url) -> PublishDiagnosticsParams {
        let m = self
            .wait_for(|m| {
                matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri.as_str())
            })
            .expect("diagnostics published");
        match m {
            Message::Notification(n) => serde_json::from_value(n.params).unwrap(),
            _ => unreachable!(),
        }
    }

    /// The diagnostics published for `uri` at `version`, skipping older ones.
    fn diagnostics_at(&mut self, uri: &Url, version: i32) -> Vec<Diagnostic> {
        loop {
            let p = self.diagnostics(uri);
            if p.version == Some(version) {
                return p.diagnostics;
            }
            assert!(p.version < Some(version), "{:?} after {version}", p.version);
        }
    }

    fn open(&self, uri: &Url, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&self, uri: &Url, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Send `exit` (after `shutdown` if asked) and return the server's exit status.
    fn finish(mut self, shutdown: bool) -> u8 {
        if shutdown {
            let r = self.request("shutdown", Value::Null);
            assert_eq!(r.result, Some(Value::Null));
        }
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

/// The LSP range of the `nth` occurrence of the whole word `word` in `text`, computed here from
/// scratch: 0-based line, and columns in UTF-16 code units from the line's start.
fn utf16_range(text: &str, word: &str, nth: usize) -> Range {
    let start = text
        .match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
        .nth(nth)
        .unwrap();
    let pos = |offset: usize| {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position::new(
            before.matches('\n').count() as u32,
            before[line_start..].encode_utf16().count() as u32,
        )
    };
    Range::new(pos(start), pos(start + word.len()))
}

fn code(d: &Diagnostic) -> String {
    match &d.code {
        Some(lsp_types::NumberOrString::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    }
}

fn seed() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap()
}

#[test]
fn initialize_announces_incremental_sync_and_code_actions() {
    let mut c = Client::start();
    // Before initialize: ServerNotInitialized.
    let r = c.request("textDocument/codeAction", json!({}));
    assert_eq!(r.error.unwrap().code, -32002);
    let r = c.request("initialize", json!({"capabilities": {}}));
    let caps = &r.result.unwrap()["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "{caps}");
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert!(caps["codeActionProvider"].is_object());
    assert_eq!(
        caps["executeCommandProvider"]["commands"][0],
        "tadqiq.addToWordList"
    );
    let r = c.request("initialize", json!({"capabilities": {}}));
    assert_eq!(r.error.unwrap().code, -32600, "initialize twice");
    assert_eq!(c.finish(true), 0);
}

#[test]
fn seed_diagnostic_quick_fix_and_close() {
    let text = seed();
    let mut c = Client::initialized(None);
    let uri = Url::parse("file:///nonexistent/tadqiq-test/004.txt").unwrap();
    c.open(&uri, "plaintext", &text);
    let diags = c.diagnostics_at(&uri, 1);
    let want = utf16_range(&text, "القاء", 0);
    let d = diags
        .iter()
        .find(|d| d.range == want)
        .unwrap_or_else(|| panic!("no diagnostic at {want:?}: {diags:#?}"));
    assert_eq!(code(d), "tadqiq/spelling");
    assert_eq!(d.source.as_deref(), Some("tadqiq"));
    assert_eq!(d.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
    assert!(d.message.contains("القاء"), "{}", d.message);

    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": want,
               "context": {"diagnostics": [d]}}),
    );
    let actions = r.result.unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred quick fix");
    assert_eq!(fix["title"], "Replace with «اللقاء»");
    assert_eq!(fix["kind"], "quickfix");
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Add «القاء» to the project word list"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Disable tadqiq/spelling for this line"),
        "{titles:?}"
    );
    // documentChanges, tied to the version the actions were computed for.
    let doc_edit = &fix["edit"]["documentChanges"][0];
    assert_eq!(doc_edit["textDocument"]["version"], 1);
    let edit = &doc_edit["edits"][0];
    assert_eq!(
        serde_json::from_value::<Range>(edit["range"].clone()).unwrap(),
        want
    );

    // Apply it as an editor would (an incremental change) and see the diagnostic go.
    c.change(
        &uri,
        2,
        json!([{"range": edit["range"], "text": edit["newText"]}]),
    );
    let diags = c.diagnostics_at(&uri, 2);
    assert!(
        diags.iter().all(|d| d.range.start != want.start),
        "{diags:#?}"
    );
    let fixed = text.replacen("القاء", "اللقاء", 1);
    let next = utf16_range(&fixed, "القاء", 0);
    assert!(diags.iter().any(|d| d.range == next), "the next one stays");

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let p = c.diagnostics(&uri);
    assert!(p.diagnostics.is_empty());
    assert_eq!(c.finish(true), 0);
}

#[test]
fn utf16_ranges_after_emoji_and_incremental_edits() {
    let mut c = Client::initialized(None);
    let uri = Url::parse("untitled:emoji").unwrap();
    let text = "سطر أول\n😀👍🏽 تطرق القاء إلى التحديات";
    c.open(&uri, "plaintext", text);
    let diags = c.diagnostics_at(&uri, 1);
    let want = utf16_range(text, "القاء", 0);
    assert_eq!(
        want.start,
        Position::new(1, 12),
        "😀 2 + 👍🏽 4 + space + تطرق 4 + space"
    );
    assert!(diags.iter().any(|d| d.range == want), "{diags:#?}");

    // Insert a lam inside the word, by UTF-16 position, then another emoji before it.
    let at = Position::new(1, want.start.character + 2);
    c.change(
        &uri,
        2,
        json!([{"range": {"start": at, "end": at}, "text": "ل"}]),
    );
    assert!(c.diagnostics_at(&uri, 2).is_empty());
    c.change(
        &uri,
        3,
        json!([
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "🎉"},
            // The lam, at 14 before the 🎉 went in, is at 16 now.
            {"range": {"start": {"line": 1, "character": 16}, "end": {"line": 1, "character": 17}}, "text": ""},
        ]),
    );
    let now = "سطر أول\n🎉😀👍🏽 تطرق القاء إلى التحديات";
    let diags = c.diagnostics_at(&uri, 3);
    let want = utf16_range(now, "القاء", 0);
    assert_eq!(want.start.character, 14);
    assert!(diags.iter().any(|d| d.range == want), "{diags:#?}");

    // Positions inside a surrogate pair or past the end are clamped, not fatal; a full change
    // still works after.
    c.change(
        &uri,
        4,
        json!([{"range": {"start": {"line": 1, "character": 1}, "end": {"line": 99, "character": 5}}, "text": ""}]),
    );
    assert!(c.diagnostics_at(&uri, 4).is_empty());
    c.change(&uri, 5, json!([{"text": "# عنوان\n\nتطرق القاء\n"}]));
    assert_eq!(c.diagnostics_at(&uri, 5).len(), 1);
    assert_eq!(c.finish(true), 0);
}

#[test]
fn markdown_code_is_not_linted() {
    let mut c = Client::initialized(None);
    let text = "تطرق القاء\n\n```\nتطرق القاء\n```\n";
    let md = Url::parse("file:///nonexistent/a.md").unwrap();
    c.open(&md, "markdown", text);
    assert_eq!(c.diagnostics_at(&md, 1).len(), 1);
    let txt = Url::parse("file:///nonexistent/a.txt").unwrap();
    c.open(&txt, "markdown", text);
    assert_eq!(
        c.diagnostics_at(&txt, 1).len(),
        1,
        "languageId markdown wins"
    );
    let plain = Url::parse("file:///nonexistent/b.txt").unwrap();
    c.open(&plain, "plaintext", text);
    assert_eq!(c.diagnostics_at(&plain, 1).len(), 2);
    assert_eq!(c.finish(true), 0);
}

#[test]
fn stale_versions_are_dropped() {
    let mut c = Client::initialized(None);
    let uri = Url::parse("file:///nonexistent/big.txt").unwrap();
    // A large document takes the worker a while; the change that follows at once makes it
    // stale before it is done: its diagnostics must never be published.
    let big = seed().repeat(30);
    c.open(&uri, "plaintext", &big);
    c.change(&uri, 2, json!([{"text": "تطرق القاء"}]));
    for v in 3..=40 {
        c.change(&uri, v, json!([{"text": format!("تطرق القاء {v}")}]));
    }
    let mut versions = Vec::new();
    loop {
        let p = c.diagnostics(&uri);
        versions.push(p.version.unwrap());
        if p.version == Some(40) {
            assert_eq!(p.diagnostics.len(), 1);
            break;
        }
    }
    assert!(!versions.contains(&1), "{versions:?}");
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(c.finish(true), 0);
}

#[test]
fn unknown_methods_and_bad_params() {
    let mut c = Client::initialized(None);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r.error.unwrap().code, -32601);
    let r = c.request("$/tadqiq/nothing", json!(null));
    assert_eq!(r.error.unwrap().code, -32601);
    c.notify("$/unknownNotification", json!({"x": 1}));
    c.notify("textDocument/didOpen", json!({"textDocument": 5}));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///never/opened.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let r = c.request("textDocument/codeAction", json!({"textDocument": 1}));
    assert_eq!(r.error.unwrap().code, -32602);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "tadqiq.nothing", "arguments": []}),
    );
    assert_eq!(r.error.unwrap().code, -32602);
    // Code actions on a document that is not open: none.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///never/opened.txt"},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(r.result, Some(json!([])));
    // Still serving.
    let uri = Url::parse("file:///nonexistent/ok.txt").unwrap();
    c.open(&uri, "plaintext", "تطرق القاء");
    assert_eq!(c.diagnostics_at(&uri, 1).len(), 1);
    assert_eq!(c.finish(true), 0);
}

#[test]
fn shutdown_and_exit_status() {
    let mut c = Client::initialized(None);
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r.result, Some(Value::Null));
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r.error.unwrap().code, -32600, "requests after shutdown");
    assert_eq!(c.finish(false), 0, "exit after shutdown");

    let c = Client::initialized(None);
    assert_eq!(c.finish(false), 1, "exit without shutdown");
    let c = Client::start();
    assert_eq!(c.finish(false), 1, "exit before initialize");
}

#[test]
fn word_list_fix_all_and_config_reload() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = root.join("news/a.txt");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let text = "تطرق القاء إلى من من التحديات\n";
    std::fs::write(&file, text).unwrap();
    let uri = Url::from_file_path(&file).unwrap();
    let mut c = Client::initialized(Some(&root));
    c.open(&uri, "plaintext", text);
    let diags = c.diagnostics_at(&uri, 1);
    let codes: Vec<String> = diags.iter().map(code).collect();
    assert_eq!(codes, vec!["tadqiq/spelling", "tadqiq/repeated-word"]);

    // Fix all: the safe fixes, as one edit of the document.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = r.result.unwrap();
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(actions[0]["title"], "Fix all in document");
    assert_eq!(actions[0]["kind"], "source.fixAll.tadqiq");

    // Add the word to the project word list. There is no configuration: the word goes to
    // .tadqiq-words.txt, named by a new tadqiq.toml at the workspace root, so that the CLI
    // accepts it too.
    let cli_spelling = || {
        let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
            .args(["check", "--format", "json"])
            .arg(&file)
            .current_dir(&root)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("tadqiq/spelling")
    };
    assert!(cli_spelling());
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "tadqiq.addToWordList", "arguments": [{"uri": uri, "word": "القاء"}]}),
    );
    assert!(r.error.is_none(), "{r:?}");
    let list = std::fs::read_to_string(root.join(".tadqiq-words.txt")).unwrap();
    assert_eq!(list, "القاء\n");
    let toml = std::fs::read_to_string(root.join("tadqiq.toml")).unwrap();
    assert!(toml.contains(r#"words = [".tadqiq-words.txt"]"#), "{toml}");
    let codes: Vec<String> = c.diagnostics_at(&uri, 1).iter().map(code).collect();
    assert_eq!(codes, vec!["tadqiq/repeated-word"]);
    assert!(!cli_spelling(), "the CLI reads the same word list");

    // A tadqiq.toml appears: it turns repeated-word off and names another word list (which
    // lacks the word). The next lint picks it up, even without a file-change notification.
    std::fs::write(
        root.join("tadqiq.toml"),
        "words = [\"words.txt\"]\n[rules]\nrepeated-word = \"off\"\n",
    )
    .unwrap();
    std::fs::write(root.join("words.txt"), "# project words\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let codes: Vec<String> = c.diagnostics_at(&uri, 1).iter().map(code).collect();
    assert_eq!(codes, vec!["tadqiq/spelling"]);

    // A broken configuration is shown to the user; the defaults (no word list) apply meanwhile.
    std::fs::write(root.join("tadqiq.toml"), "colour = 1\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": Url::from_file_path(root.join("tadqiq.toml")).unwrap(), "type": 2}]}),
    );
    let m = c
        .wait_for(|m| matches!(m, Message::Notification(n) if n.method == "window/showMessage"))
        .expect("the configuration error is shown");
    let Message::Notification(n) = m else {
        unreachable!()
    };
    assert!(
        n.params["message"].as_str().unwrap().contains("colour"),
        "{n:?}"
    );
    let codes: Vec<String> = c.diagnostics_at(&uri, 1).iter().map(code).collect();
    assert_eq!(codes, vec!["tadqiq/spelling", "tadqiq/repeated-word"]);
    // Adding a word now would have to edit a configuration that cannot be read: refused.
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "tadqiq.addToWordList", "arguments": [{"uri": uri, "word": "القاء"}]}),
    );
    assert!(r.error.unwrap().message.contains("fix it first"));
    assert_eq!(
        std::fs::read_to_string(root.join("tadqiq.toml")).unwrap(),
        "colour = 1\n"
    );
    assert_eq!(c.finish(true), 0);
}

#[test]
fn saving_the_configuration_relints_every_open_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("news")).unwrap();
    let text = "تطرق القاء إلى التحديات\n";
    let a = Url::from_file_path(root.join("news/a.txt")).unwrap();
    let b = Url::from_file_path(root.join("b.md")).unwrap();
    let mut c = Client::initialized(Some(&root));
    c.open(&a, "plaintext", text);
    c.open(&b, "markdown", text);
    assert_eq!(c.diagnostics_at(&a, 1).len(), 1);
    assert_eq!(c.diagnostics_at(&b, 1).len(), 1);

    // The configuration is edited and saved in the editor: the client reports the save of
    // tadqiq.toml (a document the server does not hold), and no file-change notification.
    let config = root.join("tadqiq.toml");
    std::fs::write(&config, "[rules]\nspelling = \"off\"\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": Url::from_file_path(&config).unwrap()}}),
    );
    assert!(c.diagnostics_at(&a, 1).is_empty());
    assert!(c.diagnostics_at(&b, 1).is_empty());

    // Back on: a watched-file notification does the same.
    std::fs::write(&config, "[rules]\nspelling = \"warning\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": Url::from_file_path(&config).unwrap(), "type": 2}]}),
    );
    for uri in [&a, &b] {
        let d = c.diagnostics_at(uri, 1);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Some(lsp_types::DiagnosticSeverity::WARNING));
    }
    assert_eq!(c.finish(true), 0);
}

/// Run `tadqiq lsp`: write `first` to its stdin, read until a message satisfies `until`, write
/// `then` and close stdin; return every message it wrote and its exit status.
fn run_binary_until(
    first: &[u8],
    until: impl Fn(&Value) -> bool,
    then: &[u8],
) -> (Vec<Value>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(first).unwrap();
    stdin.flush().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut messages = Vec::new();
    while let Some(m) = read_message(&mut out) {
        let done = until(&m);
        messages.push(m);
        if done {
            break;
        }
    }
    stdin.write_all(then).unwrap();
    drop(stdin);
    while let Some(m) = read_message(&mut out) {
        messages.push(m);
    }
    let status = child.wait().unwrap();
    (messages, status.code().unwrap())
}

/// Run `tadqiq lsp` on `input` (all of stdin at once, then stdin closed).
fn run_binary(input: &[u8]) -> (Vec<Value>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut messages = Vec::new();
    while let Some(m) = read_message(&mut out) {
        messages.push(m);
    }
    let status = child.wait().unwrap();
    (messages, status.code().unwrap())
}

#[test]
fn binary_survives_malformed_input_and_exits_cleanly() {
    let mut input = Vec::new();
    let init =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}});
    input.extend(frame(&init.to_string()));
    input.extend(frame("{this is not json"));
    input.extend(b"X-Nonsense: yes\r\n\r\n");
    input.extend(frame(r#"{"jsonrpc":"2.0","id":2,"method":7}"#));
    // A lone surrogate inside the text of a document.
    input.extend(frame(
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x/s.txt","languageId":"plaintext","version":1,"text":"\ud800 تطرق القاء"}}}"#,
    ));
    input.extend(frame(
        r#"{"jsonrpc":"2.0","id":3,"method":"textDocument/unknown"}"#,
    ));
    // Shutdown once the document's diagnostics are out (queued lints are dropped at shutdown).
    let mut end = frame(r#"{"jsonrpc":"2.0","id":4,"method":"shutdown"}"#);
    end.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let (messages, status) = run_binary_until(
        &input,
        |m| m["method"] == "textDocument/publishDiagnostics",
        &end,
    );
    assert_eq!(status, 0, "{messages:#?}");
    let error_of = |id: Value| {
        messages
            .iter()
            .find(|m| m["id"] == id && m.get("error").is_some())
            .map(|m| m["error"]["code"].as_i64().unwrap())
    };
    assert!(messages
        .iter()
        .any(|m| m["id"] == 1 && m["result"]["capabilities"].is_object()));
    let parse_errors = messages
        .iter()
        .filter(|m| m["id"].is_null() && m["error"]["code"] == -32700)
        .count();
    assert_eq!(parse_errors, 2, "{messages:#?}");
    assert_eq!(error_of(json!(2)), Some(-32600));
    assert_eq!(error_of(json!(3)), Some(-32601));
    assert!(messages
        .iter()
        .any(|m| m["id"] == 4 && m["result"].is_null()));
    // The document with a lone surrogate was linted; the surrogate counts one UTF-16 unit.
    let d = messages
        .iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["diagnostics"].clone())
        .expect("diagnostics published");
    assert_eq!(
        d[0]["range"]["start"],
        json!({"line": 0, "character": 7}),
        "{d}"
    );

    // Exit without shutdown: 1; the client going away without exit: 1 too.
    let mut input = frame(&init.to_string());
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    assert_eq!(run_binary(&input).1, 1);
    assert_eq!(run_binary(&frame(&init.to_string())).1, 1);
}
