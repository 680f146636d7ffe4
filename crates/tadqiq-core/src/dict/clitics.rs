//! Proclitics: the conjunction (و ف), preposition (ب ك ل) and definite article (ال) that Arabic
//! writes joined to a word. Hunspell's lexicon already holds every valid combination for its own
//! words; this module lets tadqiq apply the same combinations to words it knows from elsewhere
//! (the names list, a project's word list) and estimate the frequency of a clitic form from the
//! frequency of its stem.
//!
//! Valid sequences: `[و|ف]? [ب|ك|ل]? [ال]?`, with `ل + ال` written `لل` (the alef drops). So
//! `وبالمؤسسات` = و + ب + ال + مؤسسات, `للتعاون` = ل + ال + تعاون; `لالتعاون` and `للالتعاون`
//! are not valid.

use crate::keymap::k;

const AL: [u8; 2] = [k::ALEF, k::LAM];

/// One way to read a key as proclitics + stem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// Bytes of proclitics at the start of the key.
    pub prefix_len: usize,
    /// The proclitics include the definite article (written `ال`, or `ل` after `ل`).
    pub definite: bool,
    /// Number of clitic morphemes (1–3), for frequency penalties.
    pub morphemes: u8,
}

/// Every proclitic split of `key` that leaves a stem of at least `min_stem` letters (the stem
/// excludes the article), shortest prefix first.
pub fn splits(key: &[u8], min_stem: usize) -> impl Iterator<Item = Split> + '_ {
    const CONJ: [Option<u8>; 3] = [None, Some(k::WAW), Some(k::FEH)];
    const PREP: [Option<u8>; 4] = [None, Some(k::BEH), Some(k::KAF), Some(k::LAM)];
    CONJ.iter()
        .flat_map(|c| {
            PREP.iter()
                .flat_map(move |p| [false, true].into_iter().map(move |a| (*c, *p, a)))
        })
        .filter_map(move |(conj, prep, art)| {
            let mut prefix: [u8; 4] = [0; 4];
            let mut n = 0;
            let mut morphemes = 0;
            if let Some(c) = conj {
                prefix[n] = c;
                n += 1;
                morphemes += 1;
            }
            if let Some(p) = prep {
                prefix[n] = p;
                n += 1;
                morphemes += 1;
            }
            if art {
                if prep == Some(k::LAM) {
                    prefix[n] = k::LAM; // ل + ال → لل
                    n += 1;
                } else {
                    prefix[n..n + 2].copy_from_slice(&AL);
                    n += 2;
                }
                morphemes += 1;
            }
            let valid = morphemes > 0
                && key.len() >= n + min_stem
                && key[..n] == prefix[..n]
                // After a proclitic, a stem does not start with the article again, and ل + ال is
                // written لل, never لال.
                && !(key[n..].starts_with(&AL) && (art || prep == Some(k::LAM)));
            valid.then_some(Split {
                prefix_len: n,
                definite: art,
                morphemes,
            })
        })
}

/// The stem of a split as a look-up key: with the article restored (`ال` + stem) for definite
/// splits, so that `للناتو` finds `الناتو`.
pub fn stem_key(key: &[u8], s: Split, buf: &mut Vec<u8>) {
    buf.clear();
    if s.definite {
        buf.extend_from_slice(&AL);
    }
    buf.extend_from_slice(&key[s.prefix_len..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{decode, encode};

    fn stems(word: &str) -> Vec<String> {
        let key = encode(word).unwrap();
        let mut buf = Vec::new();
        splits(&key, 2)
            .map(|s| {
                stem_key(&key, s, &mut buf);
                decode(&buf)
            })
            .collect()
    }

    #[test]
    fn reads_conjunction_preposition_and_article() {
        let s = stems("وبالمؤسسات");
        assert!(s.contains(&"بالمؤسسات".to_string()));
        assert!(s.contains(&"المؤسسات".to_string()), "{s:?}");
        assert!(stems("للناتو").contains(&"الناتو".to_string()));
        assert!(stems("لستولتنبرغ").contains(&"ستولتنبرغ".to_string()));
        assert!(stems("فالعراق").contains(&"العراق".to_string()));
    }

    #[test]
    fn rejects_invalid_sequences() {
        // لال is not written: after ل the article is لل.
        assert!(!stems("لالناتو").contains(&"الناتو".to_string()));
        // The article comes last: الو is not a proclitic sequence.
        assert!(!stems("الوناتو").contains(&"ناتو".to_string()));
        // Too short a stem.
        assert!(stems("وب").is_empty());
    }
}
