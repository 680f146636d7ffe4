//! JSON Lines: one object a diagnostic, one line each, fields always in this order:
//!
//! `path, rule, severity, message, line, column, end_line, end_column, start, end, suggestions,
//! fix, others`
//!
//! `line`/`column` are 1-based, columns count chars, `end_*` are exclusive; `start`/`end` are
//! byte offsets in the file (end exclusive); `suggestions` are replacements for the span, best
//! first; `fix` is `safe`, `unsafe` or `manual`. `others` is empty unless the finding folds
//! further places of the same kind (see `crate::fold`): then each of them, in text order, with
//! `line, column, end_line, end_column, start, end, suggestions, fix` as above.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::{Applicability, Severity};
use crate::render::FileReport;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    rule: String,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    place: Place<'a>,
    others: Vec<Place<'a>>,
}

/// Where a finding (or a further place of a folded one) is, and its fix.
#[derive(Serialize)]
struct Place<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    suggestions: &'a [String],
    fix: Applicability,
}

impl<'a> Place<'a> {
    fn new(
        file: &FileReport<'_>,
        span: &Range<usize>,
        suggestions: &'a [String],
        fix: Applicability,
    ) -> Self {
        let loc = file.location_of(span);
        let offsets = file.offsets_of(span);
        Self {
            line: loc.line,
            column: loc.column,
            end_line: loc.end_line,
            end_column: loc.end_column,
            start: offsets.start,
            end: offsets.end,
            suggestions,
            fix,
        }
    }
}

/// Write one JSON line for each diagnostic of `file`.
pub fn render(file: &FileReport<'_>, out: &mut impl Write) -> io::Result<()> {
    for d in file.diagnostics {
        let line = Line {
            path: file.path,
            rule: d.rule_id(),
            severity: d.severity,
            message: &d.message,
            place: Place::new(file, &d.span, &d.suggestions, d.applicability),
            others: d
                .others
                .iter()
                .map(|o| Place::new(file, &o.span, &o.suggestions, o.applicability))
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn one_line_per_diagnostic_in_a_stable_order() {
        let text = "\u{FEFF}تطرق القاء\r\nإلى \"التحديات\"";
        let s = text.find("القاء").unwrap();
        let s2 = text.find("التحديات").unwrap();
        let diags = vec![
            Diagnostic::new(
                "spelling",
                Severity::Error,
                s..s + "القاء".len(),
                "«القاء» is not a known word; did you mean «اللقاء»?",
            )
            .with_suggestions(vec!["اللقاء".into(), "الإلقاء".into()], Applicability::Safe),
            Diagnostic::new(
                "unknown-word",
                Severity::Hint,
                s2..s2 + "التحديات".len(),
                "a \"quoted\" message",
            ),
        ];
        let f = FileReport::new("dir/a b.txt", text, &diags);
        let mut out = Vec::new();
        render(&f, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        insta::assert_snapshot!(out, @r#"
        {"path":"dir/a b.txt","rule":"tadqiq/spelling","severity":"error","message":"«القاء» is not a known word; did you mean «اللقاء»?","line":1,"column":6,"end_line":1,"end_column":11,"start":12,"end":22,"suggestions":["اللقاء","الإلقاء"],"fix":"safe","others":[]}
        {"path":"dir/a b.txt","rule":"tadqiq/unknown-word","severity":"hint","message":"a \"quoted\" message","line":2,"column":6,"end_line":2,"end_column":14,"start":32,"end":48,"suggestions":[],"fix":"manual","others":[]}
        "#);
    }

    #[test]
    fn a_folded_finding_lists_its_other_places() {
        let text = "قال ان الوزير\nاضاف ان";
        let at = |w: &str, n: usize| {
            let s = text.match_indices(w).nth(n).unwrap().0;
            s..s + w.len()
        };
        let mut d = Diagnostic::new(
            "hamza",
            Severity::Error,
            at("ان", 0),
            "«ان» is not a known word; did you mean «أن»?",
        )
        .with_suggestions(vec!["أن".into()], Applicability::Unsafe);
        d.others = vec![crate::diagnostic::Occurrence {
            span: at("ان", 1),
            suggestions: vec!["أن".into()],
            applicability: Applicability::Safe,
        }];
        let diags = vec![d];
        let f = FileReport::new("a.txt", text, &diags);
        let mut out = Vec::new();
        render(&f, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let o = &v["others"][0];
        assert_eq!(o["line"], 2);
        assert_eq!(o["column"], 6);
        assert_eq!(o["end_column"], 8);
        let (s, e) = (o["start"].as_u64().unwrap(), o["end"].as_u64().unwrap());
        assert_eq!(&text[s as usize..e as usize], "ان");
        assert_eq!(o["suggestions"][0], "أن");
        assert_eq!(o["fix"], "safe");
    }
}
