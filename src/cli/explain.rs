//! `tadqiq explain RULE`: a rule's documentation.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::output::eprint_line;
use crate::cli::{EXIT_ERROR, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule, with or without its `tadqiq/` prefix (see `tadqiq rules`)
    pub rule: String,
}

pub fn run(args: Args) -> ExitCode {
    let Some(rule) = tadqiq_core::rules::find(&args.rule) else {
        let valid: Vec<String> = tadqiq_core::rules::all()
            .iter()
            .map(|r| format!("tadqiq/{}", r.meta().id))
            .collect();
        eprint_line(&format!(
            "error: unknown rule `{}`; valid rules: {}",
            args.rule,
            valid.join(", ")
        ));
        return ExitCode::from(EXIT_ERROR);
    };
    let m = rule.meta();
    let text = format!(
        "tadqiq/{} (default severity: {})\n{}\n\n{}\n",
        m.id,
        m.default_severity,
        m.summary,
        tadqiq_core::render::docs_text(m.docs)
    );
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprint_line(&format!("error: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::from(EXIT_OK),
    }
}
