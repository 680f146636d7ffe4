//! tadqiq: a fast Arabic text-quality linter and corrector.
pub use tadqiq_dictgen::keymap;
