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

use common::Server;

#[test]
fn language_tool_clients_end_to_end() {
    let Some(system) = common::system_python() else {
        return common::unavailable(
            "the LanguageTool clients test",
            "there is no python3 on PATH",
        );
    };
    let python = common::python(system).unwrap_or_else(|e| panic!("{e}"));
    let mut server = Server::start(&[]);
    common::pytest(&python, "test_lt_clients.py", &mut server, &[], 5);
}
