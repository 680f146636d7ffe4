//! The slips published Arabic really makes (issue 13), hand-written in `fixtures/slips` (see its
//! `build.py`): a hamza left off a word the lexicon also accepts (`اكثر`), a hamzat wasl written
//! with a hamza again and again (`الإجتماعية`), final ي for ى, old hamza seats (`الطارىء`), and
//! real-word slips (`تأست`, `بصفحة`). Scored with the gold scorer behind `tadqiq-eval --gold`.
//! Prints every row; fails if fewer than 95% are found or fixed by the first suggestion, or if
//! anything outside the marked errors is flagged.

use std::path::Path;

use tadqiq_core::Linter;
use tadqiq_eval::goldset;

#[test]
fn the_slips_of_published_text_are_found_and_fixed_first() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/slips");
    let set = goldset::load(&dir).expect("fixtures/slips");
    assert!(set.rows.len() >= 40, "{} rows", set.rows.len());
    let report = goldset::run(&set, &Linter::new(), None).expect("scored");
    println!("{}", report.render(true));
    let (_, s) = &report.tools[0];
    let must = s.by_tier["must"];
    assert_eq!(must.rows, set.rows.len());
    assert!(
        must.found * 100 >= must.rows * 95,
        "found {} of {}",
        must.found,
        must.rows
    );
    assert!(
        must.fixed * 100 >= must.rows * 95,
        "fixed first {} of {}",
        must.fixed,
        must.rows
    );
    assert_eq!(
        s.outside, 0,
        "flagged outside the marked errors: {:?}",
        s.outside_list
    );
}
