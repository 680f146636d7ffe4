//! An FST automaton matching the keys one edit away from a word (an inserted, deleted or
//! substituted letter, or two neighbours swapped). One walk of the FST finds them all, visiting
//! only prefixes that can still match: much cheaper than generating every edit and looking each
//! up (a 9-letter word has ~700 such edits).
//!
//! The automaton simulates the usual edit NFA with bitsets over key positions (keys of up to 62
//! letters; longer words are not searched): `a` = positions reached with no edit, `b` = with one
//! edit, `p` = a swap half done (read `key[i+1]`, expecting `key[i]`).

use fst::Automaton;

/// Which edits the automaton allows.
#[derive(Clone, Copy, Debug)]
pub struct Edits {
    pub insert: bool,
    pub delete: bool,
    pub substitute: bool,
    pub transpose: bool,
}

impl Edits {
    pub const ALL: Edits = Edits {
        insert: true,
        delete: true,
        substitute: true,
        transpose: true,
    };
    pub const INSERT: Edits = Edits {
        insert: true,
        delete: false,
        substitute: false,
        transpose: false,
    };
}

pub struct OneEdit<'k> {
    key: &'k [u8],
    edits: Edits,
    /// For each byte, the positions of the key holding it.
    masks: [u64; 128],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct St {
    a: u64,
    b: u64,
    p: u64,
}

/// Longest key the automaton handles.
pub const MAX_LEN: usize = 62;

impl<'k> OneEdit<'k> {
    /// `None` if the key is too long.
    pub fn new(key: &'k [u8], edits: Edits) -> Option<Self> {
        if key.len() > MAX_LEN {
            return None;
        }
        let mut masks = [0u64; 128];
        for (i, &k) in key.iter().enumerate() {
            if let Some(m) = masks.get_mut(k as usize) {
                *m |= 1 << i;
            }
        }
        Some(Self { key, edits, masks })
    }

    /// Add the deletions reachable without reading: skipping `key[i]` from an edit-free `i`.
    fn close(&self, mut s: St) -> St {
        if self.edits.delete {
            let n = self.key.len();
            let within = (1u64 << n) - 1; // positions 0..n-1 have a letter to skip
            s.b |= (s.a & within) << 1;
        }
        s
    }

    #[inline]
    fn mask(&self, byte: u8) -> u64 {
        self.masks.get(byte as usize).copied().unwrap_or(0)
    }
}

impl Automaton for OneEdit<'_> {
    type State = St;

    fn start(&self) -> St {
        self.close(St { a: 1, b: 0, p: 0 })
    }

    fn is_match(&self, s: &St) -> bool {
        s.b & (1 << self.key.len()) != 0
    }

    fn can_match(&self, s: &St) -> bool {
        s.a | s.b | s.p != 0
    }

    fn accept(&self, s: &St, byte: u8) -> St {
        let n = self.key.len();
        let within = (1u64 << n) - 1;
        let m = self.mask(byte);
        let a = (s.a & m) << 1;
        let mut b = (s.b & m) << 1;
        let mut p = 0;
        if self.edits.insert {
            b |= s.a; // `byte` inserted before key[i]
        }
        if self.edits.substitute {
            b |= (s.a & !m & within) << 1;
        }
        if self.edits.transpose {
            // Read key[i+1] where key[i] was due (and they differ): expect key[i] next.
            let next_is = (m >> 1) & !m & within;
            p = s.a & next_is;
            // Complete a swap: p holds i, read key[i], land on i+2.
            b |= (s.p & m) << 2;
        }
        self.close(St { a, b, p })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fst::{IntoStreamer, Set, Streamer};

    use super::*;
    use crate::keymap::encode;
    use crate::spell::edits::{for_each_edit, EditClass};

    fn set(words: &[&str]) -> Set<Vec<u8>> {
        let mut keys: Vec<Vec<u8>> = words.iter().map(|w| encode(w).unwrap()).collect();
        keys.sort();
        keys.dedup();
        Set::from_iter(keys).unwrap()
    }

    fn search(s: &Set<Vec<u8>>, key: &[u8], edits: Edits) -> BTreeSet<Vec<u8>> {
        let aut = OneEdit::new(key, edits).unwrap();
        let mut st = s.search(aut).into_stream();
        let mut out = BTreeSet::new();
        while let Some(k) = st.next() {
            out.insert(k.to_vec());
        }
        out
    }

    #[test]
    fn matches_exactly_the_brute_force_edits() {
        let words = [
            "اللقاء",
            "القاء",
            "لقاء",
            "إلقاء",
            "الفاء",
            "التدريبية",
            "التدريبة",
            "التدريب",
            "مدرسة",
            "مدسرة",
            "مدرسه",
            "مدرسات",
            "درسة",
            "مدرشة",
            "امدرسة",
            "مدرستة",
            "تعاون",
            "التعاون",
            "للتعاون",
            "لتعاون",
            "بروتوكولات",
        ];
        let s = set(&words);
        for w in words {
            let key = encode(w).unwrap();
            let mut brute = BTreeSet::new();
            for_each_edit(&key, 4, &mut |c, class| {
                if c != key.as_slice() && class.tier() >= 1 && s.contains(c) {
                    brute.insert(c.to_vec());
                }
            });
            // Tier-0 edits that are single edits too (a squeeze is an insertion, a hamza or
            // final-letter swap a substitution) are found by the automaton as well.
            for_each_edit(&key, 0, &mut |c, class| {
                let single = class == EditClass::Squeeze
                    || c.len() == key.len()
                        && c.iter().zip(&key).filter(|(x, y)| x != y).count() == 1
                    || c.len() == key.len() + 1;
                if c != key.as_slice() && single && s.contains(c) {
                    brute.insert(c.to_vec());
                }
            });
            let found = search(&s, &key, Edits::ALL);
            assert_eq!(found, brute, "{w}");
        }
    }

    #[test]
    fn insert_only() {
        let s = set(&["التدريبية", "التدريب", "التدريبة"]);
        let found = search(&s, &encode("التدريبة").unwrap(), Edits::INSERT);
        assert_eq!(found, [encode("التدريبية").unwrap()].into_iter().collect());
    }
}
