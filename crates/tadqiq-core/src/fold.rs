//! Folding: many findings of one kind in one text are read as one.
//!
//! A text written without hamzas has fifty findings of `tadqiq/hamza`; a pasted text has a
//! hundred zero-width spaces. Listed one by one they bury everything else, and they are one
//! decision for the editor ("restore the hamzas", "strip the invisible characters"). So when a
//! rule whose findings are mechanical (the `folds` predicate; rules declare it) reports at least
//! [`MIN_FOLD`] findings *of the same kind* in one text, `tadqiq check` shows the first as one
//! finding and carries the rest in its [`Diagnostic::others`]: every place is still there, with
//! its own fix, in the JSON and SARIF output, and `tadqiq check --no-fold` lists them one by one.
//! `tadqiq fix` and the LSP server never fold.
//!
//! Two findings are of the same kind when their rule is the same and their messages are the
//! same once the quoted words («…») and the digits are blanked out: "«ان» is not a known word;
//! did you mean «أن»?" and "«الى» is not a known word; did you mean «إلى»?" are one kind; a
//! Latin comma and a missing space after `،` are two.

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Occurrence};

/// Findings of one kind in one text from which they fold into one.
pub const MIN_FOLD: usize = 3;

/// Fold `diags` (one text's findings, sorted by position): for each rule that `folds` accepts,
/// each kind with at least `min` findings becomes its first finding, the others moved into its
/// [`Diagnostic::others`] in text order. The result stays sorted by position.
pub fn fold(diags: Vec<Diagnostic>, folds: impl Fn(&str) -> bool, min: usize) -> Vec<Diagnostic> {
    let min = min.max(2);
    let mut groups: FxHashMap<(&'static str, String), Vec<usize>> = FxHashMap::default();
    for (i, d) in diags.iter().enumerate() {
        if folds(d.rule) {
            groups
                .entry((d.rule, kind(&d.message)))
                .or_default()
                .push(i);
        }
    }
    // For each finding: the index of the finding it folds into, if it folds into another.
    let mut into: Vec<Option<usize>> = vec![None; diags.len()];
    for members in groups.values().filter(|m| m.len() >= min) {
        let head = members[0];
        for &m in &members[1..] {
            into[m] = Some(head);
        }
    }
    let mut slots: Vec<Option<Diagnostic>> = diags.into_iter().map(Some).collect();
    for i in 0..slots.len() {
        let Some(head) = into[i] else { continue };
        let d = slots[i].take().expect("each finding is moved once");
        let h = slots[head].as_mut().expect("a head is never moved");
        h.others.push(Occurrence {
            span: d.span,
            suggestions: d.suggestions,
            applicability: d.applicability,
        });
        h.others.extend(d.others);
    }
    slots.into_iter().flatten().collect()
}

/// The kind of a message: its text with whatever is quoted in «» and every digit blanked out.
fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut depth = 0usize;
    for c in message.chars() {
        match c {
            '«' => {
                depth += 1;
                out.push(c);
            }
            '»' if depth > 0 => {
                depth -= 1;
                out.push(c);
            }
            _ if depth > 0 => {}
            c if c.is_numeric() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A short account of a folded finding's places, for a human: the words found (most frequent
/// first, with counts) and the lines. `word_at` gives the text of a span, `line_of` its line.
pub fn describe(
    d: &Diagnostic,
    word_at: impl Fn(&std::ops::Range<usize>) -> String,
    line_of: impl Fn(usize) -> usize,
) -> Option<String> {
    const MAX_WORDS: usize = 8;
    const MAX_LINES: usize = 12;
    if d.others.is_empty() {
        return None;
    }
    let spans = std::iter::once(&d.span).chain(d.others.iter().map(|o| &o.span));
    // Each word once, in order of first appearance, with its count (a file-long fold has tens of
    // thousands of places: a map, not a scan of the words found so far).
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut lines: Vec<usize> = Vec::new();
    for s in spans {
        let w = word_at(s);
        match index.get(&w) {
            Some(&i) => counts[i].1 += 1,
            None => {
                index.insert(w.clone(), counts.len());
                counts.push((w, 1));
            }
        }
        let l = line_of(s.start);
        if lines.last() != Some(&l) {
            lines.push(l);
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let words: Vec<String> = counts
        .iter()
        .take(MAX_WORDS)
        .filter(|(w, _)| {
            w.chars()
                .any(|c| !c.is_whitespace() && !crate::keymap::is_invisible_control(c))
        })
        .map(|(w, n)| {
            if *n > 1 {
                format!("«{w}» ×{n}")
            } else {
                format!("«{w}»")
            }
        })
        .collect();
    // The count and the list agree: both take in this place and the others.
    let mut s = format!(
        "{} places like this in this text (this one and {} more)",
        d.places(),
        d.others.len()
    );
    if !words.is_empty() {
        s.push_str(": ");
        s.push_str(&words.join(", "));
        if counts.len() > MAX_WORDS {
            s.push_str(", …");
        }
    }
    let shown: Vec<String> = lines
        .iter()
        .take(MAX_LINES)
        .map(|l| l.to_string())
        .collect();
    s.push_str(&format!(
        "; {} {}",
        if lines.len() == 1 { "line" } else { "lines" },
        shown.join(", ")
    ));
    if lines.len() > MAX_LINES {
        s.push_str(", …");
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Severity};
    use crate::testing::lint_rule;
    use crate::{Linter, SourceKind};

    #[test]
    fn kinds_blank_the_quoted_words_and_digits() {
        assert_eq!(
            kind("«ان» is not a known word; did you mean «أن»?"),
            kind("«الى» is not a known word; did you mean «إلى»?")
        );
        assert_eq!(
            kind("12 blank lines in a row"),
            kind("3 blank lines in a row")
        );
        assert_ne!(
            kind("Latin «,» in Arabic text; the Arabic mark is «،»"),
            kind("no space after «،» before «وقد»")
        );
    }

    /// A text that leaves the hamza off throughout: one finding, every place kept with its fix.
    #[test]
    fn a_text_without_hamzas_is_one_finding_with_every_place() {
        let text = "قال الوزير ان الاجتماع الى جانب الاسبوع المقبل، واضاف ان اخبار الاسبوع جيدة.";
        let linter = Linter::new();
        let all = linter.lint(text, SourceKind::Plain);
        let hamza: Vec<_> = all.iter().filter(|d| d.rule == "hamza").collect();
        assert!(hamza.len() >= MIN_FOLD, "{all:?}");
        let folded = linter.fold(all.clone());
        let heads: Vec<_> = folded.iter().filter(|d| d.rule == "hamza").collect();
        assert_eq!(heads.len(), 1, "{folded:?}");
        let head = heads[0];
        assert_eq!(head.places(), hamza.len());
        assert_eq!(head.span, hamza[0].span);
        // Every place and fix is still there, in text order.
        let spans: Vec<_> = std::iter::once(head.span.clone())
            .chain(head.others.iter().map(|o| o.span.clone()))
            .collect();
        let expected: Vec<_> = hamza.iter().map(|d| d.span.clone()).collect();
        assert_eq!(spans, expected);
        assert_eq!(head.others[0].suggestions, hamza[1].suggestions);
        // Nothing of another rule was touched.
        assert_eq!(
            folded.iter().filter(|d| d.rule != "hamza").count(),
            all.iter().filter(|d| d.rule != "hamza").count()
        );
        let note = describe(head, |s| text[s.clone()].to_string(), |_| 1).unwrap();
        assert!(note.contains("«ان» ×2"), "{note}");
        assert!(note.contains("line 1"), "{note}");
        // The number the note starts with is the number of places its list counts.
        let listed: usize = note
            .split(": ")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .split(", ")
            .map(|w| w.split('×').nth(1).map_or(1, |n| n.parse().unwrap()))
            .sum();
        assert!(
            note.starts_with(&format!(
                "{listed} places like this in this text (this one and {} more): ",
                listed - 1
            )),
            "{note}"
        );
        assert_eq!(listed, head.places());
    }

    #[test]
    fn two_of_a_kind_stay_apart_and_spelling_never_folds() {
        let two = lint_rule("hamza", "اخبار العراق واخبار سوريا");
        assert_eq!(two.len(), 2, "{two:?}");
        let linter = Linter::new();
        let d = linter.lint("اخبار العراق واخبار سوريا", SourceKind::Plain);
        assert_eq!(linter.fold(d.clone()), d);

        let mk = |at: usize| {
            Diagnostic::new(
                "spelling",
                Severity::Error,
                at..at + 2,
                "«x» is not a known word",
            )
            .with_suggestions(vec!["y".into()], Applicability::Unsafe)
        };
        let many: Vec<_> = (0..5).map(|i| mk(i * 10)).collect();
        assert_eq!(fold(many.clone(), crate::rules::folds, MIN_FOLD), many);
        assert_eq!(fold(many, |_| true, MIN_FOLD).len(), 1);
    }
}
