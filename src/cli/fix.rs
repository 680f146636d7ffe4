//! `tadqiq fix [PATH]...`: apply the safe fixes (with `--unsafe`, every fix) to files, or print
//! them as a unified diff (`--diff`); `-` fixes standard input onto standard output.
//!
//! Inputs are found as `check` finds them (`files.rs`, with each file's configuration). A
//! changed file is written safely: to a new file beside it (same directory, so the rename stays
//! on one filesystem), flushed to disk, given the original's permissions (and owner, where
//! allowed), then renamed over the original, after checking that the original did not change
//! on disk since it was read (size, modification time and content); otherwise it is left as it
//! is and reported. A symbolic link is followed: the file it points to is replaced, the link
//! stays. A read-only file is refused, untouched. (A hard-linked file gets a new inode: its
//! other names keep the old text.)
//!
//! Fixes and what remains are reported on stderr; with `--diff` the diff goes to stdout.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use rayon::prelude::*;

use tadqiq_core::fix::{self, FixOptions, FixResult};
use tadqiq_core::render::Counts;
use tadqiq_core::{Linter, SourceKind};
use tadqiq_workspace::config::Overrides;
use tadqiq_workspace::encoding::{self, EncodingError, TextEncoding};
use tadqiq_workspace::input::{self, Input, InputError, InputErrorKind};

use crate::cli::configure::{self, ConfigArgs, Configured, ErrorOnce};
use crate::cli::files::{self, Discovery, Source, Target};
use crate::cli::output::{eprint_line, is_broken_pipe};
use crate::cli::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

#[derive(Debug, clap::Args)]
#[command(after_help = FIX_HELP)]
pub struct Args {
    /// Files or directories to fix; `-` fixes standard input onto standard output [default: the
    /// current directory]
    pub paths: Vec<PathBuf>,

    /// Print a unified diff of the fixes on stdout instead of writing them
    #[arg(long)]
    pub diff: bool,

    /// Also apply unsafe fixes (a human should review them)
    #[arg(long = "unsafe")]
    pub unsafe_fixes: bool,

    #[command(flatten)]
    pub input: files::InputArgs,

    #[command(flatten)]
    pub config: ConfigArgs,
}

const FIX_HELP: &str = "\
Each finding's first suggestion is applied where its rule marks it safe (--unsafe: also where
it is marked unsafe). Files are rewritten through a temporary file renamed over the original,
keeping its permissions, line ends, byte-order mark and every byte outside the fixed spans; a
file that changed on disk meanwhile, or is read-only, is not written.

Exit status:
  0  nothing left to report
  1  findings remain (with --diff: the files have fixes or findings)
  2  usage error, an input could not be read, or a file could not be written; wins over 1";

/// What became of one input.
enum Outcome {
    Done {
        display: String,
        result: FixResult,
        /// The text before fixing (for the diff and positions).
        original: String,
        /// For standard input: the text to print, encoded as it was read.
        stdout: Option<Vec<u8>>,
        /// Set when writing failed: the file was not changed.
        error: Option<String>,
    },
    Binary(String),
    NotText,
    Failed(String),
    ConfigFailed(tadqiq_workspace::config::ConfigError),
}

pub fn run(args: Args) -> ExitCode {
    ExitCode::from(fix_all(args))
}

fn fix_all(args: Args) -> u8 {
    let paths = match args.input.paths(&args.paths) {
        Ok(paths) => paths,
        Err(e) => {
            eprint_line(&e);
            return EXIT_ERROR;
        }
    };
    let stdin_name = args.input.stdin_name();
    let resolver = args.config.resolver(Overrides::default());
    let (
        targets,
        Discovery {
            errors, warnings, ..
        },
    ) = configure::discover(
        &paths,
        &stdin_name,
        args.input.stdin_filename.as_deref(),
        args.input.walk(0),
        &resolver,
    );
    for w in &warnings {
        eprint_line(&format!("warning: {w}"));
    }
    let mut failed = errors.len();
    for e in &errors {
        eprint_line(&format!("error: {e}"));
    }
    let options = FixOptions {
        unsafe_too: args.unsafe_fixes,
        ..Default::default()
    };
    // Standard input in its encoding (`--encoding`, or its configuration's), resolved by its
    // byte-order mark for UTF-16.
    let stdin_text = targets
        .iter()
        .find(|c| c.target.source == Source::Stdin)
        .map(|c| {
            let enc = match &c.resolved {
                Ok(r) => args.input.encoding(&r.config),
                Err(_) => args.input.encoding(&Default::default()),
            };
            match enc {
                None => (input::read_from(io::stdin().lock(), &stdin_name), None),
                Some(e) => {
                    let mut bytes = Vec::new();
                    if let Err(err) = io::stdin().lock().read_to_end(&mut bytes) {
                        return (Err(InputError::io(&stdin_name, err)), None);
                    }
                    let e = e.resolve(&bytes);
                    (input::decode_as(&stdin_name, bytes, Some(e)), Some(e))
                }
            }
        });

    let mut config_errors = ErrorOnce::default();
    let mut remaining = Counts::default();
    let mut fixed_findings = 0usize;
    let mut fixed_files = 0usize;
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stdout_open = true;
    for chunk in targets.chunks(64) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|Configured { target, resolved }| match resolved {
                Err(e) => Outcome::ConfigFailed(e.clone()),
                Ok(r) => process(
                    target,
                    &stdin_text,
                    args.input.encoding(&r.config),
                    &r.linter,
                    &options,
                    args.diff,
                ),
            })
            .collect();
        for o in outcomes {
            match o {
                Outcome::Done {
                    display,
                    result,
                    original,
                    stdout: out,
                    error,
                } => {
                    let error_free = error.is_none();
                    let verb = if args.diff || !error_free {
                        "would fix"
                    } else {
                        "fixed"
                    };
                    for a in &result.applied {
                        eprint_line(&format!(
                            "{display}:{}:{}: {verb} tadqiq/{}: «{}» → «{}»",
                            a.line,
                            a.column,
                            a.rule,
                            visible(&a.before),
                            visible(&a.after)
                        ));
                    }
                    let mut text = Vec::new();
                    if args.diff && result.changed() {
                        text = unified_diff(&display, &original, &result.text).into_bytes();
                    } else if !args.diff {
                        if let Some(s) = out {
                            text = s;
                        }
                    }
                    if stdout_open && !text.is_empty() {
                        if let Err(e) = stdout.write_all(&text) {
                            stdout_open = false;
                            if !is_broken_pipe(&e) {
                                eprint_line(&format!("error: writing to stdout: {e}"));
                                failed += 1;
                            }
                        }
                    }
                    if let Some(e) = error {
                        let _ = stdout.flush();
                        eprint_line(&format!("error: {e}"));
                        failed += 1;
                    }
                    let written = !args.diff && error_free;
                    if result.changed() {
                        if written || args.diff {
                            fixed_files += 1;
                            fixed_findings += result.applied.len();
                        }
                        if !written {
                            // Not written: what was fixed in memory is still in the file.
                            for a in &result.applied {
                                remaining.add(a.severity);
                            }
                        }
                    }
                    for d in &result.remaining {
                        if d.severity == tadqiq_core::Severity::Hint {
                            continue;
                        }
                        remaining.add(d.severity);
                        let (line, col) = fix::line_col(&result.text, d.span.start);
                        eprint_line(&format!(
                            "{display}:{line}:{col}: {} tadqiq/{}: {}",
                            d.severity, d.rule, d.message
                        ));
                    }
                    if !result.converged {
                        eprint_line(&format!(
                            "warning: {display}: fixes did not settle in {} rounds; run `tadqiq \
                             fix` again and review",
                            options.max_rounds
                        ));
                    }
                }
                Outcome::Binary(display) => {
                    eprint_line(&format!("note: skipping {display}: binary file"));
                }
                Outcome::NotText => {}
                Outcome::Failed(msg) => {
                    failed += 1;
                    eprint_line(&format!("error: {msg}"));
                }
                Outcome::ConfigFailed(e) => {
                    failed += 1;
                    if let Some(msg) = config_errors.first(&e) {
                        eprint_line(&format!("error: {msg}"));
                    }
                }
            }
        }
    }
    if let Err(e) = stdout.flush() {
        if stdout_open && !is_broken_pipe(&e) {
            eprint_line(&format!("error: writing to stdout: {e}"));
            failed += 1;
        }
    }
    drop(stdout);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprint_line(&format!(
        "{} {} in {}; {} remain{}",
        if args.diff { "Would fix" } else { "Fixed" },
        plural(fixed_findings, "finding", "findings"),
        plural(fixed_files, "file", "files"),
        if remaining.findings() == 0 {
            "no findings".to_string()
        } else {
            plural(remaining.findings(), "finding", "findings")
        },
        if remaining.findings() == 1 { "s" } else { "" },
    ));
    if failed > 0 {
        EXIT_ERROR
    } else if remaining.findings() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// A fixed span as shown in a report: line ends and tabs spelled out (`\n`, `\r`, `\t`).
fn visible(s: &str) -> String {
    s.replace('\r', "\\r")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// What was read from a file, to tell later whether it changed on disk.
struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
    permissions: Permissions,
    #[cfg(unix)]
    owner: (u32, u32),
}

/// Read, fix and (unless `diff`) write one input. Runs in a worker.
///
/// In an `encoding` other than UTF-8 the fixed text is encoded back into it; when it holds a
/// char the encoding cannot, nothing is written (standard input is printed as it was read).
fn process(
    t: &Target,
    stdin_text: &Option<(Result<Input, InputError>, Option<TextEncoding>)>,
    encoding: Option<TextEncoding>,
    linter: &Linter,
    options: &FixOptions,
    diff: bool,
) -> Outcome {
    let kind = SourceKind::from_path(Path::new(&t.display));
    match &t.source {
        Source::Stdin => {
            let (text, encoding) = match stdin_text {
                Some((Ok(Input::Text(text)), e)) => (text.clone(), *e),
                Some((Ok(Input::Binary), _)) => return Outcome::Binary(t.display.clone()),
                Some((Err(e), _)) => return Outcome::Failed(e.to_string()),
                None => {
                    return Outcome::Failed(format!("{}: standard input was not read", t.display))
                }
            };
            let result = fix::fix(linter, &text, kind, options);
            let (out, error) = match encode(&result.text, encoding, &t.display) {
                Ok(bytes) => (bytes, None),
                Err(msg) => (
                    encode(&text, encoding, &t.display).unwrap_or_default(),
                    Some(msg.replace("not changed", "printed as it was read")),
                ),
            };
            Outcome::Done {
                display: t.display.clone(),
                stdout: Some(out),
                result,
                original: text,
                error,
            }
        }
        Source::File(path) => {
            // Follow a symbolic link: the file it points to is the one to replace.
            let real = match fs::canonicalize(path) {
                Ok(p) => p,
                Err(e) => return Outcome::Failed(InputError::io(&t.display, e).to_string()),
            };
            let (bytes, snapshot) = match read_snapshot(&real) {
                Ok(x) => x,
                Err(e) => return Outcome::Failed(InputError::io(&t.display, e).to_string()),
            };
            let encoding = encoding.map(|e| e.resolve(&bytes));
            let old = encoding.map(|_| bytes.clone());
            let text = match input::decode_as(&t.display, bytes, encoding) {
                Ok(Input::Text(text)) => text,
                Ok(Input::Binary) if t.sniff => return Outcome::NotText,
                Ok(Input::Binary) => return Outcome::Binary(t.display.clone()),
                Err(_) if t.sniff => return Outcome::NotText,
                Err(e) if matches!(e.kind, InputErrorKind::Io(_)) => {
                    return Outcome::Failed(e.to_string())
                }
                Err(e) => return Outcome::Failed(e.to_string()),
            };
            let result = fix::fix(linter, &text, kind, options);
            let error = (result.changed() && !diff)
                .then(|| {
                    let new = encode(&result.text, encoding, &t.display)?;
                    let old = old.as_deref().unwrap_or(text.as_bytes());
                    write_safely(&real, &t.display, &snapshot, old, &new)
                })
                .and_then(Result::err);
            Outcome::Done {
                display: t.display.clone(),
                result,
                original: text,
                stdout: None,
                error,
            }
        }
    }
}

/// `text` in `encoding` (`None`: UTF-8), or the error naming the file and the char the
/// encoding cannot hold.
fn encode(text: &str, encoding: Option<TextEncoding>, display: &str) -> Result<Vec<u8>, String> {
    let Some(e) = encoding else {
        return Ok(text.as_bytes().to_vec());
    };
    encoding::encode(text, e).map_err(|err| match err {
        EncodingError::Unmappable { ch, offset } => {
            let (line, column) = fix::line_col(text, offset);
            format!(
                "{display}:{line}:{column}: the fixed text holds «{ch}» (U+{:04X}), which {e} \
                 cannot encode; the fixes were not applied and the file is not changed",
                ch as u32
            )
        }
        EncodingError::Malformed { offset } => {
            format!("{display}: cannot encode in {e} at byte {offset}; not changed")
        }
    })
}

fn read_snapshot(path: &Path) -> io::Result<(Vec<u8>, Snapshot)> {
    let mut f = File::open(path)?;
    let meta = f.metadata()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.read_to_end(&mut bytes)?;
    Ok((
        bytes,
        Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            permissions: meta.permissions(),
            #[cfg(unix)]
            owner: {
                use std::os::unix::fs::MetadataExt;
                (meta.uid(), meta.gid())
            },
        },
    ))
}

/// Replace the file at `path` (no symbolic link) with `new`, if it still holds `old` as read
/// in `snapshot`. The error names the file and says it was not changed.
fn write_safely(
    path: &Path,
    display: &str,
    snapshot: &Snapshot,
    old: &[u8],
    new: &[u8],
) -> Result<(), String> {
    if snapshot.permissions.readonly() {
        return Err(format!(
            "{display}: the file is read-only; not changed (make it writable to fix it)"
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut file) = create_temp(dir, &name).map_err(|e| {
        format!(
            "{display}: cannot create a temporary file in {}: {}; not changed",
            dir.display(),
            describe(&e)
        )
    })?;
    let result = (|| {
        file.write_all(new)
            .map_err(|e| format!("writing: {}", describe(&e)))?;
        file.set_permissions(snapshot.permissions.clone())
            .map_err(|e| format!("setting permissions: {}", describe(&e)))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Keep the owner where the OS lets us (it does for root, or for a group we are in).
            let (uid, gid) = snapshot.owner;
            if let Ok(m) = file.metadata() {
                if m.uid() != uid || m.gid() != gid {
                    let _ = std::os::unix::fs::fchown(&file, Some(uid), Some(gid));
                }
            }
        }
        file.sync_all()
            .map_err(|e| format!("flushing to disk: {}", describe(&e)))?;
        drop(file);
        if !unchanged(path, snapshot, old) {
            return Err(
                "it changed on disk since it was read; not overwritten (run `tadqiq fix` \
                        again)"
                    .to_string(),
            );
        }
        fs::rename(&tmp, path).map_err(|e| format!("renaming into place: {}", describe(&e)))?;
        // Make the rename durable; not every filesystem can sync a directory.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|msg| {
        let _ = fs::remove_file(&tmp);
        if msg.contains("not overwritten") {
            format!("{display}: {msg}")
        } else {
            format!("{display}: {msg}; not changed")
        }
    })
}

/// Is the file at `path` still what was read: a regular file of the same size, modification
/// time and content?
fn unchanged(path: &Path, snapshot: &Snapshot, old: &[u8]) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    meta.is_file()
        && meta.len() == snapshot.len
        && meta.modified().ok() == snapshot.modified
        && fs::read(path).is_ok_and(|now| now == old)
}

/// A new file beside `name` in `dir`, created exclusively: `.NAME.tadqiq-PID-N.tmp`.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let tmp = dir.join(format!(".{name}.tadqiq-{pid}-{n}.tmp"));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

fn describe(e: &io::Error) -> String {
    let full = InputError::io("", io::Error::new(e.kind(), e.to_string())).to_string();
    full.trim_start_matches(": ").to_string()
}

/// A unified diff of a file's fixes, `a/` and `b/` prefixed like git's.
fn unified_diff(display: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{display}"), &format!("b/{display}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_char_the_encoding_cannot_hold_stops_the_write() {
        // No fix brings such a char in today (every suggestion is Arabic the code pages hold),
        // so the guard is tested here, on the text a fix would produce.
        let e = encode("قال\nاللقاء 😀", Some(TextEncoding::Windows1256), "a.txt").unwrap_err();
        assert_eq!(
            e,
            "a.txt:2:8: the fixed text holds «😀» (U+1F600), which windows-1256 cannot encode; \
             the fixes were not applied and the file is not changed"
        );
        assert_eq!(
            encode("اللقاء", None, "a.txt").unwrap(),
            "اللقاء".as_bytes()
        );
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "قبل").unwrap();
        let (bytes, snap) = read_snapshot(&p).unwrap();
        let old = String::from_utf8(bytes).unwrap();
        // Someone else writes the file in between (same length, so size alone would not tell).
        fs::write(&p, "بعد").unwrap();
        let e = write_safely(&p, "a.txt", &snap, old.as_bytes(), "جديد".as_bytes()).unwrap_err();
        assert!(e.starts_with("a.txt: it changed on disk"), "{e}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "بعد");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Unchanged: written.
        let (bytes, snap) = read_snapshot(&p).unwrap();
        let old = String::from_utf8(bytes).unwrap();
        write_safely(&p, "a.txt", &snap, old.as_bytes(), "جديد".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "جديد");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn describe_is_plain() {
        let e = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(describe(&e), "permission denied");
    }
}
