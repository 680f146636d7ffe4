//! Linting inputs too large to hold whole: the text is cut into pieces of about a megabyte,
//! each linted as a document of its own, with spans and positions carried back to the whole.
//!
//! A document keeps a few dozen bytes for each token and word of its text, so a 1 GB file
//! linted whole would need many gigabytes. Cut into pieces, the memory needed is that of the
//! pieces in flight, whatever the size of the input. `tadqiq check` lints a file in pieces when
//! it is larger than [`THRESHOLD`] bytes (reading it piece by piece with `tadqiq-workspace`'s
//! `input::PieceReader`); smaller inputs are linted whole, as before. This module is pure: text
//! in, pieces and diagnostics out.
//!
//! Where a piece ends, in order of preference:
//!
//! 1. after a blank line (a paragraph boundary), outside Markdown fenced code blocks;
//! 2. at the end of a line (never between the `\r` and `\n` of a `\r\n`), outside fenced code
//!    if possible;
//! 3. after a space, or else at a char boundary that does not leave a combining mark or a joiner
//!    at the start of the next piece: a single line longer than the piece size is cut inside.
//!
//! A cut is looked for in the last three quarters of the piece size, so pieces are between a
//! quarter of it and all of it (the last may be shorter).
//!
//! **What a piece cannot see.** Rules that look at the whole document see one piece at a time:
//! `tadqiq/repeated-sentence` compares sentences within a piece, `tadqiq/mixed-digits` takes the
//! majority digit script of a piece, `tadqiq/squeezed-double` measures its signal per piece,
//! and `tadqiq/boilerplate` reads the end of each piece as the end of a text. The start of a
//! piece is also the start of a line for `tadqiq/repeated-sentence`'s "title" rule, and an
//! inline suppression (`<!-- tadqiq-disable ... -->`) holds to the end of its piece. A word is
//! never cut in two unless a single run of letters is longer than a quarter of a piece. In
//! Markdown, fenced code blocks are followed across pieces; other constructs that span a blank
//! line (HTML blocks, indented continuation paragraphs of list items, front matter) are read
//! piece by piece and may be taken for prose or code differently than in the whole file.

use std::ops::Range;

use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::document::{Document, SourceKind};
use crate::linter::Linter;
use crate::text::BOM;

/// Inputs larger than this many bytes are linted in pieces by `tadqiq check`.
pub const THRESHOLD: usize = 8 << 20;

/// The usual size of a piece, in bytes.
pub const PIECE_BYTES: usize = 1 << 20;

/// The smallest piece size [`Splitter`] accepts (smaller sizes are raised to it).
pub const MIN_PIECE_BYTES: usize = 64;

/// Where a piece of a larger input starts in it: its byte offset, the lines before it, and the
/// chars before it on its first line (a leading BOM not counted). The whole of an input starts
/// at the default, zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Base {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// An open Markdown fenced code block: its fence character and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fence {
    ch: u8,
    len: usize,
}

/// Decides where pieces end, one after the other, following Markdown fences across pieces.

#[derive(Clone, Debug)]
pub struct Splitter {
    kind: SourceKind,
    max: usize,
    /// The fenced code block open where the last piece ended.
    fence: Option<Fence>,
}

impl Splitter {
    pub fn new(kind: SourceKind, max: usize) -> Self {
        Self {
            kind,
            max: max.max(MIN_PIECE_BYTES),
            fence: None,
        }
    }

    /// The piece size.
    pub fn max(&self) -> usize {
        self.max
    }

    /// The fenced code block open at the start of the next piece (Markdown).
    pub fn fence(&self) -> Option<Fence> {
        self.fence
    }

    /// Where the next piece ends in `rest`, the input from the end of the last piece on. If
    /// `at_end`, `rest` runs to the end of the input; otherwise more follows, and `rest` must
    /// then hold more than [`Self::max`] bytes. The result is a char boundary of `rest`, not 0
    /// unless `rest` is empty, and the whole of `rest` when it fits in a piece and `at_end`.
    pub fn cut(&mut self, rest: &str, at_end: bool) -> usize {
        if at_end && rest.len() <= self.max {
            self.advance(rest, rest.len());
            return rest.len();
        }
        let limit = floor_char_boundary(rest, self.max.min(rest.len()));
        let low = self.max / 4;
        let markdown = self.kind == SourceKind::Markdown;
        let bytes = rest.as_bytes();

        // Walk the lines that end within the limit.
        let mut fence = self.fence;
        let mut paragraph: Option<(usize, Option<Fence>)> = None;
        let mut line_out: Option<(usize, Option<Fence>)> = None;
        let mut line_any: Option<(usize, Option<Fence>)> = None;
        let mut start = 0;
        let mut i = 0;
        while i < limit {
            let b = bytes[i];
            if b != b'\n' && b != b'\r' {
                i += 1;
                continue;
            }
            let end = if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            // A `\r` whose follower is not known yet may be half of a `\r\n`: not a line end.
            if end > limit || (b == b'\r' && end == bytes.len() && !at_end) {
                break;
            }
            let line = &bytes[start..i];
            if markdown {
                fence = next_fence(fence, line);
            }
            let blank = line.iter().all(|c| matches!(c, b' ' | b'\t'));
            if blank && fence.is_none() {
                paragraph = Some((end, fence));
            }
            if fence.is_none() {
                line_out = Some((end, fence));
            }
            line_any = Some((end, fence));
            start = end;
            i = end;
        }
        let good = |c: Option<(usize, Option<Fence>)>| c.filter(|&(at, _)| at >= low.max(1));
        if let Some((at, f)) = good(paragraph).or(good(line_out)).or(good(line_any)) {
            self.fence = f;
            return at;
        }
        // No line ends in reach: cut inside the line, after a space if there is one.
        let line_start_fence = fence;
        let mut at = rest[..limit]
            .char_indices()
            .rev()
            .take_while(|&(k, _)| k >= low)
            .find(|&(_, c)| c == ' ' || c == '\t')
            .map(|(k, c)| k + c.len_utf8())
            .unwrap_or(limit);
        if at == limit {
            // Do not leave a mark or a joiner without the char it belongs to.
            let clinging = |k: usize| rest[k..].chars().next().is_some_and(clings);
            let mut back = at;
            for c in rest[..at].chars().rev().take(32) {
                if !clinging(back) {
                    break;
                }
                back -= c.len_utf8();
            }
            if back > 0 && !clinging(back) {
                at = back;
            }
        }
        if at == 0 {
            at = rest.chars().next().map_or(0, char::len_utf8);
        }
        // Never between the two bytes of a `\r\n`.
        if bytes.get(at - 1) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        self.fence = line_start_fence;
        at
    }

    /// Move the fence state over `rest[..at]` (used when the whole rest is one piece).
    fn advance(&mut self, rest: &str, at: usize) {
        if self.kind != SourceKind::Markdown {
            return;
        }
        for line in rest[..at].split(['\n', '\r']) {
            self.fence = next_fence(self.fence, line.as_bytes());
        }
    }
}

/// Chars that belong to the char before them: combining marks, harakat, joiners.
fn clings(c: char) -> bool {
    use crate::keymap::{classify, Class};
    matches!(classify(c), Class::Modifier(_))
        || (matches!(classify(c), Class::Ignorable) && c != '\u{0640}' && !is_bidi_control(c))
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The fence state after `line` (without its terminator), given the state before it.
/// CommonMark fences: up to three spaces, then three or more backticks or tildes; a closing
/// fence uses the same char, at least as many, and nothing but spaces after them. (Fences
/// inside block quotes and list items are not followed.)
fn next_fence(open: Option<Fence>, line: &[u8]) -> Option<Fence> {
    let indent = line.iter().take_while(|&&c| c == b' ').count();
    if indent > 3 {
        return open;
    }
    let rest = &line[indent..];
    let ch = match rest.first() {
        Some(&c @ (b'`' | b'~')) => c,
        _ => return open,
    };
    let len = rest.iter().take_while(|&&c| c == ch).count();
    if len < 3 {
        return open;
    }
    let after = &rest[len..];
    match open {
        Some(f) => {
            let closes = ch == f.ch
                && len >= f.len
                && after.iter().all(|c| matches!(c, b' ' | b'\t' | b'\r'));
            if closes {
                None
            } else {
                open
            }
        }
        None if ch == b'`' && after.contains(&b'`') => None,
        None => Some(Fence { ch, len }),
    }
}

/// The largest char boundary of `text` at or before `i`.
fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte ranges of the pieces of `text`, in order, covering it exactly.
pub fn pieces(text: &str, kind: SourceKind, max: usize) -> Vec<(Range<usize>, Option<Fence>)> {
    let mut splitter = Splitter::new(kind, max);
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let fence = splitter.fence();
        let n = splitter.cut(&text[at..], true);
        out.push((at..at + n, fence));
        at += n;
    }
    out
}

/// The prose regions of a piece, a byte range of its input: for Markdown, a piece that starts
/// inside a fenced code block has no prose until the block's closing fence.
pub fn piece_regions(piece: &str, kind: SourceKind, fence: Option<Fence>) -> Vec<Range<usize>> {
    match (kind, fence) {
        #[allow(clippy::single_range_in_vec_init)] // one region: the whole piece
        (SourceKind::Plain, _) => vec![0..piece.len()],
        (SourceKind::Markdown, None) => crate::source::markdown::prose_regions(piece),
        (SourceKind::Markdown, Some(f)) => {
            let mut open = Some(f);
            let mut at = 0;
            for line in piece.split_inclusive(['\n', '\r']) {
                at += line.len();
                let content = line.trim_end_matches(['\n', '\r']);
                open = next_fence(open, content.as_bytes());
                if open.is_none() {
                    break;
                }
            }
            if open.is_some() {
                return Vec::new();
            }
            crate::source::markdown::prose_regions(&piece[at..])
                .into_iter()
                .map(|r| r.start + at..r.end + at)
                .collect()
        }
    }
}

/// A piece of a larger input, with its place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Where it sits in the input: byte offset, lines before it, chars before it on its first
    /// line (a leading BOM not counted).
    pub base: Base,
    /// The fenced code block open at its start (Markdown).
    pub fence: Option<Fence>,
}

impl Piece {
    /// The piece as a document to lint (spans relative to the piece).
    pub fn document(&self, kind: SourceKind) -> Document<'_> {
        Document::with_regions(
            &self.text,
            kind,
            piece_regions(&self.text, kind, self.fence),
        )
    }
}

/// Where the piece that starts at `at` of `text` sits: lines and chars before it.
pub fn base_at(text: &str, at: usize) -> Base {
    let before = &text[..at];
    let (lines, column) = lines_and_column(before);
    let column = if lines == 0 {
        column - usize::from(before.starts_with(BOM))
    } else {
        column
    };
    Base {
        offset: at,
        line: lines,
        column,
    }
}

/// Line ends in `s` (`\n`, `\r\n`, a lone `\r`; a `\r` ending `s` counts as one), and chars after
/// the last one.
pub fn lines_and_column(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let mut lines = 0;
    let mut last = None;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            lines += 1;
            last = Some(i + 1);
        }
    }
    let tail = &b[last.unwrap_or(0)..];
    (lines, tail.iter().filter(|&&c| (c & 0xC0) != 0x80).count())
}

/// Lint `text` in pieces of about `max` bytes (see the module docs for what changes); spans are
/// on `text`. Below `max` bytes this is exactly [`Linter::lint`].
pub fn lint(linter: &Linter, text: &str, kind: SourceKind, max: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (range, fence) in pieces(text, kind, max) {
        let piece = &text[range.clone()];
        let doc = Document::with_regions(piece, kind, piece_regions(piece, kind, fence));
        out.extend(linter.lint_document(&doc).into_iter().map(|mut d| {
            d.span = d.span.start + range.start..d.span.end + range.start;
            d
        }));
    }
    sort_and_dedup(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str, kind: SourceKind, max: usize) -> Vec<&str> {
        pieces(text, kind, max)
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect()
    }

    #[test]
    fn pieces_cover_the_text_on_char_boundaries() {
        for text in [
            "قال الرئيس\n\nإن التعاون مستمر\r\n\r\nفي مجالات التدريب.\n".repeat(20),
            "بَتَ".repeat(500),
            "\r\n".repeat(300),
            "\r".repeat(300),
            "😀\u{200D}".repeat(200),
            "بـ\u{064E}\u{0651}".repeat(100),
        ] {
            for max in [MIN_PIECE_BYTES, 100, 333, 1000] {
                let p = pieces(&text, SourceKind::Plain, max);
                let mut at = 0;
                for (r, _) in &p {
                    assert_eq!(r.start, at);
                    assert!(r.end > r.start);
                    assert!(r.len() <= max.max(MIN_PIECE_BYTES) + 1, "{r:?} {max}");
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    let b = text.as_bytes();
                    assert!(
                        !(r.end < b.len() && b[r.end - 1] == b'\r' && b[r.end] == b'\n'),
                        "a \\r\\n is never split"
                    );
                    at = r.end;
                }
                assert_eq!(at, text.len());
            }
        }
    }

    #[test]
    fn cuts_prefer_paragraphs_then_lines_then_spaces() {
        let text = "أول سطر\nثاني سطر\n\nفقرة ثانية هنا\nوسطر آخر\n";
        let p = cuts(text, SourceKind::Plain, 60);
        assert_eq!(p[0], "أول سطر\nثاني سطر\n\n");
        let text = "أول سطر طويل\nثاني سطر طويل\nثالث سطر طويل\n";
        let p = cuts(text, SourceKind::Plain, 60);
        assert!(p[0].ends_with('\n'), "{p:?}");
        let text = "كلمة ".repeat(40);
        for piece in cuts(&text, SourceKind::Plain, 64) {
            assert!(piece.ends_with(' ') || piece.len() < 64, "{piece:?}");
        }
        // No mark left at the start of a piece when a run has no spaces.
        let text = "بَ".repeat(100);
        for piece in cuts(&text, SourceKind::Plain, 64) {
            assert!(piece.starts_with('ب'), "{piece:?}");
        }
    }

    #[test]
    fn markdown_fences_are_not_cut_into_prose() {
        let code = "```\nكود القاء\n\nكود آخر\n```\n";
        let text = format!("فقرة أولى\n\n{code}\nفقرة ثانية\n");
        // Small pieces: the blank line inside the fence is not a paragraph boundary.
        for (r, fence) in pieces(&text, SourceKind::Markdown, 64) {
            let piece = &text[r.clone()];
            for region in piece_regions(piece, SourceKind::Markdown, fence) {
                assert!(!piece[region].contains("كود"), "{piece:?}");
            }
        }
        // A fence longer than a piece: the next piece starts inside it.
        let long = format!("```\n{}```\nنص بعد\n", "كود\n".repeat(100));
        let p = pieces(&long, SourceKind::Markdown, 64);
        assert!(p.iter().skip(1).any(|(_, f)| f.is_some()));
        let mut prose = String::new();
        for (r, fence) in p {
            let piece = &long[r];
            for region in piece_regions(piece, SourceKind::Markdown, fence) {
                prose.push_str(&piece[region]);
            }
        }
        assert_eq!(prose.trim(), "نص بعد");
    }

    #[test]
    fn bases_count_lines_and_columns() {
        let text = "\u{FEFF}أب\r\nجد\rهو\nز";
        assert_eq!(base_at(text, 3).column, 0, "the BOM is not a column");
        assert_eq!(base_at(text, 7).column, 2);
        let at = text.find('ج').unwrap();
        assert_eq!(
            base_at(text, at),
            Base {
                offset: at,
                line: 1,
                column: 0
            }
        );
        let at = text.find('ز').unwrap();
        assert_eq!(base_at(text, at).line, 3);
    }
}
