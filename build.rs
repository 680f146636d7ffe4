// Provisional: empty dictionaries until the builder lands.
fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for name in ["lexicon", "names"] {
        let b = fst::SetBuilder::memory();
        std::fs::write(out.join(format!("{name}.fst")), b.into_inner().unwrap()).unwrap();
    }
    for name in ["freq", "unigrams", "bigrams"] {
        let b = fst::MapBuilder::memory();
        std::fs::write(out.join(format!("{name}.fst")), b.into_inner().unwrap()).unwrap();
    }
}
