//! The tokenizer and the document model on any text: tokens are in order, on char boundaries,
//! never empty, never overlapping, and cover every byte of the text; a document's words lie on
//! char boundaries inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tadqiq_core::text::{tokenize, LineIndex};
use tadqiq_core::{Document, SourceKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let tokens = tokenize(text);
    let mut at = 0;
    for t in &tokens {
        assert_eq!(t.start, at, "tokens cover the text without gaps: {t:?}");
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.end), "{t:?}");
        at = t.end;
    }
    assert_eq!(at, text.len());
    let lines = LineIndex::new(text);
    for t in &tokens {
        let _ = lines.line_of(t.start);
    }
    for kind in [SourceKind::Plain, SourceKind::Markdown] {
        let doc = Document::new(text, kind);
        for t in doc.tokens() {
            assert!(t.start <= t.end && t.end <= text.len(), "{t:?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        let _ = doc.words().len();
    }
});
