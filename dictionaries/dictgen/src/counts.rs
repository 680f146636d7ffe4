//! Reader for the gzip'd count TSVs in `dictionaries/ar-corrector/` (`unigrams.tsv.gz`,
//! `bigrams.tsv.gz`), written by `dictionaries/scripts/convert_ar_corrector.py`.
//!
//! Format: UTF-8, one entry a line, `key<TAB>count\n`, no header. The key is a word, or for
//! bigrams two words joined by one space (`رئيس اللجنة`). Keys are unique and sorted by their
//! UTF-8 bytes, so the pairs can go straight into an FST builder; the reader checks this and
//! fails on the first line out of order.
//!
//! [`CountsReader`] streams the file line by line (the bigram file is ~66 MB unpacked), so a
//! caller can filter or map entries without holding them all.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// Streams `(key, count)` pairs from a count TSV, checking the format and the key order.
///
/// Yields `Err` (and then stops) on the first malformed or out-of-order line.
pub struct CountsReader<R> {
    input: R,
    line: String,
    line_no: u64,
    prev: String,
    done: bool,
    name: String,
}

/// The reader type for a gzip'd TSV on disk.
pub type GzFileCounts = CountsReader<BufReader<MultiGzDecoder<File>>>;

impl<R: BufRead> CountsReader<R> {
    /// Reads plain (already decompressed) TSV from `input`; `name` labels error messages.
    pub fn new(input: R, name: impl Into<String>) -> Self {
        CountsReader {
            input,
            line: String::new(),
            line_no: 0,
            prev: String::new(),
            done: false,
            name: name.into(),
        }
    }

    fn fail(&mut self, msg: String) -> Option<Result<(String, u64), String>> {
        self.done = true;
        Some(Err(format!("{}:{}: {msg}", self.name, self.line_no)))
    }
}

impl<'a> CountsReader<BufReader<MultiGzDecoder<&'a [u8]>>> {
    /// Reads a gzip'd TSV held in memory (e.g. `include_bytes!`).
    pub fn from_gz_bytes(gz_bytes: &'a [u8], name: impl Into<String>) -> Self {
        Self::new(
            BufReader::with_capacity(1 << 16, MultiGzDecoder::new(gz_bytes)),
            name,
        )
    }
}

impl GzFileCounts {
    /// Opens a gzip'd TSV on disk.
    pub fn open(path: &Path) -> Result<Self, String> {
        let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Self::new(
            BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file)),
            path.display().to_string(),
        ))
    }
}

impl<R: BufRead> Iterator for CountsReader<R> {
    type Item = Result<(String, u64), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.line.clear();
        self.line_no += 1;
        match self.input.read_line(&mut self.line) {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
            Err(e) => return self.fail(format!("read error: {e}")),
        }
        let line = self.line.strip_suffix('\n').unwrap_or(&self.line);
        let Some((key, count)) = line.split_once('\t') else {
            return self.fail("expected key<TAB>count".into());
        };
        if key.is_empty() {
            return self.fail("empty key".into());
        }
        let count = match count.parse::<u64>() {
            Ok(n) if count.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => return self.fail(format!("bad count {count:?}")),
        };
        if self.line_no > 1 && key.as_bytes() <= self.prev.as_bytes() {
            let msg = format!(
                "key {key:?} is not after {:?} (keys must be unique and byte-sorted)",
                self.prev
            );
            return self.fail(msg);
        }
        self.prev.clear();
        self.prev.push_str(key);
        Some(Ok((self.prev.clone(), count)))
    }
}

/// Reads a whole gzip'd count TSV held in memory.
pub fn read_counts_gz(gz_bytes: &[u8]) -> Result<Vec<(String, u64)>, String> {
    CountsReader::from_gz_bytes(gz_bytes, "<bytes>").collect()
}

/// Reads a whole gzip'd count TSV from disk.
pub fn read_counts_file(path: &Path) -> Result<Vec<(String, u64)>, String> {
    GzFileCounts::open(path)?.collect()
}

/// Splits a bigram key `w1 w2` into its two words.
pub fn split_bigram(key: &str) -> Option<(&str, &str)> {
    key.split_once(' ')
        .filter(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_plain(s: &str) -> Result<Vec<(String, u64)>, String> {
        CountsReader::new(s.as_bytes(), "t").collect()
    }

    #[test]
    fn reads_gzip_tsv() {
        let tsv = "أضف\t146\nإلى\t381803\nاضف\t12\n";
        let got = read_counts_gz(&gzip(tsv.as_bytes())).unwrap();
        assert_eq!(
            got,
            vec![
                ("أضف".to_string(), 146),
                ("إلى".to_string(), 381803),
                ("اضف".to_string(), 12)
            ]
        );
    }

    #[test]
    fn bigram_keys() {
        // "رئيس" < "رئيس اللجنة" < "رئيسة" bytewise: the space sorts before every letter.
        let tsv = "رئيس الجامعة\t2474\nرئيس اللجنة\t834\nرئيسة اللجنة\t20";
        let got = read_plain(tsv).unwrap();
        assert_eq!(got.len(), 3, "last line without newline is read");
        assert_eq!(split_bigram(&got[1].0), Some(("رئيس", "اللجنة")));
        assert_eq!(got[2].1, 20);
        assert_eq!(split_bigram("رئيس"), None);
        assert_eq!(split_bigram("a b c"), None);
        assert_eq!(split_bigram(" b"), None);
    }

    #[test]
    fn concatenated_gzip_members() {
        let mut gz = gzip(b"a\t1\n");
        gz.extend(gzip(b"b\t2\n"));
        assert_eq!(read_counts_gz(&gz).unwrap().len(), 2);
    }

    #[test]
    fn empty_input() {
        assert_eq!(read_plain("").unwrap(), vec![]);
        assert_eq!(read_counts_gz(&gzip(b"")).unwrap(), vec![]);
    }

    #[test]
    fn rejects_malformed_lines() {
        for (tsv, what) in [
            ("a\t1\nb 2\n", "t:2: expected key<TAB>count"),
            ("\t1\n", "t:1: empty key"),
            ("a\t\n", "bad count"),
            ("a\t-1\n", "bad count"),
            ("a\t+1\n", "bad count"),
            ("a\t1\r\n", "bad count"),
            ("a\t1\t2\n", "bad count"),
            ("a\t99999999999999999999\n", "bad count"),
            ("a\t1\n\nb\t2\n", "t:2:"),
            ("b\t1\na\t2\n", "t:2: key \"a\" is not after \"b\""),
            ("a\t1\na\t2\n", "not after"),
        ] {
            let err = read_plain(tsv).unwrap_err();
            assert!(err.contains(what), "{tsv:?}: {err}");
        }
        assert!(read_counts_gz(b"not gzip")
            .unwrap_err()
            .contains("read error"));
    }

    #[test]
    fn stops_after_error() {
        let mut r = CountsReader::new("b\t1\na\t2\nc\t3\n".as_bytes(), "t");
        assert!(r.next().unwrap().is_ok());
        assert!(r.next().unwrap().is_err());
        assert!(r.next().is_none());
    }

    #[test]
    fn streams_without_collecting() {
        let tsv: String = (0..1000).map(|i| format!("w{i:04}\t{i}\n")).collect();
        let total: u64 = CountsReader::from_gz_bytes(&gzip(tsv.as_bytes()), "t")
            .map(|r| r.unwrap().1)
            .sum();
        assert_eq!(total, 999 * 1000 / 2);
    }

    /// The vendored ar-corrector files: sorted, well-formed, and the figures in its README.
    #[test]
    fn vendored_ar_corrector() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ar-corrector");
        let uni = read_counts_file(&dir.join("unigrams.tsv.gz")).unwrap();
        assert_eq!(uni.len(), 540_110);
        let uni: std::collections::HashMap<String, u64> = uni.into_iter().collect();
        for (w, n) in [
            ("إلى", 381_803),
            ("الى", 17_399),
            ("أخبار", 5_665),
            ("اخبار", 198),
            ("اللقاء", 5_555),
            ("إلقاء", 946),
            ("القاء", 53),
        ] {
            assert_eq!(uni.get(w), Some(&n), "{w}");
        }
        let mut pairs = 0u64;
        let mut found = std::collections::HashMap::new();
        for entry in GzFileCounts::open(&dir.join("bigrams.tsv.gz")).unwrap() {
            let (key, n) = entry.unwrap();
            assert!(split_bigram(&key).is_some(), "{key}");
            assert!(n >= 3, "pruned at count 3");
            pairs += 1;
            if [
                "رئيس اللجنة",
                "تعزيز التعاون",
                "عن طريق",
                "ألف درهم",
                "الف درهم",
            ]
            .contains(&key.as_str())
            {
                found.insert(key, n);
            }
        }
        assert_eq!(pairs, 1_435_853);
        assert_eq!(found["رئيس اللجنة"], 834);
        assert_eq!(found["تعزيز التعاون"], 294);
        assert_eq!(found["عن طريق"], 5639);
        assert_eq!(found["ألف درهم"], 4572);
        assert_eq!(found["الف درهم"], 44);
    }
}
