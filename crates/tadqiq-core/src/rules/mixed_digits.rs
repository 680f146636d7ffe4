//! `tadqiq/mixed-digits`: one document writing its numbers in two digit scripts.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::{Token, TokenKind};

crate::declare_rule! {
    /// Flags numbers written in a different digit script from the rest of the document: Western
    /// digits (`0-9`) among Arabic-Indic ones (`٠-٩`), or the reverse, or Eastern Arabic-Indic
    /// (Persian) digits (`۰-۹`) among either. The script most of the document's numbers use is
    /// taken as its choice (on a tie, the first number's); each number in another script is
    /// reported once, with the number rewritten in the document's script as the fix
    /// (separators follow: `٫` `٬` for Arabic-Indic, `.` `,` for Western).
    ///
    /// Numbers that are part of a Latin-script name or code (`COVID-19`, `F-16`, `4G`) are left
    /// out: they keep their Western digits in any Arabic text.
    ///
    /// The id says what is checked; it is a consistency check across the document, not an
    /// error in any single number.
    ///
    /// Example: in a text that writes `٢٠١٥` and `١٥٠` elsewhere, `عام 2020` → `عام ٢٠٢٠`.
    pub struct MixedDigits;
    id: "mixed-digits", severity: Warning, summary: "numbers written in a digit script the rest of the document does not use";
    folds: true;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Western,
    ArabicIndic,
    Persian,
    Mixed,
}

impl Script {
    fn name(self) -> &'static str {
        match self {
            Script::Western => "Western digits (0-9)",
            Script::ArabicIndic => "Arabic-Indic digits (٠-٩)",
            Script::Persian => "Eastern Arabic-Indic digits (۰-۹)",
            Script::Mixed => "digits of two scripts",
        }
    }

    fn zero(self) -> char {
        match self {
            Script::Western | Script::Mixed => '0',
            Script::ArabicIndic => '\u{0660}',
            Script::Persian => '\u{06F0}',
        }
    }
}

fn script_of(s: &str) -> Option<Script> {
    let mut found = None;
    for c in s.chars() {
        let sc = match c {
            '0'..='9' => Script::Western,
            '\u{0660}'..='\u{0669}' => Script::ArabicIndic,
            '\u{06F0}'..='\u{06F9}' => Script::Persian,
            _ => continue,
        };
        match found {
            None => found = Some(sc),
            Some(f) if f != sc => return Some(Script::Mixed),
            _ => {}
        }
    }
    found
}

fn convert(s: &str, to: Script) -> String {
    let western = to == Script::Western;
    s.chars()
        .map(|c| {
            let d = match c {
                '0'..='9' => Some(c as u32 - '0' as u32),
                '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
                '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
                _ => None,
            };
            match (d, c) {
                (Some(v), _) => char::from_u32(to.zero() as u32 + v).expect("a digit"),
                (None, '\u{066B}') if western => '.',
                (None, '\u{066C}') if western => ',',
                (None, '.') if !western => '\u{066B}',
                (None, ',') if !western => '\u{066C}',
                (None, c) => c,
            }
        })
        .collect()
}

/// A number glued to Latin-script text (`COVID-19`, `F16`, `4G`) belongs to that text.
fn in_foreign_code(toks: &[Token], text: &str, i: usize) -> bool {
    let is_foreign = |j: Option<usize>| {
        j.and_then(|j| toks.get(j))
            .is_some_and(|t| t.kind == TokenKind::Foreign)
    };
    let is_joiner = |j: Option<usize>| {
        j.and_then(|j| toks.get(j))
            .is_some_and(|t| matches!(t.text(text), "-" | "_" | "/" | "."))
    };
    is_foreign(i.checked_sub(1))
        || is_foreign(Some(i + 1))
        || (is_joiner(i.checked_sub(1)) && is_foreign(i.checked_sub(2)))
        || (is_joiner(Some(i + 1)) && is_foreign(Some(i + 2)))
}

impl Rule for MixedDigits {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let toks = doc.tokens();
        let numbers: Vec<(usize, Script)> = toks
            .iter()
            .enumerate()
            .filter(|(i, t)| t.kind == TokenKind::Number && !in_foreign_code(toks, text, *i))
            .filter_map(|(i, t)| script_of(t.text(text)).map(|s| (i, s)))
            .collect();
        let scripts = [Script::Western, Script::ArabicIndic, Script::Persian];
        // Counted once: counting inside the loop below made the rule quadratic in the number
        // of numbers (minutes on a 1 MB file of numbers).
        let mut counts = [0usize; 4];
        for &(_, s) in &numbers {
            counts[s as usize] += 1;
        }
        let count = |s: Script| counts[s as usize];
        let used = scripts.iter().filter(|&&s| count(s) > 0).count();
        let mixed_tokens = count(Script::Mixed);
        if used < 2 && mixed_tokens == 0 {
            return;
        }
        // The most used script; on a tie, the one met first.
        let mut main = None;
        for &(_, s) in &numbers {
            if s == Script::Mixed {
                continue;
            }
            match main {
                None => main = Some(s),
                Some(m) if count(s) > count(m) => main = Some(s),
                _ => {}
            }
        }
        let main = main.unwrap_or(Script::Western);
        let n_main = count(main);
        for &(i, s) in &numbers {
            if s == main {
                continue;
            }
            let t = toks[i];
            let written = t.text(text);
            out.push(
                Diagnostic::new(
                    Self::META.id,
                    Self::META.default_severity,
                    t.span(),
                    format!(
                        "«{written}» is written in {}; the document's other {n_main} number{} use {}",
                        s.name(),
                        if n_main == 1 { "" } else { "s" },
                        main.name()
                    ),
                )
                .with_suggestions(vec![convert(written, main)], Applicability::Safe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn reports_the_minority_script() {
        let text = "تأسست البعثة في أكتوبر ٢٠١٨ وضمت ٥٠٠ مدرب، ثم توسعت عام 2021 إلى ٤٠٠٠ عنصر.";
        let d = lint_rule("mixed-digits", text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].1, "2021");
        assert_eq!(d[0].2, vec!["٢٠٢١"]);

        let text = "ارتفع عدد أفراد الناتو من 500 إلى 4000 عنصر، بزيادة ٣٫٥ مرات";
        let d = lint_rule("mixed-digits", text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].2, vec!["3.5"]);
    }

    #[test]
    fn one_script_and_latin_codes_stay_silent() {
        let text = "ارتفع عدد أفراد الناتو من 500 حالياً إلى 4000 عنصر عام 2021.";
        assert!(lint_rule("mixed-digits", text).is_empty());
        let text = "أعلنت الوزارة تسجيل ١٥٠ إصابة بفيروس COVID-19 وتسليم طائرات F-16 في ٢٠٢١";
        assert!(lint_rule("mixed-digits", text).is_empty());
    }
}
