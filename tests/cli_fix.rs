//! End-to-end tests of `tadqiq fix`, configuration (`tadqiq.toml`, `init`, `config --show`) and
//! inline suppressions.
//!
//! Expected texts are written out here (or derived with `str::replace`), never computed with
//! tadqiq's own code. The findings used are real ones of the embedded dictionary and rules:
//! `المؤسات` → `المؤسسات` (spelling, safe), `الأوساط،وقد` (punctuation, safe), spaces at the end
//! of a line (whitespace, safe), `15,000 الف` (number-unit, unsafe, overlapping the safe hamza
//! fix `الف` → `ألف`).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

/// Three safe findings on the first line; the second line is clean.
const SAFE: &str = "تواجه المؤسات في الأوساط،وقد قال  \r\nوكان ذلك في العام الماضي\r\n";
/// `SAFE` fixed.
const SAFE_FIXED: &str = "تواجه المؤسسات في الأوساط، وقد قال\r\nوكان ذلك في العام الماضي\r\n";
/// A safe hamza fix inside an unsafe number-unit fix.
const OVERLAP: &str = "وبلغ العدد 15,000 الف شخص\n";

/// `tadqiq check --format json` in `dir` on `args`: the records.
fn check_json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = tadqiq()
        .current_dir(dir)
        .args(["check", "--format", "json", "--no-fold"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

fn rules_of<'a>(records: &'a [Value], path: &str) -> Vec<&'a str> {
    records
        .iter()
        .filter(|r| r["path"] == path)
        .map(|r| r["rule"].as_str().unwrap())
        .collect()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
fn set_mode(p: &Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
}

fn no_temp_files_left(dir: &Path) {
    for e in fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains(".tadqiq-"), "temporary file left: {name}");
    }
}

// ---------------------------------------------------------------------------------------------
// fix

#[test]
fn fix_keeps_crlf_and_every_other_byte() {
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "a.txt", SAFE);
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "a.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "a.txt:1:7: fixed tadqiq/spelling: «المؤسات» → «المؤسسات»",
        ))
        .stderr(predicate::str::contains("fixed tadqiq/punctuation"))
        .stderr(predicate::str::contains("fixed tadqiq/whitespace"))
        .stderr(predicate::str::contains(
            "Fixed 3 findings in 1 file; no findings remain",
        ));
    assert_eq!(fs::read(&p).unwrap(), SAFE_FIXED.as_bytes());
    no_temp_files_left(dir.path());
}

#[test]
fn fix_keeps_a_bom_and_lf() {
    let dir = TempDir::new().unwrap();
    let lf = SAFE.replace("\r\n", "\n");
    let p = write(dir.path(), "a.txt", format!("\u{FEFF}{lf}"));
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "a.txt"])
        .assert()
        .code(0);
    let want = format!("\u{FEFF}{}", SAFE_FIXED.replace("\r\n", "\n"));
    assert_eq!(fs::read_to_string(&p).unwrap(), want);
}

#[test]
fn fix_twice_changes_nothing_the_second_time() {
    let dir = TempDir::new().unwrap();
    // Real articles: copy the seeds and fix them (safe and unsafe), twice each.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    for e in fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            // Written anew: the copies must be writable (the fixtures are read-only).
            fs::write(
                dir.path().join(p.file_name().unwrap()),
                fs::read(&p).unwrap(),
            )
            .unwrap();
        }
    }
    write(dir.path(), "b.txt", format!("{SAFE}{OVERLAP}"));
    for flags in [&[][..], &["--unsafe"][..]] {
        tadqiq()
            .current_dir(dir.path())
            .arg("fix")
            .args(flags)
            .assert()
            .code(predicate::in_iter([0, 1]))
            .stderr(predicate::str::contains(" fixed tadqiq/"));
        let before: Vec<_> = snapshot(dir.path());
        tadqiq()
            .current_dir(dir.path())
            .arg("fix")
            .args(flags)
            .assert()
            .code(predicate::in_iter([0, 1]))
            .stderr(predicate::str::contains(" fixed tadqiq/").not())
            .stderr(predicate::str::contains("Fixed 0 findings in 0 files"));
        assert_eq!(before, snapshot(dir.path()), "{flags:?}");
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), fs::read(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn overlapping_fixes_resolve_deterministically() {
    let dir = TempDir::new().unwrap();
    // Safe only: the hamza fix inside the number-unit span; the number-unit finding remains.
    let p = write(dir.path(), "a.txt", OVERLAP);
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "a.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "fixed tadqiq/hamza: «الف» → «ألف»",
        ))
        .stderr(predicate::str::contains("error tadqiq/number-unit"))
        .stderr(predicate::str::contains("1 finding remains"));
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "وبلغ العدد 15,000 ألف شخص\n"
    );
    // With --unsafe the two overlap: the number-unit fix starts first and is longer, so it
    // wins; the hamza fix is dropped (its word is gone).
    fs::write(&p, OVERLAP).unwrap();
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--unsafe", "a.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "fixed tadqiq/number-unit: «15,000 الف» → «15,000»",
        ))
        .stderr(predicate::str::contains("tadqiq/hamza").not());
    assert_eq!(fs::read_to_string(&p).unwrap(), "وبلغ العدد 15,000 شخص\n");
}

#[test]
fn diff_prints_and_does_not_write() {
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "a.txt", SAFE);
    let out = tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--diff", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    let first_old = SAFE.split_inclusive('\n').next().unwrap();
    let first_new = SAFE_FIXED.split_inclusive('\n').next().unwrap();
    assert_eq!(
        diff,
        format!(
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-{first_old}+{first_new} {}",
            SAFE.split_inclusive('\n').nth(1).unwrap()
        )
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("would fix tadqiq/spelling"));
    assert_eq!(fs::read(&p).unwrap(), SAFE.as_bytes());
    // Nothing to fix: no diff, exit 0.
    let q = write(dir.path(), "b.txt", SAFE_FIXED);
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--diff"])
        .arg(&q)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn stdin_is_fixed_onto_stdout() {
    tadqiq()
        .args(["fix", "-"])
        .write_stdin(SAFE)
        .assert()
        .code(0)
        .stdout(SAFE_FIXED)
        .stderr(predicate::str::contains(
            "<stdin>:1:7: fixed tadqiq/spelling",
        ));
    // Nothing to fix: the text comes back as it was; findings left make it exit 1.
    tadqiq()
        .args(["fix", "--stdin-filename", "a.md"])
        .write_stdin(OVERLAP)
        .assert()
        .code(1)
        .stdout("وبلغ العدد 15,000 ألف شخص\n")
        .stderr(predicate::str::contains(
            "a.md:1:12: error tadqiq/number-unit",
        ));
    tadqiq()
        .args(["fix", "--diff", "-"])
        .write_stdin(SAFE)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "--- a/<stdin>\n+++ b/<stdin>\n",
        ));
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_mode_and_follows_symlinks() {
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "real.txt", SAFE);
    set_mode(&p, 0o640);
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "link.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read(&p).unwrap(), SAFE_FIXED.as_bytes());
    assert_eq!(mode(&p), 0o640);
    let link = fs::symlink_metadata(dir.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
}

/// A file without write permission is refused (by its mode, so this holds for root too) and
/// left as it was; the other files are still fixed, and the exit status is 2.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_untouched() {
    let dir = TempDir::new().unwrap();
    let ro = write(dir.path(), "ro.txt", SAFE);
    let rw = write(dir.path(), "rw.txt", SAFE);
    set_mode(&ro, 0o444);
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "ro.txt", "rw.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: ro.txt: the file is read-only; not changed",
        ))
        .stderr(predicate::str::contains(
            "ro.txt:1:7: would fix tadqiq/spelling",
        ))
        .stderr(predicate::str::contains(
            "rw.txt:1:7: fixed tadqiq/spelling",
        ))
        .stderr(predicate::str::contains(
            "Fixed 3 findings in 1 file; 3 findings remain",
        ));
    assert_eq!(fs::read(&ro).unwrap(), SAFE.as_bytes());
    assert_eq!(mode(&ro), 0o444);
    assert_eq!(fs::read(&rw).unwrap(), SAFE_FIXED.as_bytes());
    no_temp_files_left(dir.path());
}

/// A writable file in a directory the user cannot write to: the temporary file cannot be
/// created, so the file is not changed. Root may write anywhere, so when the tests run as root
/// this runs tadqiq as `nobody` (with `setpriv`); where that is not possible it says so and
/// checks nothing.
#[cfg(unix)]
#[test]
fn a_read_only_directory_is_refused() {
    let dir = TempDir::new().unwrap();
    let sub = dir.path().join("ro");
    let p = write(&sub, "a.txt", SAFE);
    set_mode(dir.path(), 0o755);
    set_mode(&p, 0o666);
    set_mode(&sub, 0o555);
    let root = is_root();
    let mut cmd = if root {
        let setpriv = Path::new("/usr/bin/setpriv");
        let exe = Path::new(env!("CARGO_BIN_EXE_tadqiq"));
        if !setpriv.exists() || !readable_by_all(exe) {
            eprintln!("SKIPPED: running as root without setpriv (or a binary nobody can run)");
            set_mode(&sub, 0o755);
            return;
        }
        let mut c = Command::new(setpriv);
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(exe)
            .env_remove("NO_COLOR");
        c
    } else {
        tadqiq()
    };
    cmd.current_dir(&sub)
        .args(["fix", "--no-config", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: a.txt: cannot create a temporary file in",
        ))
        .stderr(predicate::str::contains("permission denied; not changed"));
    assert_eq!(fs::read(&p).unwrap(), SAFE.as_bytes());
    set_mode(&sub, 0o755);
}

#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Can `nobody` run the binary: every directory above it searchable and the file executable by
/// all?
#[cfg(unix)]
fn readable_by_all(exe: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    exe.ancestors()
        .skip(1)
        .all(|d| fs::metadata(d).is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
        && fs::metadata(exe).is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
}

#[test]
fn a_missing_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: missing.txt: no such file or directory",
        ));
}

// ---------------------------------------------------------------------------------------------
// configuration

#[test]
fn the_nearest_configuration_wins() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "tadqiq.toml", "[rules]\nspelling = \"off\"\n");
    write(d, "news/.tadqiq.toml", "[rules]\nspelling = \"warning\"\n");
    write(d, "a.txt", SAFE);
    write(d, "news/b.txt", SAFE);
    write(d, "news/deeper/c.txt", SAFE);
    let r = check_json(d, &[]);
    assert!(!rules_of(&r, "a.txt").contains(&"tadqiq/spelling"), "{r:?}");
    for path in ["news/b.txt", "news/deeper/c.txt"] {
        let spelling: Vec<_> = r
            .iter()
            .filter(|x| x["path"] == path && x["rule"] == "tadqiq/spelling")
            .collect();
        assert_eq!(spelling.len(), 1, "{path}: {r:?}");
        assert_eq!(spelling[0]["severity"], "warning");
    }
    // The same from inside the subdirectory, and for a file named explicitly.
    let r = check_json(&d.join("news"), &["deeper/c.txt"]);
    assert_eq!(r[0]["severity"], "warning", "{r:?}");
    // --config PATH: one file for everything; --no-config: the defaults.
    let r = check_json(d, &["--config", "tadqiq.toml", "news/b.txt"]);
    assert!(!rules_of(&r, "news/b.txt").contains(&"tadqiq/spelling"));
    let r = check_json(d, &["--no-config", "a.txt"]);
    let s = r.iter().find(|x| x["rule"] == "tadqiq/spelling").unwrap();
    assert_eq!(s["severity"], "error");
}

#[test]
fn unknown_keys_are_errors_naming_the_key_and_the_file() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "tadqiq.toml",
        "show-hints = true\ncolour = \"always\"\n",
    );
    write(dir.path(), "a.txt", SAFE);
    write(dir.path(), "b.txt", SAFE);
    for cmd in ["check", "fix"] {
        let out = tadqiq().current_dir(dir.path()).arg(cmd).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8(out.stderr).unwrap();
        let line = err
            .lines()
            .find(|l| l.contains("unknown key `colour`"))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(line.contains("tadqiq.toml:2:1:"), "{line}");
        // Reported once, not once per file.
        assert_eq!(err.matches("unknown key").count(), 1, "{err}");
    }
    // The files were not touched.
    assert_eq!(fs::read(dir.path().join("a.txt")).unwrap(), SAFE.as_bytes());
    write(dir.path(), "tadqiq.toml", "[rules]\nspeling = \"off\"\n");
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `speling`"));
}

#[test]
fn rules_can_be_turned_off_or_given_a_severity() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "tadqiq.toml",
        "[rules]\n\"tadqiq/punctuation\" = \"off\"\nwhitespace = \"error\"\n",
    );
    write(dir.path(), "a.txt", SAFE);
    let r = check_json(dir.path(), &["a.txt"]);
    let rules = rules_of(&r, "a.txt");
    assert!(rules.contains(&"tadqiq/spelling"));
    assert!(!rules.contains(&"tadqiq/punctuation"));
    let ws = r.iter().find(|x| x["rule"] == "tadqiq/whitespace").unwrap();
    assert_eq!(ws["severity"], "error");
    // fix does not apply a rule that is off.
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "a.txt"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(fixed, SAFE_FIXED.replace("، وقد", "،وقد"));
}

#[test]
fn word_lists_silence_a_finding() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "tadqiq.toml",
        "words = [\"dictionaries/local.txt\"]\n",
    );
    write(
        dir.path(),
        "dictionaries/local.txt",
        "# our spellings\nالمؤسات  # a house style\n",
    );
    write(dir.path(), "news/a.txt", SAFE);
    let r = check_json(dir.path(), &[]);
    let rules = rules_of(&r, "news/a.txt");
    assert!(!rules.contains(&"tadqiq/spelling"), "{r:?}");
    assert!(rules.contains(&"tadqiq/punctuation"));
    // The word list itself is not checked.
    assert!(r.iter().all(|x| x["path"] == "news/a.txt"), "{r:?}");
    // A missing word list is an error naming it.
    write(dir.path(), "tadqiq.toml", "words = [\"missing.txt\"]\n");
    tadqiq()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.txt: no such file or directory",
        ));
}

#[test]
fn include_exclude_and_extensions_choose_the_files() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(
        d,
        "tadqiq.toml",
        "[files]\nexclude = [\"drafts\", \"*.skip.txt\"]\nextensions = [\"txt\", \"text\"]\n",
    );
    write(d, "a.txt", SAFE);
    write(d, "b.text", SAFE);
    write(d, "c.md", SAFE);
    write(d, "d.skip.txt", SAFE);
    write(d, "drafts/e.txt", SAFE);
    let r = check_json(d, &[]);
    let mut paths: Vec<_> = r.iter().map(|x| x["path"].as_str().unwrap()).collect();
    paths.dedup();
    assert_eq!(paths, vec!["a.txt", "b.text"]);
    // Named on the command line: an excluded file is still skipped, another extension is not.
    let r = check_json(d, &["c.md", "drafts/e.txt"]);
    let mut paths: Vec<_> = r.iter().map(|x| x["path"].as_str().unwrap()).collect();
    paths.dedup();
    assert_eq!(paths, vec!["c.md"]);
    // fix leaves excluded files alone.
    tadqiq().current_dir(d).arg("fix").assert().code(0);
    assert_eq!(fs::read(d.join("drafts/e.txt")).unwrap(), SAFE.as_bytes());
    assert_eq!(fs::read(d.join("a.txt")).unwrap(), SAFE_FIXED.as_bytes());
    // include: only what it names.
    write(d, "tadqiq.toml", "[files]\ninclude = [\"drafts/**\"]\n");
    let r = check_json(d, &[]);
    let mut paths: Vec<_> = r.iter().map(|x| x["path"].as_str().unwrap()).collect();
    paths.dedup();
    assert_eq!(paths, vec!["drafts/e.txt"]);
}

#[test]
fn show_hints_from_the_configuration() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "كلمة زغطشقث هنا\n");
    let r = check_json(dir.path(), &["a.txt"]);
    assert!(r.is_empty(), "{r:?}");
    write(dir.path(), "tadqiq.toml", "show-hints = true\n");
    let r = check_json(dir.path(), &["a.txt"]);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["severity"], "hint");
}

#[test]
fn init_writes_a_default_config_and_refuses_to_overwrite() {
    let dir = TempDir::new().unwrap();
    tadqiq()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Wrote ./tadqiq.toml"));
    let written = fs::read_to_string(dir.path().join("tadqiq.toml")).unwrap();
    assert!(written.contains("# spelling = \"error\""), "{written}");
    // It parses, and changes nothing: config --show gives the defaults.
    tadqiq()
        .current_dir(dir.path())
        .args(["config", "--show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("show-hints = false"));
    fs::write(dir.path().join("tadqiq.toml"), "# mine\n").unwrap();
    tadqiq()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; not overwritten"));
    assert_eq!(
        fs::read_to_string(dir.path().join("tadqiq.toml")).unwrap(),
        "# mine\n"
    );
    // A .tadqiq.toml counts too.
    let other = TempDir::new().unwrap();
    write(other.path(), ".tadqiq.toml", "");
    tadqiq().arg("init").arg(other.path()).assert().code(2);
    assert!(!other.path().join("tadqiq.toml").exists());
}

#[test]
fn config_show_prints_the_effective_config_and_its_source() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(
        d,
        "tadqiq.toml",
        "words = [\"w.txt\"]\n[rules]\nspelling = \"warning\"\ntatweel = \"off\"\n",
    );
    write(d, "w.txt", "");
    write(d, "sub/a.txt", SAFE);
    let out = tadqiq()
        .current_dir(d)
        .args(["config", "--show", "sub/a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    let canon = fs::canonicalize(d).unwrap();
    let first = s.lines().next().unwrap();
    assert!(
        first == format!("# configuration: {}", d.join("tadqiq.toml").display())
            || first == format!("# configuration: {}", canon.join("tadqiq.toml").display()),
        "{s}"
    );
    for want in [
        "spelling = \"warning\"",
        "tatweel = \"off\"",
        "hamza = \"error\"",
        "show-hints = false",
        "words = [\"w.txt\"]",
        "extensions = [\"txt\", \"md\", \"markdown\", \"mdown\", \"mkd\", \"mkdn\"]",
    ] {
        assert!(s.contains(want), "{want}: {s}");
    }
    // No configuration: the defaults, said so.
    let empty = TempDir::new().unwrap();
    tadqiq()
        .current_dir(empty.path())
        .args(["config", "--show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("the defaults"))
        .stdout(predicate::str::contains("spelling = \"error\""));
    tadqiq()
        .current_dir(d)
        .args(["config", "--no-config", "--show"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# --no-config: the defaults"));
}

// ---------------------------------------------------------------------------------------------
// suppressions

#[test]
fn suppression_comments_silence_findings() {
    let dir = TempDir::new().unwrap();
    let line = "تواجه المؤسات في المنطقة";
    for name in ["a.txt", "a.md"] {
        let text = format!(
            "{line}\n\n<!-- tadqiq-disable-next-line tadqiq/spelling -->\n{line}\n{line}\n\n\
             <!-- tadqiq-disable -->\n\n{line}\n\n<!-- tadqiq-enable -->\n\n{line}\n"
        );
        write(dir.path(), name, &text);
        let r = check_json(dir.path(), &[name]);
        let lines: Vec<u64> = r.iter().map(|x| x["line"].as_u64().unwrap()).collect();
        // Lines 1, 5 and 13 are reported; 4 (next-line) and 9 (in the block) are not; the
        // comments themselves produce nothing.
        assert_eq!(lines, vec![1, 5, 13], "{name}: {r:?}");
        assert!(r.iter().all(|x| x["rule"] == "tadqiq/spelling"), "{r:?}");
    }
    // fix leaves suppressed findings alone.
    let text = format!("<!-- tadqiq-disable-next-line -->\n{line}\n{line}\n");
    let p = write(dir.path(), "b.txt", &text);
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "b.txt"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        format!(
            "<!-- tadqiq-disable-next-line -->\n{line}\n{}\n",
            line.replace("المؤسات", "المؤسسات")
        )
    );
}

// ---------------------------------------------------------------------------------------------
// which fixes are safe

/// A spelling fix whose first suggestion clearly wins is applied (`المؤسات`, and `القاء` where
/// the words around it decide: `تطرق القاء إلى`), as is a hamza restored in an unambiguous word
/// (`اسئلة`); `بعد القاء القبض` (`إلقاء القبض`, an arrest, or `اللقاء`?) is left for a human,
/// and `--unsafe` applies its first suggestion too.
#[test]
fn safe_word_fixes_are_applied_and_unsafe_ones_only_with_unsafe() {
    let text = "تطرق القاء إلى التحديات التي تواجه المؤسات\r\n\
                وطرح الصحفيون اسئلة كثيرة على الوزير\r\n\
                وتم بعد القاء القبض على المتهم\r\n";
    let safe = "تطرق اللقاء إلى التحديات التي تواجه المؤسسات\r\n\
                وطرح الصحفيون أسئلة كثيرة على الوزير\r\n\
                وتم بعد القاء القبض على المتهم\r\n";
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "a.txt", text);
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "a.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a.txt:1:6: fixed tadqiq/spelling: «القاء» → «اللقاء»",
        ))
        .stderr(predicate::str::contains(
            "a.txt:1:36: fixed tadqiq/spelling: «المؤسات» → «المؤسسات»",
        ))
        .stderr(predicate::str::contains(
            "a.txt:2:15: fixed tadqiq/hamza: «اسئلة» → «أسئلة»",
        ))
        .stderr(predicate::str::contains(
            "a.txt:3:9: error tadqiq/spelling: «القاء» is not a known word",
        ))
        .stderr(predicate::str::contains(
            "Fixed 3 findings in 1 file; 1 finding remains",
        ));
    assert_eq!(fs::read_to_string(&p).unwrap(), safe);
    // The JSON output says which is which.
    let r = check_json(dir.path(), &["a.txt"]);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["fix"], "unsafe");
    assert_eq!(r[0]["suggestions"][1], "إلقاء");
    // --unsafe applies the first suggestion of the rest (here the wrong reading: review them).
    tadqiq()
        .current_dir(dir.path())
        .args(["fix", "--unsafe", "a.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "a.txt:3:9: fixed tadqiq/spelling: «القاء» → «اللقاء»",
        ));
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        safe.replace("بعد القاء", "بعد اللقاء")
    );
}

/// On the seed articles, every safe word fix (`spelling`, `hamza`, `confusion`...) that `fix`
/// applies is the one the hand-made gold annotation (`fixtures/seeds/gold.tsv`) gives, at the
/// same place; `--diff` writes nothing.
#[test]
fn safe_fixes_on_the_seeds_agree_with_the_gold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("fixtures/seeds");
    let gold = fs::read_to_string(seeds.join("gold.tsv")).unwrap();
    // (file, line, column, wrong, fix)
    let gold: Vec<[&str; 5]> = gold
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            [f[0], f[1], f[2], f[3], f[4]]
        })
        .collect();
    let mut files: Vec<PathBuf> = fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let before: Vec<Vec<u8>> = files.iter().map(|p| fs::read(p).unwrap()).collect();
    let out = tadqiq()
        .current_dir(&seeds)
        .args(["fix", "--diff", "--no-config"])
        .args(files.iter().map(|p| p.file_name().unwrap()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    // `FILE:LINE:COL: would fix tadqiq/RULE: «WRONG» → «FIX»`
    let mut word_fixes = 0;
    for l in err.lines().filter(|l| l.contains(": would fix tadqiq/")) {
        let (place, rest) = l.split_once(": would fix tadqiq/").unwrap();
        let (rule, change) = rest.split_once(": ").unwrap();
        if rule == "whitespace" || rule == "punctuation" {
            continue; // layout, not words
        }
        let mut p = place.rsplitn(3, ':');
        let (col, line, file) = (p.next().unwrap(), p.next().unwrap(), p.next().unwrap());
        let (wrong, fix) = change
            .trim_start_matches('«')
            .trim_end_matches('»')
            .split_once("» → «")
            .unwrap();
        assert!(
            gold.iter().any(|g| g == &[file, line, col, wrong, fix]),
            "a safe fix the gold does not have: {l}"
        );
        word_fixes += 1;
    }
    // القاء (×4), والقاءات, المؤسات, الدولين, المؤسي, الف, اخبار.
    assert!(word_fixes >= 10, "{err}");
    let after: Vec<Vec<u8>> = files.iter().map(|p| fs::read(p).unwrap()).collect();
    assert!(before == after, "--diff wrote a seed");
}

// ---------------------------------------------------------------------------------------------
// more suppressions

/// `tadqiq-disable RULE` … `tadqiq-enable RULE` silence only the rules they name.
#[test]
fn suppression_blocks_name_their_rules() {
    let dir = TempDir::new().unwrap();
    let line = "تواجه المؤسات في الأوساط،وقد قال";
    for name in ["a.txt", "a.md"] {
        let text = format!(
            "<!-- tadqiq-disable spelling -->\n{line}\n<!-- tadqiq-enable spelling -->\n\n\
             <!-- tadqiq-disable tadqiq/punctuation, tadqiq/spelling -->\n{line}\n\
             <!-- tadqiq-enable tadqiq/punctuation -->\n{line}\n\
             <!-- tadqiq-enable tadqiq/spelling -->\n{line}\n"
        );
        write(dir.path(), name, &text);
        let r = check_json(dir.path(), &[name]);
        let got: Vec<(u64, &str)> = r
            .iter()
            .map(|x| (x["line"].as_u64().unwrap(), x["rule"].as_str().unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "tadqiq/punctuation"),
                (8, "tadqiq/punctuation"),
                (10, "tadqiq/spelling"),
                (10, "tadqiq/punctuation"),
            ],
            "{name}: {r:?}"
        );
    }
    // In Markdown a comment inside a code block is not a directive.
    let md = format!("```\n<!-- tadqiq-disable-next-line -->\n```\n{line}\n");
    write(dir.path(), "b.md", &md);
    let r = check_json(dir.path(), &["b.md"]);
    assert!(rules_of(&r, "b.md").contains(&"tadqiq/spelling"), "{r:?}");
}

#[test]
fn both_config_names_in_one_directory_is_an_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "tadqiq.toml", "");
    write(dir.path(), ".tadqiq.toml", "");
    write(dir.path(), "a.txt", SAFE);
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "both tadqiq.toml and .tadqiq.toml exist",
        ));
    // --config PATH is used instead, and an error in it names it.
    write(dir.path(), "other.toml", "[rules]\nspelling = \"loud\"\n");
    tadqiq()
        .current_dir(dir.path())
        .args(["check", "--config", "other.toml", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "other.toml: [rules] spelling = \"loud\"",
        ));
}
