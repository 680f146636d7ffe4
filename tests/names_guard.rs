//! Guard on names: `fixtures/names` holds 213 correct news sentences dense with names one slip
//! from a dictionary word (`بأبها`, `إليود`, family names such as `العايد` written with ي for
//! ئ; see its README). A safe fix must never rewrite one of them, read alone or with the rest of
//! its file, and the findings on them (warnings that a word may be a name) stay at most one per
//! 30 sentences. The same slips next to those names are still found.
//!
//! `cargo test --release --test names_guard -- --nocapture` prints the figures README gives.

use std::path::Path;

use tadqiq_core::fix::{fix, FixOptions};
use tadqiq_core::{Applicability, Linter, SourceKind};

/// Findings allowed per sentence, at most.
const MAX_FINDINGS_PER_SENTENCE: f64 = 1.0 / 30.0;

fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/names");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures/names")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn safe_fixes_never_rewrite_a_correct_name() {
    let linter = Linter::new();
    let options = FixOptions::default();
    let mut sentences = 0;
    let mut changed = Vec::new();
    let mut findings = Vec::new();
    for (name, text) in files() {
        // Each sentence on its own: no help from the rest of the file.
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            sentences += 1;
            let sentence = format!("{line}\n");
            let r = fix(&linter, &sentence, SourceKind::Plain, &options);
            if r.text != sentence {
                changed.push(format!(
                    "{name}:{}: {line}\n  → {}",
                    n + 1,
                    r.text.trim_end()
                ));
            }
            for d in linter.lint(&sentence, SourceKind::Plain) {
                assert_ne!(
                    d.applicability,
                    Applicability::Safe,
                    "{name}:{}: a safe fix remains: {d:?}",
                    n + 1
                );
                findings.push(format!("{name}:{}: {} {}", n + 1, d.rule_id(), d.message));
            }
        }
        // The whole file as one document.
        let r = fix(&linter, &text, SourceKind::Plain, &options);
        assert_eq!(
            r.text, text,
            "{name}: fix changed the file: {:?}",
            r.applied
        );
    }
    for f in &findings {
        println!("{f}");
    }
    println!(
        "fixtures/names: {sentences} sentences, {} changed by a safe fix, {} findings ({:.3} a sentence)",
        changed.len(),
        findings.len(),
        findings.len() as f64 / sentences as f64
    );
    assert!(
        sentences >= 150,
        "the names set holds {sentences} sentences"
    );
    assert!(
        changed.is_empty(),
        "safe fixes rewrote correct sentences:\n{}",
        changed.join("\n")
    );
    assert!(
        findings.len() as f64 <= sentences as f64 * MAX_FINDINGS_PER_SENTENCE,
        "{} findings on {sentences} correct sentences (at most one per 30)",
        findings.len()
    );
}

/// The same frames with a real slip: still found, and where the context leaves no doubt, still
/// fixed.
#[test]
fn slips_beside_names_are_still_found() {
    let linter = Linter::new();
    let found = |text: &str, word: &str| {
        linter
            .lint(text, SourceKind::Plain)
            .into_iter()
            .find(|d| &text[d.span.clone()] == word)
            .unwrap_or_else(|| panic!("«{word}» not found in «{text}»"))
    };
    // A hamza left off beside a family name and a city.
    let d = found("وأضاف الفايز ان الشركة ستفتتح فرعا في ابها", "ان");
    assert_eq!(d.suggestions[0], "أن");
    let d = found("وأضاف الفايز ان الشركة ستفتتح فرعا في ابها", "ابها");
    assert_eq!(d.suggestions[0], "أبها");
    // After a title, a slip whose fix the context backs stays a safe fix.
    let d = found("استقبل الرئيس الايراني وفدا رسميا", "الايراني");
    assert_eq!(d.applicability, Applicability::Safe);
    // A doubled letter squeezed, after a given name.
    let d = found("تطرق خالد الفايز إلى القاء مع المؤسات الحكومية", "المؤسات");
    assert_eq!(d.suggestions[0], "المؤسسات");
    // The family-name shape alone, with no name around it and the context backing the word
    // (the winner of a prize): still found.
    let d = found("وتسلم الفايز بالمركز الأول جائزته", "الفايز");
    assert_eq!(d.suggestions[0], "الفائز");
}
