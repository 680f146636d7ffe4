//! Helpers shared by the text rules (not a rule): the data files under `dictionaries/rules/`,
//! folded word keys for lenient comparison, and the lines of a document.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::document::Document;
use crate::keymap::{self, k};
use crate::text::{Token, TokenKind};

/// The entries of a data file: one a line; `#` starts a comment (to the end of the line); blank
/// lines are skipped and entries are trimmed.
pub fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// Fold a look-up key for lenient comparison: the alef forms `أ إ آ` to `ا`, `ة` to `ه`, `ى` to
/// `ي`. (Keys already ignore diacritics and tatweel.)
pub fn fold_key(key: &mut [u8]) {
    for b in key {
        *b = match *b {
            k::ALEF_MADDA | k::ALEF_HAMZA_ABOVE | k::ALEF_HAMZA_BELOW => k::ALEF,
            k::TEH_MARBUTA => k::HEH,
            k::ALEF_MAKSURA => k::YEH,
            x => x,
        };
    }
}

/// The folded key of an Arabic word, or `None` if `word` is not one.
pub fn folded(word: &str) -> Option<Vec<u8>> {
    let mut key = keymap::encode(word)?;
    fold_key(&mut key);
    Some(key)
}

/// The folded keys of the Arabic words of a phrase (anything else is skipped).
pub fn folded_words(phrase: &str) -> Vec<Vec<u8>> {
    crate::text::tokenize(phrase)
        .iter()
        .filter(|t| t.kind == TokenKind::Arabic)
        .filter_map(|t| folded(t.text(phrase)))
        .collect()
}

/// The tokens of the document that start inside `range` (tokens are sorted by position).
pub fn tokens_in<'d>(doc: &'d Document<'_>, range: &Range<usize>) -> &'d [Token] {
    let toks = doc.tokens();
    let a = toks.partition_point(|t| t.start < range.start);
    let b = toks.partition_point(|t| t.start < range.end);
    &toks[a..b]
}

/// Whether `range` overlaps a prose region of the document.
pub fn in_prose(doc: &Document<'_>, range: &Range<usize>) -> bool {
    let regions = doc.regions();
    let i = regions.partition_point(|r| r.end <= range.start);
    regions
        .get(i)
        .is_some_and(|r| r.start < range.end.max(range.start + 1))
}

/// A line of the document: its content (without the terminator) and the end of its terminator.
#[derive(Clone, Debug)]
pub struct Line {
    pub content: Range<usize>,
    /// Where the next line starts (the end of this line's terminator, or the end of the text).
    pub next: usize,
}

impl Line {
    pub fn is_blank(&self, text: &str) -> bool {
        text[self.content.clone()].trim().is_empty()
    }
}

/// All lines of the document, in order. A byte-order mark at the start of the text is in no
/// line's content: it belongs to the file, and a fix deleting a first line must not take it.
pub fn lines(doc: &Document<'_>) -> Vec<Line> {
    let text = doc.text();
    let idx = doc.lines();
    let bom = crate::text::bom_len(text);
    (0..idx.line_count())
        .map(|i| {
            let mut content = idx.line_range(text, i);
            if i == 0 {
                content.start = content.start.max(bom).min(content.end);
            }
            Line {
                content,
                next: idx.line_start(i + 1),
            }
        })
        .collect()
}

/// Arabic spellings of Latin letter names (`بي`, `سي`, `إن`), as folded keys: all of them, and
/// those that are also Arabic words (`إن`, `أم`, `في`). From
/// `dictionaries/rules/latin-letter-names.txt`.
pub struct LetterNames {
    pub all: HashSet<Vec<u8>>,
    pub also_words: HashSet<Vec<u8>>,
}

pub fn latin_letter_names() -> &'static LetterNames {
    static L: OnceLock<LetterNames> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = LetterNames {
            all: HashSet::new(),
            also_words: HashSet::new(),
        };
        for e in entries(include_str!(
            "../../../../dictionaries/rules/latin-letter-names.txt"
        )) {
            let mut f = e.split('|').map(str::trim);
            let key = folded(f.next().unwrap_or("")).expect("latin-letter-names.txt: Arabic");
            if f.next() == Some("word") {
                l.also_words.insert(key.clone());
            }
            l.all.insert(key);
        }
        l
    })
}

/// Sentence-final punctuation (`.` `!` `?` `؟` `…` and the Urdu full stop).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// The last visible character of `s`, skipping closing quotes and brackets.
pub fn last_significant_char(s: &str) -> Option<char> {
    s.trim_end()
        .chars()
        .rev()
        .find(|c| !matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '*' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_skip_comments_and_blanks() {
        let src = "# header\n\nاضف تعليق\n  اقرأ أيضا  # inline\n";
        assert_eq!(
            entries(src).collect::<Vec<_>>(),
            vec!["اضف تعليق", "اقرأ أيضا"]
        );
    }

    #[test]
    fn folding_merges_alef_forms_taa_and_yaa() {
        assert_eq!(folded("أضف"), folded("اضف"));
        assert_eq!(folded("المكتبة"), folded("المكتبه"));
        assert_eq!(folded("على"), folded("علي"));
        assert_eq!(folded("أيضاً"), folded("ايضا"));
        assert_eq!(folded("NATO"), None);
    }
}
