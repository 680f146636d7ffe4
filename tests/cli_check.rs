//! End-to-end tests of `tadqiq check`, `tadqiq rules` and `tadqiq explain`.
//!
//! Expected positions are computed here from the test text itself (byte offsets with
//! `str::find`, lines and char columns by counting), never with tadqiq's own code.
//!
//! Most tests hold whatever the dictionary says: they use `--show-hints` and a made-up word
//! (`زغطشقث`) that no dictionary has, and look for it by position, not by rule. A few use a real
//! finding: `القاء` → `اللقاء` in seed 004.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

const SEED_004: &str = "fixtures/seeds/004_8acd1053c13bf32b.txt";

fn seed_004() -> String {
    fs::read_to_string(repo(SEED_004)).unwrap()
}

/// The second line of seed 004: one long news paragraph (700+ chars on one line).
fn seed_paragraph() -> String {
    seed_004().lines().nth(1).unwrap().to_string()
}

/// The JSON records of findings on `word` at byte `start` of a file.
fn at<'a>(records: &'a [Value], path: &str, start: usize) -> Vec<&'a Value> {
    records
        .iter()
        .filter(|r| r["path"] == path && r["start"] == start as u64)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// JSON schema and positions

#[test]
fn json_fields_and_positions_on_a_bom_crlf_file() {
    let dir = TempDir::new().unwrap();
    // A BOM, CRLF line ends, an emoji and a right-to-left mark before the word, harakat before it.
    let text =
        format!("\u{FEFF}كتب: سيد محمد\r\n😀 قال \u{200F}{NONSENSE} هنا\r\nأنَّ {NONSENSE}\r\n");
    write(dir.path(), "news.txt", &text);
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "news.txt"])
        .output()
        .unwrap();
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    let records = json_lines(&out.stdout);
    assert!(!records.is_empty());

    // Every record has the fields, in this order.
    let fields = [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "suggestions",
        "fix",
    ];
    for line in std::str::from_utf8(&out.stdout).unwrap().lines() {
        let mut last = 0;
        for f in fields {
            let at = line
                .find(&format!("\"{f}\":"))
                .unwrap_or_else(|| panic!("no {f} in {line}"));
            assert!(at >= last, "{f} out of order in {line}");
            last = at;
        }
    }
    for r in &records {
        assert_eq!(r["path"], "news.txt");
        assert!(r["rule"].as_str().unwrap().starts_with("tadqiq/"));
        assert!(["error", "warning", "info", "hint"].contains(&r["severity"].as_str().unwrap()));
        assert!(["safe", "unsafe", "manual"].contains(&r["fix"].as_str().unwrap()));
        assert!(r["suggestions"].is_array());
        // Byte offsets cut the text at char boundaries, and lines/columns agree with them.
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let word = text.get(s..e).expect("char boundaries");
        assert!(
            r["message"].as_str().unwrap().contains(word),
            "{r} names {word}"
        );
        assert_eq!((r["line"].as_u64(), r["column"].as_u64()), {
            let (l, c) = line_col(&text, s);
            (Some(l), Some(c))
        });
        assert_eq!((r["end_line"].as_u64(), r["end_column"].as_u64()), {
            let (l, c) = line_col(&text, e);
            (Some(l), Some(c))
        });
    }

    // The made-up word on line 2: computed by hand from the text.
    let start = text.find(NONSENSE).unwrap();
    assert_eq!(
        start,
        3 + "كتب: سيد محمد\r\n".len() + "😀 قال \u{200F}".len()
    );
    let hits = at(&records, "news.txt", start);
    assert_eq!(hits.len(), 1, "{records:?}");
    let r = hits[0];
    assert_eq!(r["line"], 2);
    assert_eq!(
        r["column"], 8,
        "emoji, space, 3 letters, space, RLM: 7 chars before"
    );
    assert_eq!(r["end_line"], 2);
    assert_eq!(r["end_column"], 14);
    assert_eq!(r["end"], (start + NONSENSE.len()) as u64);

    // Line 3: harakat are chars too.
    let start = text.rfind(NONSENSE).unwrap();
    let r = at(&records, "news.txt", start)[0];
    assert_eq!(
        (r["line"].as_u64(), r["column"].as_u64()),
        (Some(3), Some(6))
    );
}

#[test]
fn hints_only_with_show_hints_and_never_count() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", format!("قال {NONSENSE} إن"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    let records = json_lines(&out.stdout);
    assert!(records.iter().all(|r| r["severity"] != "hint"));

    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "a.txt"])
        .output()
        .unwrap();
    let records = json_lines(&out.stdout);
    assert!(!records.is_empty());
    let findings = records.iter().filter(|r| r["severity"] != "hint").count();
    let expected = if findings == 0 { 0 } else { 1 };
    assert_eq!(
        out.status.code(),
        Some(expected),
        "hints never count: {records:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Exit codes, inputs

#[test]
fn clean_and_empty_files_exit_0() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "latin.txt", "Only Latin text here.\n");
    write(dir.path(), "code.md", format!("```\n{NONSENSE}\n```\n"));
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "empty.txt", "latin.txt", "code.md"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("Checked 3 files"));
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "empty.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn nonexistent_path_exits_2_and_names_it() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", format!("قال {NONSENSE}"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--show-hints",
            "missing.txt",
            "a.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("missing.txt: no such file or directory"),
        "{err}"
    );
    // The other file was still checked.
    let records = json_lines(&out.stdout);
    assert!(records.iter().any(|r| r["path"] == "a.txt"));
}

#[test]
fn invalid_utf8_names_file_and_offset_and_the_rest_is_checked() {
    let dir = TempDir::new().unwrap();
    let mut bad = "سطر أول\nقال ".as_bytes().to_vec();
    let offset = bad.len();
    bad.extend_from_slice(&[0xD8, 0x20, 0xFF]);
    write(dir.path(), "docs/bad.txt", &bad);
    write(dir.path(), "docs/good.txt", format!("قال {NONSENSE}"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "docs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "docs/bad.txt: invalid UTF-8 at byte offset {offset}"
        )),
        "{err}"
    );
    assert!(err.contains("line 2, column 5"), "{err}");
    let records = json_lines(&out.stdout);
    assert!(records.iter().any(|r| r["path"] == "docs/good.txt"));
    assert!(records.iter().all(|r| r["path"] != "docs/bad.txt"));
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "blob.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "blob.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "note: skipping blob.txt: binary file",
        ));
}

#[test]
fn utf16_is_an_error() {
    let dir = TempDir::new().unwrap();
    let mut b = vec![0xFF, 0xFE];
    for u in "قال".encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    write(dir.path(), "u16.txt", b);
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "u16.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("u16.txt: the file is UTF-16"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_errors_naming_the_path() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    symlink("b", dir.path().join("a")).unwrap();
    symlink("a", dir.path().join("b")).unwrap();
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "a"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a: too many levels of symbolic links",
        ));

    // A directory link pointing up: not followed by default, an error when following.
    let tree = dir.path().join("tree");
    write(&tree, "x.txt", format!("قال {NONSENSE}"));
    fs::create_dir_all(tree.join("sub")).unwrap();
    symlink("..", tree.join("sub/up")).unwrap();
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "tree"])
        .assert()
        .code(0);
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--follow", "tree"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tree/sub/up: symbolic link loop"));
}

#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_is_an_error_naming_it() {
    // Reading /proc/self/mem from offset 0 fails (EIO) even for root, unlike chmod 000.
    tadqiq()
        .args(["check", "/proc/self/mem"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: /proc/self/mem: input/output error",
        ));
}

#[test]
fn usage_errors_exit_2() {
    tadqiq().args(["check", "--format", "xml"]).assert().code(2);
    tadqiq()
        .args(["check", "--stdin-filename", "a.md", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`-` is not among the paths"));
    tadqiq().assert().code(2);
}

#[test]
fn help_documents_exit_codes() {
    for args in [
        &["--help"][..],
        &["check", "--help"][..],
        &["check", "-h"][..],
    ] {
        tadqiq()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Exit status:"))
            .stdout(predicate::str::contains("0  no findings"))
            .stdout(predicate::str::contains("2  usage error"));
    }
}

// ---------------------------------------------------------------------------------------------
// Standard input

#[test]
fn stdin_with_and_without_a_file_name() {
    let text = format!("{}\n{NONSENSE}\n", seed_004().lines().next().unwrap());
    let start = text.find(NONSENSE).unwrap();
    let out = tadqiq()
        .args(["check", "--format", "json", "--show-hints", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let records = json_lines(&out.stdout);
    let r = at(&records, "<stdin>", start);
    assert_eq!(r.len(), 1, "{records:?}");
    assert_eq!(r[0]["line"], 2);

    // The name decides the displayed path and the kind: in Markdown, code is not prose.
    let md = format!("```\n{NONSENSE}\n```\n\n{NONSENSE}\n");
    let out = tadqiq()
        .args(["check", "--format", "json", "--show-hints"])
        .args(["--stdin-filename", "notes/a.md"])
        .write_stdin(md.clone())
        .output()
        .unwrap();
    let records = json_lines(&out.stdout);
    assert!(at(&records, "notes/a.md", md.find(NONSENSE).unwrap()).is_empty());
    assert_eq!(
        at(&records, "notes/a.md", md.rfind(NONSENSE).unwrap()).len(),
        1
    );
    // As plain text, both are words.
    let out = tadqiq()
        .args(["check", "--format", "json", "--show-hints", "-"])
        .args(["--stdin-filename", "a.txt"])
        .write_stdin(md.clone())
        .output()
        .unwrap();
    let records = json_lines(&out.stdout);
    assert_eq!(at(&records, "a.txt", md.find(NONSENSE).unwrap()).len(), 1);
}

#[test]
fn binary_stdin_is_skipped() {
    tadqiq()
        .args(["check", "-"])
        .write_stdin(&b"\x00\x01\x02"[..])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skipping <stdin>: binary file"));
}

// ---------------------------------------------------------------------------------------------
// Directory walks

fn walk_tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    let body = format!("قال {NONSENSE}\n");
    let d = dir.path();
    write(d, ".gitignore", "ignored.txt\nskip/\n");
    write(d, "a.txt", &body);
    write(d, "ignored.txt", &body);
    write(d, "sub/b.md", &body);
    write(d, "sub/c.MARKDOWN", &body);
    write(d, "sub/skip/c.txt", &body);
    write(d, "sub/.ignore", "local.txt\n");
    write(d, "sub/local.txt", &body);
    write(d, ".hidden.txt", &body);
    write(d, ".hiddendir/d.txt", &body);
    write(d, "NOTES", &body); // no extension, text
    write(d, "program", b"\x7fELF\x02\x01\x01\x00\x00\x00"); // no extension, binary
    write(d, "latin1", b"caf\xe9\n"); // no extension, not UTF-8
    write(d, "code.rs", &body); // other extension
    dir
}

fn walked_paths(dir: &Path, extra: &[&str]) -> Vec<String> {
    let out = tadqiq()
        .current_dir(dir)
        .args(["check", "--format", "json", "--show-hints"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut paths: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    paths
}

#[test]
fn walk_honours_gitignore_outside_git_and_skips_hidden() {
    let dir = walk_tree();
    assert!(!dir.path().join(".git").exists());
    assert_eq!(
        walked_paths(dir.path(), &[]),
        ["NOTES", "a.txt", "sub/b.md", "sub/c.MARKDOWN"]
    );
    assert_eq!(
        walked_paths(dir.path(), &["."]),
        ["./NOTES", "./a.txt", "./sub/b.md", "./sub/c.MARKDOWN"]
    );
    assert_eq!(
        walked_paths(dir.path(), &["--hidden"]),
        [
            ".hidden.txt",
            ".hiddendir/d.txt",
            "NOTES",
            "a.txt",
            "sub/b.md",
            "sub/c.MARKDOWN"
        ]
    );
    assert_eq!(
        walked_paths(dir.path(), &["--no-ignore"]),
        [
            "NOTES",
            "a.txt",
            "ignored.txt",
            "sub/b.md",
            "sub/c.MARKDOWN",
            "sub/local.txt",
            "sub/skip/c.txt"
        ]
    );
    // Named files are checked whatever their name or the ignore files say.
    assert_eq!(
        walked_paths(dir.path(), &["ignored.txt", "code.rs", ".hidden.txt"]),
        [".hidden.txt", "code.rs", "ignored.txt"]
    );
}

#[test]
fn output_is_sorted_and_the_same_on_every_run() {
    let dir = TempDir::new().unwrap();
    let para = seed_paragraph();
    for i in (0..40).rev() {
        write(
            dir.path(),
            &format!("d{}/f{:02}.txt", i % 3, i),
            format!("{NONSENSE} {para}\n{NONSENSE}\n"),
        );
    }
    let run = || {
        tadqiq()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--show-hints", "-j", "4"])
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert_eq!(first, run());
    assert_eq!(first, run());
    let records = json_lines(&first);
    let keys: Vec<(String, u64)> = records
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let files: std::collections::BTreeSet<_> = keys.iter().map(|k| k.0.clone()).collect();
    assert_eq!(files.len(), 40);
}

// ---------------------------------------------------------------------------------------------
// Formats

#[test]
fn human_output_windows_long_lines_and_handles_crlf() {
    let dir = TempDir::new().unwrap();
    let para = seed_paragraph();
    assert!(para.chars().count() > 700);
    // The made-up word in the middle of the paragraph, CRLF line ends, a BOM.
    let mid = para.char_indices().nth(350).unwrap().0;
    let mid = mid + para[mid..].find(' ').unwrap();
    let text = format!(
        "\u{FEFF}{}\r\n{} {NONSENSE}{}\r\n",
        seed_004().lines().next().unwrap(),
        &para[..mid],
        &para[mid..]
    );
    write(dir.path(), "a.txt", &text);
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--show-hints", "--color", "never", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains('\r') && !stdout.contains('\u{FEFF}'));
    assert!(!stdout.contains('\x1b'));
    // No source line is dumped whole: each shown line is a window of the paragraph.
    for l in stdout.lines().filter(|l| l.starts_with("2 | ")) {
        assert!(l.chars().count() < 160, "{l}");
    }
    // The made-up word: its own header and a caret line under it.
    let start = text.find(NONSENSE).unwrap();
    let (line, col) = line_col(&text, start);
    let block = stdout
        .split("\n\n")
        .find(|b| b.contains(&format!("«{NONSENSE}»")))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        block.contains(&format!(" --> a.txt:{line}:{col}\n")),
        "{block}"
    );
    let src = block.lines().find(|l| l.starts_with("2 | ")).unwrap();
    assert!(src.starts_with("2 | …") && src.ends_with('…'), "{src}");
    let carets = block.lines().find(|l| l.contains('^')).unwrap();
    // Arabic letters are one cell each and the paragraph has no marks around the word here.
    let word_cell = src[..src.find(NONSENSE).unwrap()].chars().count();
    assert_eq!(carets.find('^').unwrap(), word_cell, "{block}");
    assert_eq!(carets.matches('^').count(), NONSENSE.chars().count());

    // The summary goes to stderr.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("Checked 1 file ("), "{err}");
    assert!(err.contains(" words) in ") && err.contains("s: "), "{err}");
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", format!("قال {NONSENSE}"));
    let run = |args: &[&str], no_color: bool| {
        let mut c = tadqiq();
        c.current_dir(dir.path())
            .args(["check", "--show-hints", "a.txt"])
            .args(args);
        if no_color {
            c.env("NO_COLOR", "1");
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    assert!(run(&["--color", "always"], false).contains("\x1b["));
    assert!(!run(&["--color", "never"], false).contains('\x1b'));
    assert!(
        !run(&[], false).contains('\x1b'),
        "a pipe is not a terminal"
    );
    assert!(!run(&["--color", "auto"], true).contains('\x1b'));
}

#[test]
fn machine_formats_keep_stderr_quiet_and_agree() {
    let dir = TempDir::new().unwrap();
    let text = format!("{}\n{NONSENSE}\n", seed_paragraph());
    write(dir.path(), "a b,c.txt", &text);
    let run = |format: &str| {
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--show-hints", "--format", format, "a b,c.txt"])
            .output()
            .unwrap();
        assert!(out.stderr.is_empty(), "{format}: no summary on stderr");
        String::from_utf8(out.stdout).unwrap()
    };
    let json = json_lines(run("json").as_bytes());
    let github = run("github");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(github.lines().count(), json.len());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), json.len());
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), tadqiq_core::rules::all().len());

    let start = text.find(NONSENSE).unwrap();
    let (line, col) = line_col(&text, start);
    let i = json
        .iter()
        .position(|r| r["start"] == start as u64)
        .unwrap();
    let g = github.lines().nth(i).unwrap();
    assert!(
        g.contains(&format!(
            " file=a b%2Cc.txt,line={line},col={col},endLine={line},endColumn={},title=tadqiq/",
            col + 6
        )),
        "{g}"
    );
    assert!(g.ends_with(&format!("::{}", json[i]["message"].as_str().unwrap())));
    let region = &results[i]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], line);
    assert_eq!(region["startColumn"], col);
    assert_eq!(region["endColumn"], col + 6);
    assert_eq!(
        results[i]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a%20b%2Cc.txt"
    );
    let idx = results[i]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], results[i]["ruleId"]);
}

// ---------------------------------------------------------------------------------------------
// rules, explain

#[test]
fn rules_lists_every_rule() {
    let out = tadqiq().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let all = tadqiq_core::rules::all();
    assert_eq!(stdout.lines().count(), all.len());
    for (line, rule) in stdout.lines().zip(&all) {
        let m = rule.meta();
        let cols: Vec<&str> = line.split("  ").filter(|c| !c.is_empty()).collect();
        assert_eq!(cols[0].trim(), format!("tadqiq/{}", m.id));
        assert_eq!(cols[1].trim(), m.default_severity.as_str());
        assert_eq!(line[line.find(m.summary).unwrap()..], *m.summary);
    }
    assert!(stdout.starts_with("tadqiq/spelling "));
    let hint = stdout
        .lines()
        .find(|l| l.starts_with("tadqiq/unknown-word "))
        .unwrap();
    assert_eq!(hint.split_whitespace().nth(1), Some("hint"));
}

#[test]
fn explain_prints_the_docs() {
    for id in ["spelling", "tadqiq/spelling"] {
        tadqiq()
            .args(["explain", id])
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with(
                "tadqiq/spelling (default severity: error)\n",
            ))
            .stdout(predicate::str::contains("`القاء` → `اللقاء`"))
            .stdout(predicate::str::contains("Example:"));
    }
}

#[test]
fn explain_unknown_rule_exits_2_listing_valid_ids() {
    let out = tadqiq().args(["explain", "speling"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown rule `speling`"), "{err}");
    for r in tadqiq_core::rules::all() {
        assert!(err.contains(&format!("tadqiq/{}", r.meta().id)), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Real findings: these need the dictionary (seed 004 has `القاء` for `اللقاء`).

/// Byte offset of the first `القاء` standing as a word in seed 004 (line 2: "أن القاء أرسى").
fn first_lqa(text: &str) -> usize {
    text.find(" القاء ").unwrap() + 1
}

#[test]
fn spelling_finding_in_seed_004_json_and_exit_1() {
    let text = seed_004();
    let start = first_lqa(&text);
    let out = tadqiq()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", SEED_004])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out.stdout);
    let r: Vec<_> = at(&records, SEED_004, start)
        .into_iter()
        .filter(|r| r["rule"] == "tadqiq/spelling")
        .collect();
    assert_eq!(r.len(), 1, "{records:?}");
    let r = r[0];
    let (line, col) = line_col(&text, start);
    assert_eq!(line, 2);
    assert_eq!(r["severity"], "error");
    assert_eq!(r["line"], line);
    assert_eq!(r["column"], col);
    assert_eq!(r["end_line"], line);
    assert_eq!(r["end_column"], col + 5);
    assert_eq!(r["end"], (start + "القاء".len()) as u64);
    assert_eq!(r["suggestions"][0], "اللقاء");
    assert_ne!(r["fix"], "manual");
    assert_eq!(
        r["message"],
        "«القاء» is not a known word; did you mean «اللقاء»?"
    );
}

#[test]
fn spelling_finding_in_seed_004_human() {
    let text = seed_004();
    let (line, col) = line_col(&text, first_lqa(&text));
    let out = tadqiq()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--color", "never", SEED_004])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let block = stdout
        .split("\n\n")
        .find(|b| b.contains(&format!(" --> {SEED_004}:{line}:{col}\n")))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(block.starts_with(
        "error[tadqiq/spelling]: «القاء» is not a known word; did you mean «اللقاء»?\n"
    ));
    assert!(block.contains("^^^^^ «القاء»"), "{block}");
    assert!(block.contains("help: did you mean «اللقاء»?"), "{block}");
    let src = block.lines().find(|l| l.starts_with("2 | ")).unwrap();
    assert!(src.chars().count() < 160, "windowed: {src}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("error"), "{err}");
}

#[test]
fn spelling_finding_in_seed_004_github_and_sarif() {
    let text = seed_004();
    let (line, col) = line_col(&text, first_lqa(&text));
    let github = tadqiq()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "github", SEED_004])
        .output()
        .unwrap();
    assert_eq!(github.status.code(), Some(1));
    let github = String::from_utf8(github.stdout).unwrap();
    assert!(github.lines().any(|l| l
        == format!(
            "::error file={SEED_004},line={line},col={col},endLine={line},endColumn={},\
             title=tadqiq/spelling::«القاء» is not a known word; did you mean «اللقاء»?",
            col + 5
        )));
    let sarif = tadqiq()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "sarif", SEED_004])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startColumn"] == col
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == line
        })
        .unwrap();
    assert_eq!(r["ruleId"], "tadqiq/spelling");
    assert_eq!(
        r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "اللقاء"
    );
}

#[test]
fn errors_win_over_findings() {
    tadqiq()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", SEED_004])
        .assert()
        .code(1);
    tadqiq()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", SEED_004, "no/such/file.txt"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("tadqiq/spelling"));
}

// ---------------------------------------------------------------------------------------------
// Folding

/// A news paragraph written without hamzas (the way some wire copy arrives): many findings of
/// one kind.
const NO_HAMZA: &str = "قال الوزير ان الاجتماع سيعقد الاسبوع المقبل، واضاف ان الحكومة ستعلن \
                        اسماء المرشحين الى المنصب بعد الاجتماع.\nوقال المتحدث ان اخبار \
                        الاسبوع الماضي كانت جيدة.\n";

#[test]
fn many_findings_of_one_kind_fold_into_one_and_no_fold_lists_each() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", NO_HAMZA);
    let run = |extra: &[&str]| {
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "a.txt"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        json_lines(&out.stdout)
    };
    let each = run(&["--no-fold"]);
    let hamza: Vec<&Value> = each
        .iter()
        .filter(|r| r["rule"] == "tadqiq/hamza" && r["others"].as_array().unwrap().is_empty())
        .collect();
    assert!(hamza.len() >= 5, "{each:?}");
    // JSON Lines carry one record per place by default, as --no-fold does (issue 15).
    assert_eq!(run(&[]), each);
    let folded = run(&["--fold"]);
    let heads: Vec<&Value> = folded
        .iter()
        .filter(|r| r["rule"] == "tadqiq/hamza")
        .collect();
    assert!(heads.len() < hamza.len(), "{folded:?}");
    // Every place is still reported once, with its own position and fix.
    let mut places: Vec<(u64, String)> = heads
        .iter()
        .flat_map(|h| std::iter::once(*h).chain(h["others"].as_array().unwrap().iter()))
        .map(|r| {
            (
                r["start"].as_u64().unwrap(),
                r["suggestions"][0].to_string(),
            )
        })
        .collect();
    places.sort();
    let mut expected: Vec<(u64, String)> = hamza
        .iter()
        .map(|r| {
            (
                r["start"].as_u64().unwrap(),
                r["suggestions"][0].to_string(),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(places, expected);
    for h in &heads {
        for o in h["others"].as_array().unwrap() {
            let (s, e) = (o["start"].as_u64().unwrap(), o["end"].as_u64().unwrap());
            let (line, col) = line_col(NO_HAMZA, s as usize);
            assert_eq!(
                (o["line"].as_u64().unwrap(), o["column"].as_u64().unwrap()),
                (line, col)
            );
            assert!(
                NO_HAMZA[s as usize..e as usize].starts_with('ا')
                    || NO_HAMZA[s as usize..e as usize].starts_with('و')
            );
        }
    }

    // Human output: one block naming the others, and the summary says how many places.
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("places like this in this text (this one and"),
        "{stdout}"
    );
    assert!(stdout.contains("«ان» ×3"), "{stdout}");
    assert!(stderr.contains("places; --no-fold lists each"), "{stderr}");

    // SARIF and GitHub: one result per place by default.
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "a.txt"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let hamza_results: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "tadqiq/hamza")
        .collect();
    assert_eq!(hamza_results.len(), hamza.len());
    assert!(hamza_results
        .iter()
        .all(|r| r["relatedLocations"].as_array().is_none_or(Vec::is_empty)));
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "github", "a.txt"])
        .output()
        .unwrap();
    let github = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        github
            .lines()
            .filter(|l| l.contains("title=tadqiq/hamza::"))
            .count(),
        hamza.len(),
        "{github}"
    );

    // With --fold, SARIF keeps the other places as related locations.
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "--fold", "a.txt"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let related: usize = results
        .iter()
        .filter(|r| r["ruleId"] == "tadqiq/hamza")
        .map(|r| 1 + r["relatedLocations"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(related, hamza.len());
}
