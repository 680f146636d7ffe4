//! The dictionary: FSTs compiled by `build.rs` from the sources in `dictionaries/` and embedded
//! in the binary, so loading is a pointer cast, not a parse.
//!
//! - `lexicon`: every word form Hunspell-ar accepts (its affix rules expanded, clitics included);
//! - `names`: people, places, organisations and other proper nouns;
//! - `frequent`: words frequent in wordfreq that the lexicon lacks and that are not a cheap
//!   misspelling of a dictionary word (names, brands, modern words): accepted, never suggested;
//! - `freq`: wordfreq's Arabic frequencies (zipf × 100) — used to rank and to guard, never to
//!   accept a word;
//! - `unigrams`/`bigrams`: ar-corrector's word and word-pair counts, for context rules.
//!
//! Keys are `keymap` keys: one byte a letter, marks dropped.

pub mod clitics;

use std::collections::HashSet;

use fst::{IntoStreamer, Map, Set, Streamer};
use tadqiq_dictgen::edits::EditClass;

use crate::keymap;

static LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));
static NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static FREQUENT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frequent.fst"));
static FREQ: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freq.fst"));
static UNIGRAMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/unigrams.fst"));
static BIGRAMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.fst"));
static FREQLEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freqlex.fst"));
static DELETIONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/deletions.fst"));
static CONFUSABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/confusables.fst"));
static UNIGRAM_TOTAL: &str = include_str!(concat!(env!("OUT_DIR"), "/unigram_total.txt"));

/// Byte between a deletion variant and the restoring letter (as the build writes it).
const DELETION_SEP: u8 = 0x01;

/// Byte between a word and its confusable in the confusables map (as the build writes it).
const CONFUSABLE_SEP: u8 = 0x01;

/// Byte that separates the two words of a bigram key (not a letter byte).
pub const BIGRAM_SEP: u8 = b' ';

/// Zipf penalty per proclitic morpheme when a clitic form's frequency is estimated from its stem.
const CLITIC_ZIPF_PENALTY: f32 = 0.6;

/// How a key is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// Hunspell-ar accepts it.
    Lexicon,
    /// A proper noun, possibly with proclitics.
    Name,
    /// Frequent in general text (wordfreq) though the lexicon lacks it, possibly with proclitics.
    Frequent,
    /// In the project's own word list, possibly with proclitics.
    Project,
}

pub struct Dictionary {
    lexicon: Set<&'static [u8]>,
    names: Set<&'static [u8]>,
    frequent: Set<&'static [u8]>,
    freq: Map<&'static [u8]>,
    unigrams: Map<&'static [u8]>,
    bigrams: Map<&'static [u8]>,
    confusables: Map<&'static [u8]>,
    /// Lexicon words that wordfreq lists (zipf ≥ 1): where suggestions are searched.
    freqlex: Set<&'static [u8]>,
    /// Frequent words (zipf ≥ 2) indexed by each single deletion.
    deletions: Set<&'static [u8]>,
    project: HashSet<Vec<u8>>,
}

impl Dictionary {
    /// The dictionary embedded in the binary. Costs a few header checks, no parsing.
    pub fn embedded() -> Self {
        let set = |b: &'static [u8], what| {
            Set::new(b).unwrap_or_else(|e| panic!("embedded {what} FST is corrupt: {e}"))
        };
        let map = |b: &'static [u8], what| {
            Map::new(b).unwrap_or_else(|e| panic!("embedded {what} FST is corrupt: {e}"))
        };
        Self {
            lexicon: set(LEXICON, "lexicon"),
            names: set(NAMES, "names"),
            frequent: set(FREQUENT, "frequent-words"),
            freq: map(FREQ, "frequency"),
            unigrams: map(UNIGRAMS, "unigram"),
            bigrams: map(BIGRAMS, "bigram"),
            confusables: map(CONFUSABLES, "confusables"),
            freqlex: set(FREQLEX, "frequent-lexicon"),
            deletions: set(DELETIONS, "deletions"),
            project: HashSet::new(),
        }
    }

    /// Add a project's own words (one per item; non-Arabic items are ignored and returned).
    pub fn add_project_words<'w>(
        &mut self,
        words: impl IntoIterator<Item = &'w str>,
    ) -> Vec<&'w str> {
        let mut rejected = Vec::new();
        for w in words {
            match keymap::encode(w.trim()) {
                Some(k) => {
                    self.project.insert(k);
                }
                None => rejected.push(w),
            }
        }
        rejected
    }

    /// Sizes of the embedded FSTs in bytes, and entry counts, for `tadqiq --version` and docs.
    pub fn stats(&self) -> DictStats {
        DictStats {
            lexicon_forms: self.lexicon.len(),
            lexicon_bytes: LEXICON.len(),
            names: self.names.len(),
            frequencies: self.freq.len(),
            bigrams: self.bigrams.len(),
            total_bytes: CONFUSABLES.len()
                + FREQLEX.len()
                + DELETIONS.len()
                + LEXICON.len()
                + NAMES.len()
                + FREQUENT.len()
                + FREQ.len()
                + UNIGRAMS.len()
                + BIGRAMS.len(),
        }
    }

    /// Is the key a form Hunspell-ar accepts?
    #[inline]
    pub fn in_lexicon(&self, key: &[u8]) -> bool {
        self.lexicon.contains(key)
    }

    /// How the key is known, if it is: lexicon first, then names, frequent words and project
    /// words (these three with proclitics).
    pub fn known(&self, key: &[u8]) -> Option<Known> {
        if self.lexicon.contains(key) {
            return Some(Known::Lexicon);
        }
        if self.is_name(key) {
            return Some(Known::Name);
        }
        if self.with_proclitics(key, |k| self.frequent.contains(k)) {
            return Some(Known::Frequent);
        }
        if !self.project.is_empty() && self.with_proclitics(key, |k| self.project.contains(k)) {
            return Some(Known::Project);
        }
        None
    }

    pub fn is_known(&self, key: &[u8]) -> bool {
        self.known(key).is_some()
    }

    /// Is the key a proper noun, alone or with proclitics (`بالناتو`, `لستولتنبرغ`)?
    pub fn is_name(&self, key: &[u8]) -> bool {
        self.with_proclitics(key, |k| self.names.contains(k))
    }

    fn with_proclitics(&self, key: &[u8], mut found: impl FnMut(&[u8]) -> bool) -> bool {
        if found(key) {
            return true;
        }
        let mut buf = Vec::with_capacity(key.len());
        clitics::splits(key, 2).any(|s| {
            clitics::stem_key(key, s, &mut buf);
            found(&buf)
        })
    }

    /// wordfreq's zipf frequency of this exact form, if listed.
    #[inline]
    pub fn zipf_surface(&self, key: &[u8]) -> Option<f32> {
        self.freq.get(key).map(|v| v as f32 / 100.0)
    }

    /// The zipf frequency of a form: its own if listed, else estimated from its stem under
    /// proclitics (less a penalty a morpheme), else 0.
    pub fn zipf(&self, key: &[u8]) -> f32 {
        if let Some(z) = self.zipf_surface(key) {
            return z;
        }
        let mut buf = Vec::with_capacity(key.len());
        let mut best = 0.0f32;
        for s in clitics::splits(key, 2) {
            clitics::stem_key(key, s, &mut buf);
            if let Some(z) = self.zipf_surface(&buf) {
                best = best.max(z - CLITIC_ZIPF_PENALTY * s.morphemes as f32);
            }
        }
        best
    }

    /// ar-corrector's count of the word.
    #[inline]
    pub fn unigram(&self, key: &[u8]) -> u64 {
        self.unigrams.get(key).unwrap_or(0)
    }

    /// Total of ar-corrector's word counts (the size of its corpus in words).
    pub fn unigram_total(&self) -> u64 {
        UNIGRAM_TOTAL.trim().parse().expect("build writes a number")
    }

    /// ar-corrector's count of the word pair `a b`.
    pub fn bigram(&self, a: &[u8], b: &[u8]) -> u64 {
        let mut k = Vec::with_capacity(a.len() + b.len() + 1);
        k.extend_from_slice(a);
        k.push(BIGRAM_SEP);
        k.extend_from_slice(b);
        self.bigrams.get(&k).unwrap_or(0)
    }

    /// The frequent lexicon words one slip away from `key` (see
    /// `tadqiq_dictgen::edits::for_each_slip`), precomputed for the bigram vocabulary.
    pub fn confusables(&self, key: &[u8], out: &mut Vec<(Vec<u8>, EditClass)>) {
        let mut lo = key.to_vec();
        lo.push(CONFUSABLE_SEP);
        let mut hi = key.to_vec();
        hi.push(CONFUSABLE_SEP + 1);
        let mut s = self.confusables.range().ge(&lo).lt(&hi).into_stream();
        while let Some((k, v)) = s.next() {
            if let Some(class) = EditClass::from_code(v) {
                out.push((k[lo.len()..].to_vec(), class));
            }
        }
    }

    /// Is the key exactly a listed name (no clitics)?
    #[inline]
    pub fn is_exact_name(&self, key: &[u8]) -> bool {
        self.names.contains(key)
    }

    /// Call `f` with every frequent word (zipf ≥ 2) that `key` is with one letter dropped.
    pub fn for_each_insertion(&self, key: &[u8], f: &mut dyn FnMut(&[u8])) {
        let mut lo = key.to_vec();
        lo.push(DELETION_SEP);
        let mut hi = key.to_vec();
        hi.push(DELETION_SEP + 1);
        let mut s = self.deletions.range().ge(&lo).lt(&hi).into_stream();
        let mut cand = Vec::with_capacity(key.len() + 1);
        while let Some(k) = s.next() {
            let (Some(&pos), Some(&letter)) = (k.get(lo.len()), k.get(lo.len() + 1)) else {
                continue;
            };
            let pos = (pos as usize).saturating_sub(1).min(key.len());
            cand.clear();
            cand.extend_from_slice(&key[..pos]);
            cand.push(letter);
            cand.extend_from_slice(&key[pos..]);
            f(&cand);
        }
    }

    /// Call `f` with every frequent lexicon word (see `freqlex`) the automaton matches.
    pub fn for_each_frequent_match<A: fst::Automaton>(&self, aut: &A, f: &mut dyn FnMut(&[u8])) {
        let mut s = self.freqlex.search(aut).into_stream();
        while let Some(k) = s.next() {
            f(k);
        }
    }

    /// The lexicon FST, for automaton searches.
    pub fn lexicon(&self) -> &Set<&'static [u8]> {
        &self.lexicon
    }
}

#[derive(Clone, Copy, Debug)]
pub struct DictStats {
    pub lexicon_forms: usize,
    pub lexicon_bytes: usize,
    pub names: usize,
    pub frequencies: usize,
    pub bigrams: usize,
    pub total_bytes: usize,
}
