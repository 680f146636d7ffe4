//! Compile the sources in `dictionaries/` into the FSTs tadqiq embeds.
//!
//! | output | what | from |
//! |---|---|---|
//! | `lexicon.fst` | set of every accepted form | Hunspell-ar expanded + `words/*.dic` |
//! | `names.fst` | set of proper nouns | Hunspell-ar's name headings + `names/*.txt` |
//! | `frequent.fst` | set of frequent words the lexicon lacks | wordfreq, filtered |
//! | `freq.fst` | map key → zipf × 100 | wordfreq `large_ar` |
//! | `unigrams.fst` | map key → count | ar-corrector |
//! | `bigrams.fst` | map `key1 key2` → count | ar-corrector |
//!
//! Keys are [`keymap`] keys. The lexicon (tens of millions of forms) is built in chunks: each
//! chunk's keys are sorted in a flat arena and written as an in-memory FST, and the chunks are
//! merged by a streaming union into the final file, so memory stays at a few hundred MB.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use fst::{IntoStreamer, MapBuilder, Set, SetBuilder, Streamer};

use crate::counts;
use crate::edits;
use crate::hunspell::{self, Affixes, DicEntry, Expander};
use crate::keymap;
use crate::wordfreq;

/// What a build produced, for the build log and `dictionaries/README.md`.
#[derive(Debug, Default)]
pub struct Report {
    pub lexicon_keys: u64,
    pub lexicon_bytes: u64,
    pub names: u64,
    pub frequencies: u64,
    pub unigrams: u64,
    pub bigrams: u64,
    pub seconds: f64,
    pub lines: Vec<String>,
}

/// Every source file the build reads (for `cargo:rerun-if-changed`). Cargo reruns a build script
/// on every build when one of its paths does not exist, so a source that may be missing (the
/// optional `words/` directory) is watched through `src` itself instead: creating it is noticed,
/// and an ordinary build does not rebuild the dictionaries.
pub fn inputs(src: &Path) -> Vec<PathBuf> {
    let mut v = vec![
        src.join("hunspell-ar/ar.aff"),
        src.join("hunspell-ar/ar.dic"),
        src.join("wordfreq/large_ar.msgpack.gz"),
        src.join("ar-corrector/unigrams.tsv.gz"),
        src.join("ar-corrector/bigrams.tsv.gz"),
        src.join("words"),
        src.join("names"),
    ];
    for dir in ["words", "names"] {
        v.extend(list(&src.join(dir), ""));
    }
    let mut watched = Vec::with_capacity(v.len());
    for p in v {
        let p = if p.exists() { p } else { src.to_path_buf() };
        if !watched.contains(&p) {
            watched.push(p);
        }
    }
    watched
}

fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file() && (ext.is_empty() || p.extension().is_some_and(|e| e == ext)));
    v.sort();
    v
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Build every FST from `src` (the `dictionaries/` folder) into `out`.
pub fn build_all(src: &Path, out: &Path) -> Result<Report, String> {
    let t0 = Instant::now();
    let mut report = Report::default();
    let aff = hunspell::parse_aff(&read(&src.join("hunspell-ar/ar.aff"))?)?;
    let mut entries = hunspell::parse_dic(&read(&src.join("hunspell-ar/ar.dic"))?, &aff)?;
    // Supplementary entries in Hunspell format, using ar.aff's flags.
    for p in list(&src.join("words"), "dic") {
        let extra =
            hunspell::parse_dic(&read(&p)?, &aff).map_err(|e| format!("{}: {e}", p.display()))?;
        report
            .lines
            .push(format!("{}: {} entries", p.display(), extra.len()));
        entries.extend(extra);
    }
    let t = Instant::now();
    let (keys, bytes) = build_lexicon(&aff, &entries, &out.join("lexicon.fst"))?;
    report.lexicon_keys = keys;
    report.lexicon_bytes = bytes;
    report.lines.push(format!(
        "lexicon: {keys} keys, {bytes} bytes, {:.1}s",
        t.elapsed().as_secs_f64()
    ));

    let t = Instant::now();
    let mut freq: HashMap<Vec<u8>, u64> = HashMap::new();
    for (w, z) in wordfreq::read_cbpack_file(&src.join("wordfreq/large_ar.msgpack.gz"))? {
        if let Some(k) = keymap::encode(&w) {
            let e = freq.entry(k).or_insert(0);
            *e = (*e).max(z as u64);
        }
    }
    report.frequencies = write_map(
        freq.iter().map(|(k, v)| (k.clone(), *v)),
        Merge::Max,
        &out.join("freq.fst"),
    )?;
    report.lines.push(format!(
        "freq: {} keys, {:.1}s",
        report.frequencies,
        t.elapsed().as_secs_f64()
    ));

    let t = Instant::now();
    let lexicon = Set::new(std::fs::read(out.join("lexicon.fst")).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let (names, dropped) =
        build_names(&aff, &entries, src, &lexicon, &freq, &out.join("names.fst"))?;
    report.names = names;
    let freqlex = build_freqlex(&lexicon, &freq, &out.join("freqlex.fst"))?;
    report.lines.push(format!("freqlex: {freqlex} keys"));
    let deletions = build_deletions(&lexicon, &freq, &out.join("deletions.fst"))?;
    report.lines.push(format!("deletions: {deletions} keys"));
    let (frequent, dropped_frequent) = build_frequent(&lexicon, &freq, &out.join("frequent.fst"))?;
    report.lines.push(format!(
        "frequent: {frequent} keys ({dropped_frequent} dropped as misspellings of dictionary words)"
    ));
    report.lines.push(format!(
        "names: {names} keys ({dropped} list entries dropped as misspellings of dictionary words), {:.1}s",
        t.elapsed().as_secs_f64()
    ));

    let t = Instant::now();
    let unigrams = counted(&src.join("ar-corrector/unigrams.tsv.gz"), keymap::encode)?;
    // The corpus size, for turning counts into probabilities at run time.
    let total: u64 = unigrams.iter().map(|(_, c)| c).sum();
    std::fs::write(out.join("unigram_total.txt"), total.to_string()).map_err(|e| e.to_string())?;
    let confusables = build_confusables(&unigrams, &lexicon, &freq, &out.join("confusables.fst"))?;
    report
        .lines
        .push(format!("confusables: {confusables} pairs"));
    report.unigrams = write_map(unigrams, Merge::Sum, &out.join("unigrams.fst"))?;
    report.bigrams = write_map(
        counted(&src.join("ar-corrector/bigrams.tsv.gz"), |pair| {
            let (a, b) = counts::split_bigram(pair)?;
            let mut k = keymap::encode(a)?;
            k.push(b' ');
            keymap::encode_into(b, &mut k).then_some(k)
        })?,
        Merge::Sum,
        &out.join("bigrams.fst"),
    )?;
    report.lines.push(format!(
        "unigrams: {} keys, bigrams: {} keys, {:.1}s",
        report.unigrams,
        report.bigrams,
        t.elapsed().as_secs_f64()
    ));
    report.seconds = t0.elapsed().as_secs_f64();
    Ok(report)
}

/// Key/count pairs of a counts file, keys mapped by `key`; lines whose key maps to `None` are
/// skipped.
fn counted(
    path: &Path,
    key: impl Fn(&str) -> Option<Vec<u8>>,
) -> Result<Vec<(Vec<u8>, u64)>, String> {
    let mut v = Vec::new();
    for item in counts::GzFileCounts::open(path)? {
        let (w, c) = item?;
        if let Some(k) = key(&w) {
            v.push((k, c));
        }
    }
    Ok(v)
}

#[derive(Clone, Copy)]
enum Merge {
    Max,
    Sum,
}

/// Sort, merge duplicate keys, and write an FST map. Returns the number of keys.
fn write_map(
    items: impl IntoIterator<Item = (Vec<u8>, u64)>,
    merge: Merge,
    path: &Path,
) -> Result<u64, String> {
    let mut m: HashMap<Vec<u8>, u64> = HashMap::new();
    for (k, v) in items {
        let e = m.entry(k).or_insert(0);
        *e = match merge {
            Merge::Max => (*e).max(v),
            Merge::Sum => *e + v,
        };
    }
    let mut v: Vec<(Vec<u8>, u64)> = m.into_iter().collect();
    v.sort_unstable();
    let w = BufWriter::new(File::create(path).map_err(|e| format!("{}: {e}", path.display()))?);
    let mut b = MapBuilder::new(w).map_err(|e| e.to_string())?;
    for (k, val) in &v {
        b.insert(k, *val).map_err(|e| e.to_string())?;
    }
    b.finish().map_err(|e| e.to_string())?;
    Ok(v.len() as u64)
}

/// A chunk of keys to sort. Keys of up to 16 bytes (all but ~0.03% of them) are packed
/// big-endian into a `u128`, zero-padded: key bytes are never 0, so integer order is key order,
/// and sorting integers is several times faster than sorting slices. Longer keys go to an arena.
#[derive(Default)]
struct KeyChunk {
    short: Vec<u128>,
    data: Vec<u8>,
    spans: Vec<(u32, u32)>,
}

fn pack(k: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    b[..k.len()].copy_from_slice(k);
    u128::from_be_bytes(b)
}

fn unpack(x: u128, buf: &mut [u8; 16]) -> &[u8] {
    *buf = x.to_be_bytes();
    let n = buf.iter().position(|&b| b == 0).unwrap_or(16);
    &buf[..n]
}

impl KeyChunk {
    fn push(&mut self, k: &[u8]) {
        debug_assert!(!k.contains(&0), "key bytes are never 0");
        if k.len() <= 16 {
            self.short.push(pack(k));
        } else {
            let s = self.data.len() as u32;
            self.data.extend_from_slice(k);
            self.spans.push((s, self.data.len() as u32));
        }
    }

    fn bytes(&self) -> usize {
        self.short.len() * 16 + self.data.len()
    }

    fn into_set(mut self) -> Result<Set<Vec<u8>>, String> {
        self.short.sort_unstable();
        self.short.dedup();
        let data = std::mem::take(&mut self.data);
        let key = |&(a, b): &(u32, u32)| &data[a as usize..b as usize];
        self.spans.sort_unstable_by(|x, y| key(x).cmp(key(y)));
        self.spans.dedup_by(|x, y| key(x) == key(y));
        // Merge the two sorted sequences into one builder.
        let mut b = SetBuilder::memory();
        let mut buf = [0u8; 16];
        let mut longs = self.spans.iter().map(key).peekable();
        for &x in &self.short {
            let k = unpack(x, &mut buf);
            while let Some(l) = longs.next_if(|l| *l < k) {
                b.insert(l).map_err(|e| e.to_string())?;
            }
            b.insert(k).map_err(|e| e.to_string())?;
        }
        for l in longs {
            b.insert(l).map_err(|e| e.to_string())?;
        }
        Set::new(b.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
    }
}

/// Bytes of keys a lexicon chunk holds before it is sorted into an FST.
const CHUNK_BYTES: usize = 192 << 20;

/// Expand every entry and write the union of their keys to `path`. Returns (keys, file bytes).
fn build_lexicon(aff: &Affixes, entries: &[DicEntry], path: &Path) -> Result<(u64, u64), String> {
    let mut sets: Vec<Set<Vec<u8>>> = Vec::new();
    let mut chunk = KeyChunk::default();
    let mut exp = Expander::new(aff);
    // Entries repeating a stem with the same flags (170,771 → 142,137 in ar.dic) expand alike.
    for e in hunspell::distinct_entries(entries) {
        exp.keys(e, |k| chunk.push(k));
        if chunk.bytes() >= CHUNK_BYTES {
            sets.push(std::mem::take(&mut chunk).into_set()?);
        }
    }
    sets.push(chunk.into_set()?);
    union_to_file(&sets, path)
}

fn union_to_file(sets: &[Set<Vec<u8>>], path: &Path) -> Result<(u64, u64), String> {
    let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut b = SetBuilder::new(BufWriter::new(file)).map_err(|e| e.to_string())?;
    let mut op = fst::set::OpBuilder::new();
    for s in sets {
        op = op.add(s);
    }
    let mut stream = op.union().into_stream();
    let mut n = 0u64;
    while let Some(k) = stream.next() {
        b.insert(k).map_err(|e| e.to_string())?;
        n += 1;
    }
    let mut w = b.into_inner().map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())?;
    let bytes = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    Ok((n, bytes))
}

/// Proper nouns: Hunspell-ar entries under name headings (expanded with their clitic forms),
/// and the plain lists in `names/*.txt` (one name a line, `#` comments; `LICENSE*` files are
/// skipped).
///
/// A list entry is dropped when it is shorter than three letters, or when a cheap Arabic edit
/// (hamza, ة/ه, ى/ي, a doubled letter) turns it into a dictionary word more frequent than it:
/// name lists carry hamza-less and misspelled forms (`ابراهيم`, `رييس`, `اقليم`) that must not
/// make those misspellings acceptable. Returns (keys written, list entries dropped).
fn build_names(
    aff: &Affixes,
    entries: &[DicEntry],
    src: &Path,
    lexicon: &Set<Vec<u8>>,
    freq: &HashMap<Vec<u8>, u64>,
    path: &Path,
) -> Result<(u64, u64), String> {
    let mut chunk = KeyChunk::default();
    let mut exp = Expander::new(aff);
    for e in entries.iter().filter(|e| hunspell::is_proper_noun(e)) {
        exp.keys(e, |k| chunk.push(k));
    }
    let mut dropped = 0;
    for p in list(&src.join("names"), "txt") {
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("LICENSE"))
        {
            continue;
        }
        for line in read(&p)?.lines() {
            let w = line.split('#').next().unwrap_or("").trim();
            let Some(k) = keymap::encode(w) else { continue };
            if k.len() < 3 || misspells_a_word(&k, lexicon, freq) {
                dropped += 1;
            } else {
                chunk.push(&k);
            }
        }
    }
    let set = chunk.into_set()?;
    union_to_file(&[set], path).map(|(n, _)| (n, dropped))
}

/// Lexicon words listed by wordfreq from this zipf (× 100) on are where suggestions are searched.
pub const FREQLEX_MIN_ZIPF: u64 = 100;

/// The lexicon words wordfreq lists (zipf ≥ 1): a few hundred thousand keys instead of 67 M
/// forms, so that an edit automaton walks it in microseconds. Clitic forms missing from it are
/// reached by searching their stem and putting the clitics back (see `spell::candidates`).
fn build_freqlex(
    lexicon: &Set<Vec<u8>>,
    freq: &HashMap<Vec<u8>, u64>,
    path: &Path,
) -> Result<u64, String> {
    let mut chunk = KeyChunk::default();
    for (k, &z) in freq {
        if z >= FREQLEX_MIN_ZIPF && lexicon.contains(k) {
            chunk.push(k);
        }
    }
    let set = chunk.into_set()?;
    union_to_file(&[set], path).map(|(n, _)| n)
}

/// Words from this zipf (× 100) on are indexed by their single deletions.
pub const DELETIONS_MIN_ZIPF: u64 = 200;

/// Byte between a deletion variant and the letter that restores it (not a letter byte).
pub const DELETION_SEP: u8 = 0x01;

/// A deletion index (as in SymSpell) over the frequent lexicon words (zipf ≥ 2, the least a
/// fix may have): for each word and each of its letters, the key `word without the letter`
/// `0x01` `position` `letter`. A dropped letter in a typo is then found with one range query on
/// the typo, instead of trying every letter at every position.
fn build_deletions(
    lexicon: &Set<Vec<u8>>,
    freq: &HashMap<Vec<u8>, u64>,
    path: &Path,
) -> Result<u64, String> {
    let mut chunk = KeyChunk::default();
    let mut k = Vec::new();
    for (w, &z) in freq {
        if z < DELETIONS_MIN_ZIPF || w.len() < 3 || w.len() > 250 || !lexicon.contains(w) {
            continue;
        }
        for i in 0..w.len() {
            if i > 0 && w[i - 1] == w[i] {
                continue; // the same variant as deleting the first of the pair
            }
            k.clear();
            k.extend_from_slice(&w[..i]);
            k.extend_from_slice(&w[i + 1..]);
            k.extend_from_slice(&[DELETION_SEP, i as u8 + 1, w[i]]);
            chunk.push(&k);
        }
    }
    let set = chunk.into_set()?;
    union_to_file(&[set], path).map(|(n, _)| n)
}

/// A real-word candidate must be at least this frequent (zipf × 100).
pub const CONFUSABLE_MIN_ZIPF: u64 = 300;

/// Byte between a word and its confusable in `confusables.fst` keys (not a letter byte).
pub const CONFUSABLE_SEP: u8 = 0x01;

/// For every word of the bigram model's vocabulary that the lexicon knows (three letters or
/// more; names too, which the run-time check corrects only for a habitual slip where the
/// context says so): the lexicon words one slip away ([`edits::for_each_slip`]) that are
/// frequent. Written as a map `word 0x01 candidate` → edit class code, so that the run-time
/// real-word check is one range query a word instead of dozens of look-ups.
fn build_confusables(
    vocabulary: &[(Vec<u8>, u64)],
    lexicon: &Set<Vec<u8>>,
    freq: &HashMap<Vec<u8>, u64>,
    path: &Path,
) -> Result<u64, String> {
    let mut pairs: Vec<(Vec<u8>, u64)> = Vec::new();
    for (w, _) in vocabulary {
        if w.len() < 3 || !lexicon.contains(w) {
            continue;
        }
        edits::for_each_slip(w, &mut |c, class| {
            if lexicon.contains(c) && freq.get(c).copied().unwrap_or(0) >= CONFUSABLE_MIN_ZIPF {
                let mut k = w.clone();
                k.push(CONFUSABLE_SEP);
                k.extend_from_slice(c);
                pairs.push((k, class.code() as u64));
            }
        });
    }
    write_map(pairs, Merge::Max, path)
}

/// Zipf (× 100) from which a word wordfreq lists is taken as known even if the lexicon lacks it.
pub const FREQUENT_ZIPF: u64 = 300;

/// Words frequent in wordfreq (zipf ≥ 3) that the lexicon lacks, of three letters or more, and
/// that are not a cheap misspelling of a more frequent dictionary word: mostly names (`داعش`,
/// `أوباما`), brands and modern words (`تغريدة`). wordfreq holds typos too (`اخبار`, `الى`);
/// the misspelling filter keeps those out. Returns (keys written, candidates dropped).
fn build_frequent(
    lexicon: &Set<Vec<u8>>,
    freq: &HashMap<Vec<u8>, u64>,
    path: &Path,
) -> Result<(u64, u64), String> {
    let mut chunk = KeyChunk::default();
    let mut dropped = 0;
    for (k, &z) in freq {
        if z < FREQUENT_ZIPF || k.len() < 3 || lexicon.contains(k) {
            continue;
        }
        if misspells_a_word(k, lexicon, freq) {
            dropped += 1;
        } else {
            chunk.push(k);
        }
    }
    let set = chunk.into_set()?;
    union_to_file(&[set], path).map(|(n, _)| (n, dropped))
}

/// Does a tier-0 edit of `key` give a lexicon word more frequent than `key`?
fn misspells_a_word(key: &[u8], lexicon: &Set<Vec<u8>>, freq: &HashMap<Vec<u8>, u64>) -> bool {
    if lexicon.contains(key) {
        return false;
    }
    let own = freq.get(key).copied().unwrap_or(0);
    let mut hit = false;
    edits::for_each_edit(key, 0, &mut |cand, _| {
        if !hit && lexicon.contains(cand) && freq.get(cand).copied().unwrap_or(0) > own {
            hit = true;
        }
    });
    hit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_sort_and_dedupe() {
        let mut c = KeyChunk::default();
        let long = "وبالاستراتيجياتهما"; // more than 16 letters
        for w in ["اللقاء", "أخبار", "اللقاء", "إلى", long, "و", long] {
            c.push(&keymap::encode(w).unwrap());
        }
        let s = c.into_set().unwrap();
        let keys: Vec<Vec<u8>> = s
            .stream()
            .into_strs()
            .unwrap_or_default()
            .into_iter()
            .map(String::into_bytes)
            .collect();
        let mut want: Vec<Vec<u8>> = ["اللقاء", "أخبار", "إلى", long, "و"]
            .iter()
            .map(|w| keymap::encode(w).unwrap())
            .collect();
        want.sort();
        assert_eq!(keys, want);
    }

    #[test]
    fn maps_merge_duplicates() {
        let dir = std::env::temp_dir().join(format!("dictgen-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("m.fst");
        let k = keymap::encode("ألف").unwrap();
        let n = write_map(vec![(k.clone(), 3), (k.clone(), 5)], Merge::Sum, &p).unwrap();
        assert_eq!(n, 1);
        let m = fst::Map::new(std::fs::read(&p).unwrap()).unwrap();
        assert_eq!(m.get(&k), Some(8));
        std::fs::remove_dir_all(&dir).ok();
    }

    /// Every watched path exists (cargo would rerun the build script on every build otherwise),
    /// and a missing optional directory is watched through the dictionaries' folder.
    #[test]
    fn inputs_exist() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let v = inputs(&src);
        assert!(v.iter().all(|p| p.exists()), "{v:?}");
        assert!(v.contains(&src.join("hunspell-ar/ar.dic")), "{v:?}");
        assert_eq!(v.contains(&src), !src.join("words").exists(), "{v:?}");
    }
}
