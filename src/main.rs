//! The `tadqiq` command: a thin shell over the crates of the workspace (see `src/cli/`).
//!
//! ```text
//! arguments (clap) ─ cli::files (walk with `ignore`) ─ tadqiq_workspace::config (Resolver)
//!   ─ tadqiq_workspace::input (read, decode) ─▶ text ─▶ tadqiq_core::Linter ─▶ diagnostics
//!   check: diagnostics ─ fold ─▶ cli::human (terminal) | tadqiq_core::render (JSON, GitHub, SARIF)
//!   fix:   diagnostics ─ tadqiq_core::fix ─▶ files rewritten safely, or a diff
//!   lsp:   tadqiq_lsp
//! ```

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
