//! The editor files under `editors/` (issue 15).
//!
//! `editors/neovim/tadqiq.lua` is run in a real Neovim, headless: it must attach `tadqiq lsp`
//! to a plain-text buffer and the diagnostics must arrive, at the right place. Debian's Neovim
//! is 0.7.2 (`.ci/run` installs it), the oldest the file supports: there it takes the
//! `vim.lsp.start_client` path; a newer Neovim takes `vim.lsp.start`. The test is skipped, with
//! a note, when there is no `nvim` and `TADQIQ_REQUIRE_TOOLS` is unset; `.ci/run` sets it.
//! The Helix and Emacs files are checked for what they say (Emacs is run when present).

use std::fs;
use std::process::Command;
use std::time::Duration;

mod common;
use common::*;

/// A seed article with a known slip: `القاء` for `اللقاء` (as tests/lsp/test_e2e.py uses).
const FIXTURE: &str = "fixtures/seeds/004_8acd1053c13bf32b.txt";

/// Run by Neovim: load the plugin, open the file, wait for diagnostics, write them out.
const SCRIPT: &str = r#"
local out = os.getenv('TADQIQ_NVIM_OUT')
vim.g.tadqiq_cmd = { os.getenv('TADQIQ_EXE'), 'lsp' }
vim.cmd('filetype on')
dofile(os.getenv('TADQIQ_PLUGIN'))
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('TADQIQ_FILE')))
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local f = io.open(out, 'w')
f:write('version ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '\n')
f:write('filetype ' .. vim.bo.filetype .. '\n')
for _, c in pairs(vim.lsp.buf_get_clients(0)) do f:write('client ' .. c.name .. '\n') end
for _, d in ipairs(vim.diagnostic.get(0)) do
  f:write(string.format('diag\t%d\t%d\t%s\t%s\n', d.lnum, d.col, d.code or '', d.message))
end
f:close()
vim.cmd('qa!')
"#;

fn require_tools() -> bool {
    std::env::var_os("TADQIQ_REQUIRE_TOOLS").is_some_and(|v| !v.is_empty())
}

#[test]
fn neovim_attaches_tadqiq_to_a_text_buffer_and_shows_its_diagnostics() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            !require_tools(),
            "TADQIQ_REQUIRE_TOOLS is set and there is no nvim (apt-get install neovim)"
        );
        eprintln!("note: no nvim: editors/neovim/tadqiq.lua is not tested");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(repo(FIXTURE)).unwrap();
    let file = write(dir.path(), "news/a.txt", &text);
    let script = write(dir.path(), "test.lua", SCRIPT);
    let out = dir.path().join("out.txt");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("TADQIQ_NVIM_OUT", &out)
        .env("TADQIQ_EXE", env!("CARGO_BIN_EXE_tadqiq"))
        .env("TADQIQ_PLUGIN", repo("editors/neovim/tadqiq.lua"))
        .env("TADQIQ_FILE", &file)
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    // Neovim must finish on its own (the script quits); kill it after two minutes.
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("nvim did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim: {status}");
    let report = fs::read_to_string(&out).expect("the script wrote its report");
    eprintln!("{}", report.lines().next().unwrap_or(""));
    assert!(report.contains("filetype text\n"), "{report}");
    assert!(report.contains("client tadqiq\n"), "{report}");
    // The slip, where it is: 0-based line, byte column (Neovim's), from the fixture.
    let (lnum, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(" القاء "))
        .unwrap();
    let col = line.find(" القاء ").unwrap() + 1;
    let want = format!("diag\t{lnum}\t{col}\ttadqiq/spelling\t«القاء» is not a known word");
    assert!(report.contains(&want), "no {want:?} in\n{report}");
}

#[test]
fn the_helix_snippet_starts_tadqiq_lsp_for_markdown_and_text() {
    let text = fs::read_to_string(repo("editors/helix/languages.toml")).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    let server = &v["language-server"]["tadqiq"];
    assert_eq!(server["command"].as_str(), Some("tadqiq"));
    assert_eq!(server["args"].as_array().unwrap()[0].as_str(), Some("lsp"));
    let langs = v["language"].as_array().unwrap();
    for name in ["markdown", "text"] {
        let l = langs
            .iter()
            .find(|l| l["name"].as_str() == Some(name))
            .unwrap();
        let servers = l["language-servers"].as_array().unwrap();
        assert!(
            servers.iter().any(|s| s.as_str() == Some("tadqiq")),
            "{name}"
        );
    }
}

#[test]
fn the_emacs_file_registers_tadqiq_with_eglot() {
    let path = repo("editors/emacs/tadqiq.el");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#"'("tadqiq" "lsp")"#), "{text}");
    assert!(text.contains("eglot-server-programs"));
    // Balanced parentheses outside strings and comments.
    let mut depth = 0i32;
    for line in text.lines() {
        let code = line.split(';').next().unwrap_or("");
        let mut in_string = false;
        for c in code.chars() {
            match c {
                '"' => in_string = !in_string,
                '(' if !in_string => depth += 1,
                ')' if !in_string => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "unbalanced at {line}");
        }
    }
    assert_eq!(depth, 0);
    // Loaded by Emacs, where there is one.
    match Command::new("emacs")
        .args(["--batch", "-Q", "-l"])
        .arg(&path)
        .output()
    {
        Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => eprintln!("note: no emacs: tadqiq.el was not loaded"),
    }
}

#[test]
fn the_readme_points_to_the_editor_files() {
    let readme = fs::read_to_string(repo("README.md")).unwrap();
    for f in [
        "editors/neovim/tadqiq.lua",
        "editors/helix/languages.toml",
        "editors/emacs/tadqiq.el",
    ] {
        assert!(repo(f).is_file(), "{f}");
        assert!(readme.contains(f), "the README does not point to {f}");
    }
}
