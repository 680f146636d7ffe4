//! Latency of `tadqiq lsp` after an edit to a 20 KB Arabic document (target: under 10 ms).
//!
//! Each measured edit types a letter into a different word of the document, making a word the
//! linter has not seen before (a typo, usually: the expensive case, with suggestions to find);
//! the edit is then undone, unmeasured, so the document stays 20 KB.
//!
//! - `lsp/relint_after_edit_20kb`: what the server does between a `didChange` and its
//!   `publishDiagnostics`: apply the incremental edit (UTF-16 positions), lint with the
//!   session's linter (its per-word cache warm with the rest of the document), convert the
//!   diagnostics to LSP ranges.
//! - `lsp/roundtrip_20kb`: the whole server over an in-memory connection: send `didChange`,
//!   wait for the diagnostics of that version (message loop, worker thread, JSON values).
//! - `lsp/open_cold_20kb`: the first lint of the document by a new linter (empty cache), as on
//!   `didOpen` right after the server starts.
//!
//! `cargo bench --bench lsp`

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use serde_json::json;
use tadqiq_core::{Linter, SourceKind};
use tadqiq_lsp::convert::{self, Positions};
use tadqiq_lsp::document::TextDocument;

/// 20 KB of news text (a little more: the seed articles, cut at the first line end after
/// 20,000 bytes).
fn document() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut text = String::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for p in names {
        text.push_str(&std::fs::read_to_string(p).unwrap());
        if text.len() > 20_000 {
            break;
        }
    }
    if let Some(n) = text.as_bytes()[20_000..].iter().position(|&b| b == b'\n') {
        text.truncate(20_000 + n + 1);
    }
    text
}

const LETTERS: &str = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";

/// The edits that type a letter into a word and take it out again: for step `i`, a letter
/// (`i / words` decides which) in the middle of word `i % words` of the document.
struct Typing {
    /// UTF-16 positions (line, column) of the middle of each Arabic word of 4 letters or more.
    places: Vec<(u32, u32)>,
    letters: Vec<char>,
}

impl Typing {
    fn new(text: &str) -> Self {
        let lines = tadqiq_core::text::LineIndex::new(text);
        let mut places = Vec::new();
        let mut offset = 0;
        for word in text.split(|c: char| !('\u{0621}'..='\u{064A}').contains(&c)) {
            let n = word.chars().count();
            if n >= 4 {
                let mid = offset + word.char_indices().nth(n / 2).unwrap().0;
                places.push(lines.utf16_position(text, mid));
            }
            offset += word.len();
            offset += text[offset..].chars().next().map_or(0, char::len_utf8);
        }
        Self {
            places,
            letters: LETTERS.chars().collect(),
        }
    }

    fn change(line: u32, from: u32, to: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    /// Step `i`: the edit typing the letter, and the edit undoing it.
    fn step(&self, i: u64) -> [TextDocumentContentChangeEvent; 2] {
        let n = self.places.len() as u64;
        let (line, col) = self.places[(i % n) as usize];
        let letter = self.letters[((i / n) % self.letters.len() as u64) as usize];
        [
            Self::change(line, col, col, &letter.to_string()),
            Self::change(line, col, col + 1, ""),
        ]
    }
}

fn relint(c: &mut Criterion) {
    let text = document();
    let typing = Typing::new(&text);
    eprintln!(
        "document: {} bytes, {} lines, {} words typed into in turn",
        text.len(),
        text.lines().count(),
        typing.places.len()
    );
    let linter = Linter::new();
    let mut doc = TextDocument::new(text.clone(), 1, SourceKind::Plain);
    linter.lint(doc.text(), doc.kind());
    let mut step = 0u64;
    let mut version = 1;
    let mut relint = |doc: &mut TextDocument, edit: &TextDocumentContentChangeEvent| {
        version += 1;
        doc.apply_changes(std::slice::from_ref(edit), version);
        let diags = linter.lint(doc.text(), doc.kind());
        let pos = Positions::new(doc.text());
        convert::diagnostics(&diags, &pos)
    };
    c.bench_function("lsp/relint_after_edit_20kb", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let [typed, undo] = typing.step(step);
                step += 1;
                let t = Instant::now();
                std::hint::black_box(relint(&mut doc, &typed));
                total += t.elapsed();
                relint(&mut doc, &undo);
            }
            total
        })
    });
    assert_eq!(doc.text(), text, "every edit was undone");
}

fn open_cold(c: &mut Criterion) {
    let text = document();
    c.bench_function("lsp/open_cold_20kb", |b| {
        b.iter_batched(
            Linter::new,
            |linter| {
                let diags = linter.lint(&text, SourceKind::Plain);
                convert::diagnostics(&diags, &Positions::new(&text))
            },
            BatchSize::PerIteration,
        )
    });
}

fn roundtrip(c: &mut Criterion) {
    let text = document();
    let typing = Typing::new(&text);
    let (server_side, client) = Connection::memory();
    let server = std::thread::spawn(move || tadqiq_lsp::serve(server_side));
    let send = |m: Message| client.sender.send(m).unwrap();
    let wait_for_version = |v: i32| loop {
        match client.receiver.recv().unwrap() {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["version"] == v =>
            {
                return n;
            }
            _ => {}
        }
    };
    send(
        Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({"capabilities": {}}),
        )
        .into(),
    );
    send(Notification::new("initialized".into(), json!({})).into());
    let uri = "untitled:bench-20kb";
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        )
        .into(),
    );
    wait_for_version(1);
    let mut version = 1;
    let mut change = |edit: &TextDocumentContentChangeEvent| {
        version += 1;
        send(
            Notification::new(
                "textDocument/didChange".into(),
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [edit]}),
            )
            .into(),
        );
        wait_for_version(version)
    };
    let mut step = 0u64;
    c.bench_function("lsp/roundtrip_20kb", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let [typed, undo] = typing.step(step);
                step += 1;
                let t = Instant::now();
                std::hint::black_box(change(&typed));
                total += t.elapsed();
                change(&undo);
            }
            total
        })
    });
    send(Request::new(RequestId::from(2), "shutdown".into(), json!(null)).into());
    send(Notification::new("exit".into(), json!(null)).into());
    assert_eq!(server.join().unwrap(), 0);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    targets = relint, roundtrip, open_cold
}
criterion_main!(benches);
