//! A cache of per-word results shared by every document a linter checks.
//!
//! The verdict on a word (known, misspelled with its candidates, unknown) and its real-word
//! candidates depend on the word, the dictionary and the policy only, never on the document, so a
//! linter that checks many files (a directory, the pieces of a large file, an editor session)
//! computes them once per word. Reads and writes go through a few locked shards: lookups are per
//! distinct word of a document, not per token, so contention stays low. The cache stops growing at
//! a fixed number of entries, which bounds its memory (a few tens of MB) on any input.

use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::spell::{Relation, Verdict};

const SHARDS: usize = 32;
/// Entries per shard: 32 × 8,192 = 262,144 words, far more than the distinct words of a year of
/// news, and about 30 MB at most.
const PER_SHARD: usize = 8_192;

/// Real-word candidates of one word.
pub type Confusables = Arc<Vec<(Vec<u8>, Relation)>>;

#[derive(Default)]
struct Entry {
    verdict: Option<Verdict>,
    confusables: Option<Confusables>,
}

/// See the module documentation.
pub struct WordCache {
    shards: Vec<Mutex<FxHashMap<Box<[u8]>, Entry>>>,
}

impl Default for WordCache {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for WordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordCache")
            .field("len", &self.len())
            .finish()
    }
}

impl WordCache {
    pub fn new() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }

    fn shard(&self, key: &[u8]) -> std::sync::MutexGuard<'_, FxHashMap<Box<[u8]>, Entry>> {
        let h = FxBuildHasher.hash_one(key);
        // A poisoned shard only means another thread panicked mid-insert: the map is still valid.
        self.shards[(h as usize) % SHARDS]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Entries cached so far.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn verdict(&self, key: &[u8]) -> Option<Verdict> {
        self.shard(key).get(key).and_then(|e| e.verdict.clone())
    }

    pub fn set_verdict(&self, key: &[u8], verdict: &Verdict) {
        self.update(key, |e| e.verdict = Some(verdict.clone()));
    }

    pub fn confusables(&self, key: &[u8]) -> Option<Confusables> {
        self.shard(key).get(key).and_then(|e| e.confusables.clone())
    }

    pub fn set_confusables(&self, key: &[u8], c: &Confusables) {
        self.update(key, |e| e.confusables = Some(c.clone()));
    }

    fn update(&self, key: &[u8], f: impl FnOnce(&mut Entry)) {
        let mut shard = self.shard(key);
        if let Some(e) = shard.get_mut(key) {
            f(e);
        } else if shard.len() < PER_SHARD {
            let mut e = Entry::default();
            f(&mut e);
            shard.insert(key.into(), e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, SourceKind};
    use crate::spell::{Analysis, Policy};
    use crate::testing::dict;

    #[test]
    fn a_cached_analysis_equals_a_fresh_one() {
        let d = dict();
        let cache = Arc::new(WordCache::new());
        let text =
            "وصل وفد المؤسات إلى القاء مع رئيس الجنة، وقال الامين العام ان ستولتنبرغ سيحضر القاء";
        let doc = Document::new(text, SourceKind::Plain);
        let fresh = Analysis::new(&doc, &d, &Policy::default());
        let first = Analysis::with_cache(&doc, &d, &Policy::default(), Some(cache.clone()));
        assert!(!cache.is_empty());
        let second = Analysis::with_cache(&doc, &d, &Policy::default(), Some(cache.clone()));
        assert_eq!(fresh.verdicts(), first.verdicts());
        assert_eq!(fresh.verdicts(), second.verdicts());
        assert_eq!(fresh.realword(&doc, &d), second.realword(&doc, &d));
        // The misspelled words are found through the cache too.
        let misspelled = second
            .verdicts()
            .iter()
            .filter(|v| matches!(v, Verdict::Misspelled { .. }))
            .count();
        assert!(misspelled >= 2, "{misspelled}");
    }

    #[test]
    fn the_cache_stops_growing_at_its_bound() {
        let cache = WordCache::new();
        for i in 0..(SHARDS * PER_SHARD + 5_000) as u32 {
            cache.set_verdict(&i.to_le_bytes(), &Verdict::Known);
        }
        assert!(cache.len() <= SHARDS * PER_SHARD);
        assert!(cache.len() > SHARDS * PER_SHARD / 2);
    }
}
