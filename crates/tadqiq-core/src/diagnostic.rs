//! Diagnostics are data: a rule id, a severity, a byte span on the original text, a message and
//! suggestions, best first. Renderers turn them into text; rules never format.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A weak signal (an unknown word that is probably a name): hidden unless asked for.
    Hint,
    /// Worth a look; not necessarily wrong.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Hint, Self::Info, Self::Warning, Self::Error];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hint => "hint",
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule's first suggestion may be applied without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// `tadqiq fix` applies it.
    Safe,
    /// Applied only with `tadqiq fix --unsafe`.
    Unsafe,
    /// Nothing to apply automatically (no suggestion, or only a human can decide).
    Manual,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id without the `tadqiq/` prefix, e.g. `spelling`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Byte range on the original text (end exclusive), on char boundaries.
    pub span: Range<usize>,
    /// One sentence saying what is wrong; names the word, since bidi text can render oddly.
    pub message: String,
    /// Replacements for `span`, best first. Empty means "delete or edit by hand" per `applicability`.
    pub suggestions: Vec<String>,
    /// Whether the first suggestion may be applied automatically.
    pub applicability: Applicability,
    /// An optional longer note (why the rule fired).
    pub note: Option<String>,
    /// What applying the first suggestion does, in words, when the replacement alone says it
    /// badly: a deletion ("remove the repeated «إن»", "remove 2 of the 3 blank lines", "remove
    /// this line"). Front ends show it instead of "did you mean «»?".
    pub action: Option<String>,
    /// Further places where the same rule found the same kind of thing in the same text, folded
    /// into this finding for reading (by `fold`); empty unless folded. Each keeps its own fix:
    /// `tadqiq fix` and the LSP server work on unfolded findings.
    pub others: Vec<Occurrence>,
}

/// One further place of a folded finding: its span on the original text, its replacements (best
/// first) and whether the first may be applied automatically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Range<usize>,
    pub suggestions: Vec<String>,
    pub applicability: Applicability,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity,
            span,
            message: message.into(),
            suggestions: Vec::new(),
            applicability: Applicability::Manual,
            note: None,
            action: None,
            others: Vec::new(),
        }
    }

    pub fn with_suggestions(
        mut self,
        suggestions: Vec<String>,
        applicability: Applicability,
    ) -> Self {
        self.suggestions = suggestions;
        self.applicability = applicability;
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Say what the first suggestion does (see [`Diagnostic::action`]).
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// The fix deletes the span, and `action` says what that removes ("remove the repeated
    /// «إن»"): the one way a rule offers a deletion, so that no front end shows "did you mean
    /// «»?".
    pub fn with_deletion(self, applicability: Applicability, action: impl Into<String>) -> Self {
        self.with_suggestions(vec![String::new()], applicability)
            .with_action(action)
    }

    /// How many places this finding stands for: 1, or more when others were folded into it.
    pub fn places(&self) -> usize {
        1 + self.others.len()
    }

    /// The full rule id as shown to users (`tadqiq/spelling`).
    pub fn rule_id(&self) -> String {
        format!("tadqiq/{}", self.rule)
    }
}

/// Sort diagnostics by position, then rule, and drop exact duplicates.
pub fn sort_and_dedup(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (
            a.span.start,
            a.span.end,
            a.rule,
            std::cmp::Reverse(a.severity),
            &a.message,
        )
            .cmp(&(
                b.span.start,
                b.span.end,
                b.rule,
                std::cmp::Reverse(b.severity),
                &b.message,
            ))
    });
    diags.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
    // Two rules proposing the same fix for the same span (a context rule and the squeezed-text
    // rule both restoring `اللجنة`) are one finding: keep the most severe, then the first.
    let mut i = 0;
    while i < diags.len() {
        let mut j = i + 1;
        while j < diags.len() && diags[j].span == diags[i].span {
            let same_fix = !diags[i].suggestions.is_empty()
                && diags[i].suggestions.first() == diags[j].suggestions.first();
            if same_fix {
                if diags[j].severity > diags[i].severity {
                    diags.swap(i, j);
                }
                let dropped = diags.remove(j);
                // A rule that judged the shared fix safe vouches for it.
                if dropped.applicability == Applicability::Safe {
                    diags[i].applicability = Applicability::Safe;
                }
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod dedup_tests {
    use super::*;

    #[test]
    fn two_rules_with_one_fix_for_one_word_make_one_finding() {
        let mk = |rule: &'static str, sev, app| {
            Diagnostic::new(rule, sev, 10..20, format!("{rule} on «الجنة»"))
                .with_suggestions(vec!["اللجنة".to_string()], app)
        };
        let mut v = vec![
            mk("squeezed-double", Severity::Warning, Applicability::Safe),
            mk("confusion", Severity::Warning, Applicability::Unsafe),
            Diagnostic::new(
                "whitespace",
                Severity::Info,
                10..20,
                "another finding".to_string(),
            ),
        ];
        sort_and_dedup(&mut v);
        let rules: Vec<_> = v.iter().map(|d| d.rule).collect();
        assert_eq!(rules, vec!["confusion", "whitespace"]);
        assert_eq!(v[0].applicability, Applicability::Safe);

        let mut v = vec![
            mk("confusion", Severity::Warning, Applicability::Unsafe),
            mk("spelling", Severity::Error, Applicability::Unsafe),
        ];
        sort_and_dedup(&mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, "spelling");
    }
}
