//! `tadqiq/consistency`: one document spelling the same word two accepted ways.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::keymap::{self, k};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::Verdict;

crate::declare_rule! {
    /// Flags the minority spelling when one document writes the same word two ways that are
    /// both accepted: a loanword with and without the hamza on its first alef
    /// (`الاستراتيجي` / `الإستراتيجي`), or a transliteration with and without a long vowel or with
    /// another letter for a foreign sound (`الأوروبية` / `الأوربية`, `أمريكا` / `أميركا`: the
    /// pairs are listed in `dictionaries/rules/variants.tsv`). Neither spelling is wrong, which
    /// is why nothing is flagged when a document sticks to one; mixing them looks careless.
    ///
    /// Each occurrence of the less used form is flagged, with the document's majority form as
    /// the suggestion (on a tie, the form more frequent in general use).
    ///
    /// Example: a text with `الاتحاد الأوروبي` twice and `الدول الأوربية` once → `الأوروبية`.
    pub struct Consistency;
    id: "consistency", severity: Warning, summary: "one word spelled two accepted ways in one document";
}

/// Shortest word (letters) considered: short words have too many real neighbours.
const MIN_LETTERS: usize = 6;

/// The listed variant pairs as keys: (canonical part, variant part).
fn variants() -> &'static [(Vec<u8>, Vec<u8>)] {
    static V: OnceLock<Vec<(Vec<u8>, Vec<u8>)>> = OnceLock::new();
    V.get_or_init(|| {
        include_str!("../../../../dictionaries/rules/variants.tsv")
            .lines()
            .filter_map(|l| {
                let l = l.split('#').next()?.trim();
                let mut f = l.split('\t').map(str::trim);
                Some((keymap::encode(f.next()?)?, keymap::encode(f.next()?)?))
            })
            .collect()
    })
}

/// Are `a` and `b` one word in two listed spellings (`dictionaries/rules/variants.tsv`): `b` is
/// `a` with one listed part replaced by its partner (`بحوالى` / `بحوالي`, `أمريكا` / `أميركا`)?
/// A rule that would suggest one for the other suggests nothing: neither is wrong.
pub fn listed_variants(a: &[u8], b: &[u8]) -> bool {
    let swapped = |from: &[u8], to: &[u8]| {
        find(a, from).is_some_and(|i| {
            a.len() - from.len() + to.len() == b.len()
                && b[..i] == a[..i]
                && b[i..i + to.len()] == *to
                && b[i + to.len()..] == a[i + from.len()..]
        })
    };
    a != b
        && variants()
            .iter()
            .any(|(c, v)| swapped(c, v) || swapped(v, c))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The key two variant spellings share: listed variant parts replaced by their canonical part,
/// and a hamza below on the first alef of the word (after its clitics) taken off.
fn canonical(key: &[u8]) -> Vec<u8> {
    let mut c = key.to_vec();
    for (canon, variant) in variants() {
        // The longer part first, so that a variant containing its canonical part is not undone.
        if find(&c, canon).is_some() {
            continue;
        }
        if let Some(i) = find(&c, variant) {
            c.splice(i..i + variant.len(), canon.iter().copied());
        }
    }
    // Within the clitics' reach (وبال = 4 letters), the first إ.
    if let Some(p) = c.iter().take(5).position(|&b| b == k::ALEF_HAMZA_BELOW) {
        c[p] = k::ALEF;
    }
    c
}

impl Rule for Consistency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // canonical key → (surface key → word indices)
        // Each distinct word once: its occurrences, then its canonical form.
        let mut forms: FxHashMap<&[u8], Vec<usize>> = FxHashMap::default();
        for (i, w) in cx.doc.words().iter().enumerate() {
            let key = cx.doc.key(w);
            if w.glued || key.len() < MIN_LETTERS || *cx.analysis.verdict(i) != Verdict::Known {
                continue;
            }
            forms.entry(key).or_default().push(i);
        }
        let mut groups: FxHashMap<Vec<u8>, FxHashMap<&[u8], Vec<usize>>> = FxHashMap::default();
        for (key, at) in forms {
            groups.entry(canonical(key)).or_default().insert(key, at);
        }
        for forms in groups.values().filter(|f| f.len() > 1) {
            let mut ranked: Vec<(&[u8], &Vec<usize>)> =
                forms.iter().map(|(k, v)| (*k, v)).collect();
            ranked.sort_by(|a, b| {
                b.1.len()
                    .cmp(&a.1.len())
                    .then(cx.dict.zipf(b.0).total_cmp(&cx.dict.zipf(a.0)))
                    .then(a.0.cmp(b.0))
            });
            let (major, major_at) = ranked[0];
            let major_text = keymap::decode(major);
            for (_, at) in &ranked[1..] {
                for &i in at.iter() {
                    let w = &cx.doc.words()[i];
                    let word = cx.doc.word_text(w);
                    out.push(
                        Diagnostic::new(
                            Self::META.id,
                            Self::META.default_severity,
                            cx.doc.word_span(w),
                            format!(
                                "«{word}» is spelled «{major_text}» elsewhere in this text ({} times)",
                                major_at.len()
                            ),
                        )
                        .with_suggestions(vec![major_text.clone()], Applicability::Unsafe)
                        .with_note("both spellings are accepted; one text should use one"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn listed_variants_swap_one_listed_part() {
        let k = |w: &str| crate::keymap::encode(w).unwrap();
        assert!(super::listed_variants(&k("بحوالى"), &k("بحوالي")));
        assert!(super::listed_variants(&k("أمريكا"), &k("أميركا")));
        assert!(!super::listed_variants(&k("مستوي"), &k("مستوى")));
        assert!(!super::listed_variants(&k("أمريكا"), &k("أمريكا")));
    }

    #[test]
    fn flags_the_minority_spelling() {
        let text = "عقد الاتحاد الأوروبي قمة، وقال رئيس المفوضية الأوروبية إن الدول الأوربية متفقة.";
        let d = lint_rule("consistency", text);
        let got: Vec<_> = d.iter().map(|d| (d.1.as_str(), d.2[0].as_str())).collect();
        assert_eq!(got, vec![("الأوربية", "الأوروبية")]);
    }

    #[test]
    fn folds_the_hamza_of_a_loanword() {
        let text = "ناقش الطرفان التعاون الاستراتيجي، وأكدا أن التعاون الاستراتيجي يخدم الشراكة، \
                    وأن الحوار الإستراتيجي مستمر.";
        let d = lint_rule("consistency", text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].2[0], "الاستراتيجي");
    }

    #[test]
    fn one_spelling_throughout_is_fine() {
        assert!(lint_rule(
            "consistency",
            "الاتحاد الأوروبي والدول الأوروبية والمفوضية الأوروبية"
        )
        .is_empty());
        // Different words that differ by a hamza are not variants: flags and media.
        assert!(lint_rule("consistency", "رفع المتظاهرون الأعلام أمام مبنى وزارة الإعلام").is_empty());
    }
}
