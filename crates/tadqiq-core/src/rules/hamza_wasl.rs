//! `tadqiq/hamza-wasl`: a hamzat wasl written as a hamzat qat' (`الإستثمار` for `الاستثمار`).

use crate::diagnostic::Diagnostic;
use crate::rules::report::report_misspelled;
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::{hamzat_wasl_fix, EditClass};

crate::declare_rule! {
    /// Flags a word written with `أ` or `إ` where Arabic has a hamzat wasl, a plain `ا`: the
    /// masdars and imperatives of the derived verb forms (`إنتشار` → `انتشار`, `الإقتصاد` →
    /// `الاقتصاد`, `الإستثمار` → `الاستثمار`) and a few nouns (`إسم` → `اسم`). The word is one no
    /// dictionary knows, and the form without the hamza is known and far more frequent.
    ///
    /// Loanwords where both spellings are accepted (`استراتيجية`/`إستراتيجية`) are in the
    /// dictionary either way and are not flagged.
    ///
    /// Example: `جذب الإستثمار الأجنبي` → `جذب الاستثمار الأجنبي`.
    pub struct HamzaWasl;
    id: "hamza-wasl", severity: Error, summary: "a hamzat wasl written with a hamza (إ/أ for ا)";
    folds: true;
}

impl Rule for HamzaWasl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report_misspelled(
            cx,
            &Self::META,
            |key, fix| fix.class == EditClass::Hamza && hamzat_wasl_fix(cx.dict, key, &fix.key),
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn takes_the_hamza_off_a_hamzat_wasl() {
        let d = lint_rule(
            "hamza-wasl",
            "تسعى الحكومة إلى جذب الإستثمار الأجنبي ومنع إنتشار الفساد",
        );
        let got: Vec<_> = d.iter().map(|d| (d.1.as_str(), d.2[0].as_str())).collect();
        assert_eq!(got, vec![("الإستثمار", "الاستثمار"), ("إنتشار", "انتشار")]);
    }

    #[test]
    fn leaves_real_hamzas_and_accepted_loanwords_alone() {
        assert!(lint_rule("hamza-wasl", "أعلنت الوزارة إستراتيجية جديدة لإنتاج الطاقة").is_empty());
        // A missing hamza is the other rule's business.
        assert!(lint_rule("hamza-wasl", "اخبار العراق").is_empty());
    }
}
