//! `tadqiq/hamza`: a missing or wrong hamza on a word no dictionary knows.

use crate::diagnostic::Diagnostic;
use crate::rules::report::{report_misspelled, report_realword};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::realword::Relation;
use crate::spell::{drops_seated_hamza, removes_hamza_from_alef, EditClass};

crate::declare_rule! {
    /// Flags a word that no dictionary knows when putting its hamza right gives a known word that is
    /// frequent and far more frequent than it: `اخبار` → `أخبار`, `الاسبوع` → `الأسبوع`,
    /// `مسئولية`-type seat variants are accepted where the lexicon has them.
    ///
    /// Example: `اخبار العراق` → `أخبار العراق`.
    pub struct Hamza;
    id: "hamza", severity: Error, summary: "a missing or wrong hamza on a word no dictionary knows";
    folds: true;
}

impl Rule for Hamza {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_misspelled(
            cx,
            &Self::META,
            |key, fix| {
                fix.class == EditClass::Hamza
                    && !removes_hamza_from_alef(key, &fix.key)
                    && !drops_seated_hamza(key, &fix.key)
            },
            out,
        );
        report_realword(
            cx,
            &Self::META,
            |r| r == Relation::Edit(EditClass::Hamza),
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn flags_and_fixes() {
        let d = lint_rule("hamza", "اخبار العراق");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "أخبار");
    }

    #[test]
    fn a_hamza_written_on_its_seat_is_meant() {
        // A name: the fix would take the hamza off `نائف`.
        assert!(lint_rule("hamza", "وقال نائف البكري").is_empty());
        // A hamza left off is still a slip next to them.
        let d = lint_rule("hamza", "وقال نائف البكري ان الاجتماع");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "أن");
        // A hamza on the wrong seat is still a slip.
        let d = lint_rule("hamza", "عبر عن تفائله بالنتائج");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "تفاؤله");
        let d = lint_rule("hamza", "هذه مسئلة مهمة");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "مسألة");
    }
}
