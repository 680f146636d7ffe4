//! Everything this crate takes from tadqiq's library, in one place.
//!
//! Today that is the `tadqiq` package; after the crate split these come from `tadqiq-core`
//! (linter, diagnostics, fixes, rules) and `tadqiq-workspace` (finding and reading
//! `tadqiq.toml`), and only this file changes.

pub use tadqiq::config::{ConfigError, ConfigSource, Overrides, Resolver};
pub use tadqiq::fix::{fix, FixOptions};
pub use tadqiq::rules::{all as all_rules, find as find_rule};
pub use tadqiq::{Applicability, Diagnostic, Linter, Severity, SourceKind};
