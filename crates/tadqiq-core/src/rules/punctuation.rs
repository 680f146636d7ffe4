//! `tadqiq/punctuation`: spacing around Arabic punctuation, Latin marks between Arabic words,
//! and unbalanced brackets and guillemets.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::rules::support::{folded, latin_letter_names, lines};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::{Token, TokenKind};

crate::declare_rule! {
    /// Flags punctuation that is spaced or chosen wrongly in Arabic text:
    ///
    /// - no space after `،` `؛` `؟` `:` before an Arabic word: `الأوساط،وقد` → `الأوساط، وقد`;
    ///   after `.` only when an Arabic word follows and the dot is a single full stop (not a
    ///   decimal point, an ellipsis, or the dot of an abbreviation such as `د.` or `م.ال`);
    /// - a space before `،` `؛` `؟`: `الأوساط ، وقد` → `الأوساط، وقد`; before `.` `:` `!` that end
    ///   a clause of Arabic text: `الجديدة .` → `الجديدة.`, also after a closing bracket
    ///   (`(الوراثي) :`);
    /// - a space inside brackets or guillemets, next to a word: `( كيبلر )` → `(كيبلر)`,
    ///   `«الثورات العربية »` → `«الثورات العربية»` (not `( 1 )`, not the reversed `»الناتو«`);
    /// - a Latin `,` `;` `?` written after an Arabic word (and, for `,` `;`, before one):
    ///   `الأوساط, وقد` → `الأوساط، وقد`;
    /// - an opening or closing bracket `(` `)` or guillemet `«` `»` that nothing matches within
    ///   its paragraph (reported without a fix: only the author knows where it belongs).
    ///
    /// Numbers (`15,000`, `١٥,٠٠٠`, `10:30`, `3.5`), the delimiters of a row of a table
    /// (`محمد,الرياض,30`: see [`delimiter_of_a_row`]), URLs and e-mail addresses, Latin text (`e.g.`,
    /// `NTM-I`), acronyms and initials (`ان.بي.سي`, `إم.إتش`, `خالد.ع`) and, in Markdown,
    /// everything that is not prose are left alone. List markers (`1)`, `أ)`) and emoticons
    /// are not brackets, and a quotation that runs over several paragraphs may reopen `«` at
    /// the start of each one without closing the one before.
    ///
    /// Example: `بين العراق والناتو،وقد اتفق الطرفان` → `بين العراق والناتو، وقد اتفق الطرفان`.
    pub struct Punctuation;
    id: "punctuation", severity: Warning, summary: "spacing of Arabic punctuation, Latin marks in Arabic text, unbalanced brackets";
    folds: true;
}

fn tok_text<'a>(doc: &Document<'a>, i: usize) -> &'a str {
    doc.tokens()
        .get(i)
        .map(|t| t.text(doc.text()))
        .unwrap_or("")
}

fn kind(doc: &Document<'_>, i: Option<usize>) -> Option<TokenKind> {
    i.and_then(|i| doc.tokens().get(i)).map(|t| t.kind)
}

fn is_closing(s: &str) -> bool {
    matches!(s, ")" | "»" | "\"" | "”" | "’" | "]" | "'")
}

fn letters(doc: &Document<'_>, i: usize) -> usize {
    doc.tokens()
        .get(i)
        .filter(|t| t.kind == TokenKind::Arabic)
        .and_then(|t| crate::keymap::encode(t.text(doc.text())))
        .map_or(usize::MAX, |k| k.len())
}

/// A one-letter word: the dot after it is an abbreviation's (`د.`, `م.ال`, `أ.د`).
fn one_letter_word(doc: &Document<'_>, i: usize) -> bool {
    letters(doc, i) == 1
}

/// The Arabic name of a Latin letter: between two of them a dot spells an acronym (`إم.إتش`).
fn letter_name(doc: &Document<'_>, i: usize) -> bool {
    doc.tokens()
        .get(i)
        .filter(|t| t.kind == TokenKind::Arabic)
        .and_then(|t| folded(t.text(doc.text())))
        .is_some_and(|k| latin_letter_names().all.contains(&k))
}

/// A word of at most two letters: between two of them a dot spells an acronym (`ان.بي.سي`).
fn short_word(doc: &Document<'_>, i: usize) -> bool {
    letters(doc, i) <= 2
}

impl Punctuation {
    fn push(
        out: &mut Vec<Diagnostic>,
        span: std::ops::Range<usize>,
        message: String,
        sugg: Option<String>,
    ) {
        let d = Diagnostic::new(Self::META.id, Self::META.default_severity, span, message);
        out.push(match sugg {
            Some(s) => d.with_suggestions(vec![s], Applicability::Safe),
            None => d,
        });
    }

    fn spacing(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let toks = doc.tokens();
        let brackets = BracketLines::new(doc);
        // Neighbours in the text: in Markdown, the next token may belong to another region.
        let prev = |i: usize| i.checked_sub(1).filter(|&p| toks[p].end == toks[i].start);
        let next =
            |i: usize| (i + 1 < toks.len() && toks[i + 1].start == toks[i].end).then_some(i + 1);
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Punct {
                continue;
            }
            let mark = tok_text(doc, i);
            let next_arabic = kind(doc, next(i)) == Some(TokenKind::Arabic);
            let before = prev(i).map(|p| tok_text(doc, p)).unwrap_or("");
            let prev_kind = kind(doc, prev(i));
            // A space between a word (or a bracket or quote closing after one: `الوراثي) :`)
            // and the mark.
            let word_before_space = |sp: usize| {
                let w = prev(sp);
                matches!(
                    kind(doc, w),
                    Some(TokenKind::Arabic | TokenKind::Number | TokenKind::Foreign)
                ) || w.is_some_and(|w| {
                    matches!(tok_text(doc, w), ")" | "»")
                        && matches!(
                            kind(doc, prev(w)),
                            Some(TokenKind::Arabic | TokenKind::Number | TokenKind::Foreign)
                        )
                })
            };
            let space_before =
                prev_kind == Some(TokenKind::Space) && prev(i).is_some_and(word_before_space);
            match mark {
                // A space inside brackets or guillemets: `( الوزير )`, `«plasmid  »`.
                // (Not a guillemet glued to the word before it, which closes in the reversed
                // style `»الناتو« منظومة`.)
                "(" | "«"
                    if !matches!(prev_kind, Some(TokenKind::Arabic | TokenKind::Foreign))
                        && brackets.paired(doc, i) =>
                {
                    if let Some(sp) = next(i).filter(|&n| toks[n].kind == TokenKind::Space) {
                        if kind(doc, next(sp)) == Some(TokenKind::Arabic) {
                            Self::push(
                                out,
                                t.start..toks[sp].end,
                                format!("space after «{mark}»"),
                                Some(mark.to_string()),
                            );
                        }
                    }
                }
                ")" | "»"
                    if prev_kind == Some(TokenKind::Space)
                        && matches!(
                            kind(doc, prev(i).and_then(prev)),
                            Some(TokenKind::Arabic | TokenKind::Foreign)
                        )
                        && !matches!(
                            kind(doc, next(i)),
                            Some(TokenKind::Arabic | TokenKind::Foreign)
                        )
                        && brackets.paired(doc, i) =>
                {
                    let sp = toks[i - 1];
                    Self::push(
                        out,
                        sp.start..t.end,
                        format!("space before «{mark}»"),
                        Some(mark.to_string()),
                    );
                }
                "،" | "؛" | "؟" => {
                    let after = if next_arabic { " " } else { "" };
                    if space_before {
                        let sp = toks[i - 1];
                        Self::push(
                            out,
                            sp.start..t.end,
                            format!("space before «{mark}»"),
                            Some(format!("{mark}{after}")),
                        );
                    } else if next_arabic {
                        Self::push(
                            out,
                            t.span(),
                            format!("no space after «{mark}» before «{}»", tok_text(doc, i + 1)),
                            Some(format!("{mark} ")),
                        );
                    }
                }
                ":" | "." if next_arabic => {
                    let after_word =
                        matches!(prev_kind, Some(TokenKind::Arabic | TokenKind::Number))
                            || is_closing(before);
                    if mark == "." {
                        // Not an ellipsis, not an abbreviation (`د.محمد`, `م.ال`, `ص.ب`).
                        let dots = before == "." || before == "…";
                        let abbrev = one_letter_word(doc, i + 1)
                            || (prev_kind == Some(TokenKind::Arabic)
                                && (one_letter_word(doc, i - 1)
                                    || (short_word(doc, i - 1) && short_word(doc, i + 1))
                                    || (letter_name(doc, i - 1) && letter_name(doc, i + 1))));
                        if dots || abbrev {
                            continue;
                        }
                    }
                    if after_word {
                        Self::push(
                            out,
                            t.span(),
                            format!("no space after «{mark}» before «{}»", tok_text(doc, i + 1)),
                            Some(format!("{mark} ")),
                        );
                    } else if space_before {
                        let sp = toks[i - 1];
                        Self::push(
                            out,
                            sp.start..t.end,
                            format!(
                                "«{mark}» is glued to the next word instead of the previous one"
                            ),
                            Some(format!("{mark} ")),
                        );
                    }
                }
                "." | ":" | "!" if space_before && Self::ends_clause(doc, i) => {
                    let sp = toks[i - 1];
                    Self::push(
                        out,
                        sp.start..t.end,
                        format!("space before «{mark}»"),
                        Some(mark.to_string()),
                    );
                }
                "," | ";" | "?"
                    if prev_kind == Some(TokenKind::Arabic) && !delimiter_of_a_row(doc, t) =>
                {
                    let after_mark = if kind(doc, next(i)) == Some(TokenKind::Space) {
                        next(i).and_then(next)
                    } else {
                        next(i)
                    };
                    let next_kind = kind(doc, after_mark);
                    let ok = match mark {
                        "?" => next_kind != Some(TokenKind::Foreign),
                        _ => next_kind == Some(TokenKind::Arabic),
                    };
                    if ok {
                        let arabic = match mark {
                            "," => "،",
                            ";" => "؛",
                            _ => "؟",
                        };
                        let after = if next_arabic { " " } else { "" };
                        Self::push(
                            out,
                            t.span(),
                            format!("Latin «{mark}» in Arabic text; the Arabic mark is «{arabic}»"),
                            Some(format!("{arabic}{after}")),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// Does the mark at token `i`, written after a space, end a clause of Arabic text: the word
    /// before the space is Arabic (or a Latin word inside Arabic text: `تقنية PCR :`), and the
    /// mark is followed by the end of the line, a space or a newline (not an ellipsis, an
    /// emoticon `:)`, a time `10 :30` or a URL)?
    fn ends_clause(doc: &Document<'_>, i: usize) -> bool {
        let toks = doc.tokens();
        let Some(w) = i.checked_sub(2) else {
            return false;
        };
        let arabic_before = match toks[w].kind {
            TokenKind::Arabic => true,
            TokenKind::Punct => {
                matches!(toks[w].text(doc.text()), ")" | "»")
                    && w >= 1
                    && toks[w - 1].kind == TokenKind::Arabic
            }
            TokenKind::Foreign => {
                w >= 2
                    && toks[w - 1].kind == TokenKind::Space
                    && toks[w - 2].kind == TokenKind::Arabic
            }
            _ => false,
        };
        let after = toks.get(i + 1).filter(|n| n.start == toks[i].end);
        arabic_before
            && after.is_none_or(|n| matches!(n.kind, TokenKind::Space | TokenKind::Newline))
    }

    fn brackets(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let toks = doc.tokens();
        let all_lines = lines(doc);
        // Paragraph number of each line: blank lines separate paragraphs.
        let mut para = Vec::with_capacity(all_lines.len());
        let mut n = 0usize;
        for l in &all_lines {
            if l.is_blank(text) {
                n += 1;
            }
            para.push(n);
        }
        let line_index = doc.lines();
        let mut i = 0;
        while i < toks.len() {
            let p = para[line_index.line_of(toks[i].start)];
            let mut j = i;
            let mut marks: Vec<Mark> = Vec::new();
            while j < toks.len() && para[line_index.line_of(toks[j].start)] == p {
                let t = toks[j];
                if t.kind == TokenKind::Punct {
                    if let Some(c) = bracket(doc, toks, j) {
                        let line = line_index.line_of(t.start);
                        let starts_line =
                            text[line_index.line_start(line)..t.start].trim().is_empty();
                        marks.push(Mark {
                            tok: j,
                            c,
                            line,
                            starts_line,
                        });
                    }
                }
                j += 1;
            }
            for (open, close) in [('(', ')'), ('«', '»')] {
                let mut unmatched = unmatched_marks(&marks, open, close);
                if open == '«'
                    && !unmatched.is_empty()
                    && unmatched_marks(&marks, close, open).is_empty()
                {
                    // Reversed guillemets used consistently: balanced in their own way.
                    unmatched.clear();
                }
                for k in unmatched {
                    if excused_closer(doc, toks, k) {
                        continue;
                    }
                    let t = toks[k];
                    let c = t.text(text);
                    let other = if c.starts_with(open) { close } else { open };
                    let what = if c.starts_with(open) {
                        format!("«{c}» is not closed: no «{other}» follows it in this paragraph")
                    } else {
                        format!(
                            "«{c}» closes nothing: no «{other}» comes before it in this paragraph"
                        )
                    };
                    Self::push(out, t.span(), what, None);
                }
            }
            i = j.max(i + 1);
        }
    }
}

/// Where the brackets and guillemets of each line are, to tell in constant time whether the one
/// at token `i` has its partner on the same line (an opener after it, a closer before it). The
/// spaces inside are checked only then: an unmatched one is reported as such, and only its
/// author knows where it belongs.
struct BracketLines {
    /// line → (first `(`, first `«`, last `)`, last `»`), token indices.
    lines: rustc_hash::FxHashMap<usize, [Option<usize>; 4]>,
}

impl BracketLines {
    fn new(doc: &Document<'_>) -> Self {
        let text = doc.text();
        let index = doc.lines();
        let mut lines: rustc_hash::FxHashMap<usize, [Option<usize>; 4]> = Default::default();
        for (i, t) in doc.tokens().iter().enumerate() {
            if t.kind != TokenKind::Punct {
                continue;
            }
            let slot = match t.text(text) {
                "(" => 0,
                "«" => 1,
                ")" => 2,
                "»" => 3,
                _ => continue,
            };
            let e = lines.entry(index.line_of(t.start)).or_default();
            if slot < 2 {
                e[slot].get_or_insert(i);
            } else {
                e[slot] = Some(i);
            }
        }
        Self { lines }
    }

    fn paired(&self, doc: &Document<'_>, i: usize) -> bool {
        let t = doc.tokens()[i];
        let Some(e) = self.lines.get(&doc.lines().line_of(t.start)) else {
            return false;
        };
        match t.text(doc.text()) {
            "(" => e[2].is_some_and(|c| c > i),
            "«" => e[3].is_some_and(|c| c > i),
            ")" => e[0].is_some_and(|o| o < i),
            "»" => e[1].is_some_and(|o| o < i),
            _ => false,
        }
    }
}

/// Is `t`, a Latin `,` or `;`, a delimiter of a row of a table (a CSV line such as
/// `محمد,الرياض,30`) rather than a slip in prose? It is when no `,`/`;` of its kind on its line
/// has a space beside it, and the line holds two or more of them, or one and the line before or
/// after holds as many, unspaced too (a two-column table). Prose that uses a Latin comma puts a
/// space after it (`الأوساط, وقد`), and those are still flagged; a delimiter is data, and
/// rewriting it (`محمد، الرياض,30`) breaks the file.
fn delimiter_of_a_row(doc: &Document<'_>, t: &Token) -> bool {
    let text = doc.text();
    let Some(mark) = text[t.span()].chars().next() else {
        return false;
    };
    if !matches!(mark, ',' | ';') {
        return false;
    }
    let idx = doc.lines();
    let line = idx.line_of(t.start);
    // Unspaced delimiters on `line`, or `None` if one of them has a space beside it.
    let unspaced = |line: usize| -> Option<usize> {
        let s = &text[idx.line_range(text, line)];
        let mut n = 0;
        for (at, c) in s.char_indices() {
            if c != mark {
                continue;
            }
            let before = s[..at].chars().next_back();
            let after = s[at + c.len_utf8()..].chars().next();
            if before.is_some_and(char::is_whitespace) || after.is_some_and(char::is_whitespace) {
                return None;
            }
            n += 1;
        }
        Some(n)
    };
    match unspaced(line) {
        Some(n) if n >= 2 => true,
        Some(1) => {
            let prev = line.checked_sub(1).and_then(unspaced);
            let next = (line + 1 < idx.line_count())
                .then(|| unspaced(line + 1))
                .flatten();
            prev == Some(1) || next == Some(1)
        }
        _ => false,
    }
}

/// The bracket or guillemet at token `j`, unless it is a list marker at the start of a line
/// (`1)`, `أ)`).
fn bracket(doc: &Document<'_>, toks: &[Token], j: usize) -> Option<char> {
    let text = doc.text();
    let c = toks[j].text(text).chars().next()?;
    if !matches!(c, '(' | ')' | '«' | '»') {
        return None;
    }
    if c == ')' && j >= 1 && list_marker(doc, toks, j) {
        let line_start = j < 2
            || matches!(toks[j - 2].kind, TokenKind::Newline)
            || (j >= 3
                && toks[j - 2].kind == TokenKind::Space
                && toks[j - 3].kind == TokenKind::Newline);
        if line_start {
            return None;
        }
    }
    Some(c)
}

/// A `)` after a number of up to three digits or a single letter (`1)`, `أ)`, `b)`).
fn list_marker(doc: &Document<'_>, toks: &[Token], j: usize) -> bool {
    let text = doc.text();
    let Some(p) = j.checked_sub(1).map(|p| toks[p]) else {
        return false;
    };
    match p.kind {
        TokenKind::Number => p.text(text).len() <= 3,
        TokenKind::Arabic => crate::keymap::encode(p.text(text)).is_some_and(|k| k.len() == 1),
        TokenKind::Foreign => p.text(text).chars().count() == 1,
        _ => false,
    }
}

/// An unmatched `)` that closes an inline list marker (`8) الأزرق.. 9) الأحمر`) or an emoticon
/// (`:)`) is not a bracket error.
fn excused_closer(doc: &Document<'_>, toks: &[Token], j: usize) -> bool {
    let text = doc.text();
    toks[j].text(text) == ")"
        && (list_marker(doc, toks, j)
            || j.checked_sub(1)
                .is_some_and(|p| matches!(toks[p].text(text), ":" | ";" | "=")))
}

struct Mark {
    tok: usize,
    c: char,
    line: usize,
    starts_line: bool,
}

/// Token indices of the `open`/`close` marks that nothing matches. A quotation that runs over
/// several paragraphs may reopen at the start of each one without closing the one before
/// (`«...⏎«...»`): a guillemet opening a line closes a guillemet left open on an earlier line.
fn unmatched_marks(marks: &[Mark], open: char, close: char) -> Vec<usize> {
    let mut stack: Vec<&Mark> = Vec::new();
    let mut bad = Vec::new();
    let guillemets = matches!(open, '«' | '»');
    for m in marks {
        if m.c == open {
            if guillemets && m.starts_line && stack.last().is_some_and(|s| s.line < m.line) {
                stack.pop();
            }
            stack.push(m);
        } else if m.c == close && stack.pop().is_none() {
            bad.push(m.tok);
        }
    }
    bad.extend(stack.iter().map(|m| m.tok));
    bad.sort_unstable();
    bad
}

impl Rule for Punctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        Self::spacing(cx.doc, out);
        Self::brackets(cx.doc, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    fn found(text: &str) -> Vec<(String, Vec<String>)> {
        lint_rule("punctuation", text)
            .into_iter()
            .map(|(_, w, s)| (w, s))
            .collect()
    }

    #[test]
    fn missing_space_after_a_mark() {
        let d = found("وأثار القرار جدلا واسعا في الأوساط،وقد طالب نواب بتوضيحات");
        assert_eq!(d, vec![("،".to_string(), vec!["، ".to_string()])]);
        let d = found("كتب:سيد محمد");
        assert_eq!(d, vec![(":".to_string(), vec![": ".to_string()])]);
        let d = found("انتهى الاجتماع.وقال الوزير إن النتائج مرضية");
        assert_eq!(d[0].1, vec![". "]);
    }

    #[test]
    fn space_before_a_mark() {
        let d = found("وأثار القرار جدلا واسعا في الأوساط ، وقد طالب نواب بتوضيحات");
        assert_eq!(d, vec![(" ،".to_string(), vec!["،".to_string()])]);
        let d = found("هل يمتد النموذج إلى لبنان ؟");
        assert_eq!(d[0].1, vec!["؟"]);
        // A full stop, colon or exclamation mark that ends a clause.
        let d = found("وأعلنت الشركة عن خطتها الجديدة .\nوقال المدير :\n");
        assert_eq!(
            d,
            vec![
                (" .".to_string(), vec![".".to_string()]),
                (" :".to_string(), vec![":".to_string()])
            ]
        );
        let d = found("تعتمد الطريقة على تقنية PCR .");
        assert_eq!(d, vec![(" .".to_string(), vec![".".to_string()])]);
        // Not an ellipsis, an emoticon, a time or a Latin sentence.
        assert!(found("وانتظر الجميع ...").is_empty());
        assert!(found("شكرا :)").is_empty());
        assert!(found("تبدأ الجلسة في الساعة 10 :30").is_empty());
        assert!(found("Read more .").is_empty());
        // After a closing bracket or guillemet.
        let d = found("تختلف طرق النقل (الوراثي) : الأولى مباشرة");
        assert_eq!(d, vec![(" :".to_string(), vec![":".to_string()])]);
    }

    #[test]
    fn space_inside_brackets() {
        let d = found("تمت تسميته ( كيبلر ) نسبة للعالم الشهير");
        assert_eq!(
            d,
            vec![
                ("( ".to_string(), vec!["(".to_string()]),
                (" )".to_string(), vec![")".to_string()])
            ]
        );
        let d = found("لم يستطع استبعاد «الثورات العربية » التي بدأت");
        assert_eq!(d, vec![(" »".to_string(), vec!["»".to_string()])]);
        // Numbered items and reversed guillemets are not spaced brackets.
        assert!(found("( 1 ) النقطة الأولى").is_empty());
        assert!(found("»الناتو« منظومة أمنية").is_empty());
        // An unmatched one is reported as such, not for its spaces.
        let d = found("قال » ");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].1.is_empty(), "{d:?}");
    }

    #[test]
    fn latin_marks_between_arabic_words() {
        let d = found("الأمين العام للحلف, ينس ستولتنبرغ; قال إن المهمة ستتوسع");
        assert_eq!(
            d,
            vec![
                (",".to_string(), vec!["،".to_string()]),
                (";".to_string(), vec!["؛".to_string()])
            ]
        );
        let d = found("هل يمتد النموذج إلى لبنان?");
        assert_eq!(d[0].1, vec!["؟"]);
    }

    #[test]
    fn delimiters_of_tabular_lines_are_data() {
        // A CSV: its commas are delimiters, never Arabic commas.
        let csv = "الاسم,المدينة,العمر\nمحمد,الرياض,30\nسارة,أبها,28\n";
        assert!(found(csv).is_empty(), "{:?}", found(csv));
        assert!(found("محمد;الرياض;30").is_empty());
        // A two-column table: one comma a row, on each row.
        assert!(found("الاسم,المدينة\nمحمد,الرياض\n").is_empty());
        // One unspaced Latin comma alone in prose is still a slip...
        let d = found("وأثار القرار جدلا واسعا في الأوساط,وقد طالب نواب بتوضيحات");
        assert_eq!(d, vec![(",".to_string(), vec!["، ".to_string()])]);
        // ...and so are Latin commas written with a space, however many.
        let d = found("قال الوزير, إن الحكومة, وهي المسؤولة, ستعمل");
        assert_eq!(d.len(), 3, "{d:?}");
    }

    #[test]
    fn unbalanced_brackets() {
        let d = found("يمثل حلف شمال الأطلسي (الناتو منظومة أمنية.\n\nوقال «إن المهمة ستتوسع.");
        let got: Vec<_> = d.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(got, vec!["(", "«"]);
        assert!(d.iter().all(|d| d.1.is_empty()));
        let d = found("وقال إن المهمة ستتوسع».");
        assert_eq!(d[0].0, "»");
    }

    #[test]
    fn near_misses_stay_silent() {
        for text in [
            "حيث دُرِّب أكثر من 15,000 ضابط عراقي، في عام 2004.",
            "يبدأ الاجتماع الساعة 10:30 صباحا في بغداد",
            "التي تعرف اختصاراً بـ(NTM-I) التي بدأت فعلياً",
            "راجع الموقع www.example.com/news.html للمزيد",
            "ارتفعت النسبة إلى 3.5 في المئة",
            "قال د.محمد إن النتائج جيدة، وأضاف م.ال أن التقرير نُشر",
            "وقال المسؤول لشبكة \"ان.بي.سي\" الأميركية",
            "وقال الدبلوماسيون... إن المهمة ستتوسع",
            "يمثّل حلف شمال الأطلسي (الناتو) منظومة «أمنية» استراتيجية.",
            "1) النقطة الأولى\n2) النقطة الثانية",
            "ترتيب الفرق: 8) الفريق الأزرق.. 9) الفريق الأحمر",
            "وتحمل الطائرة الرمز (إم.إتش 17) حسب الشركة، والمتهم هو خالد.ع ويبلغ 30 عاما",
            "قال موقع Middle East Eye, e.g. البريطاني",
            "»الناتو« منظومة أمنية",
            "بلغ عدد الموظفين ١٥,٠٠٠ موظف، وارتفع الدخل 3,5 في المئة",
            "أول,\n\nثان",
            "وقال الوزير: «إن المهمة ستتوسع.\n«وستشمل تدريب القوات العراقية».",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
