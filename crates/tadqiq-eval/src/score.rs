//! Scoring a tool's flags against the injected errors.
//!
//! A *flag* is a span a tool marks, with its first suggestion. An error is *detected* when a flag
//! overlaps its span, and *fixed* when the first suggestion of such a flag, put in place of the
//! flagged span, gives the text the error's fix would give (diacritics and runs of spaces
//! ignored, as in the gold scoring). Precision is over distinct flagged spans: a flag on no error
//! is a false alarm. Errors that turned a word into another known word (real-word errors) are
//! counted both ways: with all errors, and left out (with the flags on them) for the non-word
//! figures.
//!
//! A flag the tool already raised on the clean text (same rule, same place once the injected
//! errors are allowed for) is *pre-existing*: it was not caused by the injection, so it detects no
//! error (a long flag, such as a repeated paragraph, may happen to cover one). It counts as a false
//! alarm in precision, as every flag on the clean text does in the clean-text row; on a corpus
//! with real errors of its own both are upper bounds.

use std::collections::HashSet;
use std::ops::Range;

use crate::gold::canonical;
use crate::inject::Injected;

/// One span a tool marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The rule that raised it (`hunspell` for Hunspell).
    pub rule: &'static str,
    pub span: Range<usize>,
    /// The first suggestion, if the tool gave one.
    pub suggestion: Option<String>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    // An empty span (an insertion point) overlaps a span it touches.
    if a.is_empty() || b.is_empty() {
        return a.start <= b.end && b.start <= a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Does putting `sugg` in place of `flag` in `text` restore what the error's fixes restore?
pub fn restores(text: &str, e: &Injected, flag: &Range<usize>, sugg: &str) -> bool {
    // The two spans and two chars of context either side (so that a space the fix needs at
    // an edge is not lost when runs of spaces are collapsed).
    let mut w = flag.start.min(e.span.start)..flag.end.max(e.span.end);
    for _ in 0..2 {
        if let Some(c) = text[..w.start].chars().next_back() {
            w.start -= c.len_utf8();
        }
        if let Some(c) = text[w.end..].chars().next() {
            w.end += c.len_utf8();
        }
    }
    let mut ours = String::with_capacity(w.len() + sugg.len());
    ours.push_str(&text[w.start..flag.start]);
    ours.push_str(sugg);
    ours.push_str(&text[flag.end..w.end]);
    let ours = canonical(&ours);
    e.fixes.iter().any(|fix| {
        let mut theirs = String::with_capacity(w.len() + fix.len());
        theirs.push_str(&text[w.start..e.span.start]);
        theirs.push_str(fix);
        theirs.push_str(&text[e.span.end..w.end]);
        canonical(&theirs) == ours
    })
}

/// Flags of the clean text, as (start, end, rule) in the injected text.
pub type PreExisting = HashSet<(usize, usize, &'static str)>;

/// Move the clean text's `flags` to where they are in the injected text, whose `errors` (sorted,
/// disjoint) each replaced `fixes[0]` of the clean text by their span. A flag with an end inside
/// an error's clean range cannot be placed and is left out (a flag on the injected text there is
/// then judged as any other).
pub fn pre_existing(clean_flags: &[Flag], errors: &[Injected]) -> PreExisting {
    // Each error's range in the clean text and the shift (injected − clean) after it.
    let mut shifts: Vec<(Range<usize>, isize)> = Vec::with_capacity(errors.len());
    let mut delta: isize = 0;
    for e in errors {
        let start = (e.span.start as isize - delta) as usize;
        let clean = start..start + e.fixes[0].len();
        delta += e.span.len() as isize - e.fixes[0].len() as isize;
        shifts.push((clean, delta));
    }
    // The injected position of clean position `x`, unless it falls inside a replaced range.
    let place = |x: usize, is_end: bool| -> Option<usize> {
        let i = shifts.partition_point(|(r, _)| r.end <= x && !(is_end && r.start == x));
        if let Some((r, _)) = shifts.get(i) {
            let inside = if is_end {
                r.start < x
            } else {
                r.start < x || (r.start == x && !r.is_empty())
            };
            if inside {
                return None;
            }
        }
        let d = if i == 0 { 0 } else { shifts[i - 1].1 };
        Some((x as isize + d) as usize)
    };
    clean_flags
        .iter()
        .filter_map(|f| {
            let s = place(f.span.start, false)?;
            let e = place(f.span.end, true)?;
            Some((s, e, f.rule))
        })
        .collect()
}

/// What a flag is, once matched against the errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagClass {
    /// Raised on the clean text already: not counted.
    PreExisting,
    /// On no error: a false alarm.
    FalseAlarm,
    /// On at least one non-word error.
    OnError,
    /// Only on real-word errors.
    OnRealWord,
}

/// The flags of one document matched against its errors.
#[derive(Clone, Debug, Default)]
pub struct Matched {
    /// For each error, the indices of the flags on it.
    pub hits: Vec<Vec<usize>>,
    /// For each distinct flagged span (the first flag with that span), its class; flags with
    /// a span seen before are `None`.
    pub classes: Vec<Option<FlagClass>>,
}

/// Match `flags` (any order) against `errors` (sorted, disjoint); flags in `pre` were raised on
/// the clean text already and match nothing.
pub fn match_flags(errors: &[Injected], flags: &[Flag], pre: &PreExisting) -> Matched {
    let mut hits = vec![Vec::new(); errors.len()];
    let mut classes = Vec::with_capacity(flags.len());
    let mut seen: HashSet<(usize, usize)> = Default::default();
    let mut seen_pre: HashSet<(usize, usize)> = Default::default();
    for (fi, f) in flags.iter().enumerate() {
        if pre.contains(&(f.span.start, f.span.end, f.rule)) {
            classes.push(
                seen_pre
                    .insert((f.span.start, f.span.end))
                    .then_some(FlagClass::PreExisting),
            );
            continue;
        }
        // Errors are sorted by start and disjoint: look from the first that may overlap.
        let from = errors.partition_point(|e| e.span.end < f.span.start);
        let mut on_error = false;
        let mut on_real = false;
        for (ei, e) in errors.iter().enumerate().skip(from) {
            if e.span.start > f.span.end {
                break;
            }
            if overlaps(&f.span, &e.span) {
                hits[ei].push(fi);
                if e.real_word {
                    on_real = true;
                } else {
                    on_error = true;
                }
            }
        }
        classes.push(
            seen.insert((f.span.start, f.span.end))
                .then_some(if on_error {
                    FlagClass::OnError
                } else if on_real {
                    FlagClass::OnRealWord
                } else {
                    FlagClass::FalseAlarm
                }),
        );
    }
    Matched { hits, classes }
}

/// Counts for one tool on one run (summed over documents).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub real_word: usize,
    pub detected: usize,
    pub detected_real_word: usize,
    /// Detected errors whose fix was checked (all of them, or a sample for a slow tool).
    pub fix_checked: usize,
    pub fixed: usize,
    /// Distinct flagged spans, by class (pre-existing ones apart).
    pub flags_false: usize,
    pub flags_on_error: usize,
    pub flags_on_real_word: usize,
    /// Distinct flagged spans raised on the clean text already: false alarms that detect nothing.
    pub flags_pre_existing: usize,
}

/// A fraction, 0 when the denominator is.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.errors += o.errors;
        self.real_word += o.real_word;
        self.detected += o.detected;
        self.detected_real_word += o.detected_real_word;
        self.fix_checked += o.fix_checked;
        self.fixed += o.fixed;
        self.flags_false += o.flags_false;
        self.flags_on_error += o.flags_on_error;
        self.flags_on_real_word += o.flags_on_real_word;
        self.flags_pre_existing += o.flags_pre_existing;
    }

    /// Distinct flagged spans, pre-existing ones included.
    pub fn flags(&self) -> usize {
        self.flags_false + self.flags_on_error + self.flags_on_real_word + self.flags_pre_existing
    }

    /// Precision, recall and F1 over all errors.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.flags_on_error + self.flags_on_real_word, self.flags());
        let r = ratio(self.detected, self.errors);
        (p, r, f1(p, r))
    }

    /// Precision, recall and F1 with the real-word errors (and the flags on them) left out.
    pub fn prf_non_word(&self) -> (f64, f64, f64) {
        let p = ratio(
            self.flags_on_error,
            self.flags_on_error + self.flags_false + self.flags_pre_existing,
        );
        let r = ratio(
            self.detected - self.detected_real_word,
            self.errors - self.real_word,
        );
        (p, r, f1(p, r))
    }

    /// Share of the checked first suggestions that restore the original.
    pub fn fix_rate(&self) -> f64 {
        ratio(self.fixed, self.fix_checked)
    }
}

/// Per-error outcome, for the tally and the dump.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorOutcome {
    pub detected: bool,
    /// `None` when not detected or not checked.
    pub fixed: Option<bool>,
    /// The first suggestion of the first flag on the error.
    pub suggestion: Option<String>,
}

/// Tally one document. `check_fix(i)` says whether to check the fix of error `i` (all, for
/// tadqiq; a sample for Hunspell, whose suggestions are slow).
pub fn tally_doc(
    text: &str,
    errors: &[Injected],
    flags: &[Flag],
    m: &Matched,
    mut check_fix: impl FnMut(usize) -> bool,
) -> (Tally, Vec<ErrorOutcome>) {
    let mut t = Tally {
        errors: errors.len(),
        real_word: errors.iter().filter(|e| e.real_word).count(),
        ..Default::default()
    };
    let mut outcomes = Vec::with_capacity(errors.len());
    for (i, e) in errors.iter().enumerate() {
        let hits = &m.hits[i];
        let mut o = ErrorOutcome {
            detected: !hits.is_empty(),
            ..Default::default()
        };
        if o.detected {
            t.detected += 1;
            t.detected_real_word += e.real_word as usize;
            o.suggestion = flags[hits[0]].suggestion.clone();
            if check_fix(i) {
                let fixed = hits.iter().any(|&fi| {
                    flags[fi]
                        .suggestion
                        .as_deref()
                        .is_some_and(|s| restores(text, e, &flags[fi].span, s))
                });
                t.fix_checked += 1;
                t.fixed += fixed as usize;
                o.fixed = Some(fixed);
            }
        }
        outcomes.push(o);
    }
    for c in m.classes.iter().flatten() {
        match c {
            FlagClass::FalseAlarm => t.flags_false += 1,
            FlagClass::OnError => t.flags_on_error += 1,
            FlagClass::OnRealWord => t.flags_on_real_word += 1,
            FlagClass::PreExisting => t.flags_pre_existing += 1,
        }
    }
    (t, outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inject::ErrorKind;

    fn err(text: &str, at: &str, fixes: &[&str], real_word: bool) -> Injected {
        let s = text.find(at).unwrap();
        Injected {
            kind: ErrorKind::Squeeze,
            span: s..s + at.len(),
            original: fixes[0].to_string(),
            fixes: fixes.iter().map(|f| f.to_string()).collect(),
            real_word,
        }
    }

    #[test]
    fn detection_fixes_and_false_alarms() {
        let text = "تطرق القاء إلى التحديات مع رئيس الجنة العسكرية";
        let errors = vec![
            err(text, "القاء", &["اللقاء"], false),
            err(text, "الجنة", &["اللجنة"], true),
        ];
        let at = |w: &str| text.find(w).unwrap()..text.find(w).unwrap() + w.len();
        let flags = vec![
            Flag {
                rule: "spelling",
                span: at("القاء"),
                suggestion: Some("اللقاء".into()),
            },
            Flag {
                rule: "spelling",
                span: at("التحديات"),
                suggestion: None,
            },
        ];
        let m = match_flags(&errors, &flags, &PreExisting::new());
        let (t, o) = tally_doc(text, &errors, &flags, &m, |_| true);
        assert_eq!(
            (t.detected, t.fixed, t.flags_false, t.flags_on_error),
            (1, 1, 1, 1)
        );
        assert_eq!(o[1], ErrorOutcome::default());
        let (p, r, _) = t.prf();
        assert_eq!((p, r), (0.5, 0.5));
        let (p, r, _) = t.prf_non_word();
        assert_eq!((p, r), (0.5, 1.0));
    }

    #[test]
    fn flags_of_the_clean_text_are_placed_and_left_out() {
        let clean = "انتهت الوزارة من إعداد الخطة الى الان";
        let text = "انتهت الوزارة من من إعداد الخة الى الان";
        let at = |t: &str, w: &str| t.find(w).unwrap()..t.find(w).unwrap() + w.len();
        // A copy of `من` inserted after it, and a letter dropped from `الخطة`.
        let copy = text.find(" من إعداد").unwrap();
        let errors = vec![
            Injected {
                kind: ErrorKind::RepeatedWord,
                span: copy..copy + " من".len(),
                original: String::new(),
                fixes: vec![String::new()],
                real_word: false,
            },
            Injected {
                kind: ErrorKind::Drop,
                span: at(text, "الخة"),
                original: "الخطة".into(),
                fixes: vec!["الخطة".into()],
                real_word: false,
            },
        ];
        let flag = |rule: &'static str, span: Range<usize>| Flag {
            rule,
            span,
            suggestion: None,
        };
        let clean_flags = vec![
            flag("hamza", at(clean, "الى")),
            // A flag over the whole paragraph, which covers both errors.
            flag("repeated-sentence", 0..clean.len()),
            // A flag on a word an error then damaged cannot be placed.
            flag("spelling", at(clean, "الخطة")),
            // Nor one ending inside a damaged word.
            flag("x", 0..at(clean, "الخطة").start + 2),
        ];
        let pre = pre_existing(&clean_flags, &errors);
        let hamza = at(text, "الى");
        assert_eq!(
            pre,
            PreExisting::from([
                (hamza.start, hamza.end, "hamza"),
                (0, text.len(), "repeated-sentence"),
            ])
        );
        let flags = vec![
            flag("hamza", hamza.clone()),
            flag("repeated-sentence", 0..text.len()),
            flag("spelling", at(text, "الخة")),
            // Same place, another rule: new.
            flag("spelling", hamza),
        ];
        let m = match_flags(&errors, &flags, &pre);
        // The paragraph flag does not detect the repeated word.
        assert_eq!(m.hits, vec![vec![], vec![2]]);
        let (t, _) = tally_doc(text, &errors, &flags, &m, |_| true);
        assert_eq!(
            (
                t.detected,
                t.flags_on_error,
                t.flags_false,
                t.flags_pre_existing
            ),
            (1, 1, 1, 2)
        );
    }

    #[test]
    fn a_fix_may_cover_more_or_less_than_the_error() {
        // A repeated word: the error is the inserted copy with its space; a tool that flags the
        // copy alone and deletes it restores the text all the same.
        let text = "انتهت الوزارة من من إعداد الخطة";
        let s = text.find(" من إعداد").unwrap();
        let e = Injected {
            kind: ErrorKind::RepeatedWord,
            span: s..s + " من".len(),
            original: String::new(),
            fixes: vec![String::new()],
            real_word: false,
        };
        let copy = s + 1..s + " من".len();
        assert!(restores(text, &e, &copy, ""));
        assert!(restores(text, &e, &e.span, ""));
        assert!(!restores(text, &e, &copy, "في"));
    }
}
