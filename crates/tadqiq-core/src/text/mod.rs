//! Text handling: tokens, lines, and the look-up keys of Arabic words.

pub mod lines;
pub mod token;

pub use lines::{LineCol, LineIndex};
pub use token::{tokenize, tokenize_into, Token, TokenKind};
