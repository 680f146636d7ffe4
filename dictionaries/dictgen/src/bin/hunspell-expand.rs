//! Expands the vendored Arabic Hunspell dictionary and prints statistics (entries and forms per
//! section, distinct keys, timings, the size of an FST set of the keys); optionally writes the
//! forms or a random sample of them, checks word lists, or explains where a form comes from.
//!
//! ```text
//! hunspell-expand [--dir DIR] [--forms FILE] [--sample N FILE]
//!                 [--check FILE [--misses FILE] [--hits FILE]] [--verify-keys]
//!                 [--explain WORD]... [--candidates N FILE] [--check-forms FILE]
//! ```
//!
//! - `--dir`: where `ar.aff` and `ar.dic` are (default: `dictionaries/hunspell-ar`);
//! - `--forms`: write every form (one a line, as produced, duplicates included);
//! - `--sample`: write `N` forms drawn uniformly from all produced forms;
//! - `--check`: read words (one a line, e.g. from `hunspell -G`) and report how many have a
//!   key that is not among the expanded keys (`--misses` writes those words, `--hits` the
//!   others);
//! - `--verify-keys`: check that `Expander::keys` gives the keys `encode` gives on `forms`;
//! - `--explain WORD` (repeatable): print the entries that produce `WORD`, and stop;
//! - `--candidates N FILE`: write strings built from `N` random entries by applying affixes
//!   regardless of flags and conditions, and stop;
//! - `--check-forms FILE`: report the words of `FILE` that are not among the expanded forms
//!   (exact strings), and stop.
//!
//! Validating against Hunspell (release build, `B=target/release/hunspell-expand`):
//!
//! ```text
//! # every sampled form is accepted (prints nothing but tokens Hunspell's tokenizer splits at
//! # '.', ':', U+200E, U+200F, which a handful of ar.dic entries contain):
//! $B --sample 200000 /tmp/s.txt && hunspell -d ar -l < /tmp/s.txt
//! # every word Hunspell accepts in a text has its key among the expanded keys:
//! zcat text.gz | hunspell -d ar -G > /tmp/acc.txt && $B --check /tmp/acc.txt
//! # nothing Hunspell accepts among strings built with any affix is missing:
//! $B --candidates 400 /tmp/c.txt && hunspell -d ar -G < /tmp/c.txt > /tmp/ca.txt \
//!   && $B --check-forms /tmp/ca.txt
//! ```

use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use tadqiq_dictgen::hunspell::{self, Expander, Section};
use tadqiq_dictgen::keymap;

/// Keys of up to 16 bytes packed big-endian into a u128 (zero padded: sorts like the bytes);
/// longer keys kept apart.
struct KeySet {
    short: Vec<u128>,
    long: Vec<Vec<u8>>,
}

fn pack(k: &[u8]) -> Option<u128> {
    (k.len() <= 16).then(|| {
        let mut b = [0u8; 16];
        b[..k.len()].copy_from_slice(k);
        u128::from_be_bytes(b)
    })
}

fn unpack(x: u128, out: &mut Vec<u8>) {
    out.clear();
    out.extend(x.to_be_bytes().iter().copied().take_while(|&b| b != 0));
}

impl KeySet {
    fn contains(&self, k: &[u8]) -> bool {
        match pack(k) {
            Some(x) => self.short.binary_search(&x).is_ok(),
            None => self.long.binary_search_by(|l| l[..].cmp(k)).is_ok(),
        }
    }
}

fn peak_rss_mb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// xorshift64*: enough randomness for sampling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../hunspell-ar");
    let mut forms_out: Option<PathBuf> = None;
    let mut sample: Option<(usize, PathBuf)> = None;
    let mut check: Option<PathBuf> = None;
    let mut misses_out: Option<PathBuf> = None;
    let mut hits_out: Option<PathBuf> = None;
    let mut verify = false;
    let mut explain: Vec<String> = Vec::new();
    let mut candidates: Option<(usize, PathBuf)> = None;
    let mut check_forms: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--dir" => dir = val().into(),
            "--forms" => forms_out = Some(val().into()),
            "--sample" => {
                let n = val().parse().expect("--sample N FILE");
                sample = Some((n, val().into()));
            }
            "--check" => check = Some(val().into()),
            "--misses" => misses_out = Some(val().into()),
            "--hits" => hits_out = Some(val().into()),
            "--verify-keys" => verify = true,
            "--explain" => explain.push(val()),
            "--candidates" => {
                let n = val().parse().expect("--candidates N FILE");
                candidates = Some((n, val().into()));
            }
            "--check-forms" => check_forms = Some(val().into()),
            _ => panic!("unknown argument {a}"),
        }
    }

    let t = Instant::now();
    let aff_text = std::fs::read_to_string(dir.join("ar.aff")).expect("read ar.aff");
    let dic_text = std::fs::read_to_string(dir.join("ar.dic")).expect("read ar.dic");
    let aff = hunspell::parse_aff(&aff_text).expect("parse ar.aff");
    let entries = hunspell::parse_dic(&dic_text, &aff).expect("parse ar.dic");
    println!(
        "parsed: {} prefixes, {} suffixes, {} AF, {} AM, {} entries in {:.2?}",
        aff.prefixes.len(),
        aff.suffixes.len(),
        aff.flag_aliases.len(),
        aff.morph_aliases.len(),
        entries.len(),
        t.elapsed()
    );

    if !explain.is_empty() {
        let mut exp = Expander::new(&aff);
        for e in &entries {
            let mut hit = None;
            exp.forms(e, |f| {
                if hit.is_none() && explain.iter().any(|w| w == f) {
                    hit = Some(f.to_owned());
                }
            });
            if let Some(f) = hit {
                let flags: Vec<String> = e
                    .flags
                    .iter()
                    .map(|f| String::from_utf8_lossy(&f.to_be_bytes()).into_owned())
                    .collect();
                println!(
                    "{f}: line {} {:?} stem {:?} flags {}",
                    e.line,
                    e.section,
                    e.stem,
                    flags.join(" ")
                );
            }
        }
        return;
    }

    if let Some((n, path)) = candidates {
        write_candidates(&aff, &entries, n, &path);
        return;
    }
    if let Some(path) = check_forms {
        check_exact_forms(&aff, &entries, &path);
        return;
    }

    // Per section: entries, forms.
    let mut per_section: BTreeMap<Section, (usize, u64)> = BTreeMap::new();
    let mut exp = Expander::new(&aff);

    // Pass 1: forms (strings).
    let t = Instant::now();
    let mut forms_writer = forms_out.map(|p| {
        BufWriter::new(std::fs::File::create(&p).unwrap_or_else(|e| panic!("{p:?}: {e}")))
    });
    let mut total_forms: u64 = 0;
    let mut bytes: u64 = 0;
    for e in &entries {
        let mut n = 0u64;
        exp.forms(e, |f| {
            n += 1;
            bytes += f.len() as u64;
            if let Some(w) = forms_writer.as_mut() {
                writeln!(w, "{f}").expect("write forms");
            }
        });
        let s = per_section.entry(e.section).or_default();
        s.0 += 1;
        s.1 += n;
        total_forms += n;
    }
    drop(forms_writer);
    println!(
        "forms: {total_forms} ({} MB of UTF-8) in {:.2?}",
        bytes >> 20,
        t.elapsed()
    );
    for (s, (n, f)) in &per_section {
        println!("  {s:?}: {n} entries, {f} forms");
    }

    if let Some((n, path)) = &sample {
        // Reservoir sampling over all forms.
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut res: Vec<String> = Vec::with_capacity(*n);
        let mut seen: u64 = 0;
        for e in &entries {
            exp.forms(e, |f| {
                seen += 1;
                if res.len() < *n {
                    res.push(f.to_owned());
                } else {
                    let j = rng.next() % seen;
                    if (j as usize) < *n {
                        res[j as usize] = f.to_owned();
                    }
                }
            });
        }
        let mut w = BufWriter::new(std::fs::File::create(path).expect("create sample file"));
        for f in &res {
            writeln!(w, "{f}").expect("write sample");
        }
        println!("sample: {} forms written to {}", res.len(), path.display());
    }

    if verify {
        let t = Instant::now();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut bad = 0;
        for e in &entries {
            a.clear();
            b.clear();
            exp.forms(e, |f| {
                if let Some(k) = keymap::encode(f) {
                    a.push(k);
                }
            });
            exp.keys(e, |k| b.push(k.to_vec()));
            a.sort();
            b.sort();
            if a != b {
                bad += 1;
                if bad <= 5 {
                    println!("  keys differ for {:?} (line {})", e.stem, e.line);
                }
            }
        }
        println!("verify-keys: {bad} entries differ ({:.2?})", t.elapsed());
    }

    // Pass 2: keys alone, then keys collected, sorted and deduplicated.
    let t = Instant::now();
    let (mut n, mut sum) = (0u64, 0u64);
    for e in &entries {
        exp.keys(e, |k| {
            n += 1;
            sum += k.len() as u64;
        });
    }
    println!(
        "keys only: {n} keys ({} MB) in {:.2?}",
        sum >> 20,
        t.elapsed()
    );
    // Collect the keys of the entries that differ in stem or flags, then sort and deduplicate them all, then build an FST set: what a build script does.
    let t = Instant::now();
    let distinct = hunspell::distinct_entries(&entries);
    let mut n_keys: u64 = 0;
    let mut set = KeySet {
        short: Vec::new(),
        long: Vec::new(),
    };
    for e in &distinct {
        exp.keys(e, |k| {
            n_keys += 1;
            match pack(k) {
                Some(x) => set.short.push(x),
                None => set.long.push(k.to_vec()),
            }
        });
    }
    let t_expand = t.elapsed();
    let t2 = Instant::now();
    set.short.sort_unstable();
    set.short.dedup();
    set.long.sort_unstable();
    set.long.dedup();
    let t_sort = t2.elapsed();
    println!(
        "keys: {} distinct entries; {n_keys} keys in {t_expand:.2?}; \
         sort + dedupe {t_sort:.2?} → {} distinct ({} of more than 16 bytes); peak RSS {} MB",
        distinct.len(),
        set.short.len() + set.long.len(),
        set.long.len(),
        peak_rss_mb().unwrap_or(0)
    );
    let total_len: u64 = set
        .short
        .iter()
        .map(|x| 16 - (x.trailing_zeros() / 8) as u64)
        .sum::<u64>()
        + set.long.iter().map(|k| k.len() as u64).sum::<u64>();
    println!(
        "  distinct keys: {} MB of key bytes, mean length {:.2}",
        total_len >> 20,
        total_len as f64 / (set.short.len() + set.long.len()) as f64
    );
    let t = Instant::now();
    let mut builder = fst::SetBuilder::memory();
    let (mut a, mut b) = (Vec::new(), 0usize);
    for &x in &set.short {
        unpack(x, &mut a);
        while b < set.long.len() && set.long[b] < a {
            builder.insert(&set.long[b]).expect("sorted keys");
            b += 1;
        }
        builder.insert(&a).expect("sorted keys");
    }
    for k in &set.long[b..] {
        builder.insert(k).expect("sorted keys");
    }
    let fst_bytes = builder.into_inner().expect("fst");
    println!(
        "  fst set: {:.1} MB built in {:.2?}; peak RSS {} MB",
        fst_bytes.len() as f64 / 1e6,
        t.elapsed(),
        peak_rss_mb().unwrap_or(0)
    );
    let mut buf = Vec::new();
    if let Some(x) = set.short.first() {
        unpack(*x, &mut buf);
        println!("  first key: {}", keymap::decode(&buf));
    }

    if let Some(path) = check {
        let f = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let (mut words, mut no_key, mut found, mut missed) = (0u64, 0u64, 0u64, 0u64);
        let mut misses_w = misses_out.map(|p| BufWriter::new(std::fs::File::create(p).unwrap()));
        let mut hits_w = hits_out.map(|p| BufWriter::new(std::fs::File::create(p).unwrap()));
        let mut no_key_examples = Vec::new();
        for line in std::io::BufReader::new(f).lines() {
            let line = line.expect("read check file");
            let w = line.trim();
            if w.is_empty() {
                continue;
            }
            words += 1;
            match keymap::encode(w) {
                None => {
                    no_key += 1;
                    if no_key_examples.len() < 10 {
                        no_key_examples.push(w.to_owned());
                    }
                }
                Some(k) if set.contains(&k) => {
                    found += 1;
                    if let Some(h) = hits_w.as_mut() {
                        writeln!(h, "{w}").unwrap();
                    }
                }
                Some(_) => {
                    missed += 1;
                    if let Some(m) = misses_w.as_mut() {
                        writeln!(m, "{w}").unwrap();
                    }
                }
            }
        }
        println!(
            "check {}: {words} words; {no_key} without a key (e.g. {no_key_examples:?}); \
             {found} found; {missed} missed ({:.4}% of words with a key)",
            path.display(),
            100.0 * missed as f64 / (found + missed).max(1) as f64
        );
    }
}

/// Strings Hunspell might accept for `n` random entries, built by applying affixes with no regard
/// to flags, conditions, continuation classes or cross products (strip strings are removed when
/// present). Fed to Hunspell, the accepted ones must all be among the expanded forms.
fn write_candidates(
    aff: &hunspell::Affixes,
    entries: &[hunspell::DicEntry],
    n: usize,
    path: &std::path::Path,
) {
    use std::collections::HashSet;
    let raw_sfx = |w: &str, a: &hunspell::Affix| -> String {
        let stem = w.strip_suffix(a.strip.as_str()).unwrap_or(w);
        format!("{stem}{}", a.append)
    };
    let raw_pfx = |w: &str, p: &hunspell::Affix| -> String {
        let rest = w.strip_prefix(p.strip.as_str()).unwrap_or(w);
        format!("{}{rest}", p.append)
    };
    // Suffixes that may come second (their flag is in some continuation class).
    let conts: HashSet<hunspell::Flag> = aff
        .suffixes
        .iter()
        .chain(&aff.prefixes)
        .flat_map(|a| a.cont.iter().copied())
        .collect();
    let outer: Vec<&hunspell::Affix> = aff
        .suffixes
        .iter()
        .filter(|s| conts.contains(&s.flag))
        .collect();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = HashSet::new();
    for _ in 0..n {
        let e = &entries[(rng.next() % entries.len() as u64) as usize];
        let s = e.stem.as_str();
        let own: Vec<&hunspell::Affix> = e.flags.iter().flat_map(|&f| aff.suffixes_of(f)).collect();
        for p in &aff.prefixes {
            out.insert(raw_pfx(s, p));
        }
        for a in &aff.suffixes {
            out.insert(raw_sfx(s, a));
        }
        let pick = |rng: &mut Rng, v: usize| (rng.next() % v as u64) as usize;
        for _ in 0..2000 {
            if own.is_empty() {
                break;
            }
            let a = own[pick(&mut rng, own.len())];
            let m1 = raw_sfx(s, a);
            let p = &aff.prefixes[pick(&mut rng, aff.prefixes.len())];
            out.insert(raw_pfx(&m1, p));
            let b = outer[pick(&mut rng, outer.len())];
            let m2 = raw_sfx(&m1, b);
            out.insert(m2.clone());
            out.insert(raw_pfx(&m2, p));
        }
    }
    let mut w = BufWriter::new(std::fs::File::create(path).expect("create candidates file"));
    for c in &out {
        writeln!(w, "{c}").expect("write candidates");
    }
    println!(
        "candidates: {} strings written to {}",
        out.len(),
        path.display()
    );
}

/// Report the words of `path` (one a line) that are not among the expanded forms (exact
/// strings, compared through a 64-bit hash).
fn check_exact_forms(
    aff: &hunspell::Affixes,
    entries: &[hunspell::DicEntry],
    path: &std::path::Path,
) {
    use std::hash::{BuildHasher, BuildHasherDefault};
    type H = BuildHasherDefault<std::collections::hash_map::DefaultHasher>;
    let t = Instant::now();
    let mut hashes = Vec::new();
    let mut exp = Expander::new(aff);
    for e in entries {
        exp.forms(e, |f| hashes.push(H::default().hash_one(f)));
    }
    hashes.sort_unstable();
    hashes.dedup();
    println!(
        "{} distinct forms hashed in {:.2?}",
        hashes.len(),
        t.elapsed()
    );
    let text = std::fs::read_to_string(path).expect("read words");
    let (mut n, mut missing) = (0, 0);
    for w in text.lines().filter(|l| !l.is_empty()) {
        n += 1;
        if hashes.binary_search(&H::default().hash_one(w)).is_err() {
            missing += 1;
            if missing <= 20 {
                println!("  not produced: {w}");
            }
        }
    }
    println!(
        "check-forms {}: {n} words, {missing} not produced",
        path.display()
    );
}
