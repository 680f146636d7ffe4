//! End-to-end test of `tadqiq lsp` with a real LSP client this project did not write:
//! pytest-lsp (PyPI, built on pygls) runs `tests/lsp/test_e2e.py` against the built binary.
//!
//! The client is installed from PyPI into a virtual environment under the cargo target directory
//! (`CARGO_TARGET_TMPDIR/lsp-e2e-venv`; where the `venv` module is missing, with
//! `pip install --target`), and reused on later runs. The test is skipped (with a note) only
//! when there is no Python and `TADQIQ_REQUIRE_TOOLS` is unset; `.ci/run` sets it, so in CI a
//! missing Python fails the test too. Any other failure (pip, the network, the client, the
//! server) fails it.

use std::path::Path;
use std::time::{Duration, Instant};

use tadqiq_testkit::{run_bounded, system_python, unavailable, Python};

/// What the client's environment holds (a marker file records it, to reinstall on a change).
const REQUIREMENTS: &[&str] = &[
    "pytest-lsp==1.0.1",
    "pygls==2.1.1",
    "lsprotocol==2025.0.0",
    "pytest==9.2.0",
    "pytest-asyncio==1.5.0",
];

/// The whole pytest run may not take longer than this (a hung server must not hang CI).
const TIMEOUT: Duration = Duration::from_secs(600);

#[test]
fn pytest_lsp_end_to_end() {
    let Some(system) = system_python() else {
        return unavailable(
            "the pytest-lsp end-to-end test",
            "there is no python3 on PATH",
        );
    };
    let started = Instant::now();
    let python = Python::with(
        system,
        Path::new(env!("CARGO_TARGET_TMPDIR")),
        "lsp-e2e-venv",
        REQUIREMENTS,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let installed = started.elapsed();

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let started = Instant::now();
    let (ok, stdout, stderr) = run_bounded(
        python
            .command()
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA"])
            .arg(root.join("tests/lsp/test_e2e.py"))
            .env("TADQIQ_BIN", env!("CARGO_BIN_EXE_tadqiq"))
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .current_dir(root.join("tests/lsp")),
        TIMEOUT,
    );
    println!("{stdout}{stderr}");
    println!(
        "pytest-lsp: client ready in {:.1} s, tests ran in {:.1} s",
        installed.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert!(ok, "pytest-lsp failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("4 passed"), "{stdout}");
}
