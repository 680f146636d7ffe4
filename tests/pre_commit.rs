//! The pre-commit hooks (`.pre-commit-hooks.yaml`), run by the real `pre-commit` tool.
//!
//! The test installs `pre-commit` from PyPI into a virtual environment under the cargo target
//! directory (reused on later runs), makes a temporary git repository holding a CRLF file with
//! two misspellings, and, beside it, a CSV, a JSON and a Python file whose Arabic has the same
//! misspellings and Latin commas, and runs `pre-commit try-repo` against this repository: the
//! `tadqiq` hook fails and names the prose file's findings; `tadqiq-fix` fixes the prose file
//! (keeping CRLF) and leaves the data and code byte for byte (the hooks take plain text and
//! Markdown only); `tadqiq` then passes.
//!
//! pre-commit builds the hook with `cargo install` (a release build). On a clean checkout (CI)
//! that build shares this crate's target directory (`CARGO_TARGET_DIR`), where
//! `cargo test --release` has just built the same dependencies with the same profile, so the
//! dependencies are not compiled again (cargo releases its lock on the target directory before
//! it runs the tests). tadqiq itself is rebuilt, since pre-commit builds it from a clone. On a
//! working tree with uncommitted changes the hook is built from a snapshot (below) into a
//! directory of its own, `target/tmp/pre-commit/hook-target`, so that the snapshot's build never
//! takes the place of the working tree's. Each `try-repo` is bounded by [`HOOK_TIMEOUT`].
//!
//! `try-repo` on a repository with uncommitted changes commits the changes to tracked files in
//! a shadow clone, but not untracked files. So when this repository is not clean (a working
//! tree under development), the test runs the hooks from a snapshot: a fresh git repository
//! holding every file git would see (`git ls-files --cached --others --exclude-standard`), as
//! they are on disk. On a clean checkout (CI) it uses the repository itself.
//!
//! pre-commit is installed by `tadqiq_testkit::Python` (with `python3 -m venv` and pip; where
//! the venv module or ensurepip is missing, with `python3 -m pip install --target`). The test is skipped (with a note) only when
//! there is no Python or no git and `TADQIQ_REQUIRE_TOOLS` is unset; `.ci/run` sets it, so in CI
//! a missing tool fails the test too. Any other failure (pip, the network, the hook's build)
//! fails it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tadqiq_testkit::{system_python, unavailable, Python};

/// The longest one `pre-commit try-repo` may take (it builds tadqiq): then it is killed and the
/// test fails, rather than eating CI's time.
const HOOK_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Two misspellings with safe fixes, in a CRLF file.
const TEXT: &str = "تطرق القاء إلى التحديات التي تواجه المؤسات في المنطقة.\r\n\
                    وأكد الجانبان على أهمية تعزيز السلام.\r\n";
const FIXED: &str = "تطرق اللقاء إلى التحديات التي تواجه المؤسسات في المنطقة.\r\n\
                     وأكد الجانبان على أهمية تعزيز السلام.\r\n";

/// Files the hooks must leave alone, though tadqiq would change their Arabic if it were prose:
/// the misspellings above, delimiters a Latin comma away from Arabic words, Latin commas in a
/// comment. Name and contents.
const NOT_PROSE: &[(&str, &str)] = &[
    (
        "staff.csv",
        "الاسم,المدينة,العمر\nمحمد,الرياض,30\nفهد,المؤسات,41\nسارة,أبها,28\n",
    ),
    (
        "strings.json",
        "{\"title\": \"تطرق القاء إلى التحديات\", \"body\": \"الأوساط, وقد\"}\n",
    ),
    (
        "report.py",
        "# قال الوزير, إن المؤسات تعمل\nTITLE = \"تطرق القاء إلى التحديات\"\n",
    ),
];

fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit")
}

fn run(cmd: &mut Command) -> std::io::Result<Output> {
    cmd.output()
}

fn text(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_AUTHOR_NAME", "tadqiq test")
        .env("GIT_AUTHOR_EMAIL", "test@tadqiq.invalid")
        .env("GIT_COMMITTER_NAME", "tadqiq test")
        .env("GIT_COMMITTER_EMAIL", "test@tadqiq.invalid")
        .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"]);
    c
}

fn git_ok(dir: &Path, args: &[&str]) -> Output {
    let o = git(dir).args(args).output().expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        text(&o)
    );
    o
}

/// Run `cmd`, killing it (and its process group: pre-commit, cargo, rustc) after `limit`.
fn output_with_timeout(cmd: &mut Command, limit: Duration) -> Output {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pre-commit runs");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for pre-commit") {
            break s;
        }
        if start.elapsed() > limit {
            #[cfg(unix)]
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            panic!("pre-commit took longer than {limit:?} and was killed");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// The repository the hooks are taken from: this one if clean (`true`), else a snapshot of it.
fn hook_repo(scratch: &Path) -> (PathBuf, bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = git_ok(root, &["status", "--porcelain", "--untracked-files=normal"]);
    if status.stdout.is_empty() {
        eprintln!("hooks from {} (clean)", root.display());
        return (root.to_path_buf(), true);
    }
    let snap = scratch.join("tadqiq-snapshot");
    fs::create_dir_all(&snap).unwrap();
    let files = git_ok(
        root,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for rel in files.stdout.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let rel = Path::new(std::str::from_utf8(rel).unwrap());
        let from = root.join(rel);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let to = snap.join(rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&from, &to).unwrap();
    }
    git_ok(&snap, &["init", "--quiet"]);
    git_ok(&snap, &["add", "--all"]);
    git_ok(&snap, &["commit", "--quiet", "-m", "snapshot"]);
    eprintln!(
        "hooks from a snapshot of {} (it has uncommitted changes)",
        root.display()
    );
    (snap, false)
}

#[test]
fn pre_commit_hooks_check_then_fix() {
    const TEST: &str = "the pre-commit test";
    if run(Command::new("git").arg("--version")).is_err() {
        return unavailable(TEST, "git is not installed");
    }
    let Some(python) = system_python() else {
        return unavailable(TEST, "no python3 on PATH");
    };
    let python = Python::with(python, &tools_dir(), "venv", &["pre-commit"])
        .unwrap_or_else(|why| panic!("{why}"));
    let scratch = tempfile::TempDir::new().unwrap();
    let (hooks, clean) = hook_repo(scratch.path());

    let work = scratch.path().join("work");
    fs::create_dir_all(&work).unwrap();
    git_ok(&work, &["init", "--quiet"]);
    let file = work.join("news.txt");
    fs::write(&file, TEXT).unwrap();
    git_ok(&work, &["add", "news.txt"]);
    for (name, body) in NOT_PROSE {
        fs::write(work.join(name), body).unwrap();
        git_ok(&work, &["add", name]);
    }
    let not_prose_unchanged = || {
        for (name, body) in NOT_PROSE {
            let now = fs::read(work.join(name)).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&now),
                *body,
                "{name} was changed by a hook"
            );
        }
    };

    let tools = tools_dir();
    // Clean: this crate's target directory (CARGO_TARGET_TMPDIR is its `tmp`); else one apart.
    let target_dir = if clean {
        Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    } else {
        tools.join("hook-target")
    };
    eprintln!("hook build in {}", target_dir.display());
    // `try-repo` installs the hook in a fresh temporary store every time (a `cargo install`,
    // incremental thanks to the shared CARGO_TARGET_DIR), so the test runs it twice only: all
    // the hooks at once, then the check alone.
    let try_repo = |hook: Option<&str>| -> Output {
        let mut c = python.command();
        c.args(["-m", "pre_commit"]);
        c.current_dir(&work)
            .env("PRE_COMMIT_HOME", tools.join("home"))
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("PRE_COMMIT_COLOR", "never")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .arg("try-repo")
            .arg(&hooks)
            .args(hook)
            .args(["--files", "news.txt"])
            .args(NOT_PROSE.iter().map(|(name, _)| name));
        let start = Instant::now();
        let o = output_with_timeout(&mut c, HOOK_TIMEOUT);
        eprintln!(
            "pre-commit try-repo {hook:?} took {:.1} s: {}",
            start.elapsed().as_secs_f64(),
            text(&o)
        );
        o
    };

    // Both hooks, in the order of .pre-commit-hooks.yaml: the check fails and shows the
    // findings; then the fix rewrites the file (pre-commit fails a hook that changes files).
    let o = try_repo(None);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    if !o.status.success() && out.contains("An unexpected error has occurred") {
        // pre-commit itself failed (installing the hook: cargo, crates.io...).
        let log = fs::read_to_string(tools.join("home").join("pre-commit.log")).unwrap_or_default();
        panic!("pre-commit could not install the hook: {out}\n{log}");
    }
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let check = section(&out, "tadqiq (Arabic text check)");
    assert!(check.starts_with("Failed"), "{out}");
    assert!(check.contains("error[tadqiq/spelling]"), "{out}");
    assert!(
        check.contains("«القاء»") && check.contains("«اللقاء»"),
        "{out}"
    );
    assert!(
        check.contains("«المؤسات»") && check.contains("«المؤسسات»"),
        "{out}"
    );
    let fix = section(&out, "tadqiq fix (Arabic text, safe fixes)");
    assert!(fix.starts_with("Failed"), "{out}");
    assert!(fix.contains("files were modified by this hook"), "{out}");
    assert!(
        fix.contains("news.txt:1:6: fixed tadqiq/spelling: «القاء» → «اللقاء»"),
        "{out}"
    );
    assert!(fix.contains("no findings remain"), "{out}");
    // Fixed, CRLF kept, nothing else changed.
    assert_eq!(fs::read_to_string(&file).unwrap(), FIXED);
    // Neither hook looked at the data or the code.
    not_prose_unchanged();
    for (name, _) in NOT_PROSE {
        assert!(!out.contains(name), "a hook ran on {name}: {out}");
    }

    // Now the check passes.
    let o = try_repo(Some("tadqiq"));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        section(&out, "tadqiq (Arabic text check)").starts_with("Passed"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), FIXED);
    not_prose_unchanged();
}

/// What pre-commit printed for the hook named `name`: from its status (after the dots) to the
/// next hook's line.
fn section<'a>(out: &'a str, name: &str) -> &'a str {
    let Some(at) = out.find(&format!("{name}.")) else {
        return "";
    };
    let rest = out[at + name.len()..].trim_start_matches('.');
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| rest[i..].lines().next().is_some_and(|l| l.contains("....")))
        .unwrap_or(rest.len());
    &rest[..end]
}
