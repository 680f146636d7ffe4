//! Word lists on disk, written: "add «word» to the word list" in the editor (the LSP's code
//! action) and `tadqiq words add` on the command line write the same lists the same way, so the
//! CLI, the pre-commit hook and the editor agree on what is a word.
//!
//! - The **project** list is the first word list the governing `tadqiq.toml` names. When it
//!   names none, the word goes to [`DEFAULT_WORD_LIST`] beside the configuration file, and the
//!   configuration gets `words = [".tadqiq-words.txt"]` (a `tadqiq.toml` holding just that is
//!   created when there is no configuration: at the editor's workspace root, or the current
//!   directory for the CLI).
//! - The **user's** list is [`user_word_list`] (`$XDG_CONFIG_HOME/tadqiq/words.txt`, else
//!   `~/.config/tadqiq/words.txt`; defined in [`crate::config`], which reads it for every file,
//!   whatever configuration governs it).

use std::path::{Path, PathBuf};

pub use crate::config::user_word_list;
use crate::config::{self, Config};

/// The word list "add to the word list" creates when the configuration names none.
pub const DEFAULT_WORD_LIST: &str = ".tadqiq-words.txt";

/// Where a project word goes: what the governing configuration says.
pub struct ProjectLists<'a> {
    /// The configured word lists (absolute), in order; the first is written.
    pub word_lists: &'a [PathBuf],
    /// The configuration file in force, if any.
    pub config_file: Option<&'a Path>,
    /// Whether that configuration could be read (a broken one is not edited).
    pub config_readable: bool,
    /// Where a new `tadqiq.toml` goes when there is none.
    pub new_config_dir: &'a Path,
}

/// Add `word` to the project word list of `project` (see the module documentation): the first
/// configured list, or [`DEFAULT_WORD_LIST`], registered in the configuration (created if
/// need be). Returns the word list written to.
pub fn add_project_word(project: &ProjectLists<'_>, word: &str) -> Result<PathBuf, String> {
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if let Some(list) = project.word_lists.first() {
        add_to_word_list(list, word).map_err(|e| io(list, e))?;
        return Ok(list.clone());
    }
    let (config_file, text) = match (project.config_file, project.config_readable) {
        (Some(p), true) => {
            let text = std::fs::read_to_string(p).map_err(|e| io(p, e))?;
            (p.to_path_buf(), text)
        }
        (Some(p), false) => {
            return Err(format!(
                "{} cannot be read; fix it first (see the message shown)",
                p.display()
            ))
        }
        (None, _) => (
            project.new_config_dir.join(config::FILE_NAMES[0]),
            String::new(),
        ),
    };
    let new_text = with_default_word_list(&text, &config_file)?;
    let dir = config_file.parent().unwrap_or(Path::new("/"));
    let list = dir.join(DEFAULT_WORD_LIST);
    // The list first: a configuration naming a missing list is an error for the CLI.
    add_to_word_list(&list, word).map_err(|e| io(&list, e))?;
    std::fs::write(&config_file, new_text).map_err(|e| io(&config_file, e))?;
    Ok(list)
}

/// The configuration `text` with `words = [DEFAULT_WORD_LIST]` added as a top-level key (before
/// the first table), or replacing an empty `words = []`; checked by parsing it again.
fn with_default_word_list(text: &str, path: &Path) -> Result<String, String> {
    let entry = format!("words = [\"{DEFAULT_WORD_LIST}\"]");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let existing = lines[..header].iter().position(|l| {
        l.split('#')
            .next()
            .unwrap_or("")
            .split('=')
            .next()
            .map(str::trim)
            == Some("words")
    });
    match existing {
        Some(i) => lines[i] = entry,
        None if text.is_empty() => {
            lines.push("# tadqiq configuration (see `tadqiq init` for every option).".into());
            lines.push(entry);
        }
        None => lines.insert(header, entry),
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = lines.join(eol);
    out.push_str(eol);
    match Config::parse(&out, path) {
        Ok(c) if c.words == [DEFAULT_WORD_LIST] => Ok(out),
        Ok(_) => Err(format!(
            "cannot add a word list to {}: name one in `words = [...]`",
            path.display()
        )),
        Err(e) => Err(format!("cannot add a word list to {}: {e}", path.display())),
    }
}

/// Append `word` to the word list at `path` (created with its directory if missing), on a line
/// of its own. Returns `false` when the list already holds it.
pub fn add_to_word_list(path: &Path, word: &str) -> std::io::Result<bool> {
    use std::io::Write;
    let word = word.trim();
    let existing = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    if existing
        .lines()
        .any(|l| l.split('#').next().unwrap_or("").trim() == word)
    {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let sep = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    writeln!(f, "{sep}{word}")?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_words_key_is_replaced_and_a_new_one_goes_before_the_tables() {
        let p = Path::new("x/tadqiq.toml");
        assert_eq!(
            with_default_word_list("words = []  # none yet\n", p).unwrap(),
            "words = [\".tadqiq-words.txt\"]\n"
        );
        assert_eq!(
            with_default_word_list("show-hints = true\r\n[rules]\r\ntatweel = \"off\"\r\n", p)
                .unwrap(),
            "show-hints = true\r\nwords = [\".tadqiq-words.txt\"]\r\n[rules]\r\ntatweel = \"off\"\r\n"
        );
    }
}
