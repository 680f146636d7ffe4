//! Load on `tadqiq serve` over loopback: REQUESTS checks of one article (`POST /v2/check`, as
//! LanguageTool's clients send them) from CLIENTS concurrent clients, each on its own
//! keep-alive connection. Prints errors, requests per second and latency percentiles.
//!
//! ```text
//! cargo bench -p tadqiq-server --bench serve_load
//! REQUESTS=2000 CLIENTS=32 ARTICLE=fixtures/seeds/000_6f88eb17206bfafc.txt \
//!     cargo bench -p tadqiq-server --bench serve_load
//! SERVER=127.0.0.1:8081 cargo bench -p tadqiq-server --bench serve_load   # a server already running
//! ```
//!
//! Without SERVER it starts the `tadqiq-server` binary of this build (`--no-config`, a free
//! port) and stops it at the end. The load is bounded: REQUESTS requests (default 2,000), and
//! it gives up after LIMIT_SECONDS (default 300). Before the measured run, each client sends one
//! request (the word cache fills then, as it does on a server that has been running). With a
//! server of its own on Linux it also prints the server's CPU time per request (user + system,
//! from `/proc`), which depends less on what else the machine is doing than the latencies.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One keep-alive connection; reconnects after an error.
struct Client {
    addr: SocketAddr,
    stream: Option<TcpStream>,
}

impl Client {
    fn send(&mut self, request: &[u8]) -> Result<(u16, Vec<u8>), String> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr).map_err(|e| e.to_string())?;
            s.set_nodelay(true).map_err(|e| e.to_string())?;
            s.set_read_timeout(Some(Duration::from_secs(60)))
                .map_err(|e| e.to_string())?;
            self.stream = Some(s);
        }
        let s = self.stream.as_mut().unwrap();
        let r = s
            .write_all(request)
            .map_err(|e| e.to_string())
            .and_then(|()| common::read_response(s));
        match r {
            Ok(r) => Ok((r.status, r.body)),
            Err(e) => {
                self.stream = None;
                Err(e)
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let requests: usize = env_or("REQUESTS", 2000);
    let clients: usize = env_or("CLIENTS", 32).max(1);
    let limit = Duration::from_secs(env_or("LIMIT_SECONDS", 300));
    let article_path = std::env::var("ARTICLE")
        .unwrap_or_else(|_| "fixtures/seeds/000_6f88eb17206bfafc.txt".to_string());
    let article = std::fs::read_to_string(common::repo(&article_path))
        .or_else(|_| std::fs::read_to_string(&article_path))
        .unwrap_or_else(|e| panic!("{article_path}: {e}"));
    let words = article.split_whitespace().count();

    let (server, addr) = match std::env::var("SERVER") {
        Ok(a) => (None, a.parse::<SocketAddr>().expect("SERVER=host:port")),
        Err(_) => {
            let s = common::Server::start(&[]);
            let a = s.addr;
            (Some(s), a)
        }
    };

    let body = common::form(&[("text", &article), ("language", "ar")]);
    let mut request = format!(
        "POST /v2/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: \
         application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let request = Arc::new(request);

    println!(
        "serve_load: {requests} requests of {article_path} ({words} words, {} bytes) from \
         {clients} clients on {addr}",
        article.len()
    );

    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut findings = Arc::new(AtomicUsize::new(usize::MAX));

    // Warm-up: one request per client, not counted.
    let mut pool: Vec<Client> = (0..clients)
        .map(|_| Client { addr, stream: None })
        .collect();
    for c in &mut pool {
        let (status, body) = c.send(&request).expect("warm-up request");
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        Arc::get_mut(&mut findings)
            .unwrap()
            .store(v["matches"].as_array().unwrap().len(), Ordering::Relaxed);
    }

    let cpu_before = server.as_ref().and_then(common::Server::cpu_time);
    let started = Instant::now();
    let threads: Vec<_> = pool
        .into_iter()
        .map(|mut client| {
            let (next, latencies, errors, request) = (
                next.clone(),
                latencies.clone(),
                errors.clone(),
                request.clone(),
            );
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < requests {
                    if started.elapsed() > limit {
                        errors.lock().unwrap().push("time limit reached".into());
                        break;
                    }
                    let t = Instant::now();
                    match client.send(&request) {
                        Ok((200, body)) if body.starts_with(b"{") => mine.push(t.elapsed()),
                        Ok((status, body)) => errors.lock().unwrap().push(format!(
                            "status {status}: {}",
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        )),
                        Err(e) => errors.lock().unwrap().push(e),
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let wall = started.elapsed();
    let cpu = server
        .as_ref()
        .and_then(common::Server::cpu_time)
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();

    let mut lat = latencies.lock().unwrap().clone();
    lat.sort();
    let errors = errors.lock().unwrap();
    println!(
        "ok {} errors {} in {:.2} s: {:.0} requests/s; latency ms p50 {:.1} p90 {:.1} p99 {:.1} \
         max {:.1}; {} findings per answer",
        lat.len(),
        errors.len(),
        wall.as_secs_f64(),
        lat.len() as f64 / wall.as_secs_f64(),
        ms(percentile(&lat, 50.0)),
        ms(percentile(&lat, 90.0)),
        ms(percentile(&lat, 99.0)),
        ms(lat.last().copied().unwrap_or_default()),
        findings.load(Ordering::Relaxed),
    );
    if let Some(cpu) = cpu {
        println!(
            "server CPU {:.2} s: {:.3} ms per request",
            cpu.as_secs_f64(),
            cpu.as_secs_f64() * 1000.0 / lat.len().max(1) as f64
        );
    }
    println!(
        "load average after the run: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    for e in errors.iter().take(5) {
        println!("  error: {e}");
    }
    drop(server);
    if !errors.is_empty() {
        std::process::exit(1);
    }
}
