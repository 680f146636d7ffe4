//! `tadqiq check [PATH]...`: lint files, directories or standard input and report.
//!
//! Inputs are found (see `files.rs`), then read and linted in parallel; each file's report is
//! rendered in the worker and written in path order, so the output is the same on every run:
//! sorted by path, then by position. Errors and notes go to stderr in the same order.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::ValueEnum;
use rayon::prelude::*;

use tadqiq_core::render::sarif::{Sarif, SarifResult};
use tadqiq_core::render::Counts;
use tadqiq_core::{Document, Linter, SourceKind};
use tadqiq_workspace::config::Overrides;
use tadqiq_workspace::input::{self, Input, InputErrorKind};

use crate::cli::configure::{self, ConfigArgs, Configured, ErrorOnce};
use crate::cli::files::{self, Discovery, Source, Target};
use crate::cli::human::Human;
use crate::cli::output::{eprint_line, is_broken_pipe, ColorChoice, Format};
use crate::cli::progress::Progress;
use crate::cli::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, EXIT_STATUS_HELP};

mod large;

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_STATUS_HELP, after_long_help = CHECK_LONG_HELP)]
pub struct Args {
    /// Files or directories to check; `-` reads standard input [default: the current directory]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,

    /// When to colour human output (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Also report hints (tadqiq/unknown-word); they never affect the exit status
    #[arg(long)]
    pub show_hints: bool,

    /// List every place on its own: in human output, three or more findings of one kind in
    /// one file (a hamza left off throughout, a Latin comma each time) are by default shown as
    /// one finding that names the others
    #[arg(long, conflicts_with = "fold")]
    pub no_fold: bool,

    /// Fold in the machine formats too (json, github, sarif), which by default carry one record
    /// per place: the further places go in `others` (JSON) or `relatedLocations` (SARIF)
    #[arg(long)]
    pub fold: bool,

    #[command(flatten)]
    pub input: files::InputArgs,

    /// Worker threads [default: one per core]
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

const CHECK_LONG_HELP: &str = "\
Directories are walked like ripgrep walks them: .gitignore (also outside a git repository),
.ignore and .tadqiqignore files are honoured, hidden files and symbolic links are skipped.
A walk checks *.txt and Markdown files (*.md, *.markdown, *.mdown, *.mkd, *.mkdn), and files
with no extension that are UTF-8 text; a file named on the command line is always checked.
Markdown is told from plain text by the extension.

Output formats:
  human   rustc-style report with the line and the word underlined; a summary on stderr
  json    JSON Lines, one object a place: path, rule, severity, message, line, column,
          end_line, end_column (1-based, columns in chars, ends exclusive), start, end (byte
          offsets, end exclusive), suggestions (best first), fix (safe|unsafe|manual)
  github  GitHub Actions workflow commands (::error file=...,line=...::message)
  sarif   SARIF 2.1.0 (columnKind unicodeCodePoints)
The machine formats carry one record per place; --fold folds them as the human output is.

Exit status:
  0  no findings (hints never count)
  1  findings: at least one error, warning or info
  2  usage error, or an input could not be read (missing, unreadable, not UTF-8...);
     wins over 1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Github,
    Sarif,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
        }
    }
}

/// Files linted in parallel before their reports are written.
const CHUNK: usize = 256;

/// What became of one input.
enum Outcome {
    Checked {
        /// Rendered output (human, json, github).
        rendered: Vec<u8>,
        /// SARIF results.
        results: Vec<SarifResult>,
        counts: Counts,
        words: usize,
        /// The size of the text (for the progress bar).
        bytes: u64,
    },
    /// Binary: skipped with a note.
    Binary(String),
    /// Found by walking, no extension, and not text: passed over silently.
    NotText,
    Failed(String),
    /// Too large to read whole: checked in pieces in the writing loop (`large.rs`).
    Large(Box<large::Large>),
    /// The file's configuration could not be loaded: not checked.
    ConfigFailed(tadqiq_workspace::config::ConfigError),
}

pub fn run(args: Args) -> std::process::ExitCode {
    std::process::ExitCode::from(check(args))
}

fn check(args: Args) -> u8 {
    let started = Instant::now();
    let paths = match args.input.paths(&args.paths) {
        Ok(paths) => paths,
        Err(e) => {
            eprint_line(&e);
            return EXIT_ERROR;
        }
    };
    if let Some(n) = args.threads {
        // Only fails if a pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let stdin_name = args.input.stdin_name();

    let resolver = args.config.resolver(Overrides {
        show_hints: args.show_hints,
    });
    let (
        targets,
        Discovery {
            errors, warnings, ..
        },
    ) = configure::discover(
        &paths,
        &stdin_name,
        args.input.stdin_filename.as_deref(),
        args.input.walk(args.threads.unwrap_or(0)),
        &resolver,
    );
    for w in &warnings {
        eprint_line(&format!("warning: {w}"));
    }
    let mut failed = errors.len();
    for e in &errors {
        eprint_line(&format!("error: {e}"));
    }

    // Standard input is read once, up front; everything else in the workers.
    // Standard input too large to read whole is read in pieces when its turn comes.
    // In an encoding other than UTF-8 it is read whole and decoded.
    let stdin_encoding = targets
        .iter()
        .find(|c| c.target.source == Source::Stdin)
        .map(|c| match &c.resolved {
            Ok(r) => args.input.encoding(&r.config),
            Err(_) => args.input.encoding(&Default::default()),
        });
    let stdin_opened = stdin_encoding.map(|enc| match enc {
        None => large::open_stdin(&stdin_name),
        Some(e) => {
            input::read_from_as(io::stdin().lock(), &stdin_name, Some(e)).map(input::Opened::Whole)
        }
    });
    let stdin_pieces: large::StdinPieces = Default::default();
    let stdin_input = match stdin_opened {
        Some(Ok(input::Opened::Pieces(r))) => {
            *stdin_pieces.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
            None
        }
        Some(Ok(input::Opened::Whole(i))) => Some(Ok(i)),
        Some(Err(e)) => Some(Err(e)),
        None => None,
    };

    let format = Format::from(args.format);
    let mut config_errors = ErrorOnce::default();
    let human = Human::new(format == Format::Human && args.color.enabled())
        .with_width(crate::cli::human::width_from_env());
    let sarif = Sarif::new();

    let read = |t: &Target, encoding: Option<input::TextEncoding>| match &t.source {
        Source::Stdin => match &stdin_input {
            Some(Ok(i)) => Ok(i.clone()),
            Some(Err(e)) => Err(Failure::Other(e.to_string())),
            None => Err(Failure::Other(format!(
                "{}: standard input was not read",
                t.display
            ))),
        },
        Source::File(p) => input::read_file_as(p, &t.display, encoding).map_err(failure),
    };
    // The bytes to check, for the progress bar (standard input counts as what it turns out).
    let total: u64 = targets
        .iter()
        .filter_map(|c| match &c.target.source {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum();
    let progress = Progress::new(total);
    let renderers = large::Renderers {
        progress: &progress,
        format,
        human: &human,
        sarif: &sarif,
        // Folding is for people reading a terminal; machines get one record a place.
        fold: if format == Format::Human {
            !args.no_fold
        } else {
            args.fold
        },
    };

    let mut counts = Counts::default();
    let mut words = 0usize;
    let mut checked = 0usize;
    let mut binary = 0usize;
    let mut results = Vec::new();
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stdout_open = true;
    // Files are linted in parallel a chunk at a time and written in order: the output streams
    // and memory stays bounded however many files there are.
    for chunk in targets.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(
                |Configured {
                     target: t,
                     resolved,
                 }| match resolved {
                    // A file in another encoding than UTF-8 is read whole.
                    Ok(r)
                        if t.source != Source::Stdin
                            && args.input.encoding(&r.config).is_some() =>
                    {
                        process(
                            t,
                            read(t, args.input.encoding(&r.config)),
                            &r.linter,
                            &renderers,
                        )
                    }
                    Ok(r) => match large::route(t, &stdin_pieces) {
                        large::Route::Whole => process(t, read(t, None), &r.linter, &renderers),
                        large::Route::Read(i) => {
                            process(t, i.map_err(failure), &r.linter, &renderers)
                        }
                        large::Route::Large(source) => Outcome::Large(Box::new(large::Large {
                            target: t.clone(),
                            source,
                            linter: r.linter.clone(),
                        })),
                    },
                    Err(e) => Outcome::ConfigFailed(e.clone()),
                },
            )
            .collect();
        for o in outcomes {
            match o {
                Outcome::Checked {
                    rendered,
                    results: r,
                    counts: c,
                    words: w,
                    bytes,
                } => {
                    checked += 1;
                    words += w;
                    counts.merge(c);
                    results.extend(r);
                    progress.inc(bytes);
                    if stdout_open && !rendered.is_empty() {
                        let written = progress.suspend(|| {
                            stdout.write_all(&rendered)?;
                            if progress.showing() {
                                stdout.flush()?;
                            }
                            Ok::<(), io::Error>(())
                        });
                        if let Err(e) = written {
                            stdout_open = false;
                            if !is_broken_pipe(&e) {
                                eprint_line(&format!("error: writing the report: {e}"));
                                failed += 1;
                            }
                        }
                    }
                }
                Outcome::Binary(display) => {
                    binary += 1;
                    let _ = stdout.flush();
                    eprint_line(&format!("note: skipping {display}: binary file"));
                }
                Outcome::NotText => {}
                Outcome::ConfigFailed(e) => {
                    failed += 1;
                    if let Some(msg) = config_errors.first(&e) {
                        let _ = stdout.flush();
                        eprint_line(&format!("error: {msg}"));
                    }
                }
                Outcome::Failed(msg) => {
                    failed += 1;
                    let _ = stdout.flush();
                    eprint_line(&format!("error: {msg}"));
                }
                Outcome::Large(l) => {
                    let display = l.target.display.clone();
                    let s = large::check(*l, &renderers, &mut stdout, &mut stdout_open);
                    checked += usize::from(s.checked);
                    words += s.words;
                    counts.merge(s.counts);
                    results.extend(s.results);
                    if s.binary {
                        binary += 1;
                        let _ = stdout.flush();
                        eprint_line(&format!("note: skipping {display}: binary file"));
                    }
                    if let Some(msg) = s.error {
                        failed += 1;
                        let _ = stdout.flush();
                        eprint_line(&format!("error: {msg}"));
                    }
                    if let Some(e) = s.write_error {
                        failed += 1;
                        eprint_line(&format!("error: writing the report: {e}"));
                    }
                }
            }
        }
        if !stdout_open {
            // Nobody reads the report any more (`| head`): stop.
            break;
        }
    }
    if format == Format::Sarif && stdout_open {
        if let Err(e) = sarif.write(results, &mut stdout) {
            stdout_open = false;
            if !is_broken_pipe(&e) {
                eprint_line(&format!("error: writing the report: {e}"));
                failed += 1;
            }
        }
    }
    if let Err(e) = stdout.flush() {
        if stdout_open && !is_broken_pipe(&e) {
            eprint_line(&format!("error: writing the report: {e}"));
            failed += 1;
        }
    }
    drop(stdout);
    progress.finish();

    if format == Format::Human {
        eprint_line(&summary(
            checked,
            words,
            &counts,
            binary,
            failed,
            started.elapsed(),
        ));
    }
    if failed > 0 {
        EXIT_ERROR
    } else if counts.findings() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// An input error as a [`Failure`].
fn failure(e: input::InputError) -> Failure {
    if matches!(e.kind, InputErrorKind::Io(_)) {
        Failure::Other(e.to_string())
    } else {
        Failure::NotUtf8(e.to_string())
    }
}

/// Why an input was not read.
enum Failure {
    /// Read, but not UTF-8 (nor binary): for a file picked by sniffing, simply not text.
    NotUtf8(String),
    Other(String),
}

/// Decode, lint and render one input (runs in a worker).
fn process(
    t: &Target,
    read: Result<Input, Failure>,
    linter: &Linter,
    renderers: &large::Renderers<'_>,
) -> Outcome {
    let text = match read {
        Ok(Input::Text(text)) => text,
        Ok(Input::Binary) if t.sniff => return Outcome::NotText,
        Ok(Input::Binary) => return Outcome::Binary(t.display.clone()),
        Err(Failure::NotUtf8(_)) if t.sniff => return Outcome::NotText,
        Err(Failure::NotUtf8(msg) | Failure::Other(msg)) => return Outcome::Failed(msg),
    };
    let kind = SourceKind::from_path(Path::new(&t.display));
    let doc = Document::new(&text, kind);
    let words = doc.words().len();
    let (rendered, results, counts) =
        renderers.lint_and_render(&t.display, &doc, linter, Default::default());
    Outcome::Checked {
        rendered,
        results,
        counts,
        words,
        bytes: text.len() as u64,
    }
}

/// The human summary line (stderr).
fn summary(
    checked: usize,
    words: usize,
    counts: &Counts,
    binary: usize,
    failed: usize,
    elapsed: std::time::Duration,
) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = format!(
        "Checked {} ({}) in {:.2}s: {}",
        plural(checked, "file", "files"),
        plural(words, "word", "words"),
        elapsed.as_secs_f64(),
        counts.describe()
    );
    let mut extra = Vec::new();
    if binary > 0 {
        extra.push(format!(
            "{} skipped",
            plural(binary, "binary file", "binary files")
        ));
    }
    if failed > 0 {
        extra.push(plural(failed, "input error", "input errors"));
    }
    if !extra.is_empty() {
        s.push_str(&format!(" ({})", extra.join(", ")));
    }
    s
}
