//! Core benchmarks: tokenising, dictionary look-up (known and unknown words), suggestions for
//! misspelled words, and the whole `lint` on news articles.
//!
//! Text comes from the repository (fixtures/seeds, fixtures/clean) or is generated from it (the
//! misspellings are the harness's injected errors). `TADQIQ_BENCH_TEXT=path` adds a `lint` bench
//! on a bigger text (plain UTF-8, e.g. the first 10 MB of a corpus written to /tmp).
//!
//! `cargo bench --bench core` (`-- lint` to run one group). Besides criterion's figures, the
//! suggestion bench prints the distribution of the time per misspelled word (median, p90, max),
//! which is what the < 100 µs target is about.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use tadqiq_core::spell::{analyse_key, suggest, Policy, Verdict};
use tadqiq_core::text::tokenize_into;
use tadqiq_core::{keymap, Dictionary, Document, Linter, SourceKind};
use tadqiq_eval::inject::{inject, ErrorKind};

fn fixture(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The clean texts of fixtures/clean, one a file.
fn clean_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/clean")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8"))
        .collect()
}

/// An article of about 12 KB (fixtures/seeds/003).
const ARTICLE: &str = "fixtures/seeds/003_9ddc7dae6fcd902c.txt";
/// The squeezed article (fixtures/seeds/004), the costliest for the context rules.
const SQUEEZED: &str = "fixtures/seeds/004_8acd1053c13bf32b.txt";

fn bench_tokenise(c: &mut Criterion) {
    let text = fixture(ARTICLE);
    let mut g = c.benchmark_group("tokenise");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tokens", |b| {
        let mut out = Vec::with_capacity(text.len() / 4);
        b.iter(|| {
            out.clear();
            tokenize_into(black_box(&text), 0..text.len(), &mut out);
            out.len()
        })
    });
    // Tokens plus the look-up key of every Arabic word.
    g.bench_function("document", |b| {
        b.iter(|| {
            Document::new(black_box(&text), SourceKind::Plain)
                .words()
                .len()
        })
    });
    g.finish();
}

/// The distinct keys of the clean texts, split into known and (made-up) unknown words.
fn keys(dict: &Dictionary) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut known = Vec::new();
    for t in clean_texts() {
        let doc = Document::new(&t, SourceKind::Plain);
        for w in doc.words() {
            let k = doc.key(w);
            if dict.is_known(k) {
                known.push(k.to_vec());
            }
        }
    }
    known.sort();
    known.dedup();
    // Unknown words: each known word with its last two letters swapped, when that is unknown.
    let unknown: Vec<Vec<u8>> = known
        .iter()
        .filter(|k| k.len() >= 3)
        .map(|k| {
            let mut u = k.clone();
            let n = u.len();
            u.swap(n - 1, n - 2);
            u
        })
        .filter(|u| !dict.is_known(u))
        .collect();
    (known, unknown)
}

fn bench_lookup(c: &mut Criterion) {
    let dict = Dictionary::embedded();
    let (known, unknown) = keys(&dict);
    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(known.len() as u64));
    g.bench_function(format!("known ({} words)", known.len()), |b| {
        b.iter(|| known.iter().filter(|k| dict.is_known(black_box(k))).count())
    });
    g.throughput(Throughput::Elements(unknown.len() as u64));
    // An unknown word goes through every list (lexicon, names and frequent words with their
    // proclitics).
    g.bench_function(format!("unknown ({} words)", unknown.len()), |b| {
        b.iter(|| {
            unknown
                .iter()
                .filter(|k| dict.is_known(black_box(k)))
                .count()
        })
    });
    g.finish();
}

/// Misspelled words: the non-word errors the harness injects into fixtures/clean.
fn misspellings(dict: &Dictionary) -> Vec<Vec<u8>> {
    let texts = clean_texts();
    let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let kinds: Vec<ErrorKind> = ErrorKind::ALL
        .into_iter()
        .filter(|k| k.is_word_error())
        .collect();
    let mut out = Vec::new();
    for d in inject(&docs, dict, &kinds, 0.1, 1) {
        for e in d.errors.iter().filter(|e| !e.real_word) {
            if let Some(k) = keymap::encode(&d.text[e.span.clone()]) {
                out.push(k);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn bench_suggest(c: &mut Criterion) {
    let dict = Dictionary::embedded();
    let policy = Policy::default();
    let words = misspellings(&dict);
    let flagged = words
        .iter()
        .filter(|k| matches!(analyse_key(&dict, k, &policy), Verdict::Misspelled { .. }))
        .count();

    // Time per word, for the distribution: 5 rounds over all the words, each call timed on its
    // own, so that a word meets the caches the words before it left (as in a text, not as in a
    // loop on one word); a word's time is its median over the rounds.
    let mut rounds: Vec<Vec<Duration>> = vec![Vec::with_capacity(5); words.len()];
    for _ in 0..5 {
        for (i, k) in words.iter().enumerate() {
            let t = Instant::now();
            black_box(analyse_key(&dict, black_box(k), &policy));
            rounds[i].push(t.elapsed());
        }
    }
    let mut per_word: Vec<Duration> = rounds
        .into_iter()
        .map(|mut r| {
            r.sort();
            r[r.len() / 2]
        })
        .collect();
    per_word.sort();
    eprintln!(
        "suggest/analyse_key: {} misspelled words ({} flagged): median {:.1} µs, p90 {:.1} µs, \
         max {:.1} µs, mean {:.1} µs a word",
        words.len(),
        flagged,
        quantile(&per_word, 0.5).as_secs_f64() * 1e6,
        quantile(&per_word, 0.9).as_secs_f64() * 1e6,
        per_word.last().expect("words").as_secs_f64() * 1e6,
        per_word.iter().sum::<Duration>().as_secs_f64() * 1e6 / per_word.len() as f64
    );

    let mut g = c.benchmark_group("suggest");
    g.throughput(Throughput::Elements(words.len() as u64));
    // What the linter does with an unknown word: find the fix, decide, list suggestions.
    g.bench_function(format!("analyse_key ({} words)", words.len()), |b| {
        b.iter(|| {
            for k in &words {
                black_box(analyse_key(&dict, black_box(k), &policy));
            }
        })
    });
    // Every candidate up to tier 4 (substitutions), five best.
    g.bench_function(format!("suggest ({} words)", words.len()), |b| {
        b.iter(|| {
            words
                .iter()
                .map(|k| suggest(&dict, black_box(k), 5).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench_lint(c: &mut Criterion) {
    let linter = Linter::new();
    let mut g = c.benchmark_group("lint");
    for (name, rel) in [("article-12KB", ARTICLE), ("squeezed-10KB", SQUEEZED)] {
        let text = fixture(rel);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| linter.lint(black_box(&text), SourceKind::Plain).len())
        });
    }
    // The same article with 2% injected errors: more unknown words to analyse.
    let text = fixture(ARTICLE);
    let injected = inject(&[&text], linter.dictionary(), &ErrorKind::ALL, 0.02, 1)
        .remove(0)
        .text;
    g.throughput(Throughput::Bytes(injected.len() as u64));
    g.bench_function("article-12KB-2%-errors", |b| {
        b.iter(|| linter.lint(black_box(&injected), SourceKind::Plain).len())
    });
    if let Some(path) = std::env::var_os("TADQIQ_BENCH_TEXT") {
        let big = std::fs::read_to_string(&path).expect("TADQIQ_BENCH_TEXT: a UTF-8 file");
        g.throughput(Throughput::Bytes(big.len() as u64));
        g.sample_size(10);
        g.bench_function("TADQIQ_BENCH_TEXT", |b| {
            b.iter_batched(
                || (),
                |_| linter.lint(black_box(&big), SourceKind::Plain).len(),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    bench_tokenise,
    bench_lookup,
    bench_suggest,
    bench_lint
);
criterion_main!(benches);
