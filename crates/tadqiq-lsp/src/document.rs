//! An open text document as the server holds it: the text, the client's version, and how to
//! lint it. Edits arrive in UTF-16 positions (what LSP speaks) and are applied to the UTF-8 text.

use std::path::Path;

use lsp_types::{Position, TextDocumentContentChangeEvent, Url};

use tadqiq_core::document::SourceKind;
use tadqiq_core::text::LineIndex;

/// One open document.
#[derive(Clone, Debug)]
pub struct TextDocument {
    text: String,
    version: i32,
    kind: SourceKind,
}

impl TextDocument {
    pub fn new(text: String, version: i32, kind: SourceKind) -> Self {
        Self {
            text,
            version,
            kind,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// Apply `didChange` content changes in order (each is relative to the text the previous one
    /// left), then take the new version.
    pub fn apply_changes(&mut self, changes: &[TextDocumentContentChangeEvent], version: i32) {
        for change in changes {
            match change.range {
                None => self.text.clone_from(&change.text),
                Some(range) => {
                    let index = LineIndex::new(&self.text);
                    let mut start = offset_of(&index, &self.text, range.start);
                    let mut end = offset_of(&index, &self.text, range.end);
                    if start > end {
                        std::mem::swap(&mut start, &mut end);
                    }
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }
}

/// Byte offset of an LSP position in `text`. Never fails: a character past the end of its line
/// means the end of the line (as the LSP specification says), a line past the last means the
/// end of the text, and a position inside a surrogate pair snaps back to the character's start.
pub fn offset_of(index: &LineIndex, text: &str, pos: Position) -> usize {
    index.offset_of_utf16(text, pos.line, pos.character)
}

/// The kind of text a document is: Markdown when the client says `markdown` or the file name has
/// a Markdown extension, plain text otherwise.
pub fn kind_of(uri: &Url, language_id: &str) -> SourceKind {
    if language_id.eq_ignore_ascii_case("markdown") {
        return SourceKind::Markdown;
    }
    let last = uri.path().rsplit('/').next().unwrap_or_default();
    SourceKind::from_path(Path::new(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Range;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_edits_count_utf16_units() {
        // 😀 is two UTF-16 units (four UTF-8 bytes); Arabic letters are one unit (two bytes).
        let mut doc = TextDocument::new("😀 القاء هنا\nسطر".into(), 1, SourceKind::Plain);
        // Insert a lam after the first alef-lam of القاء: column 2 (emoji) + 1 (space) + 2.
        doc.apply_changes(&[change(0, 5, 0, 5, "ل")], 2);
        assert_eq!(doc.text(), "😀 اللقاء هنا\nسطر");
        assert_eq!(doc.version(), 2);
        // Several changes in one notification apply one after the other.
        doc.apply_changes(&[change(1, 0, 1, 3, "آخر"), change(0, 0, 0, 2, "🎉🎉")], 3);
        assert_eq!(doc.text(), "🎉🎉 اللقاء هنا\nآخر");
        // A full replacement.
        doc.apply_changes(
            &[TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "جديد".into(),
            }],
            4,
        );
        assert_eq!(doc.text(), "جديد");
    }

    #[test]
    fn bad_positions_are_clamped_not_fatal() {
        let mut doc = TextDocument::new("😀ب\r\nج".into(), 1, SourceKind::Plain);
        // Inside the surrogate pair: snaps back to the emoji's start.
        doc.apply_changes(&[change(0, 1, 0, 1, "x")], 2);
        assert_eq!(doc.text(), "x😀ب\r\nج");
        // Past the end of a line: the line's end (before its \r\n).
        doc.apply_changes(&[change(0, 99, 0, 120, "!")], 3);
        assert_eq!(doc.text(), "x😀ب!\r\nج");
        // Past the last line: the end of the text; a reversed range is put in order.
        doc.apply_changes(&[change(9, 0, 1, 0, "")], 4);
        assert_eq!(doc.text(), "x😀ب!\r\n");
        doc.apply_changes(&[change(u32::MAX, u32::MAX, u32::MAX, u32::MAX, "د")], 5);
        assert_eq!(doc.text(), "x😀ب!\r\nد");
    }

    #[test]
    fn markdown_by_language_or_extension() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            kind_of(&u("file:///a/b.txt"), "markdown"),
            SourceKind::Markdown
        );
        assert_eq!(
            kind_of(&u("file:///a/b.MD"), "plaintext"),
            SourceKind::Markdown
        );
        assert_eq!(
            kind_of(&u("file:///a/b.txt"), "plaintext"),
            SourceKind::Plain
        );
        assert_eq!(
            kind_of(&u("untitled:Untitled-1"), "text"),
            SourceKind::Plain
        );
    }
}
