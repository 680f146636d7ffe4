//! `tadqiq completions SHELL`: shell completions (`clap_complete`), and `tadqiq man`: the man
//! page (`clap_mangen`), both printed on stdout from the command's own definition, so they never
//! fall behind it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::output::{eprint_line, is_broken_pipe};
use crate::cli::{Cli, EXIT_ERROR, EXIT_OK};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Install, for example:
  bash        tadqiq completions bash > ~/.local/share/bash-completion/completions/tadqiq
  zsh         tadqiq completions zsh > ~/.zfunc/_tadqiq   (with fpath+=~/.zfunc before compinit)
  fish        tadqiq completions fish > ~/.config/fish/completions/tadqiq.fish
  powershell  tadqiq completions powershell >> $PROFILE")]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Install, for example:
  tadqiq man > ~/.local/share/man/man1/tadqiq.1
  tadqiq man check > ~/.local/share/man/man1/tadqiq-check.1")]
pub struct ManArgs {
    /// A subcommand's page (tadqiq-check(1), ...) instead of tadqiq(1)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tadqiq", &mut out);
    print(&out)
}

pub fn man(args: ManArgs) -> ExitCode {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone().version(env!("CARGO_PKG_VERSION")),
            None => {
                let names: Vec<String> = cmd
                    .get_subcommands()
                    .map(|c| c.get_name().to_string())
                    .collect();
                eprint_line(&format!(
                    "error: no subcommand `{name}` (one of: {})",
                    names.join(", ")
                ));
                return ExitCode::from(EXIT_ERROR);
            }
        },
    };
    let mut out = Vec::new();
    match clap_mangen::Man::new(page).render(&mut out) {
        Ok(()) => print(&out),
        Err(e) => {
            eprint_line(&format!("error: writing the man page: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn print(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if !is_broken_pipe(&e) => {
            eprint_line(&format!("error: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::from(EXIT_OK),
    }
}
