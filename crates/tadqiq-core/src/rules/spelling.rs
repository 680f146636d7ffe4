//! `tadqiq/spelling`: unknown words with a confident fix.

use crate::diagnostic::Diagnostic;
use crate::rules::report::report_misspelled;
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::EditClass;

crate::declare_rule! {
    /// Flags a word that no dictionary knows when a cheap, Arabic-typical edit turns it into a
    /// known word that is frequent and far more frequent than it: a doubled letter written once
    /// (`القاء` → `اللقاء`, `المؤسات` → `المؤسسات`), a dropped letter (`التدريبة` →
    /// `التدريبية`, `بروتكولات` → `بروتوكولات`), two letters swapped in a word of five letters
    /// or more (`الإسلام المتعدل` → `المعتدل`). Clitics are kept (`والقاءات` → `واللقاءات`).
    /// A dropped consonant or a swap is reported only where a neighbouring word is seen with the
    /// fix: names look like that too.
    ///
    /// Words the dictionary does not know and that have no such fix (names, acronyms, new
    /// words) are not reported here; see `tadqiq/unknown-word`. Hamza, ة/ه and ى/ي fixes have
    /// rules of their own.
    ///
    /// Example: `تطرق القاء إلى التحديات` → `تطرق اللقاء إلى التحديات`.
    pub struct Spelling;
    id: "spelling", severity: Error, summary: "misspelled words: a doubled, dropped or swapped letter";
}

impl Rule for Spelling {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_misspelled(
            cx,
            &Self::META,
            |_, fix| {
                matches!(
                    fix.class,
                    EditClass::Squeeze
                        | EditClass::Insert
                        | EditClass::Transpose
                        | EditClass::Delete
                        | EditClass::Substitute
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
    fn restores_squeezed_and_dropped_letters() {
        let d = lint_rule("spelling", "تطرق القاء إلى التحديات بين المؤسات.");
        let got: Vec<_> = d
            .iter()
            .map(|d| (d.1.as_str(), d.2.first().map(String::as_str)))
            .collect();
        assert_eq!(
            got,
            vec![("القاء", Some("اللقاء")), ("المؤسات", Some("المؤسسات"))]
        );
        let d = lint_rule("spelling", "من البعثة التدريبة التي تعرف");
        assert_eq!(d[0].2[0], "التدريبية");
    }

    #[test]
    fn keeps_clitics_in_the_fix() {
        let d = lint_rule("spelling", "عبر الحوار والقاءات المستمرة");
        assert_eq!(d[0].2[0], "واللقاءات");
    }

    #[test]
    fn stays_silent_on_names_and_correct_text() {
        let text = "قال الأمين العام لحلف الناتو ينس ستولتنبرغ في أربيل إن داعش";
        assert!(lint_rule("spelling", text).is_empty());
        assert!(lint_rule("spelling", "حيث دُرِّب أكثر من ألف ضابط في البعثة المُوسَّعة").is_empty());
    }

    #[test]
    fn fixes_swapped_letters_where_the_context_backs_it() {
        let d = lint_rule("spelling", "يدعو إلى نشر الإسلام المتعدل بين الشباب");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "المعتدل");
        assert!(lint_rule("spelling", "يدعو إلى نشر الإسلام المعتدل بين الشباب").is_empty());
    }

    /// The lexicon allows an interrogative hamza on any word (`أمزيد`): such a reading, never
    /// seen in use, does not make `امزيد` ambiguous.
    #[test]
    fn a_reading_never_seen_in_use_is_no_rival() {
        let d = lint_rule("spelling", "لمعرفة امزيد من التفاصيل");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "المزيد");
        assert!(lint_rule("spelling", "لمعرفة المزيد من التفاصيل").is_empty());
    }
}
