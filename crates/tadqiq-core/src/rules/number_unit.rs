//! `tadqiq/number-unit`: a number that already carries its unit, followed by the unit word again.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::rules::support::{entries, folded, folded_words};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TokenKind;

crate::declare_rule! {
    /// Flags a unit written twice: once by the number itself and once as a word after it.
    ///
    /// - A magnitude word after a number whose own digits already spell it out:
    ///   `15,000 ألف` (fifteen thousand thousand), `3,000,000 مليون`, `7000 آلاف`. Only numbers
    ///   of four digits or more whose last digits are the magnitude's zeros are flagged, so
    ///   `15 ألف`, `100 ألف`, `1500 ألف` and `3000 مليون` (three thousand million) stay silent,
    ///   and so does a year (`عام 2000 ألف ...`).
    /// - A per-cent sign followed by a per-cent phrase: `30% في المئة`, `30٪ بالمائة`.
    /// - A currency symbol and the currency's name: `€3 مليارات يورو`, `$5 ملايين دولار`.
    ///
    /// Arabic-Indic digits are read too (`١٥٠٠٠ ألف`). The span covers the number and its unit;
    /// the first suggestion keeps the number as written and drops the word, the second keeps
    /// the word and shortens the number. Which one the author meant is theirs to say, so the fix
    /// is not applied automatically.
    ///
    /// The unit words and phrases are data: `dictionaries/rules/number-units.txt`.
    ///
    /// Example: `دُرِّب أكثر من 15,000 الف ضابط` → `15,000` or `15 ألف`.
    pub struct NumberUnit;
    id: "number-unit", severity: Error, summary: "a unit written twice: `15,000 ألف`, `30% في المئة`, `$5 ملايين دولار`";
}

struct Magnitude {
    zeros: usize,
    singular: &'static str,
    plural: &'static str,
}

struct Units {
    magnitudes: HashMap<Vec<u8>, Magnitude>,
    percents: Vec<Vec<Vec<u8>>>,
    currencies: HashMap<Vec<u8>, Vec<char>>,
    years: HashSet<Vec<u8>>,
}

fn units() -> &'static Units {
    static U: OnceLock<Units> = OnceLock::new();
    U.get_or_init(|| {
        let mut u = Units {
            magnitudes: HashMap::new(),
            percents: Vec::new(),
            currencies: HashMap::new(),
            years: HashSet::new(),
        };
        for line in entries(include_str!(
            "../../../../dictionaries/rules/number-units.txt"
        )) {
            let f: Vec<&'static str> = line.split('|').map(str::trim).collect();
            match f.as_slice() {
                ["magnitude", word, zeros, singular, plural] => {
                    let zeros = zeros.parse().expect("number-units.txt: zeros is a number");
                    let key = folded(word).expect("number-units.txt: an Arabic word");
                    u.magnitudes.insert(
                        key,
                        Magnitude {
                            zeros,
                            singular,
                            plural,
                        },
                    );
                }
                ["percent", phrase] => u.percents.push(folded_words(phrase)),
                ["currency", word, symbols] => {
                    let key = folded(word).expect("number-units.txt: an Arabic word");
                    u.currencies
                        .entry(key)
                        .or_default()
                        .extend(symbols.split_whitespace().filter_map(|s| s.chars().next()));
                }
                ["year", word] => {
                    u.years
                        .insert(folded(word).expect("number-units.txt: an Arabic word"));
                }
                _ => panic!("number-units.txt: malformed line {line:?}"),
            }
        }
        u
    })
}

/// A number as written: its integer digits (ASCII), whether it has a decimal part, the
/// thousands separator it uses, and the digit zero of its script.
#[derive(Debug)]
struct Number {
    digits: String,
    decimal: bool,
    separator: Option<char>,
    zero: char,
}

fn digit_value(c: char) -> Option<(u32, char)> {
    match c {
        '0'..='9' => Some((c as u32 - '0' as u32, '0')),
        '\u{0660}'..='\u{0669}' => Some((c as u32 - 0x0660, '\u{0660}')),
        '\u{06F0}'..='\u{06F9}' => Some((c as u32 - 0x06F0, '\u{06F0}')),
        _ => None,
    }
}

fn parse_number(s: &str) -> Option<Number> {
    let mut digits = String::new();
    let mut zero = None;
    let mut separator = None;
    let mut groups = vec![0usize];
    for c in s.chars() {
        if let Some((v, z)) = digit_value(c) {
            if zero.is_some_and(|x| x != z) {
                return None;
            }
            zero = Some(z);
            digits.push(char::from_digit(v, 10).expect("a digit"));
            *groups.last_mut().expect("non-empty") += 1;
        } else if matches!(c, '.' | '\u{066B}') {
            return Some(Number {
                digits,
                decimal: true,
                separator,
                zero: zero?,
            });
        } else {
            if separator.is_some_and(|x| x != c) {
                return None;
            }
            separator = Some(c);
            groups.push(0);
        }
    }
    // Thousands separators only if every group after the first has three digits.
    if groups.len() > 1 && (groups[0] > 3 || groups[1..].iter().any(|&g| g != 3)) {
        return None;
    }
    Some(Number {
        digits,
        decimal: false,
        separator,
        zero: zero?,
    })
}

/// Write ASCII `digits` in the script of `zero`, grouped by threes with `separator` if any.
fn write_number(digits: &str, separator: Option<char>, zero: char) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            if let Some(s) = separator {
                out.push(s);
            }
        }
        let v = d.to_digit(10).expect("ASCII digits");
        out.push(char::from_u32(zero as u32 + v).expect("a digit"));
    }
    out
}

/// Index of the token after `i`, skipping one run of spaces (not line breaks).
fn after_space(doc: &Document<'_>, i: usize) -> Option<usize> {
    let toks = doc.tokens();
    // Tokens that touch in the text (in Markdown, the next token may be in another region).
    let next = |a: usize| {
        toks.get(a + 1)
            .filter(|t| t.start == toks[a].end)
            .map(|_| a + 1)
    };
    let j = next(i)?;
    match toks[j].kind {
        TokenKind::Space => next(j),
        _ => Some(j),
    }
}

/// Match the words of `phrase` from token `i` on (single spaces between); the index of the
/// phrase's last token.
fn match_phrase(doc: &Document<'_>, i: usize, phrase: &[Vec<u8>]) -> Option<usize> {
    let toks = doc.tokens();
    let text = doc.text();
    let mut at = i;
    for (n, word) in phrase.iter().enumerate() {
        if n > 0 {
            at = after_space(doc, at).filter(|&j| toks[j - 1].kind == TokenKind::Space)?;
        }
        let t = toks.get(at)?;
        if t.kind != TokenKind::Arabic || folded(t.text(text)).as_ref() != Some(word) {
            return None;
        }
    }
    Some(at)
}

fn arabic_key_at(doc: &Document<'_>, i: usize) -> Option<Vec<u8>> {
    let t = doc.tokens().get(i)?;
    (t.kind == TokenKind::Arabic)
        .then(|| folded(t.text(doc.text())))
        .flatten()
}

fn is_percent(doc: &Document<'_>, i: usize) -> bool {
    doc.tokens()
        .get(i)
        .is_some_and(|t| matches!(t.text(doc.text()), "%" | "٪"))
}

fn symbol_at(doc: &Document<'_>, i: usize) -> Option<char> {
    let t = doc.tokens().get(i)?;
    if !matches!(t.kind, TokenKind::Punct | TokenKind::Other) {
        return None;
    }
    let mut cs = t.text(doc.text()).chars();
    let c = cs.next()?;
    (cs.next().is_none() && units().currencies.values().any(|s| s.contains(&c))).then_some(c)
}

impl Rule for NumberUnit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let toks = doc.tokens();
        let u = units();
        let mut push = |span: Range<usize>, message: String, sugg: Vec<String>| {
            out.push(
                Diagnostic::new(Self::META.id, Self::META.default_severity, span, message)
                    .with_suggestions(sugg, Applicability::Unsafe),
            );
        };
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Number {
                continue;
            }
            let Some(num) = parse_number(t.text(text)) else {
                continue;
            };
            let raw = t.text(text);

            // 15,000 ألف
            if let Some(j) = after_space(doc, i) {
                if let Some(m) = arabic_key_at(doc, j).and_then(|k| u.magnitudes.get(&k)) {
                    let prev_word = (i >= 2 && toks[i - 1].kind == TokenKind::Space)
                        .then(|| arabic_key_at(doc, i - 2))
                        .flatten();
                    let year = num.separator.is_none()
                        && num.digits.len() == 4
                        && prev_word.is_some_and(|k| u.years.contains(&k));
                    let zeros = num.digits.len() - num.digits.trim_end_matches('0').len();
                    if !num.decimal && num.digits.len() >= 4 && zeros >= m.zeros && !year {
                        let short = &num.digits[..num.digits.len() - m.zeros];
                        let count: u64 = short.parse().unwrap_or(u64::MAX);
                        let word = if (3..=10).contains(&count) {
                            m.plural
                        } else {
                            m.singular
                        };
                        let unit = toks[j].text(text);
                        push(
                            t.start..toks[j].end,
                            format!(
                                "«{raw} {unit}»: the number already counts the {}; «{unit}» says it again",
                                if m.zeros == 3 { "thousands" } else { "unit" }
                            ),
                            vec![
                                raw.to_string(),
                                format!(
                                    "{} {word}",
                                    write_number(short, num.separator, num.zero)
                                ),
                            ],
                        );
                    }
                }
            }

            // Tokens glued to the number on either side.
            let touching_after = toks.get(i + 1).is_some_and(|n| n.start == t.end);
            let touching_before = i > 0 && toks[i - 1].end == t.start;

            // 30% في المئة, %30 في المئة
            let (pct_first, pct_last) = if touching_after && is_percent(doc, i + 1) {
                (i, i + 1)
            } else if touching_before && is_percent(doc, i - 1) {
                (i - 1, i)
            } else {
                (usize::MAX, usize::MAX)
            };
            if pct_first != usize::MAX {
                if let Some(j) = after_space(doc, pct_last) {
                    if let Some(end) = u.percents.iter().find_map(|p| match_phrase(doc, j, p)) {
                        let phrase = &text[toks[j].start..toks[end].end];
                        let sign = toks[if pct_first == i { i + 1 } else { i - 1 }].text(text);
                        push(
                            toks[pct_first].start..toks[end].end,
                            format!("«{sign}» and «{phrase}» both say per cent"),
                            vec![format!("{raw}{sign}"), format!("{raw} {phrase}")],
                        );
                    }
                }
            }

            // €3 مليارات يورو, 5$ ملايين دولار
            let (sym, first, last) = if let Some(c) = i
                .checked_sub(1)
                .filter(|_| touching_before)
                .and_then(|p| symbol_at(doc, p))
            {
                (c, i - 1, i)
            } else if let Some(c) = Some(i + 1)
                .filter(|_| touching_after)
                .and_then(|n| symbol_at(doc, n))
            {
                (c, i, i + 1)
            } else {
                continue;
            };
            let Some(mut j) = after_space(doc, last).filter(|&j| j > last + 1) else {
                continue;
            };
            if arabic_key_at(doc, j).is_some_and(|k| u.magnitudes.contains_key(&k)) {
                match after_space(doc, j).filter(|&n| n > j + 1) {
                    Some(n) => j = n,
                    None => continue,
                }
            }
            let Some(key) = arabic_key_at(doc, j) else {
                continue;
            };
            if u.currencies.get(&key).is_some_and(|s| s.contains(&sym)) {
                let span = toks[first].start..toks[j].end;
                let whole = &text[span.clone()];
                let word = toks[j].text(text);
                let without_symbol = format!("{raw}{}", &text[toks[last].end..toks[j].end]);
                let without_word = text[span.start..toks[j - 1].start].trim_end().to_string();
                push(
                    span,
                    format!("«{whole}»: the symbol «{sym}» and the word «{word}» both name the currency"),
                    vec![without_symbol, without_word],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    fn found(text: &str) -> Vec<(String, Vec<String>)> {
        lint_rule("number-unit", text)
            .into_iter()
            .map(|(_, w, s)| (w, s))
            .collect()
    }

    #[test]
    fn flags_thousands_written_twice() {
        let d = found("حيث دُرِّب أكثر من 15,000 الف ضابط عراقي.");
        assert_eq!(
            d,
            vec![(
                "15,000 الف".to_string(),
                vec!["15,000".to_string(), "15 ألف".to_string()]
            )]
        );
        let d = found("وتجاوز عدد الزوار 7000 آلاف زائر في اليوم الأول");
        assert_eq!(d[0].1, vec!["7000", "7 آلاف"]);
        let d = found("وبلغ عدد السكان ٣٬٠٠٠٬٠٠٠ مليون نسمة");
        assert_eq!(d[0].1, vec!["٣٬٠٠٠٬٠٠٠", "٣ ملايين"]);
        let d = found("شارك في المسيرة ١٥٠٠٠ ألف شخص");
        assert_eq!(d[0].1, vec!["١٥٠٠٠", "١٥ ألف"]);
    }

    #[test]
    fn flags_percent_and_currency_written_twice() {
        let d = found("ارتفعت الأسعار 30% في المئة خلال العام");
        assert_eq!(
            d,
            vec![(
                "30% في المئة".to_string(),
                vec!["30%".to_string(), "30 في المئة".to_string()]
            )]
        );
        let d = found("وتراجعت الصادرات ١٢٪ بالمائة");
        assert_eq!(d[0].1, vec!["١٢٪", "١٢ بالمائة"]);
        let d = found("وبلغت قيمة الصفقة €3 مليارات يورو العام الماضي");
        assert_eq!(d[0].0, "€3 مليارات يورو");
        assert_eq!(d[0].1, vec!["3 مليارات يورو", "€3 مليارات"]);
        let d = found("قدمت الحكومة منحة قدرها $5 ملايين دولار للبلدية");
        assert_eq!(d[0].1, vec!["5 ملايين دولار", "$5 ملايين"]);
    }

    #[test]
    fn near_misses_stay_silent() {
        for text in [
            "حيث دُرِّب أكثر من 15 ألف ضابط عراقي.",
            "وبلغ عدد المشاركين 1500 ألف متطوع",
            "وقدرت الخسائر بنحو 3000 مليون دولار",
            "تراجعت نسبة البطالة إلى 30 في المئة",
            "وفي عام 2000 ألف الكاتب روايته الأولى",
            "وبلغت الإيرادات 2.000 مليون ريال",
            "وبلغت قيمة الصفقة 3 مليارات يورو",
            "وارتفع المؤشر 30% خلال العام",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
