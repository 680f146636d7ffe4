//! `tadqiq/missing-space`: two words written without the space between them.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::{glued_words, Verdict, MIN_RECURRENCE_MEANT};

crate::declare_rule! {
    /// Flags a word no dictionary knows that is two words written without the space between
    /// them: `لايعمل` → `لا يعمل`, `مايكفيها` → `ما يكفيها`, `استمرارالنظام` → `استمرار النظام`.
    /// A particle and a word must be a pair common in the bigram model's texts; in a word
    /// nobody writes, a pair seen a few times will do, or two common words (the second with
    /// the article, or both of four letters or more; not `عبد` or `أبو` of a compound name).
    /// Only one way to split the word may pass, and a split on the weaker evidence that recurs
    /// in the text is taken for a name; names and loanwords seldom pass.
    ///
    /// Example: `لايعمل الجهاز` → `لا يعمل الجهاز`.
    pub struct MissingSpace;
    id: "missing-space", severity: Warning, summary: "two words written without the space between them";
    folds: true;
}

impl Rule for MissingSpace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let words = cx.doc.words();
        // How often each word is written, counted on first need.
        let mut counts = None;
        for (i, w) in words.iter().enumerate() {
            if *cx.analysis.verdict(i) != Verdict::Unknown {
                continue;
            }
            let key = cx.doc.key(w);
            let Some((at, strong)) = glued_words(cx.dict, key) else {
                continue;
            };
            // Found on the weaker evidence (two words in use, a word nobody writes), a split
            // written again in the text is a name (`أوليفيروس`), as a recurring unknown word is.
            if !strong {
                let counts = counts.get_or_insert_with(|| {
                    let mut m: rustc_hash::FxHashMap<&[u8], u32> = Default::default();
                    for x in words.iter().filter(|x| !x.glued) {
                        *m.entry(cx.doc.key(x)).or_default() += 1;
                    }
                    m
                });
                if counts.get(key).copied().unwrap_or(0) >= MIN_RECURRENCE_MEANT {
                    continue;
                }
            }
            let word = cx.doc.word_text(w);
            // The split in the written word: after the `at`-th letter (keys are a byte a letter,
            // and the written word may carry marks the key drops).
            let Some(split) = nth_letter_end(word, at) else {
                continue;
            };
            let fixed = format!("{} {}", &word[..split], &word[split..]);
            out.push(
                Diagnostic::new(
                    Self::META.id,
                    Self::META.default_severity,
                    cx.doc.word_span(w),
                    format!("«{word}» is two words without a space: «{fixed}»"),
                )
                .with_suggestions(vec![fixed], Applicability::Unsafe),
            );
        }
    }
}

/// The byte offset in `word` just after its `n`-th letter (marks and tatweel are not letters).
fn nth_letter_end(word: &str, n: usize) -> Option<usize> {
    let mut letters = 0;
    for (i, c) in word.char_indices() {
        if crate::keymap::letter_byte(c).is_some() {
            letters += 1;
            if letters == n {
                // Keep the marks that follow the letter with it.
                let rest = &word[i + c.len_utf8()..];
                let marks = rest
                    .char_indices()
                    .find(|(_, c)| crate::keymap::letter_byte(*c).is_some())
                    .map_or(rest.len(), |(j, _)| j);
                return Some(i + c.len_utf8() + marks);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn splits_two_words_written_as_one() {
        let d = lint_rule("missing-space", "قال إن الجهاز لايعمل منذ أسبوع");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2, vec!["لا يعمل"]);
    }

    #[test]
    fn splits_a_particle_glued_to_its_word_though_web_text_has_it_now_and_then() {
        // `مايكفيها` is listed by wordfreq (zipf 1.36): rare in use, as a slip is.
        let d = lint_rule("missing-space", "لا تنتج الدول النامية من الغذاء مايكفيها");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2, vec!["ما يكفيها"]);
    }

    #[test]
    fn splits_two_common_words_in_a_word_nobody_writes() {
        let d = lint_rule(
            "missing-space",
            "ضمن مشروع ترقية أنظمة الشبكة لضمان استمرارالنظام",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2, vec!["استمرار النظام"]);
        // A compound name written joined by custom.
        assert!(lint_rule("missing-space", "وقال الدكتور خالد أبوحكمة").is_empty());
    }

    /// A name cut into two words by chance (`أولي` + `فيروس`) recurs in its text; a slip of
    /// the space bar seldom does.
    #[test]
    fn a_weakly_split_word_that_recurs_is_a_name() {
        let one = "وأشار أسدروبال أوليفيروس مدير المكتب إلى الأرقام.";
        assert_eq!(lint_rule("missing-space", one).len(), 1);
        let twice = format!("{one} وأكد أوليفيروس أن الحكومة لم تحصل على شيء.");
        assert!(lint_rule("missing-space", &twice).is_empty());
    }

    #[test]
    fn leaves_names_and_known_words_alone() {
        assert!(lint_rule("missing-space", "التقى الأدميرال كافو دراكوني بالوفد").is_empty());
        assert!(lint_rule("missing-space", "لا يعمل الجهاز منذ أسبوع").is_empty());
    }
}
