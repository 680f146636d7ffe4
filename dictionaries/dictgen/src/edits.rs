//! The Arabic-aware error model: which edits turn a typo back into the intended word, and what
//! each costs. Candidates are generated from the model and each is checked with an exact FST
//! look-up (~0.2 µs), which is faster and more precise than a Levenshtein automaton here.
//!
//! Classes, cheapest first (tier 0 are near-free; ties inside a tier go to the more frequent
//! word):
//! - tier 0: `Squeeze` (a doubled letter written once: القاء → اللقاء, المؤسات → المؤسسات),
//!   `Hamza` (alef/hamza forms and seats: اخبار → أخبار, مسئول ↔ مسؤول),
//!   `TaaMarbuta` (final ه/ة), `AlefMaqsura` (final ي/ى);
//! - tier 1: `Insert` (a dropped letter: التدريبة → التدريبية);
//! - tier 2: `Transpose`; tier 3: `Delete`; tier 4: `Substitute` (keyboard or look-alike
//!   neighbours first).

use crate::keymap::{all_letter_bytes, is_alef_form, k, letter_byte};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EditClass {
    Squeeze,
    Hamza,
    TaaMarbuta,
    AlefMaqsura,
    Insert,
    Transpose,
    Delete,
    Substitute,
}

impl EditClass {
    pub const ALL: [EditClass; 8] = [
        Self::Squeeze,
        Self::Hamza,
        Self::TaaMarbuta,
        Self::AlefMaqsura,
        Self::Insert,
        Self::Transpose,
        Self::Delete,
        Self::Substitute,
    ];

    /// A stable number for storing the class in an FST value.
    pub fn code(self) -> u8 {
        Self::ALL
            .iter()
            .position(|c| *c == self)
            .expect("ALL lists every class") as u8
    }

    pub fn from_code(code: u64) -> Option<Self> {
        Self::ALL.get(code as usize).copied()
    }

    /// Ranking tier: lower is likelier.
    pub fn tier(self) -> u8 {
        match self {
            Self::Squeeze | Self::Hamza | Self::TaaMarbuta | Self::AlefMaqsura => 0,
            Self::Insert => 1,
            Self::Transpose => 2,
            Self::Delete => 3,
            Self::Substitute => 4,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Self::Squeeze => "a doubled letter written once",
            Self::Hamza => "a missing or wrong hamza",
            Self::TaaMarbuta => "ه written for ة (or the reverse)",
            Self::AlefMaqsura => "ي written for ى (or the reverse)",
            Self::Insert => "a dropped letter",
            Self::Transpose => "two letters swapped",
            Self::Delete => "an extra letter",
            Self::Substitute => "a wrong letter",
        }
    }
}

/// Alef and hamza forms that replace one another.
const HAMZA_GROUP: [u8; 7] = [
    k::ALEF,
    k::ALEF_HAMZA_ABOVE,
    k::ALEF_HAMZA_BELOW,
    k::ALEF_MADDA,
    k::HAMZA,
    k::WAW_HAMZA,
    k::YEH_HAMZA,
];

/// Replacements for a hamza-related letter at a position.
fn hamza_alternatives(b: u8, at_end: bool) -> &'static [u8] {
    match b {
        k::ALEF => &[k::ALEF_HAMZA_ABOVE, k::ALEF_HAMZA_BELOW, k::ALEF_MADDA],
        k::ALEF_HAMZA_ABOVE => &[
            k::ALEF,
            k::ALEF_HAMZA_BELOW,
            k::ALEF_MADDA,
            k::HAMZA,
            k::WAW_HAMZA,
            k::YEH_HAMZA,
        ],
        k::ALEF_HAMZA_BELOW => &[k::ALEF, k::ALEF_HAMZA_ABOVE, k::ALEF_MADDA, k::YEH_HAMZA],
        k::ALEF_MADDA => &[k::ALEF, k::ALEF_HAMZA_ABOVE, k::ALEF_HAMZA_BELOW],
        k::HAMZA => &[k::ALEF_HAMZA_ABOVE, k::WAW_HAMZA, k::YEH_HAMZA],
        k::WAW_HAMZA => &[k::WAW, k::HAMZA, k::ALEF_HAMZA_ABOVE, k::YEH_HAMZA],
        k::YEH_HAMZA => &[k::YEH, k::HAMZA, k::ALEF_HAMZA_ABOVE, k::WAW_HAMZA],
        k::WAW if !at_end => &[k::WAW_HAMZA],
        k::YEH | k::ALEF_MAKSURA => &[k::YEH_HAMZA],
        _ => &[],
    }
}

/// Calls `f(candidate, class)` for every edit of `key` in the classes up to `max_tier`.
/// Candidates may repeat (callers dedupe, keeping the cheapest class).
pub fn for_each_edit(key: &[u8], max_tier: u8, f: &mut dyn FnMut(&[u8], EditClass)) {
    let n = key.len();
    let mut buf: Vec<u8> = Vec::with_capacity(n + 2);

    // Tier 0. Squeeze: double letter i (not alef forms or ة/ى, which are never doubled).
    for i in 0..n {
        let b = key[i];
        if is_alef_form(b) || b == k::TEH_MARBUTA || b == k::ALEF_MAKSURA || b == k::HAMZA {
            continue;
        }
        if i > 0 && key[i - 1] == b {
            continue; // already doubled: same candidate as doubling the first
        }
        buf.clear();
        buf.extend_from_slice(&key[..=i]);
        buf.extend_from_slice(&key[i..]);
        f(&buf, EditClass::Squeeze);
    }
    // Hamza: one or two substitutions among alef/hamza forms and seats; a final hamza added.
    let hamza_positions: Vec<usize> = (0..n)
        .filter(|&i| !hamza_alternatives(key[i], i + 1 == n).is_empty())
        .collect();
    buf.clear();
    buf.extend_from_slice(key);
    for (pi, &i) in hamza_positions.iter().enumerate() {
        let orig = key[i];
        for &alt in hamza_alternatives(orig, i + 1 == n) {
            buf[i] = alt;
            f(&buf, EditClass::Hamza);
            // A second hamza fix later in the word (الانشاءات → الإنشاءات is one, but
            // اسرائيل-type words can need two).
            if HAMZA_GROUP.contains(&orig) || HAMZA_GROUP.contains(&alt) {
                for &j in &hamza_positions[pi + 1..] {
                    let o2 = key[j];
                    if !(HAMZA_GROUP.contains(&o2)) {
                        continue;
                    }
                    for &alt2 in hamza_alternatives(o2, j + 1 == n) {
                        buf[j] = alt2;
                        f(&buf, EditClass::Hamza);
                    }
                    buf[j] = o2;
                }
            }
        }
        buf[i] = orig;
    }
    if n >= 2 && key[n - 1] == k::ALEF {
        buf.clear();
        buf.extend_from_slice(key);
        buf.push(k::HAMZA); // اعضا → اعضاء (then a hamza on the first alef is a second edit)
        f(&buf, EditClass::Hamza);
    }
    // Final ة/ه and ى/ي.
    if n >= 2 {
        let last = key[n - 1];
        let swap = match last {
            k::HEH => Some((k::TEH_MARBUTA, EditClass::TaaMarbuta)),
            k::TEH_MARBUTA => Some((k::HEH, EditClass::TaaMarbuta)),
            k::YEH => Some((k::ALEF_MAKSURA, EditClass::AlefMaqsura)),
            k::ALEF_MAKSURA => Some((k::YEH, EditClass::AlefMaqsura)),
            _ => None,
        };
        if let Some((b, class)) = swap {
            buf.clear();
            buf.extend_from_slice(key);
            buf[n - 1] = b;
            f(&buf, class);
            // With a hamza fix too (الي → إلى, اسره → أسرة): one slip each, a common pair.
            for &i in hamza_positions.iter().filter(|&&i| i + 1 < n) {
                let orig = buf[i];
                if !HAMZA_GROUP.contains(&orig) {
                    continue;
                }
                for &alt in hamza_alternatives(orig, false) {
                    buf[i] = alt;
                    f(&buf, EditClass::Hamza);
                }
                buf[i] = orig;
            }
        }
    }
    // An old hamza seat: ىء or يء written for ئ (الطارىء → الطارئ, السيىء → السيئ), and ىء for
    // يء (شىء → شيء).
    for i in 0..n.saturating_sub(1) {
        if matches!(key[i], k::ALEF_MAKSURA | k::YEH) && key[i + 1] == k::HAMZA {
            buf.clear();
            buf.extend_from_slice(&key[..i]);
            buf.push(k::YEH_HAMZA);
            buf.extend_from_slice(&key[i + 2..]);
            f(&buf, EditClass::Hamza);
            if key[i] == k::ALEF_MAKSURA {
                buf.clear();
                buf.extend_from_slice(key);
                buf[i] = k::YEH;
                f(&buf, EditClass::Hamza);
            }
        }
    }
    if max_tier < 1 {
        return;
    }
    // Tier 1. Insert any letter anywhere.
    for i in 0..=n {
        for b in all_letter_bytes() {
            if i > 0 && key[i - 1] == b {
                continue; // a squeeze, already generated
            }
            buf.clear();
            buf.extend_from_slice(&key[..i]);
            buf.push(b);
            buf.extend_from_slice(&key[i..]);
            f(&buf, EditClass::Insert);
        }
    }
    if max_tier < 2 {
        return;
    }
    // Tier 2. Transpose neighbours.
    buf.clear();
    buf.extend_from_slice(key);
    for i in 0..n.saturating_sub(1) {
        if key[i] != key[i + 1] {
            buf.swap(i, i + 1);
            f(&buf, EditClass::Transpose);
            buf.swap(i, i + 1);
        }
    }
    if max_tier < 3 {
        return;
    }
    // Tier 3. Delete one letter.
    for i in 0..n {
        if i > 0 && key[i - 1] == key[i] {
            continue;
        }
        buf.clear();
        buf.extend_from_slice(&key[..i]);
        buf.extend_from_slice(&key[i + 1..]);
        f(&buf, EditClass::Delete);
    }
    if max_tier < 4 {
        return;
    }
    // Tier 4. Substitute one letter.
    buf.clear();
    buf.extend_from_slice(key);
    for i in 0..n {
        let orig = key[i];
        for b in all_letter_bytes() {
            if b != orig {
                buf[i] = b;
                f(&buf, EditClass::Substitute);
            }
        }
        buf[i] = orig;
    }
}

/// The edits that may turn one real word into another *by a slip* (real-word errors): tier 0
/// only, and not all of it. Calls `f` for each candidate key (not checked against any lexicon).
///
/// - A dropped or extra letter between two real words is, in news text, far more often a
///   different word the writer meant (طالبات/طلبات, متراس/مترا) than a slip: not tried.
/// - Doubling the first letter changes the clitics (ل → لل, و → وو) or the verb form (تذكرون →
///   تتذكرون), both readings grammatical: not tried.
/// - ة written ه is the common slip; a final ة that reads as a pronoun ه (فرصة → فرصه) is
///   usually right as written: only ه → ة.
/// - Only a hamza put back on its bare seat (ا → أ/إ/آ, و → ؤ, ي/ى → ئ). Swapping one hamza form
///   for another between real words (إن/أن after قال, الإفريقية/الأفريقية, الشئون/الشؤون) is a
///   matter of grammar or of an accepted variant.
pub fn for_each_slip(key: &[u8], f: &mut dyn FnMut(&[u8], EditClass)) {
    for_each_edit(key, 0, &mut |c, class| {
        if c == key {
            return;
        }
        let keep = match class {
            EditClass::Squeeze => c[0] == key[0] && !(c[1] == c[0] && key[1] != key[0]),
            EditClass::TaaMarbuta => key.last() == Some(&k::HEH),
            EditClass::Hamza => restores_hamza(key, c),
            _ => true,
        };
        if keep {
            f(c, class);
        }
    });
}

/// Does `c` differ from `key` only by hamzas put on bare seats (ا → أ/إ/آ, و → ؤ, ي/ى → ئ)
/// (and possibly a final ي/ى swap)?
fn restores_hamza(key: &[u8], c: &[u8]) -> bool {
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

/// Is `fix` `key` with an old hamza seat modernised: ىء or يء → ئ, ىء → يء?
pub fn modernises_hamza_seat(key: &[u8], fix: &[u8]) -> bool {
    let Some(i) = key
        .windows(2)
        .position(|w| matches!(w[0], k::ALEF_MAKSURA | k::YEH) && w[1] == k::HAMZA)
    else {
        return false;
    };
    (fix.len() + 1 == key.len()
        && fix[..i] == key[..i]
        && fix[i] == k::YEH_HAMZA
        && fix[i + 1..] == key[i + 2..])
        || (fix.len() == key.len()
            && key[i] == k::ALEF_MAKSURA
            && fix[i] == k::YEH
            && fix[..i] == key[..i]
            && fix[i + 1..] == key[i + 1..])
}

/// Keyboard neighbours (Arabic 101 layout) and letters told apart only by dots.
pub fn is_near(a: u8, b: u8) -> bool {
    static TABLE: std::sync::OnceLock<[[bool; 128]; 128]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        const ROWS: [&str; 3] = ["ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرلاىةوزظ"];
        const DOTS: [&str; 9] = ["بتثني", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "عغ", "فق"];
        let mut t = [[false; 128]; 128];
        for r in ROWS {
            let v: Vec<u8> = r.chars().filter_map(letter_byte).collect();
            for w in v.windows(2) {
                t[w[0] as usize][w[1] as usize] = true;
                t[w[1] as usize][w[0] as usize] = true;
            }
        }
        for g in DOTS {
            let v: Vec<u8> = g.chars().filter_map(letter_byte).collect();
            for &x in &v {
                for &y in &v {
                    t[x as usize][y as usize] = x != y;
                }
            }
        }
        t
    });
    a < 128 && b < 128 && t[a as usize][b as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{decode, encode};

    fn edits(word: &str, tier: u8) -> Vec<(String, EditClass)> {
        let key = encode(word).unwrap();
        let mut v = Vec::new();
        for_each_edit(&key, tier, &mut |c, class| v.push((decode(c), class)));
        v
    }

    #[test]
    fn squeeze_restores_doubled_letters() {
        let e = edits("القاء", 0);
        assert!(e.contains(&("اللقاء".into(), EditClass::Squeeze)));
        let e = edits("المؤسات", 0);
        assert!(e.contains(&("المؤسسات".into(), EditClass::Squeeze)));
        let e = edits("الدولين", 0);
        assert!(e.contains(&("الدوليين".into(), EditClass::Squeeze)));
    }

    #[test]
    fn hamza_forms_and_final_letters() {
        let e = edits("اخبار", 0);
        assert!(e.contains(&("أخبار".into(), EditClass::Hamza)));
        assert!(edits("الى", 0).contains(&("إلى".into(), EditClass::Hamza)));
        assert!(edits("مسئول", 0).contains(&("مسؤول".into(), EditClass::Hamza)));
        assert!(edits("الدوله", 0).contains(&("الدولة".into(), EditClass::TaaMarbuta)));
        assert!(edits("مستوي", 0).contains(&("مستوى".into(), EditClass::AlefMaqsura)));
        assert!(edits("اعضا", 0).contains(&("اعضاء".into(), EditClass::Hamza)));
        assert!(edits("الي", 0).contains(&("إلى".into(), EditClass::Hamza)));
        // Old hamza seats.
        assert!(edits("الطارىء", 0).contains(&("الطارئ".into(), EditClass::Hamza)));
        assert!(edits("السيىء", 0).contains(&("السيئ".into(), EditClass::Hamza)));
        assert!(edits("شىء", 0).contains(&("شيء".into(), EditClass::Hamza)));
        let (k, f) = (encode("مفاجىء").unwrap(), encode("مفاجئ").unwrap());
        assert!(modernises_hamza_seat(&k, &f));
        assert!(!modernises_hamza_seat(&f, &k));
        assert!(edits("اسره", 0).contains(&("أسرة".into(), EditClass::Hamza)));
    }

    #[test]
    fn insert_and_lower_tiers() {
        assert!(edits("التدريبة", 1).contains(&("التدريبية".into(), EditClass::Insert)));
        assert!(!edits("التدريبة", 0)
            .iter()
            .any(|(_, c)| *c == EditClass::Insert));
        assert!(edits("بروتكولات", 1).contains(&("بروتوكولات".into(), EditClass::Insert)));
        assert!(edits("مدرسة", 2).contains(&("مدسرة".into(), EditClass::Transpose)));
        assert!(edits("مدرسسة", 3).contains(&("مدرسة".into(), EditClass::Delete)));
        assert!(edits("مدرشة", 4).contains(&("مدرسة".into(), EditClass::Substitute)));
    }

    #[test]
    fn neighbours() {
        let b = |c: char| letter_byte(c).unwrap();
        assert!(is_near(b('س'), b('ش')));
        assert!(is_near(b('ت'), b('ن')));
        assert!(!is_near(b('م'), b('ع')));
    }
}
