//! LanguageTool's annotated text (the `data` parameter): a JSON list of parts, each either text
//! to check or markup to skip, and markup may say what it stands for:
//!
//! ```json
//! {"annotation": [{"text": "قال "}, {"markup": "<b>"}, {"text": "القاء"},
//!                 {"markup": "</b>"}, {"markup": "<p>", "interpretAs": "\n\n"}]}
//! ```
//!
//! As LanguageTool does, the text checked is the text parts with each markup part replaced by
//! its `interpretAs` (by nothing when it has none), so a word split by inline markup is still one
//! word; and positions in the answer count on the document as the client has it: every part,
//! markup included, one after the other.

use std::ops::Range;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    annotation: Vec<Part>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    text: Option<String>,
    markup: Option<String>,
    #[serde(rename = "interpretAs")]
    interpret_as: Option<String>,
}

/// One stretch of the checked text and the stretch of the document it comes from.
#[derive(Clone, Debug)]
struct Segment {
    plain: Range<usize>,
    original: Range<usize>,
    /// Text (mapped byte for byte) rather than markup.
    text: bool,
}

/// An annotated document: the document as the client has it, the text to check, and the map
/// from one to the other.
#[derive(Clone, Debug)]
pub struct Annotated {
    /// Every part, markup included, in order: what offsets in the answer count on.
    pub original: String,
    /// The text parts, with each markup part replaced by its `interpretAs`: what is checked.
    pub plain: String,
    segments: Vec<Segment>,
}

impl Annotated {
    /// Parse the `data` parameter; the error says what is wrong in LanguageTool's terms.
    pub fn parse(json: &str) -> Result<Self, String> {
        let data: Data = serde_json::from_str(json)
            .map_err(|e| format!("could not parse JSON from 'data' parameter: {e}"))?;
        let mut a = Annotated {
            original: String::new(),
            plain: String::new(),
            segments: Vec::with_capacity(data.annotation.len()),
        };
        for (i, part) in data.annotation.into_iter().enumerate() {
            let (o, p) = (a.original.len(), a.plain.len());
            match (part.text, part.markup) {
                (Some(text), None) => {
                    if part.interpret_as.is_some() {
                        return Err(format!(
                            "'interpretAs' goes with 'markup', not with 'text' \
                             (annotation item {i})"
                        ));
                    }
                    a.original.push_str(&text);
                    a.plain.push_str(&text);
                    a.segments.push(Segment {
                        plain: p..p + text.len(),
                        original: o..o + text.len(),
                        text: true,
                    });
                }
                (None, Some(markup)) => {
                    let stands_for = part.interpret_as.unwrap_or_default();
                    a.original.push_str(&markup);
                    a.plain.push_str(&stands_for);
                    a.segments.push(Segment {
                        plain: p..p + stands_for.len(),
                        original: o..o + markup.len(),
                        text: false,
                    });
                }
                _ => {
                    return Err(format!(
                        "each item in 'annotation' needs either 'text' or 'markup', not both \
                         nor neither (annotation item {i})"
                    ))
                }
            }
        }
        Ok(a)
    }

    /// The byte range of the document that a byte range of the checked text comes from. A
    /// bound inside what a markup part stands for moves to that markup's edge, so the range
    /// covers the whole markup.
    pub fn to_original(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.map_start(span.start);
        if span.is_empty() {
            return start..start;
        }
        start..self.map_end(span.end).max(start)
    }

    /// A position where something starts: in the part that begins there.
    fn map_start(&self, p: usize) -> usize {
        let i = self.segments.partition_point(|s| s.plain.end <= p);
        match self.segments.get(i) {
            Some(s) if s.text => s.original.start + (p - s.plain.start),
            Some(s) => s.original.start,
            None => self.original.len(),
        }
    }

    /// A position where something ends: in the part that ends there.
    fn map_end(&self, p: usize) -> usize {
        let i = self.segments.partition_point(|s| s.plain.end < p);
        match self.segments.get(i) {
            Some(s) if s.text => s.original.start + (p - s.plain.start),
            Some(s) => s.original.end,
            None => self.original.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(hay: &str, needle: &str) -> Range<usize> {
        let i = hay.find(needle).unwrap();
        i..i + needle.len()
    }

    #[test]
    fn text_parts_map_byte_for_byte_and_markup_is_skipped() {
        let a = Annotated::parse(
            r#"{"annotation":[{"text":"قال "},{"markup":"<b>"},{"text":"القا"},{"markup":"</b>"},
               {"text":"ء هنا."},{"markup":"<p>","interpretAs":"\n\n"},{"text":"ثم"}]}"#,
        )
        .unwrap();
        assert_eq!(a.original, "قال <b>القا</b>ء هنا.<p>ثم");
        assert_eq!(a.plain, "قال القاء هنا.\n\nثم");
        // A word split by inline markup is one word, and maps over the markup inside it.
        let word = find(&a.plain, "القاء");
        assert_eq!(&a.original[a.to_original(&word)], "القا</b>ء");
        // A word right after markup starts after it.
        let w = find(&a.plain, "ثم");
        assert_eq!(&a.original[a.to_original(&w)], "ثم");
        // What `<p>` stands for maps to the whole `<p>`.
        let breaks = find(&a.plain, "\n\n");
        assert_eq!(&a.original[a.to_original(&breaks)], "<p>");
        let first = find(&a.plain, "قال");
        assert_eq!(a.to_original(&first), first);
        // An insertion point at the end.
        let end = a.plain.len();
        assert_eq!(
            a.to_original(&(end..end)),
            a.original.len()..a.original.len()
        );
    }

    #[test]
    fn bad_annotations_are_refused() {
        for bad in [
            "",
            "{}",
            r#"{"annotation":[{"text":"a","markup":"<b>"}]}"#,
            r#"{"annotation":[{}]}"#,
            r#"{"annotation":[{"text":"a","interpretAs":" "}]}"#,
            r#"{"annotation":[{"text":"a","colour":"red"}]}"#,
        ] {
            assert!(Annotated::parse(bad).is_err(), "{bad}");
        }
        let e = Annotated::parse("{").err().unwrap();
        assert!(e.starts_with("could not parse JSON from 'data'"), "{e}");
    }
}
