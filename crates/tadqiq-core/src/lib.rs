//! tadqiq: a fast Arabic text-quality linter and corrector.
//!
//! ```no_run
//! use tadqiq::{Linter, SourceKind};
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
pub mod eval;
pub mod fix;
pub mod fold;
pub mod input;
pub mod linter;
pub mod lsp;
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
