//! Markdown: the prose regions of a document, as byte ranges on its source.
//!
//! Code spans and blocks, HTML, front matter (YAML `---` or TOML `+++`), link destinations and
//! image sources are not prose. pulldown-cmark's offset iterator gives each text event's source
//! range; an event whose text differs from its source (`&amp;`, a backslash escape) is mapped
//! only where the two agree, so every region is a verbatim slice of the file.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn prose_regions(text: &str) -> Vec<Range<usize>> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut skip_depth = 0usize;
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock | Tag::Image { .. },
            ) => skip_depth += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock | TagEnd::Image,
            ) => skip_depth = skip_depth.saturating_sub(1),
            Event::Text(t) if skip_depth == 0 => {
                let src = &text[range.clone()];
                if src == t.as_ref() {
                    push(&mut regions, range);
                } else if let Some(off) = src.find(t.as_ref()) {
                    // e.g. an escape: `\*` has text `*`; keep the verbatim part only.
                    push(&mut regions, range.start + off..range.start + off + t.len());
                }
            }
            _ => {}
        }
    }
    regions
}

/// Append a region, merging it with the previous one when they touch.
fn push(regions: &mut Vec<Range<usize>>, r: Range<usize>) {
    if r.is_empty() {
        return;
    }
    if let Some(last) = regions.last_mut() {
        if last.end == r.start {
            last.end = r.end;
            return;
        }
    }
    regions.push(r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        prose_regions(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn skips_code_front_matter_html_and_link_targets() {
        let text = "---\ntitle: القاء\n---\n\n# عنوان المقال\n\nنص `القاء` و [رابط](https://example.com/القاء) هنا.\n\n```\nالقاء في الكود\n```\n\n<div>القاء</div>\n";
        let p = prose(text);
        assert!(p.contains(&"عنوان المقال"));
        assert!(p.contains(&"رابط"));
        assert!(!p.iter().any(|s| s.contains("القاء")), "{p:?}");
    }

    #[test]
    fn regions_are_verbatim_slices_even_with_entities() {
        let text = "الأمن &amp; السلام\\* تم";
        for r in prose_regions(text) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        let p = prose(text);
        assert!(p.iter().any(|s| s.contains("الأمن")));
        assert!(p.iter().any(|s| s.contains("السلام")));
    }
}
