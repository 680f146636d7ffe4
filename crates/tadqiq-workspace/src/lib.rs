//! tadqiq-workspace: what tadqiq's front ends (the `tadqiq` command, the LSP server, an HTTP
//! server) share about the file system, over the core (`tadqiq_core`), which touches none.
//!
//! ```text
//! bytes on disk or stdin ─ input (UTF-8? BOM? UTF-16? binary?) ─▶ text, or pieces of a large one
//! a file's path ─ config (nearest tadqiq.toml, word lists, [files] globs) ─▶ Resolver
//!     ─▶ Resolved { Config, Linter, FileFilter }
//! text + Linter ─▶ tadqiq_core (diagnostics, fixes) ─▶ the front end's output
//! ```
//!
//! - [`input`]: reading inputs safely: text exactly as on disk, a "binary, skip it" verdict, or
//!   an error naming the input and the cause; large inputs piece by piece.
//! - [`encoding`]: the encodings other than UTF-8 (`--encoding`): Windows-1256, ISO-8859-6,
//!   UTF-16, decoded to UTF-8 text and encoded back by `fix`.
//! - [`words`]: writing word lists (`tadqiq words add`, the editor's "add to word list").
//! - [`config`]: finding and reading configurations and word lists; the file filter. The
//!   configuration model itself is `tadqiq_core::config`, re-exported there.

pub mod config;
pub mod encoding;
pub mod input;
pub mod words;
