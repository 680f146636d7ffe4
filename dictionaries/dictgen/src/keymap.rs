//! The key alphabet shared by the dictionary builder and the runtime.
//!
//! Every Arabic letter maps to exactly one byte, so FST keys are one byte a letter. This is what
//! makes `fst`'s Levenshtein automaton right on Arabic (it is not on raw UTF-8, fst #38/#160) and
//! halves key size. The byte is `codepoint - 0x600` for the basic letters U+0621..=U+064A (so keys
//! print as ASCII punctuation and capitals while debugging and sort in Unicode order); a few
//! Persian letters met in names get bytes of their own.
//!
//! Encoding a word for look-up:
//! - drops what look-up ignores: harakat and other combining marks, tatweel, superscript alef,
//!   zero-width and bidi control characters;
//! - composes a decomposed hamza or madda (`ا` + U+0654 → `أ`);
//! - folds presentation forms (U+FE80..=U+FEFC, the lam-alef ligatures, a few of U+FB50..) and
//!   `ٱ`, `ک`, `ی` to the basic letters.
//!
//! Alef forms, ة/ه and ى/ي stay distinct: they are what the hamza and spelling rules look at.

/// The 36 letters of the Arabic alphabet as used in Modern Standard Arabic, plus the five Persian
/// letters that occur in transliterated names.
pub const LETTERS: &str = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژڤگ";

/// Key bytes of the Persian letters (outside the `cp - 0x600` range).
const PERSIAN: [(char, u8); 5] = [
    ('پ', 0x50),
    ('چ', 0x51),
    ('ژ', 0x52),
    ('ڤ', 0x53),
    ('گ', 0x54),
];

/// How a character takes part in a look-up key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A letter: its key byte.
    Letter(u8),
    /// A presentation form or ligature standing for several letters.
    Letters(&'static [u8]),
    /// Ignored in look-up (harakat, tatweel, zero-width and bidi controls).
    Ignorable,
    /// A combining hamza or madda that changes the preceding alef, waw or yeh.
    Modifier(char),
    /// Anything else: not part of an Arabic word.
    Other,
}

/// Key byte of a basic letter, if `c` is one (no folding of variants).
#[inline]
pub fn letter_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0x0621..=0x063A).contains(&cp) || (0x0641..=0x064A).contains(&cp) {
        return Some((cp - 0x0600) as u8);
    }
    PERSIAN.iter().find(|(p, _)| *p == c).map(|(_, b)| *b)
}

/// The letter a key byte stands for.
#[inline]
pub fn byte_letter(b: u8) -> Option<char> {
    match b {
        0x21..=0x3A | 0x41..=0x4A => char::from_u32(0x0600 + b as u32),
        _ => PERSIAN.iter().find(|(_, k)| *k == b).map(|(p, _)| *p),
    }
}

/// True for characters that look-up skips and that may sit inside an Arabic word.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x0610..=0x061A      // Quranic honorifics and small marks
        | 0x064B..=0x0652    // harakat, shadda, sukun
        | 0x0656..=0x065F    // other combining marks
        | 0x0640             // tatweel
        | 0x0670             // superscript alef
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED // Quranic marks
        | 0x08D3..=0x08FF    // extended combining marks
        | 0xFE70..=0xFE7F    // presentation forms of harakat
        | 0x200B..=0x200F    // zero-width space/non-joiner/joiner, LRM, RLM
        | 0x202A..=0x202E    // bidi embeddings and overrides
        | 0x2060..=0x2064    // word joiner, invisible operators
        | 0x2066..=0x2069    // bidi isolates
        | 0x061C             // Arabic letter mark
        | 0xFEFF             // BOM / zero-width no-break space
    )
}

/// True for the invisible formatting characters among the ignorables (zero-width and bidi).
#[inline]
pub fn is_invisible_control(c: char) -> bool {
    matches!(c as u32,
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0x061C | 0xFEFF)
}

/// Presentation forms B, U+FE80 onwards: each base letter with its number of forms.
const FORMS_B: [(char, u8); 36] = [
    ('ء', 1),
    ('آ', 2),
    ('أ', 2),
    ('ؤ', 2),
    ('إ', 2),
    ('ئ', 4),
    ('ا', 2),
    ('ب', 4),
    ('ة', 2),
    ('ت', 4),
    ('ث', 4),
    ('ج', 4),
    ('ح', 4),
    ('خ', 4),
    ('د', 2),
    ('ذ', 2),
    ('ر', 2),
    ('ز', 2),
    ('س', 4),
    ('ش', 4),
    ('ص', 4),
    ('ض', 4),
    ('ط', 4),
    ('ظ', 4),
    ('ع', 4),
    ('غ', 4),
    ('ف', 4),
    ('ق', 4),
    ('ك', 4),
    ('ل', 4),
    ('م', 4),
    ('ن', 4),
    ('ه', 4),
    ('و', 2),
    ('ى', 2),
    ('ي', 4),
];

// Key bytes for multi-letter forms.
const LAM_MADDA: &[u8] = &[0x44, 0x22];
const LAM_HAMZA_ABOVE: &[u8] = &[0x44, 0x23];
const LAM_HAMZA_BELOW: &[u8] = &[0x44, 0x25];
const LAM_ALEF: &[u8] = &[0x44, 0x27];
const ALLAH: &[u8] = &[0x27, 0x44, 0x44, 0x47];

/// Classify a character for look-up.
pub fn classify(c: char) -> Class {
    if let Some(b) = letter_byte(c) {
        return Class::Letter(b);
    }
    let cp = c as u32;
    match cp {
        0x0653..=0x0655 => return Class::Modifier(c),
        0x0671 => return Class::Letter(0x27), // alef wasla → alef
        0x06A9 => return Class::Letter(0x43), // keheh → kaf
        0x06CC => return Class::Letter(0x4A), // Farsi yeh → yeh
        0xFEF5..=0xFEF6 => return Class::Letters(LAM_MADDA),
        0xFEF7..=0xFEF8 => return Class::Letters(LAM_HAMZA_ABOVE),
        0xFEF9..=0xFEFA => return Class::Letters(LAM_HAMZA_BELOW),
        0xFEFB..=0xFEFC => return Class::Letters(LAM_ALEF),
        0xFDF2 => return Class::Letters(ALLAH),
        0xFB56..=0xFB59 => return Class::Letter(0x50), // peh
        0xFB7A..=0xFB7D => return Class::Letter(0x51), // tcheh
        0xFB8A..=0xFB8B => return Class::Letter(0x52), // jeh
        0xFB6A..=0xFB6D => return Class::Letter(0x53), // veh
        0xFB92..=0xFB95 => return Class::Letter(0x54), // gaf
        0xFB8E..=0xFB91 => return Class::Letter(0x43), // keheh forms → kaf
        0xFBFC..=0xFBFF => return Class::Letter(0x4A), // Farsi yeh forms → yeh
        0xFE80..=0xFEF4 => {
            let mut at = 0xFE80;
            for (letter, n) in FORMS_B {
                if cp < at + n as u32 {
                    return Class::Letter(letter_byte(letter).expect("table holds letters"));
                }
                at += n as u32;
            }
            unreachable!("FORMS_B covers U+FE80..=U+FEF4")
        }
        _ => {}
    }
    if is_ignorable(c) {
        Class::Ignorable
    } else {
        Class::Other
    }
}

/// Apply a combining hamza/madda to the key byte before it, if they compose.
fn compose(prev: u8, modifier: char) -> Option<u8> {
    match (prev, modifier) {
        (0x27, '\u{0653}') => Some(0x22), // ا + madda → آ
        (0x27, '\u{0654}') => Some(0x23), // ا + hamza above → أ
        (0x27, '\u{0655}') => Some(0x25), // ا + hamza below → إ
        (0x48, '\u{0654}') => Some(0x24), // و + hamza → ؤ
        (0x4A, '\u{0654}') | (0x49, '\u{0654}') => Some(0x26), // ي/ى + hamza → ئ
        _ => None,
    }
}

/// Append the look-up key of `word` to `out`. Returns false (leaving `out` in an unspecified
/// state) if the word holds a character that is neither a letter nor ignorable.
pub fn encode_into(word: &str, out: &mut Vec<u8>) -> bool {
    for c in word.chars() {
        match classify(c) {
            Class::Letter(b) => out.push(b),
            Class::Letters(bs) => out.extend_from_slice(bs),
            Class::Ignorable => {}
            Class::Modifier(m) => {
                if let Some(last) = out.last_mut() {
                    if let Some(b) = compose(*last, m) {
                        *last = b;
                    }
                }
            }
            Class::Other => return false,
        }
    }
    true
}

/// The look-up key of `word`, or `None` if it is not an Arabic word.
pub fn encode(word: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(word.len() / 2);
    (encode_into(word, &mut out) && !out.is_empty()).then_some(out)
}

/// The Arabic text a key stands for. Bytes that are not letters are skipped.
pub fn decode(key: &[u8]) -> String {
    key.iter().filter_map(|&b| byte_letter(b)).collect()
}

/// Append the text of `key` to `out`.
pub fn decode_into(key: &[u8], out: &mut String) {
    out.extend(key.iter().filter_map(|&b| byte_letter(b)));
}

/// Named key bytes, for code that reasons about particular letters.
pub mod k {
    pub const HAMZA: u8 = 0x21; // ء
    pub const ALEF_MADDA: u8 = 0x22; // آ
    pub const ALEF_HAMZA_ABOVE: u8 = 0x23; // أ
    pub const WAW_HAMZA: u8 = 0x24; // ؤ
    pub const ALEF_HAMZA_BELOW: u8 = 0x25; // إ
    pub const YEH_HAMZA: u8 = 0x26; // ئ
    pub const ALEF: u8 = 0x27; // ا
    pub const BEH: u8 = 0x28; // ب
    pub const TEH_MARBUTA: u8 = 0x29; // ة
    pub const TEH: u8 = 0x2A; // ت
    pub const SEEN: u8 = 0x33; // س
    pub const FEH: u8 = 0x41; // ف
    pub const KAF: u8 = 0x43; // ك
    pub const LAM: u8 = 0x44; // ل
    pub const MEEM: u8 = 0x45; // م
    pub const NOON: u8 = 0x46; // ن
    pub const HEH: u8 = 0x47; // ه
    pub const WAW: u8 = 0x48; // و
    pub const ALEF_MAKSURA: u8 = 0x49; // ى
    pub const YEH: u8 = 0x4A; // ي
}

/// All key bytes, in `LETTERS` order.
pub fn all_letter_bytes() -> impl Iterator<Item = u8> {
    LETTERS
        .chars()
        .map(|c| letter_byte(c).expect("LETTERS holds letters"))
}

/// True if the byte is one of the alef/hamza carriers that hamza errors confuse.
#[inline]
pub fn is_alef_form(b: u8) -> bool {
    matches!(
        b,
        k::ALEF | k::ALEF_HAMZA_ABOVE | k::ALEF_HAMZA_BELOW | k::ALEF_MADDA
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_round_trips_through_one_byte() {
        for c in LETTERS.chars() {
            let b = letter_byte(c).unwrap();
            assert!(b < 0x80, "{c} → {b:#x} must be one ASCII byte");
            assert_eq!(byte_letter(b), Some(c));
        }
        let bytes: std::collections::HashSet<u8> = all_letter_bytes().collect();
        assert_eq!(bytes.len(), LETTERS.chars().count(), "bytes are distinct");
    }

    #[test]
    fn diacritics_tatweel_and_controls_are_ignored() {
        assert_eq!(encode("المُوسَّعة"), encode("الموسعة"));
        assert_eq!(encode("دُرِّب"), encode("درب"));
        assert_eq!(encode("العـــربية"), encode("العربية"));
        assert_eq!(encode("الع\u{200C}ربية\u{200F}"), encode("العربية"));
    }

    #[test]
    fn alef_forms_stay_distinct() {
        assert_ne!(encode("ألف"), encode("الف"));
        assert_ne!(encode("إلى"), encode("الى"));
        assert_ne!(encode("مدرسة"), encode("مدرسه"));
        assert_ne!(encode("على"), encode("علي"));
    }

    #[test]
    fn decomposed_hamza_composes() {
        assert_eq!(encode("\u{0627}\u{0654}\u{0644}\u{0641}"), encode("ألف"));
        assert_eq!(encode("\u{0627}\u{0655}\u{0644}\u{0649}"), encode("إلى"));
        assert_eq!(encode("\u{0627}\u{0653}\u{062E}\u{0631}"), encode("آخر"));
        assert_eq!(encode("مسو\u{0654}ول"), encode("مسؤول"));
    }

    #[test]
    fn presentation_forms_fold_to_letters() {
        // "سلام" written with presentation forms: seen initial, lam-alef ligature, meem final.
        assert_eq!(encode("\u{FEB3}\u{FEFC}\u{FEE2}"), encode("سلام"));
        assert_eq!(classify('\u{FEF4}'), Class::Letter(k::YEH)); // last form in the table
        assert_eq!(classify('\u{FE80}'), Class::Letter(k::HAMZA));
        assert_eq!(encode("\u{FDF2}"), encode("الله"));
        assert_eq!(encode("ٱلكتاب"), encode("الكتاب"));
        assert_eq!(encode("کتاب"), encode("كتاب"));
    }

    #[test]
    fn non_arabic_words_have_no_key() {
        assert_eq!(encode("NATO"), None);
        assert_eq!(encode("الـ5"), None);
        assert_eq!(encode(""), None);
        assert_eq!(encode("\u{064E}"), None);
    }

    #[test]
    fn decode_inverts_encode() {
        for w in ["اللقاء", "المؤسسات", "ستولتنبرغ", "إلى", "آفاق", "گوگل"]
        {
            assert_eq!(decode(&encode(w).unwrap()), w);
        }
    }
}
