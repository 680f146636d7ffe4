//! Line index: derives lines, columns (Unicode scalar values) and UTF-16 positions from byte
//! offsets, at the edges (renderers, LSP). Rules only ever see byte offsets.

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line. Lines end at `\n`; a `\r` before it belongs to the
    /// line's terminator, as does a lone `\r`.
    starts: Vec<usize>,
    len: usize,
    /// Chars, and chars outside the Basic Multilingual Plane (two UTF-16 units), in the text
    /// before each multiple of [`BLOCK`] bytes. Columns are counted from the nearest of these
    /// checkpoints rather than from the start of the line: counting from the line's start made
    /// a long line with many findings quadratic.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two column checkpoints.
const BLOCK: usize = 4096;

/// Chars, and chars taking two UTF-16 units, in `bytes` (a slice of UTF-8 text that may start or
/// end inside a char: a char is counted at its first byte).
fn count(bytes: &[u8]) -> (usize, usize) {
    let chars = bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    let wide = bytes.iter().filter(|&&b| b >= 0xF0).count();
    (chars, wide)
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = Vec::with_capacity(b.len() / BLOCK + 1);
        let mut at = (0, 0);
        checkpoints.push(at);
        for block in b.chunks_exact(BLOCK) {
            let (c, w) = count(block);
            at = (at.0 + c, at.1 + w);
            checkpoints.push(at);
        }
        Self {
            starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// Chars and wide chars in `text[..offset]`.
    fn before(&self, text: &str, offset: usize) -> (usize, usize) {
        let k = (offset / BLOCK).min(self.checkpoints.len().saturating_sub(1));
        let (c, w) = self.checkpoints.get(k).copied().unwrap_or_default();
        let (c2, w2) = count(&text.as_bytes()[k * BLOCK..offset]);
        (c + c2, w + w2)
    }

    /// Chars and wide chars in `text[start..offset]`.
    fn between(&self, text: &str, start: usize, offset: usize) -> (usize, usize) {
        if offset - start <= 2 * BLOCK {
            return count(&text.as_bytes()[start..offset]);
        }
        let (c1, w1) = self.before(text, start);
        let (c2, w2) = self.before(text, offset);
        (c2 - c1, w2 - w1)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of 0-based `line`, without its terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and column (in chars) of byte `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line];
        // Slicing checks that `offset` is a char boundary inside the text, as before.
        let _ = &text[start..offset];
        LineCol {
            line: line + 1,
            column: self.between(text, start, offset).0 + 1,
        }
    }

    /// 0-based line and UTF-16 code-unit column of byte `offset` (LSP positions).
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let _ = &text[start..offset];
        let (chars, wide) = self.between(text, start, offset);
        (line as u32, (chars + wide) as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column; clamped to the line's end, and to a char
    /// boundary if the column falls inside a surrogate pair.
    pub fn offset_of_utf16(&self, text: &str, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let mut units = 0u32;
        for (k, c) in text[range.clone()].char_indices() {
            let next = units + c.len_utf16() as u32;
            if next > col {
                return range.start + k;
            }
            units = next;
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_and_utf16_counts_units() {
        let text = "كتب: سيد محمد\n😀 القاء هنا\r\nآخر";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let at = text.find("القاء").unwrap();
        assert_eq!(idx.line_col(text, at), LineCol { line: 2, column: 3 });
        assert_eq!(
            idx.utf16_position(text, at),
            (1, 3),
            "the emoji is two UTF-16 units"
        );
        assert_eq!(idx.offset_of_utf16(text, 1, 3), at);
        let last = text.find("آخر").unwrap();
        assert_eq!(idx.line_col(text, last), LineCol { line: 3, column: 1 });
        assert_eq!(&text[idx.line_range(text, 1)], "😀 القاء هنا");
    }

    #[test]
    fn columns_on_long_lines_match_counting_from_the_line_start() {
        // Long lines use the checkpoints; the answer must be what counting gives.
        let line = "أنَّ 😀 القاء،".repeat(3000);
        let text = format!("سطر\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
        offsets.push(text.len());
        for at in offsets {
            let line = idx.line_of(at);
            let start = idx.line_start(line);
            let chars = text[start..at].chars().count();
            let units: usize = text[start..at].chars().map(char::len_utf16).sum();
            assert_eq!(idx.line_col(&text, at).column, chars + 1, "at {at}");
            assert_eq!(idx.utf16_position(&text, at), (line as u32, units as u32));
        }
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "سطر\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset_of_utf16(text, 0, 99), 6);
        assert_eq!(idx.offset_of_utf16(text, 7, 0), text.len());
        assert_eq!(
            LineIndex::new("😀").offset_of_utf16("😀", 0, 1),
            0,
            "inside a surrogate pair snaps back"
        );
    }
}
