//! Evaluation: scoring findings against annotations (the seeds' gold file) and, in
//! `tadqiq-eval`, against errors injected into clean text, side by side with Hunspell.

pub mod gold;
pub mod goldset;
pub mod harness;
pub mod hunspell;
pub mod inject;
pub mod score;
