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
pub mod one_edit;
pub mod realword;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::dict::Dictionary;
use crate::document::Document;
use crate::keymap;
pub use tadqiq_dictgen::edits::{self, EditClass};

/// How a real-word candidate (see [`realword`]) relates to the word. Here rather than in
/// `realword` because the word cache keeps it too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Edit(EditClass),
    /// A pair from the confusion list.
    Listed,
}

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
        /// The fix only puts a hamza on a bare alef and is not clearly more frequent than the
        /// word (web text drops hamzas that often): it stands where the word is long and no
        /// neighbour looks like part of a name, or else where the context backs it.
        weak: bool,
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
    /// A fix that only puts a hamza back on alefs of the word (`اخبار` → `أخبار`), a lexicon
    /// word, must be this much more frequent than it: the web text the frequencies come from
    /// drops hamzas so often that a bare form may be almost as frequent as the right one.
    pub delta_hamza_restore: f32,
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
            delta_hamza_restore: 0.2,
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
        let restore = puts_hamza_on_bare_alef(key, &c.key) && dict.in_lexicon(&c.key);
        let delta = if c.class.tier() != 0 {
            policy.delta_insert
        } else if restore {
            policy.delta_hamza_restore
        } else {
            policy.delta_tier0
        };
        // A hamza put back on a word with clitics (`وارهابها` → `وإرهابها`): every form of a
        // stem is rarer than the stem, so the fix need only be in use and more frequent.
        let min = if restore && n >= MIN_LEN_RARE_RESTORE {
            MIN_RARE_RESTORE_ZIPF
        } else {
            policy.min_fix_zipf
        };
        c.zipf >= min && c.zipf - own >= delta
    };
    // The fix is the best-ranked candidate that passes the guard. A better-ranked candidate that
    // fails the guard yet is at least as frequent as the word makes the case ambiguous: silence.
    // A candidate never seen in use (zipf 0, such as `أمزيد`, an interrogative hamza the lexicon
    // allows on any word) is no rival, however unattested the word is.
    let rival = |c: &Candidate| c.zipf > 0.0 && c.zipf >= own;
    let Some(first_pass) = cands.iter().position(passes) else {
        // A costlier explanation (a swap, a merged sound...) stands only if it beats the
        // cheaper readings that failed their guard by a clear margin.
        let rivals: Vec<Candidate> = cands.iter().filter(|c| rival(c)).cloned().collect();
        let unattested = is_unattested(dict, key);
        if let Some(v) = transposition(dict, key, own, &rivals, policy) {
            return v;
        }
        if let Some(v) = sound_or_bounce(dict, key, own, &rivals, unattested, policy) {
            return v;
        }
        return Verdict::Unknown;
    };
    if cands[..first_pass].iter().any(rival) {
        return Verdict::Unknown;
    }
    let fix = cands.remove(first_pass);
    // A dropped consonant, or a hamza whose fix is not clearly more frequent than the bare form
    // (names transliterated with a bare alef sit there too: `ابيل`, `فاين`), stands only where
    // the context backs it.
    // A long vowel dropped is a slip of typing fast, found alone; unless the word is in use as
    // written (`السعودة`, Saudisation; `جزرة`, a carrot; `سعات`, capacities): a word the lexicon
    // lacks, which the fix must then fit in its context like a dropped consonant.
    let needs_context = fix.class == EditClass::Insert
        && (!inserts_long_vowel(key, &fix.key) || own >= IN_USE_ZIPF);
    let weak = fix.class.tier() == 0 && fix.zipf - own < policy.delta_tier0;
    // Safe when no other near-free reading comes close in frequency.
    // A fix rarer than a fix must be in general (a hamza put back on a rare form) is never
    // applied unseen: such forms are where transliterated names sit (`كانتان`, `باسلمه`).
    let safe = fix.class.tier() == 0
        && fix.zipf >= policy.min_fix_zipf
        && cands
            .iter()
            .filter(|c| c.class.tier() == 0)
            .all(|c| fix.zipf - c.zipf >= policy.safe_margin);
    cands.retain(|c| in_use(dict, c, policy));
    cands.insert(0, fix);
    if cands.len() < policy.max_suggestions {
        // Further suggestions, without substitutions: the fix is already confident, and a
        // substitution search costs more than all the rest of the analysis.
        let more = candidates(dict, key, 3);
        for c in more {
            if cands.len() >= policy.max_suggestions {
                break;
            }
            if !cands.iter().any(|x| x.key == c.key) && in_use(dict, &c, policy) {
                cands.push(c);
            }
        }
    }
    cands.truncate(policy.max_suggestions);
    Verdict::Misspelled {
        candidates: cands,
        safe: safe && !weak,
        needs_context,
        weak,
    }
}

/// A lexicon word never seen in use (listed by neither frequency source) one near-free slip from
/// a frequent word (`تأست` beside `تأسست`, `المخط` beside `المخطط`): Hunspell-ar's affix grammar
/// builds the form, but nobody writes it. Misspelled when exactly one such frequent word exists
/// and the context backs it (`needs_context`); never safe.
fn unattested_known(dict: &Dictionary, key: &[u8]) -> Option<Verdict> {
    if key.len() < 3 || dict.zipf_surface(key).is_some() || dict.unigram(key) > 0 {
        return None;
    }
    if dict.is_name(key) {
        return None;
    }
    let cands: Vec<Candidate> = candidates(dict, key, 0)
        .into_iter()
        .filter(|c| c.zipf >= MIN_UNATTESTED_FIX_ZIPF)
        .collect();
    let [fix] = cands.as_slice() else {
        return None;
    };
    Some(Verdict::Misspelled {
        candidates: vec![fix.clone()],
        safe: false,
        needs_context: true,
        weak: false,
    })
}

/// Shortest word, and least frequency (zipf) of its fix, for a hamza put back on a rare form.
const MIN_LEN_RARE_RESTORE: usize = 6;
const MIN_RARE_RESTORE_ZIPF: f32 = 1.0;

/// Least frequency (zipf) of the fix of a lexicon word never seen in use.
const MIN_UNATTESTED_FIX_ZIPF: f32 = 3.0;

/// Is an alternative suggestion a word in real use: listed by wordfreq at least as frequent as a
/// fix must be ([`Policy::min_fix_zipf`])? The lexicon's affix grammar builds forms nobody writes
/// (`ألتدريبه`, `آلأنبار`); an editor should not have to read them.
fn in_use(dict: &Dictionary, c: &Candidate, policy: &Policy) -> bool {
    dict.zipf_surface(&c.key)
        .is_some_and(|z| z >= policy.min_fix_zipf)
}

/// Where an unknown word is a particle glued to the next word (`لايعمل` → `لا يعمل`, `فماهي` →
/// `فما هي`): the byte at which to split `key`, when exactly one split gives a particle of
/// `dictionaries/rules/glued-particles.txt` (with or without و/ف before it) and a lexicon word of
/// [`MIN_GLUED_LEN`] letters or more, a pair the bigram model has seen at least
/// [`MIN_GLUED_PAIR`] times. Names written joined (`عبدربه`, `داسيلفا`) start with no particle.
///
/// Returns the split and whether the pair count alone vouches for it; a split found on the
/// weaker evidence a word nobody writes allows is a name when it recurs (see
/// [`MIN_RECURRENCE_MEANT`]).
pub fn glued_words(dict: &Dictionary, key: &[u8]) -> Option<(usize, bool)> {
    if key.len() < 2 * MIN_GLUED_LEN {
        return None;
    }
    let particles = glued_particles();
    let is_particle = |a: &[u8]| {
        particles.contains(a)
            || (matches!(
                a.first(),
                Some(&crate::keymap::k::WAW | &crate::keymap::k::FEH)
            ) && particles.contains(&a[1..]))
    };
    // A word nobody writes (see `is_unattested`) needs less evidence than one in use: a
    // particle seen a few times before a word of four letters or more (`مايكفيها`), or two
    // common words (`استمرارالنظام`, `حادثمقتل`) that the bigram model may never have seen side
    // by side. Transliterated names cut into short words (`أوروبين`, `زايدمان`, `شابنام`) and
    // compound names written joined (`عبدالوحيد`, `أبوحكمة`) are not.
    let unattested = is_unattested(dict, key);
    // A particle glued to its word is itself a slip web text makes now and then: rare in use
    // (`مايكفيها`, zipf 1.36) is as good as unseen for a particle.
    let rare = dict.unigram(key) == 0
        && dict
            .zipf_surface(key)
            .is_none_or(|z| z < MAX_GLUED_PARTICLE_ZIPF);
    let mut found = None;
    for at in MIN_GLUED_LEN..=key.len() - MIN_GLUED_LEN {
        let (a, b) = key.split_at(at);
        if !dict.in_lexicon(b) {
            continue;
        }
        let pair = dict.bigram(a, b);
        let particle = is_particle(a);
        let strong = particle && pair >= MIN_GLUED_PAIR;
        let glued = strong
            || if particle {
                rare && pair >= MIN_PAIR_EVIDENCE && b.len() >= MIN_GLUED_CONTENT_LEN
            } else {
                unattested && glued_content_words(dict, a, b)
            };
        if glued {
            if found.is_some() {
                return None; // two ways to split: not sure which
            }
            found = Some((at, strong));
        }
    }
    found
}

/// Are `a` and `b` two common words written without the space between them, in a word nobody
/// writes? Both lexicon words at least [`MIN_GLUED_CONTENT_ZIPF`] frequent, and either `b`
/// carries the article (`دور` + `الطلبة`: a name seldom has it in its middle) or both have four
/// letters or more. Not the first half of a compound name (`عبد`, `أبو`).
fn glued_content_words(dict: &Dictionary, a: &[u8], b: &[u8]) -> bool {
    use crate::keymap::k;
    let common = |w: &[u8]| {
        dict.in_lexicon(w)
            && dict
                .zipf_surface(w)
                .is_some_and(|z| z >= MIN_GLUED_CONTENT_ZIPF)
    };
    let article = b.len() >= 5 && b.starts_with(&[k::ALEF, k::LAM]);
    let long = a.len() >= MIN_GLUED_CONTENT_LEN && b.len() >= MIN_GLUED_CONTENT_LEN;
    if !(article || long) || a.len() < 3 || !common(a) || !common(b) {
        return false;
    }
    let bare = a.strip_prefix(&[k::ALEF, k::LAM][..]).unwrap_or(a);
    let bare = bare.strip_prefix(&[k::WAW][..]).unwrap_or(bare);
    !compound_name_head().iter().any(|h| h.as_slice() == bare)
}

/// The first words of Arabic compound names, written joined by custom (`عبدالله`, `أبوظبي`).
fn compound_name_head() -> &'static [Vec<u8>] {
    static H: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        [
            "عبد", "أبو", "ابو", "بو", "أبي", "ابي", "أم", "ام", "ابن", "بن", "بنت",
        ]
        .iter()
        .filter_map(|w| keymap::encode(w))
        .collect()
    })
}

/// The most frequent (zipf) a particle glued to a word may be and still be taken for a slip on
/// the weaker evidence.
const MAX_GLUED_PARTICLE_ZIPF: f32 = 2.0;

/// Shortest word after a particle, or of both halves without the article, in a glued word
/// nobody writes.
const MIN_GLUED_CONTENT_LEN: usize = 4;
/// Least frequency (zipf) of each of two glued common words.
const MIN_GLUED_CONTENT_ZIPF: f32 = 4.0;

fn glued_particles() -> &'static std::collections::HashSet<Vec<u8>> {
    static P: std::sync::OnceLock<std::collections::HashSet<Vec<u8>>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        include_str!("../../../../dictionaries/rules/glued-particles.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .filter_map(keymap::encode)
            .collect()
    })
}

/// Shortest word on either side of a missing space.
pub const MIN_GLUED_LEN: usize = 2;
/// How often the two words must have been seen side by side.
pub const MIN_GLUED_PAIR: u64 = 20;

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

/// Does `fix` only put a hamza on bare alefs of `key` (`اخبار` → `أخبار`), moving none?
pub fn puts_hamza_on_bare_alef(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    key.len() == fix.len()
        && key != fix
        && key.iter().zip(fix).all(|(&a, &b)| {
            a == b
                || (a == k::ALEF
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
fn transposition(
    dict: &Dictionary,
    key: &[u8],
    own: f32,
    rivals: &[Candidate],
    policy: &Policy,
) -> Option<Verdict> {
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
    clear_winner(dict, found, own, rivals, policy)
}

/// The verdict on a word whose only explanations are `found` (a swap, a merged sound, a
/// bounced key, a neighbouring key): misspelled when the most frequent is frequent, far more
/// frequent than the word, and neither another of them nor a cheaper reading that failed its
/// own guard (`rivals`) comes close; never a safe fix, and the context must back it.
fn clear_winner(
    dict: &Dictionary,
    mut found: Vec<Candidate>,
    own: f32,
    rivals: &[Candidate],
    policy: &Policy,
) -> Option<Verdict> {
    found.sort_by(|a, b| b.zipf.total_cmp(&a.zipf));
    let best = found.first()?;
    if best.zipf < MIN_TRANSPOSE_ZIPF || best.zipf - own < policy.delta_insert {
        return None;
    }
    if rivals
        .iter()
        .any(|r| r.key != best.key && best.zipf - r.zipf < policy.safe_margin)
    {
        return None;
    }
    if found
        .get(1)
        .is_some_and(|c| best.zipf - c.zipf < policy.safe_margin)
    {
        return None;
    }
    let mut rest = found.split_off(1);
    rest.retain(|c| in_use(dict, c, policy));
    found.extend(rest);
    found.truncate(policy.max_suggestions);
    Some(Verdict::Misspelled {
        candidates: found,
        safe: false,
        needs_context: true,
        weak: false,
    })
}

/// Letters that writers confuse because their speech merges them (ظ/ض, ذ/د, ذ/ز, ث/س, ث/ت):
/// `ضاهرة` for `ظاهرة`, `الدكري` for `الذكرى`. Both directions.
const SOUND_PAIRS: [(u8, u8); 5] = [
    (0x36, 0x38), // ض ظ
    (0x2F, 0x30), // د ذ
    (0x32, 0x30), // ز ذ
    (0x33, 0x2B), // س ث
    (0x2A, 0x2B), // ت ث
];

/// An unknown word of [`MIN_LEN_TRANSPOSE`] letters or more that no cheaper edit explains, fixed
/// by one letter its writer's speech merges with another ([`SOUND_PAIRS`], or a final ة for the
/// verb's ت: `اندثرة` → `اندثرت`), possibly with a hamza or final letter put right too (`اخد` →
/// `أخذ`), or by taking out a letter typed twice where Arabic never doubles it (`االمعدل` →
/// `المعدل`, `اللأخيرة` → `الأخيرة`). Held to the guard of a
/// dropped letter: the fix at least [`MIN_TRANSPOSE_ZIPF`] frequent and [`Policy::delta_insert`]
/// more frequent than the word, no other such fix within [`Policy::safe_margin`], and the context
/// backing it (`needs_context`).
fn sound_or_bounce(
    dict: &Dictionary,
    key: &[u8],
    own: f32,
    rivals: &[Candidate],
    unattested: bool,
    policy: &Policy,
) -> Option<Verdict> {
    use crate::keymap::k;
    if key.len() < MIN_LEN_TRANSPOSE - 1 {
        return None;
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut push = |c: &[u8], class: EditClass| {
        if c != key && dict.in_lexicon(c) && !found.iter().any(|x| x.key == c) {
            found.push(Candidate {
                key: c.to_vec(),
                class,
                zipf: dict.zipf(c),
                near: true,
            });
        }
    };
    let mut buf = key.to_vec();
    let n = key.len();
    for i in 0..n {
        let orig = key[i];
        let mut alts: Vec<u8> = SOUND_PAIRS
            .iter()
            .filter_map(|&(a, b)| {
                if orig == a {
                    Some(b)
                } else if orig == b {
                    Some(a)
                } else {
                    None
                }
            })
            .collect();
        if i + 1 == n && orig == k::TEH_MARBUTA {
            alts.push(k::TEH);
        }
        // A word nobody writes, long enough that one wrong key seldom makes another word: a
        // neighbouring key or a letter of the same shape with other dots (`متفاونة`).
        if unattested && n >= MIN_LEN_NEAR_KEY {
            let near: Vec<u8> = (0x21u8..0x4B)
                .filter(|&c| c != orig && !alts.contains(&c) && edits::is_near(orig, c))
                .collect();
            alts.extend(near);
        }
        for alt in alts {
            buf[i] = alt;
            push(&buf, EditClass::Substitute);
            // With a hamza or a final ى/ة put right too: one slip of each kind.
            let sub = buf.clone();
            edits::for_each_edit(&sub, 0, &mut |c, class| {
                let also = match class {
                    EditClass::Hamza => puts_hamza_on_bare_alef(&sub, c),
                    EditClass::AlefMaqsura | EditClass::TaaMarbuta => true,
                    _ => false,
                };
                if also {
                    push(c, EditClass::Substitute);
                }
            });
        }
        buf[i] = orig;
        // A letter typed twice where Arabic never doubles it: an alef (`االمعدل`), or the
        // article's lam before an alef (`اللأخيرة`). Other letters double in real words
        // (`تتربح`, a verb of form V).
        let bounce = i + 1 < n
            && key[i] == key[i + 1]
            && (key[i] == k::ALEF
                || (key[i] == k::LAM
                    && i == 1
                    && key[0] == k::ALEF
                    && key.get(3).is_some_and(|&c| crate::keymap::is_alef_form(c))));
        if bounce {
            let mut c = key.to_vec();
            c.remove(i);
            push(&c, EditClass::Delete);
        }
    }
    let mut v = clear_winner(dict, found, own, rivals, policy)?;
    // A verb's ت written ة in a word nobody writes stands like a weak hamza fix, where no
    // neighbour looks like part of a name (the verb's neighbours are seldom seen with it:
    // `واستمرت الوحدة`), if the word is long: short ones are often rare nouns (`تولة`, a
    // measure of perfume), the derived verbs that slip so (`اندثرة`, `واستمرة`) are long.
    if let Verdict::Misspelled {
        candidates,
        needs_context,
        weak,
        ..
    } = &mut v
    {
        if unattested && key.len() >= MIN_LEN_VERB_TAA && verb_taa(key, &candidates[0].key) {
            *needs_context = false;
            *weak = true;
        }
    }
    Some(v)
}

/// Does `fix` only put the ت of a verb's ending for a final ة (`اندثرة` → `اندثرت`,
/// `واستمرة` → `واستمرت`), a hamza maybe too? A habit of writers who hear the two alike, as
/// common as ه for ة.
fn verb_taa(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    let n = key.len();
    n == fix.len()
        && n >= 2
        && key[n - 1] == k::TEH_MARBUTA
        && fix[n - 1] == k::TEH
        && (key[..n - 1] == fix[..n - 1] || puts_hamza_on_bare_alef(&key[..n - 1], &fix[..n - 1]))
}

/// Shortest word whose verb ending ت written ة is found without the context.
const MIN_LEN_VERB_TAA: usize = 6;

/// Is `key` a word nobody writes: listed by neither frequency source? Names, even rare ones, are
/// mostly seen in the web text; a slip seldom is.
fn is_unattested(dict: &Dictionary, key: &[u8]) -> bool {
    dict.zipf_surface(key).is_none() && dict.unigram(key) == 0
}

/// Shortest unattested word checked for a neighbouring key or a letter with other dots.
const MIN_LEN_NEAR_KEY: usize = 6;

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

/// Is `fix` the word `key` with a hamzat wasl put right: the hamza taken off the first letter of
/// a word (`إنتشار` → `انتشار`) or of the stem after its proclitics (`الإستثمار` →
/// `الاستثمار`, `للإستهلاك`), the stem from that alef being a word? A hamza taken off an alef
/// elsewhere changes the word (`بأبها`, "in Abha", → `بابها`, "its door"), and one on the
/// article's own alef is a loanword's spelling (`ألزهايمر`, `ألمانيا`).
pub fn hamzat_wasl_fix(dict: &Dictionary, key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    if !removes_hamza_from_alef(key, fix) {
        return false;
    }
    let Some(p) = key.iter().zip(fix).position(|(a, b)| a != b) else {
        return false;
    };
    if key[p + 1..] != fix[p + 1..] {
        return false; // a second hamza taken off: not one wasl
    }
    let stem = &fix[p..];
    let at_stem_start = p == 0 || crate::dict::clitics::splits(fix, 2).any(|s| s.prefix_len == p);
    at_stem_start && !stem.starts_with(&[k::ALEF, k::LAM]) && dict.in_lexicon(stem)
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

/// The verdict on every word of a document, computed once and shared by the rules.
pub struct Analysis {
    verdicts: Vec<Verdict>,
    /// Real-word errors, found on first use (only the context rules need them).
    realword: std::sync::OnceLock<Vec<Option<realword::RealWordFix>>>,
    /// Per-word results shared with the other documents of the same linter.
    cache: Option<std::sync::Arc<cache::WordCache>>,
}

/// Pair count with a neighbour that counts as the context backing a word.
pub const MIN_PAIR_EVIDENCE: u64 = 3;

/// The keys of the words next to word `i` in the same phrase (no punctuation or line between).
pub fn neighbours<'d>(doc: &'d Document<'_>, i: usize) -> (Option<&'d [u8]>, Option<&'d [u8]>) {
    let words = doc.words();
    let (prev, next) = neighbour_indices(doc, i);
    (
        prev.map(|j| doc.key(&words[j])),
        next.map(|j| doc.key(&words[j])),
    )
}

/// The indices of the words next to word `i` in the same phrase, as [`neighbours`].
pub fn neighbour_indices(doc: &Document<'_>, i: usize) -> (Option<usize>, Option<usize>) {
    let words = doc.words();
    let prev = (i > 0 && words[i].joined_prev).then(|| i - 1);
    let next = words.get(i + 1).filter(|w| w.joined_prev).map(|_| i + 1);
    (prev, next)
}

/// How a neighbour may be read when the context of a word is weighed: as written and, where it
/// may itself be a hamza left off, with the hamza (`ان` → `أن`, `إن`; `الامر` → `الأمر`). A
/// writer who drops one hamza drops them all, so the neighbours of a bare word are bare too, and
/// the bigram model has seen a bare pair (`ان اكثر`, 19 times) more often than a bare word beside
/// a right one (`ان أكثر`, 3 times): read as written, the context takes the bare word's side.
/// The readings are the word, the fix of an unknown word when it only puts a hamza back, and a
/// known word's lexicon variants with a hamza on a bare alef that are in use
/// ([`MIN_READING_ZIPF`]) and about as frequent as the word or more ([`READING_ZIPF_MARGIN`]).
pub fn neighbour_readings(dict: &Dictionary, key: &[u8], verdict: &Verdict) -> Vec<Vec<u8>> {
    let mut out = vec![key.to_vec()];
    match verdict {
        Verdict::Misspelled { candidates, .. } => {
            if let Some(c) = candidates
                .first()
                .filter(|c| puts_hamza_on_bare_alef(key, &c.key))
            {
                out.push(c.key.clone());
            }
        }
        Verdict::Known if key.contains(&crate::keymap::k::ALEF) => {
            let own = dict.zipf(key);
            let mut v = Vec::new();
            dict.confusables(key, &mut v);
            for (c, class) in v {
                let z = dict.zipf(&c);
                if class == EditClass::Hamza
                    && puts_hamza_on_bare_alef(key, &c)
                    && z >= MIN_READING_ZIPF
                    && z >= own - READING_ZIPF_MARGIN
                {
                    out.push(c);
                }
            }
        }
        _ => {}
    }
    out
}

/// The readings as slices, for [`context::Lm::evidence_among`].
pub fn as_slices(v: &[Vec<u8>]) -> Vec<&[u8]> {
    v.iter().map(Vec::as_slice).collect()
}

/// The least frequency (zipf, wordfreq) of an unknown word in use as written: a long vowel
/// restored to it needs the context's backing.
pub const IN_USE_ZIPF: f32 = 2.0;

/// Least frequency (zipf) of a neighbour's reading with a hamza.
pub const MIN_READING_ZIPF: f32 = 3.0;
/// How much rarer (zipf) than the bare neighbour its reading with a hamza may be (`إن` 6.27
/// beside `ان` 6.31: the bare form's frequency is mostly other words' dropped hamzas).
pub const READING_ZIPF_MARGIN: f32 = 0.5;

/// An unknown word written this many times in one document is taken as meant, unless its fix
/// is a [`habitual_slip`].
pub const MIN_RECURRENCE_MEANT: u32 = 2;

/// Slips that recur by habit or by a pipeline's fault: a hamza left off an alef (`اعلن`), ه for
/// ة, ي for ى, a doubled letter squeezed, these together (`الي` for `إلى`), an old hamza seat
/// (`الطارىء` for `الطارئ`), and an alef typed twice (`االمعدل`). A hamzat wasl written with a hamza recurs by habit too (see
/// [`hamzat_wasl_fix`]). A letter dropped, added or swapped, or a hamza seat written as ي
/// or و (`العايد`, a family name, beside `العائد`) is a one-off when it recurs.
pub fn habitual_slip(key: &[u8], fix: &Candidate) -> bool {
    match fix.class {
        EditClass::Squeeze | EditClass::TaaMarbuta | EditClass::AlefMaqsura => true,
        // A key that bounced where Arabic never doubles the letter (`االمعدل`): a keyboard's
        // or a pipeline's fault, repeated wherever it struck.
        EditClass::Delete => doubled_alef_removed(key, &fix.key),
        EditClass::Hamza => {
            (only_habitual_letters(key, &fix.key) && !removes_hamza_from_alef(key, &fix.key))
                || edits::modernises_hamza_seat(key, &fix.key)
        }
        _ => false,
    }
}

/// Is `fix` the word `key` with one alef of a doubled alef taken out?
fn doubled_alef_removed(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::k;
    key.len() == fix.len() + 1
        && key.windows(2).enumerate().any(|(i, w)| {
            w == [k::ALEF, k::ALEF] && key[..i] == fix[..i] && key[i + 1..] == fix[i..]
        })
}

/// Does `fix` differ from `key` only in alef forms (a hamza put on, taken off or moved between
/// alefs) and in a final ي/ى or ه → ة? Those are the letters a writer gets wrong by habit.
pub fn only_habitual_letters(key: &[u8], fix: &[u8]) -> bool {
    use crate::keymap::{is_alef_form, k};
    let n = key.len();
    n == fix.len()
        && key != fix
        && key.iter().zip(fix).enumerate().all(|(i, (&a, &b))| {
            a == b
                || (is_alef_form(a) && is_alef_form(b))
                || (i + 1 == n
                    && matches!(
                        (a, b),
                        (k::YEH, k::ALEF_MAKSURA)
                            | (k::ALEF_MAKSURA, k::YEH)
                            | (k::HEH, k::TEH_MARBUTA)
                    ))
        })
}

/// Shortest word whose weak hamza fix stands without the context's backing: short
/// transliterations (`بام`, `فاين`, `لالو`) make bare-alef "errors" of clitic + word.
const MIN_LEN_WEAK_ALONE: usize = 5;

/// The verdict of word `i` by its type (before the per-word passes).
fn verdicts_before<'v>(word_type: &[u32], types: &'v [Verdict], i: usize) -> Option<&'v Verdict> {
    word_type.get(i).and_then(|&t| types.get(t as usize))
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
                unattested_known(dict, key).unwrap_or(Verdict::Known)
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
                // A hamza put back on a rare form is a habit only across words: the same rare
                // form written again and again is a name (`باسلمه`, `استبرق`).
                let rare = candidates[0].zipf < policy.min_fix_zipf;
                if occurrences[t] >= MIN_RECURRENCE_MEANT
                    && (rare
                        || !habitual_slip(types[t], &candidates[0])
                            && !hamzat_wasl_fix(dict, types[t], &candidates[0].key))
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
        // A weak hamza fix on a short word, or beside a word that looks like part of a name (an
        // unknown word, a name the lexicon lacks: `ستيج ابيل`, `فاوري جانسنبي`), needs the
        // context's backing too.
        let name_like = |j: usize| {
            matches!(
                verdicts_before(&word_type, &type_verdicts, j),
                Some(Verdict::Unknown)
            ) || (!words[j].glued && {
                let k = doc.key(&words[j]);
                dict.is_name(k) && !dict.in_lexicon(k)
            })
        };
        let weak_needs_context: Vec<bool> = (0..words.len())
            .map(|i| {
                let Some(Verdict::Misspelled { weak: true, .. }) =
                    verdicts_before(&word_type, &type_verdicts, i)
                else {
                    return false;
                };
                let joined_prev = i > 0 && words[i].joined_prev;
                let joined_next = words.get(i + 1).is_some_and(|w| w.joined_prev);
                doc.key(&words[i]).len() < MIN_LEN_WEAK_ALONE
                    || (joined_prev && name_like(i - 1))
                    || (joined_next && name_like(i + 1))
            })
            .collect();
        // Fixes that need the context's backing: the fix must occur with a neighbour.
        let lm = context::Lm::new(dict);
        for (i, v) in verdicts.iter_mut().enumerate() {
            let Verdict::Misspelled {
                candidates,
                needs_context,
                ..
            } = v
            else {
                continue;
            };
            if !*needs_context && !weak_needs_context[i] {
                continue;
            }
            let (prev, next) = neighbour_indices(doc, i);
            let readings = |j: Option<usize>| -> Vec<Vec<u8>> {
                let Some(j) = j else { return Vec::new() };
                let key = doc.key(&words[j]);
                match verdicts_before(&word_type, &type_verdicts, j) {
                    Some(v) => neighbour_readings(dict, key, v),
                    None => vec![key.to_vec()],
                }
            };
            let (prevs, nexts) = (readings(prev), readings(next));
            let fix = &candidates[0].key;
            // A merged sound, a wrong key or a bounced one is a costlier explanation than a
            // dropped or swapped letter: the neighbour must be seen with the fix more than
            // chance would pair them (`التعاون الخليجي`), not merely be a word seen beside
            // everything (`في`, `الذي`).
            let key = doc.key(&words[i]);
            // Arabic never writes two alefs running: no context needed to see the bounced key.
            let backed = if doubled_alef_removed(key, fix) {
                true
            } else if matches!(
                candidates[0].class,
                EditClass::Substitute | EditClass::Delete
            ) && !verb_taa(key, fix)
            {
                prevs.iter().any(|p| lm.associated(p, fix))
                    || nexts.iter().any(|n| lm.associated(fix, n))
            } else {
                let e = lm.evidence_among(&as_slices(&prevs), fix, &as_slices(&nexts));
                e.left.max(e.right) >= MIN_PAIR_EVIDENCE
            };
            if !backed {
                *v = Verdict::Unknown;
            }
        }
        Self {
            verdicts,
            realword: std::sync::OnceLock::new(),
            cache,
        }
    }

    /// The verdict on `doc.words()[i]`.
    pub fn verdict(&self, i: usize) -> &Verdict {
        &self.verdicts[i]
    }

    pub fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
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

    /// A wrong key in a word nobody writes (`الخليخي`), or a final ة for a verb's ت beside a
    /// cheaper reading far rarer than the fix (`واستمرة`: `واستمارة`), is found; a wrong key
    /// needs a neighbour seen with the fix more than chance would pair them.
    #[test]
    fn a_wrong_key_is_fixed_where_an_associated_neighbour_backs_it() {
        assert_eq!(
            misspelled("وقادة دول مجلس التعاون الخليخي في القمة"),
            vec!["الخليخي"]
        );
        assert!(misspelled("في الخليخي").is_empty());
        assert_eq!(
            misspelled("في الوقت القريب واستمرة الوحدة الصحية لبضع سنوات"),
            vec!["واستمرة"]
        );
    }

    /// A hamza left off a rare form with clitics (`لاحباطها`) is found, never as a safe fix;
    /// the same rare form written again and again is a name (`باسلمه`).
    #[test]
    fn a_hamza_left_off_a_rare_form_is_found_once_but_not_when_it_recurs() {
        let d = dict();
        let text = "سيعترضون على الخطة في المحاكم وسيسعون لاحباطها داخل الكونغرس";
        assert_eq!(misspelled(text), vec!["لاحباطها"]);
        let key = crate::keymap::encode("لاحباطها").unwrap();
        let Verdict::Misspelled {
            candidates, safe, ..
        } = analyse_key(&d, &key, &Policy::default())
        else {
            panic!("not misspelled");
        };
        assert_eq!(candidates[0].text(), "لإحباطها");
        assert!(!safe);
        let twice = "قال الوزير بدر باسلمه إن الفريق وصل. وأضاف باسلمه أن العمل بدأ.";
        assert!(misspelled(twice).is_empty());
    }

    /// Two alefs never run in an Arabic word: a bounced key, found without the context and
    /// however often it recurs.
    #[test]
    fn a_doubled_alef_is_a_slip_wherever_it_recurs() {
        let text = "ينتج النبات االمعدل وراثيا بذورا. ويزرع النبات االمعدل وراثيا في الحقول.";
        assert_eq!(misspelled(text), vec!["االمعدل", "االمعدل"]);
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
        assert!(transposition(&d, &short, 0.0, &[], &Policy::default()).is_none());
        let long = crate::keymap::encode("كليومترات").unwrap();
        assert!(transposition(&d, &long, 0.0, &[], &Policy::default()).is_some());
    }

    #[test]
    fn a_hamza_seat_written_as_yeh_twice_is_taken_as_meant() {
        // `العايد` is a family name as well as a slip for `العائد`: once it is flagged, twice
        // it is the writer's spelling.
        assert_eq!(misspelled("أعلن العايد النتائج"), vec!["العايد"]);
        assert!(misspelled("أعلن العايد النتائج، وقال العايد إن").is_empty());
    }

    #[test]
    fn a_hamzat_wasl_with_a_hamza_recurs_by_habit_but_only_on_the_stem_start() {
        // Written twice, still a slip: a hamza on a hamzat wasl is a habit.
        let got = misspelled("ارتفع حجم الإستثمار الأجنبي، وتسعى الحكومة إلى جذب الإستثمار");
        assert_eq!(got, vec!["الإستثمار", "الإستثمار"]);
        // A hamza in a stem that is not a wasl is the word itself: `بأبها` is "in Abha".
        let d = dict();
        for (word, fix) in [("بأبها", "بابها"), ("ألزهايمر", "الزهايمر")]
        {
            let (w, f) = (keymap::encode(word).unwrap(), keymap::encode(fix).unwrap());
            assert!(!hamzat_wasl_fix(&d, &w, &f), "{word}");
        }
        let (w, f) = (
            keymap::encode("للإستهلاك").unwrap(),
            keymap::encode("للاستهلاك").unwrap(),
        );
        assert!(hamzat_wasl_fix(&d, &w, &f));
    }

    #[test]
    fn a_hamza_and_a_final_yeh_together_recur_by_habit() {
        assert_eq!(
            misspelled("وصل الوفد الي الرياض ثم انتقل الي جدة"),
            vec!["الي", "الي"]
        );
    }

    #[test]
    fn a_bare_alef_slightly_rarer_than_its_fix_is_flagged_unless_it_looks_like_a_name() {
        // Web text drops hamzas so often that `الانترنت` is nearly as frequent as `الإنترنت`.
        assert_eq!(
            misspelled("نشر التنظيم رسائل على الانترنت أمس"),
            vec!["الانترنت"]
        );
        // A short transliterated name beside another unknown word is left alone.
        assert!(misspelled("وقال ستيج ابيل رئيس التحرير").is_empty());
    }

    #[test]
    fn letters_merged_in_speech_and_letters_typed_twice() {
        // ذ written د, with the final ى written ي; ظ written ض.
        assert_eq!(misspelled("أكد المدير التنفيدي للشركة"), vec!["التنفيدي"]);
        let d = dict();
        let key = keymap::encode("التنفيدي").unwrap();
        let Verdict::Misspelled { candidates, .. } = analyse_key(&d, &key, &Policy::default())
        else {
            panic!("not misspelled");
        };
        assert_eq!(candidates[0].text(), "التنفيذي");
        // The article typed with a doubled lam; a doubled alef.
        assert_eq!(misspelled("في الحلقة اللأخيرة من"), vec!["اللأخيرة"]);
        // A doubled letter that Arabic grammar makes is left alone (form V: `تتربح`).
        assert!(misspelled("قالت المنظمة إنها لم تتربح من").is_empty());
    }

    #[test]
    fn alternatives_are_words_in_use() {
        let d = dict();
        let key = keymap::encode("التدريبة").unwrap();
        let Verdict::Misspelled { candidates, .. } = analyse_key(&d, &key, &Policy::default())
        else {
            panic!("not misspelled");
        };
        let texts: Vec<String> = candidates.iter().map(Candidate::text).collect();
        assert_eq!(texts[0], "التدريبية");
        // `ألتدريبه` is a form the affix grammar builds and nobody writes.
        assert!(!texts.contains(&"ألتدريبه".to_string()), "{texts:?}");
        for c in &candidates[1..] {
            assert!(
                d.zipf_surface(&c.key).is_some_and(|z| z >= 2.0),
                "{}",
                c.text()
            );
        }
    }

    #[test]
    fn madda_for_hamza_in_loanwords_is_an_accepted_variant() {
        assert!(misspelled("الآيديولوجية المتطرفة في آيرلندا").is_empty());
        assert_eq!(misspelled("اخبار العراق"), vec!["اخبار"]);
    }
}
