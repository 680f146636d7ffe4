//! Word analysis shared by the spelling-family rules: is each Arabic word known, and if not, is
//! there a cheap Arabic-typical edit that turns it into a known word much more frequent than it?
//!
//! Precision first (see `dictionaries/README.md` for the measurements): an unknown word is an
//! error only when an edit of tier 0 (squeezed letter, hamza form, ة/ه, ى/ي) or, for words of
//! four letters or more, a dropped letter, gives a lexicon word that is frequent in absolute terms
//! and far more frequent than the word itself. Names, acronyms and new words are frequent in
//! their own right and fail that test; they are only `Unknown` (a hint).

pub mod cache;
pub mod context;
pub mod names;
pub mod one_edit;
pub mod realword;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::dict::Dictionary;
use crate::document::Document;
use crate::keymap;
pub use tadqiq_dictgen::edits::{self, EditClass};

/// A correction candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub key: Vec<u8>,
    pub class: EditClass,
    /// wordfreq zipf of the candidate (estimated from its stem under proclitics if unlisted).
    pub zipf: f32,
    /// For substitutions: a keyboard or look-alike neighbour.
    pub near: bool,
}

impl Candidate {
    pub fn text(&self) -> String {
        keymap::decode(&self.key)
    }
}

/// What the analysis says about one word.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// In the lexicon, the names list or the project's words.
    Known,
    /// Not checked: glued to digits or Latin, or too short.
    Skipped,
    /// Unknown, and `candidates[0]` is a confident fix; the rest are further suggestions.
    Misspelled {
        candidates: Vec<Candidate>,
        safe: bool,
        /// The fix restores a dropped consonant: names look like that too, so the fix stands
        /// only where the context backs it (see [`Analysis`]).
        needs_context: bool,
    },
    /// Unknown with no confident fix: probably a name or a word the lexicon lacks.
    Unknown,
}

/// Thresholds of the unknown-word policy.
#[derive(Clone, Debug)]
pub struct Policy {
    /// A fix must have at least this zipf frequency.
    pub min_fix_zipf: f32,
    /// A tier-0 fix must be this much more frequent (zipf) than the word.
    pub delta_tier0: f32,
    /// A dropped-letter fix must be this much more frequent than the word...
    pub delta_insert: f32,
    /// ...and the word at least this many letters long.
    pub min_len_insert: usize,
    /// The first suggestion is safe to apply automatically when it is tier 0 and beats every
    /// other candidate by this many zipf points.
    pub safe_margin: f32,
    /// Suggestions listed at most.
    pub max_suggestions: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            min_fix_zipf: 2.0,
            delta_tier0: 0.45,
            delta_insert: 1.5,
            min_len_insert: 4,
            safe_margin: 0.5,
            max_suggestions: 5,
        }
    }
}

/// Candidates of `key` up to `max_tier`, known to the lexicon (or the names list), deduplicated
/// (cheapest class kept) and ranked best first: by tier, then (substitutions) neighbours first,
/// then by frequency.
pub fn candidates(dict: &Dictionary, key: &[u8], max_tier: u8) -> Vec<Candidate> {
    let mut found: FxHashMap<Vec<u8>, EditClass> = FxHashMap::default();
    let mut add = |cand: &[u8], class: EditClass| match found.get_mut(cand) {
        Some(c) => *c = (*c).min(class),
        None => {
            found.insert(cand.to_vec(), class);
        }
    };
    // Tier 0 (a few dozen edits, some of them double): generated and looked up one by one.
    edits::for_each_edit(key, 0, &mut |cand, class| {
        if cand != key && (dict.in_lexicon(cand) || dict.is_exact_name(cand)) {
            add(cand, class);
        }
    });
    // Single edits of the higher tiers, searched among frequent words (a few hundred thousand
    // keys, not the 67 M forms), for the word and for each reading of it as proclitics + stem,
    // the clitics being put back on each match.
    if max_tier >= 1 {
        let allowed = one_edit::Edits {
            insert: true,
            transpose: max_tier >= 2,
            delete: max_tier >= 3,
            substitute: max_tier >= 4,
        };
        // Only insertions: one range query on the deletion index; otherwise an automaton walk.
        let search = |k: &[u8], f: &mut dyn FnMut(&[u8])| {
            if max_tier == 1 {
                dict.for_each_insertion(k, f);
            } else if let Some(aut) = one_edit::OneEdit::new(k, allowed) {
                dict.for_each_frequent_match(&aut, f);
            }
        };
        search(key, &mut |cand| add(cand, classify_single_edit(key, cand)));
        let mut stem = Vec::with_capacity(key.len());
        let mut full = Vec::with_capacity(key.len() + 1);
        for split in crate::dict::clitics::splits(key, 3) {
            crate::dict::clitics::stem_key(key, split, &mut stem);
            search(&stem, &mut |c| {
                let body = if split.definite {
                    match c.strip_prefix(&[crate::keymap::k::ALEF, crate::keymap::k::LAM][..]) {
                        Some(b) => b,
                        None => return,
                    }
                } else {
                    c
                };
                full.clear();
                full.extend_from_slice(&key[..split.prefix_len]);
                full.extend_from_slice(body);
                if full.as_slice() != key && dict.in_lexicon(&full) {
                    let class = classify_single_edit(key, &full);
                    add(&full, class);
                }
            });
        }
    }
    let mut out: Vec<Candidate> = found
        .into_iter()
        .map(|(k, class)| {
            let near = class == EditClass::Substitute && differs_by_near(key, &k);
            Candidate {
                zipf: dict.zipf(&k),
                key: k,
                class,
                near,
            }
        })
        .collect();
    rank(&mut out);
    out
}

/// The class of a single edit turning `key` into `cand` (tier 0 classes are found by the
/// generator; here a one-letter insertion is `Insert`, and so on).
fn classify_single_edit(key: &[u8], cand: &[u8]) -> EditClass {
    use std::cmp::Ordering;
    match cand.len().cmp(&key.len()) {
        Ordering::Greater => EditClass::Insert,
        Ordering::Less => EditClass::Delete,
        Ordering::Equal => {
            let diff = key.iter().zip(cand).filter(|(a, b)| a != b).count();
            if diff == 2 {
                EditClass::Transpose
            } else {
                EditClass::Substitute
            }
        }
    }
}

fn rank(c: &mut [Candidate]) {
    c.sort_by(|a, b| {
        (a.class.tier(), !a.near)
            .cmp(&(b.class.tier(), !b.near))
            .then(b.zipf.total_cmp(&a.zipf))
            .then(a.key.cmp(&b.key))
    });
}

fn differs_by_near(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .find(|(x, y)| x != y)
            .is_some_and(|(x, y)| edits::is_near(*x, *y))
}

/// All suggestions for an unknown word, best first (every tier).
pub fn suggest(dict: &Dictionary, key: &[u8], max: usize) -> Vec<Candidate> {
    let mut c = candidates(dict, key, 4);
    c.truncate(max);
    c
}

/// Analyse one word by its key.
pub fn analyse_key(dict: &Dictionary, key: &[u8], policy: &Policy) -> Verdict {
    if dict.is_known(key) || madda_variant_known(dict, key) {
        return Verdict::Known;
    }
    let n = key.len();
    if n < 2 {
        return Verdict::Skipped;
    }
    let max_tier = if n >= policy.min_len_insert { 1 } else { 0 };
    let mut cands = candidates(dict, key, max_tier);
    let own = dict.zipf(key);
    let passes = |c: &Candidate| {
        let delta = if c.class.tier() == 0 {
            policy.delta_tier0
        } else {
            policy.delta_insert
        };
        c.zipf >= policy.min_fix_zipf && c.zipf - own >= delta
    };
    // The fix is the best-ranked candidate that passes the guard. A better-ranked candidate that
    // fails the guard yet is at least as frequent as the word makes the case ambiguous: silence.
    // A candidate never seen in use (zipf 0, such as `أمزيد`, an interrogative hamza the lexicon
    // allows on any word) is no rival, however unattested the word is.
    let rival = |c: &Candidate| c.zipf > 0.0 && c.zipf >= own;
    let Some(first_pass) = cands.iter().position(passes) else {
        if !cands.iter().any(rival) {
            if let Some(v) = transposition(dict, key, own, policy) {
                return v;
            }
        }
        return Verdict::Unknown;
    };
    if cands[..first_pass].iter().any(rival) {
        return Verdict::Unknown;
    }
    let fix = cands.remove(first_pass);
    let needs_context = fix.class == EditClass::Insert && !inserts_long_vowel(key, &fix.key);
    // Safe when no other near-free reading comes close in frequency.
    let safe = fix.class.tier() == 0
        && cands
            .iter()
            .filter(|c| c.class.tier() == 0)
            .all(|c| fix.zipf - c.zipf >= policy.safe_margin);
    cands.insert(0, fix);
    if cands.len() < policy.max_suggestions {
        // Further suggestions, without substitutions: the fix is already confident, and a
        // substitution search costs more than all the rest of the analysis.
        let more = candidates(dict, key, 3);
        for c in more {
            if cands.len() >= policy.max_suggestions {
                break;
            }
            if !cands.iter().any(|x| x.key == c.key) {
                cands.push(c);
            }
        }
    }
    cands.truncate(policy.max_suggestions);
    Verdict::Misspelled {
        candidates: cands,
        safe,
        needs_context,
    }
}

/// Is `key` a known word written with آ where the lexicon has أ or إ (`الآيديولوجية`,
/// `وآيرلندا`), and written so often that it is a variant in use rather than a slip: within
/// [`MADDA_VARIANT_ZIPF`] of the standard form's frequency? Loanwords and names are written both
/// ways by careful newsrooms (`آيرلندا` 2.5 against `أيرلندا` 3.6); a slip such as `آخبار`
/// (2.1 against 5.1) is not.
fn madda_variant_known(dict: &Dictionary, key: &[u8]) -> bool {
    use crate::keymap::k;
    if !key.contains(&k::ALEF_MADDA) {
        return false;
    }
    let own = dict.zipf(key);
    if own <= 0.0 {
        return false;
    }
    let mut v = key.to_vec();
    for i in 0..key.len() {
        if key[i] != k::ALEF_MADDA {
            continue;
        }
        for alt in [k::ALEF_HAMZA_ABOVE, k::ALEF_HAMZA_BELOW] {
            v[i] = alt;
            if dict.is_known(&v) && own >= dict.zipf(&v) - MADDA_VARIANT_ZIPF {
                return true;
            }
        }
        v[i] = k::ALEF_MADDA;
    }
    false
}

/// How much rarer (zipf) than the standard form a madda variant may be and still be in use.
const MADDA_VARIANT_ZIPF: f32 = 2.0;

/// Does `fix` only put a hamza on alefs of `key`, or move it between them (`اخبار` → `أخبار`,
/// `الإمنية` → `الأمنية`)? The commonest hamza slips, made by habit.
pub fn restores_hamza_on_alef(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    key.len() == fix.len()
        && key != fix
        && key.iter().zip(fix).all(|(&a, &b)| {
            a == b
                || (crate::keymap::is_alef_form(a)
                    && matches!(b, k::ALEF_HAMZA_ABOVE | k::ALEF_HAMZA_BELOW | k::ALEF_MADDA))
        })
}

/// Two neighbouring letters swapped (`مدسرة` for `مدرسة`): the one slip of typing fast that the
/// cheaper edits miss. An unknown word of [`MIN_LEN_TRANSPOSE`] letters or more is misspelled when
/// swapping two neighbouring letters gives a lexicon word at least [`MIN_TRANSPOSE_ZIPF`]
/// frequent and [`Policy::delta_insert`] more frequent than it, and no other swap comes within
/// [`Policy::safe_margin`] of it; like a dropped consonant, the fix then stands only where the
/// context backs it (`needs_context`). Names rarely pass: a swap of a name seldom makes a
/// frequent word that the neighbours are seen with.
fn transposition(dict: &Dictionary, key: &[u8], own: f32, policy: &Policy) -> Option<Verdict> {
    if key.len() < MIN_LEN_TRANSPOSE {
        return None;
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut buf = key.to_vec();
    for i in 0..key.len() - 1 {
        if key[i] == key[i + 1] {
            continue;
        }
        buf.swap(i, i + 1);
        if dict.in_lexicon(&buf) && !found.iter().any(|c| c.key == buf) {
            found.push(Candidate {
                key: buf.clone(),
                class: EditClass::Transpose,
                zipf: dict.zipf(&buf),
                near: false,
            });
        }
        buf.swap(i, i + 1);
    }
    found.sort_by(|a, b| b.zipf.total_cmp(&a.zipf));
    let best = found.first()?;
    if best.zipf < MIN_TRANSPOSE_ZIPF || best.zipf - own < policy.delta_insert {
        return None;
    }
    if found
        .get(1)
        .is_some_and(|c| best.zipf - c.zipf < policy.safe_margin)
    {
        return None;
    }
    found.truncate(policy.max_suggestions);
    Some(Verdict::Misspelled {
        candidates: found,
        safe: false,
        needs_context: true,
    })
}

/// Shortest word checked for swapped letters: in short words a swap too often makes another word.
const MIN_LEN_TRANSPOSE: usize = 5;
/// Least frequency (zipf) of a swapped-letters fix.
const MIN_TRANSPOSE_ZIPF: f32 = 3.0;

/// Does `fix` take away a hamza that `key` writes on its own or on و or ي, leaving a bare
/// letter (`نائف` → `نايف`, `العقلاء` → `العقلا`)? Nobody types a seated hamza by mistake:
/// such a word is a name or a variant, not a slip. Moving the hamza to another seat
/// (`تفائل` → `تفاؤل`, `مسئلة` → `مسألة`) is a real and common error, and stays one.
pub fn drops_seated_hamza(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    let seated = |c: u8| matches!(c, k::HAMZA | k::WAW_HAMZA | k::YEH_HAMZA);
    let hamza =
        |c: u8| seated(c) || matches!(c, k::ALEF_HAMZA_ABOVE | k::ALEF_HAMZA_BELOW | k::ALEF_MADDA);
    key.len() == fix.len() && key.iter().zip(fix).any(|(&a, &b)| seated(a) && !hamza(b))
}

/// Does `fix` only take the hamza off alefs of `key` (`الإستثمار` → `الاستثمار`)? That is a
/// hamzat wasl written as a hamzat qat'.
pub fn removes_hamza_from_alef(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    key.len() == fix.len()
        && key != fix
        && key.iter().zip(fix).all(|(&a, &b)| {
            a == b || (matches!(a, k::ALEF_HAMZA_ABOVE | k::ALEF_HAMZA_BELOW) && b == k::ALEF)
        })
}

/// Does `fix` insert a long vowel (ا و ي) into `key`? A dropped long vowel is the commonest
/// dropped letter in Arabic typing (`بروتكولات`, `التدريبة`); a dropped consonant more often
/// marks a name or a loanword that merely looks like a dictionary word.
fn inserts_long_vowel(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    let i = key
        .iter()
        .zip(fix)
        .position(|(a, b)| a != b)
        .unwrap_or(key.len());
    matches!(fix[i], k::ALEF | k::WAW | k::YEH)
}

/// Report, as `meta`'s findings, the misspelled words whose fix `select(word key, fix)` takes.
pub fn report_misspelled(
    cx: &crate::rules::Context<'_>,
    meta: &'static crate::rules::RuleMeta,
    select: impl Fn(&[u8], &Candidate) -> bool,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    use crate::diagnostic::{Applicability, Diagnostic};
    for (i, w) in cx.doc.words().iter().enumerate() {
        let Verdict::Misspelled {
            candidates, safe, ..
        } = cx.analysis.verdict(i)
        else {
            continue;
        };
        let fix = &candidates[0];
        if !select(cx.doc.key(w), fix) {
            continue;
        }
        let word = cx.doc.word_text(w);
        let fix_text = fix.text();
        // A likely name is no finding, or a warning whose fix is never applied automatically.
        let names = cx.analysis.names(cx.doc, cx.dict);
        let weighing = names::weigh(
            cx.doc,
            cx.dict,
            cx.analysis.verdicts(),
            names,
            i,
            candidates,
        );
        let (severity, message, safe, note) = match weighing.outcome() {
            names::Outcome::Drop => continue,
            names::Outcome::Unsafe => (
                crate::diagnostic::Severity::Warning,
                format!("«{word}» may be a name; if it is not, did you mean «{fix_text}»?"),
                false,
                format!(
                    "may be a name: {}; else likely {}",
                    weighing
                        .clues
                        .iter()
                        .map(|c| c.describe())
                        .collect::<Vec<_>>()
                        .join(", "),
                    fix.class.describe()
                ),
            ),
            names::Outcome::Keep => (
                meta.default_severity,
                format!("«{word}» is not a known word; did you mean «{fix_text}»?"),
                *safe || context_confirms(cx, i, candidates),
                format!("likely {}", fix.class.describe()),
            ),
        };
        let d = Diagnostic::new(meta.id, severity, cx.doc.word_span(w), message)
            .with_suggestions(
                candidates.iter().map(Candidate::text).collect(),
                if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            )
            .with_note(note);
        out.push(d);
    }
}

/// Log10 margin by which the context must prefer a fix over every other near-free reading for
/// [`context_confirms`].
const CONTEXT_SAFE_MARGIN: f64 = 1.0;

/// A near-free (tier 0) fix that frequency alone does not make safe, because another near-free
/// reading is about as frequent (`القاء`: `اللقاء` or `إلقاء`), is safe when the context
/// decides: the fix is seen next to a neighbour at least [`MIN_PAIR_EVIDENCE`] times and the
/// bigram model prefers it to every other near-free reading by [`CONTEXT_SAFE_MARGIN`] (10x).
/// `تطرق القاء إلى` → `اللقاء` is safe; `بعد القاء القبض` (`إلقاء القبض`) is not.
fn context_confirms(cx: &crate::rules::Context<'_>, i: usize, candidates: &[Candidate]) -> bool {
    let Some(fix) = candidates.first() else {
        return false;
    };
    if fix.class.tier() != 0 {
        return false;
    }
    let (prev, next) = neighbours(cx.doc, i);
    if prev.is_none() && next.is_none() {
        return false;
    }
    let lm = context::Lm::new(cx.dict);
    let ev = lm.evidence(prev, &fix.key, next);
    if ev.left.max(ev.right) < MIN_PAIR_EVIDENCE {
        return false;
    }
    candidates[1..]
        .iter()
        .filter(|c| c.class.tier() == 0)
        .all(|c| ev.score - lm.evidence(prev, &c.key, next).score >= CONTEXT_SAFE_MARGIN)
}

/// Report, as `meta`'s findings, the real-word errors whose relation `select` accepts.
pub fn report_realword(
    cx: &crate::rules::Context<'_>,
    meta: &'static crate::rules::RuleMeta,
    select: impl Fn(realword::Relation) -> bool,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    use crate::diagnostic::{Applicability, Diagnostic};
    for (i, fix) in cx.realword().iter().enumerate() {
        let Some(fix) = fix else { continue };
        if !select(fix.relation) {
            continue;
        }
        let w = &cx.doc.words()[i];
        let word = cx.doc.word_text(w);
        let text = fix.text();
        out.push(
            Diagnostic::new(
                meta.id,
                meta.default_severity,
                cx.doc.word_span(w),
                format!("«{word}» does not fit its context here; did you mean «{text}»?"),
            )
            .with_suggestions(vec![text], Applicability::Unsafe)
            .with_note(format!(
                "the neighbouring words are seen with «{}», never with «{word}» ({:.0}x likelier)",
                fix.text(),
                10f64.powf(fix.gain.min(9.0))
            )),
        );
    }
}

/// The verdict on every word of a document, computed once and shared by the rules.
pub struct Analysis {
    verdicts: Vec<Verdict>,
    /// Real-word errors, found on first use (only the context rules need them).
    realword: std::sync::OnceLock<Vec<Option<realword::RealWordFix>>>,
    /// Per-word results shared with the other documents of the same linter.
    cache: Option<std::sync::Arc<cache::WordCache>>,
    /// What the document says about its flagged words being names (computed on first use).
    names: std::sync::OnceLock<names::DocumentNames>,
}

/// Pair count with a neighbour that counts as the context backing a word.
pub const MIN_PAIR_EVIDENCE: u64 = 3;

/// The keys of the words next to word `i` in the same phrase (no punctuation or line between).
pub fn neighbours<'d>(doc: &'d Document<'_>, i: usize) -> (Option<&'d [u8]>, Option<&'d [u8]>) {
    let words = doc.words();
    let prev = (i > 0 && words[i].joined_prev).then(|| doc.key(&words[i - 1]));
    let next = words
        .get(i + 1)
        .filter(|w| w.joined_prev)
        .map(|w| doc.key(w));
    (prev, next)
}

/// An unknown word written this many times in one document is taken as meant, unless its fix
/// is a [`habitual_slip`].
pub const MIN_RECURRENCE_MEANT: u32 = 2;

/// Slips that recur by habit or by a pipeline's fault: a hamza left off an alef, ه for ة, ي for
/// ى, a doubled letter squeezed. A letter dropped, added, swapped, a hamza *added*, or a hamza
/// seat written as ي or و (`العايد`, a family name, beside `العائد`) is a one-off when it recurs.
pub fn habitual_slip(key: &[u8], fix: &Candidate) -> bool {
    match fix.class {
        EditClass::Squeeze | EditClass::TaaMarbuta | EditClass::AlefMaqsura => true,
        EditClass::Hamza => restores_hamza_on_alef(key, &fix.key),
        _ => false,
    }
}

/// Documents with more distinct words than this are analysed in parallel.
const PARALLEL_TYPES: usize = 2_000;

impl Analysis {
    pub fn new(doc: &Document<'_>, dict: &Dictionary, policy: &Policy) -> Self {
        Self::with_cache(doc, dict, policy, None)
    }

    /// As [`Analysis::new`], reusing (and filling) `cache` for the per-word results.
    pub fn with_cache(
        doc: &Document<'_>,
        dict: &Dictionary,
        policy: &Policy,
        cache: Option<std::sync::Arc<cache::WordCache>>,
    ) -> Self {
        let words = doc.words();
        // Each distinct word is analysed once (news text repeats its words: ~10 tokens a type),
        // in parallel when there are many.
        let mut index: FxHashMap<&[u8], u32> = FxHashMap::default();
        let mut types: Vec<&[u8]> = Vec::new();
        let word_type: Vec<u32> = words
            .iter()
            .map(|w| {
                if w.glued {
                    return u32::MAX;
                }
                let key = doc.key(w);
                *index.entry(key).or_insert_with(|| {
                    types.push(key);
                    (types.len() - 1) as u32
                })
            })
            .collect();
        let analyse = |key: &&[u8]| {
            if let Some(v) = cache.as_ref().and_then(|c| c.verdict(key)) {
                return v;
            }
            let v = if dict.in_lexicon(key) {
                Verdict::Known
            } else {
                analyse_key(dict, key, policy)
            };
            if let Some(c) = &cache {
                c.set_verdict(key, &v);
            }
            v
        };
        let type_verdicts: Vec<Verdict> = if types.len() > PARALLEL_TYPES {
            types.par_iter().with_min_len(256).map(analyse).collect()
        } else {
            types.iter().map(analyse).collect()
        };
        // A slip is made once; the same unusual spelling written again and again in one text is
        // meant: a name (`البحرة`, `بأبها`), a term (`السعودة`), a loanword (`ألزهايمر`). Only
        // the slips a writer or a pipeline repeats by habit (a dropped hamza, ه for ة, ي for ى,
        // a squeezed letter) keep their verdict when they recur.
        let mut occurrences = vec![0u32; types.len()];
        for &t in &word_type {
            if let Some(n) = occurrences.get_mut(t as usize) {
                *n += 1;
            }
        }
        let mut type_verdicts = type_verdicts;
        for (t, v) in type_verdicts.iter_mut().enumerate() {
            if let Verdict::Misspelled { candidates, .. } = v {
                if occurrences[t] >= MIN_RECURRENCE_MEANT
                    && !habitual_slip(types[t], &candidates[0])
                {
                    *v = Verdict::Unknown;
                }
            }
        }
        let mut verdicts: Vec<Verdict> = word_type
            .iter()
            .map(|&t| {
                type_verdicts
                    .get(t as usize)
                    .cloned()
                    .unwrap_or(Verdict::Skipped)
            })
            .collect();
        // Fixes that need the context's backing: the fix must occur with a neighbour.
        let lm = context::Lm::new(dict);
        for (i, v) in verdicts.iter_mut().enumerate() {
            let Verdict::Misspelled {
                candidates,
                needs_context: true,
                ..
            } = v
            else {
                continue;
            };
            let (prev, next) = neighbours(doc, i);
            let e = lm.evidence(prev, &candidates[0].key, next);
            if e.left.max(e.right) < MIN_PAIR_EVIDENCE {
                *v = Verdict::Unknown;
            }
        }
        Self {
            verdicts,
            realword: std::sync::OnceLock::new(),
            cache,
            names: std::sync::OnceLock::new(),
        }
    }

    /// The verdict on `doc.words()[i]`.
    pub fn verdict(&self, i: usize) -> &Verdict {
        &self.verdicts[i]
    }

    pub fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
    }

    /// What the document says about its flagged words being names (computed once, on first
    /// call; see [`names`]).
    pub fn names(&self, doc: &Document<'_>, dict: &Dictionary) -> &names::DocumentNames {
        self.names
            .get_or_init(|| names::DocumentNames::new(doc, dict, &self.verdicts))
    }

    /// The real-word error of each word, if any (computed once, on first call).
    pub fn realword(
        &self,
        doc: &Document<'_>,
        dict: &Dictionary,
    ) -> &[Option<realword::RealWordFix>] {
        self.realword
            .get_or_init(|| realword::find_cached(doc, dict, &self.verdicts, self.cache.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;
    use crate::testing::dict;

    fn misspelled(text: &str) -> Vec<String> {
        let d = dict();
        let doc = Document::new(text, SourceKind::Plain);
        let a = Analysis::new(&doc, &d, &Policy::default());
        doc.words()
            .iter()
            .zip(a.verdicts())
            .filter(|(_, v)| matches!(v, Verdict::Misspelled { .. }))
            .map(|(w, _)| doc.word_text(w).to_string())
            .collect()
    }

    #[test]
    fn a_one_off_slip_is_flagged_but_a_recurring_spelling_is_meant() {
        // Once: a dropped letter in an everyday word.
        assert_eq!(
            misspelled("اختتمت الدورة التدريبة للموظفين أمس"),
            vec!["التدريبة"]
        );
        // Twice in one text: the writer means it (a term, a name), whatever it looks like.
        assert!(misspelled(
            "اختتمت الدورة التدريبة للموظفين أمس، وشارك في الدورة التدريبة مئة موظف"
        )
        .is_empty());
    }

    #[test]
    fn habitual_slips_are_flagged_however_often_they_recur() {
        // A dropped hamza and a squeezed letter recur by habit or by a pipeline's fault.
        let got = misspelled("اعلنت الوزارة موعد القاء، كما اعلنت ما تتوقعه من القاء");
        assert_eq!(got, vec!["اعلنت", "القاء", "اعلنت", "القاء"]);
    }

    #[test]
    fn swapped_letters_are_fixed_where_the_context_backs_the_fix() {
        assert_eq!(
            misspelled("يدعو إلى نشر الإسلام المتعدل بين الشباب"),
            vec!["المتعدل"]
        );
        let d = dict();
        let key = crate::keymap::encode("المتعدل").unwrap();
        let Verdict::Misspelled { candidates, .. } = analyse_key(&d, &key, &Policy::default())
        else {
            panic!("not misspelled");
        };
        assert_eq!(candidates[0].text(), "المعتدل");
        assert_eq!(candidates[0].class, EditClass::Transpose);
        // With no neighbour to back it, the fix does not stand (a name can look like that).
        assert!(misspelled("المتعدل").is_empty());
        // Short words swap into other words too easily: not checked (`معال` would be `عمال`).
        let short = crate::keymap::encode("معال").unwrap();
        assert!(transposition(&d, &short, 0.0, &Policy::default()).is_none());
        let long = crate::keymap::encode("كليومترات").unwrap();
        assert!(transposition(&d, &long, 0.0, &Policy::default()).is_some());
    }

    #[test]
    fn a_hamza_seat_written_as_yeh_twice_is_taken_as_meant() {
        // `العايد` is a family name as well as a slip for `العائد`: once it is flagged, twice
        // it is the writer's spelling.
        assert_eq!(misspelled("أعلن العايد النتائج"), vec!["العايد"]);
        assert!(misspelled("أعلن العايد النتائج، وقال العايد إن").is_empty());
    }

    #[test]
    fn madda_for_hamza_in_loanwords_is_an_accepted_variant() {
        assert!(misspelled("الآيديولوجية المتطرفة في آيرلندا").is_empty());
        assert_eq!(misspelled("اخبار العراق"), vec!["اخبار"]);
    }
}
