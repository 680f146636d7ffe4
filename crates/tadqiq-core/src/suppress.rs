//! Inline suppressions: comments in the text that silence findings.
//!
//! ```text
//! <!-- tadqiq-disable-next-line spelling -->     the line after the comment
//! <!-- tadqiq-disable spelling, hamza -->         from here...
//! <!-- tadqiq-enable spelling, hamza -->          ...to here (or to the end of the text)
//! ```
//!
//! With no rule named, a comment applies to every rule. Rule ids may carry the `tadqiq/` prefix;
//! several are separated by spaces or commas; names that are not rule ids are ignored. A finding
//! is silenced when it starts on the line after a `disable-next-line` comment that names its rule,
//! or when the last `disable`/`enable` comment before it that names its rule is a `disable`.
//!
//! In Markdown only real HTML comments count (not one shown in a code block or code span); they
//! are never linted, being HTML. In plain text any such comment counts, and findings inside the
//! comment itself are dropped too. The linter applies this after its rules run, so every front
//! end (CLI, LSP) gets it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use crate::diagnostic::Diagnostic;
use crate::document::{Document, SourceKind};

/// The marker every directive starts with; texts without it cost one substring search.
const MARKER: &str = "tadqiq-";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    DisableNextLine,
    Disable,
    Enable,
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Directive {
    kind: Kind,
    /// Bare rule ids; empty means every rule.
    rules: Vec<String>,
    /// The comment's span, `<!--` to `-->`.
    span: Range<usize>,
}

impl Directive {
    fn names(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

/// Drop the findings the document's suppression comments silence.
pub fn apply(doc: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let text = doc.text();
    if diagnostics.is_empty() || !text.contains(MARKER) {
        return;
    }
    let directives = directives(text, doc.kind());
    if directives.is_empty() {
        return;
    }
    let lines = doc.lines();
    let next_lines: Vec<(usize, &Directive)> = directives
        .iter()
        .filter(|d| d.kind == Kind::DisableNextLine)
        .map(|d| (lines.line_of(d.span.end.saturating_sub(1)) + 1, d))
        .collect();
    let ranges: Vec<&Directive> = directives
        .iter()
        .filter(|d| d.kind != Kind::DisableNextLine)
        .collect();
    diagnostics.retain(|diag| {
        let start = diag.span.start;
        if doc.kind() == SourceKind::Plain
            && directives.iter().any(|d| {
                diag.span.start < d.span.end && d.span.start < diag.span.end.max(start + 1)
            })
        {
            return false;
        }
        if !next_lines.is_empty() {
            let line = lines.line_of(start);
            if next_lines
                .iter()
                .any(|(l, d)| *l == line && d.names(diag.rule))
            {
                return false;
            }
        }
        let mut disabled = false;
        for d in ranges.iter().take_while(|d| d.span.end <= start) {
            if d.names(diag.rule) {
                disabled = d.kind == Kind::Disable;
            }
        }
        !disabled
    });
}

/// The suppression comments of a text, in order.
fn directives(text: &str, kind: SourceKind) -> Vec<Directive> {
    let mut out = Vec::new();
    match kind {
        SourceKind::Plain => scan(text, 0..text.len(), &mut out),
        SourceKind::Markdown => {
            for r in html_ranges(text) {
                scan(text, r, &mut out);
            }
        }
    }
    out
}

/// The source ranges of a Markdown text's HTML (blocks and inline), touching ranges merged.
fn html_ranges(text: &str) -> Vec<Range<usize>> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            match ranges.last_mut() {
                // Lines of one HTML block come as separate events.
                Some(last)
                    if range.start <= last.end || text[last.end..range.start].trim().is_empty() =>
                {
                    last.end = last.end.max(range.end)
                }
                _ => ranges.push(range),
            }
        }
    }
    ranges
}

/// Find `<!-- tadqiq-... -->` comments within `range` of `text`.
fn scan(text: &str, range: Range<usize>, out: &mut Vec<Directive>) {
    let hay = &text[range.clone()];
    let mut at = 0;
    while let Some(open) = hay[at..].find("<!--") {
        let open = at + open;
        let body_start = open + 4;
        let Some(close) = hay[body_start..].find("-->") else {
            break;
        };
        let close = body_start + close;
        let end = close + 3;
        if let Some(d) = parse(&hay[body_start..close]) {
            out.push(Directive {
                span: range.start + open..range.start + end,
                ..d
            });
        }
        at = end;
    }
}

/// Parse a comment's body (between `<!--` and `-->`).
fn parse(body: &str) -> Option<Directive> {
    let body = body.trim();
    let (kind, rest) = [
        ("tadqiq-disable-next-line", Kind::DisableNextLine),
        ("tadqiq-disable", Kind::Disable),
        ("tadqiq-enable", Kind::Enable),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        let rest = body.strip_prefix(word)?;
        (rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ','))
            .then_some((kind, rest))
    })?;
    let rules = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.strip_prefix("tadqiq/").unwrap_or(s).to_string())
        .collect();
    Some(Directive {
        kind,
        rules,
        span: 0..0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(rule: &'static str, text: &str, word: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Diagnostic::new(rule, Severity::Error, start..start + word.len(), "x")
    }

    fn kept(text: &str, kind: SourceKind, diags: Vec<Diagnostic>) -> Vec<(String, &'static str)> {
        let doc = Document::new(text, kind);
        let mut d = diags;
        apply(&doc, &mut d);
        d.into_iter()
            .map(|d| (text[d.span].to_string(), d.rule))
            .collect()
    }

    #[test]
    fn parses_directives() {
        let d = parse(" tadqiq-disable-next-line tadqiq/spelling, hamza ").unwrap();
        assert_eq!(d.kind, Kind::DisableNextLine);
        assert_eq!(d.rules, vec!["spelling", "hamza"]);
        assert_eq!(parse("tadqiq-enable").unwrap().rules, Vec::<String>::new());
        assert_eq!(parse("tadqiq-disable").unwrap().kind, Kind::Disable);
        assert!(parse("tadqiq-disabled").is_none());
        assert!(parse("a note").is_none());
    }

    #[test]
    fn next_line_and_blocks() {
        for kind in [SourceKind::Plain, SourceKind::Markdown] {
            let text = "ألف القاء\n\n<!-- tadqiq-disable-next-line spelling -->\nباء القاء\nجيم القاء\n\n\
                        <!-- tadqiq-disable -->\n\nدال القاء\n\n<!-- tadqiq-enable tadqiq/hamza -->\n\n\
                        هاء القاء\n\n<!-- tadqiq-enable -->\n\nواو القاء\n";
            let diags: Vec<_> = (0..6)
                .flat_map(|i| {
                    [
                        diag("spelling", text, "القاء", i),
                        diag("hamza", text, "القاء", i),
                    ]
                })
                .collect();
            let k = kept(text, kind, diags);
            let spelling = k.iter().filter(|(_, r)| *r == "spelling").count();
            let hamza = k.iter().filter(|(_, r)| *r == "hamza").count();
            // spelling: 1st, 3rd, 6th kept (2nd next-line, 4th and 5th in the block).
            assert_eq!(spelling, 3, "{kind:?} {k:?}");
            // hamza: 1st, 2nd, 3rd, 5th (enabled again), 6th kept.
            assert_eq!(hamza, 5, "{kind:?} {k:?}");
        }
    }

    #[test]
    fn markdown_code_does_not_count() {
        let text = "```\n<!-- tadqiq-disable -->\n```\n\nالقاء `<!-- tadqiq-disable -->` القاء\n";
        let diags = vec![
            diag("spelling", text, "القاء", 0),
            diag("spelling", text, "القاء", 1),
        ];
        assert_eq!(kept(text, SourceKind::Markdown, diags.clone()).len(), 2);
        // In plain text the same comments count.
        assert_eq!(kept(text, SourceKind::Plain, diags).len(), 0);
    }

    #[test]
    fn plain_text_comments_are_not_linted() {
        let text = "نص <!-- tadqiq-disable-next-line spelling -->\nالقاء";
        let inside = text.find("spelling").unwrap();
        let diags = vec![Diagnostic::new(
            "punctuation",
            Severity::Warning,
            inside..inside + 3,
            "x",
        )];
        assert!(kept(text, SourceKind::Plain, diags).is_empty());
    }
}
