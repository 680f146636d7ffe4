//! Writing to the terminal: the output formats, colour choice, and printing that survives a
//! closed pipe.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;

/// The output formats of `tadqiq check`: the human one is drawn by [`crate::cli::human`], the
/// others by the core's renderers for machines (`tadqiq_core::render`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to stdout.
    pub fn enabled(self) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                !no_color && !dumb && io::stdout().is_terminal()
            }
        }
    }
}

/// True for the error a write gets when the reader went away (`tadqiq check | head`): not worth
/// reporting.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Print a line to stderr, ignoring failures (there is nowhere left to report them).
pub fn eprint_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
