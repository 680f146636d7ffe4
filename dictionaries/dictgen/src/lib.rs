//! tadqiq's dictionary builder.
//!
//! `keymap` (always compiled) is the one-byte-a-letter key alphabet shared with the runtime.
//! With the `generate` feature (on for tadqiq's `build.rs`), the other modules read the sources in
//! `dictionaries/` and write the FSTs that tadqiq embeds.

pub mod keymap;
