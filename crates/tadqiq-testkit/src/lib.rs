//! What tadqiq's tests share when they drive a tool this project did not write (pytest-lsp,
//! LanguageTool's Python clients, Selenium): a Python with the tool installed from PyPI, made
//! once under the cargo target directory and reused, and the rule for a missing tool (a note on
//! a developer's machine, a failure in CI, where `.ci/run` sets `TADQIQ_REQUIRE_TOOLS`).
//!
//! A dev-dependency only; nothing here is part of tadqiq.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Must the tests that need outside tools (Python, Chromium) run? `.ci/run` says so.
pub fn tools_required() -> bool {
    std::env::var_os("TADQIQ_REQUIRE_TOOLS").is_some_and(|v| !v.is_empty())
}

/// A tool is missing: fail when tools are required, else say why the test did not run.
pub fn unavailable(test: &str, why: &str) {
    if tools_required() {
        panic!("TADQIQ_REQUIRE_TOOLS is set, but {why}");
    }
    eprintln!("SKIPPED {test}: {why} (set TADQIQ_REQUIRE_TOOLS=1 to make this a failure)");
}

/// Runs `cmd`; its output in the error when it fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
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
pub fn system_python() -> Option<&'static str> {
    ["python3", "python"]
        .into_iter()
        .find(|p| run(Command::new(p).arg("--version")).is_ok())
}

/// A Python with some packages installed from PyPI.
pub struct Python {
    pub exe: PathBuf,
    /// `PYTHONPATH` for a `pip install --target` installation.
    pub path: Option<PathBuf>,
}

impl Python {
    /// `system` with `requirements` installed: in a virtual environment `dir/name` (made once,
    /// and again when the requirements change, which a marker file records); where the venv
    /// module is missing (Debian's python3 without python3-venv), with `pip install --target`
    /// into `dir/name-site` instead.
    pub fn with(
        system: &str,
        dir: &Path,
        name: &str,
        requirements: &[&str],
    ) -> Result<Python, String> {
        let wanted = requirements.join("\n");
        let fresh =
            |marker: &Path| std::fs::read_to_string(marker).ok().as_deref() == Some(&wanted);
        let pip = |python: &Path, extra: &[&OsStr]| {
            run(Command::new(python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(extra)
                .args(requirements))
            .map_err(|e| format!("cannot install {requirements:?} from PyPI: {e}"))
        };
        let venv = dir.join(name);
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
        let made = venv_python.exists()
            || (run(Command::new(system).args(["-m", "venv"]).arg(&venv)).is_ok()
                && run(Command::new(&venv_python).args(["-m", "pip", "--version"])).is_ok());
        if made {
            pip(&venv_python, &[])?;
            std::fs::write(&marker, &wanted).map_err(|e| e.to_string())?;
            return Ok(Python {
                exe: venv_python,
                path: None,
            });
        }
        let site = dir.join(format!("{name}-site"));
        let marker = site.join("tadqiq-requirements.txt");
        if !fresh(&marker) {
            let _ = std::fs::remove_dir_all(&site);
            pip(Path::new(system), &["--target".as_ref(), site.as_os_str()])?;
            std::fs::write(&marker, &wanted).map_err(|e| e.to_string())?;
        }
        Ok(Python {
            exe: PathBuf::from(system),
            path: Some(site),
        })
    }

    /// A command running this Python, with its packages importable.
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.exe);
        if let Some(p) = &self.path {
            c.env("PYTHONPATH", p);
        }
        c.env("PYTHONDONTWRITEBYTECODE", "1");
        c
    }
}

/// Run a command with a time limit, its output in files; returns (success, stdout, stderr),
/// or panics when it runs out of time.
pub fn run_bounded(cmd: &mut Command, limit: std::time::Duration) -> (bool, String, String) {
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let status = status.unwrap_or_else(|| panic!("{cmd:?} ran out of time:\n{stdout}\n{stderr}"));
    (status.success(), stdout, stderr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_command_says_what_it_printed() {
        let e = run(Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"])).unwrap_err();
        assert!(e.contains("out") && e.contains("err"), "{e}");
        assert!(run(&mut Command::new("true")).is_ok());
    }
}
