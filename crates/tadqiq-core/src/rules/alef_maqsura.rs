//! `tadqiq/alef-maqsura`: final ي written for ى (or the reverse).

use crate::diagnostic::Diagnostic;
use crate::rules::report::{report_misspelled, report_realword};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::realword::Relation;
use crate::spell::EditClass;

crate::declare_rule! {
    /// Flags a word ending in ي that no dictionary knows when ى gives a frequent known word (and the
    /// reverse): `مستوي` → `مستوى`, `متي` → `متى`.
    ///
    /// Example: `على مستوي عال` → `على مستوى عال`.
    pub struct AlefMaqsura;
    id: "alef-maqsura", severity: Error, summary: "final ي written for ى (or the reverse)";
    folds: true;
}

impl Rule for AlefMaqsura {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_misspelled(
            cx,
            &Self::META,
            |_, fix| fix.class == EditClass::AlefMaqsura,
            out,
        );
        report_realword(
            cx,
            &Self::META,
            |r| r == Relation::Edit(EditClass::AlefMaqsura),
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn flags_and_fixes() {
        let d = lint_rule("alef-maqsura", "على مستوي عال");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "مستوى");
    }

    #[test]
    fn a_listed_variant_is_no_slip() {
        // `حوالى` and `حوالي` are both accepted (`dictionaries/rules/variants.tsv`).
        assert!(lint_rule("alef-maqsura", "قتل في الانفجار حوالى عشرين شخصا").is_empty());
        assert!(lint_rule("alef-maqsura", "ارتفعت الأسعار بحوالى عشرة في المائة").is_empty());
    }
}
