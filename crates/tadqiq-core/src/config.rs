//! Project configuration: `tadqiq.toml` or `.tadqiq.toml`.
//!
//! # The file
//!
//! ```toml
//! show-hints = false                    # report tadqiq/unknown-word hints too
//! words = ["dictionaries/local.txt"]    # extra word lists, relative to this file
//!
//! [files]
//! include = []                          # globs; empty means every file a walk picks up
//! exclude = ["drafts/**"]               # globs; never checked (nor fixed)
//! extensions = ["txt", "md"]            # what a directory walk picks up
//!
//! [rules]
//! spelling = "warning"                  # error | warning | info | hint | on | off
//! tatweel = "off"
//! ```
//!
//! Every key is optional; an unknown key (or rule, or severity) is an error naming it and the
//! file. A word list holds one word a line; `#` starts a comment; blank lines and non-Arabic
//! items are ignored. Globs match the path relative to the configuration file's directory,
//! with `/` separators: `*` stays within a path component, `**` crosses them, a pattern with no
//! `/` matches a name at any depth (`*.txt`, `drafts`), and a pattern matching a directory
//! matches everything under it. The word lists are excluded too (they are not prose).
//! `exclude` applies to every file, named or walked; `include` and
//! `extensions` only to what a directory walk finds (a file named on the command line is always
//! checked unless excluded).
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
//! - [`Config::load`]`(path) -> Result<Config, ConfigError>`: parse and validate one file.
//! - [`Config::parse`]`(text, path)`: the same from a string (`path` only names it in errors).
//! - [`Config::discover`]`(start_dir) -> Result<Option<(PathBuf, Config)>, ConfigError>`: the
//!   nearest configuration at or above `start_dir` (a directory), with its path.
//! - [`Config::find`]`(start_dir) -> Result<Option<PathBuf>, ConfigError>`: only its path.
//! - [`Config::lint_options`]`() -> LintOptions`: rule severities and `show-hints`.
//! - [`Config::word_lists`]`(config_dir) -> Vec<PathBuf>`: the word lists, resolved.
//! - [`Config::dictionary`]`(config_dir) -> Result<Arc<Dictionary>, ConfigError>`: the embedded
//!   dictionary plus the project words (built on every call; [`Resolver`] caches).
//! - [`Config::filter`]`(config_dir) -> Result<FileFilter, ConfigError>`: include, exclude and
//!   extensions, compiled.
//! - [`Resolver`]: what the CLI and the LSP use per file. `Resolver::new(ConfigSource, Overrides)`,
//!   then `resolver.resolve(file_path) -> Result<Arc<Resolved>, ConfigError>`: the configuration
//!   file governing `file_path` (or none), the [`Config`], a ready [`Linter`] shared by every file
//!   under the same configuration file, and its [`FileFilter`]. Discovery results and loaded
//!   configurations (errors included) are cached; call `resolver.invalidate()` after a
//!   configuration file or word list changed.
//! - [`DEFAULT_CONFIG`]: the commented file `tadqiq init` writes.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::dict::Dictionary;
use crate::linter::{LintOptions, Linter};

/// The names a configuration file may have, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = ["tadqiq.toml", ".tadqiq.toml"];

/// What a directory walk picks up when `[files] extensions` is not set (any case).
pub const DEFAULT_EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "mdown", "mkd", "mkdn"];

/// The file `tadqiq init` writes: every option, commented, at its default.
pub const DEFAULT_CONFIG: &str = r#"# tadqiq configuration. tadqiq uses the nearest tadqiq.toml or .tadqiq.toml found by walking
# up from each file it checks. Every key is optional; unknown keys are an error.

# Report tadqiq/unknown-word hints (words no dictionary knows, mostly names).
# show-hints = false

# Extra word lists, relative to this file: one word a line, `#` starts a comment.
# words = ["dictionaries/local.txt"]

[files]
# Globs relative to this directory (`*` within a path component, `**` across them; a pattern
# without `/` matches at any depth). `exclude` applies to every file; `include` and
# `extensions` to what a directory walk finds. An empty `include` takes everything.
# include = ["news/**"]
# exclude = ["drafts/**", "vendor"]
# extensions = ["txt", "md", "markdown", "mdown", "mkd", "mkdn"]

[rules]
# A rule's severity: "error", "warning", "info", "hint", "on" (its default) or "off".
# `tadqiq rules` lists them all.
# spelling = "error"
# tatweel = "off"
"#;

/// A parsed configuration file. Fields mirror the file; `None`/empty means "the default".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_hints: Option<bool>,
    /// Word lists, as written (relative to the configuration file's directory).
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub files: Files,
    /// Rule id (with or without `tadqiq/`) → `error|warning|info|hint|on|off`.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
}

/// `[files]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Files {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<String>>,
}

/// A rule's setting in `[rules]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    /// `"off"`.
    Off,
    /// `"on"`: the rule's default severity.
    On,
    Severity(Severity),
}

impl RuleSetting {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(Self::Off),
            "on" => Some(Self::On),
            _ => Severity::parse(s).map(Self::Severity),
        }
    }
}

/// Why a configuration could not be used. Names the file (and the line and column when known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file at fault: a configuration file or a word list.
    pub path: PathBuf,
    /// 1-based line and column (in chars) of the fault, when known.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            location: None,
            message: message.into(),
        }
    }

    fn io(path: &Path, e: &std::io::Error) -> Self {
        let msg = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        Self::new(path, msg)
    }
}

impl Config {
    /// Read, parse and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError::io(path, &e))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| ConfigError::new(path, format!("not UTF-8 text ({e})")))?;
        Self::parse(&text, path)
    }

    /// Parse and validate a configuration held in `text`; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let config: Config = toml::from_str(text).map_err(|e| {
            let location = e.span().map(|s| line_col(text, s.start));
            let message = e
                .message()
                .trim()
                .replace("unknown field", "unknown key")
                .replace("missing field", "missing key");
            ConfigError {
                path: path.to_path_buf(),
                location,
                message,
            }
        })?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        for (id, value) in &self.rules {
            let bare = id.strip_prefix("tadqiq/").unwrap_or(id);
            if crate::rules::find(bare).is_none() {
                return Err(ConfigError::new(
                    path,
                    format!("[rules]: unknown rule `{id}` (`tadqiq rules` lists them)"),
                ));
            }
            if RuleSetting::parse(value).is_none() {
                return Err(ConfigError::new(
                    path,
                    format!(
                        "[rules] {id} = \"{value}\": expected \"error\", \"warning\", \"info\", \
                         \"hint\", \"on\" or \"off\""
                    ),
                ));
            }
        }
        if let Some(exts) = &self.files.extensions {
            if let Some(bad) = exts
                .iter()
                .find(|e| e.is_empty() || e.contains(['/', '\\']))
            {
                return Err(ConfigError::new(
                    path,
                    format!("[files] extensions: `{bad}` is not a file extension"),
                ));
            }
        }
        // Compile the globs once to report bad patterns now.
        FileFilter::new(&self.files, Path::new("/"), path)?;
        Ok(())
    }

    /// The path of the nearest configuration file at or above the directory `start_dir`.
    pub fn find(start_dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
        let start = normalize(start_dir);
        for dir in start.ancestors() {
            if let Some(p) = config_in(dir)? {
                return Ok(Some(p));
            }
        }
        Ok(None)
    }

    /// The nearest configuration at or above the directory `start_dir`, with its path.
    pub fn discover(start_dir: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
        match Self::find(start_dir)? {
            Some(p) => {
                let c = Self::load(&p)?;
                Ok(Some((p, c)))
            }
            None => Ok(None),
        }
    }

    /// The setting of each rule named in `[rules]`, by bare id.
    pub fn rule_settings(&self) -> BTreeMap<String, RuleSetting> {
        self.rules
            .iter()
            .filter_map(|(id, v)| {
                let bare = id.strip_prefix("tadqiq/").unwrap_or(id).to_string();
                RuleSetting::parse(v).map(|s| (bare, s))
            })
            .collect()
    }

    /// Lint options: `show-hints` and the rule severities (`off` turns a rule off).
    pub fn lint_options(&self) -> LintOptions {
        let mut o = LintOptions {
            show_hints: self.show_hints.unwrap_or(false),
            ..Default::default()
        };
        for (id, setting) in self.rule_settings() {
            match setting {
                RuleSetting::Off => {
                    o.rule_severity.insert(id, None);
                }
                RuleSetting::Severity(s) => {
                    o.rule_severity.insert(id, Some(s));
                }
                RuleSetting::On => {}
            }
        }
        o
    }

    /// The word lists, resolved against `config_dir` (the configuration file's directory).
    pub fn word_lists(&self, config_dir: &Path) -> Vec<PathBuf> {
        self.words.iter().map(|w| config_dir.join(w)).collect()
    }

    /// The embedded dictionary plus the words of every word list. Not cached: see [`Resolver`].
    pub fn dictionary(&self, config_dir: &Path) -> Result<Arc<Dictionary>, ConfigError> {
        let mut dict = Dictionary::embedded();
        for list in self.word_lists(config_dir) {
            let words = read_word_list(&list)?;
            dict.add_project_words(words.iter().map(String::as_str));
        }
        Ok(Arc::new(dict))
    }

    /// `include`, `exclude` and `extensions`, compiled; globs relative to `config_dir`.
    pub fn filter(&self, config_dir: &Path) -> Result<FileFilter, ConfigError> {
        let mut f = FileFilter::new(&self.files, config_dir, config_dir)?;
        f.word_lists = self
            .word_lists(config_dir)
            .iter()
            .map(|p| normalize(p))
            .collect();
        Ok(f)
    }

    /// The configuration with every default written out (for `tadqiq config --show`), as TOML.
    pub fn effective_toml(&self) -> String {
        let settings = self.rule_settings();
        let rules = crate::rules::all()
            .iter()
            .map(|r| {
                let m = r.meta();
                let v = match settings.get(m.id) {
                    Some(RuleSetting::Off) => "off".to_string(),
                    Some(RuleSetting::Severity(s)) => s.as_str().to_string(),
                    Some(RuleSetting::On) | None => m.default_severity.as_str().to_string(),
                };
                (m.id.to_string(), v)
            })
            .collect();
        let full =
            Config {
                show_hints: Some(self.show_hints.unwrap_or(false)),
                words: self.words.clone(),
                files: Files {
                    include: self.files.include.clone(),
                    exclude: self.files.exclude.clone(),
                    extensions: Some(self.files.extensions.clone().unwrap_or_else(|| {
                        DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect()
                    })),
                },
                rules,
            };
        toml::to_string(&full).unwrap_or_else(|e| format!("# cannot show: {e}\n"))
    }
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

/// 1-based line and char column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[start..].chars().count())
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
    fn default_config_parses_and_is_default() {
        assert_eq!(parse(DEFAULT_CONFIG).unwrap(), Config::default());
        // Uncommenting every option still parses.
        let uncommented: String = DEFAULT_CONFIG
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") => format!("{rest}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        let c = parse(&uncommented).unwrap();
        assert_eq!(c.show_hints, Some(false));
        assert_eq!(c.rules.get("tatweel").map(String::as_str), Some("off"));
    }

    #[test]
    fn unknown_keys_are_named() {
        let e = parse("show-hints = true\ncolour = 1\n").unwrap_err();
        assert_eq!(e.location, Some((2, 1)));
        assert!(e.message.contains("unknown key `colour`"), "{e}");
        assert!(e.to_string().starts_with("x/tadqiq.toml:2:1: "), "{e}");
        let e = parse("[files]\nexclud = []\n").unwrap_err();
        assert!(e.message.contains("`exclud`"), "{e}");
        let e = parse("[rules]\nspeling = \"off\"\n").unwrap_err();
        assert!(e.message.contains("unknown rule `speling`"), "{e}");
        let e = parse("[rules]\nspelling = \"loud\"\n").unwrap_err();
        assert!(e.message.contains("spelling = \"loud\""), "{e}");
        let e = parse("[files]\nexclude = [\"a[\"]\n").unwrap_err();
        assert!(e.message.contains("bad glob `a[`"), "{e}");
    }

    #[test]
    fn rules_become_lint_options() {
        let c = parse(
            "show-hints = true\n[rules]\nspelling = \"warning\"\n\"tadqiq/tatweel\" = \"off\"\n\
             hamza = \"on\"\n",
        )
        .unwrap();
        let o = c.lint_options();
        assert!(o.show_hints);
        assert_eq!(
            o.rule_severity.get("spelling"),
            Some(&Some(Severity::Warning))
        );
        assert_eq!(o.rule_severity.get("tatweel"), Some(&None));
        assert!(!o.rule_severity.contains_key("hamza"));
        let shown = c.effective_toml();
        assert!(shown.contains("spelling = \"warning\""), "{shown}");
        assert!(shown.contains("tatweel = \"off\""), "{shown}");
        assert!(shown.contains("hamza = \"error\"") || shown.contains("hamza = \""));
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
