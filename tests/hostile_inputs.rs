//! Hostile inputs (issue 7): tadqiq must never crash, hang or damage text, whatever it is given.
//!
//! Each test names the promise it backs in the README's "Guarantees" section. Expected positions
//! are computed here from the test text, never with tadqiq's own code. No test changes an input
//! file except the one that deletes a file on purpose; every test checks that the files it gave
//! tadqiq are byte for byte what they were.
//!
//! The 1 GB test generates its file under `CARGO_TARGET_TMPDIR`; it runs at full size in release
//! builds (`cargo test --release`, what CI runs) and at 48 MiB in debug builds, where linting is
//! an order of magnitude slower (`TADQIQ_BIG_BYTES` sets the size either way). Its file is
//! mostly lines of spaces around real text, which keeps it to about half a minute on 2 cores
//! (`TADQIQ_BIG_PADDING=0`: dense text, about 2 minutes).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use tadqiq_core::{chunked, Linter, SourceKind};

mod common;
use common::*;

/// The stderr of a run never shows a panic or an internal error.
fn assert_no_panic(stderr: &[u8]) {
    let err = String::from_utf8_lossy(stderr);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "tadqiq panicked:\n{err}"
    );
}

/// Check JSON records against the text they are on: offsets on char boundaries inside the
/// text, lines and columns what counting gives.
fn assert_positions(text: &str, records: &[Value]) {
    let span = |r: &Value| {
        (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        )
    };
    for r in records {
        let (s, e) = span(r);
        assert!(s <= e && e <= text.len(), "{r}");
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{r} is not on char boundaries"
        );
    }
    let offsets: Vec<usize> = records
        .iter()
        .flat_map(|r| <[usize; 2]>::from(span(r)))
        .collect();
    let at = line_cols(text, &offsets);
    for r in records {
        let (s, e) = span(r);
        let (l, c) = at[&s];
        assert_eq!(
            (r["line"].as_u64(), r["column"].as_u64()),
            (Some(l), Some(c)),
            "{r}"
        );
        let (l, c) = at[&e];
        assert_eq!(
            (r["end_line"].as_u64(), r["end_column"].as_u64()),
            (Some(l), Some(c)),
            "{r}"
        );
    }
}

/// A snapshot of the files under `dir`, to show that checking changed none of them.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() {
                if let Ok(b) = fs::read(e.path()) {
                    out.push((e.path(), b));
                }
            }
        }
    }
    out.sort();
    out
}

/// A news paragraph with real words (the clean fixtures), ending with a blank line.
fn clean_text() -> String {
    let mut paths: Vec<_> = fs::read_dir(repo("fixtures/clean"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut text = String::new();
    for p in paths {
        text.push_str(fs::read_to_string(p).unwrap().trim_end());
        text.push_str("\n\n");
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Encodings: invalid UTF-8, binary, empty, whitespace, NUL

/// Guarantee: invalid UTF-8 is an error naming the file and the byte offset; exit 2; the other
/// files are still checked.
#[test]
fn invalid_utf8_names_file_and_offset_exits_2_and_the_rest_is_checked() {
    let dir = TempDir::new().unwrap();
    let mut bad = format!("سطر أول\r\nقال {NONSENSE} ").into_bytes();
    let offset = bad.len();
    bad.extend_from_slice(&[0xE2, 0x28, 0xA1]);
    bad.extend_from_slice(format!(" {NONSENSE}").as_bytes());
    write(dir.path(), "d/bad.txt", &bad);
    write(dir.path(), "d/good.txt", format!("قال {NONSENSE}\n"));
    // A truncated char at the very end of a file.
    let mut cut = "قال".as_bytes().to_vec();
    cut.push(0xD9);
    write(dir.path(), "d/cut.md", &cut);
    let before = snapshot(dir.path());
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "d"])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "d/bad.txt: invalid UTF-8 at byte offset {offset} (byte 0xE2, line 2, column 12)"
        )),
        "{err}"
    );
    assert!(
        err.contains("d/cut.md: invalid UTF-8 at byte offset 6 (byte 0xD9, line 1, column 4)"),
        "{err}"
    );
    let records = json_lines(&out.stdout);
    assert!(records.iter().any(|r| r["path"] == "d/good.txt"));
    assert!(records.iter().all(|r| r["path"] == "d/good.txt"));
    assert_eq!(snapshot(dir.path()), before, "inputs are never changed");
}

/// Guarantee: a binary file (a NUL in its first 8 KiB) is skipped with a note; endless devices
/// are not read to the end.
#[test]
fn binary_files_are_skipped_with_a_note_and_devices_do_not_hang() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "img.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
    );
    // A NUL right at the end of the sniffed prefix.
    let mut late = "ب".repeat(4095).into_bytes();
    late.push(b' ');
    late.push(0);
    assert_eq!(late.len(), 8192);
    write(dir.path(), "late.txt", &late);
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "img.txt", "late.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicates::str::contains(
            "note: skipping img.txt: binary file",
        ))
        .stderr(predicates::str::contains(
            "note: skipping late.txt: binary file",
        ));
    // Devices that never end: their first bytes say binary, and reading stops there.
    for dev in ["/dev/zero", "/dev/urandom"] {
        if Path::new(dev).exists() {
            let out = tadqiq()
                .args(["check", dev])
                .timeout(Duration::from_secs(20))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{dev}: {out:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(
                err.contains(&format!("skipping {dev}: binary file")),
                "{err}"
            );
        }
    }
}

/// Guarantee: NUL bytes. A NUL in the first 8 KiB makes a file binary (skipped); a NUL after
/// that is a char of the text like any other: linted, positions right, nothing crashes.
#[test]
fn nul_bytes_in_text_files() {
    let dir = TempDir::new().unwrap();
    let early = format!("قال\0 {NONSENSE}\n");
    write(dir.path(), "early.txt", &early);
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "early.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicates::str::contains("skipping early.txt: binary file"));
    let late = format!("{}\n\0قال\0{NONSENSE}\0 هنا\0\n", "كلمة ".repeat(2000));
    write(dir.path(), "late.txt", &late);
    for format in ["json", "human", "github", "sarif"] {
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--show-hints", "--format", format, "late.txt"])
            .output()
            .unwrap();
        assert_no_panic(&out.stderr);
        assert!(out.status.code().unwrap() <= 1, "{format}: {out:?}");
        if format == "json" {
            let records = json_lines(&out.stdout);
            assert_positions(&late, &records);
            let at = late.find(NONSENSE).unwrap();
            assert!(
                records.iter().any(|r| r["start"] == at as u64),
                "the word between NULs is checked: {records:?}"
            );
        }
    }
}

/// Guarantee: an empty file and a file of only whitespace are fine (exit 0, nothing to say
/// but, at most, whitespace findings on whitespace).
#[test]
fn empty_and_whitespace_only_files() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "empty.md", "");
    let ws = " \t \n\n\r\n\u{A0}\u{3000}\u{2009}\n\r\r\n   \n\n\n\n\t";
    write(dir.path(), "ws.txt", ws);
    write(dir.path(), "ws.md", ws);
    write(dir.path(), "bom.txt", "\u{FEFF}");
    write(dir.path(), "bom-ws.txt", "\u{FEFF} \r\n");
    for format in ["human", "json", "github", "sarif"] {
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--show-hints", "--format", format])
            .args(["empty.txt", "empty.md", "bom.txt"])
            .output()
            .unwrap();
        assert_no_panic(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
    }
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--show-hints", "--format", "json"])
        .args(["ws.txt", "ws.md", "bom-ws.txt"])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert!(out.status.code().unwrap() <= 1);
    for r in json_lines(&out.stdout) {
        assert_eq!(r["rule"], "tadqiq/whitespace", "{r}");
        let text = fs::read_to_string(dir.path().join(r["path"].as_str().unwrap())).unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert!(text[s..e].chars().all(char::is_whitespace), "{r}");
    }
}

// ---------------------------------------------------------------------------------------------
// Size: a 1 MB line, a large file in pieces, a 1 GB file

/// Guarantee: a 1 MB single line is checked in linear time, with right positions.
#[test]
fn one_megabyte_single_line() {
    let dir = TempDir::new().unwrap();
    // Real words, a made-up word now and then, numbers in two scripts, punctuation, controls:
    // the things that rules look at, on one line of 1 MB.
    let unit = format!(
        "قال المتحدث إن {NONSENSE} عام 2021 ارتفع إلى ٤٠٠٠ (نحو) «الناتو»: العـــربية \u{200D}\u{200F} "
    );
    let line: String = unit.repeat((1 << 20) / unit.len() + 1);
    write(dir.path(), "line.txt", &line);
    let started = Instant::now();
    let out = tadqiq()
        .current_dir(dir.path())
        .args([
            "check",
            "--show-hints",
            "--no-fold",
            "--format",
            "json",
            "line.txt",
        ])
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert_no_panic(&out.stderr);
    assert!(out.status.code().unwrap() <= 1, "{:?}", out.status);
    let records = json_lines(&out.stdout);
    assert!(records.len() > 10_000, "{}", records.len());
    // Every finding of the made-up word is on line 1 at the right column.
    let sample: Vec<Value> = records.iter().step_by(97).cloned().collect();
    assert_positions(&line, &sample);
    // Linear: seconds, not minutes (before the fixes of issue 7 this line took minutes, and
    // some one-char-repeated lines of 1 MB never finished).
    let bound = if cfg!(debug_assertions) { 300 } else { 60 };
    assert!(elapsed < Duration::from_secs(bound), "{elapsed:?}");
    // And in the human format, where long lines are windowed.
    tadqiq()
        .current_dir(dir.path())
        .args([
            "check", "--format", "human", "--color", "always", "line.txt",
        ])
        .assert()
        .code(1);
}

/// Lines of 1 MB made of one thing repeated: each of these hung a rule before (quadratic
/// steps in boilerplate, mixed-digits, tatweel, invisible, the line index, the human window and
/// the spelling of over-long "words").
#[test]
fn one_megabyte_lines_of_one_thing_repeated() {
    let dir = TempDir::new().unwrap();
    let units = [
        ("words", "العراق "),
        ("digits", "١٢٣ 456 "),
        ("colons", "قال :"),
        ("parens", "("),
        ("quotes", "«"),
        ("tatweel-word", "بـ"),
        ("zwj-word", "ب\u{200D}"),
        ("bidi", "\u{202E}قال\u{202C} "),
        ("presentation", "\u{FEFB}\u{FE8D}\u{FEDF}"),
        ("letters", "بت"),
        ("harakat", "\u{064E}"),
        ("persian", "یک کتاب "),
        ("repeat", "في "),
        (
            "sentence",
            "وقال الرئيس العراقي إن التعاون مع حلف الناتو مستمر في مجالات التدريب. ",
        ),
    ];
    let bound = if cfg!(debug_assertions) { 600 } else { 60 };
    for (name, unit) in units {
        let text = unit.repeat((1 << 20) / unit.len());
        let file = format!("{name}.txt");
        write(dir.path(), &file, &text);
        let started = Instant::now();
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--show-hints", "--format", "json", &file])
            .timeout(Duration::from_secs(bound))
            .output()
            .unwrap();
        let elapsed = started.elapsed();
        assert_no_panic(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{name}: {:?} after {elapsed:?}",
            out.status
        );
        let records = json_lines(&out.stdout);
        let sample: Vec<Value> = records.iter().step_by(1001).cloned().collect();
        assert_positions(&text, &sample);
    }
}

/// Guarantee: a file larger than the piece threshold is checked in pieces with the same
/// positions as if it were whole: lines and columns right across pieces, on `\r\n`, a BOM, and
/// a line longer than a piece.
#[test]
fn large_files_are_checked_in_pieces_with_right_positions() {
    let dir = TempDir::new().unwrap();
    let para = clean_text();
    let mut text = String::from("\u{FEFF}");
    let mut n = 0;
    while text.len() <= chunked::THRESHOLD + (3 << 20) {
        // CRLF paragraphs, LF paragraphs, a made-up word on a numbered line.
        let p = if n % 2 == 0 {
            para.replace('\n', "\r\n")
        } else {
            para.clone()
        };
        text.push_str(&p);
        text.push_str(&format!("سطر {n} فيه {NONSENSE} هنا\n\n"));
        n += 1;
    }
    // A single line longer than a piece, with made-up words along it.
    let long = format!("{NONSENSE} كلمة ").repeat(chunked::PIECE_BYTES / 10);
    text.push_str(&long);
    text.push_str("\nآخر سطر فيه ");
    text.push_str(NONSENSE);
    text.push('\n');
    write(dir.path(), "big.txt", &text);
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--show-hints", "--format", "json", "big.txt"])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out.stdout);
    assert_positions(&text, &records);
    // Every made-up word is found, once, in order.
    let expected: Vec<usize> = text.match_indices(NONSENSE).map(|(i, _)| i).collect();
    let found: Vec<usize> = records
        .iter()
        .filter(|r| r["rule"] == "tadqiq/unknown-word")
        .map(|r| r["start"].as_u64().unwrap() as usize)
        .filter(|s| text[*s..].starts_with(NONSENSE))
        .collect();
    assert_eq!(found, expected);
    // Sorted by position.
    let starts: Vec<u64> = records
        .iter()
        .map(|r| r["start"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));

    // The same text on standard input, read once in pieces: the same report.
    let out2 = tadqiq()
        .args(["check", "--show-hints", "--format", "json", "-"])
        .args(["--stdin-filename", "big.txt"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert_eq!(out2.status.code(), Some(1));
    assert_eq!(out2.stdout, out.stdout);

    // The human and GitHub formats show the same lines and columns.
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--show-hints", "--format", "github", "big.txt"])
        .output()
        .unwrap();
    let gh = String::from_utf8(out.stdout).unwrap();
    let last = text.rfind(NONSENSE).unwrap();
    let (l, c) = line_col(&text, last);
    assert!(
        gh.contains(&format!("line={l},col={c},")),
        "the last word at {l}:{c}"
    );
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--show-hints", "--format", "human", "big.txt"])
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains(&format!(" --> big.txt:{l}:{c}\n")),
        "{l}:{c}"
    );
}

/// Guarantee: invalid UTF-8 far into a large file: the same error as for a small file, with the
/// offset, line and column in the whole file, and no findings from it.
#[test]
fn invalid_utf8_deep_in_a_large_file() {
    let dir = TempDir::new().unwrap();
    let para = clean_text();
    let mut text = String::new();
    while text.len() <= chunked::THRESHOLD + (1 << 20) {
        text.push_str(&para);
    }
    text.push_str(&format!("سطر {NONSENSE} "));
    let offset = text.len();
    let (line, column) = line_col(&text, offset);
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"\xC0\xAF tail\n");
    write(dir.path(), "big.txt", &bytes);
    write(dir.path(), "small.txt", format!("قال {NONSENSE}\n"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args([
            "check",
            "--show-hints",
            "--format",
            "json",
            "big.txt",
            "small.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "big.txt: invalid UTF-8 at byte offset {offset} (byte 0xC0, line {line}, column {column})"
        )),
        "{err}"
    );
    let records = json_lines(&out.stdout);
    assert!(
        records.iter().all(|r| r["path"] == "small.txt"),
        "no findings from big.txt"
    );
    assert!(!records.is_empty());
}

/// Peak resident memory of a running process, polled from /proc until it exits.
struct PeakRss {
    kb: u64,
}

impl PeakRss {
    fn sample(&mut self, pid: u32) {
        if let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) {
            for line in status.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    let kb: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    self.kb = self.kb.max(kb);
                }
            }
        }
    }
}

/// Run `tadqiq check --format json` on `path`, counting and checking records as they stream;
/// return (records, elapsed, peak RSS in MB).
fn run_streaming(path: &Path, check: impl Fn(&Value) + Send + 'static) -> (usize, Duration, u64) {
    let started = Instant::now();
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["check", "--format", "json"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut n = 0;
        let mut last = 0;
        for line in BufReader::new(stdout).lines() {
            let r: Value = serde_json::from_str(&line.unwrap()).unwrap();
            let start = r["start"].as_u64().unwrap();
            assert!(start >= last, "sorted by position");
            last = start;
            check(&r);
            n += 1;
        }
        n
    });
    let mut peak = PeakRss { kb: 0 };
    let status = loop {
        peak.sample(pid);
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < Duration::from_secs(3600), "hung");
        std::thread::sleep(Duration::from_millis(20));
    };
    let n = reader.join().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().unwrap() <= 1, "{status:?}: {err}");
    (n, started.elapsed(), peak.kb / 1024)
}

/// Guarantee: a 1 GB file is checked in bounded memory (under 300 MB peak, measured from
/// /proc/PID/status VmHWM) and in linear time (the 1 GB run takes about 64 times the 16 MiB
/// run, not more than 3 times that), with right positions. The file is mostly lines of spaces
/// with real news text every 700 KB or so, to keep the test under half a minute.
#[cfg(target_os = "linux")]
#[test]
fn one_gigabyte_file_in_bounded_memory_and_linear_time() {
    let size: usize = std::env::var("TADQIQ_BIG_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            48 << 20
        } else {
            1 << 30
        });
    let dir = tempfile::Builder::new()
        .prefix("hostile-1g")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    // Repeated units of Arabic news text with a made-up word, padded with lines of spaces to
    // sixteen times their size: every piece holds real text to lint, while the whole run costs
    // a fraction of a gigabyte of dense text (about 2 minutes on 2 cores; set
    // TADQIQ_BIG_PADDING=0 for that). A step quadratic in the input would show in the time
    // ratio whatever the mix; steps quadratic within a piece are the 1 MB line tests' business.
    let padding: usize = std::env::var("TADQIQ_BIG_PADDING")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let text = format!("{}قال {NONSENSE} هنا.\n\n", clean_text());
    let pad_lines = padding * text.len() / 4096;
    let mut unit = format!("{}\n", " ".repeat(4095)).repeat(pad_lines);
    unit.push_str(&text);
    let unit_lines = unit.matches('\n').count();
    let write_file = |name: &str, bytes: usize| -> PathBuf {
        let path = dir.path().join(name);
        let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        for _ in 0..bytes.div_ceil(unit.len()) {
            f.write_all(unit.as_bytes()).unwrap();
        }
        f.flush().unwrap();
        path
    };
    let small = write_file("small.txt", size / 64);
    let big = write_file("big.txt", size);
    let big_len = fs::metadata(&big).unwrap().len();

    // Lines and columns from the structure of the file: every unit starts a line.
    let unit_len = unit.len();
    let unit_at = std::sync::Arc::new(line_cols(&unit, &(0..=unit_len).collect::<Vec<_>>()));
    let unit_c = unit.clone();
    let check = move |r: &Value| {
        let start = r["start"].as_u64().unwrap() as usize;
        let (k, off) = (start / unit_len, start % unit_len);
        assert!(unit_c.is_char_boundary(off), "{r}");
        let (l, c) = unit_at[&off];
        let line = (k * unit_lines) as u64 + l;
        assert_eq!(
            (r["line"].as_u64(), r["column"].as_u64()),
            (Some(line), Some(c)),
            "{r}"
        );
    };
    let (n_small, t_small, rss_small) = run_streaming(&small, check.clone());
    let (n_big, t_big, rss_big) = run_streaming(&big, check);
    eprintln!(
        "1 GB test: {} bytes in {t_big:?}, peak RSS {rss_big} MB, {n_big} findings; \
         {} bytes in {t_small:?}, peak RSS {rss_small} MB, {n_small} findings",
        big_len,
        fs::metadata(&small).unwrap().len(),
    );
    assert!(rss_big < 300, "peak RSS {rss_big} MB on {big_len} bytes");
    let units = big_len as usize / unit.len();
    assert!(
        n_big >= units,
        "every unit has a finding: {n_big} findings for {units} units"
    );
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(0.01);
    assert!(
        ratio < 64.0 * 3.0,
        "{ratio:.0} times longer for 64 times the text: not linear"
    );
}

// ---------------------------------------------------------------------------------------------
// Paths: unreadable, loops, missing, deleted, pipes

/// Run `cmd` as an unprivileged user when this test runs as root (permissions do not stop root
/// from reading), and say whether it did.
#[cfg(unix)]
fn unprivileged(cmd: &mut StdCommand, probe: &Path) -> bool {
    use std::os::unix::process::CommandExt;
    if fs::read(probe).is_ok() {
        // We can read a mode-000 file: root. Run tadqiq as `nobody`.
        cmd.uid(65534).gid(65534);
        true
    } else {
        false
    }
}

/// Guarantee: an unreadable file in a directory is an error naming it (exit 2), and the other
/// files are still checked. Permission denied is tested for real: as root, tadqiq is run as the
/// user `nobody`, for whom the mode-000 file is unreadable. An I/O error (EIO, which stops root
/// too) is tested with a link to /proc/self/mem followed by `--follow`.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_in_a_directory() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = TempDir::new().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let docs = dir.path().join("docs");
    write(&docs, "a.txt", format!("قال {NONSENSE}\n"));
    let secret = write(&docs, "secret.txt", format!("قال {NONSENSE}\n"));
    fs::set_permissions(&docs, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();

    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_tadqiq"));
    cmd.current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["check", "--format", "json", "--show-hints", "docs"]);
    let as_nobody = unprivileged(&mut cmd, &secret);
    let mut cmd = Command::from_std(cmd);
    let out = cmd.timeout(TIMEOUT).output().unwrap();
    assert_no_panic(&out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "as nobody: {as_nobody}; {err}");
    assert!(
        err.contains("docs/secret.txt: permission denied"),
        "as nobody: {as_nobody}; {err}"
    );
    let records = json_lines(&out.stdout);
    assert!(
        records.iter().any(|r| r["path"] == "docs/a.txt"),
        "{records:?}"
    );
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();

    // EIO: reading /proc/self/mem from offset 0 fails even for root.
    let io = dir.path().join("io");
    write(&io, "a.txt", format!("قال {NONSENSE}\n"));
    symlink("/proc/self/mem", io.join("mem.txt")).unwrap();
    let out = tadqiq()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--show-hints",
            "--follow",
            "io",
        ])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("io/mem.txt: input/output error"), "{err}");
    assert!(json_lines(&out.stdout)
        .iter()
        .any(|r| r["path"] == "io/a.txt"));
}

/// Guarantee: entries that are not files do not stop or hang a walk: a named pipe (FIFO) with
/// no writer and a dangling symbolic link in a walked directory are passed over (the link is an
/// error with `--follow`, which follows it to nothing).
#[cfg(target_os = "linux")]
#[test]
fn fifo_and_dangling_link_in_a_walked_directory() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path().join("d");
    write(&d, "a.txt", format!("قال {NONSENSE}\n"));
    let fifo = d.join("pipe.txt");
    assert!(StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "d"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "hints only: {out:?}");
    let records = json_lines(&out.stdout);
    assert!(!records.is_empty() && records.iter().all(|r| r["path"] == "d/a.txt"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints", "--follow", "d"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("d/dangling.txt"), "{err}");
    assert!(json_lines(&out.stdout)
        .iter()
        .any(|r| r["path"] == "d/a.txt"));
}

/// Guarantee: a symbolic link loop is an error naming the path (exit 2).
#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    symlink("self.txt", dir.path().join("self.txt")).unwrap();
    symlink("b.txt", dir.path().join("a.txt")).unwrap();
    symlink("a.txt", dir.path().join("b.txt")).unwrap();
    write(dir.path(), "ok.txt", format!("قال {NONSENSE}\n"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints"])
        .args(["self.txt", "a.txt", "ok.txt"])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("self.txt: too many levels of symbolic links"),
        "{err}"
    );
    assert!(
        err.contains("a.txt: too many levels of symbolic links"),
        "{err}"
    );
    assert!(json_lines(&out.stdout)
        .iter()
        .any(|r| r["path"] == "ok.txt"));

    // In a walk: not followed by default (passed over), an error when following.
    let tree = dir.path().join("tree");
    write(&tree, "x.txt", format!("قال {NONSENSE}\n"));
    symlink(".", tree.join("here")).unwrap();
    symlink("loop.txt", tree.join("loop.txt")).unwrap();
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "tree"])
        .assert()
        .code(0);
    let out = tadqiq()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--show-hints",
            "--follow",
            "tree",
        ])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("tree/here: symbolic link loop"), "{err}");
    assert!(json_lines(&out.stdout)
        .iter()
        .any(|r| r["path"] == "tree/x.txt"));
}

/// Guarantee: a path that does not exist is an error naming it (exit 2); the rest is checked.
#[test]
fn missing_paths() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", format!("قال {NONSENSE}\n"));
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--show-hints"])
        .args(["missing.txt", "no/such/dir", "a.txt", "خبر-مفقود.md"])
        .output()
        .unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for p in ["missing.txt", "no/such/dir", "خبر-مفقود.md"] {
        assert!(
            err.contains(&format!("{p}: no such file or directory")),
            "{p}: {err}"
        );
    }
    assert!(json_lines(&out.stdout).iter().any(|r| r["path"] == "a.txt"));
}

/// Guarantee: a file deleted while the check runs (after it was found, before it was read) is
/// an error naming it (exit 2), not a crash, and the rest is checked.
///
/// The race is made deterministic: with one worker thread, tadqiq reads its inputs in order,
/// and the first is a named pipe, so tadqiq waits on it, after finding every input, until this
/// test writes to it; the test deletes the second input first.
#[cfg(target_os = "linux")]
#[test]
fn file_deleted_between_discovery_and_read() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("a-pipe.txt");
    assert!(StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let doomed = write(dir.path(), "b-doomed.txt", format!("قال {NONSENSE}\n"));
    write(dir.path(), "c-kept.txt", format!("قال {NONSENSE}\n"));
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_tadqiq"))
        .current_dir(dir.path())
        .args(["check", "-j1", "--format", "json", "--show-hints"])
        .args(["a-pipe.txt", "b-doomed.txt", "c-kept.txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the pipe for writing waits until tadqiq opens it for reading: by then every
    // input was found.
    let mut pipe = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    fs::remove_file(&doomed).unwrap();
    pipe.write_all(format!("من الأنبوب {NONSENSE}\n").as_bytes())
        .unwrap();
    drop(pipe);
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < TIMEOUT, "hung");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("b-doomed.txt: no such file or directory"),
        "{err}"
    );
    let records = json_lines(&out.stdout);
    assert!(records.iter().any(|r| r["path"] == "a-pipe.txt"));
    assert!(records.iter().any(|r| r["path"] == "c-kept.txt"));
}

/// Best effort: files deleted and recreated as fast as possible while a walk checks them.
/// Whatever tadqiq sees, it reports a finding or an error naming the file, and never crashes.
#[test]
fn files_deleted_during_a_walk() {
    let dir = TempDir::new().unwrap();
    let d = dir.path().join("d");
    let body = format!("قال {NONSENSE}\n").repeat(50);
    for i in 0..400 {
        write(&d, &format!("{i:03}.txt"), &body);
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let (d, stop, body) = (d.clone(), stop.clone(), body.clone());
        std::thread::spawn(move || {
            let mut i = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let p = d.join(format!("{:03}.txt", i % 400));
                let _ = fs::remove_file(&p);
                if i.is_multiple_of(3) {
                    let _ = fs::write(&p, &body);
                }
                i += 1;
            }
        })
    };
    for _ in 0..5 {
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--show-hints", "d"])
            .output()
            .unwrap();
        assert_no_panic(&out.stderr);
        let code = out.status.code().unwrap();
        assert!(code <= 2, "{out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        for line in err.lines() {
            assert!(
                line.starts_with("error: d/") && line.ends_with("no such file or directory"),
                "{line}"
            );
        }
        // Whatever was read was read whole: every finding is on a line of the body.
        for r in json_lines(&out.stdout) {
            assert_eq!(r["column"], 5, "{r}");
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().unwrap();
}

// ---------------------------------------------------------------------------------------------
// Unicode edge cases

/// Texts at the edges of what the tokenizer and the rules expect.
fn unicode_edge_cases() -> Vec<(&'static str, String)> {
    let presentation: String = ('\u{FE70}'..='\u{FEFF}').collect();
    let presentation_spaced: String = ('\u{FE70}'..='\u{FEFF}').map(|c| format!("{c} ")).collect();
    let all_harakat: String = ('\u{064B}'..='\u{065F}').chain(['\u{0670}']).collect();
    vec![
        (
            "diacritics on every letter",
            "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، قَالَ الْمُتَحَدِّثُ إِنَّ اللِّقَاءَ مُثْمِرٌ.".into(),
        ),
        ("every haraka on one letter", format!("ب{all_harakat} ق{all_harakat}ال")),
        (
            "tatweel runs",
            "العـــــــــربية ـــــ بـــ ـها الـ5 ـ قالـ\u{064E}ـ بـَـِـ ـــ\nـــ".into(),
        ),
        (
            "lam-alef ligatures",
            "\u{FEFB}\u{FEFC} \u{FEF5}\u{FEF7}\u{FEF9} ال\u{FEFB}جئين \u{FEFB}".into(),
        ),
        ("presentation forms", presentation),
        ("presentation forms spaced", presentation_spaced),
        (
            "Persian and Urdu letters",
            "یک کتاب گرفتم پژوهش چای ۀ ے ھ ڈ ٹ ں کی یی ككک".into(),
        ),
        (
            "Arabic-Indic and Eastern digits",
            "عام ٢٠٢١ و۱۴۰۰ و2021 و12٣4 و٣٫٥ و١٬٠٠٠ و۱٫۵ و1,000.5 ٪٥٠".into(),
        ),
        (
            "RTL and LTR marks",
            "قال\u{200F} موقع Middle East Eye\u{200E} \u{061C}البريطاني\u{200F}\u{200E}\u{061C}".into(),
        ),
        (
            "bidi overrides and isolates",
            "قال \u{202E}للحلف\u{202C} \u{202D}abc\u{202C} \u{2066}ع\u{2069}\u{2067}\u{2068}\u{202A}\u{202B}"
                .into(),
        ),
        (
            "zero-width joiners",
            "الع\u{200D}ربية \u{200C}و\u{200B}قال\u{2060} 👨\u{200D}👩\u{200D}👧 \u{200D}\u{200D}\u{FEFF}".into(),
        ),
        (
            "combining marks at line start",
            "\u{064E}قال\n\u{0651}\u{0650}هنا\n\u{0301}abc\n\u{0670}\r\n\u{0654}ا".into(),
        ),
        (
            "marks after a BOM",
            "\u{FEFF}\u{064E}\u{0651}قال".into(),
        ),
        (
            "controls and separators",
            "قال\u{1}\u{7}\u{1B}[31m\u{7F}\u{85}\u{9F}هنا\u{2028}سطر\u{2029}فقرة\u{0B}\u{0C}آخر".into(),
        ),
        (
            "line ends of every kind",
            "أ\rب\r\nج\nد\r\r\n\n\rه".into(),
        ),
        (
            "emoji and astral chars",
            "😀قال😀 𝕬 🇸🇦 قال‍😀 \u{E0001}\u{10FFFF}".into(),
        ),
        (
            "lone marks and punctuation",
            "، ؛ ؟ «» ... \u{064E} \u{0651}\u{0651} ـ ( ( « ] }".into(),
        ),
        (
            "URLs and e-mails glued to Arabic",
            "قالwww.example.com/مقال، a@b.co؟ https://x.y/«z» http://".into(),
        ),
        (
            "NUL and replacement chars",
            "قال\0هنا \u{FFFD}\u{FFFD} ب\u{FFFE}".into(),
        ),
        (
            "Markdown edge cases",
            "---\nx: ق\n---\n# عنوان\n\n```\nكود\n\n~~~\n\n> ```\n> قال\n\n<div>\n\nقال\n</div>\n[ق](ق) ![ا](ب) `ت` \\* &amp; &#x627;".into(),
        ),
    ]
}

/// Guarantee: every diagnostic span lies on char boundaries inside the text, and linting is
/// deterministic, on every Unicode edge case, as plain text and as Markdown, whole and in
/// pieces.
#[test]
fn unicode_edge_cases_in_the_library() {
    let linter = Linter::with_options(
        std::sync::Arc::new(tadqiq_core::Dictionary::embedded()),
        tadqiq_core::LintOptions {
            show_hints: true,
            ..Default::default()
        },
    );
    for (name, text) in unicode_edge_cases() {
        for kind in [SourceKind::Plain, SourceKind::Markdown] {
            // Alone, repeated, and in pieces of 64 bytes (the smallest piece size).
            let repeated = format!("{text}\n{text} {text}");
            for t in [text.as_str(), repeated.as_str()] {
                let d = linter.lint(t, kind);
                for x in &d {
                    assert!(
                        x.span.start <= x.span.end && x.span.end <= t.len(),
                        "{name}: {x:?}"
                    );
                    assert!(
                        t.is_char_boundary(x.span.start) && t.is_char_boundary(x.span.end),
                        "{name} ({kind:?}): {x:?} not on char boundaries"
                    );
                }
                assert_eq!(d, linter.lint(t, kind), "{name}: deterministic");
                let pieces = chunked::lint(&linter, t, kind, chunked::MIN_PIECE_BYTES);
                for x in &pieces {
                    assert!(
                        t.is_char_boundary(x.span.start)
                            && t.is_char_boundary(x.span.end)
                            && x.span.end <= t.len(),
                        "{name} in pieces: {x:?}"
                    );
                }
            }
        }
    }
}

/// Guarantee: the Unicode edge cases through the command line, in every format: no crash,
/// positions right, the file unchanged.
#[test]
fn unicode_edge_cases_on_the_command_line() {
    let dir = TempDir::new().unwrap();
    let mut all = String::new();
    for (i, (_, text)) in unicode_edge_cases().into_iter().enumerate() {
        write(dir.path(), &format!("case{i:02}.txt"), &text);
        write(dir.path(), &format!("case{i:02}.md"), &text);
        all.push_str(&text);
        all.push('\n');
    }
    write(dir.path(), "all.txt", &all);
    let before = snapshot(dir.path());
    for format in ["json", "human", "github", "sarif"] {
        let out = tadqiq()
            .current_dir(dir.path())
            .args(["check", "--show-hints", "--format", format])
            .output()
            .unwrap();
        assert_no_panic(&out.stderr);
        assert!(out.status.code().unwrap() <= 1, "{format}: {out:?}");
        if format == "json" {
            for r in json_lines(&out.stdout) {
                let path = r["path"].as_str().unwrap();
                let text = fs::read_to_string(dir.path().join(path)).unwrap();
                assert_positions(&text, std::slice::from_ref(&r));
            }
        }
        if format == "sarif" {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["version"], "2.1.0");
        }
    }
    assert_eq!(snapshot(dir.path()), before, "inputs are never changed");
}

/// Guarantee: lone UTF-16 surrogates in LSP input (which Rust strings cannot hold) do not end
/// the session: the document is read with U+FFFD in their place and linted, in the text of an
/// opened document, in an edit, in a URI.
#[test]
fn lone_surrogates_in_lsp_input() {
    let frame = lsp_frame;
    let read_message = lsp_read_message;
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_tadqiq"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        while let Some(m) = read_message(&mut r) {
            if tx.send(m).is_err() {
                break;
            }
        }
    });
    // Wait for the diagnostics of `version` of the document.
    let wait_for_diagnostics = |version: u64| -> Value {
        loop {
            let m = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("diagnostics published");
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"].as_u64().is_none_or(|v| v == version)
            {
                return m;
            }
        }
    };
    let uri = r"file:///x/\udfff.txt";
    let mut send = |body: String| stdin.write_all(&frame(&body)).unwrap();
    send(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.into());
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.into());
    send(format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":1,"text":"\ud800\udbff قال \udc00 {NONSENSE} تطرق القاء\ud83d"}}}}}}"#
    ));
    let d = wait_for_diagnostics(1);
    assert!(
        d["params"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///x/"),
        "{d}"
    );
    // The lone surrogates count one UTF-16 unit each, like the U+FFFD that replaced them.
    let diags = d["params"]["diagnostics"].as_array().unwrap().clone();
    let lqa = "\u{FFFD}\u{FFFD} قال \u{FFFD} زغطشقث تطرق "
        .encode_utf16()
        .count() as u64;
    assert!(
        diags
            .iter()
            .any(|x| x["range"]["start"]["character"] == lqa),
        "{diags:?}"
    );
    // An edit inserting lone surrogates, over a range that starts between two of them.
    send(format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":0,"character":1}},"end":{{"line":0,"character":2}}}},"text":"\ud800\udc00\udc00"}}]}}}}"#
    ));
    wait_for_diagnostics(2);
    send(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#.into());
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#.into());
    drop(stdin);
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < TIMEOUT, "hung");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = Vec::new();
    std::io::Read::read_to_end(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_no_panic(&err);
    assert_eq!(status.code(), Some(0));
}

// ---------------------------------------------------------------------------------------------
// `fix` under faults: the original is intact in every case

/// A text with safe fixes (`المؤسات` → `المؤسسات`, a space after `،`, trailing spaces), a BOM
/// and CRLF line ends, about `bytes` long.
fn fixable_text(bytes: usize) -> String {
    let unit = "تواجه المؤسات في الأوساط،وقد قال  \r\nوكان ذلك في العام الماضي\r\n\r\n";
    let mut text = String::from("\u{FEFF}");
    while text.len() < bytes {
        text.push_str(unit);
    }
    text
}

/// `tadqiq fix` on `name` in `dir`, with no configuration.
fn fix_cmd(dir: &Path, name: &str) -> StdCommand {
    let mut c = StdCommand::new(env!("CARGO_BIN_EXE_tadqiq"));
    c.current_dir(dir).args(["fix", "--no-config", name]);
    c
}

/// Temporary files `fix` writes beside a file (`.NAME.tadqiq-*.tmp`).
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tadqiq-") && n.ends_with(".tmp"))
        .collect()
}

/// The same text in an ordinary directory is fixed: the faults below are what stop the writes.
fn assert_fix_changes(text: &str) {
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "a.txt", text);
    let out = fix_cmd(dir.path(), "a.txt").output().unwrap();
    assert_no_panic(&out.stderr);
    let fixed = fs::read_to_string(&p).unwrap();
    assert_ne!(fixed, text, "fix changes this text: {out:?}");
    assert!(fixed.contains("المؤسسات") && fixed.starts_with('\u{FEFF}'));
}

/// Unmounts a test filesystem, whatever happens to the test.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = StdCommand::new("umount").arg(&self.0).status();
    }
}

/// Guarantee: `fix` on a full disk leaves the original intact: the temporary file cannot be
/// written, the error names the file and says it was not changed (exit 2), and no temporary
/// file is left. A real full filesystem: a 1 MiB tmpfs, filled up. Mounting needs root (or
/// CAP_SYS_ADMIN); where it is not allowed the test says SKIPPED, and
/// `fix_when_writes_fail_or_the_process_dies_mid_write` covers the same path without privileges.
#[cfg(target_os = "linux")]
#[test]
fn fix_on_a_full_disk() {
    let text = fixable_text(200 << 10);
    assert_fix_changes(&text);
    let dir = TempDir::new().unwrap();
    let mnt = dir.path().join("mnt");
    fs::create_dir(&mnt).unwrap();
    let mounted = StdCommand::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tadqiq-test"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("SKIPPED: cannot mount a tmpfs here (not root?)");
        return;
    }
    let _unmount = Mount(mnt.clone());
    let p = write(&mnt, "a.txt", &text);
    // Fill the disk.
    let mut fill = fs::File::create(mnt.join("fill")).unwrap();
    let block = vec![b'x'; 4096];
    while fill.write_all(&block).is_ok() {}
    let _ = fill.sync_all();
    let out = fix_cmd(&mnt, "a.txt").output().unwrap();
    assert_no_panic(&out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: a.txt: ") && err.contains("not changed"),
        "{err}"
    );
    assert!(
        err.to_lowercase().contains("space"),
        "the cause is named: {err}"
    );
    assert_eq!(
        fs::read(&p).unwrap(),
        text.as_bytes(),
        "the original is intact"
    );
    assert_eq!(temp_files(&mnt), Vec::<String>::new());
}

/// Guarantee: `fix` whose writes fail (here: the file size limit, `ulimit -f`, with SIGXFSZ
/// ignored, so writes past 4 KiB fail with EFBIG as on a full quota) leaves the original intact,
/// names the file, exits 2 and removes its temporary file. And when the process dies in the
/// middle of writing (the same limit with SIGXFSZ's default action, which kills it), the
/// original is still intact: only a hidden temporary file is left, which a later check or fix
/// of the directory passes over.
#[cfg(target_os = "linux")]
#[test]
fn fix_when_writes_fail_or_the_process_dies_mid_write() {
    let text = fixable_text(64 << 10);
    assert_fix_changes(&text);
    for (ignore, what) in [(true, "writes fail"), (false, "killed mid-write")] {
        let dir = TempDir::new().unwrap();
        let p = write(dir.path(), "a.txt", &text);
        // `ulimit -f 8`: 8 blocks of 512 bytes (POSIX sh) or 1 KiB (bash): far less than the file.
        let script = format!(
            "{} ulimit -f 8 && exec \"$0\" fix --no-config a.txt",
            if ignore {
                "trap '' XFSZ;"
            } else {
                "trap - XFSZ;"
            }
        );
        let out = StdCommand::new("sh")
            .current_dir(dir.path())
            .args(["-c", &script, env!("CARGO_BIN_EXE_tadqiq")])
            .output()
            .unwrap();
        assert_no_panic(&out.stderr);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            fs::read(&p).unwrap(),
            text.as_bytes(),
            "{what}: the original is intact"
        );
        if ignore {
            assert_eq!(out.status.code(), Some(2), "{what}: {err}");
            assert!(
                err.contains("error: a.txt: ") && err.contains("not changed"),
                "{what}: {err}"
            );
            assert_eq!(temp_files(dir.path()), Vec::<String>::new());
        } else {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                out.status.signal(),
                Some(25),
                "{what}: killed by SIGXFSZ: {out:?}"
            );
            // The leftover is hidden: a walk does not take it for an input.
            let leftovers = temp_files(dir.path());
            assert!(
                leftovers.iter().all(|n| n.starts_with('.')),
                "{leftovers:?}"
            );
            let out = tadqiq()
                .current_dir(dir.path())
                .args(["check", "--format", "json", "."])
                .output()
                .unwrap();
            let records = json_lines(&out.stdout);
            assert!(!records.is_empty());
            assert!(
                records
                    .iter()
                    .all(|r| !r["path"].as_str().unwrap().contains(".tmp")),
                "{records:?}"
            );
        }
    }
}

/// Guarantee: a read-only file met in a walk is not changed by `fix` (refused by its mode, so
/// this holds for root too): the error names it, exit 2; its bytes, BOM, CRLF and mode stay; the
/// writable file beside it is fixed.
#[cfg(unix)]
#[test]
fn fix_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let text = fixable_text(4 << 10);
    let dir = TempDir::new().unwrap();
    let ro = write(dir.path(), "news/ro.txt", &text);
    let rw = write(dir.path(), "news/rw.txt", &text);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let out = fix_cmd(dir.path(), "news").output().unwrap();
    assert_no_panic(&out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: news/ro.txt: the file is read-only; not changed"),
        "{err}"
    );
    assert_eq!(fs::read(&ro).unwrap(), text.as_bytes());
    assert_eq!(
        fs::metadata(&ro).unwrap().permissions().mode() & 0o777,
        0o444
    );
    let fixed = fs::read_to_string(&rw).unwrap();
    assert!(fixed.contains("المؤسسات") && fixed.starts_with('\u{FEFF}') && fixed.contains("\r\n"));
    assert_eq!(temp_files(&dir.path().join("news")), Vec::<String>::new());
}

/// Bytes read by process `pid` so far (`rchar` in /proc/PID/io).
#[cfg(target_os = "linux")]
fn bytes_read(pid: u32) -> Option<u64> {
    let io = fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("rchar:"))
        .and_then(|v| v.trim().parse().ok())
}

/// Guarantee: a file replaced (by an editor's save: a new file renamed over it) after `fix`
/// read it and before `fix` writes is not overwritten: `fix` says so (exit 2), and the new
/// content is what stays.
///
/// The test watches how many bytes tadqiq has read (/proc/PID/io): once it has read the file,
/// it replaces it while tadqiq is still linting and fixing (a few hundred milliseconds for the
/// text used). If tadqiq ever finishes first, the test retries with a text twice as long.
#[cfg(target_os = "linux")]
#[test]
fn fix_does_not_overwrite_a_file_replaced_meanwhile() {
    let mut size = 2 << 20;
    for attempt in 0..4 {
        let dir = TempDir::new().unwrap();
        let text = fixable_text(size);
        let p = write(dir.path(), "a.txt", &text);
        let replacement = format!("{text}سطر أضافه المحرر بعد أن قرأ tadqiq الملف\n");
        // stderr lists every fix: to a file, not a pipe nobody reads while waiting.
        let log = dir.path().join("stderr.log");
        let mut child = fix_cmd(dir.path(), "a.txt")
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let mut replaced = false;
        while child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < TIMEOUT, "hung");
            if !replaced && bytes_read(child.id()).is_some_and(|n| n >= text.len() as u64) {
                let tmp = write(dir.path(), "a.txt.editor", &replacement);
                fs::rename(&tmp, &p).unwrap();
                replaced = true;
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        let status = child.wait().unwrap();
        let err = fs::read_to_string(&log).unwrap();
        assert_no_panic(err.as_bytes());
        if !replaced || !err.contains("changed on disk") {
            // tadqiq was done before the file was replaced: try again with more to do.
            eprintln!("attempt {attempt}: fix finished first on {size} bytes; retrying");
            size *= 2;
            continue;
        }
        assert_eq!(status.code(), Some(2), "{err}");
        assert!(
            err.contains("error: a.txt: it changed on disk since it was read; not overwritten"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(&p).unwrap(),
            replacement,
            "the new content stays"
        );
        assert_eq!(temp_files(dir.path()), Vec::<String>::new());
        return;
    }
    panic!("fix always finished before the file could be replaced");
}
