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
        Self {
            starts,
            len: text.len(),
        }
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
        LineCol {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// 0-based line and UTF-16 code-unit column of byte `offset` (LSP positions).
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col: usize = text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
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
