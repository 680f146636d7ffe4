//! `tadqiq/repeated-sentence`: a line or sentence that repeats another one of the same
//! document (pull quotes, pasted twice).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::rules::support::{
    fold_key, in_prose, is_sentence_end, last_significant_char, lines, tokens_in,
};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TokenKind;

crate::declare_rule! {
    /// Flags a line or sentence that says again, nearly word for word, what another line of the
    /// document says: the pull quotes of a web page (a paragraph's sentence set in large type
    /// between paragraphs, often slightly reordered), or a paragraph pasted twice.
    ///
    /// Two sentences of different lines are compared on their words (diacritics, tatweel, a
    /// leading `و` and the spelling of alef, ة/ه and ى/ي ignored), and must hold the same
    /// numbers. A standalone line of twelve words or more without final punctuation (a pull
    /// quote; not a list item, not a line ending with `:`) repeats a sentence when at least 80%
    /// of its words are found within a stretch of that sentence one and a half times its
    /// length. Any other sentence of ten words or more must repeat one of about its own length
    /// (within a quarter) with 90% of its words, all of them if it has fewer than fifteen: a
    /// lead summed up again, a quote reported twice in other words or a formula of the trade
    /// is a restatement, not a repeat. Of the two, the one reported is the pull quote if only
    /// one is, else the shorter, else the later; consecutive sentences repeating the same line
    /// are reported together. Lines of eight words or more repeated exactly are reported too
    /// (the later one). The title and whatever precedes the first paragraph are neither
    /// reported nor taken as the repeated line, since a lead often restates the headline.
    ///
    /// The note names the line repeated. The work is bounded: sentences are indexed by their
    /// rarest words, and each is compared with a few others at most.
    ///
    /// Example: a line `تجربة الناتو في العراق تجسد نموذجا عمليا لاستجابة الدول الشريكة` set
    /// between paragraphs, when a paragraph reads `وتجسد تجربة الناتو في العراق نموذجا عمليا
    /// لاستجابة الدول الشريكة ...` → delete the line.
    pub struct RepeatedSentence;
    id: "repeated-sentence", severity: Warning, summary: "a line or sentence repeated in the document (pull quotes)";
}

/// Shortest sentence compared, in words.
const MIN_WORDS: usize = 10;
/// Shortest standalone line taken for a pull quote (headlines are shorter).
const MIN_QUOTE: usize = 12;
/// Shortest line checked for exact repetition.
const MIN_EXACT: usize = 8;
/// Longest sentence taken as a candidate, and most words of another sentence looked at.
const MAX_WORDS: usize = 120;
const MAX_SCAN: usize = 400;
/// Words found in more sentences than this are no use as probes.
const MAX_POSTINGS: usize = 64;
/// Most sentences any one sentence is compared with.
const MAX_PEERS: usize = 24;

struct Unit {
    line: usize,
    span: Range<usize>,
    words: Vec<u64>,
    set: Vec<u64>,
    /// The numbers it holds (hashed): a repeat must hold the same numbers.
    numbers: Vec<u64>,
    /// The unit is its whole line and the line has no final punctuation (a pull quote).
    standalone: bool,
    /// The unit is its whole line.
    whole_line: bool,
}

fn hash(bytes: &[u8], tag: u8) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325 ^ tag as u64;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn units(doc: &Document<'_>) -> (Vec<Unit>, usize) {
    let text = doc.text();
    let all = lines(doc);
    let mut out = Vec::new();
    let mut first_body = usize::MAX;
    for (li, l) in all.iter().enumerate() {
        if l.is_blank(text) || !in_prose(doc, &l.content) {
            continue;
        }
        let toks = tokens_in(doc, &l.content);
        let last = last_significant_char(&text[l.content.clone()]);
        let ends = last.is_some_and(is_sentence_end);
        let n_words = toks
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Arabic | TokenKind::Foreign))
            .count();
        if first_body == usize::MAX && (ends || n_words > 15) {
            first_body = li;
        }
        let start_len = out.len();
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        let mut end = 0;
        let mut numbers = Vec::new();
        let flush = |out: &mut Vec<Unit>,
                     words: &mut Vec<u64>,
                     numbers: &mut Vec<u64>,
                     start: Option<usize>,
                     end: usize| {
            if let Some(s) = start {
                if !words.is_empty() {
                    let mut set = words.clone();
                    set.sort_unstable();
                    set.dedup();
                    out.push(Unit {
                        line: li,
                        span: s..end,
                        words: std::mem::take(words),
                        set,
                        numbers: std::mem::take(numbers),
                        standalone: false,
                        whole_line: false,
                    });
                }
            }
            words.clear();
            numbers.clear();
        };
        for t in toks {
            let s = t.text(text);
            match t.kind {
                TokenKind::Arabic => {
                    if let Some(mut k) = crate::keymap::encode(s) {
                        fold_key(&mut k);
                        let k = if k.len() >= 4 && k[0] == crate::keymap::k::WAW {
                            &k[1..]
                        } else {
                            &k[..]
                        };
                        words.push(hash(k, 0));
                    }
                }
                TokenKind::Foreign => words.push(hash(s.to_lowercase().as_bytes(), 1)),
                TokenKind::Number => {
                    words.push(hash(s.as_bytes(), 2));
                    numbers.push(hash(s.as_bytes(), 2));
                }
                _ => {}
            }
            if !matches!(t.kind, TokenKind::Space | TokenKind::Newline) {
                start.get_or_insert(t.start);
                end = t.end;
            }
            if t.kind == TokenKind::Punct && s.chars().all(is_sentence_end) {
                flush(&mut out, &mut words, &mut numbers, start.take(), end);
            }
        }
        flush(&mut out, &mut words, &mut numbers, start.take(), end);
        if out.len() == start_len + 1 {
            // A pull quote stands alone without final punctuation; a line ending with `:`
            // introduces what follows, and a list item (`* ...`, `- ...`, `1) ...`) heads a
            // section of its own.
            let line = text[l.content.clone()].trim_start();
            let list_item = line.starts_with(['*', '-', '•', '–', '—', '+'])
                || line
                    .split_once([')', '.', '-'])
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            let u = &mut out[start_len];
            u.whole_line = true;
            u.standalone = !ends && last != Some(':') && !list_item;
            u.span = l.content.clone();
        }
    }
    (out, first_body)
}

/// Fraction of `a`'s distinct words found in the best stretch of `b` of at most `width` words.
fn containment(a: &Unit, b: &Unit, width: usize) -> f64 {
    let bw = &b.words[..b.words.len().min(MAX_SCAN)];
    let width = width.min(bw.len());
    if width == 0 {
        return 0.0;
    }
    let in_a = |w: &u64| a.set.binary_search(w).is_ok();
    let mut counts: HashMap<u64, u32> = HashMap::default();
    let mut hits = 0usize;
    let mut best = 0usize;
    for (i, w) in bw.iter().enumerate() {
        if in_a(w) {
            let c = counts.entry(*w).or_default();
            if *c == 0 {
                hits += 1;
            }
            *c += 1;
        }
        if i >= width {
            let old = &bw[i - width];
            if in_a(old) {
                let c = counts.get_mut(old).expect("counted when it entered");
                *c -= 1;
                if *c == 0 {
                    hits -= 1;
                }
            }
        }
        best = best.max(hits);
    }
    best as f64 / a.set.len() as f64
}

/// Whether `a` rather than `b` is the one to report.
fn reported_first(a: &Unit, b: &Unit) -> bool {
    if a.standalone != b.standalone {
        return a.standalone;
    }
    if a.words.len() != b.words.len() {
        return a.words.len() < b.words.len();
    }
    a.line > b.line
}

fn preview(text: &str, span: &Range<usize>) -> String {
    let s = &text[span.clone()];
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 10 {
        words.join(" ")
    } else {
        format!("{} …", words[..10].join(" "))
    }
}

impl Rule for RepeatedSentence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let (units, first_body) = units(doc);
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
        for (i, u) in units.iter().enumerate() {
            for &w in &u.set {
                postings.entry(w).or_default().push(i as u32);
            }
        }
        let mut reported: HashSet<usize> = HashSet::default();
        // (reported unit, unit it repeats, exactly)
        let mut hits: Vec<(usize, usize, bool)> = Vec::new();

        // Whole lines repeated exactly: the later one.
        let mut seen: HashMap<&[u64], usize> = HashMap::default();
        for (i, u) in units.iter().enumerate() {
            if !u.whole_line || u.words.len() < MIN_EXACT || u.line < first_body {
                continue;
            }
            match seen.get(u.words.as_slice()) {
                Some(&j) => {
                    reported.insert(i);
                    hits.push((i, j, true));
                }
                None => {
                    seen.insert(&u.words, i);
                }
            }
        }

        // Near repeats.
        for (i, a) in units.iter().enumerate() {
            if reported.contains(&i)
                || a.line < first_body
                || a.words.len() < MIN_WORDS
                || a.words.len() > MAX_WORDS
            {
                continue;
            }
            // Any sentence holding 80% of a's words holds one of its rarest fifth-plus-one.
            let mut probes: Vec<(usize, u64)> = a
                .set
                .iter()
                .map(|w| (postings.get(w).map_or(0, Vec::len), *w))
                .collect();
            probes.sort_unstable();
            let need = a.set.len() / 5 + 1;
            if probes.len() < need || probes[need - 1].0 > MAX_POSTINGS {
                continue;
            }
            let mut peers: Vec<u32> = probes[..need]
                .iter()
                .flat_map(|(_, w)| postings[w].iter().copied())
                .filter(|&j| units[j as usize].line != a.line)
                .collect();
            peers.sort_unstable();
            peers.dedup();
            peers.truncate(MAX_PEERS);
            let width = a.words.len() * 3 / 2 + 1;
            let hit = peers.iter().copied().find(|&j| {
                let b = &units[j as usize];
                // A pull quote may take a stretch of a longer sentence; a sentence inside a
                // paragraph must repeat a sentence of about its own length almost exactly, or
                // it is a restatement (a lead summed up again, a quote reported twice).
                let close = if b.line < first_body {
                    // A lead or a subheading may restate the title.
                    false
                } else if a.standalone {
                    a.words.len() >= MIN_QUOTE
                        && b.words.len() * 2 >= a.words.len()
                        && containment(a, b, width) >= 0.8
                } else {
                    // Short formulaic sentences (`وبحث الجانبان سبل تعزيز التعاون ...`) recur with
                    // a word changed; only an exact repeat of one counts.
                    let need = if a.set.len() < 15 { 1.0 } else { 0.9 };
                    b.words.len() * 4 <= a.words.len() * 5
                        && a.words.len() * 4 <= b.words.len() * 5
                        && containment(a, b, width) >= need
                };
                close
                    && reported_first(a, b)
                    && a.numbers.iter().all(|n| b.set.binary_search(n).is_ok())
            });
            if let Some(j) = hit {
                reported.insert(i);
                hits.push((i, j as usize, false));
            }
        }

        // One finding per stretch of consecutive sentences of a line repeating the same line.
        hits.sort_unstable();
        let mut k = 0;
        while k < hits.len() {
            let (i, j, exact) = hits[k];
            let mut last = i;
            let mut all_exact = exact;
            while let Some(&(i2, j2, e2)) = hits.get(k + 1) {
                if i2 == last + 1
                    && units[i2].line == units[i].line
                    && units[j2].line == units[j].line
                {
                    last = i2;
                    all_exact &= e2;
                    k += 1;
                } else {
                    break;
                }
            }
            k += 1;
            let (a, b) = (&units[i], &units[j]);
            let span = a.span.start..units[last].span.end;
            let line = b.line + 1;
            let what = if a.whole_line {
                "this line repeats"
            } else if last > i {
                "these sentences repeat"
            } else {
                "this sentence repeats"
            };
            let how = if all_exact {
                "exactly"
            } else {
                "nearly word for word"
            };
            let d = Diagnostic::new(
                Self::META.id,
                Self::META.default_severity,
                span,
                format!("{what} line {line} {how}"),
            )
            .with_note(format!("line {line}: «{}»", preview(text, &b.span)));
            out.push(if a.whole_line {
                d.with_deletion(
                    Applicability::Unsafe,
                    if last > i {
                        "remove these lines"
                    } else {
                        "remove this line"
                    },
                )
            } else {
                d
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    const P13: &str = "وتجسد تجربة الناتو في العراق نموذجا عمليا لاستجابة الدول الشريكة التي تسعى لتعزيز قدرتها على حماية سيادتها وأمن مواطنيها في بيئات معقدة ومتقلبة.";
    const P21: &str = "وتأسست بعثة الناتو في العراق في أكتوبر 2018 استجابة لطلب الحكومة العراقية، بهدف تقديم المشورة وبناء القدرات للقوات الأمنية العراقية، وتُنفذ أنشطتها بالتنسيق مع الحكومة العراقية وضمن إطار احترام سيادتها.";
    const OTHER: &str = "ويرى محللون عسكريون أن هذا النموذج يمكن تطبيقه في دول أخرى مثل لبنان وسوريا، تواجه تحديات أمنية مشابهة.";
    const LAST: &str = "وتعتمد البعثة أيضا على التنسيق مع الشركاء الدوليين مثل التحالف الدولي ضد داعش والاتحاد الأوروبي والأمم المتحدة.";

    #[test]
    fn flags_pull_quotes_before_or_after_their_paragraph() {
        let quote = "بعثة الناتو في العراق تأسست في أكتوبر 2018 استجابة لطلب الحكومة العراقية، بهدف تقديم المشورة وبناء القدرات للقوات الأمنية العراقية";
        let text = format!("{OTHER}\n\n{quote}\n\n{P21}\n\n{LAST}\n");
        let d = lint_rule("repeated-sentence", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].1, quote);
        assert!(d[0].0.message.contains("line 5"), "{}", d[0].0.message);
        assert_eq!(d[0].2, vec![""]);

        let quote = "تجربة الناتو في العراق تجسد نموذجا عمليا لاستجابة الدول الشريكة التي تسعى لتعزيز قدرتها على حماية سيادتها وأمن مواطنيها في بيئات معقدة ومتقلبة";
        let text = format!("{OTHER}\n\n{P13}\n\n{P21}\n\n{quote}\n\n{LAST}");
        let d = lint_rule("repeated-sentence", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].1, quote);
    }

    #[test]
    fn flags_a_paragraph_pasted_twice() {
        let text = format!("{P13}\n{P21}\n{P13}\n");
        let d = lint_rule("repeated-sentence", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0.span.start, P13.len() + P21.len() + 2);
    }

    #[test]
    fn headings_and_shared_phrases_stay_silent() {
        let text = format!(
            "بعثة الناتو في العراق تأسست في أكتوبر 2018 استجابة لطلب الحكومة العراقية\n\n{P21}\n\nآفاق التعاون الأمني العراقي مع حلف الناتو وآفاقه المستقبلية\n\nإن قراءة المسار الذي بدأه هذا اللقاء تفتح الباب أمام آفاق مفتوحة من التعاون الأمني العراقي مع حلف الناتو، مع الإبقاء على إطار التفاهم والاحترام المتبادل.\n"
        );
        let d = lint_rule("repeated-sentence", &text);
        assert!(d.is_empty(), "{d:?}");
    }
}
