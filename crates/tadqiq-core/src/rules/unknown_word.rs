//! `tadqiq/unknown-word`: words no dictionary knows and that have no confident fix (a hint).

use rustc_hash::FxHashMap;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::{suggest, Candidate, Verdict};

crate::declare_rule! {
    /// Notes a word that neither the lexicon, the names list nor the project's word list knows,
    /// and that no cheap edit turns into a much more frequent word. Most such words in news are
    /// names, acronyms and new coinages (`ستولتنبرغ`, `رومانوسكي`), so this is a `hint`: hidden
    /// unless asked for with `--show-hints`, and never counted as a finding.
    ///
    /// Add words that belong to your project to its word list (see Configuration) to silence it.
    ///
    /// Example: `قال رومانوسكي` → hint: «رومانوسكي» is not in the dictionary.
    pub struct UnknownWord;
    id: "unknown-word", severity: Hint, summary: "words not in any dictionary (hint, hidden by default)";
}

impl Rule for UnknownWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Names repeat through a text: search each distinct word's suggestions once.
        let mut cache: FxHashMap<&[u8], Vec<String>> = FxHashMap::default();
        for (i, w) in cx.doc.words().iter().enumerate() {
            if *cx.analysis.verdict(i) != Verdict::Unknown {
                continue;
            }
            let word = cx.doc.word_text(w);
            let key = cx.doc.key(w);
            let sugg = cache
                .entry(key)
                .or_insert_with(|| {
                    suggest(cx.dict, key, 3)
                        .iter()
                        .map(Candidate::text)
                        .collect()
                })
                .clone();
            out.push(
                Diagnostic::new(
                    Self::META.id,
                    Self::META.default_severity,
                    cx.doc.word_span(w),
                    format!("«{word}» is not in the dictionary"),
                )
                .with_suggestions(sugg, Applicability::Manual),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn hints_at_unknown_words_only() {
        let d = lint_rule("unknown-word", "التقى الأدميرال كافو دراكوني بالوفد");
        let words: Vec<_> = d.iter().map(|d| d.1.as_str()).collect();
        assert!(words.contains(&"دراكوني"), "{words:?}");
        assert!(!words.contains(&"التقى") && !words.contains(&"بالوفد"));
    }
}
