//! A small bigram language model over ar-corrector's counts, for deciding between a word and a
//! confusable variant in context (`رئيس الجنة` vs `رئيس اللجنة`).
//!
//! `score(prev, x, next) = log10 P(x | prev) + log10 P(next | x) / P(next)`, each conditional
//! interpolated with the unigram probability. The counts were pruned below 3 when converted, so an
//! absent pair counts as what independence predicts, capped below the pruning threshold: no
//! evidence, rather than evidence against.

use crate::dict::Dictionary;

/// Weight of the unigram prior in the interpolation (in pseudo-counts).
const BETA: f64 = 8.0;
/// How many times more often than chance two words must be seen together to be associated.
pub const ASSOCIATION: f64 = 3.0;
/// The most an absent pair can have been seen (pairs seen 3 times or more were kept).
const ABSENT_PAIR_MAX: f64 = 2.0;

pub struct Lm<'d> {
    dict: &'d Dictionary,
    total: f64,
}

/// Evidence about one word in its context.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evidence {
    /// The model score (log10).
    pub score: f64,
    /// Pair counts with the previous and the next word (0 when absent or no neighbour).
    pub left: u64,
    pub right: u64,
}

impl<'d> Lm<'d> {
    pub fn new(dict: &'d Dictionary) -> Self {
        Self {
            dict,
            total: dict.unigram_total().max(1) as f64,
        }
    }

    fn p_uni(&self, x: &[u8]) -> f64 {
        (self.dict.unigram(x) as f64 + 0.5) / self.total
    }

    /// log10 P(x | prev), interpolated; returns the pair count too.
    fn cond(&self, prev: &[u8], x: &[u8]) -> (f64, u64) {
        let c = self.dict.bigram(prev, x);
        let cp = self.dict.unigram(prev) as f64;
        let cf = if c == 0 {
            (cp * self.p_uni(x)).min(ABSENT_PAIR_MAX)
        } else {
            c as f64
        };
        (((cf + BETA * self.p_uni(x)) / (cp + BETA)).log10(), c)
    }

    /// Have `a` and `b` been seen side by side (in that order) at least
    /// [`crate::spell::MIN_PAIR_EVIDENCE`] times and [`ASSOCIATION`] times as often as their own
    /// frequencies would pair them by chance? A function word (`في`) stands beside every word
    /// often enough to pass the first test, and says nothing about which word it is.
    pub fn associated(&self, a: &[u8], b: &[u8]) -> bool {
        let c = self.dict.bigram(a, b);
        if c < crate::spell::MIN_PAIR_EVIDENCE {
            return false;
        }
        let expected = self.dict.unigram(a) as f64 * self.dict.unigram(b) as f64 / self.total;
        c as f64 >= ASSOCIATION * expected
    }

    /// Evidence for `x` between neighbours that may each be read several ways (see
    /// [`crate::spell::neighbour_readings`]; the first reading of a side is the word as written,
    /// an empty side is no neighbour). Each side takes the reading that makes the sequence most
    /// probable with `x`: the joint `P(prev, x)` and `P(next | x)` rather than the conditionals,
    /// which a rare bare neighbour would inflate (`ان اكثر` is seen 19 times in 27,983 `ان`,
    /// `أن أكثر` 168 times in far more `أن`). With one reading a side this is [`Self::evidence`].
    pub fn evidence_among(&self, prevs: &[&[u8]], x: &[u8], nexts: &[&[u8]]) -> Evidence {
        let (mut score, mut left) = (self.p_uni(x).log10(), 0);
        if let Some(p0) = prevs.first() {
            let base = self.p_uni(p0).log10();
            score = f64::NEG_INFINITY;
            for p in prevs {
                let (s, c) = self.cond(p, x);
                score = score.max(s + self.p_uni(p).log10() - base);
                left = left.max(c);
            }
        }
        let mut right = 0;
        if let Some(n0) = nexts.first() {
            let mut best = f64::NEG_INFINITY;
            for n in nexts {
                let (s, c) = self.cond(x, n);
                best = best.max(s);
                right = right.max(c);
            }
            score += best - self.p_uni(n0).log10();
        }
        Evidence { score, left, right }
    }

    /// Evidence for `x` between `prev` and `next`.
    pub fn evidence(&self, prev: Option<&[u8]>, x: &[u8], next: Option<&[u8]>) -> Evidence {
        let (mut score, left) = match prev {
            Some(p) => self.cond(p, x),
            None => (self.p_uni(x).log10(), 0),
        };
        let mut right = 0;
        if let Some(n) = next {
            let (s, c) = self.cond(x, n);
            score += s - self.p_uni(n).log10();
            right = c;
        }
        Evidence { score, left, right }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::encode;
    use crate::testing::dict;

    fn ev(lm: &Lm, prev: &str, x: &str, next: &str) -> Evidence {
        let (p, x, n) = (encode(prev), encode(x).unwrap(), encode(next));
        lm.evidence(p.as_deref(), &x, n.as_deref())
    }

    #[test]
    fn context_prefers_the_committee_after_its_chairman() {
        let d = dict();
        let lm = Lm::new(&d);
        let wrong = ev(&lm, "رئيس", "الجنة", "العسكرية");
        let right = ev(&lm, "رئيس", "اللجنة", "العسكرية");
        assert!(right.score - wrong.score > 2.0, "{right:?} vs {wrong:?}");
        assert!(right.left > 100 && wrong.left == 0);
    }

    #[test]
    fn context_keeps_paradise_where_it_belongs() {
        let d = dict();
        let lm = Lm::new(&d);
        let a = ev(&lm, "يدخل", "الجنة", "");
        let b = ev(&lm, "يدخل", "اللجنة", "");
        assert!(a.score > b.score, "{a:?} vs {b:?}");
    }
}
