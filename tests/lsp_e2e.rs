//! End-to-end test of `tadqiq lsp` with a real LSP client this project did not write:
//! pytest-lsp (PyPI, built on pygls) runs `tests/lsp/test_e2e.py` against the built binary.
//!
//! The client is installed from PyPI into a virtual environment under the cargo target directory
//! (`CARGO_TARGET_TMPDIR/lsp-e2e-venv`; where the `venv` module is missing, with
//! `pip install --target`), and reused on later runs. The test is skipped (with a note) only
//! when there is no Python and `TADQIQ_REQUIRE_TOOLS` is unset; `.ci/run` sets it, so in CI a
//! missing Python fails the test too. Any other failure (pip, the network, the client, the
//! server) fails it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

fn run(cmd: &mut Command) -> Result<(), String> {
    match cmd.output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "{cmd:?} failed ({}):\n{}{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => Err(format!("{cmd:?}: {e}")),
    }
}

/// The system's Python, if there is one.
fn system_python() -> Option<&'static str> {
    ["python3", "python"]
        .into_iter()
        .find(|p| run(Command::new(p).arg("--version")).is_ok())
}

/// How to run Python with pytest-lsp importable.
struct Python {
    exe: PathBuf,
    /// `PYTHONPATH` for a `pip install --target` installation.
    path: Option<PathBuf>,
}

impl Python {
    fn command(&self) -> Command {
        let mut c = Command::new(&self.exe);
        if let Some(p) = &self.path {
            c.env("PYTHONPATH", p);
        }
        c
    }
}

fn pip_install(python: &Path, extra: &[&std::ffi::OsStr]) -> Result<(), String> {
    run(Command::new(python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(extra)
        .args(REQUIREMENTS))
    .map_err(|e| format!("cannot install pytest-lsp from PyPI: {e}"))
}

/// Python with pytest-lsp installed (installed now if need be).
fn python_with_pytest_lsp(system: &str) -> Result<Python, String> {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let wanted = REQUIREMENTS.join("\n");
    let fresh = |marker: &Path| std::fs::read_to_string(marker).ok().as_deref() == Some(&wanted);

    let venv = tmp.join("lsp-e2e-venv");
    let venv_python = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    let marker = venv.join("tadqiq-requirements.txt");
    if venv_python.exists() && fresh(&marker) {
        return Ok(Python {
            exe: venv_python,
            path: None,
        });
    }
    let venv_made = venv_python.exists()
        || (run(Command::new(system).args(["-m", "venv"]).arg(&venv)).is_ok()
            && run(Command::new(&venv_python).args(["-m", "pip", "--version"])).is_ok());
    if venv_made {
        pip_install(&venv_python, &[])?;
        std::fs::write(&marker, &wanted).map_err(|e| e.to_string())?;
        return Ok(Python {
            exe: venv_python,
            path: None,
        });
    }
    // No venv module (or no ensurepip): install into a directory of our own.
    let site = tmp.join("lsp-e2e-site");
    let marker = site.join("tadqiq-requirements.txt");
    if !fresh(&marker) {
        let _ = std::fs::remove_dir_all(&site);
        let target: OsString = site.clone().into_os_string();
        pip_install(
            Path::new(system),
            &["--target".as_ref(), target.as_os_str()],
        )?;
        std::fs::write(&marker, &wanted).map_err(|e| e.to_string())?;
    }
    Ok(Python {
        exe: PathBuf::from(system),
        path: Some(site),
    })
}

#[test]
fn pytest_lsp_end_to_end() {
    let Some(system) = system_python() else {
        if std::env::var_os("TADQIQ_REQUIRE_TOOLS").is_some_and(|v| !v.is_empty()) {
            panic!("TADQIQ_REQUIRE_TOOLS is set, but there is no python3 on PATH");
        }
        eprintln!(
            "SKIPPED the pytest-lsp end-to-end test: no python3 on PATH \
             (set TADQIQ_REQUIRE_TOOLS=1 to make this a failure)"
        );
        return;
    };
    let started = Instant::now();
    let python = python_with_pytest_lsp(system).unwrap_or_else(|e| panic!("{e}"));
    let installed = started.elapsed();

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let started = Instant::now();
    let mut child = python
        .command()
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA"])
        .arg(root.join("tests/lsp/test_e2e.py"))
        .env("TADQIQ_BIN", env!("CARGO_BIN_EXE_tadqiq"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root.join("tests/lsp"))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run pytest");
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    println!("{stdout}{stderr}");
    println!(
        "pytest-lsp: client ready in {:.1} s, tests ran in {:.1} s",
        installed.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    let status = status.unwrap_or_else(|| panic!("pytest-lsp timed out:\n{stdout}\n{stderr}"));
    assert!(status.success(), "pytest-lsp failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("4 passed"), "{stdout}");
}
