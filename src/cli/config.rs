//! `tadqiq config --show [PATH]`: the effective configuration for a file or directory, and the
//! file it comes from.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tadqiq_workspace::config::{normalize, Overrides};

use crate::cli::configure::ConfigArgs;
use crate::cli::output::eprint_line;
use crate::cli::{EXIT_ERROR, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the effective configuration (the default action)
    #[arg(long)]
    pub show: bool,

    /// The file or directory whose configuration to show [default: the current directory]
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: Args) -> ExitCode {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let resolver = args.config.resolver(Overrides::default());
    let resolved = if path.is_dir() {
        resolver.resolve_dir(&path)
    } else {
        resolver.resolve(&path)
    };
    let r = match resolved {
        Ok(r) => r,
        Err(e) => {
            eprint_line(&format!("error: configuration: {e}"));
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut out = String::new();
    match &r.path {
        Some(p) => out.push_str(&format!("# configuration: {}\n", p.display())),
        None if args.config.no_config => out.push_str("# --no-config: the defaults\n"),
        None => out.push_str(&format!(
            "# no tadqiq.toml or .tadqiq.toml at or above {}: the defaults\n",
            normalize(&path).display()
        )),
    }
    for list in r.config.word_lists(&r.dir) {
        out.push_str(&format!("# word list: {}\n", list.display()));
    }
    if !path.is_dir() && r.filter.is_excluded(Path::new(&path)) {
        out.push_str(&format!(
            "# {} is excluded by [files] exclude: not checked\n",
            path.display()
        ));
    }
    out.push_str(&r.config.effective_toml());
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprint_line(&format!("error: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::from(EXIT_OK),
    }
}
