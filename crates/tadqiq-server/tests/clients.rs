//! Real LanguageTool clients against the server: `language_tool_python` (with
//! `remote_server=`) and `pylanguagetool` (its API and its command line), from PyPI, run by
//! pytest on `tests/python/test_lt_clients.py`. Each checks a seed article with an emoji at its
//! start, finds tadqiq's findings where they are, and applies the first correction of «القاء»
//! to get «اللقاء».
//!
//! The clients are installed into a virtual environment under the target directory (see
//! `common::Python`). Skipped with a note only when there is no Python and
//! `TADQIQ_REQUIRE_TOOLS` is unset (`.ci/run` sets it).

mod common;

use std::time::Duration;

use common::{Python, Server};

#[test]
fn language_tool_clients_end_to_end() {
    let Some(system) = common::system_python() else {
        return common::unavailable(
            "the LanguageTool clients test",
            "there is no python3 on PATH",
        );
    };
    let python = Python::with(system, common::VENV, common::PY_REQUIREMENTS)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut server = Server::start(&[]);
    let here = common::repo("crates/tadqiq-server/tests/python");
    let (ok, stdout, stderr) = common::run_bounded(
        python
            .command()
            .args([
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-rA",
                "test_lt_clients.py",
            ])
            .env("TADQIQ_SERVER_URL", server.url())
            .env("TADQIQ_SEED", common::repo(common::SEED_WITH_ALQAA))
            .env("PYTHONUTF8", "1")
            .current_dir(&here),
        Duration::from_secs(600),
    );
    println!("{stdout}{stderr}");
    assert!(
        ok,
        "the clients' tests failed:\n{stdout}\n{stderr}\nserver:\n{}",
        server.log()
    );
    assert!(stdout.contains("5 passed"), "{stdout}");
    assert!(server.alive(), "the server died:\n{}", server.log());
}
