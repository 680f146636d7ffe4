//! tadqiq-eval: measuring the core. Scoring findings against annotations (the seeds' gold
//! file) and, in the `tadqiq-eval` binary, against errors injected into clean text, side by
//! side with Hunspell.
//!
//! ```text
//! clean text ─ inject (seeded errors, recorded) ─▶ text with known errors
//!   ─▶ tadqiq_core::Linter (and hunspell) ─▶ diagnostics ─ score ─▶ harness's report
//! fixtures/seeds/*.txt + gold.tsv ─ gold ─▶ annotated errors ─▶ the seeds test's figures
//! ```

pub mod gold;
pub mod goldset;
pub mod harness;
pub mod hunspell;
pub mod inject;
pub mod score;
