//! `tadqiq/hamza`: a missing or wrong hamza on a word no dictionary knows.

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::realword::Relation;
use crate::spell::{removes_hamza_from_alef, report_misspelled, report_realword, EditClass};

crate::declare_rule! {
    /// Flags a word that no dictionary knows when putting its hamza right gives a known word that is
    /// frequent and far more frequent than it: `اخبار` → `أخبار`, `الاسبوع` → `الأسبوع`,
    /// `مسئولية`-type seat variants are accepted where the lexicon has them.
    ///
    /// Example: `اخبار العراق` → `أخبار العراق`.
    pub struct Hamza;
    id: "hamza", severity: Error, summary: "a missing or wrong hamza on a word no dictionary knows";
}

impl Rule for Hamza {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_misspelled(
            cx,
            &Self::META,
            |key, fix| fix.class == EditClass::Hamza && !removes_hamza_from_alef(key, &fix.key),
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
}
