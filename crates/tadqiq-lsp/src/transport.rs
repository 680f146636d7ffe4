//! LSP over a byte stream (stdio): `Content-Length` framed JSON-RPC, read and written on threads
//! of their own, handed to the server as an [`lsp_server::Connection`].
//!
//! Unlike `lsp_server::Connection::stdio`, a malformed message does not end the session: a body
//! that is not JSON is answered with a `ParseError` (id `null`), a JSON value that is not a
//! message with an `InvalidRequest`, and reading goes on with the next message. JSON strings
//! holding lone UTF-16 surrogates (`"\ud800"`, which Rust strings cannot hold) are read with
//! U+FFFD in their place, which keeps UTF-16 positions right: both are one code unit.

use std::borrow::Cow;
use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{never, unbounded, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};

/// Bodies larger than this are skipped (and answered with an error) instead of read in memory.
const MAX_BODY: usize = 256 << 20;

/// Header lines longer than this are skipped (and answered with an error).
const MAX_HEADER_LINE: usize = 8 << 10;

/// The reader and writer threads of a connection.
pub struct IoThreads {
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait until everything sent has been written (the server's senders must be dropped).
    /// The reader is not waited for: it may be blocked reading a client that never closes.
    pub fn join(self) -> io::Result<()> {
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer thread panicked")))
    }
}

/// A connection over stdin and stdout.
pub fn stdio() -> (Connection, IoThreads) {
    connect(io::BufReader::new(io::stdin()), io::stdout())
}

/// A connection over any reader and writer.
pub fn connect<R, W>(reader: R, writer: W) -> (Connection, IoThreads)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let (in_tx, in_rx) = unbounded::<Message>();
    let (out_tx, out_rx) = unbounded::<Message>();
    let (raw_tx, raw_rx) = unbounded::<String>();
    thread::Builder::new()
        .name("tadqiq-lsp-reader".into())
        .spawn(move || read_loop(reader, &in_tx, &raw_tx))
        .expect("spawn the reader thread");
    let writer = thread::Builder::new()
        .name("tadqiq-lsp-writer".into())
        .spawn(move || write_loop(writer, &out_rx, raw_rx))
        .expect("spawn the writer thread");
    (
        Connection {
            sender: out_tx,
            receiver: in_rx,
        },
        IoThreads { writer },
    )
}

fn write_loop<W: Write>(
    mut w: W,
    messages: &Receiver<Message>,
    mut raw: Receiver<String>,
) -> io::Result<()> {
    loop {
        crossbeam_channel::select! {
            recv(messages) -> m => match m {
                Ok(m) => m.write(&mut w)?,
                // Every sender is gone: the server is done.
                Err(_) => return w.flush(),
            },
            recv(raw) -> r => match r {
                Ok(body) => {
                    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
                    w.flush()?;
                }
                Err(_) => raw = never(),
            },
        }
    }
}

/// What one read of the stream gave.
#[derive(Debug, PartialEq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A frame that could not be read (bad or missing `Content-Length`, or too large): say so
    /// and go on.
    Bad(String),
    Eof,
}

/// Read one `Content-Length` framed message body from `r`. Header names are matched without
/// regard to case, other headers are ignored, blank lines between messages are tolerated; a
/// frame with a missing or bad length, or longer than 256 MiB (skipped unread), is
/// [`Frame::Bad`]. Never panics, whatever the bytes.
pub fn read_frame(r: &mut dyn BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut saw_header = false;
    loop {
        line.clear();
        if Read::take(&mut *r, MAX_HEADER_LINE as u64).read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::Eof);
        }
        if !line.ends_with(b"\n") && line.len() >= MAX_HEADER_LINE {
            // Not a header: skip to the end of the line without holding it in memory.
            loop {
                let buf = r.fill_buf()?;
                if buf.is_empty() {
                    return Ok(Frame::Eof);
                }
                match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        r.consume(i + 1);
                        break;
                    }
                    None => {
                        let n = buf.len();
                        r.consume(n);
                    }
                }
            }
            return Ok(Frame::Bad(format!(
                "header line longer than {MAX_HEADER_LINE} bytes"
            )));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between messages: tolerated.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
        }
    }
    let n = match length {
        None => return Ok(Frame::Bad("missing Content-Length header".into())),
        Some(Err(e)) => return Ok(Frame::Bad(e)),
        Some(Ok(n)) => n,
    };
    if n > MAX_BODY {
        let skipped = io::copy(&mut Read::take(r, n as u64), &mut io::sink())?;
        if (skipped as usize) < n {
            return Ok(Frame::Eof);
        }
        return Ok(Frame::Bad(format!("message of {n} bytes is too large")));
    }
    let mut body = vec![0; n];
    match r.read_exact(&mut body) {
        Ok(()) => Ok(Frame::Body(body)),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Frame::Eof),
        Err(e) => Err(e),
    }
}

fn error_body(id: Value, code: ErrorCode, message: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
        .to_string()
}

/// Turn a message body into a message, or into the JSON-RPC error response it deserves:
/// `Err(Some(body))` is an answer to send (`ParseError` -32700 for a body that is not UTF-8 or
/// not JSON, `InvalidRequest` -32600 for JSON that is not a message), `Err(None)` a message to
/// drop silently (an unreadable notification or response). Lone UTF-16 surrogate escapes are
/// read as U+FFFD. Never panics, whatever the bytes: the fuzzing entry point of the server.
pub fn decode(body: &[u8]) -> Result<Message, Option<String>> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(Some(error_body(
            Value::Null,
            ErrorCode::ParseError,
            "message is not UTF-8",
        )));
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(first) => match serde_json::from_str(&replace_lone_surrogates(text)) {
            Ok(v) => v,
            Err(_) => {
                return Err(Some(error_body(
                    Value::Null,
                    ErrorCode::ParseError,
                    &format!("invalid JSON: {first}"),
                )))
            }
        },
    };
    match serde_json::from_value::<Message>(value.clone()) {
        Ok(m) => Ok(m),
        Err(e) => {
            let id = value.get("id").cloned();
            match id {
                // A notification we cannot read: nobody waits for an answer.
                None if value.get("method").is_some() => Err(None),
                // A response to nothing we can match: drop it.
                Some(_) if value.get("method").is_none() && value.get("error").is_some() => {
                    Err(None)
                }
                _ => {
                    let id = match id {
                        Some(v @ (Value::Number(_) | Value::String(_))) => v,
                        _ => Value::Null,
                    };
                    Err(Some(error_body(
                        id,
                        ErrorCode::InvalidRequest,
                        &format!("not a JSON-RPC message: {e}"),
                    )))
                }
            }
        }
    }
}

fn read_loop<R: BufRead>(
    mut reader: R,
    messages: &Sender<Message>,
    raw: &Sender<String>,
) -> io::Result<()> {
    loop {
        let body = match read_frame(&mut reader)? {
            Frame::Eof => return Ok(()),
            Frame::Bad(why) => {
                let _ = raw.send(error_body(Value::Null, ErrorCode::ParseError, &why));
                continue;
            }
            Frame::Body(b) => b,
        };
        match decode(&body) {
            Ok(msg) => {
                let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if messages.send(msg).is_err() || exit {
                    return Ok(());
                }
            }
            Err(Some(answer)) => {
                let _ = raw.send(answer);
            }
            Err(None) => {}
        }
    }
}

/// Replace `\uXXXX` escapes of lone UTF-16 surrogates in JSON text with `\uFFFD`; leave
/// surrogate pairs and everything else as they are.
pub fn replace_lone_surrogates(json: &str) -> Cow<'_, str> {
    fn escape_at(b: &[u8], i: usize) -> Option<u16> {
        if b.get(i) != Some(&b'\\') || b.get(i + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(b.get(i + 2..i + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    }
    let b = json.as_bytes();
    if !json.contains("\\u") {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match escape_at(b, i) {
            Some(0xD800..=0xDBFF) => {
                if matches!(escape_at(b, i + 6), Some(0xDC00..=0xDFFF)) {
                    i += 12;
                } else {
                    out.push_str(&json[copied..i]);
                    out.push_str("\\uFFFD");
                    i += 6;
                    copied = i;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                out.push_str(&json[copied..i]);
                out.push_str("\\uFFFD");
                i += 6;
                copied = i;
            }
            // Any other escape (`\\` included): skip both characters.
            _ => i += 2,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    out.push_str(&json[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let s = r#"{"a":"x\ud800y","b":"\ud83d\ude00","c":"\\ud800","d":"\udc00"}"#;
        let fixed = replace_lone_surrogates(s);
        assert_eq!(
            fixed,
            r#"{"a":"x\uFFFDy","b":"\ud83d\ude00","c":"\\ud800","d":"\uFFFD"}"#
        );
        let v: Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(v["a"], "x\u{FFFD}y");
        assert_eq!(v["b"], "😀");
        assert!(matches!(
            replace_lone_surrogates(r#""\n\u0041""#),
            Cow::Borrowed(_)
        ));
        // A truncated escape at the end is left alone.
        assert_eq!(replace_lone_surrogates("\"\\ud8"), "\"\\ud8");
    }

    #[test]
    fn frames_bad_headers_and_eof() {
        let input = b"Content-Length: 2\r\n\r\n{}\r\nX-Other: 1\r\ncontent-length:3\r\n\r\n[1]\
            Content-Type: x\r\n\r\nContent-Length: nope\r\n\r\nContent-Length: 10\r\n\r\n{}";
        let mut r = &input[..];
        assert_eq!(read_frame(&mut r).unwrap(), Frame::Body(b"{}".to_vec()));
        assert_eq!(read_frame(&mut r).unwrap(), Frame::Body(b"[1]".to_vec()));
        assert!(matches!(read_frame(&mut r).unwrap(), Frame::Bad(m) if m.contains("missing")));
        assert!(matches!(read_frame(&mut r).unwrap(), Frame::Bad(m) if m.contains("nope")));
        assert_eq!(read_frame(&mut r).unwrap(), Frame::Eof);

        // A header line that never ends is skipped, not held in memory.
        let mut input = vec![b'x'; 3 * MAX_HEADER_LINE];
        input.extend(b"\r\nContent-Length: 2\r\n\r\n{}");
        let mut r = &input[..];
        assert!(matches!(read_frame(&mut r).unwrap(), Frame::Bad(m) if m.contains("longer")));
        assert_eq!(read_frame(&mut r).unwrap(), Frame::Body(b"{}".to_vec()));
        assert_eq!(read_frame(&mut &[b'y'; 20_000][..]).unwrap(), Frame::Eof);
    }

    #[test]
    fn malformed_bodies_get_the_right_answer() {
        let err = |b: &str| decode(b.as_bytes()).unwrap_err();
        let code = |s: Option<String>| {
            let v: Value = serde_json::from_str(&s.unwrap()).unwrap();
            (v["id"].clone(), v["error"]["code"].as_i64().unwrap())
        };
        assert_eq!(code(err("{oops")), (Value::Null, -32700));
        assert_eq!(code(err("[1, 2]")), (Value::Null, -32600));
        assert_eq!(code(err(r#"{"id": 4, "method": 5}"#)), (json!(4), -32600));
        assert_eq!(err(r#"{"method": 5}"#), None);
        assert!(decode(b"\xff").is_err());
        let m = decode(r#"{"jsonrpc":"2.0","method":"x","params":{"t":"a\udc00"}}"#.as_bytes());
        match m.unwrap() {
            Message::Notification(n) => assert_eq!(n.params["t"], "a\u{FFFD}"),
            other => panic!("{other:?}"),
        }
    }
}
