//! `fix` on any text: no panic; every applied fix replaced exactly the text it names; the
//! bytes before the first and after the last fix of a one-round fix are unchanged; a fix that
//! converged is idempotent (fixing its output changes nothing).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tadqiq_core::fix::{fix, FixOptions};
use tadqiq_core::{Linter, SourceKind};

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(Linter::new)
}

fuzz_target!(|data: &[u8]| {
    // First byte: the options; the rest: the text.
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = if flags & 1 == 0 {
        SourceKind::Plain
    } else {
        SourceKind::Markdown
    };
    let options = FixOptions {
        unsafe_too: flags & 2 != 0,
        ..FixOptions::default()
    };
    let linter = linter();
    let r = fix(linter, text, kind, &options);
    let first = r.applied.iter().filter(|a| a.round == 1);
    for a in first.clone() {
        assert_eq!(&text[a.span.clone()], a.before, "{a:?}");
    }
    if r.applied.iter().all(|a| a.round == 1) && !r.applied.is_empty() {
        let start = r.applied.iter().map(|a| a.span.start).min().unwrap();
        let end = r.applied.iter().map(|a| a.span.end).max().unwrap();
        assert_eq!(&r.text[..start], &text[..start], "bytes before the fixes");
        assert_eq!(
            &r.text[r.text.len() - (text.len() - end)..],
            &text[end..],
            "bytes after the fixes"
        );
    }
    if r.converged {
        let again = fix(linter, &r.text, kind, &options);
        assert!(
            again.applied.is_empty(),
            "not idempotent: {:?}",
            again.applied
        );
        assert_eq!(again.text, r.text);
    }
});
