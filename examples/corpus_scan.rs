//! Lint a corpus read from standard input (articles separated by blank lines) and print findings
//! per 1,000 Arabic words, per rule, with a random sample of each rule's findings in context.
//! `zcat corpus.txt.gz | cargo run --release --example corpus_scan -- [max_words] [samples]`
use std::collections::BTreeMap;
use std::io::Read;

use rayon::prelude::*;
use tadqiq_core::{Linter, SourceKind};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let max_words: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let samples: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(15);
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("UTF-8 on stdin");
    let mut articles = Vec::new();
    let mut words = 0usize;
    for a in text.split("\n\n") {
        if words >= max_words {
            break;
        }
        words += a
            .split_whitespace()
            .filter(|w| w.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)))
            .count();
        articles.push(a);
    }
    let linter = Linter::new();
    let t = std::time::Instant::now();
    let found: Vec<(String, String, String)> = articles
        .par_iter()
        .flat_map_iter(|a| {
            linter.lint(a, SourceKind::Plain).into_iter().map(move |d| {
                let s = d.span.start.saturating_sub(60);
                let s = (0..=s).rev().find(|&i| a.is_char_boundary(i)).unwrap_or(0);
                let e = (d.span.end + 60).min(a.len());
                let e = (e..=a.len())
                    .find(|&i| a.is_char_boundary(i))
                    .unwrap_or(a.len());
                let ctx = format!(
                    "{}[{}]{}",
                    &a[s..d.span.start],
                    &a[d.span.clone()],
                    &a[d.span.end..e]
                )
                .replace('\n', " ");
                (
                    d.rule.to_string(),
                    ctx,
                    format!(
                        "{} {}",
                        d.suggestions.first().cloned().unwrap_or_default(),
                        d.note
                            .clone()
                            .unwrap_or_default()
                            .chars()
                            .rev()
                            .take(18)
                            .collect::<String>()
                            .chars()
                            .rev()
                            .collect::<String>()
                    ),
                )
            })
        })
        .collect();
    let el = t.elapsed();
    let mut by: BTreeMap<&str, Vec<&(String, String, String)>> = BTreeMap::new();
    for f in &found {
        by.entry(&f.0).or_default().push(f);
    }
    println!(
        "{} articles, {} Arabic words, {} findings = {:.2} per 1,000 words ({:.1}s)",
        articles.len(),
        words,
        found.len(),
        found.len() as f64 * 1000.0 / words as f64,
        el.as_secs_f64()
    );
    for (rule, v) in &by {
        println!(
            "{rule:20} {:6} {:.3}/1000",
            v.len(),
            v.len() as f64 * 1000.0 / words as f64
        );
    }
    for (rule, v) in &by {
        println!("--- {rule}");
        let step = (v.len() / samples).max(1);
        for f in v.iter().step_by(step).take(samples) {
            println!("  → «{}»  {}", f.2, f.1);
        }
    }
}
