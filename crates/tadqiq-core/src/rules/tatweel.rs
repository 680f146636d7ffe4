//! `tadqiq/tatweel`: tatweel (kashida, U+0640) used to stretch a word for show.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::keymap::{classify, Class};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TokenKind;

crate::declare_rule! {
    /// Flags tatweel (U+0640 ARABIC TATWEEL, kashida) used as decoration: a run of two or more
    /// (`العـــربية`), or a single one between two letters of a word (`العـربية`). Decoration
    /// belongs to typesetting, not to the text: it breaks search and spell-checking.
    ///
    /// One tatweel is legitimate after a prefix written apart from what follows it (`الـ`,
    /// `بـ`, `لـ`, `وبالـ`... before a number, a Latin word or a quoted name: `الـ5`,
    /// `بـ(NTM-I)`), at the end of an abbreviation (`1436هـ`), and at the start of a word to show
    /// a suffix (`ـها`). The fix removes the decoration (a run after a prefix becomes one
    /// tatweel; only a fix that takes tatweel out of a word is applied automatically, not one
    /// that merely shortens the run after a prefix, `الــ 200`). This is `info`: it is cosmetic.
    ///
    /// Example: `اللغة العـــربية` → `اللغة العربية`.
    pub struct Tatweel;
    id: "tatweel", severity: Info, summary: "decorative tatweel (kashida) inside words";
    folds: true;
}

const TATWEEL: char = '\u{0640}';

/// Prefixes after which one tatweel may mark the join (`الـ`, `بـ`, `وبالـ`).
fn is_prefix(letters: &str) -> bool {
    matches!(
        letters,
        "ال" | "بال"
            | "وال"
            | "فال"
            | "كال"
            | "لل"
            | "ولل"
            | "فلل"
            | "وبال"
            | "ب"
            | "ل"
            | "ك"
            | "و"
            | "ف"
            | "س"
            | "وب"
            | "ول"
            | "وك"
            | "فب"
            | "فل"
            | "وس"
    )
}

fn is_letter(c: char) -> bool {
    matches!(classify(c), Class::Letter(_) | Class::Letters(_))
}

/// The word with its decorative tatweel removed, or `None` if it has none; and whether a
/// tatweel inside the word went (`false` when only a run after a prefix was shortened:
/// `الــ 200` → `الـ 200`, a matter of taste, not a fix to apply unseen).
fn undecorated(word: &str) -> Option<(String, bool)> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    let mut inside = false;
    // The letters before the current run are gathered as the word is walked, and "a letter
    // after it" is read off the last letter's index: recomputing both for each run made a long
    // word of many runs (`بـبـبـ...`) quadratic.
    let last_letter = chars.iter().rposition(|&c| is_letter(c));
    let mut letters_before = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != TATWEEL {
            if is_letter(chars[i]) {
                letters_before.push(chars[i]);
            }
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == TATWEEL {
            i += 1;
        }
        let run = i - start;
        let letter_after = last_letter.is_some_and(|l| l >= i);
        let keep = if letters_before.is_empty() || !letter_after || is_prefix(&letters_before) {
            1
        } else {
            0
        };
        if run > keep {
            changed = true;
            inside |= keep == 0;
        }
        for _ in 0..keep.min(run) {
            out.push(TATWEEL);
        }
    }
    changed.then_some((out, inside))
}

impl Rule for Tatweel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        for t in doc.tokens() {
            if t.kind != TokenKind::Arabic {
                continue;
            }
            let word = t.text(text);
            if !word.contains(TATWEEL) {
                continue;
            }
            if let Some((fixed, inside)) = undecorated(word) {
                out.push(
                    Diagnostic::new(
                        Self::META.id,
                        Self::META.default_severity,
                        t.span(),
                        format!("decorative tatweel (U+0640 ARABIC TATWEEL) in «{word}»"),
                    )
                    .with_suggestions(
                        vec![fixed],
                        if inside {
                            Applicability::Safe
                        } else {
                            Applicability::Unsafe
                        },
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn removes_decorative_tatweel() {
        let d = lint_rule("tatweel", "تعلم اللغة العـــربية في المدرسة");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, "العـــربية");
        assert_eq!(d[0].2, vec!["العربية"]);
        let d = lint_rule("tatweel", "مرحبـا بكم");
        assert_eq!(d[0].2, vec!["مرحبا"]);
        let d = lint_rule("tatweel", "التي تعرف اختصاراً بـــNATO");
        assert_eq!(d[0].2, vec!["بـ"]);
        // Inside a word the fix is safe; a run after a prefix is only shortened, for a human.
        use crate::diagnostic::Applicability;
        assert_eq!(d[0].0.applicability, Applicability::Unsafe);
        let d = lint_rule("tatweel", "يتجاوز عمره الــ 200 عام، واللغة العـــربية");
        assert_eq!(d[0].0.applicability, Applicability::Unsafe);
        assert_eq!(d[1].0.applicability, Applicability::Safe);
    }

    #[test]
    fn prefixes_and_abbreviations_stay_silent() {
        for text in [
            "التي تعرف اختصاراً بـ(NTM-I) التي بدأت فعلياً",
            "أكثر من الـ5 آلاف ضابط",
            "في عام 1436هـ صدر القرار",
            "ضمير الغائبة ـها في آخر الكلمة",
        ] {
            let d = lint_rule("tatweel", text);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }
}
