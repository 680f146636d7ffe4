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
//! # The model, not the files
//!
//! This module is the configuration as data: parsing a file's text into a [`Config`], checking
//! it, and turning it into [`LintOptions`]. It reads no file. Finding the configuration of a
//! file (the nearest `tadqiq.toml` or `.tadqiq.toml` at or above it), reading it and its word
//! lists, and compiling the `[files]` globs (which is where a bad glob is reported) is
//! `tadqiq_workspace::config`'s work, which re-exports everything here.
//!
//! # API (stable: the CLI, the LSP server and other front ends use it)
//!
//! - [`Config::parse`]`(text, path) -> Result<Config, ConfigError>`: parse and validate (keys,
//!   rules, severities, extensions); `path` only names the file in errors.
//! - [`Config::lint_options`]`() -> LintOptions`: rule severities and `show-hints`.
//! - [`Config::rule_settings`]`()`: the `[rules]` settings, by bare rule id.
//! - [`Config::word_lists`]`(config_dir) -> Vec<PathBuf>`: the word lists, resolved (not read).
//! - [`Config::effective_toml`]`()`: the configuration with every default written out.
//! - [`DEFAULT_CONFIG`]: the commented file `tadqiq init` writes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::linter::LintOptions;

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

# The encoding of the files: "utf-8" (the default), "windows-1256", "iso-8859-6", "utf-16",
# "utf-16le" or "utf-16be". `tadqiq fix` writes a file back in the encoding it was read in.
# encoding = "utf-8"

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
    /// The encoding of the files this configuration governs (one of [`ENCODINGS`]; UTF-8 when
    /// unset). The front ends decode and encode (`tadqiq_workspace::encoding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Word lists, as written (relative to the configuration file's directory).
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub files: Files,
    /// Rule id (with or without `tadqiq/`) → `error|warning|info|hint|on|off`.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
}

/// The names `encoding = "..."` takes (any case), as `tadqiq_workspace::encoding` knows them.
pub const ENCODINGS: [&str; 6] = [
    "utf-8",
    "windows-1256",
    "iso-8859-6",
    "utf-16",
    "utf-16le",
    "utf-16be",
];

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
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            location: None,
            message: message.into(),
        }
    }

    /// An error reading `path`, worded for a person.
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        let msg = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        Self::new(path, msg)
    }
}

impl Config {
    /// Parse and validate a configuration held in `text`; `path` names it in errors. The
    /// `[files]` globs are checked where they are compiled (`tadqiq_workspace::config`).
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
        if let Some(e) = &self.encoding {
            if !ENCODINGS.contains(&e.to_ascii_lowercase().as_str()) {
                return Err(ConfigError::new(
                    path,
                    format!(
                        "encoding = \"{e}\": expected one of {}",
                        ENCODINGS
                            .iter()
                            .map(|n| format!("\"{n}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
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
        Ok(())
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
                encoding: Some(self.encoding.clone().unwrap_or_else(|| "utf-8".to_string())),
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
        let e = parse("encoding = \"latin1\"\n").unwrap_err();
        assert!(
            e.message
                .contains("encoding = \"latin1\": expected one of \"utf-8\"")
                && e.message.contains("\"windows-1256\""),
            "{e}"
        );
        assert_eq!(
            parse("encoding = \"Windows-1256\"\n")
                .unwrap()
                .encoding
                .as_deref(),
            Some("Windows-1256")
        );
        // A bad glob is the file system's business: `tadqiq_workspace::config` compiles globs.
        assert!(parse("[files]\nexclude = [\"a[\"]\n").is_ok());
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
}
