//! `tadqiq/boilerplate`: web-page leftovers in scraped text (share buttons, comment prompts,
//! "read more" links, copyright footers, unrelated headlines after the article).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::rules::support::{
    entries, folded, in_prose, is_sentence_end, last_significant_char, lines, tokens_in, Line,
};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::{tokenize, Token, TokenKind};

crate::declare_rule! {
    /// Flags lines an editor must remove from text copied off a web page:
    ///
    /// - a line that is nothing but a page label: `أضف تعليق`, `اقرأ أيضاً`, `شارك هذا المقال`,
    ///   `لمزيد من التفاصيل اضغط هنا`, `تابعونا على تويتر`, `جميع الحقوق محفوظة © 2024`,
    ///   `الوسوم: العراق، الناتو`, `المصدر: وكالات`. The phrases are data
    ///   (`dictionaries/rules/boilerplate.txt`); they match whole lines only, ignoring
    ///   diacritics, tatweel, punctuation and the spelling of alef, ة/ه and ى/ي, so a sentence
    ///   that merely contains `اضغط هنا` is not flagged.
    /// - headlines of other articles pasted after the end of the article: three or more short
    ///   lines (4 to 15 words, no final punctuation) each set off by blank lines at the very end
    ///   of the text, after a body paragraph, sharing few words with the article. Subheadings of
    ///   the article itself are followed by its paragraphs, so they are not taken for these.
    ///
    /// The span is the line (or the block of headlines); the suggestion deletes it, and is not
    /// applied automatically.
    ///
    /// Example: a last line `اضف تعليق` after the article → delete the line.
    pub struct Boilerplate;
    id: "boilerplate", severity: Warning, summary: "web-page leftovers: share/comment/read-more lines, unrelated headlines";
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Tok {
    Word(Vec<u8>),
    Latin(String),
    Num,
    Colon,
}

#[derive(Debug)]
struct Pattern {
    words: Vec<Tok>,
    any_before: bool,
    any_after: bool,
}

/// Most words a wildcard may stand for, and most words in a line with a wildcard on both sides.
const MAX_EXTRA: usize = 12;
const MAX_CONTAINING: usize = 15;

fn to_toks(text: &str, tokens: &[Token]) -> Vec<Tok> {
    let mut out = Vec::new();
    for t in tokens {
        let s = t.text(text);
        match t.kind {
            TokenKind::Arabic => {
                if let Some(k) = folded(s) {
                    out.push(Tok::Word(k));
                }
            }
            TokenKind::Foreign => out.push(Tok::Latin(s.to_lowercase())),
            TokenKind::Number => out.push(Tok::Num),
            TokenKind::Punct if matches!(s, ":" | "：") => out.push(Tok::Colon),
            _ => {}
        }
    }
    out
}

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        entries(include_str!(
            "../../../../dictionaries/rules/boilerplate.txt"
        ))
        .map(|e| {
            let any_before = e.starts_with('*');
            let any_after = e.ends_with('*');
            let core = e.trim_matches('*').trim();
            let words = to_toks(core, &tokenize(core));
            assert!(!words.is_empty(), "boilerplate.txt: empty entry {e:?}");
            Pattern {
                words,
                any_before,
                any_after,
            }
        })
        .collect()
    })
}

/// Match `pat` against `line` starting at `at`; colons in the line may be skipped unless the
/// pattern asks for one. Returns where the match ends in `line`.
fn match_at(line: &[Tok], at: usize, pat: &[Tok]) -> Option<usize> {
    let mut j = at;
    for p in pat {
        while *p != Tok::Colon && line.get(j) == Some(&Tok::Colon) {
            j += 1;
        }
        if line.get(j) != Some(p) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn words_only(line: &[Tok]) -> usize {
    line.iter().filter(|t| **t != Tok::Colon).count()
}

fn matches(line: &[Tok], p: &Pattern) -> bool {
    // Colons at the edges of the line do not count (`اقرأ أيضاً:`).
    let mut a = 0;
    let mut b = line.len();
    while a < b && line[a] == Tok::Colon {
        a += 1;
    }
    while b > a && line[b - 1] == Tok::Colon {
        b -= 1;
    }
    let line = &line[a..b];
    if line.is_empty() {
        return false;
    }
    match (p.any_before, p.any_after) {
        (false, false) => match_at(line, 0, &p.words) == Some(line.len()),
        (false, true) => match_at(line, 0, &p.words)
            .is_some_and(|end| end < line.len() && words_only(&line[end..]) <= MAX_EXTRA),
        (true, false) => starts(line, &p.words, 1)
            .take_while(|&s| words_only(&line[..s]) <= MAX_EXTRA)
            .any(|s| match_at(line, s, &p.words) == Some(line.len())),
        (true, true) => {
            words_only(line) <= MAX_CONTAINING
                && starts(line, &p.words, 0).any(|s| match_at(line, s, &p.words).is_some())
        }
    }
}

/// The positions of `line` from `from` on where a match of `pat` may start. A match starting
/// on a colon the pattern does not ask for is the match starting after the colons, so those
/// positions are left out: trying each of them made a long run of colons quadratic. The
/// caller's `take_while` on the words before the start keeps the rest linear.
fn starts<'l>(line: &'l [Tok], pat: &[Tok], from: usize) -> impl Iterator<Item = usize> + 'l {
    let colon_first = pat.first() == Some(&Tok::Colon);
    (from..line.len()).filter(move |&s| colon_first || line[s] != Tok::Colon)
}

/// Tokens (words, spaces, punctuation) beyond which a line is prose, not a leftover.
const MAX_LINE_TOKENS: usize = 80;

fn is_boilerplate_line(doc: &Document<'_>, l: &Line) -> bool {
    let toks = tokens_in(doc, &l.content);
    // Boilerplate lines are short; a paragraph of prose need not be folded and matched.
    if toks.is_empty() || toks.len() > MAX_LINE_TOKENS {
        return false;
    }
    let line = to_toks(doc.text(), toks);
    if !line.iter().any(|t| matches!(t, Tok::Word(_))) {
        return false;
    }
    patterns().iter().any(|p| matches(&line, p))
}

/// Folded keys of the Arabic words of a line that carry content (four letters or more).
fn content_words(doc: &Document<'_>, l: &Line) -> Vec<Vec<u8>> {
    let text = doc.text();
    tokens_in(doc, &l.content)
        .iter()
        .filter(|t| t.kind == TokenKind::Arabic)
        .filter_map(|t| folded(t.text(text)))
        .filter(|k| k.len() >= 4)
        .collect()
}

fn word_count(doc: &Document<'_>, l: &Line) -> usize {
    tokens_in(doc, &l.content)
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::Arabic | TokenKind::Foreign | TokenKind::Number
            )
        })
        .count()
}

impl Boilerplate {
    fn push(
        out: &mut Vec<Diagnostic>,
        span: std::ops::Range<usize>,
        message: String,
        action: String,
    ) {
        out.push(
            Diagnostic::new(Self::META.id, Self::META.default_severity, span, message)
                .with_deletion(Applicability::Unsafe, action),
        );
    }

    /// Headlines of other articles after the last body paragraph.
    fn trailing_headlines(
        doc: &Document<'_>,
        all: &[Line],
        flagged: &HashSet<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = doc.text();
        // Walk back over the last lines: blank lines and flagged boilerplate are skipped,
        // headline-like lines set off by blank lines are collected.
        let mut heads: Vec<usize> = Vec::new();
        let mut i = all.len();
        let mut blank_after = true;
        let mut body = None;
        while i > 0 {
            i -= 1;
            let l = &all[i];
            if l.is_blank(text) {
                blank_after = true;
                continue;
            }
            if flagged.contains(&i) && heads.is_empty() {
                continue;
            }
            let n = word_count(doc, l);
            let last = last_significant_char(&text[l.content.clone()]);
            let headline = (4..=15).contains(&n)
                && !last.is_some_and(|c| is_sentence_end(c) || matches!(c, ':' | '،' | '؛' | ','))
                && in_prose(doc, &l.content);
            let blank_before = i == 0 || all[i - 1].is_blank(text);
            if headline && blank_after && blank_before {
                heads.push(i);
                blank_after = false;
                continue;
            }
            if headline && blank_after && !heads.is_empty() {
                // A short line glued to the line above it: not a block of separate headlines.
                return;
            }
            body = Some(i);
            break;
        }
        let Some(body) = body else {
            return;
        };
        if heads.len() < 3 {
            return;
        }
        let b = &all[body];
        let body_like = word_count(doc, b) > 15
            || last_significant_char(&text[b.content.clone()]).is_some_and(is_sentence_end);
        if !body_like {
            return;
        }
        // The headlines must be about something else: most of their content words are new.
        let article: HashSet<Vec<u8>> = all[..=body]
            .iter()
            .flat_map(|l| content_words(doc, l))
            .collect();
        let unrelated = heads
            .iter()
            .filter(|&&h| {
                let ws = content_words(doc, &all[h]);
                let known = ws.iter().filter(|w| article.contains(*w)).count();
                !ws.is_empty() && known * 2 < ws.len()
            })
            .count();
        if unrelated * 3 < heads.len() * 2 {
            return;
        }
        let first = &all[*heads.last().expect("three or more")];
        let last = &all[heads[0]];
        Self::push(
            out,
            first.content.start..last.content.end,
            format!(
                "{} unrelated headlines after the article (other articles' titles)",
                heads.len()
            ),
            format!("remove these {} headlines", heads.len()),
        );
    }
}

impl Rule for Boilerplate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let all = lines(doc);
        let mut flagged = HashSet::new();
        for (i, l) in all.iter().enumerate() {
            if l.is_blank(text) || !is_boilerplate_line(doc, l) {
                continue;
            }
            flagged.insert(i);
            let shown = text[l.content.clone()].trim();
            Self::push(
                out,
                l.content.clone(),
                format!("«{shown}» is a web-page leftover, not part of the article"),
                "remove this line".to_string(),
            );
        }
        Self::trailing_headlines(doc, &all, &flagged, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    fn found(text: &str) -> Vec<String> {
        lint_rule("boilerplate", text)
            .into_iter()
            .map(|(_, w, _)| w)
            .collect()
    }

    const BODY: &str = "يذكر أن انسحاب قوات التحالف في 2011 أسفر عن تداعيات أمنية خطيرة، حيث استغلت الجماعات الإرهابية الوضع.";

    #[test]
    fn flags_whole_boilerplate_lines() {
        let text = format!("{BODY}\n\nاضف تعليق");
        assert_eq!(found(&text), vec!["اضف تعليق"]);
        let d = lint_rule("boilerplate", &text);
        assert_eq!(d[0].2, vec![""]);
        assert_eq!(d[0].0.action.as_deref(), Some("remove this line"));
        let text = format!("{BODY}\nيمكنك قراءة المزيد في المصدر.\nلمزيد من التفاصيل اضغط هنا.\n");
        assert_eq!(
            found(&text),
            vec![
                "يمكنك قراءة المزيد في المصدر.",
                "لمزيد من التفاصيل اضغط هنا."
            ]
        );
        let text = format!("{BODY}\nاقرأ أيضاً: الناتو يوسع مهمته في العراق\n© 2024 جميع الحقوق محفوظة لـ موقع الأخبار\nتابعونا على تويتر وفيسبوك");
        assert_eq!(found(&text).len(), 3, "{:?}", found(&text));
    }

    #[test]
    fn sentences_that_mention_a_phrase_stay_silent() {
        for text in [
            "وقال المتحدث إن على المواطنين أن يضغطوا هنا وهناك، اضغط هنا للمزيد من الأخبار عن الموضوع الذي يشغل الرأي العام في العراق منذ سنوات طويلة.",
            "المصدر الذي تحدث للوكالة قال إن الاجتماع سيعقد الأسبوع المقبل في بغداد بحضور ممثلين عن الحلف وعن الحكومة العراقية",
            "وأضاف: شارك هذا المقال في النقاش العام حول دور الناتو.",
            "تعزيز التعاون الأمني العراقي مع حلف الناتو",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn flags_unrelated_headlines_after_the_article() {
        let text = format!(
            "بعثة الناتو في العراق\n\n{BODY}\n\nأطباء غزة المنهكون من التعب والجوع يسابقون الزمن لإنقاذ المرضى\n\n\nما بعد الاعتراف: تحديات قيام دولة فلسطينية هائلة\n\n\nالبرهان يضغط على التشكيلات المسلحة لإخلاء الخرطوم قبل تولي حكومة إدريس مهامها\n"
        );
        let d = found(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("أطباء غزة") && d[0].ends_with("مهامها"));
    }

    #[test]
    fn subheadings_followed_by_paragraphs_stay_silent() {
        let text = format!(
            "مهام الناتو في العراق\n\n{BODY}\n\nتعزيز التعاون الأمني مع الحلف\n\n{BODY}\n\nاستمرار التعاون بين العراق والبعثة\n\n{BODY}\n\nالتحديات والسلام الإقليمي والدولي\n\n{BODY}\n"
        );
        assert!(found(&text).is_empty());
        // Short closing lines that repeat the article's words are not unrelated headlines.
        let text = format!(
            "{BODY}\n\nانسحاب قوات التحالف أسفر عن تداعيات أمنية\n\nالجماعات الإرهابية استغلت الوضع الأمني\n\nتداعيات أمنية خطيرة بعد انسحاب قوات التحالف\n"
        );
        assert!(found(&text).is_empty());
    }
}
