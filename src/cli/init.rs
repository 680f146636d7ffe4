//! `tadqiq init [DIR]`: write a commented default `tadqiq.toml`; never overwrite one.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tadqiq_workspace::config::{DEFAULT_CONFIG, FILE_NAMES};

use crate::cli::output::eprint_line;
use crate::cli::{EXIT_ERROR, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory to write tadqiq.toml in [default: the current directory]
    pub dir: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    for name in FILE_NAMES {
        let existing = dir.join(name);
        if existing.exists() {
            eprint_line(&format!(
                "error: {} already exists; not overwritten",
                existing.display()
            ));
            return ExitCode::from(EXIT_ERROR);
        }
    }
    let path = dir.join(FILE_NAMES[0]);
    // `create_new` refuses to overwrite a file that appeared since the check above.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| {
            f.write_all(DEFAULT_CONFIG.as_bytes())?;
            f.sync_all()
        });
    match written {
        Ok(()) => {
            eprint_line(&format!("Wrote {}", path.display()));
            ExitCode::from(EXIT_OK)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprint_line(&format!(
                "error: {} already exists; not overwritten",
                path.display()
            ));
            ExitCode::from(EXIT_ERROR)
        }
        Err(e) => {
            eprint_line(&format!(
                "error: {}",
                tadqiq_workspace::input::InputError::io(path.display().to_string(), e)
            ));
            ExitCode::from(EXIT_ERROR)
        }
    }
}
