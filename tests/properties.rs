//! Property tests (issue 7): on generated texts that mix real Arabic news words, known typos
//! (`القاء`, `المؤسات`, `الف`, `اضف تعليق`), diacritics, tatweel, punctuation, three digit
//! scripts, LF and CRLF line ends, a BOM, and bidi and zero-width controls:
//!
//! - every diagnostic span lies on char boundaries inside the text (plain text and Markdown);
//! - after a round of fixes, linting again never reports a fixed span for the same reason;
//! - `fix` converges and is idempotent: fixing its output changes nothing;
//! - bytes outside the fixed spans are unchanged: replaying the reported fixes, and nothing
//!   else, on the input gives the output.
//!
//! Case counts are kept small so the file runs in a few seconds in release builds
//! (`PROPTEST_CASES` raises them).

use std::sync::OnceLock;

use proptest::prelude::*;
use tadqiq_core::fix::{apply_edits, fix, select_edits, FixOptions};
use tadqiq_core::{LintOptions, Linter, SourceKind};

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        Linter::with_options(
            std::sync::Arc::new(tadqiq_core::Dictionary::embedded()),
            LintOptions {
                show_hints: true,
                ..Default::default()
            },
        )
    })
}

/// Words of Arabic news text, spelled right.
const WORDS: &[&str] = &[
    "قال",
    "الرئيس",
    "إن",
    "التعاون",
    "مستمر",
    "في",
    "مجالات",
    "التدريب",
    "الحكومة",
    "اللقاء",
    "الوزير",
    "العام",
    "الماضي",
    "المؤسسات",
    "الأوساط",
    "وكان",
    "ذلك",
    "على",
    "من",
    "إلى",
    "التحديات",
    "تطرق",
    "بعد",
    "إلقاء",
    "القبض",
    "ألف",
    "شخص",
    "الاجتماع",
    "مصر",
    "الأمم",
    "المتحدة",
    "أضف",
    "تعليق",
    "هذا",
    "التي",
    "تواجه",
    "الاقتصاد",
    "مليون",
    "دولار",
    "كيلومتر",
];

/// Known typos and phrases tadqiq fixes or flags.
const TYPOS: &[&str] = &[
    "القاء",
    "المؤسات",
    "الف",
    "اضف تعليق",
    "تطرق القاء إلى",
    "بعد القاء القبض",
    "الاجتماغ",
    "مسؤلون",
    "في في",
    "قال قال",
    "كيلو متر",
    "15,000 الف",
    "هذة",
    "الى",
];

const PUNCT: &[&str] = &[
    "،", ".", "؟", "!", ":", "؛", ",", ";", "?", "«", "»", "(", ")", "...", " ،", "،و", "-",
];

const NUMBERS: &[&str] = &["2021", "٢٠٢١", "۱۴۰۰", "12٣4", "٣٫٥", "1,000", "٪٥٠", "5"];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\t", " \n", "  \r\n", "\n\n\n\n",
];

/// Bidi and zero-width controls, and other invisible chars.
const INVISIBLE: &[&str] = &[
    "\u{200F}", "\u{200E}", "\u{061C}", "\u{202E}", "\u{202C}", "\u{2066}", "\u{2069}", "\u{200D}",
    "\u{200C}", "\u{200B}", "\u{FEFF}", "\u{2060}",
];

/// Harakat, shadda, sukun, tanween, superscript alef.
const MARKS: &[char] = &[
    '\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}',
    '\u{0670}',
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    (0..list.len()).prop_map(move |i| list[i].to_string())
}

/// A word, perhaps with a diacritic or a tatweel after one of its letters.
fn word() -> impl Strategy<Value = String> {
    let base = prop_oneof![6 => pick(WORDS), 3 => pick(TYPOS), 1 => pick(NUMBERS)];
    (
        base,
        0..8usize,
        0..MARKS.len(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(w, decoration, mark, at)| {
            let chars: Vec<char> = w.chars().collect();
            let k = at.index(chars.len());
            let mut out = String::new();
            for (i, c) in chars.iter().enumerate() {
                out.push(*c);
                if i == k {
                    match decoration {
                        0 => out.push(MARKS[mark]),
                        1 => out.push('\u{0640}'),
                        2 => out.push_str("\u{0640}\u{0640}\u{0640}"),
                        _ => {}
                    }
                }
            }
            out
        })
}

/// A piece of text between separators.
fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => word(),
        3 => pick(PUNCT),
        1 => pick(INVISIBLE),
        2 => (word(), pick(PUNCT)).prop_map(|(w, p)| format!("{w}{p}")),
    ]
}

/// A text of up to 60 items, perhaps starting with a BOM.
fn text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec((item(), pick(SEPARATORS)), 0..60),
    )
        .prop_map(|(bom, items)| {
            let mut t = String::new();
            if bom {
                t.push('\u{FEFF}');
            }
            for (w, sep) in items {
                t.push_str(&w);
                t.push_str(&sep);
            }
            t
        })
}

fn kind() -> impl Strategy<Value = SourceKind> {
    prop_oneof![3 => Just(SourceKind::Plain), 1 => Just(SourceKind::Markdown)]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn spans_lie_on_char_boundaries_inside_the_text(t in text(), kind in kind()) {
        for d in linter().lint(&t, kind) {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= t.len(), "{d:?}");
            prop_assert!(
                t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end),
                "{d:?} not on char boundaries"
            );
            for s in &d.suggestions {
                prop_assert!(!s.contains('\0'));
            }
        }
    }

    #[test]
    fn fixed_spans_are_not_reported_again_for_the_same_reason(t in text(), kind in kind()) {
        let linter = linter();
        let edits = select_edits(&t, &linter.lint(&t, kind), true);
        let fixed = apply_edits(&t, &edits);
        // Where each replacement landed in the fixed text.
        let mut shift = 0isize;
        let mut landed = Vec::new();
        for e in &edits {
            let start = (e.span.start as isize + shift) as usize;
            landed.push((e.rule, start..start + e.replacement.len()));
            shift += e.replacement.len() as isize - e.span.len() as isize;
        }
        for d in linter.lint(&fixed, kind) {
            prop_assert!(
                !landed.iter().any(|(rule, span)| *rule == d.rule && *span == d.span),
                "{} reported again at {:?} after its fix:\n{t:?}\n->\n{fixed:?}",
                d.rule,
                d.span
            );
        }
    }

    #[test]
    fn fix_converges_and_is_idempotent(t in text(), kind in kind(), unsafe_too in any::<bool>()) {
        let linter = linter();
        let options = FixOptions { unsafe_too, ..FixOptions::default() };
        let once = fix(linter, &t, kind, &options);
        prop_assert!(once.converged, "did not converge on {t:?}: {:?}", once.applied);
        let twice = fix(linter, &once.text, kind, &options);
        prop_assert!(twice.applied.is_empty(), "{:?}", twice.applied);
        prop_assert_eq!(&twice.text, &once.text);
    }

    #[test]
    fn bytes_outside_fixed_spans_are_unchanged(t in text(), kind in kind(), unsafe_too in any::<bool>()) {
        let options = FixOptions { unsafe_too, ..FixOptions::default() };
        let r = fix(linter(), &t, kind, &options);
        // Replay the reported fixes, round by round, and nothing else.
        let mut current = t.clone();
        let rounds = r.applied.iter().map(|a| a.round).max().unwrap_or(0);
        for round in 1..=rounds {
            let mut next = String::new();
            let mut at = 0;
            for a in r.applied.iter().filter(|a| a.round == round) {
                prop_assert!(a.span.start >= at, "fixes overlap: {:?}", r.applied);
                prop_assert_eq!(&current[a.span.clone()], a.before.as_str());
                next.push_str(&current[at..a.span.start]);
                next.push_str(&a.after);
                at = a.span.end;
            }
            next.push_str(&current[at..]);
            current = next;
        }
        prop_assert_eq!(&current, &r.text);
        prop_assert_eq!(t.starts_with('\u{FEFF}'), r.text.starts_with('\u{FEFF}'), "the BOM stays");
    }
}

/// The generated texts are not vacuous: many have fixes, and many have findings left.
#[test]
fn generated_texts_exercise_the_fixes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut fixed, mut findings, n) = (0, 0, 200);
    for _ in 0..n {
        let t = text().new_tree(&mut runner).unwrap().current();
        let r = fix(linter(), &t, SourceKind::Plain, &FixOptions::default());
        fixed += usize::from(r.changed());
        findings += usize::from(!r.remaining.is_empty());
    }
    assert!(fixed * 2 > n, "only {fixed} of {n} texts had fixes");
    assert!(
        findings * 4 > n,
        "only {findings} of {n} texts had findings left"
    );
}

/// Found by `bytes_outside_fixed_spans_are_unchanged`: the boilerplate rule's span of a first
/// line took the BOM with it, so `fix --unsafe` deleted the BOM.
#[test]
fn a_bom_survives_deleting_the_first_line() {
    let options = FixOptions {
        unsafe_too: true,
        ..FixOptions::default()
    };
    for t in [
        "\u{FEFF}اضف تعليق\nقال الوزير إن التعاون مستمر.\n",
        "\u{FEFF}ا\u{64b}ضف تعليق، ",
    ] {
        let r = fix(linter(), t, SourceKind::Plain, &options);
        assert!(
            r.applied.iter().any(|a| a.rule == "boilerplate"),
            "{:?}",
            r.applied
        );
        assert!(r.text.starts_with('\u{FEFF}'), "{:?}", r.text);
        assert!(!r.text.contains("تعليق"), "{:?}", r.text);
    }
}
