//! `tadqiq words add` (issue 15): the CLI writes the same project word list as the editor's
//! "add «word» to the project word list" code action, and `tadqiq check` then accepts the word.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use tempfile::TempDir;

use tadqiq_lsp::settings::{self, SettingsStore};
use tadqiq_workspace::config::normalize;

mod common;
use common::*;

/// A real slip of the fixtures (`المؤسات`, a spelling error), in a sentence of them.
const TEXT: &str = "تطرق اللقاء إلى التحديات التي تواجه المؤسات في المنطقة.\n";
const WORD: &str = "المؤسات";

fn check(dir: &Path, user_list: &Path) -> assert_cmd::assert::Assert {
    tadqiq()
        .current_dir(dir)
        .env("TADQIQ_USER_WORDS", user_list)
        .args(["check", "a.txt"])
        .assert()
}

fn words_add(dir: &Path, user_list: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    tadqiq()
        .current_dir(dir)
        .env("TADQIQ_USER_WORDS", user_list)
        .args(["words", "add"])
        .args(args)
        .assert()
}

#[test]
fn a_project_word_is_accepted_by_check() {
    let dir = TempDir::new().unwrap();
    let user = dir.path().join("no-user-list.txt");
    write(dir.path(), "a.txt", TEXT);
    check(dir.path(), &user)
        .code(1)
        .stdout(predicate::str::contains("«المؤسات» is not a known word"));
    words_add(dir.path(), &user, &[WORD])
        .code(0)
        .stderr(predicate::str::contains("added «المؤسات» to "));
    check(dir.path(), &user).code(0);
    // Again: nothing to do, said so.
    words_add(dir.path(), &user, &[WORD])
        .code(0)
        .stderr(predicate::str::contains("«المؤسات» is already in "));
    assert_eq!(
        fs::read_to_string(dir.path().join(".tadqiq-words.txt")).unwrap(),
        format!("{WORD}\n")
    );
}

#[test]
fn the_cli_and_the_editor_write_the_same_files() {
    // The CLI in one project, the LSP's code action in another: the same files result.
    let cli = TempDir::new().unwrap();
    let lsp = TempDir::new().unwrap();
    let user = cli.path().join("no-user-list.txt");
    for d in [cli.path(), lsp.path()] {
        write(
            d,
            "tadqiq.toml",
            "show-hints = false\n\n[rules]\ntatweel = \"off\"\n",
        );
        write(d, "a.txt", TEXT);
    }
    words_add(cli.path(), &user, &[WORD]).code(0);
    let root = normalize(lsp.path());
    let mut store = SettingsStore::new(vec![root.clone()]);
    let s = store.for_path(Some(&root.join("a.txt")));
    settings::add_word(&s, WORD).unwrap();
    for f in ["tadqiq.toml", ".tadqiq-words.txt"] {
        assert_eq!(
            fs::read_to_string(cli.path().join(f)).unwrap(),
            fs::read_to_string(lsp.path().join(f)).unwrap(),
            "{f}"
        );
    }
    // A configuration that names a list: both write that list.
    write(cli.path(), "tadqiq.toml", "words = [\"dict/ours.txt\"]\n");
    write(cli.path(), "dict/ours.txt", "# ours\n");
    words_add(cli.path(), &user, &["زغطشقث"]).code(0);
    assert_eq!(
        fs::read_to_string(cli.path().join("dict/ours.txt")).unwrap(),
        "# ours\nزغطشقث\n"
    );
}

#[test]
fn a_user_word_is_accepted_everywhere() {
    let dir = TempDir::new().unwrap();
    let user = dir.path().join("home/tadqiq/words.txt");
    let project = dir.path().join("project");
    write(&project, "a.txt", TEXT);
    words_add(&project, &user, &["--user", WORD])
        .code(0)
        .stderr(predicate::str::contains("added «المؤسات» to "));
    assert_eq!(fs::read_to_string(&user).unwrap(), format!("{WORD}\n"));
    // No project file was written.
    assert!(!project.join("tadqiq.toml").exists());
    assert!(!project.join(".tadqiq-words.txt").exists());
    check(&project, &user).code(0);
}

#[test]
fn what_is_not_one_arabic_word_is_refused() {
    let dir = TempDir::new().unwrap();
    let user = dir.path().join("u.txt");
    for bad in ["hello", "كلمتان هنا", ""] {
        words_add(dir.path(), &user, &[bad])
            .code(2)
            .stderr(predicate::str::contains("error: «"));
    }
    assert!(!dir.path().join("tadqiq.toml").exists());
}
