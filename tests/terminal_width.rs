//! Human output fits the terminal (issue 15): `COLUMNS`, then the terminal's size; a fixed
//! default (about 60 chars of context either side of the word) when not a terminal.

mod common;
use common::*;

fn human(columns: Option<&str>) -> String {
    let mut c = tadqiq();
    c.current_dir(repo(""))
        .args(["check", "--color", "never"])
        .args(["fixtures/seeds", "fixtures/slips", "fixtures/clean"]);
    match columns {
        Some(w) => c.env("COLUMNS", w),
        None => c.env_remove("COLUMNS"),
    };
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn no_line_is_wider_than_columns() {
    for w in [80usize, 120, 60] {
        let out = human(Some(&w.to_string()));
        let too_wide: Vec<&str> = out.lines().filter(|l| l.chars().count() > w).collect();
        assert!(too_wide.is_empty(), "COLUMNS={w}: {too_wide:#?}");
        // Something was reported, with context around the words.
        assert!(out.matches("\n  |").count() > 20, "{out}");
    }
    // The context grows with the width.
    assert!(widest(&human(Some("120"))) > widest(&human(Some("80"))));
}

#[test]
fn not_a_terminal_and_no_columns_is_the_fixed_default() {
    let out = human(None);
    // The default window: 60 chars either side of the word, so long lines come out wider
    // than 80 columns, and no wider than the window allows.
    let w = widest(&out);
    assert!(w > 80, "{w}");
    // The same output whatever COLUMNS said before: a nonsense COLUMNS is ignored too.
    assert_eq!(human(Some("wide")), out);
}
