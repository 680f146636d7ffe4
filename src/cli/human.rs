//! Human output, rustc style, drawn by `annotate-snippets` (what rustc uses):
//!
//! ```text
//! error[tadqiq/spelling]: «القاء» is not a known word; did you mean «اللقاء»?
//!  --> news/a.txt:2:260
//!   |
//! 2 | …بين العراق وحلف الناتو أن القاء أرسى إطاراً لتعاون المستمر…
//!   |                            ^^^^^ «القاء»
//!   |
//!   = note: likely a doubled letter written once
//! help: did you mean «اللقاء»?
//! ```
//!
//! Bidi text may be reordered by some terminals, so the label repeats the word between
//! guillemets. Long lines (news paragraphs are often one 1,000-char line) are cut to a window of
//! about [`CONTEXT_CHARS`] chars either side of the word, at word boundaries, marked with `…`;
//! the `-->` line still shows the real line and column. A BOM is not shown, `\r\n` ends a line,
//! and control characters are made visible by `annotate-snippets`.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use tadqiq_core::diagnostic::{Diagnostic, Severity};
use tadqiq_core::keymap;
use tadqiq_core::render::FileReport;

/// Chars of context kept on each side of the flagged word on a long line.
pub const CONTEXT_CHARS: usize = 60;

const ELLIPSIS: &str = "…";

/// Wide enough that `annotate-snippets` never trims a line itself: we cut our own window.
const TERM_WIDTH: usize = 10_000;

/// Fewest chars of context either side of the word, however narrow the terminal.
const MIN_CONTEXT: usize = 8;

/// Narrowest width fitted to: below it, lines are as at this width.
const MIN_WIDTH: usize = 40;

#[derive(Clone, Debug)]
pub struct Human {
    color: bool,
    context: usize,
    /// The terminal's width in columns, when known: every line is fitted to it (the context
    /// window narrowed, messages and notes wrapped at spaces). `None`: the fixed default
    /// ([`CONTEXT_CHARS`] either side, nothing wrapped), for output that is not a terminal.
    width: Option<usize>,
}

impl Human {
    /// `color`: emit ANSI styles (decided by the caller from `--color` and the terminal).
    pub fn new(color: bool) -> Self {
        Self {
            color,
            context: CONTEXT_CHARS,
            width: None,
        }
    }

    /// Fit every line to `width` columns (see [`width_from_env`]); `None` keeps the default.
    pub fn with_width(mut self, width: Option<usize>) -> Self {
        self.width = width.map(|w| w.max(MIN_WIDTH));
        self
    }

    /// Render every diagnostic of `file`, each followed by a blank line.
    pub fn render(&self, file: &FileReport<'_>, out: &mut impl Write) -> io::Result<()> {
        for d in file.diagnostics {
            out.write_all(self.diagnostic(file, d).as_bytes())?;
            out.write_all(b"\n\n")?;
        }
        Ok(())
    }

    /// One diagnostic, without a trailing newline.
    pub fn diagnostic(&self, file: &FileReport<'_>, d: &Diagnostic) -> String {
        let span = file.span(d);
        let (line, column) = file.line_col(span.start);
        let gutter = line.to_string().len() + 3;
        let word = label(file, span.clone());
        let ex = match self.width {
            None => excerpt(file, span.clone(), self.context),
            Some(width) => {
                // Room for the line and, on the caret line below it, the label after the word.
                let first = excerpt(file, span.clone(), 0);
                let label_len = word.chars().count();
                let word_len = first.source[first.span.clone()].chars().count();
                let room = width.saturating_sub(gutter + 1 + label_len);
                let context =
                    (room.saturating_sub(word_len + 2) / 2).clamp(MIN_CONTEXT, self.context);
                fit(excerpt(file, span.clone(), context), room)
            }
        };
        let path = annotate_snippets::normalize_untrusted_str(file.path);
        // Messages and notes wrapped at spaces to the width, after their prefixes.
        let wrap_to = |text: &str, prefix: usize| match self.width {
            Some(w) => wrap(text, w.saturating_sub(prefix)),
            None => text.to_string(),
        };
        let title_prefix = d.severity.as_str().len() + d.rule_id().len() + 4;
        let message = wrap_to(&d.message, title_prefix);
        let note_prefix = gutter.saturating_sub(1) + "= note: ".len();

        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
            Severity::Hint => Level::HELP.with_name(Some("hint")),
        };
        let mut annotation = AnnotationKind::Primary.span(ex.span.clone());
        if !word.is_empty() {
            annotation = annotation.label(word);
        }
        let mut group = level
            .primary_title(message.as_str())
            .id(d.rule_id())
            .element(
                Snippet::source(ex.source.as_str())
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(annotation),
            );
        let note = d.note.as_deref().map(|n| wrap_to(n, note_prefix));
        if let Some(note) = &note {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        let folded = file
            .fold_note(d)
            .map(|n| wrap_to(&visible(&n), note_prefix));
        if let Some(folded) = &folded {
            group = group.element(Level::NOTE.message(folded.as_str()));
        }
        let mut report = vec![group];
        let help = help_text(d, file).map(|h| wrap_to(&h, "help: ".len()));
        if let Some(help) = &help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
        .term_width(TERM_WIDTH);
        let rendered = renderer.render(&report);

        // annotate-snippets computes the `-->` column from the excerpt it was given; when the
        // line was cut (or lost its BOM) that is not the column in the file. Put the real one.
        let shown_col = ex.source[..ex.span.start].chars().count() + 1;
        if shown_col == column {
            return rendered;
        }
        let shown = format!("{path}:{line}:{shown_col}");
        let real = format!("{path}:{line}:{column}");
        match rendered.find(&shown) {
            Some(at) => {
                let mut s = rendered;
                s.replace_range(at..at + shown.len(), &real);
                s
            }
            None => rendered,
        }
    }
}

/// Longest label quoted as it is (a few words); a longer span is labelled by its word count.
const MAX_QUOTED: usize = 30;

/// The label under the carets: the flagged text between guillemets, or, for a span that is
/// only whitespace, covers a whole line or runs over several, a short description (raw line
/// breaks would break the frame, and a whole line repeated says nothing).
fn label(file: &FileReport<'_>, span: Range<usize>) -> String {
    let raw = &file.text[span.clone()];
    let lines = 1 + raw.trim_end_matches(['\r', '\n']).matches('\n').count();
    if raw.trim().is_empty() {
        return match raw.matches('\n').count() {
            0 if raw.is_empty() => String::new(),
            0 => "spaces".to_string(),
            1 => "a blank line".to_string(),
            n => format!("{n} blank lines"),
        };
    }
    if lines > 1 {
        return format!("these {lines} lines");
    }
    let word = visible(raw.trim());
    if !word.contains(char::is_whitespace) {
        return format!("«{word}»");
    }
    // Several words: the whole line? (Looks stop at the first char that is not a space: a long
    // line with many findings is not walked once per finding.)
    let lines_of = file.lines();
    let range = lines_of.line_range(file.text, lines_of.line_of(span.start));
    let start = span.start.clamp(range.start, range.end);
    let end = span.end.clamp(start, range.end);
    let whole_line = file.text[range.start..start]
        .chars()
        .all(char::is_whitespace)
        && file.text[end..range.end].chars().all(char::is_whitespace);
    if whole_line {
        return "this line".to_string();
    }
    // A sentence or a passage: its words are on the line above; say how many.
    if word.chars().count() > MAX_QUOTED && word.contains(char::is_whitespace) {
        return format!("these {} words", word.split_whitespace().count());
    }
    format!("«{word}»")
}

/// `ex` cut to at most `room` chars (a word longer than the room: the end of the line and of the
/// word are cut, marked with `…`).
fn fit(ex: Excerpt, room: usize) -> Excerpt {
    let room = room.max(MIN_CONTEXT);
    if ex.source.chars().count() <= room {
        return ex;
    }
    let cut = ex
        .source
        .char_indices()
        .nth(room - 1)
        .map_or(ex.source.len(), |(i, _)| i);
    let source = format!("{}{ELLIPSIS}", &ex.source[..cut]);
    let start = ex.span.start.min(cut);
    Excerpt {
        span: start..ex.span.end.min(cut).max(start),
        source,
    }
}

/// `text` with line breaks at spaces so that no line is longer than `width` chars (a longer
/// word stays whole on its own line).
fn wrap(text: &str, width: usize) -> String {
    let width = width.max(MIN_CONTEXT);
    let mut out = String::with_capacity(text.len() + 8);
    let mut len = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push('\n');
            len = 0;
        } else if len > 0 || !out.is_empty() {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out
}

/// The width to fit human output to: `COLUMNS` when set to a number, else the width of the
/// terminal stdout is, else `None` (not a terminal: the fixed default).
pub fn width_from_env() -> Option<usize> {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return Some(c);
    }
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// "did you mean «a»?", then " (or «b», «c»)" for the other suggestions; for a deletion, what
/// it does ("remove the repeated «إن»"), never "did you mean «»?".
fn help_text(d: &Diagnostic, file: &FileReport<'_>) -> Option<String> {
    let (first, rest) = d.suggestions.split_first()?;
    if first.is_empty() {
        if let Some(action) = &d.action {
            return Some(visible(action));
        }
        let removed = file.text[file.span(d)].trim();
        return Some(if removed.is_empty() || removed.contains('\n') {
            "remove this".to_string()
        } else {
            format!("remove «{}»", visible(removed))
        });
    }
    let mut s = format!("did you mean «{}»?", visible(first));
    if !rest.is_empty() {
        let others: Vec<String> = rest.iter().map(|r| format!("«{}»", visible(r))).collect();
        s.push_str(&format!(" (or {})", others.join(", ")));
    }
    Some(s)
}

/// A word for a label: without invisible controls (bidi marks, zero-width chars, BOM).
fn visible(word: &str) -> String {
    word.chars()
        .filter(|&c| !keymap::is_invisible_control(c))
        .collect()
}

/// The part of a line shown under a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The text shown: the line (without its terminator, without a BOM), cut to a window with
    /// `…` on the cut sides if it is long.
    pub source: String,
    /// The flagged span, as a byte range of `source`.
    pub span: Range<usize>,
}

/// The excerpt of the line where `span` starts. A span running past its line's end (it never
/// should) is cut at the line's end.
pub fn excerpt(file: &FileReport<'_>, span: Range<usize>, context: usize) -> Excerpt {
    let text = file.text;
    let lines = file.lines();
    let l = lines.line_of(span.start);
    let range = lines.line_range(text, l);
    let skip = if l == 0 { file.bom_len() } else { 0 };
    let ls = (range.start + skip).min(range.end);
    let le = range.end;
    let s = span.start.clamp(ls, le);
    let e = span.end.clamp(s, le);
    window(&text[ls..le], s - ls..e - ls, context)
}

/// Cut `line` to about `context` chars either side of `span` (byte range on `line`, on char
/// boundaries), at word boundaries where there are any within reach, never inside a char and
/// never before a combining mark. Short lines come back whole.
pub fn window(line: &str, span: Range<usize>, context: usize) -> Excerpt {
    let (s, e) = (span.start, span.end);
    let context = context.max(1);
    let mut ws = 0;
    let mut we = line.len();
    // Bounded look-ups, not counts of the whole line: a long line with many findings would
    // otherwise be walked once per finding.
    if line[..s].chars().rev().nth(context).is_some() {
        // Keep the last `context` chars before the word, then move to the next word start.
        let cand = line[..s]
            .char_indices()
            .rev()
            .nth(context - 1)
            .map_or(0, |(i, _)| i);
        ws = if line[..cand].ends_with(char::is_whitespace) {
            cand
        } else {
            match line[cand..s].find(char::is_whitespace) {
                Some(k) => cand + k,
                None => skip_marks(line, cand),
            }
        };
        // No leading whitespace.
        ws = s - line[ws..s].trim_start().len();
    }
    if line[e..].chars().nth(context).is_some() {
        // Keep `context` chars after the word, then move back to the previous word end.
        let cand = e + line[e..]
            .char_indices()
            .nth(context)
            .map_or(line.len() - e, |(i, _)| i);
        we = if line[cand..].starts_with(char::is_whitespace) {
            cand
        } else {
            match line[e..cand].rfind(char::is_whitespace) {
                Some(k) if k > 0 => e + k,
                _ => skip_marks(line, cand),
            }
        };
        we = e + line[e..we].trim_end().len();
    }
    let prefix = if ws > 0 { ELLIPSIS } else { "" };
    let suffix = if we < line.len() { ELLIPSIS } else { "" };
    let source = format!("{prefix}{}{suffix}", &line[ws..we]);
    let shift = prefix.len();
    Excerpt {
        source,
        span: s - ws + shift..e - ws + shift,
    }
}

/// Move `i` forward past combining marks, so that a cut never leaves a mark without its letter
/// (a few at most: a line made of nothing but marks is cut where it is, not walked to its end
/// once per finding).
fn skip_marks(line: &str, i: usize) -> usize {
    let mut j = i;
    for c in line[i..].chars().take(MAX_MARKS_SKIPPED) {
        if !is_mark(c) {
            return j;
        }
        j += c.len_utf8();
    }
    if j < line.len() {
        i
    } else {
        j
    }
}

/// Most combining marks [`skip_marks`] steps over.
const MAX_MARKS_SKIPPED: usize = 16;

fn is_mark(c: char) -> bool {
    (keymap::is_ignorable(c) && !keymap::is_invisible_control(c) && c != '\u{0640}')
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use tadqiq_core::diagnostic::Applicability;

    fn diag(text: &str, word: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Diagnostic::new(
            "spelling",
            Severity::Error,
            start..start + word.len(),
            format!("«{word}» is not a known word; did you mean «اللقاء»?"),
        )
        .with_suggestions(vec!["اللقاء".into(), "الإلقاء".into()], Applicability::Safe)
        .with_note("likely a doubled letter written once")
    }

    fn render(path: &str, text: &str, d: Diagnostic) -> String {
        let diags = [d];
        let f = FileReport::new(path, text, &diags);
        Human::new(false).diagnostic(&f, &diags[0])
    }

    /// The display column (in chars of the rendered line) where the caret run starts, and its
    /// length, for a line of carets under a source line.
    fn carets(rendered: &str) -> (usize, usize) {
        let line = rendered.lines().find(|l| l.contains('^')).unwrap();
        let start = line.chars().position(|c| c == '^').unwrap();
        (start, line.matches('^').count())
    }

    #[test]
    fn rustc_style_with_label_note_and_help() {
        let text = "كتب: سيد محمد\nتطرق القاء إلى التحديات\n";
        let out = render("news/a.txt", text, diag(text, "القاء", 0));
        insta::assert_snapshot!(out, @r"
        error[tadqiq/spelling]: «القاء» is not a known word; did you mean «اللقاء»?
         --> news/a.txt:2:6
          |
        2 | تطرق القاء إلى التحديات
          |      ^^^^^ «القاء»
          |
          = note: likely a doubled letter written once
        help: did you mean «اللقاء»? (or «الإلقاء»)
        ");
    }

    #[test]
    fn long_lines_are_windowed_at_word_boundaries() {
        let seed = "ونقلت وكالة الأنباء العراقية (واع) عن المكتب الإعلامي لمستشار الأمن القومي العراقي";
        let text = format!("{seed} {seed} أن القاء أرسى إطاراً لتعاون {seed} {seed}\n");
        let d = diag(&text, "القاء", 0);
        let col = text[..d.span.start].chars().count() + 1;
        let out = render("a.txt", &text, d);
        assert!(out.contains(&format!(" --> a.txt:1:{col}\n")), "{out}");
        let src = out.lines().find(|l| l.starts_with("1 |")).unwrap();
        let shown = src.trim_start_matches("1 | ");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{src}");
        assert!(shown.chars().count() <= 2 * CONTEXT_CHARS + 5 + 2, "{src}");
        // Cut at word boundaries: the words next to the ellipses are whole words of the text.
        let inner = shown.trim_matches('…');
        let words: Vec<&str> = text.split_whitespace().collect();
        assert!(words.contains(&inner.split(' ').next().unwrap()), "{inner}");
        assert!(
            words.contains(&inner.split(' ').next_back().unwrap()),
            "{inner}"
        );
        // The carets sit under the word.
        let (at, len) = carets(&out);
        let word_at = src.find("القاء").unwrap();
        assert_eq!(at, src[..word_at].chars().count());
        assert_eq!(len, 5);
        insta::assert_snapshot!(out, @r"
        error[tadqiq/spelling]: «القاء» is not a known word; did you mean «اللقاء»?
         --> a.txt:1:170
          |
        1 | …(واع) عن المكتب الإعلامي لمستشار الأمن القومي العراقي أن القاء أرسى إطاراً لتعاون ونقلت وكالة الأنباء العراقية (واع) عن…
          |                                                           ^^^^^ «القاء»
          |
          = note: likely a doubled letter written once
        help: did you mean «اللقاء»? (or «الإلقاء»)
        ");
    }

    #[test]
    fn bom_crlf_emoji_and_bidi_control_before_the_word() {
        let text = "\u{FEFF}😀 \u{200F}القاء هنا\r\nسطر ثان\r\n";
        let out = render("b.txt", text, diag(text, "القاء", 0));
        // Column 4: the BOM is not counted, the emoji is one char, the RLM is one char.
        assert!(out.contains(" --> b.txt:1:4\n"), "{out}");
        assert!(!out.contains('\u{FEFF}') && !out.contains('\r') && !out.contains('␍'));
        let src = out.lines().find(|l| l.starts_with("1 |")).unwrap();
        assert_eq!(src, "1 | 😀 \u{200F}القاء هنا");
        // The emoji takes two cells and the RLM none: carets start 3 cells in.
        let (at, len) = carets(&out);
        assert_eq!((at, len), ("1 | ".len() + 3, 5));
        insta::assert_snapshot!(out.replace('\u{200F}', "<RLM>"), @r"
        error[tadqiq/spelling]: «القاء» is not a known word; did you mean «اللقاء»?
         --> b.txt:1:4
          |
        1 | 😀 <RLM>القاء هنا
          |    ^^^^^ «القاء»
          |
          = note: likely a doubled letter written once
        help: did you mean «اللقاء»? (or «الإلقاء»)
        ");
        // And on the second line of a CRLF file.
        let text = "\u{FEFF}سطر\r\nأن القاء\r\n";
        let out = render("c.txt", text, diag(text, "القاء", 0));
        assert!(out.contains(" --> c.txt:2:4\n"), "{out}");
        assert!(out.contains("2 | أن القاء\n"), "{out}");
    }

    #[test]
    fn harakat_take_no_cells() {
        let text = "أنَّ القاءَ هنا";
        let out = render("d.txt", text, diag(text, "القاءَ", 0));
        assert!(out.contains(" --> d.txt:1:6\n"), "{out}");
        // أنَّ is four chars but two cells wide; the word is six chars, five cells.
        let (at, len) = carets(&out);
        assert_eq!((at, len), ("1 | ".len() + 3, 5));
    }

    #[test]
    fn hints_and_wordless_spans() {
        let text = "قال رومانوسكي";
        let start = text.find("رومانوسكي").unwrap();
        let d = Diagnostic::new(
            "unknown-word",
            Severity::Hint,
            start..start + "رومانوسكي".len(),
            "«رومانوسكي» is not in the dictionary",
        );
        let out = render("e.txt", text, d);
        assert!(out.starts_with("hint[tadqiq/unknown-word]: "), "{out}");
        assert!(!out.contains("help:"), "{out}");
        let d = Diagnostic::new("x", Severity::Warning, 3..3, "missing something");
        let out = render("e.txt", text, d);
        assert!(out.starts_with("warning[tadqiq/x]: "), "{out}");
    }

    #[test]
    fn windows_never_split_chars_or_marks() {
        // No spaces at all: the window falls back to char boundaries, skipping marks.
        let line = "بَ".repeat(200) + "القاء" + &"تُ".repeat(200);
        let s = line.find("القاء").unwrap();
        let ex = window(&line, s..s + "القاء".len(), 10);
        assert_eq!(&ex.source[ex.span.clone()], "القاء");
        let inner = ex.source.trim_matches('…');
        assert!(!is_mark(inner.chars().next().unwrap()), "{inner}");
        // Short lines are left alone.
        let ex = window("أن القاء", 5..15, 60);
        assert_eq!(ex.source, "أن القاء");
        assert_eq!(ex.span, 5..15);
    }

    fn lint(text: &str, rule: &str) -> Vec<Diagnostic> {
        tadqiq_core::Linter::new()
            .lint(text, tadqiq_core::SourceKind::Plain)
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    #[test]
    fn deletions_say_what_they_do_and_blank_lines_get_a_description() {
        // A repeated word, from the fixtures' kind of news text.
        let text = "قال الوزير إن إن الحكومة ستعمل على تحسين الخدمات.\n";
        let diags = lint(text, "repeated-word");
        assert_eq!(diags.len(), 1, "{diags:?}");
        let f = FileReport::new("a.txt", text, &diags);
        let out = Human::new(false).diagnostic(&f, &diags[0]);
        assert!(out.contains("help: remove the repeated «إن»"), "{out}");
        assert!(!out.contains("«»"), "{out}");
        assert!(out.contains("^^^ «إن»"), "{out}");

        // Three blank lines: the label describes, never prints the line breaks.
        let text = "قال الوزير إن الحكومة ستعمل.\n\n\n\nوأضاف أن القرار نهائي.\n";
        let diags = lint(text, "whitespace");
        assert_eq!(diags.len(), 1, "{diags:?}");
        let f = FileReport::new("b.txt", text, &diags);
        let out = Human::new(false).diagnostic(&f, &diags[0]);
        insta::assert_snapshot!(out, @r"
        info[tadqiq/whitespace]: 3 blank lines in a row; one is enough
         --> b.txt:3:1
          |
        3 |
          | ^ 2 blank lines
          |
        help: remove 2 of the 3 blank lines
        ");
        for l in out.lines() {
            assert!(!l.starts_with('»'), "a label broke the frame:\n{out}");
        }
    }

    #[test]
    fn a_whole_line_is_labelled_this_line() {
        let text = "قال الوزير إن الحكومة ستعمل.\nلمزيد من التفاصيل اضغط هنا.\n";
        let start = text.find("لمزيد").unwrap();
        let d = Diagnostic::new(
            "boilerplate",
            Severity::Warning,
            start..text.len() - 1,
            "a web-page leftover",
        )
        .with_suggestions(vec![String::new()], Applicability::Unsafe)
        .with_action("remove this line");
        let out = render("c.txt", text, d);
        assert!(out.contains("^ this line"), "{out}");
        assert!(out.contains("help: remove this line"), "{out}");
        // A deletion without a stated action still says what it removes.
        let d = Diagnostic::new("x", Severity::Info, 4..9, "a slip")
            .with_suggestions(vec![String::new()], Applicability::Safe);
        let out = render("c.txt", text, d);
        assert!(out.contains("help: remove «"), "{out}");
    }

    #[test]
    fn color_only_when_asked() {
        let text = "أن القاء";
        let diags = [diag(text, "القاء", 0)];
        let f = FileReport::new("a.txt", text, &diags);
        assert!(!Human::new(false).diagnostic(&f, &diags[0]).contains('\x1b'));
        assert!(Human::new(true).diagnostic(&f, &diags[0]).contains("\x1b["));
        // The real column survives styling on a cut line.
        let text = format!("{} أن القاء", "كلمة ".repeat(40));
        let diags = [diag(&text, "القاء", 0)];
        let f = FileReport::new("a.txt", &text, &diags);
        let out = Human::new(true).diagnostic(&f, &diags[0]);
        assert!(out.contains("a.txt:1:205"), "{out}");
        assert!(out.contains('…'), "{out}");
    }
}
