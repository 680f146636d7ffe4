//! tadqiq-lsp: a Language Server speaking LSP over stdio (`tadqiq lsp` runs [`run_stdio`]), a
//! thin shell over the core (`tadqiq_core`) and the workspace (`tadqiq_workspace`).
//!
//! ```text
//! editor ─ transport (framing) ─▶ server (lifecycle, open documents in UTF-16 positions)
//!   ─▶ worker: settings (tadqiq.toml, word lists) + snapshot ─▶ tadqiq_core::Linter
//!   ─▶ diagnostics (byte spans) ─ convert ─▶ LSP diagnostics (UTF-16 ranges) ─▶ editor
//!   code action ─ actions (quick fixes, fix all: tadqiq_core::fix edits) ─▶ workspace edits
//! ```
//!
//! - [`transport`]: `Content-Length` framing on reader and writer threads; malformed messages
//!   are answered and skipped, never fatal.
//! - [`server`]: the message loop (lifecycle, document sync, requests); it never lints.
//! - [`worker`]: a thread that lints snapshots and answers code actions, dropping stale work.
//! - [`document`]: open documents and incremental edits in UTF-16 positions.
//! - [`convert`]: library diagnostics (byte spans) to LSP diagnostics (UTF-16 ranges).
//! - [`actions`]: quick fixes, fix all, add to the word list, disable for a line.
//! - [`settings`]: the configuration step (`tadqiq.toml`, word lists), re-checked before each
//!   lint.
//!
//! The framework is `lsp-server` + `lsp-types` (as rust-analyzer): synchronous, with explicit
//! threads and channels, so "lint off the message loop, drop stale results" is a channel, a
//! thread and a lock, and message-level tests drive [`serve`] over an in-memory connection.

pub mod actions;
pub mod convert;
pub mod document;
pub mod server;
pub mod settings;
pub mod transport;
pub mod worker;

pub use server::serve;

/// Serve over stdin and stdout; returns the process exit status (0 after `shutdown` and
/// `exit`, 1 otherwise).
pub fn run_stdio() -> u8 {
    let (connection, io) = transport::stdio();
    let code = serve(connection);
    if let Err(e) = io.join() {
        eprintln!("tadqiq lsp: {e}");
    }
    code
}
