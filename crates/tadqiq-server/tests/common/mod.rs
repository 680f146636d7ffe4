//! Helpers for the server's tests: starting the `tadqiq-server` binary on a free port, a small
//! HTTP/1.1 client over a plain socket (so a test can send what no polite client sends), form
//! encoding, the seed articles, and installing Python packages for the tests that drive real
//! clients.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use tadqiq_testkit::run_bounded;

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The seed article with «القاء» (three times), whose safe fix is «اللقاء».
pub const SEED_WITH_ALQAA: &str = "fixtures/seeds/004_8acd1053c13bf32b.txt";

/// That article with an emoji at its start: a character of two UTF-16 units before every
/// finding, so an offset counted in anything but UTF-16 shows.
pub fn seed_with_emoji() -> String {
    let text = std::fs::read_to_string(repo(SEED_WITH_ALQAA)).unwrap();
    assert!(text.contains("القاء"));
    format!("📰 {text}")
}

/// The running server; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// `tadqiq-server --port 0 ARGS` in `dir`, once it says where it listens.
    pub fn start_in(dir: &Path, args: &[&str]) -> Server {
        Self::try_start_in(dir, args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// `tadqiq-server --port 0 --no-config ARGS` in the repository.
    pub fn start(args: &[&str]) -> Server {
        let mut all = vec!["--no-config"];
        all.extend_from_slice(args);
        Self::start_in(&repo("."), &all)
    }

    pub fn try_start_in(dir: &Path, args: &[&str]) -> Result<Server, String> {
        Self::spawn(
            Command::new(env!("CARGO_BIN_EXE_tadqiq-server"))
                .args(["--port", "0"])
                .args(args)
                .current_dir(dir),
        )
    }

    /// Start a command that runs the server and wait for its "listening on" line.
    pub fn spawn(cmd: &mut Command) -> Result<Server, String> {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let mut lines = BufReader::new(child.stderr.take().unwrap());
        let log = stderr.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
                log.lock().unwrap().push_str(&line);
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let addr = rest.split('/').next().unwrap_or("").to_string();
                    let _ = tx.send(addr);
                }
                line.clear();
            }
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => Ok(Server {
                child,
                addr: addr.parse().map_err(|e| format!("{addr}: {e}"))?,
                stderr,
            }),
            Err(_) => {
                let _ = child.kill();
                let status = child.wait().ok();
                std::thread::sleep(Duration::from_millis(200));
                Err(format!(
                    "the server did not start ({status:?}):\n{}",
                    stderr.lock().unwrap()
                ))
            }
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What the server wrote on stderr so far.
    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// CPU time the server has used so far (user + system), where `/proc` tells it (Linux).
    pub fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // Fields after the command name (which is in parentheses and may hold spaces).
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        let per_second: u64 = Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100);
        Some(Duration::from_secs_f64(ticks as f64 / per_second as f64))
    }

    /// Send SIGTERM and wait for the exit status (Unix).
    #[cfg(unix)]
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let started = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Is it still running?
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: status {} body {}", self.status, self.text()))
    }
}

/// Send raw bytes (a whole request) and read the response; the request should ask for
/// `Connection: close` or the server must close.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    // The server may answer (413) and close before reading everything: a failed write is no
    // failure of the test, the response decides.
    let _ = s.write_all(request);
    read_response(&mut s).unwrap_or_else(|e| panic!("no response: {e}"))
}

/// Read one response (with `Content-Length`, or up to the end of the stream).
pub fn read_response(s: &mut TcpStream) -> Result<Response, String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 65536];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = s.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed before a response ({} bytes)",
                buf.len()
            ));
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad status line: {head}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = buf[head_end + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok());
    match length {
        Some(n) => {
            while body.len() < n {
                let k = s.read(&mut chunk).map_err(|e| e.to_string())?;
                if k == 0 {
                    return Err("connection closed inside the body".into());
                }
                body.extend_from_slice(&chunk[..k]);
            }
            body.truncate(n);
        }
        None => loop {
            match s.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(k) => body.extend_from_slice(&chunk[..k]),
            }
        },
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// A request with a body (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Response {
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(ct) = content_type {
        req.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

pub fn get(addr: SocketAddr, path: &str) -> Response {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// Percent-encode for a form (as browsers and `requests` do: every byte outside
/// `A-Za-z0-9*-._` escaped, spaces as `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// `POST /v2/check` with these form fields.
pub fn check(addr: SocketAddr, pairs: &[(&str, &str)]) -> Response {
    request(
        addr,
        "POST",
        "/v2/check",
        Some("application/x-www-form-urlencoded"),
        &form(pairs),
    )
}

/// The text at a LanguageTool offset and length (UTF-16 code units), counted here
/// independently of the server.
pub fn utf16_slice(text: &str, offset: u64, length: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[offset as usize..(offset + length) as usize]).unwrap()
}

/// Apply a replacement at a LanguageTool offset and length.
pub fn utf16_replace(text: &str, offset: u64, length: u64, with: &str) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out: Vec<u16> = units[..offset as usize].to_vec();
    out.extend(with.encode_utf16());
    out.extend_from_slice(&units[(offset + length) as usize..]);
    String::from_utf16(&out).unwrap()
}

// Each test binary uses some of these.
#[allow(unused_imports)]
pub use tadqiq_testkit::{system_python, tools_required, unavailable, Python};

/// What the Python tests use, in one environment (`VENV`) for the clients' test and the page's.
pub const PY_REQUIREMENTS: &[&str] = &[
    "language_tool_python==3.4.0",
    "pylanguagetool==0.11.0",
    "selenium==4.51.0",
    "pytest==9.2.0",
];
pub const VENV: &str = "serve-venv";

/// The Python of the clients' and the page's tests, made once under the target directory.
pub fn python(system: &str) -> Result<Python, String> {
    Python::with(
        system,
        Path::new(env!("CARGO_TARGET_TMPDIR")),
        VENV,
        PY_REQUIREMENTS,
    )
}

/// Run `tests/python/FILE` with pytest against `server`, with the environment the Python tests
/// read (`TADQIQ_SERVER_URL`, `TADQIQ_SEED`) and `env`, and check that `passed` tests passed;
/// returns pytest's output (printed too).
pub fn pytest(
    python: &Python,
    file: &str,
    server: &mut Server,
    env: &[(&str, &std::ffi::OsStr)],
    passed: usize,
) -> String {
    let mut cmd = python.command();
    cmd.args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", file])
        .env("TADQIQ_SERVER_URL", server.url())
        .env("TADQIQ_SEED", repo(SEED_WITH_ALQAA))
        .env("PYTHONUTF8", "1")
        .current_dir(repo("crates/tadqiq-server/tests/python"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (ok, stdout, stderr) = run_bounded(&mut cmd, Duration::from_secs(600));
    println!("{stdout}{stderr}");
    assert!(
        ok,
        "{file} failed:\n{stdout}\n{stderr}\nserver:\n{}",
        server.log()
    );
    assert!(stdout.contains(&format!("{passed} passed")), "{stdout}");
    assert!(server.alive(), "the server died:\n{}", server.log());
    stdout
}
