//! Everything this crate takes from tadqiq's library crates, in one place: the checker from
//! `tadqiq-core` (linter, diagnostics, fixes, rules) and the discovery of `tadqiq.toml` from
//! `tadqiq-workspace`, as the CLI finds it.

pub use tadqiq_core::fix::{fix, FixOptions};
pub use tadqiq_core::rules::{all as all_rules, find as find_rule};
pub use tadqiq_core::{Applicability, Diagnostic, Linter, Severity, SourceKind};
pub use tadqiq_workspace::config::{ConfigError, ConfigSource, Overrides, Resolver};
