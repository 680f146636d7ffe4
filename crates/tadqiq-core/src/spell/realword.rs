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

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use crate::dict::{Dictionary, Known};
use crate::document::Document;
use crate::keymap;
use crate::spell::cache::{Confusables, WordCache};
use crate::spell::context::Lm;
use crate::spell::edits::EditClass;
use crate::spell::{
    as_slices, neighbour_indices, neighbour_readings, neighbours, Verdict, MIN_PAIR_EVIDENCE,
};

pub use crate::spell::Relation;

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
/// Minimum log10 gain for a listed confusion: the pair is a known trap, so the prior that the
/// writer slipped is higher than for an arbitrary edit.
pub const MIN_GAIN_OTHER: f64 = 1.8;

/// The listed confusion pairs, both directions, by key.
fn listed() -> &'static HashMap<Vec<u8>, Vec<Vec<u8>>> {
    static L: OnceLock<HashMap<Vec<u8>, Vec<Vec<u8>>>> = OnceLock::new();
    L.get_or_init(|| {
        let mut m: HashMap<Vec<u8>, Vec<Vec<u8>>> = HashMap::new();
        for line in include_str!("../../../../dictionaries/rules/confusions.tsv").lines() {
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
    find_cached(doc, dict, verdicts, None)
}

/// As [`find`], reusing (and filling) a linter-wide cache of each word's candidates.
pub fn find_cached(
    doc: &Document<'_>,
    dict: &Dictionary,
    verdicts: &[Verdict],
    shared: Option<&WordCache>,
) -> Vec<Option<RealWordFix>> {
    let lm = Lm::new(dict);
    let words = doc.words();
    let mut out = vec![None; words.len()];
    // Candidate lists depend on the word only: looked up once per distinct word.
    let mut cache: FxHashMap<&[u8], Confusables> = FxHashMap::default();
    let mut readings: FxHashMap<&[u8], Vec<Vec<u8>>> = FxHashMap::default();
    for (i, w) in words.iter().enumerate() {
        if w.glued || verdicts[i] != Verdict::Known {
            continue;
        }
        let (prev, next) = neighbours(doc, i);
        let key = doc.key(w);
        let cands = cache.entry(key).or_insert_with(|| {
            if let Some(c) = shared.and_then(|s| s.confusables(key)) {
                return c;
            }
            let c: Confusables = Arc::new(candidates(dict, key));
            if let Some(s) = shared {
                s.set_confusables(key, &c);
            }
            c
        });
        if cands.is_empty() {
            continue;
        }
        // A word written with short vowels or a shadda (`النّضرة`, `أُبقي`) is spelled on purpose.
        if has_harakat(doc.word_text(w)) {
            continue;
        }
        // The neighbours as they may be read (a bare neighbour with its hamza too: in a text
        // that drops hamzas, the neighbours of a bare word are bare as well).
        let (pi, ni) = neighbour_indices(doc, i);
        let mut readings_of = |j: Option<usize>| -> Vec<Vec<u8>> {
            let Some(j) = j else { return Vec::new() };
            let k = doc.key(&words[j]);
            if words[j].glued {
                return vec![k.to_vec()];
            }
            readings
                .entry(k)
                .or_insert_with(|| neighbour_readings(dict, k, &verdicts[j]))
                .clone()
        };
        let (prevs, nexts) = (readings_of(pi), readings_of(ni));
        if let Some(fix) = habitual_variant(
            &lm,
            dict,
            key,
            cands,
            &as_slices(&prevs),
            &as_slices(&nexts),
        ) {
            out[i] = Some(fix);
            continue;
        }
        // Beyond the habitual slips (weighed on their frequencies where no neighbour speaks),
        // a word needs a neighbour, and a name is never corrected.
        if (prev.is_none() && next.is_none()) || dict.is_exact_name(key) {
            continue;
        }
        // The pair counts alone decide most words (cheaper than the model's scores): a word
        // whose context has been seen with it fits; a candidate needs its context seen.
        if pair_count(dict, prev, key, next) > 0 {
            continue; // the context has been seen with this word: it fits
        }
        let mut own = None;
        let mut best: Option<RealWordFix> = None;
        for (c, relation) in cands.iter() {
            if pair_count(dict, prev, c, next) < MIN_PAIR_EVIDENCE {
                continue;
            }
            let own = *own.get_or_insert_with(|| lm.evidence(prev, key, next));
            let e = lm.evidence(prev, c, next);
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

/// A habitual slip that the lexicon happens to accept: which kind, by the letters it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Habit {
    /// Only a hamza put back on alefs (`اكثر` → `أكثر`, `بانه` → `بأنه`).
    Hamza,
    /// A final ى written ي, with or without a hamza left off (`حتي` → `حتى`, `الاعلي` →
    /// `الأعلى`).
    Ending,
}

fn habit(key: &[u8], c: &[u8]) -> Option<Habit> {
    use crate::keymap::k;
    if crate::spell::puts_hamza_on_bare_alef(key, c) {
        // Only on the first letter of the word or of its stem (`اكثر`, `بانه`): a bare alef
        // inside a word is often its long vowel (`رايته`, "his banner", beside `رأيته`).
        let p = key.iter().zip(c).position(|(a, b)| a != b)?;
        let stem_start = p == 0 || crate::dict::clitics::splits(key, 2).any(|s| s.prefix_len == p);
        return stem_start.then_some(Habit::Hamza);
    }
    let n = key.len();
    let ending = n == c.len()
        && n >= 2
        && key[n - 1] == k::YEH
        && c[n - 1] == k::ALEF_MAKSURA
        && (key[..n - 1] == c[..n - 1]
            || crate::spell::puts_hamza_on_bare_alef(&key[..n - 1], &c[..n - 1]));
    ending.then_some(Habit::Ending)
}

/// How much more frequent than the word its habitual variant must be, in log10 units summed over
/// the two frequency sources (the web text of the zipf frequencies and the bigram model's
/// counts; see [`count_ratio`]), and at least in each: the word's own frequency must be no more
/// than a habit of dropping the hamza (or writing ي for ى) explains. Between two readings that
/// are both in use (`انظر`, the imperative, and `أنظر`; `بدا`, "seemed", and `بدأ`) one source
/// or both say so.
pub const HABIT_PRIOR_SUM: f64 = 1.45;
pub const HABIT_PRIOR_EACH: f64 = 0.4;
/// For a final ي/ى, in each source: present-tense verbs (`تبقي`, `تسمي`) and adjectives
/// (`الأولي`, "primary") are often right with ي.
pub const HABIT_PRIOR_ENDING: f64 = 1.0;
/// log10 gain the context must give the variant over the word (it includes the prior: where the
/// neighbours say nothing, the gain is about the frequency ratio).
pub const HABIT_GAIN_HAMZA: f64 = 0.8;
pub const HABIT_GAIN_ENDING: f64 = 1.4;
/// For a final ي/ى, the word may have been seen beside a neighbour at most this share as often
/// as the variant (`إلى المستشفي` 5 times, `إلى المستشفى` 2,534).
pub const HABIT_ENDING_SEEN_SHARE: u64 = 50;

/// log10 of how much more often the bigram model's corpus has `c` than `w`. Its texts drop
/// hamzas less often than the web text of the zipf frequencies, so a bare form that is a word in
/// its own right (`بدا`, "seemed", beside `بدأ`) keeps a share there that a habitual misspelling
/// (`اكد` beside `أكد`) does not.
fn count_ratio(dict: &Dictionary, c: &[u8], w: &[u8]) -> f64 {
    ((dict.unigram(c) + 1) as f64 / (dict.unigram(w) + 1) as f64).log10()
}

/// A known word that is, here, a habitual misspelling of a far more frequent variant: a hamza
/// left off an alef (`اكثر`, `اكد`, `بانه`, `اربع`) or a final ى written ي (`حتي`, `الكبري`).
/// Hunspell-ar's affix grammar accepts such forms as rare words (`اكثر` as an imperative), but
/// membership says a form is possible, not that it is meant. The variant wins when it is much
/// more frequent than the word ([`HABIT_PRIOR_SUM`], [`HABIT_PRIOR_ENDING`]), in the web text
/// of the zipf frequencies and in the bigram model's counts alike, and the context
/// does not take the word's side: the bigram model's gain for the variant stays above
/// [`HABIT_GAIN_HAMZA`] / [`HABIT_GAIN_ENDING`]. A word that is also a name is corrected only where the neighbours
/// have been seen with the variant and never with the word.
fn habitual_variant(
    lm: &Lm<'_>,
    dict: &Dictionary,
    key: &[u8],
    cands: &[(Vec<u8>, Relation)],
    prevs: &[&[u8]],
    nexts: &[&[u8]],
) -> Option<RealWordFix> {
    let mut best: Option<RealWordFix> = None;
    let mut own = None;
    // A bare alef may stand for more than one hamza (`وان`: `وأن`, `وإن`): whether a hamza was
    // left off is weighed on all of them together, which one by the context.
    let hamzas: Vec<&[u8]> = cands
        .iter()
        .filter(|(c, _)| habit(key, c) == Some(Habit::Hamza))
        .map(|(c, _)| c.as_slice())
        .collect();
    let hamza_zipf = (hamzas
        .iter()
        .map(|c| 10f64.powf(dict.zipf(c) as f64))
        .sum::<f64>())
    .log10();
    let hamza_count: u64 = hamzas.iter().map(|c| dict.unigram(c)).sum();
    for (c, relation) in cands {
        let Some(h) = habit(key, c) else { continue };
        let (by_zipf, by_count) = match h {
            Habit::Hamza => (
                hamza_zipf - dict.zipf(key) as f64,
                ((hamza_count + 1) as f64 / (dict.unigram(key) + 1) as f64).log10(),
            ),
            Habit::Ending => (
                (dict.zipf(c) - dict.zipf(key)) as f64,
                count_ratio(dict, c, key),
            ),
        };
        let (prior_ok, min_gain) = match h {
            Habit::Hamza => (
                by_zipf + by_count >= HABIT_PRIOR_SUM && by_zipf.min(by_count) >= HABIT_PRIOR_EACH,
                HABIT_GAIN_HAMZA,
            ),
            Habit::Ending => (
                by_zipf.min(by_count) >= HABIT_PRIOR_ENDING,
                HABIT_GAIN_ENDING,
            ),
        };
        if !prior_ok {
            continue;
        }
        let own = *own.get_or_insert_with(|| lm.evidence_among(prevs, key, nexts));
        let ev = lm.evidence_among(prevs, c, nexts);
        // A word that is also a name (`فان` of `فان دايك`, `بان` of `بان كي مون`, `علي`) is the
        // name, unless its hamza was left off and the next word has been seen after the
        // variant while neither neighbour has with the word: the rest of a name is seen with
        // it (`بان كي`), the next word of a sentence with the particle (`فإن المواطنين`). The
        // word before says less: a title (`الباحث`) comes before a name and a particle alike.
        if dict.is_name(key)
            && !(h == Habit::Hamza && ev.right >= MIN_PAIR_EVIDENCE && own.left.max(own.right) == 0)
        {
            continue;
        }
        // ي for ى: both endings make many words (`الأولي`, "primary", `سيبقي`, "will keep",
        // `إلي`, "to me"), so the context must have been seen with the variant on each side it
        // has a neighbour, and with the word hardly ever.
        let seen = |n: &[&[u8]], cc: u64, cw: u64| {
            n.is_empty() || (cc >= MIN_PAIR_EVIDENCE && cw * HABIT_ENDING_SEEN_SHARE <= cc)
        };
        if h == Habit::Ending
            && !(seen(prevs, ev.left, own.left) && seen(nexts, ev.right, own.right))
        {
            continue;
        }
        let gain = ev.score - own.score;
        if gain >= min_gain && best.as_ref().is_none_or(|b| gain > b.gain) {
            best = Some(RealWordFix {
                key: c.clone(),
                relation: *relation,
                gain,
            });
        }
    }
    best
}

/// Does the word carry short vowels, tanwin, a shadda or a sukun (U+064B–U+0652)?
fn has_harakat(word: &str) -> bool {
    word.chars().any(|c| ('\u{064B}'..='\u{0652}').contains(&c))
}

/// The larger of the pair counts of `x` with its neighbours.
fn pair_count(dict: &Dictionary, prev: Option<&[u8]>, x: &[u8], next: Option<&[u8]>) -> u64 {
    let left = prev.map_or(0, |p| dict.bigram(p, x));
    let right = next.map_or(0, |n| dict.bigram(x, n));
    left.max(right)
}

/// The words one slip away (precomputed by the build, see
/// `tadqiq_dictgen::edits::for_each_slip`) and the listed confusions. Empty for short words and
/// for words that are only names.
fn candidates(dict: &Dictionary, key: &[u8]) -> Vec<(Vec<u8>, Relation)> {
    if key.len() < 3 {
        return Vec::new();
    }
    let mut edits = Vec::new();
    dict.confusables(key, &mut edits);
    let mut v: Vec<(Vec<u8>, Relation)> = edits
        .into_iter()
        .map(|(c, class)| (c, Relation::Edit(class)))
        .collect();
    if dict.known(key) != Some(Known::Lexicon) || dict.is_name(key) {
        return v;
    }
    if let Some(l) = listed().get(key) {
        for c in l {
            if !v.iter().any(|(x, _)| x == c) {
                v.push((c.clone(), Relation::Listed));
            }
        }
    }
    // A listed pair under proclitics: `بصفحة` for `بصفة`, `والجنة` for `واللجنة`.
    for split in crate::dict::clitics::splits(key, 3) {
        let (prefix, stem) = key.split_at(split.prefix_len);
        let Some(l) = listed().get(stem) else {
            continue;
        };
        for alt in l {
            let mut c = prefix.to_vec();
            c.extend_from_slice(alt);
            if dict.in_lexicon(&c) && !v.iter().any(|(x, _)| *x == c) {
                v.push((c, Relation::Listed));
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
    fn a_hamza_left_off_a_word_the_lexicon_also_knows_is_found() {
        assert_eq!(
            fixes("قتل اكثر من خمسين شخصا في الهجوم"),
            vec![("اكثر".to_string(), "أكثر".to_string())]
        );
        assert_eq!(
            fixes("وقال المتحدث بانه لا يعلم شيئا"),
            vec![("بانه".to_string(), "بأنه".to_string())]
        );
        // A bare form that is a word in its own right keeps its share of use: `بدا`, "seemed".
        assert_eq!(fixes("بدا الرئيس واثقا من الفوز"), vec![]);
        // Short vowels say the writer meant the form: `أُبقي`, the passive.
        assert_eq!(fixes("التي أُبقي وزيرها في منصبه"), vec![]);
    }

    /// A writer who drops one hamza drops them all: the neighbours are read with their hamza
    /// too, or the bare pairs the bigram model has seen (`ان اكثر`) would take the word's side.
    #[test]
    fn a_text_without_any_hamza_is_read_with_its_neighbours_hamzas() {
        let got = fixes("وقال ان اكثر من الف شخص حضروا الحفل");
        assert!(
            got.contains(&("اكثر".to_string(), "أكثر".to_string())),
            "{got:?}"
        );
    }

    /// `امس` between two commas has no neighbour to speak for it: the frequencies decide. `وان`
    /// stands for `وأن` or `وإن`: whether a hamza was left off is weighed on both together.
    #[test]
    fn a_bare_word_alone_or_with_two_hamza_readings_is_weighed_on_its_frequencies() {
        let got = fixes("وذكرت تقارير اخبارية، امس، ان السوق تواصل التراجع");
        assert!(
            got.contains(&("امس".to_string(), "أمس".to_string())),
            "{got:?}"
        );
        let got = fixes("وقالت المصادر إن القوات سيطرت على المدينة، وان عددا من الوزراء وصلوا");
        assert!(
            got.contains(&("وان".to_string(), "وأن".to_string())),
            "{got:?}"
        );
    }

    /// `فان` and `بان` are names too (`فان دايك`, `بان كي مون`): corrected only where the next
    /// word has been seen after the particle and neither neighbour with the name.
    #[test]
    fn a_bare_particle_that_is_also_a_name_is_corrected_by_the_next_word() {
        assert_eq!(
            fixes("وفي حال إيجابية التقرير فان الملعب سيكون جاهزا"),
            vec![("فان".to_string(), "فإن".to_string())]
        );
        assert_eq!(fixes("وسجل المدافع فان دايك هدفا"), vec![]);
        assert_eq!(fixes("وقال الأمين العام بان كي مون"), vec![]);
    }

    #[test]
    fn a_final_yeh_for_alef_maqsura_needs_the_context_on_every_side() {
        assert_eq!(
            fixes("تم وضعها في مرحلة الصمت حتي الساعة العاشرة"),
            vec![("حتي".to_string(), "حتى".to_string())]
        );
        // `الأولي`, "primary", and `إلي`, "to me", are words: no context seen with the variant.
        assert_eq!(fixes("يظهر النموذج الأولي للطائرة"), vec![]);
        assert_eq!(fixes("وتقدم إلي يحييني"), vec![]);
    }

    #[test]
    fn a_listed_confusion_is_found_under_its_clitics() {
        let d = dict();
        let key = crate::keymap::encode("بصفحة").unwrap();
        let got: Vec<String> = candidates(&d, &key)
            .into_iter()
            .filter(|(_, r)| *r == Relation::Listed)
            .map(|(c, _)| crate::keymap::decode(&c))
            .collect();
        assert_eq!(got, vec!["بصفة"]);
    }

    #[test]
    fn leaves_correct_phrases_alone() {
        let text = "وعد الله المؤمنين الجنة ونعيمها، وقال رئيس اللجنة إن العمل مستمر في صفحة الجريدة الأولى";
        assert_eq!(fixes(text), vec![]);
    }
}
