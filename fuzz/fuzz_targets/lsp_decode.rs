//! The LSP server's message decoder on any bytes: frames are read until the end of the stream
//! (each read consumes input, so this ends), and every body is decoded to a message or to the
//! error response it deserves; an error response is JSON. The raw bytes are also decoded as a
//! body. Nothing panics.
#![no_main]

use std::io::{BufReader, Cursor};

use libfuzzer_sys::fuzz_target;
use tadqiq_lsp::transport::{decode, read_frame, Frame};

fn check_decode(body: &[u8]) {
    if let Err(Some(response)) = decode(body) {
        let v: serde_json::Value =
            serde_json::from_str(&response).expect("an error response is JSON");
        assert!(v.get("error").is_some(), "{response}");
    }
}

fuzz_target!(|data: &[u8]| {
    check_decode(data);
    let mut r = BufReader::with_capacity(64, Cursor::new(data));
    for _ in 0..=data.len() {
        match read_frame(&mut r) {
            Ok(Frame::Body(body)) => check_decode(&body),
            Ok(Frame::Bad(_)) => {}
            Ok(Frame::Eof) | Err(_) => return,
        }
    }
    panic!("read_frame did not reach the end of {} bytes", data.len());
});
