//! Helpers shared by the integration tests: running the binary, writing fixtures, reading JSON
//! Lines, and counting lines and columns independently of tadqiq's own code.
//!
//! Each test crate uses a part of them.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Letters in an order no dictionary has: an unknown word wherever it is put.
pub const NONSENSE: &str = "زغطشقث";

/// No run of the binary may take longer than this: a hang fails instead of blocking CI.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The `tadqiq` binary, with the colour variables of the caller's environment removed.
pub fn tadqiq() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tadqiq"));
    c.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .timeout(TIMEOUT);
    c
}

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Write `bytes` to `dir/rel`, creating the directories on the way.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

/// The records of JSON Lines output.
pub fn json_lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// 1-based line and char column of byte `offset`, counted here: `\n`, `\r\n` and a lone `\r`
/// end a line; a BOM at the start of the text is not a column.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    line_cols(text, &[offset])[&offset]
}

/// [`line_col`] of many offsets in one pass over the text (linear: a large file has a hundred
/// thousand findings, and counting from the start for each would be quadratic).
pub fn line_cols(text: &str, offsets: &[usize]) -> HashMap<usize, (u64, u64)> {
    let mut wanted = offsets.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut wanted = wanted.into_iter().peekable();
    let mut out = HashMap::new();
    let b = text.as_bytes();
    let (mut line, mut col) = (1u64, 1u64);
    for i in 0..=b.len() {
        while wanted.next_if(|&o| o == i).is_some() {
            out.insert(i, (line, col));
        }
        let Some(&c) = b.get(i) else { break };
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            line += 1;
            col = 1;
        } else if (c & 0xC0) != 0x80 && !(i == 0 && text.starts_with('\u{FEFF}')) {
            col += 1;
        }
    }
    assert!(wanted.peek().is_none(), "offsets past the end of the text");
    out
}

/// Frame a JSON body as the Language Server Protocol does.
pub fn lsp_frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Read one framed LSP message (`None` at the end of the stream or on a malformed frame).
pub fn lsp_read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    std::io::Read::read_exact(r, &mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
