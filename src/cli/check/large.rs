//! `check` on inputs too large to hold whole (more than [`chunked::THRESHOLD`] bytes): they are
//! read and linted in pieces (see `tadqiq_core::chunked`), a few at a time in parallel, and each
//! piece's report is written as soon as it is ready, so that memory stays bounded whatever the
//! size of the input. Smaller inputs never come here.
//!
//! A regular file is read twice: first to check that it is UTF-8 text throughout, so that a
//! large file is either checked whole or reported as not UTF-8 without findings, like a small
//! one; then to lint it. A stream (standard input, a pipe named as a path) can be read only
//! once: an invalid byte found late in it is an error (exit 2) reported after the findings of
//! the pieces before it.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use tadqiq_core::chunked::{self, Piece};
use tadqiq_core::render::sarif::{Sarif, SarifResult};
use tadqiq_core::render::{github, json, Counts, FileReport};
use tadqiq_core::{Linter, SourceKind};
use tadqiq_workspace::input::{self, Input, InputError, InputErrorKind, Opened, PieceReader};

use crate::cli::files::{Source, Target};
use crate::cli::human::Human;
use crate::cli::output::Format;

/// A reader of a stream's pieces.
pub type StreamPieces = PieceReader<Box<dyn Read + Send>>;

/// Where a large input's pieces come from.
pub enum LargeSource {
    /// A regular file, read twice (see the module docs).
    File(PathBuf),
    /// A stream whose start was read and sniffed; read once.
    Stream(Box<StreamPieces>),
}

/// A large input, waiting for its turn in the output order.
pub struct Large {
    pub target: Target,
    pub source: LargeSource,
    pub linter: Arc<Linter>,
}

/// How an input is to be read.
pub enum Route {
    /// As usual: read whole in a worker.
    Whole,
    /// Already read whole (a stream that turned out small).
    Read(Result<Input, InputError>),
    /// In pieces.
    Large(LargeSource),
}

/// Standard input, when it is too large to read whole: its pieces, taken by the one target
/// that reads it.
pub type StdinPieces = Mutex<Option<StreamPieces>>;

/// Open standard input: read whole if small, else ready to be read in pieces.
pub fn open_stdin(display: &str) -> Result<Opened<Box<dyn Read + Send>>, InputError> {
    let kind = SourceKind::from_path(Path::new(display));
    let stdin: Box<dyn Read + Send> = Box::new(io::stdin());
    input::open_reader(
        stdin,
        display,
        kind,
        chunked::THRESHOLD,
        chunked::PIECE_BYTES,
    )
}

/// How to read `t`: regular files larger than the threshold, and pipes or devices that turn out
/// to be, are read in pieces; standard input in pieces if it was found large when opened.
pub fn route(t: &Target, stdin: &StdinPieces) -> Route {
    let path = match &t.source {
        Source::Stdin => {
            let taken = stdin.lock().unwrap_or_else(|e| e.into_inner()).take();
            return match taken {
                Some(r) => Route::Large(LargeSource::Stream(Box::new(r))),
                None => Route::Whole,
            };
        }
        Source::File(p) => p,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() > chunked::THRESHOLD as u64 => {
            Route::Large(LargeSource::File(path.clone()))
        }
        Ok(m) if !m.is_file() && !m.is_dir() => {
            // A pipe or a device: its size is not known before it is read.
            match open_file(path, &t.display) {
                Ok(Opened::Whole(i)) => Route::Read(Ok(i)),
                Ok(Opened::Pieces(r)) => Route::Large(LargeSource::Stream(Box::new(r))),
                Err(e) => Route::Read(Err(e)),
            }
        }
        _ => Route::Whole,
    }
}

/// Open the file at `path` (shown as `display`) for reading whole if small, in pieces if large.
fn open_file(path: &Path, display: &str) -> Result<Opened<Box<dyn Read + Send>>, InputError> {
    let f = File::open(path).map_err(|e| InputError::io(display, e))?;
    let f: Box<dyn Read + Send> = Box::new(f);
    let kind = SourceKind::from_path(Path::new(display));
    input::open_reader(f, display, kind, chunked::THRESHOLD, chunked::PIECE_BYTES)
}

/// What checking a large input came to.
#[derive(Default)]
pub struct Streamed {
    /// Linted through to the end.
    pub checked: bool,
    pub counts: Counts,
    pub words: usize,
    pub results: Vec<SarifResult>,
    /// Binary: skip with a note.
    pub binary: bool,
    /// Found by walking, and not text: passed over silently.
    pub not_text: bool,
    /// Why it could not be read (through).
    pub error: Option<String>,
    /// Writing the report failed (other than a closed pipe, which only stops the output).
    pub write_error: Option<io::Error>,
}

/// The renderers of one run.
pub struct Renderers<'r> {
    pub format: Format,
    pub human: &'r Human,
    pub sarif: &'r Sarif,
    /// Fold many findings of one kind into one (see `tadqiq_core::fold`); off with `--no-fold`.
    pub fold: bool,
    /// The progress bar (counts the pieces of a large input as they are checked).
    pub progress: &'r crate::cli::progress::Progress,
}

impl Renderers<'_> {
    /// Lint `doc`, fold its findings if asked, count and render them.
    pub fn lint_and_render(
        &self,
        display: &str,
        doc: &tadqiq_core::Document<'_>,
        linter: &Linter,
        base: chunked::Base,
    ) -> (Vec<u8>, Vec<SarifResult>, Counts) {
        let mut diagnostics = linter.lint_document(doc);
        if self.fold {
            diagnostics = linter.fold(diagnostics);
        }
        let mut counts = Counts::default();
        for d in &diagnostics {
            counts.add_finding(d);
        }
        let report = FileReport::piece(display, doc.text(), &diagnostics, base);
        let mut rendered = Vec::new();
        let mut results = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = match self.format {
            Format::Human => self.human.render(&report, &mut rendered),
            Format::Json => json::render(&report, &mut rendered),
            Format::Github => github::render(&report, &mut rendered),
            Format::Sarif => {
                results = self.sarif.results(&report);
                Ok(())
            }
        };
        (rendered, results, counts)
    }
}

/// Check a large input, writing each piece's report to `out` as it is ready. `out_open` is
/// cleared when the reader of the report went away (a closed pipe): checking stops there.
pub fn check(
    large: Large,
    render: &Renderers<'_>,
    out: &mut impl Write,
    out_open: &mut bool,
) -> Streamed {
    let Large {
        target: t,
        source,
        linter,
    } = large;
    let kind = SourceKind::from_path(Path::new(&t.display));
    let mut s = Streamed::default();
    let not_read = |s: &mut Streamed, e: InputError| {
        if t.sniff && !matches!(e.kind, InputErrorKind::Io(_)) {
            s.not_text = true;
        } else {
            s.error = Some(e.to_string());
        }
    };
    let pieces: Box<dyn Iterator<Item = Result<Piece, InputError>>> = match source {
        LargeSource::Stream(r) => r,
        LargeSource::File(path) => {
            // First pass: is it text throughout?
            match open_file(&path, &t.display) {
                Ok(Opened::Whole(Input::Binary)) if t.sniff => {
                    s.not_text = true;
                    return s;
                }
                Ok(Opened::Whole(Input::Binary)) => {
                    s.binary = true;
                    return s;
                }
                Ok(Opened::Whole(Input::Text(_))) => {}
                Ok(Opened::Pieces(r)) => {
                    for p in r {
                        if let Err(e) = p {
                            not_read(&mut s, e);
                            return s;
                        }
                    }
                }
                Err(e) => {
                    not_read(&mut s, e);
                    return s;
                }
            }
            // Second pass: lint it.
            match open_file(&path, &t.display) {
                Ok(Opened::Pieces(r)) => Box::new(r),
                Ok(Opened::Whole(Input::Text(text))) => Box::new(
                    chunked::pieces(&text, kind, chunked::PIECE_BYTES)
                        .into_iter()
                        .map(|(range, fence)| {
                            Ok(Piece {
                                text: text[range.clone()].to_string(),
                                base: chunked::base_at(&text, range.start),
                                fence,
                            })
                        })
                        .collect::<Vec<_>>()
                        .into_iter(),
                ),
                Ok(Opened::Whole(Input::Binary)) => {
                    s.error = Some(format!(
                        "{}: the file changed while it was being checked (it is now binary)",
                        t.display
                    ));
                    return s;
                }
                Err(e) => {
                    s.error = Some(e.to_string());
                    return s;
                }
            }
        }
    };
    lint_pieces(
        &t.display, kind, pieces, &linter, render, out, out_open, &mut s,
    );
    s
}

/// Lint pieces a batch at a time (one piece a worker thread), writing the reports in order.
#[allow(clippy::too_many_arguments)]
fn lint_pieces(
    display: &str,
    kind: SourceKind,
    mut pieces: impl Iterator<Item = Result<Piece, InputError>>,
    linter: &Linter,
    render: &Renderers<'_>,
    out: &mut impl Write,
    out_open: &mut bool,
    s: &mut Streamed,
) {
    let batch = rayon::current_num_threads().max(1);
    loop {
        let mut ready = Vec::with_capacity(batch);
        let mut error = None;
        for p in pieces.by_ref().take(batch) {
            match p {
                Ok(p) => ready.push(p),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        if ready.is_empty() && error.is_none() {
            s.checked = true;
            return;
        }
        let reports: Vec<PieceReport> = ready
            .par_iter()
            .map(|p| lint_piece(display, kind, p, linter, render))
            .collect();
        render
            .progress
            .inc(ready.iter().map(|p| p.text.len() as u64).sum());
        drop(ready);
        for r in reports {
            s.counts.merge(r.counts);
            s.words += r.words;
            s.results.extend(r.results);
            if *out_open && !r.rendered.is_empty() {
                let written = render.progress.suspend(|| {
                    out.write_all(&r.rendered)?;
                    if render.progress.showing() {
                        out.flush()?;
                    }
                    Ok::<(), io::Error>(())
                });
                if let Err(e) = written {
                    *out_open = false;
                    if e.kind() != io::ErrorKind::BrokenPipe {
                        s.write_error = Some(e);
                    }
                }
            }
        }
        if let Some(e) = error {
            s.error = Some(e.to_string());
            return;
        }
        if !*out_open {
            return;
        }
    }
}

struct PieceReport {
    rendered: Vec<u8>,
    results: Vec<SarifResult>,
    counts: Counts,
    words: usize,
}

fn lint_piece(
    display: &str,
    kind: SourceKind,
    piece: &Piece,
    linter: &Linter,
    render: &Renderers<'_>,
) -> PieceReport {
    let doc = piece.document(kind);
    let (rendered, results, counts) = render.lint_and_render(display, &doc, linter, piece.base);
    PieceReport {
        rendered,
        results,
        counts,
        words: doc.words().len(),
    }
}
