//! Configuration on disk: which `tadqiq.toml` governs a file, reading it and its word lists, and
//! the `[files]` filter (globs compiled with `globset`). The configuration itself (parsing,
//! validation, lint options) is the core's model, `tadqiq_core::config`, re-exported here so that
//! `tadqiq_workspace::config::X` names every configuration item.
//!
//! # Discovery
//!
//! For each file, directories are searched from the file's own up to the filesystem root; the
//! first holding `tadqiq.toml` or `.tadqiq.toml` wins (the nearest; configurations are not
//! merged). A directory holding both is an error. `--config PATH` uses one file for everything;
//! `--no-config` uses the defaults.
//!
//! # API (stable: the CLI and the LSP server use it)
//!
//! [`ConfigFiles`], implemented for [`Config`] (import it to call these as before):
//!
//! - [`Config::load`]`(path) -> Result<Config, ConfigError>`: read, parse and validate one file
//!   (its globs included).
//! - [`Config::discover`]`(start_dir) -> Result<Option<(PathBuf, Config)>, ConfigError>`: the
//!   nearest configuration at or above `start_dir` (a directory), with its path.
//! - [`Config::find`]`(start_dir) -> Result<Option<PathBuf>, ConfigError>`: only its path.
//! - [`Config::dictionary`]`(config_dir) -> Result<Arc<Dictionary>, ConfigError>`: the embedded
//!   dictionary plus the project words (built on every call; [`Resolver`] caches).
//! - [`Config::filter`]`(config_dir) -> Result<FileFilter, ConfigError>`: include, exclude and
//!   extensions, compiled.
//!
//! And:
//!
//! - [`Resolver`]: what the CLI and the LSP use per file. `Resolver::new(ConfigSource, Overrides)`,
//!   then `resolver.resolve(file_path) -> Result<Arc<Resolved>, ConfigError>`: the configuration
//!   file governing `file_path` (or none), the [`Config`], a ready [`Linter`] shared by every file
//!   under the same configuration file, and its [`FileFilter`]. Discovery results and loaded
//!   configurations (errors included) are cached; call `resolver.invalidate()` after a
//!   configuration file or word list changed.
//! - [`read_word_list`], [`normalize`].

use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use tadqiq_core::dict::Dictionary;
use tadqiq_core::linter::Linter;

pub use tadqiq_core::config::*;

/// The file-system side of a [`Config`]: finding, reading and compiling what it names.
pub trait ConfigFiles: Sized {
    /// Read, parse and validate a configuration file (its `[files]` globs included).
    fn load(path: &Path) -> Result<Self, ConfigError>;
    /// The path of the nearest configuration file at or above the directory `start_dir`.
    fn find(start_dir: &Path) -> Result<Option<PathBuf>, ConfigError>;
    /// The nearest configuration at or above the directory `start_dir`, with its path.
    fn discover(start_dir: &Path) -> Result<Option<(PathBuf, Self)>, ConfigError>;
    /// The embedded dictionary plus the words of every word list, and of the user's list
    /// ([`user_word_list`]) when there is one. Not cached: see [`Resolver`].
    fn dictionary(&self, config_dir: &Path) -> Result<Arc<Dictionary>, ConfigError>;
    /// `include`, `exclude` and `extensions`, compiled; globs relative to `config_dir`.
    fn filter(&self, config_dir: &Path) -> Result<FileFilter, ConfigError>;
}

impl ConfigFiles for Config {
    fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError::io(path, &e))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| ConfigError::new(path, format!("not UTF-8 text ({e})")))?;
        let config = Self::parse(&text, path)?;
        // Compile the globs once to report bad patterns now.
        FileFilter::new(&config.files, Path::new("/"), path)?;
        Ok(config)
    }

    fn find(start_dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
        let start = normalize(start_dir);
        for dir in start.ancestors() {
            if let Some(p) = config_in(dir)? {
                return Ok(Some(p));
            }
        }
        Ok(None)
    }

    fn discover(start_dir: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
        match Self::find(start_dir)? {
            Some(p) => {
                let c = Self::load(&p)?;
                Ok(Some((p, c)))
            }
            None => Ok(None),
        }
    }

    fn dictionary(&self, config_dir: &Path) -> Result<Arc<Dictionary>, ConfigError> {
        let mut dict = Dictionary::embedded();
        for list in self.word_lists(config_dir) {
            let words = read_word_list(&list)?;
            dict.add_project_words(words.iter().map(String::as_str));
        }
        // The user's own list (`tadqiq words add --user`), when there is one.
        if let Some(list) = user_word_list().filter(|p| p.is_file()) {
            let words = read_word_list(&list)?;
            dict.add_project_words(words.iter().map(String::as_str));
        }
        Ok(Arc::new(dict))
    }

    fn filter(&self, config_dir: &Path) -> Result<FileFilter, ConfigError> {
        let mut f = FileFilter::new(&self.files, config_dir, config_dir)?;
        f.word_lists = self
            .word_lists(config_dir)
            .iter()
            .map(|p| normalize(p))
            .collect();
        Ok(f)
    }
}

/// The user's word list: `$TADQIQ_USER_WORDS` if set (tests, unusual setups), else
/// `$XDG_CONFIG_HOME/tadqiq/words.txt`, else `$HOME/.config/tadqiq/words.txt`; `None` when
/// none of these variables is set.
pub fn user_word_list() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(p) = var("TADQIQ_USER_WORDS") {
        return Some(PathBuf::from(p));
    }
    let base = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("tadqiq").join("words.txt"))
}

/// Read a word list: one word a line, `#` to the end of a line is a comment.
pub fn read_word_list(path: &Path) -> Result<Vec<String>, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError::io(path, &e))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| ConfigError::new(path, format!("word list is not UTF-8 text ({e})")))?;
    Ok(text
        .lines()
        .map(|l| {
            let l = l.trim_start_matches('\u{FEFF}');
            l.split('#').next().unwrap_or("").trim()
        })
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// The configuration file in `dir`, if there is one (an error if there are two).
fn config_in(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let found: Vec<PathBuf> = FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        [a, b, ..] => Err(ConfigError::new(
            a,
            format!(
                "both {} and {} exist in {}; keep one",
                FILE_NAMES[0],
                FILE_NAMES[1],
                b.parent().unwrap_or(dir).display()
            ),
        )),
    }
}

/// An absolute path with `.` and `..` removed lexically (relative paths are taken from the
/// current directory).
pub fn normalize(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `[files]`, compiled: which files a configuration takes.
#[derive(Clone, Debug)]
pub struct FileFilter {
    dir: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// The configuration's word lists: not text to check.
    word_lists: Vec<PathBuf>,
    extensions: Vec<String>,
}

impl Default for FileFilter {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("/"),
            include: None,
            exclude: None,
            word_lists: Vec::new(),
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl FileFilter {
    fn new(files: &Files, dir: &Path, config_path: &Path) -> Result<Self, ConfigError> {
        let set = |key: &str, patterns: &[String]| -> Result<Option<GlobSet>, ConfigError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                let trimmed = p.trim_end_matches('/');
                let anchored = trimmed.strip_prefix('/');
                let pat = match anchored {
                    Some(rest) => rest.to_string(),
                    None if trimmed.contains('/') => trimmed.to_string(),
                    None => format!("**/{trimmed}"),
                };
                let glob = GlobBuilder::new(&pat)
                    .literal_separator(true)
                    .backslash_escape(true)
                    .build()
                    .map_err(|e| {
                        ConfigError::new(
                            config_path,
                            format!("[files] {key}: bad glob `{p}`: {}", e.kind()),
                        )
                    })?;
                b.add(glob);
            }
            b.build()
                .map(Some)
                .map_err(|e| ConfigError::new(config_path, format!("[files] {key}: bad glob: {e}")))
        };
        Ok(Self {
            dir: dir.to_path_buf(),
            include: set("include", &files.include)?,
            exclude: set("exclude", &files.exclude)?,
            word_lists: Vec::new(),
            extensions: files
                .extensions
                .clone()
                .unwrap_or_else(|| DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect()),
        })
    }

    /// Does `set` match `path` (relative to the configuration's directory when under it) or
    /// one of its ancestors?
    fn matches(&self, set: &GlobSet, path: &Path) -> bool {
        let abs = normalize(path);
        let rel = abs.strip_prefix(&self.dir).unwrap_or(&abs);
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| set.is_match(a))
    }

    /// `exclude` matches, or the file is one of the configuration's word lists: never check
    /// nor fix this file.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|s| self.matches(s, path))
            || (!self.word_lists.is_empty() && self.word_lists.contains(&normalize(path)))
    }

    /// `include` is empty or matches.
    pub fn is_included(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|s| self.matches(s, path))
    }

    /// Whether a directory walk picks up a file by its name: `Some(true)` yes, `Some(false)` no,
    /// `None` no extension (check it if it turns out to be text). Include and exclude are not
    /// looked at here.
    pub fn walk_candidate(&self, path: &Path) -> Option<bool> {
        path.extension().map(|ext| {
            let ext = ext.to_string_lossy();
            self.extensions.iter().any(|e| e.eq_ignore_ascii_case(&ext))
        })
    }

    /// Whether a walk takes `path`: a candidate by extension (or `None`: sniff), included and
    /// not excluded.
    pub fn walk_takes(&self, path: &Path) -> Option<bool> {
        if self.is_excluded(path) || !self.is_included(path) {
            return Some(false);
        }
        self.walk_candidate(path)
    }
}

/// Where configurations come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ConfigSource {
    /// The nearest `tadqiq.toml`/`.tadqiq.toml` above each file (the default).
    #[default]
    Discover,
    /// `--config PATH`: this file for everything.
    File(PathBuf),
    /// `--no-config`: the defaults.
    Defaults,
}

/// Settings from the command line that win over the configuration.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--show-hints`: `true` shows hints whatever the configuration says.
    pub show_hints: bool,
}

/// The configuration that governs a file, ready to use.
pub struct Resolved {
    /// The configuration file, or `None` for the defaults (none found, or `--no-config`).
    pub path: Option<PathBuf>,
    /// The directory paths and globs are relative to (the configuration file's; for the
    /// defaults, the current directory).
    pub dir: PathBuf,
    pub config: Config,
    /// One linter per configuration file, shared by all the files it governs.
    pub linter: Arc<Linter>,
    pub filter: FileFilter,
}

impl fmt::Debug for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolved")
            .field("path", &self.path)
            .field("dir", &self.dir)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// A configuration file loaded, or why it could not be.
type Loaded = Result<Arc<Resolved>, ConfigError>;

/// Finds and caches the configuration of each file. Cheap to share between threads.
pub struct Resolver {
    source: ConfigSource,
    overrides: Overrides,
    /// Directory → the configuration file found at or above it.
    found: Mutex<HashMap<PathBuf, Result<Option<PathBuf>, ConfigError>>>,
    /// Configuration file (`None`: defaults) → what it resolves to.
    loaded: Mutex<HashMap<Option<PathBuf>, Loaded>>,
}

impl Resolver {
    pub fn new(source: ConfigSource, overrides: Overrides) -> Self {
        Self {
            source,
            overrides,
            found: Mutex::new(HashMap::new()),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// Forget every cached discovery and configuration (after an edit to one of them).
    pub fn invalidate(&self) {
        self.found.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.loaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// The configuration governing the file at `file` (which need not exist).
    pub fn resolve(&self, file: &Path) -> Result<Arc<Resolved>, ConfigError> {
        let abs = normalize(file);
        let dir = abs.parent().unwrap_or(&abs);
        self.resolve_dir(dir)
    }

    /// The configuration governing files in the directory `dir` (standard input uses the
    /// current directory).
    pub fn resolve_dir(&self, dir: &Path) -> Result<Arc<Resolved>, ConfigError> {
        let config_path = match &self.source {
            ConfigSource::Defaults => None,
            ConfigSource::File(p) => Some(normalize(p)),
            ConfigSource::Discover => self.find(&normalize(dir))?,
        };
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = loaded.get(&config_path) {
            return r.clone();
        }
        let r = self.load(config_path.as_deref()).map(Arc::new);
        loaded.insert(config_path, r.clone());
        r
    }

    fn find(&self, dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let mut visited = Vec::new();
        let mut result = Ok(None);
        for d in dir.ancestors() {
            if let Some(r) = found.get(d) {
                result = r.clone();
                break;
            }
            visited.push(d.to_path_buf());
            match config_in(d) {
                Ok(None) => {}
                other => {
                    result = other;
                    break;
                }
            }
        }
        for d in visited {
            found.insert(d, result.clone());
        }
        result
    }

    fn load(&self, path: Option<&Path>) -> Result<Resolved, ConfigError> {
        let (config, dir) = match path {
            Some(p) => (
                Config::load(p)?,
                p.parent().map(Path::to_path_buf).unwrap_or_default(),
            ),
            None => (Config::default(), normalize(Path::new("."))),
        };
        let dict = config.dictionary(&dir)?;
        let mut options = config.lint_options();
        options.show_hints |= self.overrides.show_hints;
        let filter = match path {
            Some(_) => config.filter(&dir)?,
            None => FileFilter::default(),
        };
        Ok(Resolved {
            path: path.map(Path::to_path_buf),
            dir,
            linter: Arc::new(Linter::with_options(dict, options)),
            config,
            filter,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config, ConfigError> {
        Config::parse(s, Path::new("x/tadqiq.toml"))
    }

    #[test]
    fn bad_globs_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("tadqiq.toml");
        std::fs::write(&p, "[files]\nexclude = [\"a[\"]\n").unwrap();
        let e = Config::load(&p).unwrap_err();
        assert!(e.message.contains("bad glob `a[`"), "{e}");
        assert_eq!(e.path, p);
    }

    #[test]
    fn globs_are_relative_to_the_config() {
        let c = parse(
            "[files]\ninclude = [\"news/**\", \"*.md\"]\nexclude = [\"drafts\", \"/top.txt\"]\n\
             extensions = [\"txt\"]\n",
        )
        .unwrap();
        let f = c.filter(Path::new("/p")).unwrap();
        assert!(f.is_excluded(Path::new("/p/drafts/a.txt")));
        assert!(f.is_excluded(Path::new("/p/x/drafts/a.txt")));
        assert!(f.is_excluded(Path::new("/p/top.txt")));
        assert!(!f.is_excluded(Path::new("/p/x/top.txt")));
        assert!(f.is_included(Path::new("/p/news/a/b.txt")));
        assert!(f.is_included(Path::new("/p/deep/er/a.md")));
        assert!(!f.is_included(Path::new("/p/other/a.txt")));
        assert_eq!(f.walk_candidate(Path::new("/p/a.TXT")), Some(true));
        assert_eq!(f.walk_candidate(Path::new("/p/a.md")), Some(false));
        assert_eq!(f.walk_candidate(Path::new("/p/README")), None);
        assert_eq!(f.walk_takes(Path::new("/p/drafts/a.txt")), Some(false));
    }

    #[test]
    fn word_lists_strip_comments() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.txt");
        std::fs::write(
            &p,
            "\u{FEFF}# header\r\nزغطشقث\r\n\r\n  كلمة  # note\nword\n",
        )
        .unwrap();
        assert_eq!(read_word_list(&p).unwrap(), vec!["زغطشقث", "كلمة", "word"]);
        let e = read_word_list(&dir.path().join("missing.txt")).unwrap_err();
        assert!(e
            .to_string()
            .ends_with("missing.txt: no such file or directory"));
    }

    #[test]
    fn discovery_finds_the_nearest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b/c")).unwrap();
        std::fs::write(root.join("tadqiq.toml"), "show-hints = true\n").unwrap();
        std::fs::write(root.join("a/b/.tadqiq.toml"), "show-hints = false\n").unwrap();
        let (p, c) = Config::discover(&root.join("a/b/c")).unwrap().unwrap();
        assert_eq!(p, root.join("a/b/.tadqiq.toml"));
        assert_eq!(c.show_hints, Some(false));
        let (p, _) = Config::discover(&root.join("a")).unwrap().unwrap();
        assert_eq!(p, root.join("tadqiq.toml"));

        let r = Resolver::new(ConfigSource::Discover, Overrides::default());
        let x = r.resolve(&root.join("a/b/c/f.txt")).unwrap();
        let y = r.resolve(&root.join("a/b/g.md")).unwrap();
        assert!(Arc::ptr_eq(&x.linter, &y.linter));
        assert_eq!(x.dir, root.join("a/b"));
        let z = r.resolve(&root.join("a/h.md")).unwrap();
        assert_eq!(z.path.as_deref(), Some(root.join("tadqiq.toml").as_path()));

        std::fs::write(root.join("a/tadqiq.toml"), "").unwrap();
        std::fs::write(root.join("a/.tadqiq.toml"), "").unwrap();
        assert!(Config::find(&root.join("a"))
            .unwrap_err()
            .message
            .contains("keep one"));
    }
}
