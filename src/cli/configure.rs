//! Configuration on the command line, shared by `check`, `fix` and `config`: the `--config` and
//! `--no-config` options, and finding inputs with each file's configuration applied (its
//! `[files]` include, exclude and extensions). See `tadqiq_workspace::config` for the file itself.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tadqiq_workspace::config::{ConfigError, ConfigSource, Overrides, Resolved, Resolver};

use crate::cli::files::{self, Discovery, Source, Target, WalkOptions};

#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file for every input, instead of the nearest tadqiq.toml or
    /// .tadqiq.toml above each file
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file: the defaults
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    pub fn source(&self) -> ConfigSource {
        match (&self.config, self.no_config) {
            (Some(p), _) => ConfigSource::File(p.clone()),
            (None, true) => ConfigSource::Defaults,
            (None, false) => ConfigSource::Discover,
        }
    }

    pub fn resolver(&self, overrides: Overrides) -> Resolver {
        Resolver::new(self.source(), overrides)
    }
}

/// An input with the configuration that governs it.
pub struct Configured {
    pub target: Target,
    pub resolved: Result<Arc<Resolved>, ConfigError>,
}

/// Find the inputs (see `files.rs`) with each file's configuration: a walk takes what the
/// configuration's `[files]` section takes, and a file named on the command line is dropped if
/// the configuration excludes it. Standard input takes the configuration of `stdin_path`'s
/// directory (`--stdin-filename`), else of the current directory.
pub fn discover(
    paths: &[PathBuf],
    stdin_name: &str,
    stdin_path: Option<&Path>,
    opts: WalkOptions,
    resolver: &Resolver,
) -> (Vec<Configured>, Discovery) {
    let filter = |p: &Path, is_dir: bool| -> Option<bool> {
        match resolver.resolve(p) {
            // A configuration error is reported for the files it governs; walk as by default.
            Err(_) if is_dir => Some(true),
            Err(_) => files::walk_candidate(p),
            Ok(r) if is_dir => Some(!r.filter.is_excluded(p)),
            Ok(r) => r.filter.walk_takes(p),
        }
    };
    let mut discovery = files::discover_with(paths, stdin_name, opts, &filter);
    let targets = std::mem::take(&mut discovery.targets);
    let configured = targets
        .into_iter()
        .filter_map(|t| {
            let resolved = match &t.source {
                Source::Stdin => match stdin_path {
                    Some(p) => resolver.resolve(p),
                    None => resolver.resolve_dir(Path::new(".")),
                },
                Source::File(p) => {
                    let r = resolver.resolve(p);
                    if let Ok(r) = &r {
                        if r.filter.is_excluded(p) {
                            return None;
                        }
                    }
                    r
                }
            };
            Some(Configured {
                target: t,
                resolved,
            })
        })
        .collect();
    (configured, discovery)
}

/// Prints each configuration error once, however many files it governs.
#[derive(Default)]
pub struct ErrorOnce {
    seen: HashSet<String>,
}

impl ErrorOnce {
    /// The message to print for `e`, or `None` if it was printed already.
    pub fn first(&mut self, e: &ConfigError) -> Option<String> {
        let msg = format!("configuration: {e}");
        self.seen.insert(msg.clone()).then_some(msg)
    }
}
