//! Tokenizer: splits a text into tokens whose spans are byte ranges on the original text.
//!
//! An Arabic word is a run of Arabic letters with the marks that may sit inside a word (harakat,
//! tatweel, hamza/madda combining marks, presentation forms, and zero-width or bidi controls
//! between letters). Invisible controls at a word's edges are left out of it. URLs and e-mail
//! addresses are single `Url` tokens so that nothing inside them is checked.

use std::ops::Range;

use crate::keymap::{classify, is_invisible_control, Class};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An Arabic word (at least one letter).
    Arabic,
    /// A word in another script (Latin, Cyrillic...).
    Foreign,
    /// Digits, with the separators between them (`15,000`, `٣٫٥`).
    Number,
    /// Spaces and tabs.
    Space,
    /// `\n` or `\r\n` (or a lone `\r`).
    Newline,
    /// One punctuation character.
    Punct,
    /// A URL or an e-mail address.
    Url,
    /// Any other single character (symbols, emoji, stray marks, invisible controls).
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    #[inline]
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// True for the digits tadqiq reads as numbers: ASCII, Arabic-Indic and Eastern Arabic-Indic.
#[inline]
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Separators that may sit between digits inside one number.
#[inline]
fn is_digit_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\u{066B}' | '\u{066C}' | '\u{060C}')
}

#[inline]
fn is_arabic_word_char(c: char) -> bool {
    !matches!(classify(c), Class::Other)
}

#[inline]
fn is_arabic_letter(c: char) -> bool {
    matches!(classify(c), Class::Letter(_) | Class::Letters(_))
}

#[inline]
fn is_foreign_letter(c: char) -> bool {
    c.is_alphabetic() && !is_arabic_word_char(c)
}

/// Tokenize `text[range]`, appending to `out`. Spans are absolute offsets in `text`.
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let base = range.start;
    let s = &text[range];
    let bytes = s.as_bytes();
    let mut i = 0;
    let push = |out: &mut Vec<Token>, kind, a: usize, b: usize| {
        out.push(Token {
            kind,
            start: base + a,
            end: base + b,
        })
    };
    while i < s.len() {
        let c = s[i..].chars().next().expect("i is on a char boundary");
        let clen = c.len_utf8();
        match c {
            ' '
            | '\t'
            | '\u{A0}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{0B}'
            | '\u{0C}' => {
                let mut j = i + clen;
                while let Some(d) = s[j..].chars().next() {
                    if matches!(
                        d,
                        ' ' | '\t' | '\u{A0}' | '\u{2000}'
                            ..='\u{200A}'
                                | '\u{202F}'
                                | '\u{205F}'
                                | '\u{3000}'
                                | '\u{0B}'
                                | '\u{0C}'
                    ) {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                push(out, TokenKind::Space, i, j);
                i = j;
            }
            '\n' => {
                push(out, TokenKind::Newline, i, i + 1);
                i += 1;
            }
            '\r' => {
                let j = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                push(out, TokenKind::Newline, i, j);
                i = j;
            }
            _ if is_digit(c) => {
                let mut j = i + clen;
                loop {
                    let mut it = s[j..].chars();
                    match (it.next(), it.next()) {
                        (Some(d), _) if is_digit(d) => j += d.len_utf8(),
                        (Some(sep), Some(d)) if is_digit_separator(sep) && is_digit(d) => {
                            j += sep.len_utf8() + d.len_utf8()
                        }
                        _ => break,
                    }
                }
                push(out, TokenKind::Number, i, j);
                i = j;
            }
            _ if c.is_ascii_alphabetic() && url_len(&s[i..]) > 0 => {
                let j = i + url_len(&s[i..]);
                push(out, TokenKind::Url, i, j);
                i = j;
            }
            _ if is_arabic_word_char(c) => {
                let mut j = i + clen;
                while let Some(d) = s[j..].chars().next() {
                    if is_arabic_word_char(d) {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                split_arabic_run(s, i, j, base, out);
                i = j;
            }
            _ if is_foreign_letter(c) => {
                let mut j = i + clen;
                while let Some(d) = s[j..].chars().next() {
                    // Keep apostrophes and combining marks inside foreign words (l'OTAN, café).
                    let inner = (d == '\'' || d == '’')
                        && s[j + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(is_foreign_letter);
                    let part = is_foreign_letter(d)
                        || (d.is_alphanumeric() && !is_arabic_word_char(d) && !is_digit(d))
                        || ('\u{0300}'..='\u{036F}').contains(&d);
                    if part || inner {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                push(out, TokenKind::Foreign, i, j);
                i = j;
            }
            _ => {
                let kind = if is_punct(c) {
                    TokenKind::Punct
                } else {
                    TokenKind::Other
                };
                push(out, kind, i, i + clen);
                i += clen;
            }
        }
    }
}

/// Split a run of Arabic word characters into: invisible controls at the edges (`Other`), and the
/// word itself (`Arabic`, if it holds a letter; otherwise one `Other` token per char).
fn split_arabic_run(s: &str, mut a: usize, mut b: usize, base: usize, out: &mut Vec<Token>) {
    let mut tail = Vec::new();
    while a < b {
        let c = s[a..b].chars().next().expect("non-empty");
        if !is_invisible_control(c) {
            break;
        }
        out.push(Token {
            kind: TokenKind::Other,
            start: base + a,
            end: base + a + c.len_utf8(),
        });
        a += c.len_utf8();
    }
    while a < b {
        let c = s[a..b].chars().next_back().expect("non-empty");
        if !is_invisible_control(c) {
            break;
        }
        b -= c.len_utf8();
        tail.push(Token {
            kind: TokenKind::Other,
            start: base + b,
            end: base + b + c.len_utf8(),
        });
    }
    if a < b {
        if s[a..b].chars().any(is_arabic_letter) {
            out.push(Token {
                kind: TokenKind::Arabic,
                start: base + a,
                end: base + b,
            });
        } else {
            for (k, c) in s[a..b].char_indices() {
                out.push(Token {
                    kind: TokenKind::Other,
                    start: base + a + k,
                    end: base + a + k + c.len_utf8(),
                });
            }
        }
    }
    out.extend(tail.into_iter().rev());
}

/// Punctuation, Arabic and Latin.
#[inline]
pub fn is_punct(c: char) -> bool {
    matches!(
        c,
        '،' | '؛'
            | '؟'
            | '٪'
            | '۔'
            | '«'
            | '»'
            | '…'
            | '–'
            | '—'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '\u{066D}'
    ) || c.is_ascii_punctuation()
        || (!c.is_alphanumeric() && matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'))
}

/// Length of a URL or e-mail address at the start of `s`, or 0.
fn url_len(s: &str) -> usize {
    let lower_starts =
        |p: &str| s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let is_url_char =
        |c: char| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '«' | '»' | '،' | '(' | ')');
    let run = |from: usize| -> usize {
        let mut end = from;
        for (k, c) in s[from..].char_indices() {
            if !is_url_char(c) {
                break;
            }
            end = from + k + c.len_utf8();
        }
        // Trailing sentence punctuation is not part of the URL.
        while end > from
            && matches!(
                s.as_bytes()[end - 1],
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\''
            )
        {
            end -= 1;
        }
        end
    };
    for p in ["https://", "http://", "ftp://", "www."] {
        if lower_starts(p) {
            let end = run(p.len());
            return if end > p.len() { end } else { 0 };
        }
    }
    // e-mail: local@domain.tld, ASCII only.
    let local = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+'))
        .count();
    if local > 0 && s.as_bytes().get(local) == Some(&b'@') {
        let dom = s[local + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
            .count();
        let domain = s[local + 1..local + 1 + dom].trim_end_matches('.');
        if domain.contains('.') && !domain.starts_with('.') {
            return local + 1 + domain.len();
        }
    }
    0
}

/// Tokenize a whole text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4);
    tokenize_into(text, 0..text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn splits_arabic_sentence_with_punctuation_and_numbers() {
        let text = "حيث دُرِّب أكثر من 15,000 الف ضابط عراقي.";
        let words: Vec<_> = kinds(text)
            .into_iter()
            .filter(|(k, _)| *k != TokenKind::Space)
            .collect();
        assert_eq!(
            words,
            vec![
                (TokenKind::Arabic, "حيث"),
                (TokenKind::Arabic, "دُرِّب"),
                (TokenKind::Arabic, "أكثر"),
                (TokenKind::Arabic, "من"),
                (TokenKind::Number, "15,000"),
                (TokenKind::Arabic, "الف"),
                (TokenKind::Arabic, "ضابط"),
                (TokenKind::Arabic, "عراقي"),
                (TokenKind::Punct, "."),
            ]
        );
    }

    #[test]
    fn arabic_comma_without_space_separates_words() {
        let text = "الأوساط،وقد";
        assert_eq!(
            kinds(text),
            vec![
                (TokenKind::Arabic, "الأوساط"),
                (TokenKind::Punct, "،"),
                (TokenKind::Arabic, "وقد")
            ]
        );
    }

    #[test]
    fn spans_cover_text_exactly_with_crlf_bom_and_controls() {
        let text = "\u{FEFF}كتب: سيد\r\nمحمد\u{200F} (NTM-I) بـ2004 ٢٠١٥ 😀 www.example.com";
        let toks = tokenize(text);
        let mut at = 0;
        for t in &toks {
            assert_eq!(t.start, at, "tokens are contiguous");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            at = t.end;
        }
        assert_eq!(at, text.len());
        let k = kinds(text);
        assert!(k.contains(&(TokenKind::Newline, "\r\n")));
        assert!(
            k.contains(&(TokenKind::Arabic, "محمد")),
            "RLM at the edge stays out of the word"
        );
        assert!(k.contains(&(TokenKind::Other, "\u{200F}")));
        assert!(k.contains(&(TokenKind::Number, "٢٠١٥")));
        assert!(k.contains(&(TokenKind::Url, "www.example.com")));
        assert!(k.contains(&(TokenKind::Foreign, "NTM")));
    }

    #[test]
    fn zero_width_inside_a_word_stays_in_the_word() {
        let text = "الع\u{200D}ربية";
        assert_eq!(kinds(text), vec![(TokenKind::Arabic, text)]);
    }

    #[test]
    fn lone_marks_are_not_words() {
        assert_eq!(kinds("\u{064E}"), vec![(TokenKind::Other, "\u{064E}")]);
        assert_eq!(
            kinds("ـــ"),
            vec![
                (TokenKind::Other, "ـ"),
                (TokenKind::Other, "ـ"),
                (TokenKind::Other, "ـ")
            ]
        );
    }

    #[test]
    fn urls_and_emails_are_single_tokens() {
        let text = "راسلونا على news@example.com أو https://example.com/مقال.";
        let k = kinds(text);
        assert!(k.contains(&(TokenKind::Url, "news@example.com")));
        assert!(k.contains(&(TokenKind::Url, "https://example.com/مقال")));
        assert_eq!(k.last(), Some(&(TokenKind::Punct, ".")));
    }
}
