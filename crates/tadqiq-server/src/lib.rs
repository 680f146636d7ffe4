//! `tadqiq serve`: tadqiq over HTTP.
//!
//! - `POST /v2/check`, `GET /v2/languages`: LanguageTool's HTTP API (see [`lt`]), so that
//!   LanguageTool's clients (language_tool_python, pylanguagetool, editor, browser and
//!   note-taking plug-ins) can use tadqiq as their server.
//! - `/`: a proofreading page in Arabic (see [`page`]), and `POST /api/fix` for its "fix all
//!   safe".
//!
//! One linter, with its word cache, serves every request; its configuration is read once at
//! start-up, as `tadqiq check` reads it for standard input in the server's working directory
//! (`--config`, `--no-config`, or the nearest `tadqiq.toml`/`.tadqiq.toml`).
//!
//! [`Args`] and [`run`] are the whole command: `tadqiq serve` calls them, and the
//! `tadqiq-server` binary is just them (with mimalloc as its allocator, as the load figures
//! were measured).
//!
//! ```text
//! HTTP request ─ http (limits, timeouts) ─ form / annotated ─▶ text
//!   ─▶ engine (one tadqiq_core::Linter, shared) ─▶ diagnostics ─ lt (UTF-16 offsets) ─▶ JSON
//! ```

pub mod annotated;
mod core;
pub mod engine;
pub mod form;
pub mod http;
pub mod lt;
pub mod page;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crate::core::ConfigSource;
use crate::engine::Engine;
use crate::http::Limits;

/// Exit status: stopped by Ctrl-C or SIGTERM.
pub const EXIT_OK: u8 = 0;
/// Exit status: the configuration could not be read, or the address could not be listened on.
pub const EXIT_ERROR: u8 = 2;

/// `tadqiq serve`'s options.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "tadqiq-server",
    version,
    about = "Serve tadqiq over HTTP: LanguageTool's API (/v2/check) and a proofreading page (/)",
    after_help = "Exit status:\n  0  stopped by Ctrl-C or SIGTERM\n  2  the configuration could \
                  not be read, or the address could not be listened on"
)]
pub struct Args {
    /// Address to listen on. The default answers this machine only; 0.0.0.0 answers anyone
    /// who can reach it (there is no authentication)
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,

    /// Port to listen on (0: any free port, printed at start-up)
    #[arg(long, default_value_t = 8081)]
    pub port: u16,

    /// Use this configuration file, instead of the nearest tadqiq.toml or .tadqiq.toml at or
    /// above the current directory
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file: the defaults
    #[arg(long)]
    pub no_config: bool,

    /// Largest request body accepted, in bytes (larger ones get 413)
    #[arg(long, default_value_t = 1_000_000, value_name = "BYTES",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_body: u64,

    /// Seconds a client has to send its request headers, and then its body (then: 408, or
    /// the connection is closed)
    #[arg(long, default_value_t = 10, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Connections open at once; more wait until one closes
    #[arg(long, default_value_t = 512, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub max_connections: u64,

    /// Let web pages of this origin call the API from a browser (CORS), e.g.
    /// `app://obsidian.md`, or `*` for any
    #[arg(long, value_name = "ORIGIN")]
    pub allow_origin: Option<String>,
}

impl Args {
    fn config_source(&self) -> ConfigSource {
        match (&self.config, self.no_config) {
            (Some(p), _) => ConfigSource::File(p.clone()),
            (None, true) => ConfigSource::Defaults,
            (None, false) => ConfigSource::Discover,
        }
    }

    fn limits(&self) -> Limits {
        Limits {
            max_body: usize::try_from(self.max_body).unwrap_or(usize::MAX),
            timeout: Duration::from_secs(self.timeout),
            max_connections: self.max_connections as usize,
            allow_origin: self.allow_origin.clone(),
            ..Limits::default()
        }
    }
}

/// Run the server until Ctrl-C or SIGTERM; returns the exit status.
pub fn run(args: Args) -> ExitCode {
    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let engine = match Engine::load(args.config_source(), &dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("tadqiq serve: configuration: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let config = match engine.config_file() {
        Some(p) => format!("configuration {}", p.display()),
        None => "default configuration".to_string(),
    };
    let limits = args.limits();
    let app = match http::router(Arc::new(engine), limits.clone()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("tadqiq serve: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("tadqiq-serve")
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tadqiq serve: cannot start: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    runtime.block_on(async move {
        let addr = SocketAddr::new(args.bind, args.port);
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("tadqiq serve: cannot listen on {addr}: {e}");
                return ExitCode::from(EXIT_ERROR);
            }
        };
        let local = listener.local_addr().unwrap_or(addr);
        eprintln!("tadqiq serve: listening on http://{local}/ ({config})");
        http::serve(listener, app, &limits, stop_signal()).await;
        eprintln!("tadqiq serve: stopped");
        ExitCode::from(EXIT_OK)
    })
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return ctrl_c.await,
            };
        tokio::select! {
            () = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}
