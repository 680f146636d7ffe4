//! `tadqiq serve`: the command line runs the server crate itself (`tadqiq_server::run`), with
//! the server's options. The API and the page are tested in `crates/tadqiq-server/tests`; here,
//! only that the subcommand serves a seed sentence and stops on a signal.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Percent-encodes a form value (every byte outside the unreserved set).
fn form_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn post_check(addr: SocketAddr, text: &str) -> String {
    let body = format!("language=ar&text={}", form_value(text));
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "POST /v2/check HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn tadqiq_serve_answers_languagetool_requests() {
    let help = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--max-body"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["serve", "--port", "0", "--no-config"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let mut lines = BufReader::new(child.stderr.take().unwrap());
    let log = std::thread::spawn(move || {
        let mut all = String::new();
        let mut line = String::new();
        while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let _ = tx.send(rest.split('/').next().unwrap_or("").to_string());
            }
            all.push_str(&line);
            line.clear();
        }
        all
    });
    let addr: SocketAddr = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(a) => a.parse().unwrap(),
        Err(_) => {
            let _ = child.kill();
            panic!("tadqiq serve did not start: {}", log.join().unwrap());
        }
    };
    // A sentence of the seeds: the squeezed «القاء» is found, and «اللقاء» offered.
    let answer = post_check(addr, "وتطرق القاء إلى التحديات الأمنية");
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"value\":\"اللقاء\""), "{answer}");
}
