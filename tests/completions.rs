//! `tadqiq completions SHELL` and `tadqiq man` (issue 15): generated from the command's own
//! definition, so they name every subcommand and option.

use std::process::Command as Process;

use predicates::prelude::*;

mod common;
use common::*;

fn stdout_of(args: &[&str]) -> String {
    let out = tadqiq()
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn completions_for_each_shell_name_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        for word in ["check", "fix", "words", "encoding", "fold", "windows-1256"] {
            assert!(
                script.contains(word),
                "{shell}: no `{word}` in the completions"
            );
        }
    }
}

#[test]
fn the_bash_completions_are_valid_bash() {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "tadqiq.bash", &script);
    // `bash -n` parses without running; then source it and ask what `tadqiq ch<TAB>` gives.
    let ok = Process::new("bash").arg("-n").arg(&p).status();
    match ok {
        Ok(s) => assert!(s.success(), "bash -n rejects the completions"),
        Err(e) => {
            eprintln!("note: no bash ({e}); the completions were not parsed");
            return;
        }
    }
    let out = Process::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(tadqiq ch); COMP_CWORD=1; _tadqiq tadqiq ch tadqiq; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            p.display()
        ))
        .output()
        .unwrap();
    let replies = String::from_utf8_lossy(&out.stdout);
    assert_eq!(replies.trim(), "check", "{replies}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    tadqiq()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH tadqiq 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    for sub in [
        "check",
        "fix",
        "rules",
        "explain",
        "lsp",
        "words",
        "completions",
    ] {
        assert!(page.contains(&format!("tadqiq\\-{sub}(1)")), "no {sub}");
    }
    // The exit status is in it.
    assert!(page.contains("no findings (hints never count)"));
    let check = stdout_of(&["man", "check"]);
    assert!(check.contains(".TH tadqiq-check 1"), "{check}");
    assert!(check.contains("\\-\\-encoding"), "{check}");
    tadqiq()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no subcommand `nope`"));
    // Rendered by man(1) where there is one.
    let Ok(out) = Process::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(page.as_bytes())?;
            c.wait_with_output()
        })
    else {
        eprintln!("note: no man(1); the page was not rendered");
        return;
    };
    if out.status.success() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("A fast Arabic text linter"), "{text}");
    }
}
