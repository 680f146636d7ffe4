//! Injecting realistic errors into clean text, with a record of each one.
//!
//! Every error is put where the result is a plausible typo: a squeeze needs a doubled letter, a
//! hamza error a hamza, a doubled unit a number followed by its magnitude word, and so on. Word
//! errors are only made in words the lexicon knows (so the original is a correct word both
//! tools know) and that are written with bare letters (no harakat, tatweel or invisible
//! characters). No word is hit twice, and two errors are never on neighbouring words, so each
//! error keeps a clean context. An error whose result is itself a known word (`الجنة` from
//! `اللجنة`, `علي` from `على`) is a *real-word* error and is marked so.

use std::ops::Range;

use tadqiq_core::dict::Dictionary;
use tadqiq_core::document::{Document, SourceKind};
use tadqiq_core::keymap;
use tadqiq_core::text::TokenKind;

/// A small deterministic generator (SplitMix64): the same seed gives the same errors on every
/// machine and every run.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }

    /// A generator for a sub-task, independent of this one's later draws.
    pub fn fork(seed: u64, stream: u64) -> Self {
        let mut r = Self(seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        r.next_u64();
        r
    }
}

/// The kinds of error the harness injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// A doubled letter written once: `اللقاء` → `القاء`.
    Squeeze,
    /// A letter dropped (not the first, not a hamza): `التدريبية` → `التدريبة`.
    Drop,
    /// A hamza dropped onto its bare seat: `أخبار` → `اخبار`, `مسؤول` → `مسوول`, `أعضاء` → `أعضا`.
    HamzaDropped,
    /// A hamza on the wrong seat or side: `إلى` → `ألى`, `مسؤول` → `مسئول`.
    HamzaMisplaced,
    /// Final ة written ه: `الدولة` → `الدوله`.
    TaaMarbuta,
    /// Final ى written ي or ي written ى: `مستوى` → `مستوي`, `في` → `فى`.
    AlefMaqsura,
    /// Two neighbouring letters swapped: `مدرسة` → `مدسرة`.
    Transpose,
    /// A magnitude word after a number that already spells it: `15 ألف` → `15,000 ألف`.
    NumberUnit,
    /// A word written twice: `من` → `من من`.
    RepeatedWord,
    /// No space after `،`: `الأوساط، وقد` → `الأوساط،وقد`.
    CommaSpace,
    /// A Latin comma for the Arabic one: `الأوساط، وقد` → `الأوساط, وقد`.
    LatinComma,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 11] = [
        Self::Squeeze,
        Self::Drop,
        Self::HamzaDropped,
        Self::HamzaMisplaced,
        Self::TaaMarbuta,
        Self::AlefMaqsura,
        Self::Transpose,
        Self::NumberUnit,
        Self::RepeatedWord,
        Self::CommaSpace,
        Self::LatinComma,
    ];

    /// Short name, as used on the command line (`--kinds`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Squeeze => "squeeze",
            Self::Drop => "drop",
            Self::HamzaDropped => "hamza-dropped",
            Self::HamzaMisplaced => "hamza-misplaced",
            Self::TaaMarbuta => "taa-marbuta",
            Self::AlefMaqsura => "alef-maqsura",
            Self::Transpose => "transpose",
            Self::NumberUnit => "number-unit",
            Self::RepeatedWord => "repeated-word",
            Self::CommaSpace => "comma-space",
            Self::LatinComma => "latin-comma",
        }
    }

    /// An example, for the table.
    pub fn example(self) -> &'static str {
        match self {
            Self::Squeeze => "اللقاء → القاء",
            Self::Drop => "التدريبية → التدريبة",
            Self::HamzaDropped => "أخبار → اخبار",
            Self::HamzaMisplaced => "إلى → ألى",
            Self::TaaMarbuta => "الدولة → الدوله",
            Self::AlefMaqsura => "مستوى → مستوي",
            Self::Transpose => "مدرسة → مدسرة",
            Self::NumberUnit => "15 ألف → 15,000 ألف",
            Self::RepeatedWord => "من → من من",
            Self::CommaSpace => "، وقد → ،وقد",
            Self::LatinComma => "، وقد → , وقد",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Errors made inside one word (which may turn it into another real word).
    pub fn is_word_error(self) -> bool {
        matches!(
            self,
            Self::Squeeze
                | Self::Drop
                | Self::HamzaDropped
                | Self::HamzaMisplaced
                | Self::TaaMarbuta
                | Self::AlefMaqsura
                | Self::Transpose
        )
    }
}

/// One injected error, located in the injected text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Injected {
    pub kind: ErrorKind,
    /// Byte span of the error in the injected text (the damaged word, the inserted copy with
    /// its space, the number and its unit, the comma).
    pub span: Range<usize>,
    /// What the span stands for in the clean text (empty for an inserted copy).
    pub original: String,
    /// Replacements of `span` that count as restoring the original, the original first
    /// (`15,000 ألف` is fixed by `15 ألف` or by `15,000`).
    pub fixes: Vec<String>,
    /// The damaged word is itself a known word.
    pub real_word: bool,
}

/// A document after injection.
#[derive(Clone, Debug, Default)]
pub struct InjectedDoc {
    pub text: String,
    /// Sorted by position; spans do not overlap.
    pub errors: Vec<Injected>,
}

/// A place where an error of some kind can be made (kept small: a corpus has millions).
#[derive(Clone, Debug)]
struct Site {
    doc: u32,
    kind: ErrorKind,
    /// Indices of the words it touches (for keeping errors apart).
    words: Range<u32>,
    /// Byte range of the clean text the error replaces.
    range: Range<u32>,
}

/// A site made concrete: the replacement and what it restores.
struct Made {
    replacement: String,
    /// The part of the replacement that is the error's span.
    span: Range<usize>,
    fixes: Vec<String>,
    real_word: bool,
}

fn is_letter(c: char) -> bool {
    ('\u{0621}'..='\u{063A}').contains(&c) || ('\u{0641}'..='\u{064A}').contains(&c)
}

fn is_hamza(c: char) -> bool {
    matches!(c, 'ء' | 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ')
}

/// The variants of `word` (its letters) that an error of `kind` can produce.
fn word_variants(kind: ErrorKind, w: &[char]) -> Vec<Vec<char>> {
    let n = w.len();
    let mut out = Vec::new();
    let with = |i: usize, c: char| {
        let mut v = w.to_vec();
        v[i] = c;
        v
    };
    match kind {
        ErrorKind::Squeeze => {
            for i in 1..n {
                if w[i] == w[i - 1] && (i < 2 || w[i - 2] != w[i]) {
                    let mut v = w.to_vec();
                    v.remove(i);
                    out.push(v);
                }
            }
        }
        ErrorKind::Drop if n >= 4 => {
            for i in 1..n {
                let doubled = w[i] == w[i - 1] || w.get(i + 1) == Some(&w[i]);
                if !doubled && !is_hamza(w[i]) {
                    let mut v = w.to_vec();
                    v.remove(i);
                    out.push(v);
                }
            }
        }
        ErrorKind::HamzaDropped => {
            for i in 0..n {
                match w[i] {
                    'أ' | 'إ' | 'آ' => out.push(with(i, 'ا')),
                    'ؤ' => out.push(with(i, 'و')),
                    'ئ' if i + 1 < n => out.push(with(i, 'ي')),
                    'ئ' => out.push(with(i, 'ى')),
                    'ء' if i + 1 == n && i >= 2 && w[i - 1] == 'ا' => {
                        out.push(w[..i].to_vec());
                    }
                    _ => {}
                }
            }
        }
        ErrorKind::HamzaMisplaced => {
            for i in 0..n {
                match w[i] {
                    'أ' if w.get(i + 1).is_some_and(|&c| c != 'ا') => out.push(with(i, 'إ')),
                    'إ' => out.push(with(i, 'أ')),
                    'ؤ' => out.push(with(i, 'ئ')),
                    'ئ' if i + 1 < n => out.push(with(i, 'ؤ')),
                    _ => {}
                }
            }
        }
        ErrorKind::TaaMarbuta if n >= 2 && w[n - 1] == 'ة' => out.push(with(n - 1, 'ه')),
        ErrorKind::AlefMaqsura if n >= 2 => match w[n - 1] {
            'ى' => out.push(with(n - 1, 'ي')),
            'ي' => out.push(with(n - 1, 'ى')),
            _ => {}
        },
        ErrorKind::Transpose if n >= 3 => {
            for i in 0..n - 1 {
                if w[i] != w[i + 1] && !(is_hamza(w[i]) && is_hamza(w[i + 1])) {
                    let mut v = w.to_vec();
                    v.swap(i, i + 1);
                    out.push(v);
                }
            }
        }
        _ => {}
    }
    out
}

const MAGNITUDES: [(&str, u32); 6] = [
    ("ألف", 3),
    ("آلاف", 3),
    ("مليون", 6),
    ("ملايين", 6),
    ("مليار", 9),
    ("مليارات", 9),
];

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Is `word` (bare letters) one a word error can be made in: known to the lexicon?
fn word_ok(word: &str, dict: &Dictionary) -> Option<Vec<char>> {
    let letters: Vec<char> = word.chars().collect();
    (letters.iter().all(|&c| is_letter(c))
        && keymap::encode(word).is_some_and(|k| dict.in_lexicon(&k)))
    .then_some(letters)
}

/// Collect the sites of one document for the kinds asked for, by kind (`kinds` order).
/// Returns the document's word count.
fn sites(
    doc_index: usize,
    text: &str,
    dict: &Dictionary,
    kinds: &[ErrorKind],
    out: &mut [Vec<Site>],
) -> usize {
    let doc = Document::new(text, SourceKind::Plain);
    let toks = doc.tokens();
    let words = doc.words();
    let slot = |k: ErrorKind| kinds.iter().position(|&x| x == k);
    let push = |out: &mut [Vec<Site>], k: ErrorKind, words: Range<usize>, range: Range<usize>| {
        if let Some(i) = slot(k) {
            out[i].push(Site {
                doc: doc_index as u32,
                kind: k,
                words: words.start as u32..words.end as u32,
                range: range.start as u32..range.end as u32,
            });
        }
    };
    // Token index → word index.
    let mut word_of_tok = vec![usize::MAX; toks.len()];
    for (i, w) in words.iter().enumerate() {
        word_of_tok[w.token as usize] = i;
    }
    let tok_text = |i: usize| toks.get(i).map_or("", |t| t.text(text));
    let tok_kind = |i: usize| toks.get(i).map(|t| t.kind);
    let word_kinds: Vec<ErrorKind> = kinds
        .iter()
        .copied()
        .filter(|k| k.is_word_error())
        .collect();

    for (wi, w) in words.iter().enumerate() {
        if w.glued {
            continue;
        }
        let s = doc.word_text(w);
        let span = doc.word_span(w);
        if !word_kinds.is_empty() {
            if let Some(letters) = word_ok(s, dict) {
                for &kind in &word_kinds {
                    if !word_variants(kind, &letters).is_empty() {
                        push(out, kind, wi..wi + 1, span.clone());
                    }
                }
            }
        }
        // A repeated word: a word of two letters or more followed, in the same phrase, by
        // another word. The site is the word; the copy goes after it.
        if s.chars().count() >= 2 && words.get(wi + 1).is_some_and(|n| n.joined_prev && !n.glued) {
            push(out, ErrorKind::RepeatedWord, wi..wi + 2, span.clone());
        }
    }

    for (ti, t) in toks.iter().enumerate() {
        match t.kind {
            // `word، word`: the comma right after an Arabic word, one space, an Arabic word.
            TokenKind::Punct if t.text(text) == "،" => {
                let ok = ti >= 1
                    && tok_kind(ti - 1) == Some(TokenKind::Arabic)
                    && toks[ti - 1].end == t.start
                    && tok_text(ti + 1) == " "
                    && tok_kind(ti + 2) == Some(TokenKind::Arabic);
                if !ok {
                    continue;
                }
                let (wa, wb) = (word_of_tok[ti - 1], word_of_tok[ti + 2]);
                if wa == usize::MAX || wb == usize::MAX {
                    continue;
                }
                push(
                    out,
                    ErrorKind::CommaSpace,
                    wa..wb + 1,
                    t.start..toks[ti + 1].end,
                );
                push(out, ErrorKind::LatinComma, wa..wb + 1, t.span());
            }
            TokenKind::Number if slot(ErrorKind::NumberUnit).is_some() => {
                let num = t.text(text);
                if !num.bytes().all(|b| b.is_ascii_digit()) || num.starts_with('0') {
                    continue;
                }
                if tok_text(ti + 1) != " " || tok_kind(ti + 2) != Some(TokenKind::Arabic) {
                    continue;
                }
                let wi = word_of_tok[ti + 2];
                if wi == usize::MAX || words[wi].glued {
                    continue;
                }
                // Not part of a date or a range: only a space or a line before it.
                let before_ok = ti == 0
                    || matches!(
                        tok_kind(ti - 1),
                        Some(TokenKind::Space | TokenKind::Newline)
                    );
                let Ok(value) = num.parse::<u64>() else {
                    continue;
                };
                if !before_ok {
                    continue;
                }
                if MAGNITUDES.iter().any(|(m, _)| *m == tok_text(ti + 2)) {
                    // `15 ألف` → `15,000 ألف`.
                    if (1..1000).contains(&value) {
                        push(
                            out,
                            ErrorKind::NumberUnit,
                            wi..wi + 1,
                            t.start..toks[ti + 2].end,
                        );
                    }
                } else if value >= 1000
                    && value.is_multiple_of(1000)
                    && !(1900..=2100).contains(&value)
                {
                    // `4000 عنصر` → `4000 ألف عنصر`.
                    push(out, ErrorKind::NumberUnit, wi..wi + 1, t.span());
                }
            }
            _ => {}
        }
    }
    words.len()
}

/// Make the error of a site.
fn make(site: &Site, text: &str, dict: &Dictionary, rng: &mut Rng) -> Made {
    let range = site.range.start as usize..site.range.end as usize;
    let orig = &text[range];
    let whole = |replacement: String, fixes: Vec<String>, real_word: bool| Made {
        span: 0..replacement.len(),
        replacement,
        fixes,
        real_word,
    };
    match site.kind {
        k if k.is_word_error() => {
            let letters: Vec<char> = orig.chars().collect();
            let vars = word_variants(k, &letters);
            let v: String = vars[rng.below(vars.len())].iter().collect();
            let real_word = keymap::encode(&v).is_some_and(|key| dict.is_known(&key));
            whole(v, vec![orig.to_string()], real_word)
        }
        ErrorKind::RepeatedWord => {
            let rep = format!("{orig} {orig}");
            Made {
                span: orig.len()..rep.len(),
                replacement: rep,
                fixes: vec![String::new()],
                real_word: false,
            }
        }
        ErrorKind::CommaSpace => whole("،".into(), vec!["، ".into()], false),
        ErrorKind::LatinComma => whole(",".into(), vec!["،".into()], false),
        ErrorKind::NumberUnit => match orig.split_once(' ') {
            Some((num, unit)) => {
                let zeros = MAGNITUDES
                    .iter()
                    .find(|(m, _)| *m == unit)
                    .map_or(3, |m| m.1);
                let digits = format!("{num}{}", "0".repeat(zeros as usize));
                let long = if rng.below(2) == 0 {
                    group_thousands(&digits)
                } else {
                    digits
                };
                whole(
                    format!("{long} {unit}"),
                    vec![orig.to_string(), long],
                    false,
                )
            }
            None => {
                let value: u64 = orig.parse().unwrap_or(0);
                let unit = if value.is_multiple_of(1_000_000) {
                    "مليون"
                } else {
                    "ألف"
                };
                whole(format!("{orig} {unit}"), vec![orig.to_string()], false)
            }
        },
        _ => unreachable!("every kind is handled"),
    }
}

/// Inject errors into `docs`: about `rate` errors a word (counted on the clean text), of the
/// kinds in `kinds`, taken in turn so that each kind gets its share while it has sites left.
pub fn inject(
    docs: &[&str],
    dict: &Dictionary,
    kinds: &[ErrorKind],
    rate: f64,
    seed: u64,
) -> Vec<InjectedDoc> {
    let mut rng = Rng::new(seed);
    let mut queues: Vec<Vec<Site>> = vec![Vec::new(); kinds.len()];
    let mut total_words = 0usize;
    let mut doc_words = Vec::with_capacity(docs.len());
    for (i, text) in docs.iter().enumerate() {
        let n = sites(i, text, dict, kinds, &mut queues);
        doc_words.push(n);
        total_words += n;
    }
    let target = (rate * total_words as f64).round() as usize;
    for q in queues.iter_mut() {
        rng.shuffle(q);
    }
    // Words taken, per document: an error's words and their neighbours are blocked.
    let mut taken: Vec<Vec<bool>> = doc_words.iter().map(|&n| vec![false; n + 2]).collect();
    let mut chosen: Vec<Site> = Vec::new();
    let mut live = true;
    while chosen.len() < target && live {
        live = false;
        for q in queues.iter_mut() {
            if chosen.len() >= target {
                break;
            }
            while let Some(s) = q.pop() {
                let t = &mut taken[s.doc as usize];
                let (lo, hi) = (s.words.start as usize, s.words.end as usize);
                if (lo.saturating_sub(1)..hi + 1).any(|w| t[w]) {
                    continue;
                }
                t[lo..hi].iter_mut().for_each(|x| *x = true);
                chosen.push(s);
                live = true;
                break;
            }
        }
    }
    chosen.sort_by_key(|s| (s.doc, s.range.start));
    let mut out: Vec<InjectedDoc> = Vec::with_capacity(docs.len());
    let mut it = chosen.into_iter().peekable();
    for (i, text) in docs.iter().enumerate() {
        let mut d = InjectedDoc {
            text: String::with_capacity(text.len() + 64),
            errors: Vec::new(),
        };
        let mut at = 0;
        while let Some(s) = it.next_if(|s| s.doc as usize == i) {
            let m = make(&s, text, dict, &mut rng);
            let range = s.range.start as usize..s.range.end as usize;
            d.text.push_str(&text[at..range.start]);
            let base = d.text.len();
            d.text.push_str(&m.replacement);
            at = range.end;
            d.errors.push(Injected {
                kind: s.kind,
                span: base + m.span.start..base + m.span.end,
                original: m.fixes[0].clone(),
                fixes: m.fixes,
                real_word: m.real_word,
            });
        }
        d.text.push_str(&text[at..]);
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tadqiq_core::Dictionary;

    fn vars(kind: ErrorKind, w: &str) -> Vec<String> {
        let c: Vec<char> = w.chars().collect();
        word_variants(kind, &c)
            .into_iter()
            .map(|v| v.into_iter().collect())
            .collect()
    }

    #[test]
    fn variants_are_plausible_typos() {
        assert_eq!(vars(ErrorKind::Squeeze, "اللقاء"), vec!["القاء"]);
        assert!(vars(ErrorKind::Squeeze, "مدرسة").is_empty());
        assert_eq!(
            vars(ErrorKind::HamzaDropped, "أعضاء"),
            vec!["اعضاء", "أعضا"]
        );
        assert_eq!(vars(ErrorKind::HamzaDropped, "مسؤول"), vec!["مسوول"]);
        assert!(vars(ErrorKind::HamzaDropped, "مدرسة").is_empty());
        assert_eq!(vars(ErrorKind::HamzaMisplaced, "إلى"), vec!["ألى"]);
        assert_eq!(vars(ErrorKind::HamzaMisplaced, "مسؤول"), vec!["مسئول"]);
        assert_eq!(vars(ErrorKind::TaaMarbuta, "الدولة"), vec!["الدوله"]);
        assert_eq!(vars(ErrorKind::AlefMaqsura, "في"), vec!["فى"]);
        assert_eq!(vars(ErrorKind::AlefMaqsura, "مستوى"), vec!["مستوي"]);
        assert!(vars(ErrorKind::Drop, "من").is_empty());
        assert!(vars(ErrorKind::Drop, "التدريبية").contains(&"التدريبة".to_string()));
        // Dropping one of a doubled pair is a squeeze, not a drop.
        assert!(!vars(ErrorKind::Drop, "اللقاء").contains(&"القاء".to_string()));
        assert!(vars(ErrorKind::Transpose, "مدرسة").contains(&"مدسرة".to_string()));
    }

    #[test]
    fn injection_is_recorded_and_reproducible() {
        let text = "قال الوزير إن اللقاء تناول التعاون بين البلدين، وأكد أن الحكومة \
                    ستقدم 15 ألف منحة دراسية إلى الطلاب في المدارس الحكومية هذا العام، \
                    وأضاف أن 4000 معلم سينضمون إلى البرنامج.";
        let d = Dictionary::embedded();
        let a = inject(&[text], &d, &ErrorKind::ALL, 0.5, 7);
        let b = inject(&[text], &d, &ErrorKind::ALL, 0.5, 7);
        assert_eq!(a[0].text, b[0].text);
        assert_eq!(a[0].errors, b[0].errors);
        assert!(a[0].errors.len() >= 5, "{:?}", a[0].errors);
        // Undoing every error gives the clean text back.
        let mut restored = a[0].text.clone();
        for e in a[0].errors.iter().rev() {
            restored.replace_range(e.span.clone(), &e.fixes[0]);
        }
        assert_eq!(restored, text);
        // Errors are apart: no two on neighbouring words.
        for w in a[0].errors.windows(2) {
            assert!(w[0].span.end < w[1].span.start);
        }
    }

    #[test]
    fn number_units_and_commas() {
        let text = "وصل عدد الزوار في المعرض هذا العام إلى 15 ألف زائر من مختلف الدول \
                    والمدن العربية، وبلغت الإيرادات نحو 3000 دينار";
        let d = Dictionary::embedded();
        let a = inject(
            &[text],
            &d,
            &[ErrorKind::NumberUnit, ErrorKind::LatinComma],
            1.0,
            3,
        );
        let kinds: Vec<_> = a[0].errors.iter().map(|e| e.kind).collect();
        assert!(kinds.contains(&ErrorKind::NumberUnit), "{}", a[0].text);
        assert!(kinds.contains(&ErrorKind::LatinComma), "{}", a[0].text);
        for e in &a[0].errors {
            let s = &a[0].text[e.span.clone()];
            match e.kind {
                ErrorKind::NumberUnit => assert!(
                    s == "15,000 ألف" || s == "15000 ألف" || s == "3000 ألف",
                    "{s}"
                ),
                ErrorKind::LatinComma => assert_eq!(s, ","),
                _ => unreachable!(),
            }
        }
    }
}
