//! CI guard on accuracy: the `tadqiq-eval` harness on the repository's own clean text
//! (fixtures/clean) with its default, fixed seed. Fails if detection F1 on the non-word errors of
//! the mixed run drops below 0.85, or if false alarms on the clean text rise above 1 per 1,000
//! words. Prints the whole table (`cargo test --release --test eval_guard -- --nocapture`).
//!
//! Hunspell is not run here (its suggestions take minutes); set `TADQIQ_EVAL_HUNSPELL=1` to add
//! its rows to the printed table.

use tadqiq_core::Linter;
use tadqiq_eval::harness::{self, Config};
use tadqiq_eval::hunspell::Hunspell;

const MIN_F1: f64 = 0.85;
const MAX_FALSE_ALARMS_PER_1000: f64 = 1.0;

#[test]
fn injected_errors_are_caught_and_clean_text_stays_clean() {
    let corpus = harness::load(&[harness::default_input()], None).expect("fixtures/clean");
    assert!(
        corpus.words >= 4000,
        "fixtures/clean should hold 4,000 words or more, has {}",
        corpus.words
    );
    let mut hunspell = std::env::var_os("TADQIQ_EVAL_HUNSPELL")
        .and_then(|_| Hunspell::new("ar", 2).map_err(|e| eprintln!("{e}")).ok());
    let report = harness::run(
        &corpus,
        &Linter::new(),
        hunspell.as_mut(),
        &Config::default(),
    )
    .expect("the harness runs");
    println!("{}", report.render());

    let mixed = report.mixed("tadqiq").expect("a tadqiq row");
    let (p, r, f1) = mixed.prf_non_word();
    let (_, _, f1_all) = mixed.prf();
    let fa = report
        .false_alarms_per_1000("tadqiq")
        .expect("a clean-text row");
    println!(
        "guard: non-word errors P {p:.3} R {r:.3} F1 {f1:.3} (all errors F1 {f1_all:.3}); \
         false alarms {fa:.2} per 1,000 words"
    );
    assert!(
        mixed.errors >= 60,
        "too few errors injected ({}) for a stable figure",
        mixed.errors
    );
    assert!(
        f1 >= MIN_F1,
        "detection F1 on injected non-word errors is {f1:.3}, below {MIN_F1}"
    );
    assert!(
        fa <= MAX_FALSE_ALARMS_PER_1000,
        "{fa:.2} false alarms per 1,000 words of clean text, above {MAX_FALSE_ALARMS_PER_1000}"
    );
}
