//! `tadqiq/confusion`: a real word where the context calls for another.

use crate::diagnostic::Diagnostic;
use crate::rules::report::report_realword;
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::edits::EditClass;
use crate::spell::realword::Relation;

crate::declare_rule! {
    /// Flags a correctly spelled word that does not fit its context when the word with a letter
    /// doubled back, or its pair in the confusion list (`dictionaries/rules/confusions.tsv`: ض/ظ
    /// and other sound-alikes, صفة/صفحة), fits it far better:
    /// the neighbouring words have been seen with the other word and never with this one, and a
    /// bigram model of Arabic finds the other word at least a thousand times likelier here
    /// (a hundred for a doubled letter). Names are never corrected.
    ///
    /// Hamza, ة/ه and ى/ي mix-ups between real words have rules of their own (`tadqiq/hamza`,
    /// `tadqiq/taa-marbuta`, `tadqiq/alef-maqsura`), which use the same model.
    ///
    /// Example: `مع رئيس الجنة العسكرية` → `مع رئيس اللجنة العسكرية`;
    /// `منح العراق صفحة عضو` → `منح العراق صفة عضو`.
    pub struct Confusion;
    id: "confusion", severity: Warning, summary: "a real word where the context calls for another";
}

impl Rule for Confusion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_realword(
            cx,
            &Self::META,
            |r| {
                !matches!(
                    r,
                    Relation::Edit(
                        EditClass::Hamza | EditClass::TaaMarbuta | EditClass::AlefMaqsura
                    )
                )
            },
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn flags_the_word_the_context_rejects() {
        let d = lint_rule(
            "confusion",
            "التقى مستشار الأمن القومي مع رئيس الجنة العسكرية في الحلف",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].1.as_str(), d[0].2[0].as_str()), ("الجنة", "اللجنة"));
    }

    #[test]
    fn near_miss_stays_silent() {
        assert!(lint_rule("confusion", "وعد الله المؤمنين الجنة ونعيمها").is_empty());
    }
}
