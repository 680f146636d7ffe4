//! Code actions: each suggestion as a quick fix, "fix all in document", "add «word» to the
//! project word list" and "disable RULE for this line".

use std::collections::{HashMap, HashSet};
use std::ops::Range as ByteRange;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, TextDocumentEdit, TextEdit, Url,
    WorkspaceEdit,
};
use serde_json::json;

use super::convert::{self, Positions};
use tadqiq_core::diagnostic::Diagnostic;

/// The command behind "add «word» to the project word list"; its one argument is
/// `{"uri": <document>, "word": <word>}`.
pub const ADD_WORD_COMMAND: &str = "tadqiq.addToWordList";

/// The kind of the "fix all in document" action (a `source.fixAll`, as editors run on save).
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.tadqiq")
}

/// The comment that turns rules off for the line below it.
pub const DISABLE_NEXT_LINE: &str = "tadqiq-disable-next-line";

/// Rules that flag a word no dictionary knows: adding the word to the project's list silences
/// them.
const WORD_RULES: [&str; 5] = [
    "spelling",
    "unknown-word",
    "hamza",
    "taa-marbuta",
    "alef-maqsura",
];

/// A document as the actions see it.
pub struct ActionContext<'a> {
    pub uri: &'a Url,
    pub version: i32,
    pub pos: &'a Positions<'a>,
    /// The document's diagnostics, sorted by position.
    pub diagnostics: &'a [Diagnostic],
    /// The client takes `documentChanges` (edits tied to a document version).
    pub versioned_edits: bool,
}

impl ActionContext<'_> {
    fn workspace_edit(&self, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.versioned_edits {
            WorkspaceEdit {
                document_changes: Some(lsp_types::DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: self.uri.clone(),
                        version: Some(self.version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..Default::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), edits)])),
                ..Default::default()
            }
        }
    }

    fn text_edit(&self, span: &ByteRange<usize>, new_text: &str) -> TextEdit {
        TextEdit {
            range: self.pos.range(span),
            new_text: new_text.to_owned(),
        }
    }
}

/// Is an action of `kind` wanted by a request that asked `only` for these kinds?
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str()
                || kind
                    .as_str()
                    .strip_prefix(o.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The code actions for `range` of the document: for each diagnostic touching it, its quick
/// fixes (best first, the first preferred), "add to the word list" for unknown words and
/// "disable RULE for this line"; then "fix all in document" when there are safe fixes.
/// The title of a quick fix that deletes: the rule's own words for it when it has them ("Remove
/// the repeated «إن»", "Remove 2 of the 3 blank lines"), else the text removed, quoted, unless
/// it is blank or spans lines, which no quotation shows.
fn removal_title(d: &Diagnostic, i: usize, original: &str) -> String {
    if let Some(action) = d.action.as_deref().filter(|_| i == 0) {
        let mut chars = action.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    let shown = original.trim();
    if shown.is_empty() {
        "Remove the blank space".to_owned()
    } else if shown.contains('\n') {
        "Remove these lines".to_owned()
    } else {
        format!("Remove «{shown}»")
    }
}

pub fn code_actions(
    cx: &ActionContext<'_>,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let span = cx.pos.span(range);
    let text = cx.pos.text();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        let mut disabled = HashSet::new();
        let mut added = HashSet::new();
        for d in cx.diagnostics {
            if d.span.start > span.end || d.span.end < span.start {
                continue;
            }
            let lsp_diag = convert::diagnostic(d, cx.pos);
            let original = &text[d.span.clone()];
            for (i, s) in d.suggestions.iter().enumerate() {
                let title = if s.is_empty() {
                    removal_title(d, i, original)
                } else {
                    format!("Replace with «{s}»")
                };
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(cx.workspace_edit(vec![cx.text_edit(&d.span, s)])),
                    is_preferred: Some(i == 0),
                    ..Default::default()
                }));
            }
            if WORD_RULES.contains(&d.rule)
                && tadqiq_core::keymap::encode(original).is_some()
                && added.insert(original)
            {
                // A bare command rather than a code action carrying one: clients built on
                // lsprotocol (pygls) read any action with a `command` key as a `Command`.
                out.push(CodeActionOrCommand::Command(Command {
                    title: format!("Add «{original}» to the project word list"),
                    command: ADD_WORD_COMMAND.to_owned(),
                    arguments: Some(vec![json!({"uri": cx.uri, "word": original})]),
                }));
            }
            let line = lsp_diag.range.start.line;
            if disabled.insert((d.rule, line)) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", d.rule_id()),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag]),
                    edit: Some(cx.workspace_edit(vec![disable_edit(cx.pos, line, d)])),
                    ..Default::default()
                }));
            }
        }
    }
    if wanted(only, &fix_all_kind()) {
        let fixes = safe_fixes(text, cx.diagnostics);
        if !fixes.is_empty() {
            let edits = fixes
                .iter()
                .map(|(span, s)| cx.text_edit(span, s))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all in document".to_owned(),
                kind: Some(fix_all_kind()),
                edit: Some(cx.workspace_edit(edits)),
                ..Default::default()
            }));
        }
    }
    out
}

/// The edit that turns `d`'s rule off for `line`: a `<!-- tadqiq-disable-next-line RULE -->`
/// line above it, or the rule added to such a comment when the line above already is one.
fn disable_edit(pos: &Positions<'_>, line: u32, d: &Diagnostic) -> TextEdit {
    let text = pos.text();
    let rule = d.rule_id();
    if line > 0 {
        let above = pos.index().line_range(text, line as usize - 1);
        let above_text = &text[above.clone()];
        if let Some(inner) = above_text
            .trim()
            .strip_prefix("<!--")
            .and_then(|s| s.strip_suffix("-->"))
            .and_then(|s| s.trim().strip_prefix(DISABLE_NEXT_LINE))
        {
            let rules = inner.trim();
            let comment = if rules.is_empty() {
                // Already every rule off for this line: leave the comment as it is.
                above_text.to_owned()
            } else {
                format!("<!-- {DISABLE_NEXT_LINE} {rules}, {rule} -->")
            };
            return TextEdit {
                range: pos.range(&above),
                new_text: comment,
            };
        }
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    TextEdit {
        range: Range::new(Position::new(line, 0), Position::new(line, 0)),
        new_text: format!("<!-- {DISABLE_NEXT_LINE} {rule} -->{eol}"),
    }
}

/// The safe fixes of a document, chosen as one round of `tadqiq fix` chooses them
/// ([`tadqiq_core::fix::select_edits`]: first suggestions of `Safe` findings, no overlaps), in order.
pub fn safe_fixes(text: &str, diags: &[Diagnostic]) -> Vec<(ByteRange<usize>, String)> {
    tadqiq_core::fix::select_edits(text, diags, false)
        .into_iter()
        .map(|e| (e.span, e.replacement))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tadqiq_core::diagnostic::{Applicability, Severity};

    fn diag(
        text: &str,
        word: &str,
        rule: &'static str,
        sugg: &[&str],
        a: Applicability,
    ) -> Diagnostic {
        let start = text.find(word).unwrap();
        Diagnostic::new(
            rule,
            Severity::Error,
            start..start + word.len(),
            format!("«{word}»"),
        )
        .with_suggestions(sugg.iter().map(|s| s.to_string()).collect(), a)
    }

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect()
    }

    #[test]
    fn quick_fixes_word_list_disable_and_fix_all() {
        let text = "سطر\n😀 تطرق القاء إلى من من التحديات";
        let diags = vec![
            diag(
                text,
                "القاء",
                "spelling",
                &["اللقاء", "الغاء"],
                Applicability::Safe,
            ),
            diag(text, "من ", "repeated-word", &[""], Applicability::Safe),
        ];
        let uri = Url::parse("file:///tmp/a.txt").unwrap();
        let pos = Positions::new(text);
        let cx = ActionContext {
            uri: &uri,
            version: 7,
            pos: &pos,
            diagnostics: &diags,
            versioned_edits: false,
        };
        // The cursor at the end of القاء (UTF-16 column 2 + 1 + 4 + 1 + 5 = 13).
        let at = Range::new(Position::new(1, 13), Position::new(1, 13));
        let actions = code_actions(&cx, at, None);
        assert_eq!(
            titles(&actions),
            vec![
                "Replace with «اللقاء»",
                "Replace with «الغاء»",
                "Add «القاء» to the project word list",
                "Disable tadqiq/spelling for this line",
                "Fix all in document",
            ]
        );
        let CodeActionOrCommand::CodeAction(first) = &actions[0] else {
            panic!()
        };
        assert_eq!(first.is_preferred, Some(true));
        let edit = &first.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri][0];
        assert_eq!(
            edit.range,
            Range::new(Position::new(1, 8), Position::new(1, 13))
        );
        assert_eq!(edit.new_text, "اللقاء");
        let CodeActionOrCommand::CodeAction(disable) = &actions[3] else {
            panic!()
        };
        let edit = &disable.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri][0];
        assert_eq!(edit.range.start, Position::new(1, 0));
        assert_eq!(
            edit.new_text,
            "<!-- tadqiq-disable-next-line tadqiq/spelling -->\n"
        );
        let CodeActionOrCommand::CodeAction(all) = &actions[4] else {
            panic!()
        };
        assert_eq!(
            all.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri].len(),
            2
        );

        // Only the source action, when only that is asked for.
        let only = [CodeActionKind::SOURCE_FIX_ALL];
        assert_eq!(
            titles(&code_actions(&cx, at, Some(&only))),
            vec!["Fix all in document"]
        );
        let only = [CodeActionKind::REFACTOR];
        assert!(code_actions(&cx, at, Some(&only)).is_empty());
    }

    #[test]
    fn a_deletion_is_titled_by_what_it_does() {
        let text = "قال إن إن الحكومة\n\n\n\nستعمل";
        let repeated = diag(text, "إن ", "repeated-word", &[""], Applicability::Safe);
        let mut with_action = repeated.clone();
        with_action.action = Some("remove the repeated «إن»".to_owned());
        let blank = text.find("\n\n").unwrap()..text.rfind('\n').unwrap();
        let blanks = Diagnostic::new("whitespace", Severity::Warning, blank, "blank lines")
            .with_suggestions(vec![String::new()], Applicability::Safe);
        assert_eq!(
            removal_title(&with_action, 0, "إن "),
            "Remove the repeated «إن»"
        );
        assert_eq!(removal_title(&repeated, 0, "إن "), "Remove «إن»");
        assert_eq!(
            removal_title(&blanks, 0, "\n\n\n"),
            "Remove the blank space"
        );
        assert_eq!(removal_title(&blanks, 0, "سطر\nسطر"), "Remove these lines");
    }

    #[test]
    fn disable_comments_stack() {
        let text = "<!-- tadqiq-disable-next-line tadqiq/hamza -->\r\nتطرق القاء";
        let d = diag(text, "القاء", "spelling", &[], Applicability::Manual);
        let pos = Positions::new(text);
        let e = disable_edit(&pos, 1, &d);
        assert_eq!(
            e.new_text,
            "<!-- tadqiq-disable-next-line tadqiq/hamza, tadqiq/spelling -->"
        );
        assert_eq!(e.range.start, Position::new(0, 0));
        let e = disable_edit(&pos, 0, &d);
        assert!(e.new_text.ends_with("-->\r\n"));
    }

    #[test]
    fn safe_fixes_skip_overlaps_and_unsafe() {
        let text = "أ ب ج";
        let mut a = diag(text, "أ ب", "x", &["1"], Applicability::Safe);
        let b = diag(text, "ب", "y", &["2"], Applicability::Safe);
        let c = diag(text, "ج", "z", &["3"], Applicability::Unsafe);
        let fixes = safe_fixes(text, &[b.clone(), a.clone(), c]);
        assert_eq!(fixes, vec![(a.span.clone(), "1".to_string())]);
        a.applicability = Applicability::Manual;
        assert_eq!(fixes.len(), 1);
        assert_eq!(
            safe_fixes(text, &[a, b.clone()]),
            vec![(b.span, "2".into())]
        );
    }
}
