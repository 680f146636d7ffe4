//! Real-word errors: a known word where context says another word was meant (`رئيس الجنة` for
//! `رئيس اللجنة`, `منح العراق صفحة عضو` for `صفة عضو`, `اضف تعليقك` for `أضف`).
//!
//! Candidates are the words one near-free edit away (tier 0 of the error model: a doubled letter,
//! hamza, ة/ه, ى/ي) and the confusion pairs listed in `dictionaries/rules/confusions.tsv`. A
//! candidate wins only when the bigram model finds it far likelier in this context *and* the
//! context has actually been seen with it while never with the word: a pair count of at least
//! [`MIN_PAIR_EVIDENCE`] on one side for the candidate, none on either side for the word. Names
//! are never corrected.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::dict::{Dictionary, Known};
use crate::document::Document;
use crate::keymap;
use crate::spell::context::Lm;
use crate::spell::edits::{for_each_edit, EditClass};
use crate::spell::{neighbours, Verdict, MIN_PAIR_EVIDENCE};

/// How the candidate relates to the word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Edit(EditClass),
    /// A pair from the confusion list.
    Listed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RealWordFix {
    pub key: Vec<u8>,
    pub relation: Relation,
    /// log10 gain of the candidate over the word in context.
    pub gain: f64,
}

impl RealWordFix {
    pub fn text(&self) -> String {
        keymap::decode(&self.key)
    }
}

/// Minimum log10 gain for a hamza restored on its bare seat (ا → أ/إ/آ, و → ؤ, ي → ئ).
pub const MIN_GAIN_HAMZA: f64 = 3.0;
/// Minimum log10 gain for ه → ة or ي ↔ ى between two real words: both endings make real words
/// (a pronoun, a passive), so the context must be overwhelming.
pub const MIN_GAIN_ENDING: f64 = 4.0;
/// Minimum log10 gain for a doubled letter between two real words (outside squeezed texts,
/// which `tadqiq/squeezed-double` handles).
pub const MIN_GAIN_SQUEEZE: f64 = 3.0;
/// Minimum log10 gain for a listed confusion.
pub const MIN_GAIN_OTHER: f64 = 3.0;
/// A candidate must be at least this frequent (zipf).
const MIN_ZIPF: f32 = 3.0;

/// The listed confusion pairs, both directions, by key.
fn listed() -> &'static HashMap<Vec<u8>, Vec<Vec<u8>>> {
    static L: OnceLock<HashMap<Vec<u8>, Vec<Vec<u8>>>> = OnceLock::new();
    L.get_or_init(|| {
        let mut m: HashMap<Vec<u8>, Vec<Vec<u8>>> = HashMap::new();
        for line in include_str!("../../dictionaries/rules/confusions.tsv").lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut f = line.split('\t').map(str::trim).filter(|s| !s.is_empty());
            let (Some(a), Some(b)) = (f.next(), f.next()) else {
                continue;
            };
            let (Some(a), Some(b)) = (keymap::encode(a), keymap::encode(b)) else {
                continue;
            };
            m.entry(a.clone()).or_default().push(b.clone());
            m.entry(b).or_default().push(a);
        }
        m
    })
}

/// Find the real-word errors of a document: for each word, the winning candidate, if any.
pub fn find(
    doc: &Document<'_>,
    dict: &Dictionary,
    verdicts: &[Verdict],
) -> Vec<Option<RealWordFix>> {
    let lm = Lm::new(dict);
    let words = doc.words();
    let mut out = vec![None; words.len()];
    // Candidate lists depend on the word only: computed once per distinct word.
    let mut cache: HashMap<&[u8], Vec<(Vec<u8>, Relation)>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if w.glued || verdicts[i] != Verdict::Known {
            continue;
        }
        let (prev, next) = neighbours(doc, i);
        if prev.is_none() && next.is_none() {
            continue;
        }
        let key = doc.key(w);
        let own = lm.evidence(prev, key, next);
        if own.left > 0 || own.right > 0 {
            continue; // the context has been seen with this word: it fits
        }
        let cands = cache.entry(key).or_insert_with(|| candidates(dict, key));
        let mut best: Option<RealWordFix> = None;
        for (c, relation) in cands.iter() {
            let e = lm.evidence(prev, c, next);
            if e.left.max(e.right) < MIN_PAIR_EVIDENCE {
                continue;
            }
            let gain = e.score - own.score;
            let min = match relation {
                Relation::Edit(EditClass::Squeeze) => MIN_GAIN_SQUEEZE,
                Relation::Edit(EditClass::Hamza) => MIN_GAIN_HAMZA,
                Relation::Edit(EditClass::TaaMarbuta | EditClass::AlefMaqsura) => MIN_GAIN_ENDING,
                _ => MIN_GAIN_OTHER,
            };
            if gain >= min && best.as_ref().is_none_or(|b| gain > b.gain) {
                best = Some(RealWordFix {
                    key: c.clone(),
                    relation: *relation,
                    gain,
                });
            }
        }
        out[i] = best;
    }
    out
}

/// Does `c` differ from `key` only by hamzas put on bare seats (ا → أ/إ/آ, و → ؤ, ي/ى → ئ)?
fn restores_hamza(key: &[u8], c: &[u8]) -> bool {
    use keymap::k;
    key.len() == c.len()
        && key.iter().zip(c).all(|(&a, &b)| {
            a == b
                || matches!(
                    (a, b),
                    (
                        k::ALEF,
                        k::ALEF_HAMZA_ABOVE | k::ALEF_HAMZA_BELOW | k::ALEF_MADDA
                    ) | (k::WAW, k::WAW_HAMZA)
                        | (k::YEH | k::ALEF_MAKSURA, k::YEH_HAMZA)
                        | (k::YEH, k::ALEF_MAKSURA)
                        | (k::ALEF_MAKSURA, k::YEH)
                )
        })
}

/// Known, frequent words one cheap edit away, and listed confusions. Empty for names.
fn candidates(dict: &Dictionary, key: &[u8]) -> Vec<(Vec<u8>, Relation)> {
    if key.len() < 3 || dict.known(key) != Some(Known::Lexicon) || dict.is_name(key) {
        return Vec::new();
    }
    let mut v: Vec<(Vec<u8>, Relation)> = Vec::new();
    // Tier 0 only: a dropped or extra letter between two real words is, in news text, far more
    // often a different word the writer meant (طالبات/طلبات, متراس/مترا) than a slip; such
    // pairs enter through the confusion list instead.
    for_each_edit(key, 0, &mut |c, class| {
        if c == key || v.iter().any(|(x, _)| x == c) {
            return;
        }
        match class {
            // Doubling the first letter changes the clitics (ل → لل, و → وو) or the verb form
            // (تذكرون → تتذكرون), both readings being grammatical: not a spelling question.
            EditClass::Squeeze if c[0] != key[0] || c[1] == c[0] && key[1] != key[0] => return,
            // ة written ه is the common slip; a final ة that reads as a pronoun ه (فرصة →
            // فرصه) is usually right as written.
            EditClass::TaaMarbuta if key.last() != Some(&keymap::k::HEH) => return,
            // Only a hamza put back on its bare seat. Swapping one hamza form for another
            // between real words (إن/أن after قال, الإفريقية/الأفريقية, الشئون/الشؤون) is a
            // matter of grammar or of an accepted variant, not a slip.
            EditClass::Hamza if !restores_hamza(key, c) => return,
            _ => {}
        }
        if dict.in_lexicon(c) && dict.zipf(c) >= MIN_ZIPF {
            v.push((c.to_vec(), Relation::Edit(class)));
        }
    });
    if let Some(l) = listed().get(key) {
        for c in l {
            if !v.iter().any(|(x, _)| x == c) {
                v.push((c.clone(), Relation::Listed));
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;
    use crate::spell::{Analysis, Policy};
    use crate::testing::dict;

    fn fixes(text: &str) -> Vec<(String, String)> {
        let d = dict();
        let doc = Document::new(text, SourceKind::Plain);
        let a = Analysis::new(&doc, &d, &Policy::default());
        let f = find(&doc, &d, a.verdicts());
        doc.words()
            .iter()
            .zip(f)
            .filter_map(|(w, f)| f.map(|f| (doc.word_text(w).to_string(), f.text())))
            .collect()
    }

    #[test]
    fn finds_the_committee_after_its_chairman() {
        assert_eq!(
            fixes("التقى مستشار الأمن القومي مع رئيس الجنة العسكرية في الحلف"),
            vec![("الجنة".to_string(), "اللجنة".to_string())]
        );
    }

    #[test]
    fn leaves_correct_phrases_alone() {
        let text = "وعد الله المؤمنين الجنة ونعيمها، وقال رئيس اللجنة إن العمل مستمر في صفحة الجريدة الأولى";
        assert_eq!(fixes(text), vec![]);
    }
}
