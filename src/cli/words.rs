//! `tadqiq words add WORD...`: accept words, writing the same project word list the editor's
//! "add «word» to the project word list" writes (`tadqiq_workspace::words`), so the CLI, the
//! pre-commit hook and the editor agree; `--user` writes the user's own list instead.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tadqiq_workspace::config::{normalize, read_word_list, Overrides};
use tadqiq_workspace::words::{self, ProjectLists};

use crate::cli::configure::ConfigArgs;
use crate::cli::output::eprint_line;
use crate::cli::{EXIT_ERROR, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: WordsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum WordsCommand {
    /// Add words to the project word list (the first list tadqiq.toml names; else
    /// .tadqiq-words.txt, registered in tadqiq.toml, created if need be), or with --user to
    /// yours ($XDG_CONFIG_HOME/tadqiq/words.txt, else ~/.config/tadqiq/words.txt)
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The words (Arabic, one word each)
    #[arg(required = true, value_name = "WORD")]
    pub words: Vec<String>,

    /// Write your own word list, read for every file whatever its configuration
    #[arg(long)]
    pub user: bool,

    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        WordsCommand::Add(a) => ExitCode::from(add(a)),
    }
}

fn add(args: AddArgs) -> u8 {
    for w in &args.words {
        if let Err(e) = check_word(w) {
            eprint_line(&format!("error: «{w}»: {e}"));
            return EXIT_ERROR;
        }
    }
    let mut failed = false;
    for w in &args.words {
        let w = w.trim();
        let result = if args.user {
            add_user(w)
        } else {
            add_project(w, &args.config)
        };
        match result {
            Ok((list, true)) => eprint_line(&format!("added «{w}» to {}", list.display())),
            Ok((list, false)) => eprint_line(&format!("«{w}» is already in {}", list.display())),
            Err(e) => {
                eprint_line(&format!("error: {e}"));
                failed = true;
            }
        }
    }
    if failed {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// A word list holds one Arabic word a line: no spaces, no `#`, an Arabic letter.
fn check_word(w: &str) -> Result<(), &'static str> {
    let w = w.trim();
    if w.is_empty() {
        return Err("an empty word");
    }
    if w.contains(char::is_whitespace) || w.contains('#') {
        return Err("one word at a time (no spaces, no `#`)");
    }
    if !w.chars().any(|c| ('\u{0620}'..='\u{064A}').contains(&c)) {
        return Err("not an Arabic word (word lists hold Arabic words; other lines are ignored)");
    }
    Ok(())
}

/// Whether `list` already holds `word`.
fn holds(list: &Path, word: &str) -> bool {
    read_word_list(list).is_ok_and(|words| words.iter().any(|x| x == word))
}

fn add_user(word: &str) -> Result<(PathBuf, bool), String> {
    let list = words::user_word_list()
        .ok_or("no user word list: set HOME or XDG_CONFIG_HOME".to_string())?;
    let added =
        words::add_to_word_list(&list, word).map_err(|e| format!("{}: {e}", list.display()))?;
    Ok((list, added))
}

/// The project list of the configuration governing the current directory.
fn add_project(word: &str, config: &ConfigArgs) -> Result<(PathBuf, bool), String> {
    let here = normalize(Path::new("."));
    let r = config
        .resolver(Overrides::default())
        .resolve_dir(&here)
        .map_err(|e| format!("configuration: {e}"))?;
    let lists = match &r.path {
        Some(_) => r.config.word_lists(&r.dir),
        None => Vec::new(),
    };
    if let Some(first) = lists.first() {
        if holds(first, word) {
            return Ok((first.clone(), false));
        }
    }
    let list = words::add_project_word(
        &ProjectLists {
            word_lists: &lists,
            config_file: r.path.as_deref(),
            config_readable: true,
            new_config_dir: &here,
        },
        word,
    )?;
    Ok((list, true))
}
