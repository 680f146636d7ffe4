//! Applying fixes to a text.
//!
//! A finding is fixed by replacing its span with its first suggestion, when its applicability
//! is `Safe` (or also `Unsafe`, with [`FixOptions::unsafe_too`]). Findings without a suggestion,
//! `Manual` ones and suggestions equal to the text they would replace are left alone.
//!
//! **Overlapping edits** are resolved deterministically: candidate edits are sorted by start
//! offset, then longest span first, then rule id, then replacement; an edit is taken if it starts
//! at or after the end of the last edit taken (and, for two insertions at one point, only the
//! first is taken). The others are dropped this round; the next round lints the fixed text again
//! and applies what still holds.
//!
//! **Rounds**: lint, apply, lint again... until a round has nothing to apply, at most
//! [`FixOptions::max_rounds`] rounds, and stopping early if a text comes back (an oscillation:
//! that round is not applied). So running `fix` on its own output changes nothing, unless a
//! result says it did not converge.
//!
//! **Bytes outside the fixed spans are kept exactly**: spans are byte ranges on the text, so a
//! BOM, `\r\n` line ends and everything else untouched stay as they were.

use std::collections::HashSet;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::SourceKind;
use crate::linter::Linter;

/// How to fix.
#[derive(Clone, Copy, Debug)]
pub struct FixOptions {
    /// Also apply `Unsafe` fixes (`tadqiq fix --unsafe`).
    pub unsafe_too: bool,
    /// Lint-and-fix rounds at most.
    pub max_rounds: usize,
}

impl Default for FixOptions {
    fn default() -> Self {
        Self {
            unsafe_too: false,
            max_rounds: 4,
        }
    }
}

/// One replacement on a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
    /// The rule that asked for it (bare id), and the finding's severity.
    pub rule: &'static str,
    pub severity: Severity,
}

/// A fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    pub rule: &'static str,
    /// The severity of the finding fixed.
    pub severity: Severity,
    /// 1-based round that applied it.
    pub round: usize,
    /// Byte span in the text that round started from (for round 1, the original text).
    pub span: Range<usize>,
    /// 1-based line and char column of the span's start in that text (a BOM is not a column).
    pub line: usize,
    pub column: usize,
    /// The text replaced, and what replaced it.
    pub before: String,
    pub after: String,
}

/// What [`fix`] did.
#[derive(Clone, Debug)]
pub struct FixResult {
    /// The fixed text (equal to the input if nothing applied).
    pub text: String,
    /// The fixes applied, round by round, in text order within a round.
    pub applied: Vec<AppliedFix>,
    /// The findings on the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// False if fixable findings remain after the last round (the limit was reached, or fixes
    /// went round in a circle): running `fix` again could change the text.
    pub converged: bool,
}

impl FixResult {
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// Whether `fix` applies a diagnostic's first suggestion.
pub fn is_fixable(d: &Diagnostic, unsafe_too: bool) -> bool {
    !d.suggestions.is_empty()
        && match d.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => unsafe_too,
            Applicability::Manual => false,
        }
}

/// The edits to apply to `text` for `diagnostics`: fixable, valid, not a no-op, and not
/// overlapping (see the module documentation for the rule), sorted by position.
pub fn select_edits(text: &str, diagnostics: &[Diagnostic], unsafe_too: bool) -> Vec<Edit> {
    let mut candidates: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| is_fixable(d, unsafe_too))
        .filter(|d| {
            d.span.start <= d.span.end
                && d.span.end <= text.len()
                && text.is_char_boundary(d.span.start)
                && text.is_char_boundary(d.span.end)
                && text[d.span.clone()] != d.suggestions[0]
        })
        .map(|d| Edit {
            span: d.span.clone(),
            replacement: d.suggestions[0].clone(),
            rule: d.rule,
            severity: d.severity,
        })
        .collect();
    candidates.sort_by(|a, b| {
        (
            a.span.start,
            std::cmp::Reverse(a.span.end),
            a.rule,
            &a.replacement,
        )
            .cmp(&(
                b.span.start,
                std::cmp::Reverse(b.span.end),
                b.rule,
                &b.replacement,
            ))
    });
    let mut taken: Vec<Edit> = Vec::with_capacity(candidates.len());
    for e in candidates {
        if let Some(last) = taken.last() {
            if e.span.start < last.span.end || e.span.start == last.span.start {
                continue;
            }
        }
        taken.push(e);
    }
    taken
}

/// Apply sorted, non-overlapping edits (as [`select_edits`] returns them).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for e in edits {
        debug_assert!(e.span.start >= at, "edits overlap or are out of order");
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Fix `text` (of the given kind) with `linter`: see the module documentation.
pub fn fix(linter: &Linter, text: &str, kind: SourceKind, options: &FixOptions) -> FixResult {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(current.clone());
    let mut diagnostics = linter.lint(&current, kind);
    let mut converged = false;
    for round in 1..=options.max_rounds.max(1) {
        let edits = select_edits(&current, &diagnostics, options.unsafe_too);
        if edits.is_empty() {
            converged = true;
            break;
        }
        let next = apply_edits(&current, &edits);
        if !seen.insert(next.clone()) {
            // Back to an earlier text: the fixes go round in a circle. Stop here.
            break;
        }
        // Positions counted on from one edit to the next: `line_col` from the start for each
        // edit would be quadratic on a large file with many fixes.
        let mut at = LineCounter::default();
        for e in &edits {
            let (line, column) = at.advance(&current, e.span.start);
            applied.push(AppliedFix {
                rule: e.rule,
                severity: e.severity,
                round,
                span: e.span.clone(),
                line,
                column,
                before: current[e.span.clone()].to_string(),
                after: e.replacement.clone(),
            });
        }
        current = next;
        diagnostics = linter.lint(&current, kind);
    }
    if !converged {
        converged = select_edits(&current, &diagnostics, options.unsafe_too).is_empty();
    }
    FixResult {
        text: current,
        applied,
        remaining: diagnostics,
        converged,
    }
}

/// 1-based line and char column of byte `offset`: lines end at `\n`, a leading BOM is not a
/// column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = 1 + before[start..]
        .trim_start_matches('\u{FEFF}')
        .chars()
        .count();
    (line, col)
}

/// [`line_col`] of increasing offsets of one text, in time linear in the text.
#[derive(Default)]
struct LineCounter {
    /// The offset counted up to, the newlines before it, and the chars from its line's start
    /// (leading BOMs not counted).
    at: usize,
    newlines: usize,
    column: usize,
}

impl LineCounter {
    fn advance(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let mut seg = &text[self.at..offset];
        if let Some(i) = seg.rfind('\n') {
            self.newlines += seg[..i].matches('\n').count() + 1;
            self.column = 0;
            seg = &seg[i + 1..];
        }
        if self.column == 0 {
            seg = seg.trim_start_matches('\u{FEFF}');
        }
        self.column += seg.chars().count();
        self.at = offset;
        (self.newlines + 1, self.column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_agrees_with_line_col() {
        let text = "\u{FEFF}أب\r\nج\n\u{FEFF}\u{FEFF}د هـ\n\nو";
        let mut c = LineCounter::default();
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(c.advance(text, i), line_col(text, i), "at {i}");
        }
    }

    fn d(rule: &'static str, span: Range<usize>, to: &str, a: Applicability) -> Diagnostic {
        Diagnostic::new(rule, Severity::Error, span, "m").with_suggestions(vec![to.into()], a)
    }

    #[test]
    fn overlaps_resolve_by_start_then_length_then_rule() {
        let text = "abcdefghij";
        let diags = vec![
            d("b", 2..4, "X", Applicability::Safe),
            d("a", 2..4, "Y", Applicability::Safe),
            d("c", 2..6, "Z", Applicability::Safe),
            d("d", 5..7, "W", Applicability::Safe),
            d("e", 6..8, "V", Applicability::Safe),
            d("f", 8..8, "+", Applicability::Safe),
            d("g", 8..8, "-", Applicability::Safe),
            d("h", 9..10, "U", Applicability::Unsafe),
            d("i", 0..1, "a", Applicability::Safe),
            d("j", 1..1, "", Applicability::Manual),
        ];
        let e = select_edits(text, &diags, false);
        let got: Vec<_> = e.iter().map(|e| (e.rule, e.span.clone())).collect();
        // c (2..6) beats a and b (same start, shorter); d overlaps c; e starts at c's end;
        // f inserts at e's end; g is a second insertion at the same point; i is a no-op.
        assert_eq!(got, vec![("c", 2..6), ("e", 6..8), ("f", 8..8)]);
        assert_eq!(apply_edits(text, &e), "abZV+ij");
        let e = select_edits(text, &diags, true);
        assert_eq!(apply_edits(text, &e), "abZV+iU");
    }

    #[test]
    fn bytes_outside_spans_are_kept() {
        let text = "\u{FEFF}أ\r\nب\r\n";
        let at = text.find('ب').unwrap();
        let diags = vec![d("x", at..at + 2, "تت", Applicability::Safe)];
        let fixed = apply_edits(text, &select_edits(text, &diags, false));
        assert_eq!(fixed, "\u{FEFF}أ\r\nتت\r\n");
        assert_eq!(line_col(text, at), (2, 1));
        assert_eq!(line_col(text, 3), (1, 1));
    }

    #[test]
    fn invalid_spans_are_ignored() {
        let text = "أب";
        let diags = vec![
            d("x", 1..2, "y", Applicability::Safe),
            d("x", 0..9, "y", Applicability::Safe),
        ];
        assert!(select_edits(text, &diags, true).is_empty());
    }

    fn linter() -> Linter {
        Linter::with_options(crate::testing::dict(), Default::default())
    }

    #[test]
    fn context_decides_whether_a_squeezed_letter_fix_is_safe() {
        let l = linter();
        let first = |text: &str| {
            l.lint(text, SourceKind::Plain)
                .into_iter()
                .find(|d| d.rule == "spelling")
                .map(|d| (d.suggestions[0].clone(), d.applicability))
        };
        assert_eq!(
            first("تطرق القاء إلى التحديات"),
            Some(("اللقاء".into(), Applicability::Safe))
        );
        // `إلقاء القبض` (an arrest): the context does not back `اللقاء`.
        assert_ne!(
            first("وتم بعد القاء القبض على المتهم").map(|f| f.1),
            Some(Applicability::Safe)
        );
    }

    #[test]
    fn fixing_real_text_settles_and_is_idempotent() {
        let l = linter();
        let text = "\u{FEFF}تطرق القاء إلى التحديات التي تواجه المؤسات في الأوساط،وقد قال  \r\n\
                    وبلغ العدد 15,000 الف شخص\r\n";
        let r = fix(&l, text, SourceKind::Plain, &FixOptions::default());
        assert!(r.converged);
        assert_eq!(
            r.text,
            "\u{FEFF}تطرق اللقاء إلى التحديات التي تواجه المؤسسات في الأوساط، وقد قال\r\n\
             وبلغ العدد 15,000 ألف شخص\r\n"
        );
        let again = fix(&l, &r.text, SourceKind::Plain, &FixOptions::default());
        assert!(!again.changed(), "{:?}", again.applied);
        // With unsafe fixes the number-unit fix (which overlaps the hamza fix and starts
        // first) wins.
        let r = fix(
            &l,
            text,
            SourceKind::Plain,
            &FixOptions {
                unsafe_too: true,
                ..Default::default()
            },
        );
        assert!(r.text.contains("العدد 15,000 شخص"), "{}", r.text);
        let again = fix(
            &l,
            &r.text,
            SourceKind::Plain,
            &FixOptions {
                unsafe_too: true,
                ..Default::default()
            },
        );
        assert!(again.text == r.text, "{:?}", again.applied);
    }

    #[test]
    fn the_seeds_fix_idempotently() {
        let l = linter();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for unsafe_too in [false, true] {
                let o = FixOptions {
                    unsafe_too,
                    ..Default::default()
                };
                let r = fix(&l, &text, SourceKind::Plain, &o);
                assert!(r.converged, "{}: {unsafe_too}", p.display());
                let again = fix(&l, &r.text, SourceKind::Plain, &o);
                assert!(
                    !again.changed(),
                    "{} (unsafe {unsafe_too}): {:?}",
                    p.display(),
                    again.applied
                );
            }
        }
    }
}
