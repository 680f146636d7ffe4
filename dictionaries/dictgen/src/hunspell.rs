//! Reading Hunspell `.aff`/`.dic` files and expanding dictionary entries into every word form that
//! Hunspell accepts (a replacement for `unmunch`, which does not handle `FLAG long` and `AF`).
//!
//! The expansion follows Hunspell 1.7's checker (`affixmgr.cxx`, `affentry.cxx`) rather than
//! `unmunch`: a form is produced exactly when some derivation Hunspell tries at check time
//! succeeds for that dictionary entry (homonyms are checked one by one, so each entry expands on
//! its own). With `P` a prefix, `A` and `B` suffixes, `F` the entry's flags, and `X.cont` the
//! continuation class of an affix, an entry with stem `S` yields:
//!
//! - `S` itself;
//! - `P(S)` for `P ∈ F`;
//! - `A(S)` for `A ∈ F`, and the twofold `B(A(S))` for `B ∈ A.cont`;
//! - `P(A(S))` when both are cross-product and `P ∈ F ∪ A.cont` (a suffix may enable prefixes
//!   the stem does not have), `A` being in `F` or enabled by the prefix (`A ∈ P.cont`);
//! - `P(B(A(S)))` when `P` and `B` are cross-product and either `P ∈ B.cont` (then `A ∈ F`
//!   suffices), or `A` is cross-product, `P ∈ F ∪ A.cont` and `A ∈ F ∪ P.cont`.
//!
//! Each affix applies to the form built so far (suffixes first, then the prefix), only if that
//! form starts (prefix) or ends (suffix) with the strip string, is longer than it (Hunspell
//! never strips a whole word without `FULLSTRIP`), and matches the condition. Conditions are
//! matched character by character, which is what Hunspell's byte-level matcher amounts to for the
//! UTF-8 conditions of the Arabic dictionary (checked against `hunspell` itself, see the
//! `hunspell-expand` binary).
//!
//! `IGNORE` characters are removed from stems and affix strings as Hunspell does at load time.
//! `ICONV` applies to the words being checked, not to the dictionary: it is recorded but plays no
//! part in expansion (its mappings — `ٱ` and the lam-alef ligatures — are folded by
//! [`keymap::encode`] anyway).
//!
//! Not supported, and refused by [`parse_aff`] rather than expanded wrongly: compounding
//! (`COMPOUNDFLAG`, `COMPOUNDRULE`, ...), `COMPLEXPREFIXES` (two prefixes), `CIRCUMFIX`,
//! `NEEDAFFIX`/`PSEUDOROOT`, `ONLYINCOMPOUND`, `FORBIDDENWORD` and `FULLSTRIP`. None of them
//! occurs in the Arabic dictionary. Directives that only affect suggestions (`TRY`, `KEY`, `REP`,
//! `MAP`, ...), letter case (`KEEPCASE`, `FORCEUCASE`, `CHECKSHARPS`: Arabic has no case),
//! tokenisation (`WORDCHARS`, `BREAK`) or output (`OCONV`) are ignored. Hunspell also accepts
//! numbers ("1,000") and words split on `BREAK` characters (default: hyphen) whose parts are all
//! accepted; neither is a dictionary form.

use std::collections::HashMap;
use std::sync::Arc;

use crate::keymap;

/// An affix flag, as Hunspell stores it (two bytes for `FLAG long`).
pub type Flag = u16;

/// How flags are written (`FLAG` directive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagMode {
    /// One byte a flag (the default).
    Char,
    /// Two bytes a flag (`FLAG long`).
    Long,
    /// Decimal numbers separated by commas (`FLAG num`).
    Num,
    /// One character a flag (`FLAG UTF-8`).
    Utf8,
}

impl FlagMode {
    /// Decode a flag vector (Hunspell's `decode_flags`).
    pub fn decode(self, s: &str) -> Vec<Flag> {
        match self {
            FlagMode::Char => s.bytes().map(Flag::from).collect(),
            FlagMode::Long => s
                .as_bytes()
                .chunks_exact(2)
                .map(|p| (Flag::from(p[0]) << 8) | Flag::from(p[1]))
                .collect(),
            FlagMode::Num => s.split(',').map(|n| atoi(n) as Flag).collect(),
            FlagMode::Utf8 => s.chars().map(|c| c as u32 as Flag).collect(),
        }
    }

    /// Decode a single flag (Hunspell's `decode_flag`).
    pub fn decode_one(self, s: &str) -> Flag {
        match self {
            FlagMode::Num => atoi(s) as Flag,
            _ => self.decode(s).first().copied().unwrap_or(0),
        }
    }
}

/// C `atoi`: leading digits, 0 if none.
fn atoi(s: &str) -> u32 {
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    s[..digits].parse().unwrap_or(0)
}

/// One position of an affix condition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CondElem {
    /// `.`: any character.
    Any,
    /// A literal character.
    Char(char),
    /// `[...]` or `[^...]`.
    Set { negated: bool, chars: Box<[char]> },
}

impl CondElem {
    #[inline]
    fn matches(&self, c: char) -> bool {
        match self {
            CondElem::Any => true,
            CondElem::Char(x) => *x == c,
            CondElem::Set { negated, chars } => chars.contains(&c) != *negated,
        }
    }
}

/// An affix condition: what the start (prefix) or end (suffix) of a word must look like.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Condition {
    elems: Vec<CondElem>,
    /// True if every element is `.` (only the length is tested).
    any_only: bool,
}

impl Condition {
    /// Parse a condition (`.`, `[^ي]ى`, `ائي`, ...).
    pub fn parse(s: &str) -> Result<Condition, String> {
        let mut elems = Vec::new();
        if s == "." {
            // No condition (Hunspell too stores none for a lone dot).
            return Ok(Condition {
                elems,
                any_only: true,
            });
        }
        let mut it = s.chars();
        while let Some(c) = it.next() {
            match c {
                '.' => elems.push(CondElem::Any),
                '[' => {
                    let mut chars = Vec::new();
                    let mut negated = false;
                    let mut closed = false;
                    let mut first = true;
                    for g in it.by_ref() {
                        match g {
                            ']' => {
                                closed = true;
                                break;
                            }
                            '^' if first => negated = true,
                            _ => chars.push(g),
                        }
                        first = false;
                    }
                    if !closed {
                        return Err(format!("unclosed group in condition {s:?}"));
                    }
                    elems.push(CondElem::Set {
                        negated,
                        chars: chars.into(),
                    });
                }
                _ => elems.push(CondElem::Char(c)),
            }
        }
        let any_only = elems.iter().all(|e| *e == CondElem::Any);
        Ok(Condition { elems, any_only })
    }

    /// The positions of the condition.
    pub fn elems(&self) -> &[CondElem] {
        &self.elems
    }

    /// True if `word` has at least as many characters as the condition and starts with a match.
    #[inline]
    pub fn matches_start(&self, word: &str) -> bool {
        if self.elems.is_empty() {
            return true;
        }
        if self.any_only {
            return word.chars().nth(self.elems.len() - 1).is_some();
        }
        let mut chars = word.chars();
        self.elems
            .iter()
            .all(|e| chars.next().is_some_and(|c| e.matches(c)))
    }

    /// True if `word` has at least as many characters as the condition and ends with a match.
    #[inline]
    pub fn matches_end(&self, word: &str) -> bool {
        if self.elems.is_empty() {
            return true;
        }
        if self.any_only {
            return word.chars().nth(self.elems.len() - 1).is_some();
        }
        let mut chars = word.chars().rev();
        self.elems
            .iter()
            .rev()
            .all(|e| chars.next().is_some_and(|c| e.matches(c)))
    }
}

/// One affix rule (a `PFX`/`SFX` line).
#[derive(Clone, Debug)]
pub struct Affix {
    pub flag: Flag,
    /// The `Y` of the class header: may combine with an affix of the other kind.
    pub cross_product: bool,
    /// Characters removed from the word (at its start for a prefix, its end for a suffix).
    pub strip: String,
    /// Characters added, `IGNORE` characters removed.
    pub append: String,
    pub condition: Condition,
    /// Continuation class: flags of affixes that may follow (sorted).
    pub cont: Vec<Flag>,
    /// Morphological description (through `AM` when aliased).
    pub morph: Option<String>,
    /// Line in the `.aff` file (1-based).
    pub line: usize,
}

impl Affix {
    /// Apply this prefix to `word` if Hunspell would: `word` starts with the strip string, is
    /// longer than it, and matches the condition.
    #[inline]
    fn prefix_applies(&self, word: &str) -> bool {
        let (w, s) = (word.as_bytes(), self.strip.as_bytes());
        w.len() > s.len() && short_eq(&w[..s.len()], s) && self.condition.matches_start(word)
    }

    #[inline]
    fn suffix_applies(&self, word: &str) -> bool {
        let (w, s) = (word.as_bytes(), self.strip.as_bytes());
        w.len() > s.len()
            && short_eq(&w[w.len() - s.len()..], s)
            && self.condition.matches_end(word)
    }

    /// `word` with this prefix applied, if it applies.
    pub fn apply_prefix(&self, word: &str) -> Option<String> {
        self.prefix_applies(word)
            .then(|| format!("{}{}", self.append, &word[self.strip.len()..]))
    }

    /// `word` with this suffix applied, if it applies.
    pub fn apply_suffix(&self, word: &str) -> Option<String> {
        self.suffix_applies(word)
            .then(|| format!("{}{}", &word[..word.len() - self.strip.len()], self.append))
    }
}

/// Equality of two short byte strings of the same length, without a `memcmp` call (which costs
/// more than the comparison itself for the few bytes of a strip string).
#[inline(always)]
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// A parsed `.aff` file. The fields are for reading: the expansion uses tables built from them
/// by [`parse_aff`].
#[derive(Clone, Debug)]
pub struct Affixes {
    pub flag_mode: FlagMode,
    /// `AF` flag vectors (sorted); alias `n` of the files is `flag_aliases[n - 1]`.
    pub flag_aliases: Vec<Vec<Flag>>,
    /// `AM` morphological descriptions; alias `n` is `morph_aliases[n - 1]`.
    pub morph_aliases: Vec<String>,
    /// `IGNORE` characters.
    pub ignore: Vec<char>,
    /// `ICONV` input conversions (pattern, replacement).
    pub iconv: Vec<(String, String)>,
    pub prefixes: Vec<Affix>,
    pub suffixes: Vec<Affix>,
    index: Index,
}

/// Look-up tables derived from the affixes for expansion.
#[derive(Clone, Debug, Default)]
struct Index {
    pfx_by_flag: HashMap<Flag, Vec<u32>>,
    sfx_by_flag: HashMap<Flag, Vec<u32>>,
    /// Distinct prefixes: entries identical in strip, append, condition, cross product and
    /// continuation produce the same forms, so they are expanded once.
    canon: Vec<CanonPrefix>,
    /// Per prefix entry: its index in `canon`.
    pfx_canon: Vec<u32>,
    /// Number of u64 words in a bit set over `canon`.
    words: usize,
    /// Bit set over `canon` of the prefixes of each flag.
    flag_pbits: HashMap<Flag, Box<[u64]>>,
    /// Bit set of the cross-product prefixes.
    cross_mask: Box<[u64]>,
    /// Per suffix: bit set of the prefixes its continuation class enables.
    sfx_cont_pbits: Vec<Box<[u64]>>,
    /// Per suffix: the suffixes its continuation class allows after it.
    sfx_cont_sfx: Vec<Box<[u32]>>,
    /// Suffix flags that some prefix's continuation class enables → those prefixes.
    sfx_enablers: std::collections::BTreeMap<Flag, Vec<u32>>,
}

#[derive(Clone, Debug)]
struct CanonPrefix {
    /// A representative entry in `Affixes::prefixes`.
    entry: u32,
    /// Key bytes of the append string, if each of its characters is a letter or ignorable (then
    /// the key of `append + rest` is `key(append) + key(rest)` unless `rest` starts with a
    /// combining hamza/madda).
    append_key: Option<Box<[u8]>>,
    /// Number of characters of the strip string, if all are letters (one key byte each).
    strip_letters: Option<usize>,
}

/// A word list section of `ar.dic` (the file is a concatenation of several `.dic` files, each
/// introduced by a `::::` / file name / `::::` header).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Before any section header (a plain `.dic` file).
    Main,
    /// `stopwords.dic`: particles, pronouns and the like, pre-expanded.
    Stopwords,
    /// `tools.dic`: adverbs, interjections, ...
    Tools,
    /// `names.dic`: proper names (continents, countries, capitals, people) *and* all nouns and
    /// adjectives (masdars, participles, ...); see [`DicEntry::heading`] to tell them apart.
    Names,
    /// `verb.huns.dic`: verbs.
    Verbs,
    /// Any other file name.
    Other,
}

impl Section {
    /// The section a `.dic` file name stands for.
    pub fn from_file_name(name: &str) -> Section {
        match name.trim() {
            "stopwords.dic" => Section::Stopwords,
            "tools.dic" => Section::Tools,
            "names.dic" => Section::Names,
            "verb.huns.dic" => Section::Verbs,
            _ => Section::Other,
        }
    }

    /// All sections, in file order.
    pub const ALL: [Section; 6] = [
        Section::Main,
        Section::Stopwords,
        Section::Tools,
        Section::Names,
        Section::Verbs,
        Section::Other,
    ];
}

/// One line of a `.dic` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DicEntry {
    /// The word, `IGNORE` characters removed.
    pub stem: String,
    /// Its flags, sorted (resolved through `AF`).
    pub flags: Vec<Flag>,
    /// Morphological description (resolved through `AM` when aliased).
    pub morph: Option<String>,
    pub section: Section,
    /// The last `#` comment line seen in the section, without the `#`s (`ar.dic` uses them as
    /// sub-headings: `القارات`, `البلدان`, `العواصم`, `اسماء،أشخاص`, `اسم-جامد`, `المصادر`, ...).
    pub heading: Option<Arc<str>>,
    /// Line in the `.dic` file (1-based).
    pub line: u32,
}

impl DicEntry {
    /// True if the entry has `flag`.
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.binary_search(&flag).is_ok()
    }
}

/// The headings of `names.dic` under which `ar.dic` lists proper names: continents, countries,
/// capitals, people. (The entries include the matching nisba adjectives, `آسيوي`, `أمريكي`;
/// the heading `أسماء` before them holds the clitic forms of `الله` and the names of the
/// letters, `ألف`, `باء`, ..., which are not counted as names.)
pub const NAME_HEADINGS: [&str; 4] = ["القارات", "البلدان", "العواصم", "اسماء،أشخاص"];

/// True for the entries of `ar.dic` that are proper names (see [`NAME_HEADINGS`]).
pub fn is_proper_noun(e: &DicEntry) -> bool {
    e.section == Section::Names
        && e.heading
            .as_deref()
            .is_some_and(|h| NAME_HEADINGS.contains(&h))
}

/// Directives that change which words are accepted and that the expander does not implement.
const UNSUPPORTED: &[&str] = &[
    "COMPLEXPREFIXES",
    "COMPOUNDFLAG",
    "COMPOUNDBEGIN",
    "COMPOUNDMIDDLE",
    "COMPOUNDEND",
    "COMPOUNDLAST",
    "COMPOUNDRULE",
    "COMPOUNDPERMITFLAG",
    "ONLYINCOMPOUND",
    "NEEDAFFIX",
    "PSEUDOROOT",
    "CIRCUMFIX",
    "FORBIDDENWORD",
    "FULLSTRIP",
];

fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split([' ', '\t']).filter(|s| !s.is_empty())
}

fn remove_chars(s: &str, ignore: &[char]) -> String {
    if ignore.is_empty() || !s.chars().any(|c| ignore.contains(&c)) {
        s.to_owned()
    } else {
        s.chars().filter(|c| !ignore.contains(c)).collect()
    }
}

/// Parse the text of a `.aff` file.
pub fn parse_aff(text: &str) -> Result<Affixes, String> {
    let mut aff = Affixes {
        flag_mode: FlagMode::Char,
        flag_aliases: Vec::new(),
        morph_aliases: Vec::new(),
        ignore: Vec::new(),
        iconv: Vec::new(),
        prefixes: Vec::new(),
        suffixes: Vec::new(),
        index: Index::default(),
    };
    let lines: Vec<&str> = text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    let mut i = 0;
    let mut seen_affix = false;
    // Reads the `n` lines of a table whose header is at `at`.
    fn table<'a>(
        lines: &[&'a str],
        at: usize,
        key: &str,
        n: usize,
    ) -> Result<Vec<(usize, Vec<&'a str>)>, String> {
        let mut rows = Vec::with_capacity(n);
        for j in at + 1..=at + n {
            let line = lines
                .get(j)
                .ok_or_else(|| format!("line {}: {key} table is cut short", at + 1))?;
            let toks: Vec<&str> = tokens(line).collect();
            if toks.first() != Some(&key) {
                return Err(format!("line {}: expected a {key} line", j + 1));
            }
            rows.push((j + 1, toks));
        }
        Ok(rows)
    }
    while i < lines.len() {
        let line = lines[i];
        let toks: Vec<&str> = tokens(line).collect();
        let Some(&kw) = toks.first() else {
            i += 1;
            continue;
        };
        let count = || -> Result<usize, String> {
            toks.get(1)
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("line {}: {kw} needs a count", i + 1))
        };
        // Hunspell reads these when it loads the word list, which it does from the part of the
        // file before the first affix class: later, they would be ignored for the words.
        if seen_affix && matches!(kw, "FLAG" | "AF" | "AM" | "IGNORE") {
            return Err(format!(
                "line {}: {kw} after the affix classes is not supported",
                i + 1
            ));
        }
        match kw {
            "FLAG" => {
                let arg = toks.get(1).copied().unwrap_or("");
                aff.flag_mode = if arg.contains("long") {
                    FlagMode::Long
                } else if arg.contains("num") {
                    FlagMode::Num
                } else if arg.contains("UTF-8") {
                    FlagMode::Utf8
                } else {
                    return Err(format!("line {}: unknown FLAG type {arg:?}", i + 1));
                };
            }
            "SET" => {
                let enc = toks.get(1).copied().unwrap_or("");
                if !enc.eq_ignore_ascii_case("UTF-8") {
                    return Err(format!(
                        "line {}: only UTF-8 is supported, not {enc}",
                        i + 1
                    ));
                }
            }
            "IGNORE" => aff.ignore = toks.get(1).copied().unwrap_or("").chars().collect(),
            "AF" => {
                let n = count()?;
                for (_, row) in table(&lines, i, "AF", n)? {
                    let mut flags = aff.flag_mode.decode(row.get(1).copied().unwrap_or(""));
                    flags.sort_unstable();
                    aff.flag_aliases.push(flags);
                }
                i += n;
            }
            "AM" => {
                let n = count()?;
                for j in i + 1..=i + n {
                    let l = lines
                        .get(j)
                        .ok_or_else(|| format!("line {}: AM table is cut short", i + 1))?;
                    let rest = l
                        .trim_start()
                        .strip_prefix("AM")
                        .ok_or_else(|| format!("line {}: expected an AM line", j + 1))?;
                    aff.morph_aliases.push(rest.trim().to_owned());
                }
                i += n;
            }
            "ICONV" => {
                let n = count()?;
                for (j, row) in table(&lines, i, "ICONV", n)? {
                    match row[..] {
                        [_, from, to, ..] => aff.iconv.push((from.to_owned(), to.to_owned())),
                        _ => return Err(format!("line {j}: ICONV needs two strings")),
                    }
                }
                i += n;
            }
            "PFX" | "SFX" => {
                seen_affix = true;
                let [_, flag, cross, n, ..] = toks[..] else {
                    return Err(format!("line {}: bad {kw} header", i + 1));
                };
                let n: usize = atoi(n) as usize;
                let flag_code = aff.flag_mode.decode_one(flag);
                let cross = cross == "Y";
                for j in i + 1..=i + n {
                    let l = lines
                        .get(j)
                        .ok_or_else(|| format!("line {}: {kw} {flag} is cut short", i + 1))?;
                    let row: Vec<&str> = tokens(l).collect();
                    if row.len() < 4 || row[0] != kw || row[1] != flag {
                        return Err(format!("line {}: affix {flag} is corrupt", j + 1));
                    }
                    let strip = if row[2] == "0" { "" } else { row[2] };
                    let (append, cont) = match row[3].split_once('/') {
                        Some((a, c)) => (a, Some(c)),
                        None => (row[3], None),
                    };
                    let mut append = remove_chars(append, &aff.ignore);
                    if append == "0" {
                        append.clear();
                    }
                    let mut cont = match cont {
                        None => Vec::new(),
                        Some(c) if !aff.flag_aliases.is_empty() => {
                            let k = atoi(c) as usize;
                            aff.flag_aliases
                                .get(k.wrapping_sub(1))
                                .cloned()
                                .ok_or_else(|| format!("line {}: bad flag alias {c}", j + 1))?
                        }
                        Some(c) => aff.flag_mode.decode(c),
                    };
                    cont.sort_unstable();
                    // A missing condition is no condition (what hunspell does).
                    let condition = Condition::parse(row.get(4).copied().unwrap_or("."))
                        .map_err(|e| format!("line {}: {e}", j + 1))?;
                    let morph = (row.len() > 5).then(|| {
                        let m = row[5..].join(" ");
                        match (aff.morph_aliases.is_empty(), m.parse::<usize>()) {
                            (false, Ok(k)) => aff
                                .morph_aliases
                                .get(k.wrapping_sub(1))
                                .cloned()
                                .unwrap_or(m),
                            _ => m,
                        }
                    });
                    let affix = Affix {
                        flag: flag_code,
                        cross_product: cross,
                        strip: strip.to_owned(),
                        append,
                        condition,
                        cont,
                        morph,
                        line: j + 1,
                    };
                    if kw == "PFX" {
                        aff.prefixes.push(affix);
                    } else {
                        aff.suffixes.push(affix);
                    }
                }
                i += n;
            }
            _ if UNSUPPORTED.contains(&kw) => {
                return Err(format!(
                    "line {}: {kw} is not supported by the expander",
                    i + 1
                ));
            }
            _ => {}
        }
        i += 1;
    }
    aff.index = Index::build(&aff);
    Ok(aff)
}

fn bits_set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn bits_or(dst: &mut [u64], src: &[u64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d |= s;
    }
}

fn bits_any(bits: &[u64]) -> bool {
    bits.iter().any(|&w| w != 0)
}

/// The key of a string if it is made only of letters and ignorable characters (so that keys
/// of concatenations are concatenations of keys).
fn plain_key(s: &str) -> Option<Vec<u8>> {
    let mut key = Vec::new();
    for c in s.chars() {
        match keymap::classify(c) {
            keymap::Class::Letter(b) => key.push(b),
            keymap::Class::Ignorable => {}
            _ => return None,
        }
    }
    Some(key)
}

impl Index {
    fn build(aff: &Affixes) -> Index {
        let mut ix = Index::default();
        for (i, p) in aff.prefixes.iter().enumerate() {
            ix.pfx_by_flag.entry(p.flag).or_default().push(i as u32);
        }
        for (i, s) in aff.suffixes.iter().enumerate() {
            ix.sfx_by_flag.entry(s.flag).or_default().push(i as u32);
        }
        // Distinct prefixes.
        let mut seen: HashMap<(&str, &str, &Condition, bool, &[Flag]), u32> = HashMap::new();
        let mut pfx_canon = Vec::with_capacity(aff.prefixes.len());
        for (i, p) in aff.prefixes.iter().enumerate() {
            let k = (
                p.strip.as_str(),
                p.append.as_str(),
                &p.condition,
                p.cross_product,
                &p.cont[..],
            );
            let id = *seen.entry(k).or_insert_with(|| {
                ix.canon.push(CanonPrefix {
                    entry: i as u32,
                    append_key: plain_key(&p.append).map(Into::into),
                    strip_letters: p
                        .strip
                        .chars()
                        .all(|c| matches!(keymap::classify(c), keymap::Class::Letter(_)))
                        .then(|| p.strip.chars().count()),
                });
                ix.canon.len() as u32 - 1
            });
            pfx_canon.push(id);
        }
        ix.words = ix.canon.len().div_ceil(64).max(1);
        let empty = || vec![0u64; ix.words].into_boxed_slice();
        ix.cross_mask = empty();
        for (i, p) in aff.prefixes.iter().enumerate() {
            let c = pfx_canon[i] as usize;
            bits_set(ix.flag_pbits.entry(p.flag).or_insert_with(empty), c);
            if p.cross_product {
                bits_set(&mut ix.cross_mask, c);
            }
            for &f in &p.cont {
                if ix.sfx_by_flag.contains_key(&f) {
                    ix.sfx_enablers.entry(f).or_default().push(i as u32);
                }
            }
        }
        for s in &aff.suffixes {
            let mut pb = empty();
            let mut next = Vec::new();
            for f in &s.cont {
                if let Some(b) = ix.flag_pbits.get(f) {
                    bits_or(&mut pb, b);
                }
                if let Some(v) = ix.sfx_by_flag.get(f) {
                    next.extend_from_slice(v);
                }
            }
            ix.sfx_cont_pbits.push(pb);
            ix.sfx_cont_sfx.push(next.into());
        }
        ix.pfx_canon = pfx_canon;
        ix
    }
}

impl Affixes {
    /// The prefix rules of a flag.
    pub fn prefixes_of(&self, flag: Flag) -> impl Iterator<Item = &Affix> {
        self.index
            .pfx_by_flag
            .get(&flag)
            .into_iter()
            .flatten()
            .map(|&i| &self.prefixes[i as usize])
    }

    /// The suffix rules of a flag.
    pub fn suffixes_of(&self, flag: Flag) -> impl Iterator<Item = &Affix> {
        self.index
            .sfx_by_flag
            .get(&flag)
            .into_iter()
            .flatten()
            .map(|&i| &self.suffixes[i as usize])
    }

    /// Resolve the flag field of a `.dic` line (an `AF` alias number when aliases are defined).
    /// Like Hunspell, an unknown alias gives no flags.
    pub fn dic_flags(&self, field: &str) -> Vec<Flag> {
        if self.flag_aliases.is_empty() {
            let mut f = self.flag_mode.decode(field);
            f.sort_unstable();
            f
        } else {
            let k = atoi(field) as usize;
            self.flag_aliases
                .get(k.wrapping_sub(1))
                .cloned()
                .unwrap_or_default()
        }
    }
}

/// True for the `::::::::::::::` lines around the file names in `ar.dic`.
fn is_separator(line: &str) -> bool {
    line.len() >= 3 && line.bytes().all(|b| b == b':')
}

/// Parse the text of a `.dic` file.
///
/// The first line (the word count) is skipped, as Hunspell does. For the concatenated `ar.dic`,
/// section headers (`::::` / file name / `::::`), the count line that may follow them, and `#`
/// comment lines are not entries: Hunspell does load them as words, but none can match an
/// Arabic word (`#` and `:` are not word characters, and a number is accepted by Hunspell
/// anyway). Comment lines set [`DicEntry::heading`].
pub fn parse_dic(text: &str, aff: &Affixes) -> Result<Vec<DicEntry>, String> {
    let lines: Vec<&str> = text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .map(|l| l.trim_end_matches(['\r', '\n']))
        .collect();
    let Some(first) = lines.first() else {
        return Err("empty .dic file".into());
    };
    if atoi(first) == 0 {
        return Err("line 1: missing word count".into());
    }
    let mut entries = Vec::with_capacity(atoi(first) as usize);
    let mut section = Section::Main;
    let mut heading: Option<Arc<str>> = None;
    let mut i = 1;
    while i < lines.len() {
        let line = lines[i];
        let lineno = i as u32 + 1;
        i += 1;
        if is_separator(line) && lines.get(i + 1).is_some_and(|l| is_separator(l)) {
            section = Section::from_file_name(lines[i]);
            heading = None;
            i += 2;
            // The count line of the file that follows.
            if lines
                .get(i)
                .is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
            {
                i += 1;
            }
            continue;
        }
        if line.starts_with('#') {
            let text = line
                .split('\t')
                .next()
                .unwrap_or("")
                .trim_matches('#')
                .trim();
            heading = (!text.is_empty()).then(|| Arc::from(text));
            continue;
        }
        if let Some(e) = parse_dic_line(line, aff, section, heading.clone(), lineno) {
            entries.push(e);
        }
    }
    Ok(entries)
}

/// Parse one entry line the way Hunspell's `HashMgr::load_tables` does.
fn parse_dic_line(
    line: &str,
    aff: &Affixes,
    section: Section,
    heading: Option<Arc<str>>,
    lineno: u32,
) -> Option<DicEntry> {
    // Morphological fields: after a tab, or from a "xx:" field preceded by a space or tab.
    let bytes = line.as_bytes();
    let mut dp: Option<usize> = None;
    let mut from = 0;
    while let Some(off) = line[from..].find(':') {
        let pos = from + off;
        if pos > 3 && (bytes[pos - 3] == b' ' || bytes[pos - 3] == b'\t') {
            let mut p = pos - 3;
            while p > 0 && (bytes[p - 1] == b' ' || bytes[p - 1] == b'\t') {
                p -= 1;
            }
            dp = (p > 0).then_some(p + 1);
            break;
        }
        from = pos + 1;
    }
    if let Some(tab) = line.find('\t') {
        if dp.is_none_or(|d| tab < d) {
            dp = Some(tab + 1);
        }
    }
    let (word_part, morph) = match dp {
        Some(d) => (&line[..d - 1], Some(&line[d..])),
        None => (line, None),
    };
    // Flags after the first '/' that is neither at the start nor escaped.
    let mut word = word_part.to_owned();
    let mut flags_field = None;
    let mut search = 0;
    while let Some(off) = word[search..].find('/') {
        let pos = search + off;
        if pos == 0 {
            search = 1;
            continue;
        }
        if word.as_bytes()[pos - 1] == b'\\' {
            word.remove(pos - 1);
            search = pos;
            continue;
        }
        flags_field = Some(word[pos + 1..].to_owned());
        word.truncate(pos);
        break;
    }
    let flags = flags_field.map(|f| aff.dic_flags(&f)).unwrap_or_default();
    let stem = remove_chars(&word, &aff.ignore);
    if stem.is_empty() {
        return None;
    }
    let morph = morph.map(|m| {
        let m = m.trim();
        match (aff.morph_aliases.is_empty(), m.parse::<usize>()) {
            (false, Ok(k)) => aff
                .morph_aliases
                .get(k.wrapping_sub(1))
                .cloned()
                .unwrap_or_else(|| m.to_owned()),
            _ => m.to_owned(),
        }
    });
    Some(DicEntry {
        stem,
        flags,
        morph,
        section,
        heading,
        line: lineno,
    })
}

/// One intermediate form (stem, stem+suffix, stem+suffix+suffix) of an entry, with the prefixes
/// that may be put before it.
#[derive(Clone, Copy, Debug)]
struct Mid {
    start: u32,
    end: u32,
    /// Accepted as is (not only with a prefix).
    bare: bool,
    hash: u64,
}

/// Reusable state for expanding many entries without allocating per form.
pub struct Expander<'a> {
    aff: &'a Affixes,
    arena: String,
    mids: Vec<Mid>,
    /// `mids.len() * words` bits: the prefixes allowed before each middle.
    bits: Vec<u64>,
    /// Open-addressing table: hash → first middle index.
    table: Vec<u32>,
    fbits: Vec<u64>,
    tmp_bits: Vec<u64>,
    m1: String,
    m2: String,
    buf: String,
    key: Vec<u8>,
    mkey: Vec<u8>,
}

#[inline]
fn hash_bytes(b: &[u8]) -> u64 {
    // FxHash over 8-byte chunks.
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

impl<'a> Expander<'a> {
    /// An expander for the affixes `aff`.
    pub fn new(aff: &'a Affixes) -> Expander<'a> {
        Expander {
            aff,
            arena: String::new(),
            mids: Vec::new(),
            bits: Vec::new(),
            table: vec![u32::MAX; 256],
            fbits: vec![0; aff.index.words],
            tmp_bits: vec![0; aff.index.words],
            m1: String::new(),
            m2: String::new(),
            buf: String::new(),
            key: Vec::new(),
            mkey: Vec::new(),
        }
    }

    /// Call `f` with every form Hunspell accepts for `entry` (see the module documentation).
    /// A form may be given more than once (different affixes can build the same string).
    pub fn forms(&mut self, entry: &DicEntry, mut f: impl FnMut(&str)) {
        self.collect(entry);
        let aff = self.aff;
        let words = aff.index.words;
        for (mi, m) in self.mids.iter().enumerate() {
            let mid = &self.arena[m.start as usize..m.end as usize];
            if m.bare {
                f(mid);
            }
            let bits = &self.bits[mi * words..(mi + 1) * words];
            for (w, &word) in bits.iter().enumerate() {
                let mut x = word;
                while x != 0 {
                    let c = w * 64 + x.trailing_zeros() as usize;
                    x &= x - 1;
                    let p = &aff.prefixes[aff.index.canon[c].entry as usize];
                    if p.prefix_applies(mid) {
                        self.buf.clear();
                        self.buf.push_str(&p.append);
                        self.buf.push_str(&mid[p.strip.len()..]);
                        f(&self.buf);
                    }
                }
            }
        }
    }

    /// Call `f` with the look-up key ([`keymap::encode`]) of every form Hunspell accepts for
    /// `entry`, skipping forms that have none. Same keys as `forms` + `encode`, computed faster.
    pub fn keys(&mut self, entry: &DicEntry, mut f: impl FnMut(&[u8])) {
        self.collect(entry);
        let aff = self.aff;
        let words = aff.index.words;
        for (mi, m) in self.mids.iter().enumerate() {
            let mid = &self.arena[m.start as usize..m.end as usize];
            self.mkey.clear();
            // The fast path needs the middle to be letters and ignorables only.
            let plain = mid.chars().all(|c| match keymap::classify(c) {
                keymap::Class::Letter(b) => {
                    self.mkey.push(b);
                    true
                }
                keymap::Class::Ignorable => true,
                _ => false,
            });
            if m.bare {
                if plain {
                    if !self.mkey.is_empty() {
                        f(&self.mkey);
                    }
                } else if let Some(k) = keymap::encode(mid) {
                    f(&k);
                }
            }
            let bits = &self.bits[mi * words..(mi + 1) * words];
            for (w, &word) in bits.iter().enumerate() {
                let mut x = word;
                while x != 0 {
                    let c = w * 64 + x.trailing_zeros() as usize;
                    x &= x - 1;
                    let canon = &aff.index.canon[c];
                    let p = &aff.prefixes[canon.entry as usize];
                    if !p.prefix_applies(mid) {
                        continue;
                    }
                    match (plain, &canon.append_key, canon.strip_letters) {
                        (true, Some(ak), Some(sl)) => {
                            self.key.clear();
                            self.key.extend_from_slice(ak);
                            self.key.extend_from_slice(&self.mkey[sl..]);
                            if !self.key.is_empty() {
                                f(&self.key);
                            }
                        }
                        _ => {
                            self.buf.clear();
                            self.buf.push_str(&p.append);
                            self.buf.push_str(&mid[p.strip.len()..]);
                            self.key.clear();
                            if keymap::encode_into(&self.buf, &mut self.key) && !self.key.is_empty()
                            {
                                f(&self.key);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Gather the distinct middles of `entry` with their allowed prefixes.
    fn collect(&mut self, entry: &DicEntry) {
        let aff = self.aff;
        let ix = &aff.index;
        let words = ix.words;
        self.arena.clear();
        self.mids.clear();
        self.bits.clear();
        for t in self.table.iter_mut() {
            *t = u32::MAX;
        }
        let flags = &entry.flags[..];
        let has = |f: Flag| flags.binary_search(&f).is_ok();

        // Prefixes of the entry itself.
        let mut fbits = std::mem::take(&mut self.fbits);
        fbits.iter_mut().for_each(|w| *w = 0);
        for f in flags {
            if let Some(b) = ix.flag_pbits.get(f) {
                bits_or(&mut fbits, b);
            }
        }
        let stem = entry.stem.as_str();
        self.push_mid(stem, true, &fbits);

        let mut tmp = std::mem::take(&mut self.tmp_bits);
        let mut m1 = std::mem::take(&mut self.m1);
        let mut m2 = std::mem::take(&mut self.m2);

        // Suffixes of the entry, and (rarely) suffixes enabled by a prefix's continuation class.
        let enabled = ix.sfx_enablers.keys().filter(|f| !has(**f));
        let cand = flags
            .iter()
            .map(|f| (*f, true))
            .chain(enabled.map(|f| (*f, false)));
        for (sflag, in_f) in cand {
            let Some(list) = ix.sfx_by_flag.get(&sflag) else {
                continue;
            };
            for &ai in list {
                let a = &aff.suffixes[ai as usize];
                if !a.suffix_applies(stem) {
                    continue;
                }
                m1.clear();
                m1.push_str(&stem[..stem.len() - a.strip.len()]);
                m1.push_str(&a.append);
                let a_pbits = &ix.sfx_cont_pbits[ai as usize];
                // P(A(S)): P and A cross-product, P ∈ F ∪ A.cont, and A ∈ F or A ∈ P.cont.
                tmp.iter_mut().for_each(|w| *w = 0);
                if a.cross_product {
                    if in_f {
                        bits_or(&mut tmp, &fbits);
                        bits_or(&mut tmp, a_pbits);
                    } else {
                        self.enabler_bits(&mut tmp, a, flags, None);
                    }
                    for (t, m) in tmp.iter_mut().zip(ix.cross_mask.iter()) {
                        *t &= m;
                    }
                }
                if in_f || bits_any(&tmp) {
                    self.push_mid(&m1, in_f, &tmp);
                }
                // Twofold suffixes B(A(S)).
                for &bi in ix.sfx_cont_sfx[ai as usize].iter() {
                    let b = &aff.suffixes[bi as usize];
                    if !b.suffix_applies(&m1) {
                        continue;
                    }
                    m2.clear();
                    m2.push_str(&m1[..m1.len() - b.strip.len()]);
                    m2.push_str(&b.append);
                    tmp.iter_mut().for_each(|w| *w = 0);
                    if b.cross_product {
                        if in_f {
                            // P ∈ B.cont: the inner suffix is checked without the prefix.
                            bits_or(&mut tmp, &ix.sfx_cont_pbits[bi as usize]);
                            if a.cross_product {
                                bits_or(&mut tmp, &fbits);
                                bits_or(&mut tmp, a_pbits);
                            }
                        } else if a.cross_product {
                            self.enabler_bits(&mut tmp, a, flags, Some(b));
                        }
                        for (t, m) in tmp.iter_mut().zip(ix.cross_mask.iter()) {
                            *t &= m;
                        }
                    }
                    if in_f || bits_any(&tmp) {
                        self.push_mid(&m2, in_f, &tmp);
                    }
                }
            }
        }
        debug_assert_eq!(self.bits.len(), self.mids.len() * words);
        self.fbits = fbits;
        self.tmp_bits = tmp;
        self.m1 = m1;
        self.m2 = m2;
    }

    /// Prefixes that enable suffix `a` (not in the entry's flags) through their continuation
    /// class and may be combined with it: cross-product, with the prefix's flag in the entry's
    /// flags or in `a.cont`, and (for a twofold `b`) not in `b.cont`.
    fn enabler_bits(&self, out: &mut [u64], a: &Affix, flags: &[Flag], b: Option<&Affix>) {
        let ix = &self.aff.index;
        let Some(enablers) = ix.sfx_enablers.get(&a.flag) else {
            return;
        };
        for &pi in enablers {
            let p = &self.aff.prefixes[pi as usize];
            let allowed = p.cross_product
                && (flags.binary_search(&p.flag).is_ok() || a.cont.binary_search(&p.flag).is_ok())
                && b.is_none_or(|b| b.cont.binary_search(&p.flag).is_err());
            if allowed {
                bits_set(out, ix.pfx_canon[pi as usize] as usize);
            }
        }
    }

    fn push_mid(&mut self, s: &str, bare: bool, bits: &[u64]) {
        let h = hash_bytes(s.as_bytes());
        let mask = self.table.len() - 1;
        let mut slot = h as usize & mask;
        loop {
            let idx = self.table[slot];
            if idx == u32::MAX {
                break;
            }
            let m = self.mids[idx as usize];
            if m.hash == h && &self.arena[m.start as usize..m.end as usize] == s {
                let words = bits.len();
                let dst = &mut self.bits[idx as usize * words..(idx as usize + 1) * words];
                bits_or(dst, bits);
                self.mids[idx as usize].bare |= bare;
                return;
            }
            slot = (slot + 1) & mask;
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        self.mids.push(Mid {
            start,
            end: self.arena.len() as u32,
            bare,
            hash: h,
        });
        self.bits.extend_from_slice(bits);
        self.table[slot] = self.mids.len() as u32 - 1;
        if self.mids.len() * 2 > self.table.len() {
            self.grow();
        }
    }

    fn grow(&mut self) {
        let n = self.table.len() * 2;
        self.table = vec![u32::MAX; n];
        for (i, m) in self.mids.iter().enumerate() {
            let mut slot = m.hash as usize & (n - 1);
            while self.table[slot] != u32::MAX {
                slot = (slot + 1) & (n - 1);
            }
            self.table[slot] = i as u32;
        }
    }
}

/// The entries that differ in stem or flags, first ones kept: entries that only differ in
/// morphology (about 17% of `ar.dic`, e.g. the three verbs spelt `يكتب`) expand to the same
/// forms.
pub fn distinct_entries<'e>(entries: impl IntoIterator<Item = &'e DicEntry>) -> Vec<&'e DicEntry> {
    let mut seen = std::collections::HashSet::new();
    entries
        .into_iter()
        .filter(|e| seen.insert((e.stem.as_str(), &e.flags[..])))
        .collect()
}

/// Call `f` with every form Hunspell accepts for `entry`. For many entries, reuse an
/// [`Expander`] instead.
pub fn expand(aff: &Affixes, entry: &DicEntry, f: &mut impl FnMut(&str)) {
    Expander::new(aff).forms(entry, f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every form of every entry of `dic`, deduplicated.
    fn all_forms(aff: &str, dic: &str) -> BTreeSet<String> {
        let aff = parse_aff(aff).unwrap();
        let entries = parse_dic(dic, &aff).unwrap();
        let mut out = BTreeSet::new();
        for e in &entries {
            expand(&aff, e, &mut |f| {
                out.insert(f.to_owned());
            });
        }
        out
    }

    fn set(words: &str) -> BTreeSet<String> {
        words.split_whitespace().map(str::to_owned).collect()
    }

    // The expected sets of these tests are what `hunspell` 1.7.1 accepts among the forms
    // built by applying every affix regardless of flags and conditions.

    #[test]
    fn conditions_strip_and_cross_product() {
        let aff = "SET UTF-8\n\
            PFX A Y 1\nPFX A 0 re .\n\
            PFX B N 1\nPFX B 0 un .\n\
            SFX C Y 1\nSFX C 0 ed .\n\
            SFX D N 1\nSFX D 0 ing .\n\
            SFX S Y 3\nSFX S y ies [^aeiou]y\nSFX S 0 s [aeiou]y\nSFX S 0 es [sxz]\n";
        let dic = "6\nfly/S\nday/S\nbox/S\ncat/S\ny/S\ndo/ABCD\n";
        // No "ies" from "y": Hunspell never strips a whole word; no "undoed" (B is not
        // cross-product), no "redoing" (D is not).
        assert_eq!(
            all_forms(aff, dic),
            set("fly flies day days box boxes cat y do redo undo doed doing redoed")
        );
    }

    #[test]
    fn arabic_conditions_strip_and_ignore() {
        let aff = "SET UTF-8\nFLAG long\nIGNORE َُ\nAF 2\nAF mrat # 1\nAF at # 2\n\
            PFX mr Y 2\nPFX mr 0 لل [^ل]\nPFX mr ل لل ل\n\
            SFX at Y 3\nSFX at ة ات ة\nSFX at 0 َات [^ةى]\nSFX at ى يات [^ي]ى\n";
        let dic = "6\nليلة/1\nقمر/1\nكَتَب/2\nى/2\nمستشفى/2\nحيى/2\n";
        assert_eq!(
            all_forms(aff, dic),
            set(
                "ليلة لليلة ليلات لليلات قمر للقمر قمرات للقمرات كتب كتبات ى مستشفى \
                 مستشفيات حيى"
            )
        );
    }

    const TWOFOLD: &str = "SET UTF-8\nFLAG long\n\
        AF 4\nAF PpSa # 1\nAF Sa # 2\nAF SbPq # 3\nAF Pr # 4\n\
        PFX Pp Y 1\nPFX Pp 0 p .\nPFX Pq Y 1\nPFX Pq 0 q .\nPFX Pr Y 1\nPFX Pr 0 r .\n\
        SFX Sa Y 1\nSFX Sa 0 a/3 .\nSFX Sb Y 1\nSFX Sb 0 b/4 .\n";

    #[test]
    fn continuation_classes_twofold_suffixes_and_enabled_prefixes() {
        // x has Pp and Sa; Sa continues with Sb and enables Pq; Sb enables Pr.
        // rxab: Pr is in Sb's class, so Sa is checked on its own; pxab/qxab: Pp/Pq allowed
        // with Sa (in the entry's flags or Sa's class). rxa: Pr is not allowed with Sa alone.
        let dic = "2\nx/1\ny/2\n";
        assert_eq!(
            all_forms(TWOFOLD, dic),
            set("x px xa pxa qxa xab rxab pxab qxab y ya qya yab ryab qyab")
        );
        // The outer suffix not cross-product: no prefix before a twofold suffix.
        let aff = TWOFOLD.replace("SFX Sb Y 1", "SFX Sb N 1");
        assert_eq!(
            all_forms(&aff, dic),
            set("x px xa pxa qxa xab y ya qya yab")
        );
        // The inner suffix not cross-product: only the prefixes of the outer one's class.
        let aff = TWOFOLD.replace("SFX Sa Y 1", "SFX Sa N 1");
        assert_eq!(all_forms(&aff, dic), set("x px xa xab rxab y ya yab ryab"));
    }

    #[test]
    fn prefix_continuation_enables_suffixes() {
        let aff = "SET UTF-8\nFLAG long\nAF 4\nAF Pe # 1\nAF Se # 2\nAF Se # 3\nAF Sf # 4\n\
            PFX Pe Y 1\nPFX Pe 0 e/3 .\n\
            SFX Se Y 1\nSFX Se 0 s/4 .\nSFX Sf Y 1\nSFX Sf 0 f .\n";
        let dic = "2\nz/1\nw/2\n";
        // Se comes with Pe only for z; w has Se but not Pe.
        assert_eq!(all_forms(aff, dic), set("z ez ezs ezsf w ws wsf"));
    }

    #[test]
    fn flag_modes_and_aliases() {
        let aff = parse_aff(TWOFOLD).unwrap();
        assert_eq!(aff.flag_mode, FlagMode::Long);
        let f = |s: &str| FlagMode::Long.decode_one(s);
        assert_eq!(aff.flag_aliases[0], {
            let mut v = vec![f("Pp"), f("Sa")];
            v.sort();
            v
        });
        assert_eq!(aff.suffixes_of(f("Sa")).next().unwrap().cont, {
            let mut v = vec![f("Sb"), f("Pq")];
            v.sort();
            v
        });
        assert_eq!(FlagMode::Num.decode("12,3"), vec![12, 3]);
        assert_eq!(FlagMode::Char.decode("AB"), vec![65, 66]);
        assert_eq!(FlagMode::Utf8.decode("ش"), vec!['ش' as u32 as Flag]);
        // Without AF, flags are written out.
        let aff = parse_aff("FLAG long\nSFX Sa Y 1\nSFX Sa 0 a/SbPq .\n").unwrap();
        assert_eq!(aff.suffixes[0].cont, {
            let mut v = vec![f("Sb"), f("Pq")];
            v.sort();
            v
        });
        // An unknown alias is refused.
        assert!(parse_aff("FLAG long\nAF 1\nAF Sa\nSFX Sa Y 1\nSFX Sa 0 a/7 .\n").is_err());
    }

    #[test]
    fn dic_lines_sections_headings_and_morphology() {
        let aff = "SET UTF-8\nFLAG long\nAF 1\nAF PpSa # 1\nAM 2\nAM po:noun\nAM po:verb\n\
            PFX Pp Y 1\nPFX Pp 0 p .\nSFX Sa Y 1\nSFX Sa 0 a .\n";
        let aff = parse_aff(aff).unwrap();
        assert_eq!(aff.morph_aliases, ["po:noun", "po:verb"]);
        let dic = "9\t1\n::::::::::::::\nstopwords.dic\n::::::::::::::\nمن\n\
            ::::::::::::::\nnames.dic\n::::::::::::::\n50000\n###أسماء\t3\n#القارات\n\
            آسيا/1\t2\nab\\/c/1 po:x st:y\n::::::::::::::\nverb.huns.dic\n::::::::::::::\n\
            كتب/1\t1\n";
        let e = parse_dic(dic, &aff).unwrap();
        let stems: Vec<&str> = e.iter().map(|e| e.stem.as_str()).collect();
        assert_eq!(stems, ["من", "آسيا", "ab/c", "كتب"]);
        assert_eq!(e[0].section, Section::Stopwords);
        assert!(e[0].flags.is_empty());
        assert_eq!(e[1].section, Section::Names);
        assert_eq!(e[1].heading.as_deref(), Some("القارات"));
        assert_eq!(e[1].morph.as_deref(), Some("po:verb"));
        assert!(e[1].has_flag(FlagMode::Long.decode_one("Sa")));
        assert_eq!(e[1].line, 12);
        assert_eq!(e[2].morph.as_deref(), Some("po:x st:y"));
        assert_eq!(e[2].flags.len(), 2);
        assert_eq!(e[3].section, Section::Verbs);
        assert_eq!(e[3].heading, None);
        assert_eq!(e[3].morph.as_deref(), Some("po:noun"));
    }

    #[test]
    fn unsupported_directives_are_refused() {
        for d in [
            "NEEDAFFIX X",
            "COMPOUNDFLAG X",
            "CIRCUMFIX X",
            "COMPLEXPREFIXES",
        ] {
            assert!(parse_aff(d).is_err(), "{d}");
        }
        // A missing condition is no condition, as in Hunspell.
        let aff = parse_aff("PFX A Y 1\nPFX A 0 x\n").unwrap();
        assert!(aff.prefixes[0].condition.elems().is_empty());
        assert_eq!(aff.prefixes[0].condition, Condition::parse(".").unwrap());
    }

    #[test]
    fn keys_are_the_keys_of_the_forms() {
        let aff = parse_aff(
            "SET UTF-8\nFLAG long\nAF 1\nAF mrat # 1\n\
             PFX mr Y 3\nPFX mr 0 لل [^ل]\nPFX mr ل لل ل\nPFX mr 0 x .\n\
             SFX at Y 2\nSFX at ة ات ة\nSFX at 0 ًا .\n",
        )
        .unwrap();
        let entries = parse_dic("3\nليلة/1\nسا\u{0654}ل/1\nقمر\u{200E}/1\n", &aff).unwrap();
        let mut exp = Expander::new(&aff);
        for e in &entries {
            let mut a = Vec::new();
            exp.forms(e, |f| a.extend(keymap::encode(f)));
            let mut b = Vec::new();
            exp.keys(e, |k| b.push(k.to_vec()));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{}", e.stem);
            assert!(!b.is_empty());
        }
    }

    // ---- The vendored dictionary ----

    fn real() -> (Affixes, Vec<DicEntry>) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../hunspell-ar");
        let aff = std::fs::read_to_string(dir.join("ar.aff")).unwrap();
        let dic = std::fs::read_to_string(dir.join("ar.dic")).unwrap();
        let aff = parse_aff(&aff).unwrap();
        let entries = parse_dic(&dic, &aff).unwrap();
        (aff, entries)
    }

    /// Which of `words` some of `entries` produces.
    fn produced<'e>(
        aff: &Affixes,
        entries: impl Iterator<Item = &'e DicEntry>,
        words: &[&str],
    ) -> Vec<bool> {
        let mut found = vec![false; words.len()];
        let mut exp = Expander::new(aff);
        let mut lens = [false; 256];
        for w in words {
            lens[w.len() & 255] = true;
        }
        for e in entries {
            exp.forms(e, |f| {
                if lens[f.len() & 255] {
                    for (i, w) in words.iter().enumerate() {
                        found[i] |= f == *w;
                    }
                }
            });
        }
        found
    }

    /// Accepted by `hunspell -d ar` (1.7.1, Debian hunspell-ar 3.2) ...
    const ACCEPTED: [&str; 10] = [
        "وبالمؤسسات",
        "للتعاون",
        "فسيكتبونها",
        "والكتاب",
        "بكتابها",
        "فبكتابيهما",
        "أفبالمؤسسات",
        "للمدرسة",
        "مدرستان",
        "المدرستين",
    ];
    /// ... and rejected.
    const REJECTED: [&str; 6] = [
        "للالتعاون",
        "الللتعاون",
        "كتابهاها",
        "بالالكتاب",
        "سيكتبونهاها",
        "والمدرسةات",
    ];

    fn check_accepted_and_rejected<'e>(aff: &Affixes, entries: impl Iterator<Item = &'e DicEntry>) {
        let words: Vec<&str> = ACCEPTED.iter().chain(&REJECTED).copied().collect();
        let found = produced(aff, entries, &words);
        for (w, f) in words.iter().zip(found) {
            assert_eq!(f, ACCEPTED.contains(w), "{w}");
        }
    }

    #[test]
    fn real_dictionary() {
        let (aff, entries) = real();
        assert_eq!(aff.flag_mode, FlagMode::Long);
        assert_eq!(aff.flag_aliases.len(), 511);
        assert_eq!((aff.prefixes.len(), aff.suffixes.len()), (155, 1407));
        assert_eq!(aff.ignore.len(), 9);
        assert_eq!(aff.iconv.len(), 9);
        let count = |s| entries.iter().filter(|e| e.section == s).count();
        assert_eq!(count(Section::Stopwords), 13006);
        assert_eq!(count(Section::Tools), 538);
        assert_eq!(count(Section::Names), 39264);
        assert_eq!(count(Section::Verbs), 117963);
        let asia = entries.iter().find(|e| e.stem == "آسيا").unwrap();
        assert_eq!(asia.heading.as_deref(), Some("القارات"));
        let names: Vec<&str> = entries
            .iter()
            .filter(|e| is_proper_noun(e))
            .map(|e| e.stem.as_str())
            .collect();
        assert_eq!(names.len(), 467);
        for n in ["آسيا", "نيجيريا", "أبوظبي", "إبراهيم"] {
            assert!(names.contains(&n), "{n}");
        }
        for n in ["الله", "ألف", "كتاب"] {
            assert!(!names.contains(&n), "{n}");
        }
        // IGNORE applies to stems: "تِيك" is stored as "تيك".
        assert!(entries.iter().any(|e| e.stem == "تيك"));
        // The entries the test words come from (the whole dictionary: `real_dictionary_all`).
        let stems = ["مؤسسة", "تعاون", "يكتب", "كتاب", "كتابة", "مدرسة"];
        check_accepted_and_rejected(
            &aff,
            entries.iter().filter(|e| stems.contains(&e.stem.as_str())),
        );
    }

    #[test]
    #[cfg_attr(
        debug_assertions,
        ignore = "expands the whole dictionary (40 s unoptimised): run with --release"
    )]
    fn real_dictionary_all() {
        let (aff, entries) = real();
        check_accepted_and_rejected(&aff, entries.iter());
        let mut exp = Expander::new(&aff);
        let mut n = 0u64;
        for e in &entries {
            exp.forms(e, |_| n += 1);
        }
        assert_eq!(n, 91_642_231);
    }

    #[test]
    fn real_dictionary_keys_match_forms() {
        let (aff, entries) = real();
        let mut exp = Expander::new(&aff);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for e in entries.iter().step_by(97) {
            a.clear();
            b.clear();
            exp.forms(e, |f| a.extend(keymap::encode(f)));
            exp.keys(e, |k| b.push(k.to_vec()));
            a.sort();
            b.sort();
            assert_eq!(a, b, "line {}", e.line);
        }
    }
}
