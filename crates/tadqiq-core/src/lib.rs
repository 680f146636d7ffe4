//! tadqiq-core: the checker. Arabic text in, diagnostics and fixes out; it reads no file and
//! draws on no screen (the `tadqiq` command, the LSP server and the other front ends do).
//!
//! ```text
//! text ─ source (Markdown prose regions) ─ text (tokens, lines) ─▶ document
//!   document + dict ─▶ spell (word analysis: known? misspelled? a real-word slip?)
//!   document + analysis ─▶ rules ─▶ diagnostics (byte spans) ─ suppress ─▶ linter's output
//!   diagnostics ─▶ fix (text edits)     diagnostics ─▶ fold (many of a kind read as one)
//!   diagnostics ─▶ render (JSON, SARIF, GitHub: data for machines)
//! config: tadqiq.toml text ─▶ Config ─▶ LintOptions       chunked: a large text in pieces
//! ```
//!
//! Each arrow points one way: `spell` knows nothing of rules, rules build diagnostics, and
//! nothing here knows a renderer for people, a file system or an editor.
//!
//! ```no_run
//! use tadqiq_core::{Linter, SourceKind};
//! let linter = Linter::new();
//! for d in linter.lint("تطرق القاء إلى التحديات", SourceKind::Plain) {
//!     println!("{} {:?} {} {:?}", d.rule_id(), d.span, d.message, d.suggestions);
//! }
//! ```

pub mod chunked;
pub mod config;
pub mod diagnostic;
pub mod dict;
pub mod document;
pub mod fix;
pub mod fold;
pub mod linter;
pub mod render;
pub mod rules;
pub mod source;
pub mod spell;
pub mod suppress;
pub mod text;

#[cfg(test)]
pub(crate) mod testing;

pub use diagnostic::{Applicability, Diagnostic, Severity};
pub use dict::Dictionary;
pub use document::{Document, SourceKind};
pub use linter::{LintOptions, Linter};
pub use tadqiq_dictgen::keymap;
