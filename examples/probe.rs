//! Print what the dictionary and the analysis say about words: `cargo run --example probe -- القاء الف`.
use tadqiq::spell::{analyse_key, candidates, Policy};
use tadqiq::{keymap, Dictionary};

fn main() {
    let dict = Dictionary::embedded();
    for w in std::env::args().skip(1) {
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
        println!("  verdict: {:?}", analyse_key(&dict, &k, &Policy::default()));
        for c in candidates(&dict, &k, 1).iter().take(8) {
            println!("  {} {:?} zipf={:.2}", c.text(), c.class, c.zipf);
        }
    }
}
