//! tadqiq's dictionary builder.
//!
//! `keymap` (the one-byte-a-letter key alphabet) and `edits` (the Arabic error model) are always
//! compiled: the runtime and the build share them.
//! With the `generate` feature (on for tadqiq's `build.rs`), the other modules read the sources in
//! `dictionaries/` and write the FSTs that tadqiq embeds.

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
