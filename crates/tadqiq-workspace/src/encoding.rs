//! Text encodings other than UTF-8 (`--encoding`, `encoding = "..."` in `tadqiq.toml`): the
//! legacy Arabic code pages and UTF-16, decoded and encoded with `encoding_rs`.
//!
//! A file in one of these encodings is decoded to UTF-8 text, which is what the linter sees:
//! **spans, byte offsets (`start`, `end` in JSON) and columns are those of the decoded UTF-8
//! text**, not of the bytes on disk (lines and columns in chars are the same either way, except
//! that a UTF-16 byte-order mark is not a column, as a UTF-8 one is not). `fix` encodes the
//! fixed text back into the encoding it was read in: a character that encoding cannot hold
//! (a fix never brings one in today, but a word list could) stops the write with an error,
//! rather than converting the file or writing a replacement character.
//!
//! Decoding then encoding gives back the very same bytes for every input this module accepts:
//! Windows-1256 maps all 256 bytes; ISO-8859-6 input with an unmapped byte is refused; UTF-16
//! keeps its byte-order mark (as U+FEFF at the start of the text) and its byte order.

use std::fmt;

use encoding_rs::{DecoderResult, EncoderResult, Encoding, ISO_8859_6, WINDOWS_1256};

/// An encoding tadqiq reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    Utf8,
    /// Windows-1256 (cp1256), the usual legacy Arabic encoding on Windows.
    Windows1256,
    /// ISO-8859-6 (Latin/Arabic).
    Iso8859_6,
    /// UTF-16: the byte-order mark decides the byte order; little-endian without one.
    Utf16,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    /// The names `--encoding` and `encoding = ...` take (any case; `cp1256` is Windows-1256 too).
    pub const NAMES: [&'static str; 6] = [
        "utf-8",
        "windows-1256",
        "iso-8859-6",
        "utf-16",
        "utf-16le",
        "utf-16be",
    ];

    /// The encoding named `name`, if tadqiq knows it.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Self::Utf8,
            "windows-1256" | "cp1256" => Self::Windows1256,
            "iso-8859-6" | "iso8859-6" => Self::Iso8859_6,
            "utf-16" | "utf16" => Self::Utf16,
            "utf-16le" | "utf16le" => Self::Utf16Le,
            "utf-16be" | "utf16be" => Self::Utf16Be,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Windows1256 => "windows-1256",
            Self::Iso8859_6 => "iso-8859-6",
            Self::Utf16 => "utf-16",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
        }
    }

    fn single_byte(self) -> Option<&'static Encoding> {
        match self {
            Self::Windows1256 => Some(WINDOWS_1256),
            Self::Iso8859_6 => Some(ISO_8859_6),
            _ => None,
        }
    }

    /// `Utf16` resolved by the byte-order mark of `bytes`; the others as they are.
    pub fn resolve(self, bytes: &[u8]) -> Self {
        match (self, bytes) {
            (Self::Utf16, [0xFE, 0xFF, ..]) => Self::Utf16Be,
            (Self::Utf16, _) => Self::Utf16Le,
            (e, _) => e,
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why bytes could not be decoded, or text encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodingError {
    /// The bytes at `offset` are not valid in the encoding.
    Malformed { offset: usize },
    /// `ch`, at byte `offset` of the UTF-8 text, has no place in the encoding.
    Unmappable { ch: char, offset: usize },
}

/// Decode `bytes` (not UTF-8, which `input::decode` reads) into UTF-8 text. A byte-order mark
/// stays in the text as U+FEFF, so that [`encode`] writes it back.
pub fn decode(bytes: &[u8], encoding: TextEncoding) -> Result<String, EncodingError> {
    match encoding.resolve(bytes) {
        TextEncoding::Utf8 => {
            std::str::from_utf8(bytes)
                .map(str::to_string)
                .map_err(|e| EncodingError::Malformed {
                    offset: e.valid_up_to(),
                })
        }
        e @ (TextEncoding::Utf16Le | TextEncoding::Utf16Be) => {
            if bytes.len() % 2 == 1 {
                return Err(EncodingError::Malformed {
                    offset: bytes.len() - 1,
                });
            }
            let units = bytes.chunks_exact(2).map(|p| match e {
                TextEncoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
                _ => u16::from_le_bytes([p[0], p[1]]),
            });
            let mut text = String::with_capacity(bytes.len());
            let mut offset = 0;
            for c in char::decode_utf16(units) {
                match c {
                    Ok(c) => {
                        offset += 2 * c.len_utf16();
                        text.push(c);
                    }
                    Err(_) => return Err(EncodingError::Malformed { offset }),
                }
            }
            Ok(text)
        }
        e => {
            let enc = e.single_byte().unwrap_or(WINDOWS_1256);
            let mut decoder = enc.new_decoder_without_bom_handling();
            let mut text = String::with_capacity(bytes.len() * 2);
            let mut read = 0;
            loop {
                let want = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len() - read)
                    .unwrap_or(bytes.len() * 3);
                text.reserve(want);
                let (result, n) =
                    decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
                read += n;
                match result {
                    DecoderResult::InputEmpty => return Ok(text),
                    DecoderResult::OutputFull => continue,
                    DecoderResult::Malformed(bad, extra) => {
                        return Err(EncodingError::Malformed {
                            offset: read - usize::from(extra) - usize::from(bad),
                        })
                    }
                }
            }
        }
    }
}

/// Encode `text` in `encoding` (`Utf16` must have been resolved; it is written little-endian
/// otherwise). Fails on the first char the encoding cannot hold.
pub fn encode(text: &str, encoding: TextEncoding) -> Result<Vec<u8>, EncodingError> {
    match encoding {
        TextEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        TextEncoding::Utf16 | TextEncoding::Utf16Le => {
            Ok(text.encode_utf16().flat_map(u16::to_le_bytes).collect())
        }
        TextEncoding::Utf16Be => Ok(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        e => {
            let enc = e.single_byte().unwrap_or(WINDOWS_1256);
            let mut encoder = enc.new_encoder();
            let mut out = Vec::with_capacity(text.len());
            let mut read = 0;
            loop {
                out.reserve(text.len() - read + 16);
                let (result, n) = encoder.encode_from_utf8_to_vec_without_replacement(
                    &text[read..],
                    &mut out,
                    true,
                );
                read += n;
                match result {
                    EncoderResult::InputEmpty => return Ok(out),
                    EncoderResult::OutputFull => continue,
                    EncoderResult::Unmappable(ch) => {
                        return Err(EncodingError::Unmappable {
                            ch,
                            offset: read - ch.len_utf8(),
                        })
                    }
                }
            }
        }
    }
}

/// True when `bytes`, which are not UTF-8, read as Arabic text in Windows-1256: most of their
/// bytes above 0x7F are Arabic letters there (a Latin-1 or binary file is not).
pub fn looks_like_windows_1256(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let (text, _) = WINDOWS_1256.decode_without_bom_handling(sample);
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    arabic >= 3 && arabic >= 4 * other
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "تطرق اللقاء إلى التحديات التي تواجه المؤسسات في المنطقة.\r\n";

    #[test]
    fn names() {
        for n in TextEncoding::NAMES {
            assert_eq!(TextEncoding::parse(n).unwrap().name(), n);
        }
        assert_eq!(
            TextEncoding::parse("CP1256"),
            Some(TextEncoding::Windows1256)
        );
        assert_eq!(TextEncoding::parse("latin1"), None);
    }

    #[test]
    fn round_trips_keep_every_byte() {
        for e in [
            TextEncoding::Windows1256,
            TextEncoding::Iso8859_6,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
        ] {
            let text = if matches!(e, TextEncoding::Iso8859_6) {
                // ISO-8859-6 has no «پ» and no CR LF issue; it has the Arabic comma.
                "قال الوزير، إن اللقاء مهم.\n".to_string()
            } else {
                format!("\u{FEFF}{SENTENCE}")
            };
            let text = if e.single_byte().is_some() {
                text.trim_start_matches('\u{FEFF}').to_string()
            } else {
                text
            };
            let bytes = encode(&text, e).unwrap();
            assert_ne!(bytes, text.as_bytes());
            assert_eq!(decode(&bytes, e).unwrap(), text, "{e}");
            assert_eq!(encode(&decode(&bytes, e).unwrap(), e).unwrap(), bytes);
        }
        // UTF-16 with a BOM finds its byte order.
        let be = encode(&format!("\u{FEFF}{SENTENCE}"), TextEncoding::Utf16Be).unwrap();
        assert_eq!(TextEncoding::Utf16.resolve(&be), TextEncoding::Utf16Be);
        assert_eq!(
            decode(&be, TextEncoding::Utf16).unwrap(),
            format!("\u{FEFF}{SENTENCE}")
        );
    }

    #[test]
    fn what_an_encoding_cannot_hold_is_an_error() {
        let e = encode("اللقاء 😀", TextEncoding::Windows1256).unwrap_err();
        assert_eq!(
            e,
            EncodingError::Unmappable {
                ch: '😀',
                offset: "اللقاء ".len()
            }
        );
        // 0xA0 is a space in ISO-8859-6, 0xA1 is not assigned.
        assert_eq!(
            decode(&[b'a', 0xA1], TextEncoding::Iso8859_6),
            Err(EncodingError::Malformed { offset: 1 })
        );
        assert_eq!(
            decode(&[0x41, 0x00, 0x00], TextEncoding::Utf16Le),
            Err(EncodingError::Malformed { offset: 2 })
        );
        // A lone surrogate.
        assert_eq!(
            decode(&[0x41, 0x00, 0x00, 0xD8, 0x41, 0x00], TextEncoding::Utf16Le),
            Err(EncodingError::Malformed { offset: 2 })
        );
    }

    #[test]
    fn windows_1256_is_recognised() {
        let bytes = encode(SENTENCE, TextEncoding::Windows1256).unwrap();
        assert!(looks_like_windows_1256(&bytes));
        // Latin-1 French is not Arabic.
        assert!(!looks_like_windows_1256(
            b"caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise"
        ));
        assert!(!looks_like_windows_1256(&[0xFF, 0xFE, 0x00]));
    }
}
