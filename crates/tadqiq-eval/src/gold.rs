//! Scoring diagnostics against a gold annotation (`fixtures/seeds/gold.tsv`).
//!
//! A finding *detects* a row when its byte span overlaps the row's span; it *fixes* the row when
//! its first suggestion, applied to the line, yields the line with the row's fix applied
//! (diacritics and runs of spaces ignored). A finding that overlaps no row is a false alarm.

use std::ops::Range;

use tadqiq_core::diagnostic::Diagnostic;
use tadqiq_core::keymap;
use tadqiq_core::text::LineIndex;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldRow {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub wrong: String,
    /// Alternatives (`15,000|15 ألف`); empty for deletions and editorial findings.
    pub fixes: Vec<String>,
    pub kind: String,
    pub tier: String,
}

impl GoldRow {
    /// A whole-line or whole-document finding, written `(…)` in the annotation.
    pub fn is_structural(&self) -> bool {
        self.wrong.starts_with('(')
    }
}

/// Parse the TSV (header line first).
pub fn parse(tsv: &str) -> Result<Vec<GoldRow>, String> {
    let mut rows = Vec::new();
    for (i, line) in tsv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 7 {
            return Err(format!(
                "gold line {}: expected 7 fields, found {}",
                i + 1,
                f.len()
            ));
        }
        let num = |s: &str| {
            s.parse::<usize>()
                .map_err(|e| format!("gold line {}: {e}", i + 1))
        };
        rows.push(GoldRow {
            file: f[0].to_string(),
            line: num(f[1])?,
            col: num(f[2])?,
            wrong: f[3].to_string(),
            fixes: if f[4].is_empty() {
                vec![]
            } else {
                f[4].split('|').map(str::to_string).collect()
            },
            kind: f[5].to_string(),
            tier: f[6].to_string(),
        });
    }
    Ok(rows)
}

/// Byte span of a row in its file's text.
pub fn row_span(text: &str, lines: &LineIndex, row: &GoldRow) -> Range<usize> {
    let line = row.line - 1;
    let lr = lines.line_range(text, line);
    let start = lr.start
        + text[lr.clone()]
            .char_indices()
            .nth(row.col - 1)
            .map(|(b, _)| b)
            .unwrap_or(lr.end - lr.start);
    if row.wrong == "(trailing blank lines)" || row.wrong.contains("after the article") {
        return start..text.len().max(start + 1);
    }
    if row.is_structural() {
        return start..lr.end.max(start + 1);
    }
    start..(start + row.wrong.len()).min(text.len())
}

/// Text with diacritics and tatweel dropped and runs of whitespace collapsed.
pub fn canonical(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if keymap::is_ignorable(c) && !c.is_whitespace() {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Does the first suggestion of `d` fix `row`?
pub fn fixes(text: &str, lines: &LineIndex, row: &GoldRow, d: &Diagnostic) -> bool {
    let Some(first) = d.suggestions.first() else {
        return false;
    };
    if row.fixes.is_empty() {
        return false;
    }
    let span = row_span(text, lines, row);
    let lr = lines.line_range(text, row.line - 1);
    if d.span.start < lr.start || d.span.end > lr.end || span.end > lr.end {
        return false;
    }
    let mut ours = String::new();
    ours.push_str(&text[lr.start..d.span.start]);
    ours.push_str(first);
    ours.push_str(&text[d.span.end..lr.end]);
    row.fixes.iter().any(|fix| {
        let mut theirs = String::new();
        theirs.push_str(&text[lr.start..span.start]);
        theirs.push_str(fix);
        theirs.push_str(&text[span.end..lr.end]);
        canonical(&ours) == canonical(&theirs)
    })
}

/// Per-row outcome and the false alarms of one file.
#[derive(Debug, Default)]
pub struct FileScore {
    /// For each row of the file (in input order): (row index, detected, fixed).
    pub rows: Vec<(usize, bool, bool)>,
    /// Diagnostics that overlap no row.
    pub false_alarms: Vec<Diagnostic>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Score the diagnostics of one file against the rows annotated for it.
pub fn score_file(text: &str, rows: &[(usize, &GoldRow)], diags: &[Diagnostic]) -> FileScore {
    let lines = LineIndex::new(text);
    let spans: Vec<Range<usize>> = rows
        .iter()
        .map(|(_, r)| row_span(text, &lines, r))
        .collect();
    let mut score = FileScore::default();
    for ((i, row), span) in rows.iter().zip(&spans) {
        let hits: Vec<&Diagnostic> = diags.iter().filter(|d| overlaps(&d.span, span)).collect();
        let fixed = hits.iter().any(|d| fixes(text, &lines, row, d));
        score.rows.push((*i, !hits.is_empty(), fixed));
    }
    score.false_alarms = diags
        .iter()
        .filter(|d| !spans.iter().any(|s| overlaps(&d.span, s)))
        .cloned()
        .collect();
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use tadqiq_core::diagnostic::{Applicability, Severity};

    #[test]
    fn spans_and_fixes_follow_the_annotation_rules() {
        let text = "سطر أول\nحيث دُرِّب أكثر من 15,000 الف ضابط.\n\n\n";
        let line2 = text.lines().nth(1).unwrap();
        let col = |w: &str| line2[..line2.find(w).unwrap()].chars().count() + 1;
        let tsv = format!(
            "file\tline\tcol\twrong\tfix\tkind\ttier\n\
             a.txt\t2\t{}\t15,000 الف\t15,000|15 ألف\tnumber-unit\tmust\n\
             a.txt\t2\t{}\tالف\tألف\thamza\tmust\n\
             a.txt\t3\t1\t(trailing blank lines)\t\twhitespace\tstretch\n",
            col("15,000"),
            col("الف")
        );
        let rows = parse(&tsv).unwrap();
        let lines = LineIndex::new(text);
        assert_eq!(&text[row_span(text, &lines, &rows[0])], "15,000 الف");
        assert_eq!(&text[row_span(text, &lines, &rows[1])], "الف");
        let alf = text.find("الف").unwrap();
        let d = Diagnostic::new("hamza", Severity::Error, alf..alf + "الف".len(), "m")
            .with_suggestions(vec!["ألف".into()], Applicability::Safe);
        assert!(fixes(text, &lines, &rows[1], &d));
        // Dropping the unit fixes the number-unit row too (first alternative).
        let n = text.find("15,000").unwrap();
        let d2 = Diagnostic::new("number-unit", Severity::Error, n..alf + "الف".len(), "m")
            .with_suggestions(vec!["15,000".into()], Applicability::Unsafe);
        assert!(fixes(text, &lines, &rows[0], &d2));
        let wrong = Diagnostic::new("x", Severity::Error, alf..alf + 6, "m")
            .with_suggestions(vec!["الفاء".into()], Applicability::Unsafe);
        assert!(!fixes(text, &lines, &rows[1], &wrong));
        let refs: Vec<(usize, &GoldRow)> = rows.iter().enumerate().collect();
        let s = score_file(text, &refs, &[d, d2]);
        assert_eq!(
            s.rows,
            vec![(0, true, true), (1, true, true), (2, false, false)]
        );
        assert!(s.false_alarms.is_empty());
    }
}
