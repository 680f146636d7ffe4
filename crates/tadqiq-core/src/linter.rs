//! The linter: runs the enabled rules over a document and returns its diagnostics.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{sort_and_dedup, Diagnostic, Severity};
use crate::dict::Dictionary;
use crate::document::{Document, SourceKind};
use crate::rules::{self, Context, Rule};
use crate::spell::cache::WordCache;
use crate::spell::{Analysis, Policy};

/// Per-run settings.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Report hints (unknown words without a confident fix). Off by default.
    pub show_hints: bool,
    /// Per-rule severity overrides; `None` turns the rule off. Keys are rule ids without prefix.
    pub rule_severity: HashMap<String, Option<Severity>>,
    /// Thresholds of the unknown-word policy.
    pub policy: Policy,
}

pub struct Linter {
    /// Enabled rules, with the severity the configuration forces on them (if it does).
    rules: Vec<(Box<dyn Rule>, Option<Severity>)>,
    dict: Arc<Dictionary>,
    options: LintOptions,
    /// Per-word results shared by every document this linter checks.
    cache: Arc<WordCache>,
}

impl Linter {
    /// A linter over the embedded dictionary with default options.
    pub fn new() -> Self {
        Self::with_options(Arc::new(Dictionary::embedded()), LintOptions::default())
    }

    pub fn with_options(dict: Arc<Dictionary>, options: LintOptions) -> Self {
        let rules = rules::all()
            .into_iter()
            .filter_map(|r| {
                // The severity the configuration forces on the rule, if any; otherwise each
                // finding keeps the severity the rule gave it.
                let forced = match options.rule_severity.get(r.meta().id) {
                    Some(None) => return None,
                    Some(Some(s)) => Some(*s),
                    None => None,
                };
                let effective = forced.unwrap_or(r.meta().default_severity);
                (effective != Severity::Hint || options.show_hints).then_some((r, forced))
            })
            .collect();
        Self {
            rules,
            dict,
            options,
            cache: Arc::new(WordCache::new()),
        }
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    pub fn options(&self) -> &LintOptions {
        &self.options
    }

    /// Lint a text.
    pub fn lint(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        self.lint_document(&Document::new(text, kind))
    }

    /// Lint a prepared document.
    pub fn lint_document(&self, doc: &Document<'_>) -> Vec<Diagnostic> {
        let analysis = Analysis::with_cache(
            doc,
            &self.dict,
            &self.options.policy,
            Some(self.cache.clone()),
        );
        let cx = Context::new(doc, &self.dict, &analysis);
        let mut out = Vec::new();
        for (rule, sev) in &self.rules {
            let from = out.len();
            rule.check(&cx, &mut out);
            if let Some(sev) = sev {
                for d in &mut out[from..] {
                    d.severity = *sev;
                }
            }
        }
        if !self.options.show_hints {
            out.retain(|d| d.severity != Severity::Hint);
        }
        sort_and_dedup(&mut out);
        crate::suppress::apply(doc, &mut out);
        out
    }

    /// Fold one text's findings for reading: many of one kind become one (see [`crate::fold`]).
    pub fn fold(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        crate::fold::fold(diagnostics, crate::rules::folds, crate::fold::MIN_FOLD)
    }
}

impl Default for Linter {
    fn default() -> Self {
        Self::new()
    }
}
