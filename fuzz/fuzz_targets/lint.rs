//! `lint` on any text, as plain text and as Markdown, whole and in small pieces: no panic,
//! every span on char boundaries inside the text, every suggestion different from nothing at
//! all, the same result twice.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tadqiq_core::{chunked, LintOptions, Linter, SourceKind};

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        Linter::with_options(
            std::sync::Arc::new(tadqiq_core::Dictionary::embedded()),
            LintOptions {
                show_hints: true,
                ..Default::default()
            },
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let linter = linter();
    for kind in [SourceKind::Plain, SourceKind::Markdown] {
        let d = linter.lint(text, kind);
        for x in &d {
            assert!(
                x.span.start <= x.span.end && x.span.end <= text.len(),
                "{x:?}"
            );
            assert!(
                text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end),
                "{x:?}"
            );
        }
        assert_eq!(d, linter.lint(text, kind), "deterministic");
        for x in chunked::lint(linter, text, kind, chunked::MIN_PIECE_BYTES) {
            assert!(x.span.end <= text.len(), "{x:?}");
            assert!(
                text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end),
                "in pieces: {x:?}"
            );
        }
    }
});
