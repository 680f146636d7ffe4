//! Scan: every known word with a habitual-variant candidate (bare alef → hamza, final ي → ى),
//! with its frequency prior and context gain. `habit_scan FILES... > out.tsv`
use tadqiq_core::spell::context::Lm;
use tadqiq_core::spell::{neighbours, Analysis, Policy, Verdict};
use tadqiq_core::{keymap, Dictionary, Document, SourceKind};

fn main() {
    let dict = Dictionary::embedded();
    let lm = Lm::new(&dict);
    let mut cands = Vec::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Document::new(&text, SourceKind::Plain);
        let a = Analysis::new(&doc, &dict, &Policy::default());
        let lines = tadqiq_core::text::LineIndex::new(&text);
        for (i, w) in doc.words().iter().enumerate() {
            if w.glued || *a.verdict(i) != Verdict::Known {
                continue;
            }
            let key = doc.key(w);
            cands.clear();
            dict.confusables(key, &mut cands);
            let (prev, next) = neighbours(&doc, i);
            for (c, class) in &cands {
                let hamza = tadqiq_core::spell::restores_hamza_on_alef(key, c);
                let ending = key.len() == c.len()
                    && key[..key.len() - 1] == c[..c.len() - 1]
                    && key.last() == Some(&keymap::k::YEH)
                    && c.last() == Some(&keymap::k::ALEF_MAKSURA);
                let both = key.len() == c.len()
                    && key.last() == Some(&keymap::k::YEH)
                    && c.last() == Some(&keymap::k::ALEF_MAKSURA)
                    && tadqiq_core::spell::restores_hamza_on_alef(
                        &key[..key.len() - 1],
                        &c[..c.len() - 1],
                    );
                if !(hamza || ending || both) {
                    continue;
                }
                let ew = lm.evidence(prev, key, next);
                let ec = lm.evidence(prev, c, next);
                let span = doc.word_span(w);
                let lc = lines.line_col(&text, span.start);
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{:?}\t{:.2}\t{:.2}\t{:.2}\t{}\t{}\t{}\t{}\t{}\t{}",
                    path.rsplit('/').next().unwrap(),
                    lc.line,
                    lc.column,
                    doc.word_text(w),
                    keymap::decode(c),
                    class,
                    dict.zipf(c) - dict.zipf(key),
                    ec.score - ew.score,
                    dict.zipf(key),
                    ec.left,
                    ec.right,
                    ew.left,
                    ew.right,
                    prev.map(keymap::decode).unwrap_or_default(),
                    next.map(keymap::decode).unwrap_or_default(),
                );
            }
        }
    }
}
