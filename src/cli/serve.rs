//! `tadqiq serve`: the HTTP server, LanguageTool's API and a proofreading page (the crate
//! `crates/tadqiq-server`).
//!
//! The server crate is built on this package's library, so this binary cannot depend on it
//! until the library is a crate of its own (a cycle). Meanwhile `tadqiq serve OPTIONS` runs the
//! `tadqiq-server` binary found beside this one, with the same options; once the split lands,
//! this becomes `tadqiq_server::run(args)` with `tadqiq_server::Args` as the arguments.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

use crate::cli::EXIT_ERROR;

#[derive(Debug, clap::Args)]
#[command(disable_help_flag = true)]
pub struct Args {
    /// The server's options: --bind, --port, --config, --max-body... (`tadqiq serve --help`)
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "OPTIONS"
    )]
    pub options: Vec<OsString>,
}

pub fn run(args: Args) -> ExitCode {
    let name = format!("tadqiq-server{}", std::env::consts::EXE_SUFFIX);
    let server = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(&name)))
        .filter(|p| p.is_file());
    let Some(server) = server else {
        eprintln!(
            "tadqiq serve: {name} is not installed beside tadqiq; build it with `cargo build \
             --release -p tadqiq-server`, or install it with `cargo install --path \
             crates/tadqiq-server`"
        );
        return ExitCode::from(EXIT_ERROR);
    };
    let mut cmd = Command::new(&server);
    cmd.args(&args.options);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Only returns on failure; the server takes this process's place (and its signals).
        let e = cmd.exec();
        eprintln!("tadqiq serve: cannot run {}: {e}", server.display());
        ExitCode::from(EXIT_ERROR)
    }
    #[cfg(not(unix))]
    match cmd.status() {
        Ok(s) => ExitCode::from(u8::try_from(s.code().unwrap_or(1)).unwrap_or(1)),
        Err(e) => {
            eprintln!("tadqiq serve: cannot run {}: {e}", server.display());
            ExitCode::from(EXIT_ERROR)
        }
    }
}
