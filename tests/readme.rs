//! The README as a newcomer reads it (issue 15): the setup commands are at the top, and every
//! `rev:` it shows for pre-commit names a ref that exists in this repository (a `rev:` that does
//! not exist makes pre-commit fail with "pathspec 'v0.1.0' did not match").

use std::path::Path;
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The values of the `rev:` keys in the README's code blocks, without trailing comments.
fn revs(readme: &str) -> Vec<String> {
    readme
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("rev:"))
        .map(|v| v.split('#').next().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn the_setup_commands_come_first() {
    let text = readme();
    let quick = text.find("## Quick start").expect("a Quick start section");
    let next = quick
        + 3
        + text[quick + 3..]
            .find("\n## ")
            .unwrap_or(text.len() - quick - 3);
    let section = &text[quick..next];
    // Before anything else in the README but the title and the introduction.
    assert!(
        !text[..quick].contains("\n## "),
        "Quick start is not the first section"
    );
    for command in [
        "cargo install --path .",
        "tadqiq check fixtures/seeds",
        "cargo test --workspace --release",
    ] {
        assert!(section.contains(command), "Quick start lacks `{command}`");
    }
    assert!(
        section.contains("about 6 minutes on 2 cores") && section.contains("about 6 minutes more"),
        "Quick start does not say how long the first build and the first pre-commit run take"
    );
    // The samples it runs on are in the repository.
    assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seeds")
        .is_dir());
}

#[test]
fn revs_are_read_from_the_readme() {
    assert_eq!(
        revs("```yaml\n    rev: v9.9.9   # a tag\n  rev:abc\n```\nno rev here\n"),
        ["v9.9.9", "abc"]
    );
    assert!(!revs(&readme()).is_empty(), "the README shows no `rev:`");
}

#[test]
fn every_rev_in_the_readme_exists_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inside = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(root)
        .output();
    match inside {
        Ok(o) if o.status.success() => {}
        _ => {
            eprintln!(
                "note: not a git checkout (or no git): the README's `rev:` values are not checked"
            );
            return;
        }
    }
    let mut missing = Vec::new();
    for rev in revs(&readme()) {
        let ok = Command::new("git")
            .args([
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ])
            .current_dir(root)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            missing.push(rev);
        }
    }
    // A clone made without tags (a shallow CI checkout, `git clone --no-tags`) cannot tell a
    // release tag that exists upstream from one that does not: say so rather than fail.
    let no_tags = Command::new("git")
        .args(["tag", "--list"])
        .current_dir(root)
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.is_empty());
    if !missing.is_empty() && no_tags {
        eprintln!("note: this clone has no tags; the README's `rev:` {missing:?} are not checked");
        return;
    }
    assert!(
        missing.is_empty(),
        "the README shows `rev:` values that name no commit here: {missing:?} (create the tag \
         on main: `git tag -a {} -m ...`, or fetch tags: `git fetch --tags`)",
        missing.first().map_or("", String::as_str)
    );
}
