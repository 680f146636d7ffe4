//! The lint worker: a thread of its own that lints snapshots of documents and answers code
//! action requests, so the message loop never waits for a lint.
//!
//! Stale work is dropped at three points: jobs queued behind a newer snapshot of the same
//! document are skipped unread; a snapshot that is no longer the document's latest when its
//! turn comes is not linted; and diagnostics are published only if their snapshot is still the
//! latest when they are sent. The last check and the send happen under the lock the message
//! loop takes to register a new snapshot, so diagnostics for an old version are never
//! published, not even by a race.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, Notification, RequestId, Response};
use lsp_types::notification::{LogMessage, Notification as _, PublishDiagnostics};
use lsp_types::{
    CodeActionKind, LogMessageParams, MessageType, PublishDiagnosticsParams, Range, Url,
};

use super::actions::{self, ActionContext};
use super::convert::{self, Positions};
use super::settings::Settings;
use tadqiq_core::diagnostic::Diagnostic;
use tadqiq_core::document::SourceKind;

/// A document as it was at one moment.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: Url,
    pub version: i32,
    /// The server's count of snapshots: tells the latest from stale ones (versions alone do
    /// not: a save or a configuration change re-lints the same version).
    pub generation: u64,
    pub text: Arc<str>,
    pub kind: SourceKind,
    pub settings: Arc<Settings>,
    /// The configuration excludes the file: publish nothing for it.
    pub excluded: bool,
}

/// Work for the worker.
pub enum Job {
    Lint(Snapshot),
    CodeActions {
        id: RequestId,
        snapshot: Snapshot,
        /// The range asked about, and the kinds of action wanted (`None`: all).
        range: Range,
        only: Option<Vec<CodeActionKind>>,
        versioned_edits: bool,
    },
    /// The document was closed: drop what is cached for it.
    Forget(Url),
}

/// The generation of each open document's latest snapshot.
#[derive(Clone, Default)]
pub struct Live(Arc<Mutex<HashMap<Url, u64>>>);

impl Live {
    pub fn lock(&self) -> MutexGuard<'_, HashMap<Url, u64>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_latest(&self, s: &Snapshot) -> bool {
        self.lock().get(&s.uri) == Some(&s.generation)
    }
}

struct Linted {
    generation: u64,
    diagnostics: Arc<Vec<Diagnostic>>,
}

pub struct Worker {
    live: Live,
    out: Sender<Message>,
    cache: HashMap<Url, Linted>,
}

impl Worker {
    pub fn new(live: Live, out: Sender<Message>) -> Self {
        Self {
            live,
            out,
            cache: HashMap::new(),
        }
    }

    /// Work until the job channel closes.
    pub fn run(mut self, jobs: &Receiver<Job>) {
        while let Ok(job) = jobs.recv() {
            let mut batch = vec![job];
            batch.extend(jobs.try_iter());
            self.run_batch(batch);
        }
    }

    /// Run jobs in order, skipping lints that a later lint of the same document supersedes.
    pub fn run_batch(&mut self, batch: Vec<Job>) {
        let mut newest: HashMap<Url, u64> = HashMap::new();
        for job in &batch {
            if let Job::Lint(s) = job {
                let g = newest.entry(s.uri.clone()).or_default();
                *g = (*g).max(s.generation);
            }
        }
        for job in batch {
            match job {
                Job::Lint(s) => {
                    if newest.get(&s.uri) == Some(&s.generation) {
                        self.lint_and_publish(&s);
                    }
                }
                Job::CodeActions {
                    id,
                    snapshot,
                    range,
                    only,
                    versioned_edits,
                } => self.code_actions(id, &snapshot, range, only.as_deref(), versioned_edits),
                Job::Forget(uri) => {
                    self.cache.remove(&uri);
                }
            }
        }
    }

    /// The diagnostics of a snapshot: cached if this generation was linted already.
    fn diagnostics(&mut self, s: &Snapshot) -> Arc<Vec<Diagnostic>> {
        if let Some(c) = self.cache.get(&s.uri) {
            if c.generation == s.generation {
                return c.diagnostics.clone();
            }
        }
        let diagnostics = if s.excluded {
            Vec::new()
        } else {
            let linter = &s.settings.linter;
            match catch_unwind(AssertUnwindSafe(|| linter.lint(&s.text, s.kind))) {
                Ok(d) => d,
                Err(panic) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    self.log(
                        MessageType::ERROR,
                        format!("tadqiq: the linter failed on {}: {what}", s.uri),
                    );
                    Vec::new()
                }
            }
        };
        let diagnostics = Arc::new(diagnostics);
        self.cache.insert(
            s.uri.clone(),
            Linted {
                generation: s.generation,
                diagnostics: diagnostics.clone(),
            },
        );
        diagnostics
    }

    fn lint_and_publish(&mut self, s: &Snapshot) {
        if !self.live.is_latest(s) {
            return;
        }
        let diags = self.diagnostics(s);
        let pos = Positions::new(&s.text);
        let params = PublishDiagnosticsParams {
            uri: s.uri.clone(),
            diagnostics: convert::diagnostics(&diags, &pos),
            version: Some(s.version),
        };
        let live = self.live.lock();
        if live.get(&s.uri) == Some(&s.generation) {
            let _ = self.out.send(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_owned(),
                params,
            )));
        }
    }

    fn code_actions(
        &mut self,
        id: RequestId,
        s: &Snapshot,
        range: Range,
        only: Option<&[CodeActionKind]>,
        versioned_edits: bool,
    ) {
        let diags = self.diagnostics(s);
        let pos = Positions::new(&s.text);
        let cx = ActionContext {
            uri: &s.uri,
            version: s.version,
            pos: &pos,
            diagnostics: &diags,
            versioned_edits,
        };
        let actions = actions::code_actions(&cx, range, only);
        let _ = self
            .out
            .send(Message::Response(Response::new_ok(id, actions)));
    }

    fn log(&self, typ: MessageType, message: String) {
        let _ = self.out.send(Message::Notification(Notification::new(
            LogMessage::METHOD.to_owned(),
            LogMessageParams { typ, message },
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossbeam_channel::unbounded;

    fn snapshot(uri: &Url, version: i32, generation: u64, text: &str) -> Snapshot {
        Snapshot {
            uri: uri.clone(),
            version,
            generation,
            text: text.into(),
            kind: SourceKind::Plain,
            settings: Arc::new(Settings::defaults("/nonexistent/.tadqiq-words.txt".into())),
            excluded: false,
        }
    }

    fn published(rx: &Receiver<Message>) -> Vec<(i32, usize)> {
        rx.try_iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == PublishDiagnostics::METHOD => {
                    let p: PublishDiagnosticsParams = serde_json::from_value(n.params).unwrap();
                    Some((p.version.unwrap(), p.diagnostics.len()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn stale_snapshots_are_never_published() {
        let (tx, rx) = unbounded();
        let live = Live::default();
        let mut w = Worker::new(live.clone(), tx);
        let uri = Url::parse("file:///tmp/a.txt").unwrap();
        let bad = "تطرق القاء إلى التحديات";

        // Generation 2 is the latest: the queued generation 1 is skipped, 2 is published.
        live.lock().insert(uri.clone(), 2);
        w.run_batch(vec![
            Job::Lint(snapshot(&uri, 1, 1, bad)),
            Job::Lint(snapshot(&uri, 2, 2, "")),
        ]);
        assert_eq!(published(&rx), vec![(2, 0)]);

        // A snapshot that became stale while queued alone is not linted nor published.
        live.lock().insert(uri.clone(), 4);
        w.run_batch(vec![Job::Lint(snapshot(&uri, 3, 3, bad))]);
        assert_eq!(published(&rx), vec![]);

        // Nor after the document was closed.
        live.lock().remove(&uri);
        w.run_batch(vec![Job::Lint(snapshot(&uri, 4, 4, bad))]);
        assert_eq!(published(&rx), vec![]);

        live.lock().insert(uri.clone(), 5);
        w.run_batch(vec![Job::Lint(snapshot(&uri, 5, 5, bad))]);
        assert_eq!(published(&rx), vec![(5, 1)]);
    }
}
