//! `tadqiq lsp`: the Language Server, over stdin and stdout (see the `tadqiq-lsp` crate).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accepted for editors that pass it (stdio is the only transport).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: Args) -> ExitCode {
    ExitCode::from(tadqiq_lsp::run_stdio())
}
