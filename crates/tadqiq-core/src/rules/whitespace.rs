//! `tadqiq/whitespace`: trailing spaces, runs of blank lines, blank lines at the end of the file.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::SourceKind;
use crate::rules::support::{in_prose, lines, Line};
use crate::rules::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// Flags whitespace that only gets in the way:
    ///
    /// - spaces or tabs at the end of a line (the fix deletes them); in Markdown, two or more
    ///   spaces before a following line are a hard line break and are left alone;
    /// - three or more blank lines in a row inside the text (the fix leaves one);
    /// - blank lines at the end of the file: everything after the last line's own line break
    ///   (the fix deletes it, whatever the file's line endings, `\n` or `\r\n`).
    ///
    /// A file that does not end with a line break is not flagged: many editors and CMS exports
    /// write it so, and nothing is lost.
    ///
    /// Example: `... هنا.\n\n\n\n` → `... هنا.\n`.
    pub struct Whitespace;
    id: "whitespace", severity: Info, summary: "trailing spaces, runs of blank lines, blank lines at the end";
    folds: true;
}

/// Blank lines in a row from which a run is reported (inside the text).
const MIN_BLANK_RUN: usize = 3;

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

impl Whitespace {
    fn push(
        out: &mut Vec<Diagnostic>,
        span: std::ops::Range<usize>,
        message: String,
        action: String,
    ) {
        out.push(
            Diagnostic::new(Self::META.id, Self::META.default_severity, span, message)
                .with_deletion(Applicability::Safe, action),
        );
    }
}

impl Rule for Whitespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let markdown = doc.kind() == SourceKind::Markdown;
        let all = lines(doc);
        let blank: Vec<bool> = all.iter().map(|l| l.is_blank(text)).collect();
        let Some(last_text) = blank.iter().rposition(|b| !b) else {
            return;
        };
        // Lines covered by a blank-run or end-of-file finding are not reported one by one.
        let mut covered = vec![false; all.len()];

        // Blank lines at the end of the file.
        let tail = all[last_text].next;
        if tail < text.len() {
            let n = text[tail..].matches('\n').count();
            for c in covered.iter_mut().skip(last_text + 1) {
                *c = true;
            }
            Self::push(
                out,
                tail..text.len(),
                match n {
                    0 => "spaces at the end of the file".to_string(),
                    1 => "a blank line at the end of the file".to_string(),
                    _ => format!("{n} blank lines at the end of the file"),
                },
                match n {
                    0 => "remove the spaces at the end of the file".to_string(),
                    1 => "remove the blank line at the end of the file".to_string(),
                    _ => format!("remove the {n} blank lines at the end of the file"),
                },
            );
        }

        // Runs of three or more blank lines inside the text.
        let prose = |l: &Line| !markdown || in_prose(doc, &l.content);
        let mut i = 0;
        while i < last_text {
            if !blank[i] {
                i += 1;
                continue;
            }
            let start = i;
            while blank[i] {
                i += 1;
            }
            let n = i - start;
            let around = start > 0 && prose(&all[start - 1]) && prose(&all[i]);
            if n >= MIN_BLANK_RUN && around {
                for c in covered.iter_mut().take(i).skip(start + 1) {
                    *c = true;
                }
                Self::push(
                    out,
                    all[start + 1].content.start..all[i].content.start,
                    format!("{n} blank lines in a row; one is enough"),
                    format!("remove {} of the {n} blank lines", n - 1),
                );
            }
        }

        // Trailing spaces and tabs.
        for (i, l) in all.iter().enumerate() {
            if covered[i] {
                continue;
            }
            let s = &text[l.content.clone()];
            let kept = s.trim_end_matches(is_space);
            if kept.len() == s.len() {
                continue;
            }
            if !blank[i] && markdown {
                if !in_prose(doc, &l.content) {
                    continue;
                }
                let hard_break = s[kept.len()..].chars().all(|c| c == ' ')
                    && s.len() - kept.len() >= 2
                    && all.get(i + 1).is_some_and(|n| !n.is_blank(text));
                if hard_break {
                    continue;
                }
            }
            let span = l.content.start + kept.len()..l.content.end;
            let (what, action) = if blank[i] {
                (
                    "a blank line holds spaces",
                    "remove the spaces from the blank line",
                )
            } else {
                (
                    "spaces at the end of the line",
                    "remove the spaces at the end of the line",
                )
            };
            Self::push(out, span, what.to_string(), action.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn trailing_spaces_are_deleted() {
        let text =
            "تعزيز التعاون الأمني العراقي مع حلف الناتو  \nتؤكد الفقرات المعلنة أن التعاون مستمر.\n";
        let d = lint_rule("whitespace", text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, "  ");
        assert_eq!(d[0].2, vec![""]);
        assert_eq!(
            d[0].0.action.as_deref(),
            Some("remove the spaces at the end of the line")
        );
    }

    #[test]
    fn a_run_of_blank_lines_says_how_many_go() {
        let text = "لمزيد من التفاصيل اضغط هنا.\n\n\n\nتؤكد الفقرات المعلنة أن التعاون مستمر.\n";
        let d = lint_rule("whitespace", text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0.message, "3 blank lines in a row; one is enough");
        assert_eq!(
            d[0].0.action.as_deref(),
            Some("remove 2 of the 3 blank lines")
        );
        // What the fix removes is indeed two of the three.
        let at = d[0].0.span.clone();
        let fixed = format!("{}{}", &text[..at.start], &text[at.end..]);
        assert_eq!(
            fixed,
            "لمزيد من التفاصيل اضغط هنا.\n\nتؤكد الفقرات المعلنة أن التعاون مستمر.\n"
        );
    }

    #[test]
    fn blank_lines_at_the_end_keep_the_line_ending() {
        let text = "لمزيد من التفاصيل اضغط هنا.\r\n\r\n\r\n\r\n";
        let d = lint_rule("whitespace", text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].1, "\r\n\r\n\r\n");
        let at = d[0].0.span.clone();
        assert_eq!(
            format!("{}{}", &text[..at.start], &text[at.end..]),
            "لمزيد من التفاصيل اضغط هنا.\r\n"
        );
    }

    #[test]
    fn runs_of_blank_lines_become_one() {
        let text = "يذكر أن انسحاب قوات التحالف أسفر عن تداعيات أمنية.\n\n\n\nاضف تعليق\n";
        let d = lint_rule("whitespace", text);
        assert_eq!(d.len(), 1, "{d:?}");
        let at = d[0].0.span.clone();
        assert_eq!(
            format!("{}{}", &text[..at.start], &text[at.end..]),
            "يذكر أن انسحاب قوات التحالف أسفر عن تداعيات أمنية.\n\nاضف تعليق\n"
        );
    }

    #[test]
    fn tidy_text_stays_silent() {
        for text in [
            "أطباء غزة يسابقون الزمن\n\n\nما بعد الاعتراف: تحديات قيام دولة فلسطينية\n",
            "سطر أول\nسطر ثان بلا سطر جديد في النهاية",
            "سطر أول\r\nسطر ثان\r\n",
        ] {
            assert!(lint_rule("whitespace", text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn markdown_hard_breaks_are_kept() {
        let linter =
            crate::linter::Linter::with_options(crate::testing::dict(), Default::default());
        let d = linter.lint(
            "سطر أول  \nسطر ثان\n",
            crate::document::SourceKind::Markdown,
        );
        assert!(d.iter().all(|d| d.rule != "whitespace"), "{d:?}");
    }
}
