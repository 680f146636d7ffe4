//! From the library's diagnostics (byte spans) to LSP's (UTF-16 ranges), and back.

use std::ops::Range as ByteRange;

use lsp_types::{DiagnosticSeverity, NumberOrString, Position, Range};
use serde_json::json;

use tadqiq_core::diagnostic::{Applicability, Diagnostic, Severity};
use tadqiq_core::text::LineIndex;

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "tadqiq";

/// A text and its line index, to turn byte offsets into LSP positions and back.
pub struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// The LSP position (0-based line, UTF-16 column) of a byte offset on a char boundary.
    pub fn position(&self, offset: usize) -> Position {
        let (line, character) = self.index.utf16_position(self.text, offset);
        Position { line, character }
    }

    pub fn range(&self, span: &ByteRange<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position, clamped (see [`super::document::offset_of`]).
    pub fn offset(&self, pos: Position) -> usize {
        super::document::offset_of(&self.index, self.text, pos)
    }

    /// The byte range of an LSP range, clamped and put in order.
    pub fn span(&self, range: Range) -> ByteRange<usize> {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::Manual => "manual",
    }
}

/// One library diagnostic as LSP publishes it: `code` is `tadqiq/<rule>`, `source` is `tadqiq`,
/// and `data` carries the suggestions (best first) and whether the first is safe to apply.
pub fn diagnostic(d: &Diagnostic, pos: &Positions<'_>) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: pos.range(&d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule_id())),
        code_description: None,
        source: Some(SOURCE.to_owned()),
        message: d.message.clone(),
        related_information: None,
        tags: None,
        data: Some(json!({
            "suggestions": d.suggestions,
            "fix": applicability(d.applicability),
        })),
    }
}

pub fn diagnostics(diags: &[Diagnostic], pos: &Positions<'_>) -> Vec<lsp_types::Diagnostic> {
    diags.iter().map(|d| diagnostic(d, pos)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_utf16_and_codes_carry_the_prefix() {
        let text = "سطر\n😀 القاء هنا";
        let start = text.find("القاء").unwrap();
        let d = Diagnostic::new(
            "spelling",
            Severity::Error,
            start..start + "القاء".len(),
            "m",
        )
        .with_suggestions(vec!["اللقاء".into()], Applicability::Safe);
        let pos = Positions::new(text);
        let l = diagnostic(&d, &pos);
        assert_eq!(
            l.range,
            Range::new(Position::new(1, 3), Position::new(1, 8))
        );
        assert_eq!(
            l.code,
            Some(NumberOrString::String("tadqiq/spelling".into()))
        );
        assert_eq!(l.source.as_deref(), Some("tadqiq"));
        assert_eq!(l.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(pos.span(l.range), d.span);
        assert_eq!(l.data.unwrap()["suggestions"][0], "اللقاء");
    }
}
