//! GitHub Actions workflow commands, one a diagnostic:
//!
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=tadqiq/spelling::MESSAGE`
//!
//! Errors become `::error`, warnings `::warning`, infos and hints `::notice`. Columns are char
//! columns as everywhere else, `endColumn` exclusive. Escaping follows GitHub's runner: in the
//! message `%`, `\r` and `\n` are percent-encoded; in property values `:` and `,` are too.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::render::FileReport;

pub fn render(file: &FileReport<'_>, out: &mut impl Write) -> io::Result<()> {
    for d in file.diagnostics {
        let loc = file.location(d);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(file.path),
            loc.line,
            loc.column,
            loc.end_line,
            loc.end_column,
            escape_property(&d.rule_id()),
            escape_data(&match file.fold_note(d) {
                Some(note) => format!("{} ({note})", d.message),
                None => d.message.clone(),
            }),
        )?;
    }
    Ok(())
}

/// Escape a command's message.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn workflow_commands_are_escaped() {
        let text = "😀 أن القاء\nسطر";
        let s = text.find("القاء").unwrap();
        let diags = vec![
            Diagnostic::new(
                "spelling",
                Severity::Error,
                s..s + "القاء".len(),
                "«القاء»: 100% wrong,\nsee",
            ),
            Diagnostic::new("unknown-word", Severity::Hint, 0..4, "x"),
        ];
        let f = FileReport::new("d:/a,b%.txt", text, &diags);
        let mut out = Vec::new();
        render(&f, &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap(), @r"
        ::error file=d%3A/a%2Cb%25.txt,line=1,col=6,endLine=1,endColumn=11,title=tadqiq/spelling::«القاء»: 100%25 wrong,%0Asee
        ::notice file=d%3A/a%2Cb%25.txt,line=1,col=1,endLine=1,endColumn=2,title=tadqiq/unknown-word::x
        ");
    }
}
