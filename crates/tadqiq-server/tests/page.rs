//! The proofreading page in a real browser: Debian's `chromium`, headless, driven by Selenium
//! (PyPI) through Debian's `chromium-driver`, with pytest running `tests/python/test_page.py`:
//! paste a seed article, see the underline under «القاء», click it and its fix, and the text
//! holds «اللقاء»; "fix all safe" gives what `/api/fix` gives; "copy" puts the text on the
//! clipboard; the page asks nothing of any other server.
//!
//! The screenshots are kept under the target directory; their paths are printed. Selenium is
//! pointed at `/usr/bin/chromedriver` (Selenium Manager would try to download a driver); other
//! paths can be given with `TADQIQ_CHROMIUM` and `TADQIQ_CHROMEDRIVER`. `.ci/run` installs both
//! packages. Skipped with a note when Python, Chromium or chromedriver is missing and
//! `TADQIQ_REQUIRE_TOOLS` is unset.

mod common;

use std::path::{Path, PathBuf};

use common::Server;

fn tool(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

#[test]
fn proofreading_page_in_chromium() {
    let chromium = tool("TADQIQ_CHROMIUM", "/usr/bin/chromium");
    let driver = tool("TADQIQ_CHROMEDRIVER", "/usr/bin/chromedriver");
    for (p, package) in [(&chromium, "chromium"), (&driver, "chromium-driver")] {
        if !p.is_file() {
            return common::unavailable(
                "the page test",
                &format!("{} is missing (apt-get install {package})", p.display()),
            );
        }
    }
    let Some(system) = common::system_python() else {
        return common::unavailable("the page test", "there is no python3 on PATH");
    };
    let python = common::python(system).unwrap_or_else(|e| panic!("{e}"));
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-page");
    std::fs::create_dir_all(&shots).unwrap();
    let mut server = Server::start(&[]);
    common::pytest(
        &python,
        "test_page.py",
        &mut server,
        &[
            ("TADQIQ_SCREENSHOTS", shots.as_os_str()),
            ("TADQIQ_CHROMIUM", chromium.as_os_str()),
            ("TADQIQ_CHROMEDRIVER", driver.as_os_str()),
            ("SE_OFFLINE", "true".as_ref()),
        ],
        3,
    );
    for name in [
        "page-underlined.png",
        "page-fixed.png",
        "page-fix-all-safe.png",
    ] {
        let p = shots.join(name);
        let len = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        assert!(len > 10_000, "{} missing or empty", p.display());
        println!("screenshot: {}", p.display());
    }
}
