//! Evaluation: scoring findings against annotations (the seeds' gold file) and, in
//! `tadqiq-eval`, against injected errors.

pub mod gold;
