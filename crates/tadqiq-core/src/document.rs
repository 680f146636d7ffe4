//! A document prepared for linting: the original text, the regions that hold prose, its tokens,
//! and the look-up key of each Arabic word. Everything refers to byte offsets on the original
//! text; nothing here changes it.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use crate::keymap;
use crate::source;
use crate::text::{tokenize_into, LineIndex, Token, TokenKind};

/// What kind of text a document is, which decides what parts of it are prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Plain,
    Markdown,
}

impl SourceKind {
    /// Guess from a file name: Markdown for `.md`, `.markdown`, `.mdown`, `.mkd`; plain otherwise.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd" | "mkdn") => Self::Markdown,
            _ => Self::Plain,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plain => "text",
            Self::Markdown => "markdown",
        }
    }
}

/// An Arabic word of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Index of its token in `Document::tokens`.
    pub token: u32,
    /// Its look-up key, a range of `Document::keys`.
    key: (u32, u32),
    /// Glued to a digit or a foreign-script letter (`الـ5`, `بـNATO`), or ending in a tatweel that
    /// marks it as a prefix (`بـ(NTM-I)`), or longer than [`MAX_WORD_LETTERS`] (not a word but
    /// text run together): not a word to spell-check.
    pub glued: bool,
    /// The previous word is in the same region and only spaces separate them (no punctuation,
    /// no line break): the two form a phrase context rules may read together.
    pub joined_prev: bool,
}

/// Arabic words longer than this many letters are not spell-checked (see [`Word::glued`]). The
/// longest Arabic words have about fifteen letters; a longer run is text without spaces, and
/// the cost of correcting a word grows with the square of its length (a 10,000-letter "word"
/// took half a minute before this limit).
pub const MAX_WORD_LETTERS: usize = 64;

pub struct Document<'a> {
    text: &'a str,
    kind: SourceKind,
    regions: Vec<Range<usize>>,
    tokens: Vec<Token>,
    words: Vec<Word>,
    keys: Vec<u8>,
    lines: OnceLock<LineIndex>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, kind: SourceKind) -> Self {
        let regions = match kind {
            SourceKind::Plain => std::iter::once(0..text.len()).collect(),
            SourceKind::Markdown => source::markdown::prose_regions(text),
        };
        Self::with_regions(text, kind, regions)
    }

    /// A document whose prose is exactly `regions` (sorted, disjoint, on char boundaries).
    pub fn with_regions(text: &'a str, kind: SourceKind, regions: Vec<Range<usize>>) -> Self {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut words = Vec::with_capacity(text.len() / 10);
        let mut keys = Vec::with_capacity(text.len() / 2);
        for region in &regions {
            let first = tokens.len();
            tokenize_into(text, region.clone(), &mut tokens);
            let mut prev_word_tok: Option<usize> = None;
            for ti in first..tokens.len() {
                let t = tokens[ti];
                if t.kind != TokenKind::Arabic {
                    continue;
                }
                let k0 = keys.len();
                let ok = keymap::encode_into(t.text(text), &mut keys);
                debug_assert!(ok, "Arabic tokens hold only key characters");
                let glued = is_glue(tokens.get(ti.wrapping_sub(1)).filter(|_| ti > first))
                    || is_glue(tokens.get(ti + 1))
                    || t.text(text).ends_with('\u{0640}')
                    || keys.len() - k0 > MAX_WORD_LETTERS;
                let joined_prev = prev_word_tok
                    .is_some_and(|p| tokens[p + 1..ti].iter().all(|x| x.kind == TokenKind::Space));
                words.push(Word {
                    token: ti as u32,
                    key: (k0 as u32, keys.len() as u32),
                    glued,
                    joined_prev,
                });
                prev_word_tok = Some(ti);
            }
        }
        Self {
            text,
            kind,
            regions,
            tokens,
            words,
            keys,
            lines: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The prose regions that are linted.
    pub fn regions(&self) -> &[Range<usize>] {
        &self.regions
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// The look-up key of a word (one byte a letter, marks dropped).
    pub fn key(&self, w: &Word) -> &[u8] {
        &self.keys[w.key.0 as usize..w.key.1 as usize]
    }

    /// The word as written.
    pub fn word_text(&self, w: &Word) -> &'a str {
        self.tokens[w.token as usize].text(self.text)
    }

    pub fn word_span(&self, w: &Word) -> Range<usize> {
        self.tokens[w.token as usize].span()
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }
}

fn is_glue(t: Option<&Token>) -> bool {
    t.is_some_and(|t| matches!(t.kind, TokenKind::Number | TokenKind::Foreign))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_keys_and_glue() {
        let text = "حيث دُرِّب أكثر من الـ5 آلاف بـ(NTM-I)، والقاء";
        let doc = Document::new(text, SourceKind::Plain);
        let words: Vec<_> = doc
            .words()
            .iter()
            .map(|w| (doc.word_text(w), w.glued))
            .collect();
        assert_eq!(
            words,
            vec![
                ("حيث", false),
                ("دُرِّب", false),
                ("أكثر", false),
                ("من", false),
                ("الـ", true),
                ("آلاف", false),
                ("بـ", true),
                ("والقاء", false),
            ]
        );
        let w = &doc.words()[1];
        assert_eq!(keymap::decode(doc.key(w)), "درب");
    }

    #[test]
    fn overlong_runs_are_not_words_to_check() {
        let run = "بت".repeat(MAX_WORD_LETTERS / 2 + 1);
        let text = format!("قال {run} هنا");
        let doc = Document::new(&text, SourceKind::Plain);
        let glued: Vec<_> = doc.words().iter().map(|w| w.glued).collect();
        assert_eq!(glued, vec![false, true, false]);
        let run = "بت".repeat(MAX_WORD_LETTERS / 2);
        let doc = Document::new(&run, SourceKind::Plain);
        assert!(!doc.words()[0].glued, "exactly the limit is still a word");
    }

    #[test]
    fn joined_prev_stops_at_punctuation_and_lines() {
        let text = "رئيس الجنة، العسكرية\nفي حلف";
        let doc = Document::new(text, SourceKind::Plain);
        let joined: Vec<_> = doc.words().iter().map(|w| w.joined_prev).collect();
        assert_eq!(joined, vec![false, true, false, false, true]);
    }
}
