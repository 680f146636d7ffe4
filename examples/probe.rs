//! Print what the dictionary and the analysis say about words:
//! `cargo run --example probe -- القاء الف`, or about each word of a sentence in context:
//! `cargo run --example probe -- --ctx "رئيس الجنة العسكرية"`.
use tadqiq_core::spell::context::Lm;
use tadqiq_core::spell::edits::for_each_edit;
use tadqiq_core::spell::{analyse_key, candidates, Policy};
use tadqiq_core::{keymap, Dictionary};

fn main() {
    let dict = Dictionary::embedded();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--among") {
        // `--among "ان|أن" اكثر "من"`: evidence with each side read several ways.
        let lm = Lm::new(&dict);
        let side = |s: &str| -> Vec<Vec<u8>> { s.split('|').filter_map(keymap::encode).collect() };
        let (prevs, nexts) = (side(&args[1]), side(&args[3]));
        let p: Vec<&[u8]> = prevs.iter().map(Vec::as_slice).collect();
        let n: Vec<&[u8]> = nexts.iter().map(Vec::as_slice).collect();
        for w in args[2].split('|') {
            if let Some(k) = keymap::encode(w) {
                println!("{w}: {:?}", lm.evidence_among(&p, &k, &n));
            }
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--ctx") {
        let lm = Lm::new(&dict);
        for sentence in &args[1..] {
            let keys: Vec<Vec<u8>> = sentence
                .split_whitespace()
                .filter_map(keymap::encode)
                .collect();
            for i in 0..keys.len() {
                let prev = (i > 0).then(|| keys[i - 1].as_slice());
                let next = keys.get(i + 1).map(Vec::as_slice);
                let me = lm.evidence(prev, &keys[i], next);
                println!(
                    "{} zipf={:.2} {:?}",
                    keymap::decode(&keys[i]),
                    dict.zipf(&keys[i]),
                    me
                );
                let mut seen = std::collections::HashSet::new();
                for_each_edit(&keys[i], 1, &mut |c, class| {
                    if seen.insert(c.to_vec()) && dict.in_lexicon(c) && dict.unigram(c) > 0 {
                        let e = lm.evidence(prev, c, next);
                        if e.score > me.score - 1.0 {
                            println!(
                                "   {:?} {} zipf={:.2} Δ={:.2} {:?}",
                                class,
                                keymap::decode(c),
                                dict.zipf(c),
                                e.score - me.score,
                                e
                            );
                        }
                    }
                });
            }
        }
        return;
    }
    for w in args {
        let Some(k) = keymap::encode(&w) else {
            println!("{w}: not an Arabic word");
            continue;
        };
        println!(
            "{w}: known={:?} zipf={:.2} (surface {:?}) unigram={}",
            dict.known(&k),
            dict.zipf(&k),
            dict.zipf_surface(&k),
            dict.unigram(&k)
        );
        println!(
            "  verdict: {:?}",
            analyse_key(&dict, &k, &Policy::default())
        );
        for c in candidates(&dict, &k, 1).iter().take(8) {
            println!(
                "  {} {:?} zipf={:.2} unigram={}",
                c.text(),
                c.class,
                c.zipf,
                dict.unigram(&c.key)
            );
        }
    }
}
