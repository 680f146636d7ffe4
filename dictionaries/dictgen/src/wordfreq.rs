//! Reader for wordfreq's "cBpack" word-frequency lists (`dictionaries/wordfreq/large_ar.msgpack.gz`).
//!
//! A cBpack file is a gzip'd msgpack array. Its first element is a header map
//! `{"format": "cB", "version": 1}`; element `i + 1` is the (alphabetically sorted) array of the
//! words whose frequency rounds to `10^(-i/100)`, i.e. `-i` centibels. On the Zipf scale
//! (log10 of occurrences per billion words) that is `9 - i/100`, so this module reports
//! `zipf * 100 = 900 - i` as a `u16`; wordfreq's `zipf_frequency(word, 'ar', wordlist='large')`
//! returns exactly that value divided by 100 for every stored word that is not a digit string.
//!
//! The words come as stored. wordfreq builds its lists from text run through its own Arabic
//! preprocessing (NFKC, combining marks and tatweel removed), so no stored word carries harakat
//! or tatweel, but hamza and alef forms, ة/ه and ى/ي are kept apart: `أخبار` and `اخبار` are
//! separate entries. Digit strings of two or more digits are stored with every digit replaced by
//! `0` (`"00"`, `"0000"`); wordfreq spreads their frequency over the actual numbers at look-up.
//!
//! The msgpack subset is decoded by hand (no dependency): this is all a cBpack file uses.

use std::io::Read;

/// One stored word and its frequency as Zipf × 100 (e.g. `في` → 754, i.e. Zipf 7.54).
pub type WordZipf = (String, u16);

/// Reads a gzip'd cBpack file (the bytes of `large_ar.msgpack.gz`).
///
/// Returns every stored word with its Zipf × 100, in file order: descending frequency, and
/// within one frequency in the order wordfreq stored them (code-point order). Not sorted by word.
pub fn read_cbpack(gz_bytes: &[u8]) -> Result<Vec<WordZipf>, String> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(gz_bytes)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cBpack: gzip: {e}"))?;
    decode_cbpack(&raw)
}

/// Reads a cBpack file from disk.
pub fn read_cbpack_file(path: &std::path::Path) -> Result<Vec<WordZipf>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    read_cbpack(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Decodes the (already gunzipped) msgpack bytes of a cBpack file.
pub fn decode_cbpack(msgpack: &[u8]) -> Result<Vec<WordZipf>, String> {
    let mut r = Reader {
        buf: msgpack,
        pos: 0,
    };
    let outer = r.array_len()?;
    if outer == 0 {
        return Err("cBpack: empty top-level array (no header)".into());
    }
    r.header()?;
    let buckets = outer - 1;
    if buckets > 901 {
        // Bucket i is Zipf 9 - i/100; past 900 it would be below Zipf 0.
        return Err(format!(
            "cBpack: {buckets} frequency buckets (at most 901 expected)"
        ));
    }
    let mut out = Vec::new();
    for i in 0..buckets {
        let zipf = (900 - i) as u16;
        let n = r.array_len()?;
        out.reserve(n);
        for _ in 0..n {
            out.push((r.str()?.to_owned(), zipf));
        }
    }
    if r.pos != r.buf.len() {
        return Err(format!(
            "cBpack: {} trailing bytes after the data",
            r.buf.len() - r.pos
        ));
    }
    Ok(out)
}

/// A cursor over msgpack bytes.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

/// A header value, as far as the header check needs it.
enum Value<'a> {
    Str(&'a str),
    Int(i128),
    Other,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| format!("cBpack: truncated msgpack at byte {}", self.pos))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn be(&mut self, n: usize) -> Result<u64, String> {
        Ok(self
            .take(n)?
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
    }

    fn len(&mut self, n: usize) -> Result<usize, String> {
        usize::try_from(self.be(n)?).map_err(|_| "cBpack: length overflows usize".to_string())
    }

    fn array_len(&mut self) -> Result<usize, String> {
        let at = self.pos;
        match self.byte()? {
            b @ 0x90..=0x9f => Ok(usize::from(b & 0x0f)),
            0xdc => self.len(2),
            0xdd => self.len(4),
            b => Err(format!(
                "cBpack: expected an array at byte {at}, found 0x{b:02x}"
            )),
        }
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let at = self.pos;
        let n = match self.byte()? {
            b @ 0xa0..=0xbf => usize::from(b & 0x1f),
            0xd9 => self.len(1)?,
            0xda => self.len(2)?,
            0xdb => self.len(4)?,
            b => {
                return Err(format!(
                    "cBpack: expected a string at byte {at}, found 0x{b:02x}"
                ))
            }
        };
        std::str::from_utf8(self.take(n)?)
            .map_err(|e| format!("cBpack: string at byte {at} is not UTF-8: {e}"))
    }

    /// Reads any value, keeping strings and integers and skipping the rest.
    fn value(&mut self) -> Result<Value<'a>, String> {
        let at = self.pos;
        let b = self.byte()?;
        let skip_n = |r: &mut Self, n: usize| r.take(n).map(|_| Value::Other);
        match b {
            0x00..=0x7f => Ok(Value::Int(i128::from(b))),
            0xe0..=0xff => Ok(Value::Int(i128::from(b as i8))),
            0xcc => Ok(Value::Int(i128::from(self.be(1)?))),
            0xcd => Ok(Value::Int(i128::from(self.be(2)?))),
            0xce => Ok(Value::Int(i128::from(self.be(4)?))),
            0xcf => Ok(Value::Int(i128::from(self.be(8)?))),
            0xd0 => Ok(Value::Int(i128::from(self.be(1)? as u8 as i8))),
            0xd1 => Ok(Value::Int(i128::from(self.be(2)? as u16 as i16))),
            0xd2 => Ok(Value::Int(i128::from(self.be(4)? as u32 as i32))),
            0xd3 => Ok(Value::Int(i128::from(self.be(8)? as i64))),
            0xa0..=0xbf | 0xd9..=0xdb => {
                self.pos = at;
                self.str().map(Value::Str)
            }
            0xc0 | 0xc2 | 0xc3 => Ok(Value::Other),
            0xca => skip_n(self, 4),
            0xcb => skip_n(self, 8),
            0xc4 | 0xc7 => {
                let n = self.len(1)? + usize::from(b == 0xc7);
                skip_n(self, n)
            }
            0xc5 | 0xc8 => {
                let n = self.len(2)? + usize::from(b == 0xc8);
                skip_n(self, n)
            }
            0xc6 | 0xc9 => {
                let n = self.len(4)? + usize::from(b == 0xc9);
                skip_n(self, n)
            }
            0xd4 => skip_n(self, 2),
            0xd5 => skip_n(self, 3),
            0xd6 => skip_n(self, 5),
            0xd7 => skip_n(self, 9),
            0xd8 => skip_n(self, 17),
            0x90..=0x9f | 0xdc | 0xdd => {
                self.pos = at;
                for _ in 0..self.array_len()? {
                    self.value()?;
                }
                Ok(Value::Other)
            }
            0x80..=0x8f | 0xde | 0xdf => {
                self.pos = at;
                for _ in 0..self.map_len()? * 2 {
                    self.value()?;
                }
                Ok(Value::Other)
            }
            0xc1 => Err(format!("cBpack: invalid msgpack byte 0xc1 at byte {at}")),
        }
    }

    fn map_len(&mut self) -> Result<usize, String> {
        let at = self.pos;
        match self.byte()? {
            b @ 0x80..=0x8f => Ok(usize::from(b & 0x0f)),
            0xde => self.len(2),
            0xdf => self.len(4),
            b => Err(format!(
                "cBpack: expected a map at byte {at}, found 0x{b:02x}"
            )),
        }
    }

    /// Checks the header map: `{"format": "cB", "version": 1}` (other keys ignored).
    fn header(&mut self) -> Result<(), String> {
        let (mut format_ok, mut version_ok) = (false, false);
        for _ in 0..self.map_len()? {
            let key = self.value()?;
            let val = self.value()?;
            match (key, val) {
                (Value::Str("format"), Value::Str("cB")) => format_ok = true,
                (Value::Str("version"), Value::Int(1)) => version_ok = true,
                (Value::Str("format" | "version"), _) => break,
                _ => {}
            }
        }
        if format_ok && version_ok {
            Ok(())
        } else {
            Err("cBpack: unexpected header (want format \"cB\", version 1)".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn fixstr(s: &str) -> Vec<u8> {
        assert!(s.len() < 32);
        let mut v = vec![0xa0 | s.len() as u8];
        v.extend_from_slice(s.as_bytes());
        v
    }

    fn header() -> Vec<u8> {
        let mut v = vec![0x82];
        v.extend(fixstr("format"));
        v.extend(fixstr("cB"));
        v.extend(fixstr("version"));
        v.push(0x01);
        v
    }

    /// wordfreq's own example: "red fish blue fish" → fish at -30 cB, blue/red at -60 cB.
    fn fish() -> Vec<u8> {
        let mut v = vec![0xdc, 0x00, 62]; // array16: header + 61 buckets
        v.extend(header());
        for i in 0..61 {
            match i {
                30 => {
                    v.push(0x91);
                    v.extend(fixstr("fish"));
                }
                60 => {
                    v.push(0x92);
                    v.extend(fixstr("blue"));
                    v.extend(fixstr("red"));
                }
                _ => v.push(0x90),
            }
        }
        v
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn reads_wordfreq_example() {
        let words = read_cbpack(&gzip(&fish())).unwrap();
        assert_eq!(
            words,
            vec![
                ("fish".to_string(), 870),
                ("blue".to_string(), 840),
                ("red".to_string(), 840)
            ]
        );
    }

    #[test]
    fn long_strings_and_arabic() {
        let word = "الاستراتيجيات".repeat(3); // > 31 bytes: str8
        let mut v = vec![0x92];
        v.extend(header());
        v.push(0x92);
        v.extend(fixstr("في"));
        v.push(0xd9);
        v.push(word.len() as u8);
        v.extend_from_slice(word.as_bytes());
        let words = decode_cbpack(&v).unwrap();
        assert_eq!(words, vec![("في".to_string(), 900), (word, 900)]);
    }

    #[test]
    fn header_key_order_and_extra_keys() {
        let mut v = vec![0x92, 0x83];
        v.extend(fixstr("version"));
        v.push(0x01);
        v.extend(fixstr("note"));
        v.extend([0x92, 0xc3, 0xcb, 0, 0, 0, 0, 0, 0, 0, 0]); // [true, 0.0]
        v.extend(fixstr("format"));
        v.extend(fixstr("cB"));
        v.push(0x91);
        v.extend(fixstr("x"));
        assert_eq!(decode_cbpack(&v).unwrap(), vec![("x".to_string(), 900)]);
    }

    #[test]
    fn rejects_bad_input() {
        // Wrong format name.
        let mut v = vec![0x91, 0x82];
        v.extend(fixstr("format"));
        v.extend(fixstr("xx"));
        v.extend(fixstr("version"));
        v.push(0x01);
        assert!(decode_cbpack(&v).unwrap_err().contains("header"));
        // Wrong version.
        let mut v = vec![0x91, 0x82];
        v.extend(fixstr("format"));
        v.extend(fixstr("cB"));
        v.extend(fixstr("version"));
        v.push(0x02);
        assert!(decode_cbpack(&v).unwrap_err().contains("header"));
        // Truncated.
        let full = fish();
        assert!(decode_cbpack(&full[..full.len() - 2])
            .unwrap_err()
            .contains("truncated"));
        // Trailing bytes.
        let mut t = fish();
        t.push(0x90);
        assert!(decode_cbpack(&t).unwrap_err().contains("trailing"));
        // A number where a word should be.
        let mut v = vec![0x92];
        v.extend(header());
        v.extend([0x91, 0x05]);
        assert!(decode_cbpack(&v).unwrap_err().contains("string"));
        // Not gzip.
        assert!(read_cbpack(&fish()).unwrap_err().contains("gzip"));
        // No header.
        assert!(decode_cbpack(&[0x90]).is_err());
    }

    /// The vendored Arabic list: figures checked against wordfreq 3.1.1's `zipf_frequency`.
    #[test]
    fn vendored_arabic_list() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../wordfreq/large_ar.msgpack.gz");
        let words = read_cbpack_file(&path).unwrap();
        assert_eq!(words.len(), 620_701);
        assert_eq!(words[0], ("في".to_string(), 754));
        let map: std::collections::HashMap<&str, u16> =
            words.iter().map(|(w, z)| (w.as_str(), *z)).collect();
        assert_eq!(map.len(), words.len(), "no word is stored twice");
        for (w, z) in [
            ("أخبار", 505),
            ("اخبار", 457),
            ("إلى", 691),
            ("الى", 603),
            ("ألف", 544),
            ("الف", 469),
            ("أضف", 417),
            ("اضف", 324),
            ("اللجنة", 501),
            ("الجنة", 480),
            ("هذه", 659),
            ("هذة", 466),
        ] {
            assert_eq!(map.get(w), Some(&z), "{w}");
        }
        assert!(words.iter().all(|(w, z)| !w.is_empty() && *z >= 100));
        assert!(!words.iter().any(|(w, _)| w.contains('\u{0640}')
            || w.chars().any(|c| ('\u{064B}'..='\u{0652}').contains(&c))));
    }
}
