//! Which inputs a command works on: the paths given on the command line, directories walked
//! (in parallel, with the `ignore` crate, the way ripgrep walks), and standard input.
//!
//! What a directory walk picks up:
//!
//! - files ending in `.txt`, `.md`, `.markdown`, `.mdown`, `.mkd` or `.mkdn` (any case);
//! - files with no extension, if they look like text: no NUL byte in their first 8 KiB and
//!   valid UTF-8 (others are passed over silently: they are not text, so not candidates);
//! - nothing else. A file named on the command line is always checked, whatever its name.
//!
//! Like ripgrep: hidden files and directories are skipped (`--hidden` takes them), `.gitignore`
//! (also outside a git repository), `.ignore`, `.git/info/exclude`, the global git excludes and
//! `.tadqiqignore` files are honoured (`--no-ignore` turns them all off), and symbolic links are
//! not followed unless `--follow` is given; a link loop met while following is an error.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use tadqiq_workspace::encoding::TextEncoding;

/// Where an input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// One input to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The path as shown to the user and used to guess the kind of text.
    pub display: String,
    pub source: Source,
    /// Found by walking, with no extension: check it only if it turns out to be text.
    pub sniff: bool,
}

/// The options `check` and `fix` share for choosing their inputs.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct InputArgs {
    /// The file name to show for `-` (standard input); its extension picks plain text or
    /// Markdown. Implies `-` when no path is given
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Walk hidden files and directories too
    #[arg(long)]
    pub hidden: bool,

    /// Do not honour .gitignore, .ignore or .tadqiqignore files
    #[arg(long)]
    pub no_ignore: bool,

    /// Follow symbolic links while walking directories
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// The encoding of the inputs: utf-8 (the default), windows-1256, iso-8859-6, utf-16 (the
    /// byte-order mark decides; little-endian without one), utf-16le, utf-16be. Overrides
    /// `encoding` in tadqiq.toml; `fix` writes each file back in the encoding it was read in
    #[arg(long, value_name = "NAME", ignore_case = true, value_parser = encoding_parser())]
    pub encoding: Option<TextEncoding>,
}

/// `--encoding`: the names of [`TextEncoding::NAMES`] (shells complete them).
fn encoding_parser() -> impl clap::builder::TypedValueParser<Value = TextEncoding> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(TextEncoding::NAMES)
        .map(|s| TextEncoding::parse(&s).unwrap_or(TextEncoding::Utf8))
}

impl InputArgs {
    /// The paths to read: `given`, with `-` when `--stdin-filename` names standard input and
    /// no path is given. An error message when it names standard input that is not read.
    pub fn paths(&self, given: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
        let mut paths = given.to_vec();
        if let Some(name) = &self.stdin_filename {
            if paths.is_empty() {
                paths.push(PathBuf::from("-"));
            } else if !paths.iter().any(|p| p.as_os_str() == "-") {
                return Err(format!(
                    "error: --stdin-filename {} names standard input, but `-` is not among the paths",
                    name.display()
                ));
            }
        }
        Ok(paths)
    }

    /// The name standard input is shown as.
    pub fn stdin_name(&self) -> String {
        self.stdin_filename
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|| STDIN_NAME.to_string())
    }

    /// The encoding of an input governed by `config`: `--encoding`, else the configuration's
    /// `encoding`, else UTF-8 (`None`).
    pub fn encoding(&self, config: &tadqiq_core::config::Config) -> Option<TextEncoding> {
        self.encoding
            .or_else(|| config.encoding.as_deref().and_then(TextEncoding::parse))
            .filter(|e| *e != TextEncoding::Utf8)
    }

    /// How to walk directories, with `threads` walker threads (0: from the machine).
    pub fn walk(&self, threads: usize) -> WalkOptions {
        WalkOptions {
            hidden: self.hidden,
            no_ignore: self.no_ignore,
            follow: self.follow,
            threads,
        }
    }
}

/// How to walk directories.
#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions {
    pub hidden: bool,
    pub no_ignore: bool,
    pub follow: bool,
    /// Walker threads; 0 picks a number from the machine.
    pub threads: usize,
}

/// What a walk picks up by name: `Some(true)` check, `Some(false)` skip, `None` sniff.
pub fn walk_candidate(path: &Path) -> Option<bool> {
    path.extension().map(|ext| {
        matches!(
            ext.to_str().map(str::to_ascii_lowercase).as_deref(),
            Some("txt" | "md" | "markdown" | "mdown" | "mkd" | "mkdn")
        )
    })
}

/// The display name of `-`.
pub const STDIN_NAME: &str = "<stdin>";

/// What [`discover_with`] found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by display path, duplicates dropped.
    pub targets: Vec<Target>,
    /// Paths that could not be read (missing, unreadable, a link loop), each named: exit 2.
    pub errors: Vec<String>,
    /// Problems that do not stop the check (a bad pattern in an ignore file).
    pub warnings: Vec<String>,
}

/// What a walk takes, asked of every entry below a root: for a file, `Some(true)` check it,
/// `Some(false)` skip it, `None` check it if it is text; for a directory, `Some(false)` does not
/// descend into it.
pub type WalkFilter<'f> = &'f (dyn Fn(&Path, bool) -> Option<bool> + Sync);

/// Resolve command-line paths to inputs. No paths means the current directory, shown without a
/// `./` prefix. `-` is standard input, shown as `stdin_name`. What a directory walk takes is
/// `filter`'s choice (`configure.rs` passes each file's configuration; without one it is
/// [`walk_candidate`]); files named on the command line are not passed to it.
pub fn discover_with(
    paths: &[PathBuf],
    stdin_name: &str,
    opts: WalkOptions,
    filter: WalkFilter<'_>,
) -> Discovery {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    let implicit = paths.is_empty();
    if implicit {
        roots.push(PathBuf::from("."));
    }
    for p in paths {
        if p.as_os_str() == "-" {
            targets.push(Target {
                display: stdin_name.to_string(),
                source: Source::Stdin,
                sniff: false,
            });
            continue;
        }
        let display = p.to_string_lossy().into_owned();
        match std::fs::metadata(p) {
            Err(e) => errors.push(describe(&display, &e)),
            Ok(m) if m.is_dir() => roots.push(p.clone()),
            Ok(_) => targets.push(Target {
                display,
                source: Source::File(p.clone()),
                sniff: false,
            }),
        }
    }
    if !roots.is_empty() {
        let (found, errs) = walk(&roots, opts, implicit, filter);
        targets.extend(found);
        for e in errs {
            if is_fatal(&e) {
                errors.push(describe_walk_error(&e));
            } else {
                warnings.push(describe_walk_error(&e));
            }
        }
    }
    targets.sort_by(|a, b| a.display.cmp(&b.display));
    targets.dedup_by(|a, b| a.display == b.display && a.source == b.source);
    errors.sort();
    warnings.sort();
    Discovery {
        targets,
        errors,
        warnings,
    }
}

/// I/O errors and link loops keep a path from being checked; the rest (bad globs in ignore
/// files) only weaken the ignore rules.
fn is_fatal(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. }
        | ignore::Error::WithPath { err, .. } => is_fatal(err),
        ignore::Error::Partial(errs) => errs.iter().any(is_fatal),
        ignore::Error::Loop { .. } | ignore::Error::Io(_) => true,
        _ => false,
    }
}

/// An I/O error on a path, in words.
pub fn describe(display: &str, e: &std::io::Error) -> String {
    tadqiq_workspace::input::InputError::io(display, clone_io(e)).to_string()
}

fn clone_io(e: &std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(e.kind(), e.to_string()),
    }
}

fn walk(
    roots: &[PathBuf],
    opts: WalkOptions,
    strip_dot: bool,
    filter: WalkFilter<'_>,
) -> (Vec<Target>, Vec<ignore::Error>) {
    let mut builder = WalkBuilder::new(&roots[0]);
    for r in &roots[1..] {
        builder.add(r);
    }
    let honour = !opts.no_ignore;
    builder
        .hidden(!opts.hidden)
        .ignore(honour)
        .git_ignore(honour)
        .git_global(honour)
        .git_exclude(honour)
        .parents(honour)
        .require_git(false)
        .follow_links(opts.follow)
        .threads(opts.threads);
    if honour {
        builder.add_custom_ignore_filename(".tadqiqignore");
    }
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                    if is_dir && filter(entry.path(), true) == Some(false) {
                        return WalkState::Skip;
                    }
                    if is_file {
                        let take = filter(entry.path(), false);
                        if take == Some(false) {
                            return WalkState::Continue;
                        }
                        let path = entry.path();
                        let shown = if strip_dot {
                            path.strip_prefix(".").unwrap_or(path)
                        } else {
                            path
                        };
                        let target = Target {
                            display: shown.to_string_lossy().into_owned(),
                            source: Source::File(path.to_path_buf()),
                            sniff: take.is_none(),
                        };
                        found.lock().unwrap_or_else(|e| e.into_inner()).push(target);
                    }
                }
                Err(err) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(err),
            }
            WalkState::Continue
        })
    });
    (
        found.into_inner().unwrap_or_else(|e| e.into_inner()),
        errors.into_inner().unwrap_or_else(|e| e.into_inner()),
    )
}

/// A walk error in words, naming the path.
fn describe_walk_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithDepth { err, .. } => describe_walk_error(err),
        ignore::Error::Partial(errs) => errs
            .iter()
            .map(describe_walk_error)
            .collect::<Vec<_>>()
            .join("; "),
        ignore::Error::WithPath { path, err } => match err.as_ref() {
            ignore::Error::Io(e) => describe(&path.to_string_lossy(), e),
            other => format!("{}: {}", path.to_string_lossy(), describe_walk_error(other)),
        },
        ignore::Error::Loop { ancestor, child } => format!(
            "{}: symbolic link loop: it points to its ancestor {}",
            child.to_string_lossy(),
            ancestor.to_string_lossy()
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_by_extension() {
        assert_eq!(walk_candidate(Path::new("a/b.TXT")), Some(true));
        assert_eq!(walk_candidate(Path::new("a/b.md")), Some(true));
        assert_eq!(walk_candidate(Path::new("a/b.markdown")), Some(true));
        assert_eq!(walk_candidate(Path::new("a/b.rs")), Some(false));
        assert_eq!(walk_candidate(Path::new("a/README")), None);
    }
}
