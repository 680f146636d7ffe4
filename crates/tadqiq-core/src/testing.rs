//! Helpers for the rules' unit tests.

use std::sync::{Arc, OnceLock};

use crate::diagnostic::Diagnostic;
use crate::dict::Dictionary;
use crate::document::SourceKind;
use crate::linter::{LintOptions, Linter};

/// The embedded dictionary, shared by all tests.
pub fn dict() -> Arc<Dictionary> {
    static D: OnceLock<Arc<Dictionary>> = OnceLock::new();
    D.get_or_init(|| Arc::new(Dictionary::embedded())).clone()
}

/// Lint `text` with hints shown and keep the findings of rule `id`, as
/// (diagnostic, the flagged text, its suggestions).
pub fn lint_rule(id: &str, text: &str) -> Vec<(Diagnostic, String, Vec<String>)> {
    // Only the rule under test runs: findings of other rules on the same span would hide it.
    let rule_severity = crate::rules::all()
        .iter()
        .map(|r| r.meta().id)
        .filter(|other| *other != id)
        .map(|other| (other.to_string(), None))
        .collect();
    let linter = Linter::with_options(
        dict(),
        LintOptions {
            show_hints: true,
            rule_severity,
            ..Default::default()
        },
    );
    linter
        .lint(text, SourceKind::Plain)
        .into_iter()
        .filter(|d| d.rule == id)
        .map(|d| {
            let word = text[d.span.clone()].to_string();
            let s = d.suggestions.clone();
            (d, word, s)
        })
        .collect()
}
