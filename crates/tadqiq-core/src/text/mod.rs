//! Text handling: tokens, lines, and the look-up keys of Arabic words.

pub mod lines;
pub mod token;

pub use lines::{LineCol, LineIndex};
pub use token::{tokenize, tokenize_into, Token, TokenKind};

/// The UTF-8 byte-order mark.
pub const BOM: char = '\u{FEFF}';

/// Length in bytes of a leading BOM (3) or 0.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    }
}
