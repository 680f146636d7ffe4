//! Legacy encodings (issue 15): `--encoding` and `encoding = "..."` on `check` and `fix`.
//!
//! The files are written here from a fixture sentence, encoded with `encoding_rs` (no binary
//! fixture in the repository); what tadqiq reads and writes is compared with bytes computed
//! here, never with tadqiq's own encoder.

use std::fs;

use encoding_rs::WINDOWS_1256;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::*;

/// A real slip from the fixtures (`القاء` for `اللقاء`, a safe fix), with CRLF line ends.
fn sentence() -> String {
    let text = fs::read_to_string(repo("fixtures/slips/real-word.txt")).unwrap();
    let line = text.lines().find(|l| l.contains("تطرق القاء")).unwrap();
    format!("{line}\r\nوأكد الجانبان على أهمية تعزيز السلام.\r\n")
}

fn cp1256(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = WINDOWS_1256.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    b
}

#[test]
fn windows_1256_without_the_option_is_an_error_naming_it() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", cp1256(&sentence()));
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.txt: invalid UTF-8 at byte offset 0",
        ))
        .stderr(predicate::str::contains("look like Windows-1256"))
        .stderr(predicate::str::contains("`--encoding windows-1256`"));
}

#[test]
fn check_reads_windows_1256_and_reports_offsets_in_the_decoded_text() {
    let dir = TempDir::new().unwrap();
    let text = sentence();
    write(dir.path(), "a.txt", cp1256(&text));
    let out = tadqiq()
        .current_dir(dir.path())
        .args([
            "check",
            "--encoding",
            "windows-1256",
            "--format",
            "json",
            "a.txt",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let records = json_lines(&out);
    let r = records
        .iter()
        .find(|r| r["suggestions"][0] == "اللقاء")
        .expect("the slip is found");
    // Offsets in the UTF-8 text (the documented choice), columns in chars.
    let start = text.find("القاء").unwrap();
    assert_eq!(r["start"], start);
    assert_eq!(r["end"], start + "القاء".len());
    let (line, column) = line_col(&text, start);
    assert_eq!(
        (r["line"].as_u64(), r["column"].as_u64()),
        (Some(line), Some(column))
    );
}

#[test]
fn fix_writes_windows_1256_back_in_windows_1256() {
    let dir = TempDir::new().unwrap();
    let text = sentence();
    let p = write(dir.path(), "a.txt", cp1256(&text));
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--encoding", "windows-1256", "a.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "fixed tadqiq/spelling: «القاء» → «اللقاء»",
        ));
    // The very bytes of the fixed text in Windows-1256, CRLF kept: nothing converted.
    assert_eq!(
        fs::read(&p).unwrap(),
        cp1256(&text.replacen("القاء", "اللقاء", 1))
    );
    // Idempotent.
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--encoding", "windows-1256", "a.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Fixed 0 findings in 0 files"));
}

#[test]
fn the_configuration_names_the_encoding() {
    let dir = TempDir::new().unwrap();
    let text = sentence();
    write(dir.path(), "tadqiq.toml", "encoding = \"windows-1256\"\n");
    let p = write(dir.path(), "news/a.txt", cp1256(&text));
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "news"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"suggestions\":[\"اللقاء\""));
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "news"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read(&p).unwrap(),
        cp1256(&text.replacen("القاء", "اللقاء", 1))
    );
    // `--encoding` wins over the configuration: read as UTF-8, the bytes are refused.
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--encoding", "utf-8", "news"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("look like Windows-1256"));
    // A name tadqiq does not know is a configuration error naming the key.
    write(dir.path(), "tadqiq.toml", "encoding = \"latin1\"\n");
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "news"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "encoding = \"latin1\": expected one of",
        ));
}

#[test]
fn utf16_is_read_and_written_back_with_its_bom() {
    let dir = TempDir::new().unwrap();
    let text = sentence();
    let p = write(dir.path(), "a.txt", utf16le_with_bom(&text));
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`--encoding utf-16`"));
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--encoding", "utf-16", "a.txt"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read(&p).unwrap(),
        utf16le_with_bom(&text.replacen("القاء", "اللقاء", 1))
    );
}

#[test]
fn stdin_in_windows_1256_is_fixed_onto_stdout_in_windows_1256() {
    let text = sentence();
    tadqiq()
        .args(["fix", "--encoding", "windows-1256", "-"])
        .write_stdin(cp1256(&text))
        .assert()
        .code(0)
        .stdout(cp1256(&text.replacen("القاء", "اللقاء", 1)));
}

#[test]
fn an_unknown_encoding_is_a_usage_error() {
    tadqiq()
        .args(["check", "--encoding", "latin1", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'latin1' for '--encoding <NAME>'",
        ))
        .stderr(predicate::str::contains(
            "[possible values: utf-8, windows-1256",
        ));
}
