//! Command-line front end. One subcommand, one file (`check.rs`, `fix.rs`, `rules.rs`,
//! `explain.rs`, `init.rs`, `config.rs`, `lsp.rs`, `completions.rs` for `completions` and `man`, `words.rs`), each with an `Args` struct (clap derive) and
//! a `run(args) -> ExitCode`, plus one line in [`Command`] and one in [`main`]. Shared pieces:
//! `files.rs` (walking and reading inputs), `configure.rs` (the configuration options),
//! `output.rs` (output formats, writing to stdout/stderr, colour choice), `human.rs` (the
//! terminal renderer).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
pub mod completions;
pub mod config;
pub mod configure;
pub mod explain;
pub mod files;
pub mod fix;
pub mod human;
pub mod init;
pub mod lsp;
pub mod output;
pub mod progress;
pub mod rules;
pub mod words;

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
    /// Apply the safe fixes (--unsafe: all fixes) to files, or print them as a diff.
    Fix(fix::Args),
    /// Write a commented default tadqiq.toml.
    Init(init::Args),
    /// Show the effective configuration for a path, and where it comes from.
    Config(config::Args),
    /// Print a rule's documentation.
    Explain(explain::Args),
    /// Run the Language Server (LSP over stdin and stdout) for editors.
    Lsp(lsp::Args),
    /// Serve LanguageTool's HTTP API (/v2/check) and a proofreading page (/) on this machine.
    Serve(tadqiq_server::Args),
    /// Accept words: add them to the project word list (or with --user to yours).
    Words(words::Args),
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the man page (roff).
    Man(completions::ManArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Init(args) => init::run(args),
        Command::Config(args) => config::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Serve(args) => tadqiq_server::run(args),
        Command::Words(args) => words::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
    }
}
