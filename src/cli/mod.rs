//! Command-line front end. One subcommand, one file: `check.rs`, `rules.rs`, `explain.rs`; the
//! ones to come (`fix`, `init`, `config`, `lsp`) go beside them as `fix.rs` and so on, each with
//! an `Args` struct (clap derive) and a `run(args) -> ExitCode`, plus one line in [`Command`]
//! and one in [`main`]. Shared pieces: `files.rs` (finding and reading inputs), `output.rs`
//! (writing to stdout/stderr and colour choice).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
pub mod explain;
pub mod files;
pub mod output;
pub mod rules;

/// No findings (hints do not count).
pub const EXIT_OK: u8 = 0;
/// Findings (errors, warnings or infos).
pub const EXIT_FINDINGS: u8 = 1;
/// A usage error, or an input that could not be read; wins over findings.
pub const EXIT_ERROR: u8 = 2;

/// The exit status, as `--help` prints it.
pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  no findings (hints never count)
  1  findings: at least one error, warning or info
  2  usage error, or an input could not be read (missing, unreadable, not UTF-8...);
     wins over 1";

#[derive(Debug, Parser)]
#[command(
    name = "tadqiq",
    version,
    about = "A fast Arabic text linter",
    after_help = EXIT_STATUS_HELP,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories or standard input and report findings.
    Check(check::Args),
    /// List every rule: id, default severity, summary.
    Rules(rules::Args),
    /// Print a rule's documentation.
    Explain(explain::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
    }
}
