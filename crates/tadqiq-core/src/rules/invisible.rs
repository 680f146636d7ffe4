//! `tadqiq/invisible`: zero-width and bidi control characters inside or next to Arabic words.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::keymap::{classify, is_invisible_control, Class};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TokenKind;

crate::declare_rule! {
    /// Flags invisible formatting characters where they do harm: they split a word for search
    /// and spell-checking without showing, and bidi controls can make text display otherwise
    /// than it reads (the "Trojan source" trick).
    ///
    /// - zero-width characters (U+200B ZERO WIDTH SPACE, U+200C ZERO WIDTH NON-JOINER, U+200D
    ///   ZERO WIDTH JOINER, U+2060 WORD JOINER, U+FEFF ZERO WIDTH NO-BREAK SPACE other than a
    ///   byte-order mark at the start of the file) inside or next to an Arabic word; the fix
    ///   deletes them;
    /// - bidi overrides (U+202D, U+202E) anywhere in the prose, as errors, and embeddings
    ///   (U+202A–U+202C) and isolates (U+2066–U+2069) next to an Arabic word; the fix deletes
    ///   them but is not applied automatically, since it may change how mixed-direction text
    ///   displays;
    /// - direction marks (U+200E LRM, U+200F RLM, U+061C ALM) only inside a word: between
    ///   words they are legitimate in mixed Arabic and Latin text.
    ///
    /// Emoji sequences joined by U+200D and controls inside Latin text are left alone. The
    /// message names the character, since it cannot be seen. (Decorative tatweel is
    /// `tadqiq/tatweel`.)
    ///
    /// Example: `العربية` with U+200B between `الع` and `ربية` → `العربية`.
    pub struct Invisible;
    id: "invisible", severity: Warning, summary: "zero-width and bidi control characters in Arabic words";
    folds: true;
}

/// The Unicode name of an invisible control character.
pub fn char_name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "INVISIBLE CHARACTER",
    }
}

/// An Arabic letter or a mark that sits in an Arabic word (not an invisible control).
fn arabic(c: Option<char>) -> bool {
    c.is_some_and(|c| !is_invisible_control(c) && !matches!(classify(c), Class::Other))
}

/// Most chars of a word quoted in a message; a longer "word" (a megabyte of letters with no
/// space) is cut, with `…`.
const MAX_QUOTED_CHARS: usize = 40;

fn shortened(word: &str) -> String {
    match word.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((i, _)) => format!("{}…", &word[..i]),
        None => word.to_string(),
    }
}

enum Kind {
    ZeroWidth,
    Mark,
    Override,
    Embedding,
}

fn kind_of(c: char) -> Option<Kind> {
    Some(match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => Kind::ZeroWidth,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => Kind::Mark,
        '\u{202D}' | '\u{202E}' => Kind::Override,
        '\u{202A}'..='\u{202C}' | '\u{2066}'..='\u{2069}' => Kind::Embedding,
        _ => return None,
    })
}

impl Rule for Invisible {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        // The visible neighbours of a control are carried along the walk rather than searched
        // for at each control, and the word named in the message is cut to a few dozen chars
        // and built once per word: both made a long run of controls, or a long word full of
        // them, quadratic. `before` is the last visible char before `scanned`.
        let mut before: Option<char> = None;
        let mut scanned = 0;
        let mut after: Option<(usize, Option<char>)> = None;
        for region in doc.regions() {
            let s = &text[region.clone()];
            if let Some(c) = text[scanned..region.start]
                .chars()
                .rev()
                .find(|&x| !is_invisible_control(x))
            {
                before = Some(c);
            }
            scanned = region.end;
            if !s.chars().any(is_invisible_control) {
                if let Some(c) = s.chars().rev().find(|&x| !is_invisible_control(x)) {
                    before = Some(c);
                }
                continue;
            }
            let mut named: Option<(usize, String)> = None;
            for (k, c) in s.char_indices() {
                let at = region.start + k;
                let Some(kind) = kind_of(c) else {
                    if !is_invisible_control(c) {
                        before = Some(c);
                    }
                    continue;
                };
                if c == '\u{FEFF}' && at == 0 {
                    continue;
                }
                // Nearest visible neighbours, skipping other invisible controls.
                let after_at = match after {
                    Some((end, next)) if end > at => next,
                    _ => {
                        let from = at + c.len_utf8();
                        let found = text[from..]
                            .char_indices()
                            .find(|&(_, x)| !is_invisible_control(x));
                        let (end, next) = match found {
                            Some((j, x)) => (from + j, Some(x)),
                            None => (text.len(), None),
                        };
                        after = Some((end, next));
                        next
                    }
                };
                let inside = arabic(before) && arabic(after_at);
                let next_to = arabic(before) || arabic(after_at);
                let (report, applicability) = match kind {
                    Kind::ZeroWidth => (next_to, Applicability::Safe),
                    Kind::Mark => (inside, Applicability::Safe),
                    Kind::Override => (true, Applicability::Unsafe),
                    Kind::Embedding => (next_to, Applicability::Unsafe),
                };
                if !report {
                    continue;
                }
                let toks = doc.tokens();
                let ti = toks.partition_point(|t| t.end <= at);
                let word_tok = toks
                    .get(ti)
                    .filter(|t| t.kind == TokenKind::Arabic && t.start <= at)
                    .or_else(|| {
                        toks.get(ti + 1)
                            .filter(|t| t.kind == TokenKind::Arabic)
                            .or_else(|| ti.checked_sub(1).and_then(|p| toks.get(p)))
                            .filter(|t| t.kind == TokenKind::Arabic)
                    });
                let word = word_tok.map(|t| match &named {
                    Some((start, w)) if *start == t.start => w.clone(),
                    _ => {
                        let w = shortened(&t.text(text).replace(is_invisible_control, ""));
                        named = Some((t.start, w.clone()));
                        w
                    }
                });
                let place = match (inside, word) {
                    (true, Some(w)) => format!(" inside «{w}»"),
                    (false, Some(w)) => format!(" next to «{w}»"),
                    _ => String::new(),
                };
                let why = match kind {
                    Kind::Override => ": it can make the text display otherwise than it reads",
                    _ => "",
                };
                // An override is the Trojan-source character: an error, not a warning.
                let severity = match kind {
                    Kind::Override => Severity::Error,
                    _ => Self::META.default_severity,
                };
                out.push(
                    Diagnostic::new(
                        Self::META.id,
                        severity,
                        at..at + c.len_utf8(),
                        format!("invisible U+{:04X} {}{place}{why}", c as u32, char_name(c)),
                    )
                    .with_deletion(
                        applicability,
                        format!("remove the invisible U+{:04X}", c as u32),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::testing::lint_rule;

    #[test]
    fn names_zero_width_characters_inside_words() {
        let text = "تعزيز الع\u{200B}ربية في المؤسسات";
        let d = lint_rule("invisible", text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, "\u{200B}");
        assert_eq!(d[0].2, vec![""]);
        assert_eq!(d[0].0.applicability, Applicability::Safe);
        assert!(
            d[0].0
                .message
                .contains("U+200B ZERO WIDTH SPACE inside «العربية»"),
            "{}",
            d[0].0.message
        );
    }

    #[test]
    fn bidi_overrides_are_reported_anywhere() {
        let text = "قال الأمين العام \u{202E}للحلف\u{202C} إن المهمة ستتوسع";
        let d = lint_rule("invisible", text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].0.message.contains("U+202E RIGHT-TO-LEFT OVERRIDE"));
        assert_eq!(d[0].0.applicability, Applicability::Unsafe);
    }

    #[test]
    fn legitimate_controls_stay_silent() {
        for text in [
            "\u{FEFF}قال الأمين العام للحلف",
            "قال موقع Middle East Eye\u{200F} البريطاني",
            "محمد\u{200F} (NTM-I)",
            "عائلة 👨\u{200D}👩\u{200D}👧 سعيدة",
        ] {
            let d = lint_rule("invisible", text);
            assert!(d.is_empty(), "{text:?}: {d:?}");
        }
    }
}
