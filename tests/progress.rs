//! The progress bar (issue 15): on stderr, only when stderr is a terminal and `CI` is unset,
//! after a delay (`TADQIQ_PROGRESS_DELAY_MS=0` here, so that a short run would show it).

use std::process::Command;

mod common;
use common::*;

const SEEDS: &str = "fixtures/seeds";

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    for ci in [None, Some("true")] {
        let mut c = tadqiq();
        c.current_dir(repo(""))
            .env("TADQIQ_PROGRESS_DELAY_MS", "0")
            .args(["check", "--color", "never", SEEDS]);
        match ci {
            Some(v) => c.env("CI", v),
            None => c.env_remove("CI"),
        };
        let out = c.output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        // Only the summary: no bar, no carriage return, no escape sequence.
        assert!(stderr.starts_with("Checked 5 files"), "{stderr:?}");
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
        assert!(
            !stderr.contains('\r') && !stderr.contains('\x1b'),
            "{stderr:?}"
        );
    }
}

/// Run `tadqiq check` on a pseudo-terminal (`script`), `CI` as given; what the terminal got.
fn on_a_terminal(ci: Option<&str>) -> Option<String> {
    let exe = env!("CARGO_BIN_EXE_tadqiq");
    let mut c = Command::new("script");
    c.current_dir(repo(""))
        .env("TADQIQ_PROGRESS_DELAY_MS", "0")
        .args(["-qec", &format!("{exe} check {SEEDS} > /dev/null")])
        .arg("/dev/null");
    match ci {
        Some(v) => c.env("CI", v),
        None => c.env_remove("CI"),
    };
    match c.output() {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(e) => {
            eprintln!("note: no `script` ({e}): the terminal case is not tested");
            None
        }
    }
}

#[test]
fn progress_on_a_terminal_unless_ci_is_set() {
    let Some(with) = on_a_terminal(None) else {
        return;
    };
    assert!(with.contains("checking ["), "{with:?}");
    let without = on_a_terminal(Some("1")).unwrap();
    assert!(!without.contains("checking ["), "{without:?}");
    assert!(without.contains("Checked 5 files"), "{without:?}");
}
