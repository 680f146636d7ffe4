//! Alternatives (issue 15): a finding of the spelling family offers at most a handful of
//! suggestions, and every alternative after the first is a word in real use (listed by
//! wordfreq at zipf 2 or more), never a form only the lexicon's affix grammar builds
//! (`ألتدريبه`, `آلأربعاء`).

use std::process::Command;

use tadqiq_core::{keymap, Dictionary};

mod common;
use common::*;

/// At most this many suggestions a finding.
const HANDFUL: usize = 5;

/// The rules whose suggestions are the word analysis's candidates.
const WORD_RULES: [&str; 5] = [
    "tadqiq/spelling",
    "tadqiq/hamza",
    "tadqiq/hamza-wasl",
    "tadqiq/taa-marbuta",
    "tadqiq/alef-maqsura",
];

#[test]
fn alternatives_are_few_and_in_real_use() {
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["check", "--no-fold", "--format", "json"])
        .args(["fixtures/seeds", "fixtures/slips", "fixtures/clean"])
        .current_dir(repo(""))
        .output()
        .unwrap();
    let records = json_lines(&out.stdout);
    let dict = Dictionary::embedded();
    let mut alternatives = 0;
    for r in &records {
        let suggestions: Vec<&str> = r["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(suggestions.len() <= HANDFUL, "{r}");
        if !WORD_RULES.contains(&r["rule"].as_str().unwrap()) {
            continue;
        }
        for alt in suggestions.iter().skip(1) {
            alternatives += 1;
            let zipf = keymap::encode(alt).and_then(|k| dict.zipf_surface(&k));
            assert!(
                zipf.is_some_and(|z| z >= 2.0),
                "«{alt}» (zipf {zipf:?}) is offered for {}",
                r["message"]
            );
        }
    }
    // The fixtures do give alternatives: the test looked at some.
    assert!(alternatives >= 10, "only {alternatives} alternatives seen");
}
