//! `tadqiq/taa-marbuta`: final ه written for ة (or the reverse).

use crate::diagnostic::Diagnostic;
use crate::rules::report::{report_misspelled, report_realword};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::realword::Relation;
use crate::spell::EditClass;

crate::declare_rule! {
    /// Flags a word ending in ه that no dictionary knows when ة gives a frequent known word (and the
    /// reverse): `الدوله` → `الدولة`, `الشرطه` → `الشرطة`.
    ///
    /// Example: `رجال الشرطه` → `رجال الشرطة`.
    pub struct TaaMarbuta;
    id: "taa-marbuta", severity: Error, summary: "final ه written for ة (or the reverse)";
    folds: true;
}

impl Rule for TaaMarbuta {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_misspelled(
            cx,
            &Self::META,
            |_, fix| fix.class == EditClass::TaaMarbuta,
            out,
        );
        report_realword(
            cx,
            &Self::META,
            |r| r == Relation::Edit(EditClass::TaaMarbuta),
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn flags_and_fixes() {
        let d = lint_rule("taa-marbuta", "رجال الشرطه");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "الشرطة");
    }
}
