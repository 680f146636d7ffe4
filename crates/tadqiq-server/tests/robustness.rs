//! The server against slow, stalled and vanishing clients, and a linter that panics: every
//! case gets an HTTP answer or a closed connection, and the server goes on serving.
//!
//! Time bounds here are generous upper limits on when the server gives up on a client (its
//! timeout is 1 s in these tests), not measurements of speed.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{check, Server};
use tadqiq_server::engine::{Checker, Fixed};
use tadqiq_server::http::{self, Limits};

/// How long the server may take to drop a client whose time (1 s) is up.
const GIVE_UP: Duration = Duration::from_secs(15);

fn connect(addr: std::net::SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(GIVE_UP)).unwrap();
    s
}

/// Wait for the server to close (or answer and close) a stalled connection; returns what it
/// sent, and how long it took.
fn wait_for_close(s: &mut TcpStream) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server kept a stalled connection open: {e}"),
        }
    }
    (got, started.elapsed())
}

#[test]
fn slow_and_stalled_clients_hold_no_worker() {
    let server = Server::start(&["--timeout", "1"]);
    let a = server.addr;
    // Twenty clients that send half their headers and stop; one that sends nothing at all.
    let mut stalled: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = connect(a);
            s.write_all(b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Le")
                .unwrap();
            s
        })
        .collect();
    stalled.push(connect(a));
    // A client that sends its headers and a tenth of its body.
    let mut slow_body = connect(a);
    slow_body
        .write_all(
            b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 100\r\n\r\nlanguage=a",
        )
        .unwrap();

    // Meanwhile others are served.
    for _ in 0..3 {
        let r = check(
            a,
            &[("text", "تطرق القاء إلى التحديات"), ("language", "ar")],
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }

    let (answer, _) = wait_for_close(&mut slow_body);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.contains("Error: the request body did not arrive within 1 s"),
        "{answer}"
    );
    for s in &mut stalled {
        let (_, took) = wait_for_close(s);
        assert!(took < GIVE_UP);
    }

    // A client that sends a large request and goes away without reading the answer.
    for _ in 0..5 {
        let mut s = connect(a);
        s.write_all(&{
            let body = common::form(&[
                (
                    "text",
                    &std::fs::read_to_string(common::repo(common::SEED_WITH_ALQAA)).unwrap(),
                ),
                ("language", "ar"),
            ]);
            let mut req = format!(
                "POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Type: \
                 application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            req.extend_from_slice(&body);
            req
        })
        .unwrap();
        drop(s);
    }
    let r = check(
        a,
        &[("text", "تطرق القاء إلى التحديات"), ("language", "ar")],
    );
    assert_eq!(r.status, 200);
}

#[test]
fn connections_over_the_limit_wait_for_a_free_one() {
    let server = Server::start(&["--timeout", "1", "--max-connections", "2"]);
    let a = server.addr;
    let _held: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut s = connect(a);
            s.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            s
        })
        .collect();
    // Served once the server has dropped a stalled connection.
    let r = check(
        a,
        &[("text", "تطرق القاء إلى التحديات"), ("language", "ar")],
    );
    assert_eq!(r.status, 200);
}

/// A checker that panics on a text holding 💥.
struct Panicky;

impl Checker for Panicky {
    fn check(&self, text: &str, _picky: bool) -> Vec<tadqiq_core::Diagnostic> {
        assert!(!text.contains('💥'), "a bug in a rule");
        Vec::new()
    }

    fn fix_safe(&self, text: &str) -> Fixed {
        assert!(!text.contains('💥'), "a bug in a fix");
        Fixed {
            text: text.to_string(),
            applied: Vec::new(),
            converged: true,
        }
    }
}

#[test]
fn a_panic_while_linting_is_a_500_and_the_server_goes_on() {
    let limits = Limits {
        jobs: 1,
        ..Limits::default()
    };
    let app = http::router(Arc::new(Panicky), limits.clone()).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = runtime.spawn(async move {
        http::serve(listener, app, &limits, async {
            let _ = stopped.await;
        })
        .await;
    });

    // More panics than job slots: each slot is given back.
    for _ in 0..5 {
        let r = check(addr, &[("text", "نص 💥"), ("language", "ar")]);
        assert_eq!(r.status, 500);
        assert!(r
            .text()
            .starts_with("Error: internal error while checking this text"));
        let r = common::request(
            addr,
            "POST",
            "/api/fix",
            Some("application/x-www-form-urlencoded"),
            &common::form(&[("text", "💥")]),
        );
        assert_eq!(r.status, 500);
    }
    let r = check(addr, &[("text", "نص سليم"), ("language", "ar")]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["matches"], serde_json::json!([]));

    stop.send(()).unwrap();
    runtime.block_on(serving).unwrap();
}
