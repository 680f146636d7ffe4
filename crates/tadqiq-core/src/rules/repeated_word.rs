//! `tadqiq/repeated-word`: the same word written twice in a row.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::dict::Known;
use crate::document::{Document, Word};
use crate::keymap::k;
use crate::rules::support::{entries, fold_key, folded, folded_words, latin_letter_names};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TokenKind;

crate::declare_rule! {
    /// Flags a word written twice in a row with only spaces between (`من من`, `على على`,
    /// `في في`), the commonest slip of editing; the fix deletes the second one. Diacritics are
    /// ignored in the comparison; a line break or a punctuation mark between the two ends the
    /// check, and so does a word glued to a digit or Latin text.
    ///
    /// Legitimate repeats are data (`dictionaries/rules/repeated-ok.txt`): emphasis of particles
    /// (`لا لا`, `نعم نعم`), gradation and distribution (`رويدا رويدا`, `خطوة خطوة`), set phrases
    /// (`ولي ولي العهد`, `هو هو`), and words after which a repeat is grammatical (`إذا وعد وعد`,
    /// `العلاقات العربية العربية`). Also accepted: a repeat written with explicit tanween
    /// (`رويداً رويداً`), a one-letter word (initials: `م ع ع`), two words vowelled differently
    /// (`انتقد الكتّابُ الكتّابَ`: subject and object), a word written three times or more
    /// (deliberate), a pair that is all of a quoted title (`«دق دق»`), letter names in
    /// transliterated acronyms (`بي بي سي`, `سي إن إن`;
    /// `dictionaries/rules/latin-letter-names.txt`), and `مَن مِن` in a question
    /// (`من من اللاعبين سيفوز؟`). A word the lexicon lacks (a name, a transliteration) written
    /// twice is a warning whose deletion is never applied unseen: names repeat (`مونغ مونغ خين`).
    ///
    /// Example: `انتهت الوزارة من من إعداد الخطة` → `انتهت الوزارة من إعداد الخطة`.
    pub struct RepeatedWord;
    id: "repeated-word", severity: Error, summary: "a word written twice in a row: `من من`";
}

struct Lists {
    /// Words that may always repeat (folded keys).
    words: HashSet<Vec<u8>>,
    /// Phrases in which a repeat is accepted (folded keys of their words).
    phrases: Vec<Vec<Vec<u8>>>,
    /// Words after which a repeat is accepted (`إذا وعد وعد`, `العلاقات العربية العربية`),
    /// unless the repeated word is a function word.
    after: HashSet<Vec<u8>>,
    function_words: HashSet<Vec<u8>>,
    /// `من`, which repeats legitimately in `مَن مِن ...؟`.
    man: Vec<u8>,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = Lists {
            words: HashSet::new(),
            phrases: Vec::new(),
            after: HashSet::new(),
            function_words: HashSet::new(),
            man: folded("من").expect("Arabic"),
        };
        for e in entries(include_str!(
            "../../../../dictionaries/rules/repeated-ok.txt"
        )) {
            if let Some(w) = e.strip_prefix('-') {
                l.function_words
                    .insert(folded(w).expect("repeated-ok.txt: Arabic"));
                continue;
            }
            if let Some(w) = e.strip_suffix('*') {
                let ws = folded_words(w);
                assert!(ws.len() == 1, "repeated-ok.txt: one word before `*`: {e:?}");
                l.after.extend(ws);
                continue;
            }
            let ws = folded_words(e);
            match ws.len() {
                0 => panic!("repeated-ok.txt: not Arabic: {e:?}"),
                1 => {
                    l.words.extend(ws);
                }
                _ => l.phrases.push(ws),
            }
        }
        l
    })
}

/// A key without a leading conjunction `و` or `ف`.
fn bare(key: &[u8]) -> &[u8] {
    match key {
        [c, rest @ ..] if rest.len() >= 2 && matches!(*c, k::WAW | k::FEH) => rest,
        _ => key,
    }
}

fn fkey(doc: &Document<'_>, w: &Word) -> Vec<u8> {
    let mut k = doc.key(w).to_vec();
    fold_key(&mut k);
    k
}

/// Does a listed phrase cover the repeat of words `i - 1` and `i`?
fn in_phrase(doc: &Document<'_>, i: usize, key: &[u8]) -> bool {
    let words = doc.words();
    lists().phrases.iter().any(|p| {
        (1..p.len()).any(|at| {
            if p[at] != key || p[at - 1] != key || at > i {
                return false;
            }
            let start = i - at;
            start + p.len() <= words.len()
                && (0..p.len()).all(|n| {
                    let w = &words[start + n];
                    let k = fkey(doc, w);
                    // The first word may carry a conjunction: `وما لله لله`.
                    (n == 0 || w.joined_prev) && (k == p[n] || (n == 0 && bare(&k) == p[n]))
                })
        })
    })
}

fn is_letter_name(doc: &Document<'_>, w: Option<&Word>, joined: bool) -> bool {
    w.is_some_and(|w| joined && latin_letter_names().all.contains(&fkey(doc, w)))
}

/// The token just before token `t` and the one just after token `u` are quotation marks.
fn quoted(doc: &Document<'_>, t: usize, u: usize) -> bool {
    let toks = doc.tokens();
    let text = doc.text();
    let open = t
        .checked_sub(1)
        .is_some_and(|p| matches!(toks[p].text(text), "«" | "\"" | "“" | "'"));
    let close = toks
        .get(u + 1)
        .is_some_and(|n| matches!(n.text(text), "»" | "\"" | "”" | "'"));
    open && close
}

/// `مَن مِن ...؟`: the sentence from token `t` on ends with a question mark.
fn in_question(doc: &Document<'_>, t: usize) -> bool {
    let text = doc.text();
    for tok in &doc.tokens()[t..] {
        match (tok.kind, tok.text(text)) {
            (TokenKind::Newline, _) => return false,
            (TokenKind::Punct, "؟" | "?") => return true,
            (TokenKind::Punct, "." | "!" | "؛" | ";") => return false,
            _ => {}
        }
    }
    false
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let words = doc.words();
        let l = lists();
        for i in 1..words.len() {
            let (p, w) = (&words[i - 1], &words[i]);
            if !w.joined_prev || p.glued || w.glued || doc.key(p) != doc.key(w) {
                continue;
            }
            // Three or more in a row is deliberate (`ينتظر وينتظر وينتظر`).
            let same = |o: &Word| bare(doc.key(o)) == bare(doc.key(w));
            let third_before = i >= 2 && p.joined_prev && same(&words[i - 2]);
            let third_after = words.get(i + 1).is_some_and(|n| n.joined_prev && same(n));
            if third_before || third_after {
                continue;
            }
            let (pt, wt) = (doc.word_text(p), doc.word_text(w));
            if pt.contains('\u{064B}') && wt.contains('\u{064B}') {
                continue;
            }
            // Vowelled differently, they are two words (`انتقد الكتّابُ الكتّابَ`).
            let vowelled = |s: &str| s.chars().any(|c| ('\u{064B}'..='\u{0652}').contains(&c));
            if vowelled(pt) && vowelled(wt) && pt != wt {
                continue;
            }
            let key = fkey(doc, w);
            // One letter: initials and acronyms (`م ع ع`, `ب ك ك`).
            if key.len() == 1 || l.words.contains(&key) || in_phrase(doc, i, &key) {
                continue;
            }
            let before = i
                .checked_sub(2)
                .map(|b| &words[b])
                .filter(|_| p.joined_prev);
            if !l.function_words.contains(&key)
                && before.is_some_and(|b| {
                    let k = fkey(doc, b);
                    l.after.contains(&k) || l.after.contains(bare(&k))
                })
            {
                continue;
            }
            let letters = latin_letter_names();
            if letters.all.contains(&key) {
                let before = i.checked_sub(2).map(|b| &words[b]);
                let after = words.get(i + 1);
                let neighbour = is_letter_name(doc, before, p.joined_prev)
                    || is_letter_name(doc, after, after.is_some_and(|a| a.joined_prev));
                if !letters.also_words.contains(&key) || neighbour {
                    continue;
                }
            }
            if quoted(doc, p.token as usize, w.token as usize) {
                continue;
            }
            if key == l.man && in_question(doc, w.token as usize) {
                continue;
            }
            let span = doc.word_span(p).end..doc.word_span(w).end;
            // A word the lexicon lacks, a name or a transliteration, may repeat in a name
            // (`مونغ مونغ خين`, `فرحات فرحات`): reported, but never deleted unseen.
            let common = cx.dict.known(doc.key(w)) == Some(Known::Lexicon);
            let (severity, applicability, message) = if common {
                (
                    Self::META.default_severity,
                    Applicability::Safe,
                    format!("«{wt}» is written twice"),
                )
            } else {
                (
                    crate::diagnostic::Severity::Warning,
                    Applicability::Unsafe,
                    format!("«{wt}» is written twice; a name may repeat, check it"),
                )
            };
            out.push(
                Diagnostic::new(Self::META.id, severity, span, message)
                    .with_deletion(applicability, format!("remove the repeated «{wt}»")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn flags_a_doubled_word_and_deletes_the_second() {
        let text = "وقال المتحدث إن الوزارة انتهت من من إعداد الخطة الجديدة";
        let d = lint_rule("repeated-word", text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, " من");
        assert_eq!(d[0].2, vec![""]);
        assert_eq!(d[0].0.action.as_deref(), Some("remove the repeated «من»"));
        let at = d[0].0.span.clone();
        let fixed = format!("{}{}", &text[..at.start], &text[at.end..]);
        assert_eq!(
            fixed,
            "وقال المتحدث إن الوزارة انتهت من إعداد الخطة الجديدة"
        );
        let d = lint_rule("repeated-word", "وصل الوفد في في الساعة العاشرة صباحا");
        assert_eq!(d[0].1, " في");
        let d = lint_rule(
            "repeated-word",
            "يعمل الفريق على على تطوير الخدمات الإلكترونية",
        );
        assert_eq!(d.len(), 1);
        let d = lint_rule("repeated-word", "وأكد أهمية التعاون في في مجال الأمن");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn a_name_written_twice_is_a_warning_not_a_safe_deletion() {
        use crate::diagnostic::{Applicability, Severity};
        let d = lint_rule(
            "repeated-word",
            "وأعلن رئيس الجمعية مونغ مونغ خين في بيان أن الأرقام سترتفع",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0.severity, Severity::Warning);
        assert_eq!(d[0].0.applicability, Applicability::Unsafe);
        let d = lint_rule("repeated-word", "وصل الوفد في في الساعة العاشرة صباحا");
        assert_eq!(d[0].0.applicability, Applicability::Safe);
    }

    #[test]
    fn legitimate_repeats_stay_silent() {
        for text in [
            "تتحسن الأوضاع رويدا رويدا في المدينة",
            "ونفذ المشروع خطوة خطوة",
            "واستقبل ولي ولي العهد الوفد الزائر",
            "ونقلت هيئة «بي بي سي» وقناة «سي إن إن» الخبر",
            "وتبنت منظمة بي كا كا الهجوم",
            "من من اللاعبين سيحسم المباراة؟",
            "حضر الجمهور عرض «دق دق» المسرحي",
            "وظل ينتظر وينتظر وينتظر دون جدوى",
            "من المملكة. من جهته قال الوزير",
            "قال الوزير في\nفي المؤتمر الصحفي",
            "وبقي الموقف هو هو دون تغيير",
            "تقدم الجيش شبراً شبراً",
            "وانتقد الكتّابُ الكتّابَ في الندوة",
            "وكان إذا وعد وعد بما يستطيع",
            "ودعا إلى وقف الاقتتال الليبي الليبي فورا",
            "وردد المثل القائل: ما لقيصر لقيصر وما لله لله",
            "وأشار التقرير إلى المتهم م ع ع دون ذكر اسمه",
            "وشرح المدرب الخطة مرحلة مرحلة",
        ] {
            let d = lint_rule("repeated-word", text);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }

    #[test]
    fn ambiguous_letter_names_need_a_neighbour() {
        assert!(lint_rule("repeated-word", "ونقلت قناة سي إن إن عن مسؤولين").is_empty());
        assert_eq!(
            lint_rule("repeated-word", "وأكد الوزير أن أن المشروع سيكتمل").len(),
            1
        );
        assert_eq!(
            lint_rule("repeated-word", "وقال إن إن المشروع سيكتمل").len(),
            1
        );
    }
}
