//! Building findings from the word analysis: the misspelled words and the real-word slips of a
//! document, reported as a rule's diagnostics. `spell` answers questions about words; the
//! spelling-family rules (`spelling`, `hamza`, `hamza-wasl`, `taa-marbuta`, `alef-maqsura`,
//! `confusion`) turn its answers into findings here, each with its own selection.

use super::consistency::listed_variants;
use super::names;
use crate::spell::{context, neighbours, realword, Candidate, Verdict, MIN_PAIR_EVIDENCE};

/// Report, as `meta`'s findings, the misspelled words whose fix `select(word key, fix)` takes.
pub fn report_misspelled(
    cx: &crate::rules::Context<'_>,
    meta: &'static crate::rules::RuleMeta,
    select: impl Fn(&[u8], &Candidate) -> bool,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    use crate::diagnostic::{Applicability, Diagnostic};
    for (i, w) in cx.doc.words().iter().enumerate() {
        let Verdict::Misspelled {
            candidates, safe, ..
        } = cx.analysis.verdict(i)
        else {
            continue;
        };
        let fix = &candidates[0];
        if !select(cx.doc.key(w), fix) || listed_variants(cx.doc.key(w), &fix.key) {
            continue;
        }
        let word = cx.doc.word_text(w);
        let fix_text = fix.text();
        // A likely name is no finding, or a warning whose fix is never applied automatically.
        let weighing = names::weigh(
            cx.doc,
            cx.dict,
            cx.analysis.verdicts(),
            cx.names(),
            i,
            candidates,
        );
        let (severity, message, safe, note) = match weighing.outcome() {
            names::Outcome::Drop => continue,
            names::Outcome::Unsafe => (
                crate::diagnostic::Severity::Warning,
                format!("«{word}» may be a name; if it is not, did you mean «{fix_text}»?"),
                false,
                format!(
                    "may be a name: {}; else likely {}",
                    weighing
                        .clues
                        .iter()
                        .map(|c| c.describe())
                        .collect::<Vec<_>>()
                        .join(", "),
                    fix.class.describe()
                ),
            ),
            names::Outcome::Keep => (
                meta.default_severity,
                format!("«{word}» is not a known word; did you mean «{fix_text}»?"),
                *safe || context_confirms(cx, i, candidates),
                format!("likely {}", fix.class.describe()),
            ),
        };
        let d = Diagnostic::new(meta.id, severity, cx.doc.word_span(w), message)
            .with_suggestions(
                candidates.iter().map(Candidate::text).collect(),
                if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            )
            .with_note(note);
        out.push(d);
    }
}

/// Log10 margin by which the context must prefer a fix over every other near-free reading for
/// [`context_confirms`].
const CONTEXT_SAFE_MARGIN: f64 = 1.0;

/// A near-free (tier 0) fix that frequency alone does not make safe, because another near-free
/// reading is about as frequent (`القاء`: `اللقاء` or `إلقاء`), is safe when the context
/// decides: the fix is seen next to a neighbour at least [`MIN_PAIR_EVIDENCE`] times and the
/// bigram model prefers it to every other near-free reading by [`CONTEXT_SAFE_MARGIN`] (10x).
/// `تطرق القاء إلى` → `اللقاء` is safe; `بعد القاء القبض` (`إلقاء القبض`) is not.
fn context_confirms(cx: &crate::rules::Context<'_>, i: usize, candidates: &[Candidate]) -> bool {
    let Some(fix) = candidates.first() else {
        return false;
    };
    if fix.class.tier() != 0 {
        return false;
    }
    let (prev, next) = neighbours(cx.doc, i);
    if prev.is_none() && next.is_none() {
        return false;
    }
    let lm = context::Lm::new(cx.dict);
    let ev = lm.evidence(prev, &fix.key, next);
    if ev.left.max(ev.right) < MIN_PAIR_EVIDENCE {
        return false;
    }
    candidates[1..]
        .iter()
        .filter(|c| c.class.tier() == 0)
        .all(|c| ev.score - lm.evidence(prev, &c.key, next).score >= CONTEXT_SAFE_MARGIN)
}

/// Report, as `meta`'s findings, the real-word errors whose relation `select` accepts.
pub fn report_realword(
    cx: &crate::rules::Context<'_>,
    meta: &'static crate::rules::RuleMeta,
    select: impl Fn(realword::Relation) -> bool,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    use crate::diagnostic::{Applicability, Diagnostic};
    for (i, fix) in cx.realword().iter().enumerate() {
        let Some(fix) = fix else { continue };
        let w = &cx.doc.words()[i];
        if !select(fix.relation) || listed_variants(cx.doc.key(w), &fix.key) {
            continue;
        }
        let word = cx.doc.word_text(w);
        let text = fix.text();
        out.push(
            Diagnostic::new(
                meta.id,
                meta.default_severity,
                cx.doc.word_span(w),
                format!("«{word}» does not fit its context here; did you mean «{text}»?"),
            )
            .with_suggestions(vec![text], Applicability::Unsafe)
            .with_note(format!(
                "the neighbouring words are seen with «{}», never with «{word}» ({:.0}x likelier)",
                fix.text(),
                10f64.powf(fix.gain.min(9.0))
            )),
        );
    }
}
