//! The configuration step of the server: which linter lints a document, whether the
//! configuration excludes it, and where "add «word» to the project word list" writes.
//!
//! The same `tadqiq.toml` (or `.tadqiq.toml`) as the CLI governs each document, found by
//! [`Config::find`] from the document's directory upwards, with the same word lists, so the
//! editor shows what `tadqiq check` reports. Every lookup re-checks the files it depends on
//! (the configuration file, the places a nearer one could appear, the word lists) by
//! modification time and size, so an edit to any of them is picked up on the next lint even when
//! the client does not report file changes; `workspace/didChangeWatchedFiles` also drops the
//! cache (and re-lints every open document).
//!
//! "Add to the word list" writes the first word list the configuration names. When it names
//! none, the word goes to [`DEFAULT_WORD_LIST`] beside the configuration file, and the
//! configuration gets `words = [".tadqiq-words.txt"]` (a `tadqiq.toml` holding just that is
//! created at the workspace root when there is no configuration), so the CLI, pre-commit and
//! CI accept the word too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use tadqiq_core::dict::Dictionary;
use tadqiq_core::linter::Linter;
use tadqiq_workspace::config::{self, Config, ConfigFiles, FileFilter};

use tadqiq_workspace::words::{self, ProjectLists};
pub use tadqiq_workspace::words::{add_to_word_list, DEFAULT_WORD_LIST};

/// What governs a document.
pub struct Settings {
    pub linter: Arc<Linter>,
    /// The configuration file in force, if any.
    pub config_file: Option<PathBuf>,
    /// That configuration, when it could be read (`None` too when there is no file).
    pub config: Option<Config>,
    /// The configured word lists (absolute), in order; "add to the word list" writes the first.
    pub word_lists: Vec<PathBuf>,
    /// Where a new `tadqiq.toml` goes when there is none: the workspace root holding the
    /// document, else the document's directory.
    pub new_config_dir: PathBuf,
    /// Its `[files]` section (for `exclude`), if there is a configuration.
    pub filter: Option<FileFilter>,
    /// What went wrong while loading (the server shows each once).
    pub problems: Vec<String>,
}

impl Settings {
    /// The defaults: every rule at its default severity, the embedded dictionary.
    pub fn defaults(new_config_dir: PathBuf) -> Self {
        Self {
            linter: Arc::new(Linter::new()),
            config_file: None,
            config: None,
            word_lists: Vec::new(),
            new_config_dir,
            filter: None,
            problems: Vec::new(),
        }
    }

    /// Does the configuration exclude the file at `path`?
    pub fn excludes(&self, path: Option<&Path>) -> bool {
        match (&self.filter, path) {
            (Some(f), Some(p)) => f.is_excluded(p),
            _ => false,
        }
    }
}

/// Modification time and size of a file, or `None` when it does not exist.
type Stamp = Option<(Option<SystemTime>, u64)>;

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

struct Entry {
    settings: Arc<Settings>,
    /// The files this entry was built from, as they were then.
    stamps: Vec<(PathBuf, Stamp)>,
}

impl Entry {
    fn is_fresh(&self) -> bool {
        self.stamps.iter().all(|(p, s)| stamp(p) == *s)
    }
}

/// Finds and caches the settings of each document's directory.
pub struct SettingsStore {
    /// Workspace roots, longest first.
    roots: Vec<PathBuf>,
    /// Directory of a document → its settings.
    by_dir: HashMap<PathBuf, Entry>,
    /// (configuration file, where a new one would go) → settings, so that every document under
    /// one configuration shares one linter.
    by_config: HashMap<(Option<PathBuf>, PathBuf), Arc<Settings>>,
}

impl SettingsStore {
    pub fn new(mut roots: Vec<PathBuf>) -> Self {
        roots.sort_by_key(|r| std::cmp::Reverse(r.components().count()));
        Self {
            roots,
            by_dir: HashMap::new(),
            by_config: HashMap::new(),
        }
    }

    /// Forget everything cached (a configuration file or word list changed).
    pub fn invalidate(&mut self) {
        self.by_dir.clear();
        self.by_config.clear();
    }

    /// Has a file that some cached settings were built from changed on disk since?
    pub fn changed(&self) -> bool {
        self.by_dir.values().any(|e| !e.is_fresh())
    }

    /// The workspace root holding `path`, if any.
    pub fn root_of(&self, path: &Path) -> Option<&Path> {
        self.roots
            .iter()
            .find(|r| path.starts_with(r))
            .map(PathBuf::as_path)
    }

    /// The settings for a document at `path` (`None`: not a file, e.g. an unsaved buffer).
    pub fn for_path(&mut self, path: Option<&Path>) -> Arc<Settings> {
        let dir = match path.and_then(Path::parent) {
            Some(d) => config::normalize(d),
            None => match self.roots.last() {
                Some(r) => r.clone(),
                None => config::normalize(Path::new(".")),
            },
        };
        if let Some(e) = self.by_dir.get(&dir) {
            if e.is_fresh() {
                return e.settings.clone();
            }
            // Something changed on disk: what was built from it is stale.
            self.invalidate();
        }
        let entry = self.load(&dir);
        let settings = entry.settings.clone();
        self.by_dir.insert(dir, entry);
        settings
    }

    fn load(&mut self, dir: &Path) -> Entry {
        let root = self.root_of(dir).unwrap_or(dir).to_path_buf();
        let mut problems = Vec::new();
        let config_file = Config::find(dir).unwrap_or_else(|e| {
            problems.push(format!("tadqiq: {e}; using the default settings"));
            None
        });
        // The places a configuration could appear, up to the one in force (or the top).
        let mut stamps = Vec::new();
        let stop = config_file.as_deref().and_then(Path::parent);
        for d in dir.ancestors() {
            for name in config::FILE_NAMES {
                let p = d.join(name);
                stamps.push((p.clone(), stamp(&p)));
            }
            if Some(d) == stop {
                break;
            }
        }
        let loaded = config_file.as_deref().and_then(|p| match Config::load(p) {
            Ok(c) => Some((c, p.parent().unwrap_or(Path::new("/")).to_path_buf())),
            Err(e) => {
                problems.push(format!("tadqiq: {e}; using the default settings"));
                None
            }
        });
        let (config, config_dir) = match loaded {
            Some((c, d)) => (c, Some(d)),
            None => (Config::default(), None),
        };
        let filter = config_dir.as_deref().and_then(|d| match config.filter(d) {
            Ok(f) => Some(f),
            Err(e) => {
                problems.push(format!("tadqiq: {e}"));
                None
            }
        });
        let new_config_dir = root;
        let word_lists = config_dir
            .as_deref()
            .map(|d| config.word_lists(d))
            .unwrap_or_default();
        for l in &word_lists {
            stamps.push((l.clone(), stamp(l)));
        }
        let key = (config_file.clone(), new_config_dir.clone());
        if let Some(s) = self.by_config.get(&key) {
            return Entry {
                settings: s.clone(),
                stamps,
            };
        }
        let mut dict = Dictionary::embedded();
        let user = words::user_word_list().filter(|p| p.is_file());
        for list in word_lists.iter().chain(&user) {
            match config::read_word_list(list) {
                Ok(words) => {
                    dict.add_project_words(words.iter().map(String::as_str));
                }
                Err(e) => problems.push(format!("tadqiq: {e}")),
            }
        }
        let config_ok = config_dir.is_some();
        let settings = Arc::new(Settings {
            linter: Arc::new(Linter::with_options(Arc::new(dict), config.lint_options())),
            config_file,
            config: config_ok.then_some(config),
            word_lists,
            new_config_dir,
            filter,
            problems,
        });
        // Settings with problems are not shared: the problems belong to this directory.
        if settings.problems.is_empty() {
            self.by_config.insert(key, settings.clone());
        }
        Entry { settings, stamps }
    }
}

/// Add `word` to the project word list of `settings` (see the module documentation and
/// `tadqiq_workspace::words`, which `tadqiq words add` uses too): the first configured list, or
/// [`DEFAULT_WORD_LIST`], registered in the configuration (created if need be). Returns the word
/// list written to.
pub fn add_word(settings: &Settings, word: &str) -> Result<PathBuf, String> {
    words::add_project_word(
        &ProjectLists {
            word_lists: &settings.word_lists,
            config_file: settings.config_file.as_deref(),
            config_readable: settings.config.is_some(),
            new_config_dir: &settings.new_config_dir,
        },
        word,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORD: &str = "زغطشقث";

    fn known(s: &Settings, word: &str) -> bool {
        let key = tadqiq_core::keymap::encode(word).unwrap();
        s.linter.dictionary().is_known(&key)
    }

    #[test]
    fn without_a_configuration_adding_a_word_creates_one_at_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = config::normalize(dir.path());
        std::fs::create_dir_all(root.join("news")).unwrap();
        let mut store = SettingsStore::new(vec![root.clone()]);
        let doc = root.join("news/a.txt");
        let s1 = store.for_path(Some(&doc));
        assert!(s1.config_file.is_none() && s1.word_lists.is_empty());
        assert_eq!(s1.new_config_dir, root);
        assert!(Arc::ptr_eq(&s1, &store.for_path(Some(&doc))), "cached");

        let list = add_word(&s1, WORD).unwrap();
        assert_eq!(list, root.join(DEFAULT_WORD_LIST));
        assert_eq!(std::fs::read_to_string(&list).unwrap(), format!("{WORD}\n"));
        let toml = std::fs::read_to_string(root.join("tadqiq.toml")).unwrap();
        assert!(toml.contains("words = [\".tadqiq-words.txt\"]"), "{toml}");
        // The CLI's own reading of the configuration takes the word too.
        let (_, c) = Config::discover(&root.join("news")).unwrap().unwrap();
        assert!(c
            .dictionary(&root)
            .unwrap()
            .is_known(&tadqiq_core::keymap::encode(WORD).unwrap()));

        let s2 = store.for_path(Some(&doc));
        assert!(!Arc::ptr_eq(&s1, &s2), "the configuration appeared");
        assert!(known(&s2, WORD) && !known(&s1, WORD));
        // Adding again: the configured list, unchanged.
        assert_eq!(add_word(&s2, WORD).unwrap(), list);
        assert!(add_word(&s2, "كلمةجديدة").is_ok());
        assert_eq!(
            std::fs::read_to_string(&list).unwrap(),
            format!("{WORD}\nكلمةجديدة\n")
        );
        assert!(known(&store.for_path(Some(&doc)), "كلمةجديدة"));
    }

    #[test]
    fn a_configuration_without_words_gets_the_default_list() {
        let dir = tempfile::tempdir().unwrap();
        let root = config::normalize(dir.path());
        let toml = "# ours\r\nshow-hints = false\r\n\r\n[rules]\r\ntatweel = \"off\"\r\n";
        std::fs::write(root.join(".tadqiq.toml"), toml).unwrap();
        let mut store = SettingsStore::new(vec![]);
        let s = store.for_path(Some(&root.join("a.md")));
        assert_eq!(
            s.new_config_dir, root,
            "no workspace: the document's directory"
        );
        assert_eq!(add_word(&s, WORD).unwrap(), root.join(DEFAULT_WORD_LIST));
        assert_eq!(
            std::fs::read_to_string(root.join(".tadqiq.toml")).unwrap(),
            "# ours\r\nshow-hints = false\r\n\r\nwords = [\".tadqiq-words.txt\"]\r\n\
             [rules]\r\ntatweel = \"off\"\r\n"
        );
        assert!(!root.join("tadqiq.toml").exists());
        assert!(known(&store.for_path(Some(&root.join("a.md"))), WORD));

        // (`words = []` is replaced: see `tadqiq_workspace::words`.)
        // A broken configuration is not touched.
        std::fs::write(root.join(".tadqiq.toml"), "colour = 1\n").unwrap();
        let s = store.for_path(Some(&root.join("a.md")));
        assert!(add_word(&s, WORD).unwrap_err().contains("fix it first"));
        assert_eq!(
            std::fs::read_to_string(root.join(".tadqiq.toml")).unwrap(),
            "colour = 1\n"
        );
    }

    #[test]
    fn a_config_appearing_above_is_picked_up() {
        let dir = tempfile::tempdir().unwrap();
        let root = config::normalize(dir.path());
        std::fs::create_dir_all(root.join("news")).unwrap();
        let mut store = SettingsStore::new(vec![root.clone()]);
        let doc = root.join("news/a.txt");
        assert!(store.for_path(Some(&doc)).config_file.is_none());
        std::fs::write(
            root.join("tadqiq.toml"),
            "words = [\"w.txt\"]\n[rules]\nspelling = \"off\"\n[files]\nexclude = [\"drafts\"]\n",
        )
        .unwrap();
        let s = store.for_path(Some(&doc));
        assert_eq!(
            s.config_file.as_deref(),
            Some(root.join("tadqiq.toml").as_path())
        );
        assert_eq!(s.word_lists, vec![root.join("w.txt")]);
        assert_eq!(
            s.problems.len(),
            1,
            "the configured list is missing: {:?}",
            s.problems
        );
        assert!(s.excludes(Some(&root.join("drafts/x.md"))));
        assert!(!s.excludes(Some(&doc)));
        let d = s
            .linter
            .lint("تطرق القاء إلى التحديات", tadqiq_core::SourceKind::Plain);
        assert!(d.iter().all(|d| d.rule != "spelling"), "{d:?}");

        // The configured list is written (and created), and the next lookup reads it.
        assert_eq!(add_word(&s, WORD).unwrap(), root.join("w.txt"));
        let s = store.for_path(Some(&doc));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert!(known(&s, WORD));

        std::fs::write(root.join("tadqiq.toml"), "colour = 1\n").unwrap();
        let s = store.for_path(Some(&doc));
        assert!(s.problems[0].contains("colour"), "{:?}", s.problems);
    }
}
