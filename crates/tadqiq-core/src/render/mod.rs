//! Renderers for machines: turn one file's diagnostics into data for tools (`json`, `github`,
//! `sarif`). They only format; they never decide what is reported. The renderer for people (a
//! terminal's rustc-style report) is the `tadqiq` command's; it uses [`FileReport`] too.
//!
//! Positions shown to users are derived here from the diagnostics' byte spans:
//!
//! - lines are 1-based; `\n`, `\r\n` and a lone `\r` end a line;
//! - columns are 1-based and count Unicode scalar values (chars), not bytes, not UTF-16 units,
//!   not terminal cells; end positions are exclusive;
//! - a UTF-8 byte-order mark at the start of the file is not counted as a column (editors do
//!   not show it), but byte offsets (`start`/`end` in JSON) are offsets in the file and do
//!   include its three bytes.

use std::ops::Range;

pub use crate::chunked::Base;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{bom_len, LineIndex};

pub mod github;
pub mod json;
pub mod sarif;

/// A 1-based, end-exclusive range of lines and char columns (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One file's text and findings, ready to render.
pub struct FileReport<'a> {
    /// The path as shown to the user (as given on the command line, or `<stdin>`).
    pub path: &'a str,
    /// The text, or the piece of it that `diagnostics` are on.
    pub text: &'a str,
    /// Sorted by position; spans are on `text`.
    pub diagnostics: &'a [Diagnostic],
    lines: LineIndex,
    base: Base,
}

impl<'a> FileReport<'a> {
    pub fn new(path: &'a str, text: &'a str, diagnostics: &'a [Diagnostic]) -> Self {
        Self::piece(path, text, diagnostics, Base::default())
    }

    /// The report of a piece of a larger input that starts at `base`: `text` is the piece and
    /// the diagnostics' spans are on it; positions and byte offsets are rendered in the input.
    pub fn piece(path: &'a str, text: &'a str, diagnostics: &'a [Diagnostic], base: Base) -> Self {
        Self {
            path,
            text,
            diagnostics,
            lines: LineIndex::new(text),
            base,
        }
    }

    pub fn base(&self) -> Base {
        self.base
    }

    /// Length of the BOM at the start of `text` that is the input's BOM (3 or 0): a U+FEFF
    /// that starts a later piece is a char of the text, not a BOM.
    pub fn bom_len(&self) -> usize {
        if self.base.offset == 0 {
            bom_len(self.text)
        } else {
            0
        }
    }

    /// Byte offsets of `d` in the input (its span plus the piece's offset).
    pub fn offsets(&self, d: &Diagnostic) -> Range<usize> {
        self.offsets_of(&d.span)
    }

    /// Byte offsets in the input of `span` (a span on `text`, made safe as by [`Self::span`]).
    pub fn offsets_of(&self, span: &Range<usize>) -> Range<usize> {
        let span = self.clamp(span);
        span.start + self.base.offset..span.end + self.base.offset
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The span of `d`, made safe to slice with: clamped to the text and to char boundaries.
    pub fn span(&self, d: &Diagnostic) -> Range<usize> {
        self.clamp(&d.span)
    }

    /// `span` clamped to the text and to char boundaries.
    pub fn clamp(&self, span: &Range<usize>) -> Range<usize> {
        let start = floor_char_boundary(self.text, span.start);
        let end = floor_char_boundary(self.text, span.end).max(start);
        start..end
    }

    /// Where `d` is, in lines and char columns.
    pub fn location(&self, d: &Diagnostic) -> Location {
        self.location_of(&d.span)
    }

    /// Where `span` (on `text`) is, in lines and char columns.
    pub fn location_of(&self, span: &Range<usize>) -> Location {
        let span = self.clamp(span);
        let (line, column) = self.line_col(span.start);
        let (end_line, end_column) = self.line_col(span.end);
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// For a folded finding, what its other places are, for a human (see
    /// [`crate::fold::describe`]); `None` for a finding that stands alone.
    pub fn fold_note(&self, d: &Diagnostic) -> Option<String> {
        crate::fold::describe(
            d,
            |s| self.text[self.clamp(s)].to_string(),
            |at| self.line_col(floor_char_boundary(self.text, at)).0,
        )
    }

    /// 1-based line and char column in the input of byte `offset` of `text` (on a char
    /// boundary), not counting a BOM.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let lc = self.lines.line_col(self.text, offset);
        let bom = self.bom_len();
        let column = if lc.line == 1 && bom > 0 && offset >= bom {
            lc.column - 1
        } else {
            lc.column
        };
        if lc.line == 1 {
            (1 + self.base.line, column + self.base.column)
        } else {
            (lc.line + self.base.line, column)
        }
    }
}

/// The largest char boundary of `text` at or before `i` (clamped to its length).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A rule's docs (`RuleMeta::docs`, a doc comment with one leading space a line) as plain text.
pub fn docs_text(docs: &str) -> String {
    docs.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
    /// Places folded into other findings (see [`crate::fold`]): not findings of their own.
    pub folded: usize,
}

impl Counts {
    /// Count a finding, and the places folded into it.
    pub fn add_finding(&mut self, d: &Diagnostic) {
        self.add(d.severity);
        self.folded += d.others.len();
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
            Severity::Hint => self.hint += 1,
        }
    }

    pub fn merge(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
        self.hint += other.hint;
        self.folded += other.folded;
    }

    /// Findings that make `check` fail: everything but hints.
    pub fn findings(&self) -> usize {
        self.error + self.warning + self.info
    }

    /// "2 errors, 1 warning" (hints included when there are any); "no findings" when empty.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.error, "error", "errors"),
            (self.warning, "warning", "warnings"),
            (self.info, "info", "infos"),
            (self.hint, "hint", "hints"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        if parts.is_empty() {
            "no findings".to_string()
        } else if self.folded > 0 {
            let places = self.error + self.warning + self.info + self.hint + self.folded;
            format!(
                "{} ({places} places; --no-fold lists each)",
                parts.join(", ")
            )
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(text: &str, word: &str) -> Diagnostic {
        let start = text.find(word).unwrap();
        Diagnostic::new("spelling", Severity::Error, start..start + word.len(), "m")
    }

    #[test]
    fn locations_count_chars_and_skip_the_bom() {
        let text = "\u{FEFF}أن القاء\r\n😀 القاء";
        let d1 = diag(text, "القاء");
        let f = FileReport::new("x", text, std::slice::from_ref(&d1));
        assert_eq!(
            f.location(&d1),
            Location {
                line: 1,
                column: 4,
                end_line: 1,
                end_column: 9
            }
        );
        let at = text.rfind("القاء").unwrap();
        let d2 = Diagnostic::new("spelling", Severity::Error, at..at + 10, "m");
        assert_eq!(
            f.location(&d2),
            Location {
                line: 2,
                column: 3,
                end_line: 2,
                end_column: 8
            }
        );
        assert_eq!(f.line_col(0), (1, 1));
    }

    #[test]
    fn bad_spans_do_not_panic() {
        let text = "القاء";
        let d = Diagnostic::new("x", Severity::Error, 1..99, "m");
        let f = FileReport::new("x", text, std::slice::from_ref(&d));
        assert_eq!(f.span(&d), 0..text.len());
        let _ = f.location(&d);
    }

    #[test]
    fn docs_lose_their_doc_comment_indent() {
        assert_eq!(
            docs_text(" Flags.\n\n Example: `x`.\n"),
            "Flags.\n\nExample: `x`."
        );
    }

    #[test]
    fn counts_describe_themselves() {
        let mut c = Counts::default();
        assert_eq!(c.describe(), "no findings");
        c.add(Severity::Error);
        c.add(Severity::Error);
        c.add(Severity::Warning);
        c.add(Severity::Hint);
        assert_eq!(c.describe(), "2 errors, 1 warning, 1 hint");
        assert_eq!(c.findings(), 3);
    }
}
