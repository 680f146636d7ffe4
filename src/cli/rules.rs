//! `tadqiq rules`: every rule with its id, default severity and summary.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::output::eprint_line;
use crate::cli::{EXIT_ERROR, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(table().as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprint_line(&format!("error: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::from(EXIT_OK),
    }
}

/// One line a rule: `tadqiq/<id>`, default severity, summary, in aligned columns.
pub fn table() -> String {
    let rules = tadqiq_core::rules::all();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let id_width = metas.iter().map(|m| m.id.len() + 7).max().unwrap_or(0);
    let mut s = String::new();
    for m in metas {
        let id = format!("tadqiq/{}", m.id);
        s.push_str(&format!(
            "{id:<id_width$}  {:<7}  {}\n",
            m.default_severity.as_str(),
            m.summary
        ));
    }
    s
}
