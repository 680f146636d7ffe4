//! Sources: which parts of a file are prose to lint.

pub mod markdown;
