//! The linting side of the server: one configured linter (and its word cache) shared by every
//! request, read from `tadqiq.toml` as the CLI reads it.
//!
//! The HTTP layer sees it through [`Checker`], so that a test can put a checker there that
//! fails in ways the real one should not (a panic) and show that the server survives it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::core::{
    fix, Applicability, ConfigError, ConfigSource, Diagnostic, FixOptions, Linter, Overrides,
    Resolver, SourceKind,
};

/// What the server asks of a linter. Both calls may run on many threads at once.
pub trait Checker: Send + Sync + 'static {
    /// The findings on a plain text, sorted by position. `picky` adds the hints
    /// (`tadqiq/unknown-word`), as LanguageTool's `level=picky` adds rules.
    fn check(&self, text: &str, picky: bool) -> Vec<Diagnostic>;

    /// The text with every safe fix applied, as `tadqiq fix` applies them.
    fn fix_safe(&self, text: &str) -> Fixed;
}

/// What [`Checker::fix_safe`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// `(rule id, text replaced, replacement)` for each fix applied, in order.
    pub applied: Vec<(String, String, String)>,
    /// False if fixable findings remain (see `tadqiq_core::fix`).
    pub converged: bool,
}

/// The real checker: tadqiq's linter under the configuration found at start-up.
pub struct Engine {
    /// As configured.
    linter: Arc<Linter>,
    /// As configured, with hints.
    picky: Arc<Linter>,
    config_file: Option<PathBuf>,
}

impl Engine {
    /// The configuration that governs a file in `dir` (the server's working directory), found
    /// as `tadqiq check -` finds it for standard input: `--config PATH`, `--no-config`, or the
    /// nearest `tadqiq.toml` / `.tadqiq.toml` at or above `dir`, with its word lists.
    pub fn load(source: ConfigSource, dir: &Path) -> Result<Self, ConfigError> {
        let resolved = Resolver::new(source.clone(), Overrides::default()).resolve_dir(dir)?;
        let picky = Resolver::new(source, Overrides { show_hints: true }).resolve_dir(dir)?;
        Ok(Self {
            linter: resolved.linter.clone(),
            picky: picky.linter.clone(),
            config_file: resolved.path.clone(),
        })
    }

    /// The configuration file in force (`None`: the defaults).
    pub fn config_file(&self) -> Option<&Path> {
        self.config_file.as_deref()
    }
}

impl Checker for Engine {
    fn check(&self, text: &str, picky: bool) -> Vec<Diagnostic> {
        let linter = if picky { &self.picky } else { &self.linter };
        linter.lint(text, SourceKind::Plain)
    }

    fn fix_safe(&self, text: &str) -> Fixed {
        let r = fix(
            &self.linter,
            text,
            SourceKind::Plain,
            &FixOptions::default(),
        );
        Fixed {
            applied: r
                .applied
                .iter()
                .map(|a| {
                    (
                        format!("tadqiq/{}", a.rule),
                        a.before.clone(),
                        a.after.clone(),
                    )
                })
                .collect(),
            text: r.text,
            converged: r.converged,
        }
    }
}

/// Whether `tadqiq fix` would apply a finding's first suggestion.
pub fn is_safe(d: &Diagnostic) -> bool {
    d.applicability == Applicability::Safe && !d.suggestions.is_empty()
}
