//! `tadqiq check` over a directory of many files, with 1 and 2 worker threads (`-j`): the
//! release binary, run as a user runs it, output in JSON to /dev/null.
//!
//! The directory is generated in a temporary directory from the repository's texts
//! (fixtures/seeds and fixtures/clean, copied round-robin into 600 files in 20 subdirectories,
//! about 5 MB). `TADQIQ_BENCH_DIR=path` benches that directory instead.
//!
//! `cargo bench --bench check_dir`. Near-linear scaling means the `-j2` time is close to half
//! the `-j1` time (on a quiet machine with 2 free cores).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const FILES: usize = 600;

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in ["seeds", "clean"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        out.extend(
            files
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("UTF-8")),
        );
    }
    out
}

/// A directory of generated files; returns it (kept alive by the guard) and its size in bytes.
fn generate() -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let texts = texts();
    let mut bytes = 0u64;
    for i in 0..FILES {
        let sub = dir.path().join(format!("d{:02}", i % 20));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let t = &texts[i % texts.len()];
        std::fs::write(sub.join(format!("article{i:04}.txt")), t).expect("write");
        bytes += t.len() as u64;
    }
    (dir, bytes)
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    let m = e.metadata().expect("metadata");
                    if m.is_dir() {
                        dir_size(&e.path())
                    } else {
                        m.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn check(dir: &Path, threads: usize) {
    let status = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["check", "--format", "json", "-j", &threads.to_string()])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run tadqiq");
    // 0: no findings, 1: findings; 2 would be an error.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "tadqiq check failed: {status}"
    );
}

fn bench_check_dir(c: &mut Criterion) {
    let (_guard, dir, bytes) = match std::env::var_os("TADQIQ_BENCH_DIR") {
        Some(p) => {
            let p = PathBuf::from(p);
            let b = dir_size(&p);
            (None, p, b)
        }
        None => {
            let (g, b) = generate();
            let p = g.path().to_path_buf();
            (Some(g), p, b)
        }
    };
    let mut g = c.benchmark_group("check_dir");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        g.bench_function(format!("{FILES} files, -j{threads}"), |b| {
            b.iter(|| check(&dir, threads))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_check_dir);
criterion_main!(benches);
