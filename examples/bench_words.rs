//! Time the analysis of the distinct words of a text: `cargo run --release --example bench_words -- file`.
use std::time::Instant;
use tadqiq_core::spell::{analyse_key, Policy, Verdict};
use tadqiq_core::{keymap, Dictionary};

fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).expect("path")).unwrap();
    let dict = Dictionary::embedded();
    let mut keys: Vec<Vec<u8>> = text
        .split(|c: char| !('\u{0621}'..='\u{064A}').contains(&c))
        .filter_map(keymap::encode)
        .collect();
    let tokens = keys.len();
    keys.sort();
    keys.dedup();
    let t = Instant::now();
    let known = keys.iter().filter(|k| dict.in_lexicon(k)).count();
    let el_known = t.elapsed();
    let unknown: Vec<&Vec<u8>> = keys.iter().filter(|k| !dict.in_lexicon(k)).collect();
    let t = Instant::now();
    let mut mis = 0;
    for k in &unknown {
        if matches!(
            analyse_key(&dict, k, &Policy::default()),
            Verdict::Misspelled { .. }
        ) {
            mis += 1;
        }
    }
    let el = t.elapsed();
    println!("{tokens} tokens, {} types: {known} in lexicon ({:.0} ns each), {} not: analysed in {:.2}s ({:.1} µs each), {mis} misspelled",
        keys.len(), el_known.as_nanos() as f64 / keys.len() as f64, unknown.len(), el.as_secs_f64(), el.as_micros() as f64 / unknown.len() as f64);
}
