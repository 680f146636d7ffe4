//! tadqiq's dictionary builder.
//!
//! `keymap` (the one-byte-a-letter key alphabet) and `edits` (the Arabic error model) are always
//! compiled: the runtime and the build share them.
//! With the `generate` feature (on for `crates/tadqiq-core/build.rs`), the other modules read the
//! sources in `dictionaries/` and write the FSTs that tadqiq-core embeds.
//!
//! ```text
//! dictionaries/ (hunspell-ar, wordfreq, ar-corrector counts, names, words)
//!   ─ hunspell (expand affixes) · wordfreq · counts ─ keymap (one byte a letter) ─▶ build
//!   ─▶ FSTs in OUT_DIR ─▶ include_bytes! in tadqiq_core::dict
//! ```

pub mod edits;
pub mod keymap;

#[cfg(feature = "generate")]
pub mod wordfreq;

#[cfg(feature = "generate")]
pub mod counts;

#[cfg(feature = "generate")]
pub mod hunspell;

#[cfg(feature = "generate")]
pub mod build;
