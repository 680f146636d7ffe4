//! `tadqiq lsp`: a Language Server speaking LSP over stdio, a thin shell over the library.
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
