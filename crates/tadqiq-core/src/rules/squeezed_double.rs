//! `tadqiq/squeezed-double`: a text that lost its doubled letters, and the words it damaged.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::keymap::{self, k};
use crate::rules::{Context, Rule, RuleMeta};
use crate::spell::context::Lm;
use crate::spell::{neighbours, EditClass, Verdict};

crate::declare_rule! {
    /// Some pipelines squeeze every doubled letter of a text into one: `اللقاء` becomes `القاء`,
    /// `المؤسسات` becomes `المؤسات`, and also real words turn into other real words: `اللجنة`
    /// into `الجنة`, `يعزز` into `يعز`, `للتعاون` into `لتعاون`. A dictionary cannot see the
    /// second kind, but the document gives itself away: normal Arabic prose has a doubled letter
    /// in 2–6% of its words (`لل`, `تت`, `يي`...), a squeezed one has none, and several of its
    /// unknown words read right with a letter doubled back.
    ///
    /// When a document shows that signal (at least 100 words, fewer than 0.3% with a doubled
    /// letter, and at least two unknown words fixed by doubling a letter), this rule reports it
    /// once, then flags each word that a bigram language model finds likelier, in its context,
    /// with one or two letters doubled back (or, after the article, with the sun letter that a
    /// shadda doubled: `النسيق` → `التنسيق`). Outside such a document it says nothing.
    ///
    /// Example (in a squeezed text): `مع رئيس الجنة العسكرية` → `مع رئيس اللجنة العسكرية`.
    pub struct SqueezedDouble;
    id: "squeezed-double", severity: Warning, summary: "a text that lost its doubled letters, and the real words it damaged";
    folds: true;
}

/// Minimum words for the document signal.
const MIN_WORDS: usize = 100;
/// Doubled-letter words per thousand below which a text looks squeezed.
const MAX_DOUBLED_PER_MILLE: usize = 3;
/// Unknown words fixed by a squeeze needed to confirm the signal.
const MIN_SQUEEZE_FIXES: usize = 2;
/// How much likelier (log10) in context the re-doubled word must be. In a squeezed text every
/// word that had a doubled letter lost it, so the observed word is the squeezed image of the
/// re-doubled one whenever that one is likelier: the Bayes decision is any gain above zero.
const MIN_GAIN: f64 = 0.0;
/// A re-doubled word must be at least this frequent (zipf).
const MIN_ZIPF: f32 = 2.0;

/// Letters that assimilate the article's lam (a shadda doubles them after `ال`).
const SUN_LETTERS: &str = "تثدذرزسشصضطظلن";

/// Is the document squeezed? Returns (words, doubled-letter words, squeeze fixes) when it is.
pub fn squeezed_signal(cx: &Context<'_>) -> Option<(usize, usize, usize)> {
    let (mut n, mut doubled, mut fixes) = (0, 0, 0);
    for (i, w) in cx.doc.words().iter().enumerate() {
        let key = cx.doc.key(w);
        if w.glued || key.len() < 2 {
            continue;
        }
        n += 1;
        if key.windows(2).any(|p| p[0] == p[1]) {
            doubled += 1;
        }
        if let Verdict::Misspelled { candidates, .. } = cx.analysis.verdict(i) {
            if candidates[0].class == EditClass::Squeeze {
                fixes += 1;
            }
        }
    }
    (n >= MIN_WORDS && doubled * 1000 < n * MAX_DOUBLED_PER_MILLE && fixes >= MIN_SQUEEZE_FIXES)
        .then_some((n, doubled, fixes))
}

/// Keys with one or two letters doubled back, or a sun letter restored after the article.
fn redoublings(key: &[u8], out: &mut Vec<Vec<u8>>) {
    let doublable = |b: u8| {
        !keymap::is_alef_form(b) && !matches!(b, k::TEH_MARBUTA | k::ALEF_MAKSURA | k::HAMZA)
    };
    let n = key.len();
    for i in 0..n {
        if !doublable(key[i]) {
            continue;
        }
        let mut one = key[..=i].to_vec();
        one.extend_from_slice(&key[i..]);
        for j in i + 2..one.len() {
            if doublable(one[j]) {
                let mut two = one[..=j].to_vec();
                two.extend_from_slice(&one[j..]);
                out.push(two);
            }
        }
        out.push(one);
    }
    // The article, possibly after و/ف/ب/ك: insert a sun letter right after it.
    for p in 0..=2.min(n.saturating_sub(3)) {
        if key[p..].starts_with(&[k::ALEF, k::LAM])
            && key[..p]
                .iter()
                .all(|b| matches!(*b, k::WAW | k::FEH | k::BEH | k::KAF))
        {
            for c in SUN_LETTERS.chars() {
                let b = keymap::letter_byte(c).expect("sun letters are letters");
                let mut v = key[..p + 2].to_vec();
                v.push(b);
                v.extend_from_slice(&key[p + 2..]);
                out.push(v);
            }
        }
    }
}

impl Rule for SqueezedDouble {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some((n, doubled, fixes)) = squeezed_signal(cx) else {
            return;
        };
        let lm = Lm::new(cx.dict);
        let mut found = Vec::new();
        let mut cands = Vec::new();
        for (i, w) in cx.doc.words().iter().enumerate() {
            let key = cx.doc.key(w);
            if w.glued
                || key.len() < 2
                || matches!(cx.analysis.verdict(i), Verdict::Misspelled { .. })
            {
                continue;
            }
            let (prev, next) = neighbours(cx.doc, i);
            let own = lm.evidence(prev, key, next).score;
            cands.clear();
            redoublings(key, &mut cands);
            let best = cands
                .iter()
                .filter(|c| cx.dict.in_lexicon(c) && cx.dict.zipf(c) >= MIN_ZIPF)
                .map(|c| (lm.evidence(prev, c, next).score, c))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((score, c)) = best {
                if score - own > MIN_GAIN {
                    found.push((i, keymap::decode(c)));
                }
            }
        }
        let Some(&(first, _)) = found.first() else {
            return;
        };
        let first_span = cx.doc.word_span(&cx.doc.words()[first]);
        out.push(
            Diagnostic::new(
                Self::META.id,
                Severity::Info,
                first_span,
                format!(
                    "this text has lost its doubled letters: {doubled} of its {n} words has one, \
                     {fixes} unknown words read right with a letter doubled back, and {} more words \
                     are likelier so",
                    found.len()
                ),
            )
            .with_note("check the pipeline that produced it; the words are flagged one by one"),
        );
        for (i, fix) in found {
            let w = &cx.doc.words()[i];
            let word = cx.doc.word_text(w);
            out.push(
                Diagnostic::new(
                    Self::META.id,
                    Self::META.default_severity,
                    cx.doc.word_span(w),
                    format!("«{word}» probably lost a doubled letter in this text: «{fix}»?"),
                )
                .with_suggestions(vec![fix], Applicability::Unsafe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::lint_rule;

    #[test]
    fn redoubles_one_or_two_letters_and_restores_sun_letters() {
        let mut v = Vec::new();
        redoublings(&keymap::encode("لخط").unwrap(), &mut v);
        let texts: Vec<String> = v.iter().map(|k| keymap::decode(k)).collect();
        assert!(texts.contains(&"للخطط".to_string()), "{texts:?}");
        v.clear();
        redoublings(&keymap::encode("النسيق").unwrap(), &mut v);
        assert!(v.iter().any(|k| keymap::decode(k) == "التنسيق"));
    }

    /// A squeezed paragraph, written for this test in the manner of a news report: every
    /// doubled letter is written once.
    const SQUEEZED: &str =
        "التقى وزير الخارجية مع رئيس الجنة المالية في البرلمان لبحث سبل تعزيز التعاون \
        بين البلدين. وقال البيان إن القاء تناول الملفات المشتركة، وأكد الجانبان أهمية دعم المؤسات \
        الرسمية لتحقيق الاستقرار والتنمية، وأشار إلى أن الحكومة تعمل على تطوير القطاعات الحيوية \
        وتوفير فرص العمل لشباب في مختلف المناطق. وأضاف الوزير أن بلاده ماضية في الإصلاحات \
        الاقتصادية وأن الحوار مع الشركاء الدولين مستمر من أجل مستقبل أفضل لشعوب المنطقة، وأن \
        الجانبين اتفقا على عقد اجتماعات دورية لمتابعة تنفيذ ما تم الاتفاق عليه خلال القاء، \
        ومواصلة العمل المشترك في مجالات الطاقة والتعليم والصحة والنقل والاتصالات والزراعة. \
        كما ناقش الطرفان سبل مكافحة الإرهاب وتبادل المعلومات الأمنية بين الأجهزة المختصة في البلدين.";

    #[test]
    fn flags_real_words_in_a_squeezed_text() {
        let d = lint_rule("squeezed-double", SQUEEZED);
        let fixes: Vec<(&str, &str)> = d
            .iter()
            .filter(|d| !d.2.is_empty())
            .map(|d| (d.1.as_str(), d.2[0].as_str()))
            .collect();
        assert!(fixes.contains(&("الجنة", "اللجنة")), "{fixes:?}");
        assert!(
            d.iter().any(|d| d.0.severity == Severity::Info),
            "the document is reported once"
        );
    }

    #[test]
    fn silent_on_normal_text() {
        // The same report with its doubled letters intact: no signal, nothing flagged.
        let normal = SQUEEZED
            .replace("الجنة", "اللجنة")
            .replace("القاء", "اللقاء")
            .replace("المؤسات", "المؤسسات")
            .replace("الدولين", "الدوليين");
        assert!(lint_rule("squeezed-double", &normal).is_empty());
    }
}
