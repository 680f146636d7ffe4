//! Print, for every word the analysis flags as misspelled, the name evidence weighed against
//! it (`tadqiq_core::rules::names`): outcome, clues, the slip evidence, the word, its fix and its
//! context. Reads the files named, or articles separated by blank lines on standard input.
//!
//! `cargo run --release --example name_clues -- fixtures/names/*.txt`
//! `zcat corpus.txt.gz | cargo run --release --example name_clues -- - | sort | uniq -c`
use std::io::Read;

use tadqiq_core::rules::names;
use tadqiq_core::spell::{Analysis, Policy, Verdict};
use tadqiq_core::{Dictionary, Document, SourceKind};

fn main() {
    let dict = Dictionary::embedded();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--names") {
        // `--names W...`: how each word is known and whether the names list holds it exactly.
        for w in &args[1..] {
            if let Some(k) = tadqiq_core::keymap::encode(w) {
                println!(
                    "{w}\tknown={:?}\texact_name={}\tzipf={:.2}",
                    dict.known(&k),
                    dict.is_exact_name(&k),
                    dict.zipf(&k)
                );
            }
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--pairs") {
        // `--pairs A B C D ...`: each pair's count, the words' counts and the lift over chance.
        let total = dict.unigram_total() as f64;
        for p in args[1..].chunks(2) {
            let (Some(a), Some(b)) = (
                p.first().and_then(|w| tadqiq_core::keymap::encode(w)),
                p.get(1).and_then(|w| tadqiq_core::keymap::encode(w)),
            ) else {
                continue;
            };
            let (c, ua, ub) = (dict.bigram(&a, &b), dict.unigram(&a), dict.unigram(&b));
            let lift = c as f64 * total / (ua.max(1) as f64 * ub.max(1) as f64);
            println!(
                "{} {}: pair {c}, words {ua} {ub}, lift {lift:.1}",
                p[0], p[1]
            );
        }
        return;
    }
    let mut texts: Vec<(String, String)> = Vec::new();
    for a in &args {
        if a == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .expect("UTF-8 on stdin");
            for (n, art) in s.split("\n\n").enumerate() {
                texts.push((format!("stdin#{n}"), art.to_string()));
            }
        } else {
            let s = std::fs::read_to_string(a).unwrap_or_else(|e| panic!("{a}: {e}"));
            texts.push((a.clone(), s));
        }
    }
    for (name, text) in &texts {
        let doc = Document::new(text, SourceKind::Plain);
        let analysis = Analysis::new(&doc, &dict, &Policy::default());
        let dn = names::DocumentNames::new(&doc, &dict, analysis.verdicts());
        for (i, w) in doc.words().iter().enumerate() {
            let Verdict::Misspelled {
                candidates, safe, ..
            } = analysis.verdict(i)
            else {
                continue;
            };
            let wg = names::weigh(&doc, &dict, analysis.verdicts(), &dn, i, candidates);
            let span = doc.word_span(w);
            let mut a = span.start.saturating_sub(60);
            while !text.is_char_boundary(a) {
                a += 1;
            }
            let mut b = (span.end + 40).min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            println!(
                "{:?}\tname={} error={}\tsafe={}\t{:?}\t{} → {}\t{}\t{}",
                wg.outcome(),
                wg.name,
                wg.error,
                safe,
                candidates[0].class,
                doc.word_text(w),
                candidates[0].text(),
                wg.clues
                    .iter()
                    .map(|c| format!("{c:?}"))
                    .collect::<Vec<_>>()
                    .join(","),
                format!(
                    "{name}: {}[{}]{}",
                    &text[a..span.start],
                    &text[span.clone()],
                    &text[span.end..b]
                )
                .replace('\n', " ")
            );
        }
    }
}
