//! Reading input safely: files and standard input become either UTF-8 text, a "binary, skip it"
//! verdict, or an error that names the input and the cause. Shared by `check`, `fix` and the LSP.
//!
//! The text is returned exactly as it is on disk: a UTF-8 byte-order mark stays in it (so that
//! byte offsets are offsets in the file; the tokenizer ignores U+FEFF), and so do `\r\n` line
//! ends. Nothing here panics on any input.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use tadqiq_core::chunked::{lines_and_column, Base, Piece, Splitter};
use tadqiq_core::document::SourceKind;
pub use tadqiq_core::text::{bom_len, BOM};

pub use crate::encoding::TextEncoding;
use crate::encoding::{self, EncodingError};

/// A file is binary if this many first bytes hold a NUL (what git and ripgrep look at).
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// What an input turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// UTF-8 text, exactly as read (BOM and line ends kept).
    Text(String),
    /// A NUL byte in the first [`BINARY_SNIFF_LEN`] bytes: not text, not linted.
    Binary,
}

/// Why an input could not be read.
#[derive(Debug)]
pub struct InputError {
    /// The input as shown to the user (a path, or `<stdin>`).
    pub path: String,
    pub kind: InputErrorKind,
}

#[derive(Debug)]
pub enum InputErrorKind {
    /// Opening or reading failed (missing file, permissions, a symlink loop...).
    Io(io::Error),
    /// Not UTF-8: the first bad byte is at `offset` (0-based), on 1-based `line` and `column`
    /// (columns in chars, counted on the valid text before it).
    InvalidUtf8 {
        offset: usize,
        byte: u8,
        line: usize,
        column: usize,
        /// The bytes read as Arabic in Windows-1256: the error says to try `--encoding`.
        windows_1256: bool,
    },
    /// A UTF-16 byte-order mark, and no `--encoding`: the text is UTF-16.
    Utf16 { big_endian: bool },
    /// Not valid in the encoding it was said to be in (`--encoding`, `encoding = ...`): the
    /// first bad byte is at `offset`.
    Malformed {
        encoding: TextEncoding,
        offset: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.path;
        match &self.kind {
            InputErrorKind::Io(e) => write!(f, "{path}: {}", describe_io(e)),
            InputErrorKind::InvalidUtf8 {
                offset,
                byte,
                line,
                column,
                windows_1256,
            } => {
                write!(
                    f,
                    "{path}: invalid UTF-8 at byte offset {offset} (byte 0x{byte:02X}, line \
                     {line}, column {column}); "
                )?;
                if *windows_1256 {
                    write!(
                        f,
                        "the bytes look like Windows-1256 (legacy Arabic): read it with \
                         `--encoding windows-1256` (or `encoding = \"windows-1256\"` in \
                         tadqiq.toml)"
                    )
                } else {
                    write!(
                        f,
                        "tadqiq reads UTF-8 unless told otherwise (`--encoding`: {})",
                        TextEncoding::NAMES.join(", ")
                    )
                }
            }
            InputErrorKind::Utf16 { big_endian } => {
                write!(
                    f,
                    "{path}: the file is UTF-16 ({} byte-order mark at offset 0); read it with \
                     `--encoding utf-16` (or `encoding = \"utf-16\"` in tadqiq.toml)",
                    if *big_endian {
                        "big-endian"
                    } else {
                        "little-endian"
                    }
                )
            }
            InputErrorKind::Malformed { encoding, offset } => write!(
                f,
                "{path}: not valid {encoding} at byte offset {offset} (the encoding comes from \
                 `--encoding` or `encoding` in tadqiq.toml)"
            ),
        }
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            InputErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// An I/O error in words: the OS message, with the common cases said plainly.
fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => return "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => return "permission denied".to_string(),
        io::ErrorKind::IsADirectory => return "is a directory".to_string(),
        _ => {}
    }
    // `ErrorKind::FilesystemLoop` (ELOOP) is not stable yet; its name is in its Debug form.
    if format!("{:?}", e.kind()) == "FilesystemLoop" {
        return "too many levels of symbolic links (a symbolic link loop)".to_string();
    }
    // The OS message without its " (os error N)" tail, in lower case like the others.
    let msg = e.to_string();
    let msg = match msg.rfind(" (os error ") {
        Some(i) if msg.ends_with(')') => msg[..i].to_string(),
        _ => msg,
    };
    let mut chars = msg.chars();
    match chars.next() {
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => msg,
    }
}

impl InputError {
    pub fn io(path: impl Into<String>, error: io::Error) -> Self {
        Self {
            path: path.into(),
            kind: InputErrorKind::Io(error),
        }
    }
}

/// True if `bytes` starts like a binary file: a NUL in its first [`BINARY_SNIFF_LEN`] bytes.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// Decide what `bytes`, read from the input shown as `path`, are.
///
/// Order of the checks: a UTF-16 byte-order mark is an error (such files are usually full of
/// NULs and would otherwise be skipped silently as binary); then a NUL byte in the first 8 KiB
/// means binary; then the bytes must be UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<Input, InputError> {
    if let Some(big_endian) = utf16_bom(&bytes) {
        return Err(InputError {
            path: path.to_string(),
            kind: InputErrorKind::Utf16 { big_endian },
        });
    }
    if is_binary(&bytes) {
        return Ok(Input::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input::Text(text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // The prefix is valid UTF-8 by definition of `valid_up_to`.
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let line_start = valid.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let line = 1 + valid.matches('\n').count() + valid.matches('\r').count()
                - valid.matches("\r\n").count();
            let skip = if line_start == 0 { bom_len(valid) } else { 0 };
            let column = 1 + valid[line_start + skip..].chars().count();
            Err(InputError {
                path: path.to_string(),
                kind: InputErrorKind::InvalidUtf8 {
                    offset,
                    byte: bytes[offset],
                    line,
                    column,
                    windows_1256: encoding::looks_like_windows_1256(bytes),
                },
            })
        }
    }
}

/// [`decode`], for bytes in `encoding` (`None`: UTF-8). The text is the decoded UTF-8 (see
/// [`crate::encoding`]); a NUL in the first 8 KiB still means binary, except in UTF-16.
pub fn decode_as(
    path: &str,
    bytes: Vec<u8>,
    encoding: Option<TextEncoding>,
) -> Result<Input, InputError> {
    let encoding = match encoding {
        None | Some(TextEncoding::Utf8) => return decode(path, bytes),
        Some(e) => e,
    };
    let utf16 = matches!(
        encoding,
        TextEncoding::Utf16 | TextEncoding::Utf16Le | TextEncoding::Utf16Be
    );
    if !utf16 && is_binary(&bytes) {
        return Ok(Input::Binary);
    }
    match encoding::decode(&bytes, encoding) {
        Ok(text) => Ok(Input::Text(text)),
        Err(EncodingError::Malformed { offset } | EncodingError::Unmappable { offset, .. }) => {
            Err(InputError {
                path: path.to_string(),
                kind: InputErrorKind::Malformed { encoding, offset },
            })
        }
    }
}

/// Read the file at `path` (shown as `display`) in `encoding` (`None`: UTF-8).
pub fn read_file_as(
    path: &Path,
    display: &str,
    encoding: Option<TextEncoding>,
) -> Result<Input, InputError> {
    match encoding {
        None | Some(TextEncoding::Utf8) => read_file(path, display),
        Some(_) => {
            let bytes = std::fs::read(path).map_err(|e| InputError::io(display, e))?;
            decode_as(display, bytes, encoding)
        }
    }
}

/// Read everything from `reader` in `encoding` (`None`: UTF-8, as [`read_from`]).
pub fn read_from_as(
    mut reader: impl Read,
    display: &str,
    encoding: Option<TextEncoding>,
) -> Result<Input, InputError> {
    match encoding {
        None | Some(TextEncoding::Utf8) => read_from(reader, display),
        Some(_) => {
            let mut bytes = Vec::new();
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::io(display, e))?;
            decode_as(display, bytes, encoding)
        }
    }
}

fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    }
}

/// Read and decode the file at `path`, shown to the user as `display`.
pub fn read_file(path: &Path, display: &str) -> Result<Input, InputError> {
    let file = File::open(path).map_err(|e| InputError::io(display, e))?;
    read_from(file, display)
}

/// Read and decode everything from `reader` (standard input), shown to the user as `display`.
///
/// The first [`BINARY_SNIFF_LEN`] bytes are looked at before the rest is read: a binary input
/// is not read further (`/dev/zero` or `/dev/urandom` named as an input is skipped as binary
/// instead of filling the memory).
pub fn read_from(mut reader: impl Read, display: &str) -> Result<Input, InputError> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(BINARY_SNIFF_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(display, e))?;
    if utf16_bom(&bytes).is_none() && is_binary(&bytes) {
        return Ok(Input::Binary);
    }
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(display, e))?;
    decode(display, bytes)
}

/// An input read whole, or one too large for that, to be read piece by piece.
pub enum Opened<R> {
    /// At most the threshold: read and decoded whole.
    Whole(Input),
    /// Larger: text, to read in pieces (its start was sniffed as text; the rest is checked as
    /// it is read).
    Pieces(PieceReader<R>),
}

/// Read `reader` whole if it holds at most `threshold` bytes, as [`read_from`] does; otherwise
/// sniff its start (a UTF-16 byte-order mark is an error, a NUL in the first 8 KiB makes it
/// binary) and return a reader of its pieces of about `piece` bytes (see [`tadqiq_core::chunked`]).
/// At most `threshold` bytes are held in memory here, whatever the size of the input.
pub fn open_reader<R: Read>(
    mut reader: R,
    display: &str,
    kind: SourceKind,
    threshold: usize,
    piece: usize,
) -> Result<Opened<R>, InputError> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(BINARY_SNIFF_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(display, e))?;
    if utf16_bom(&bytes).is_none() && is_binary(&bytes) {
        return Ok(Opened::Whole(Input::Binary));
    }
    (&mut reader)
        .take((threshold + 1).saturating_sub(bytes.len()) as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(display, e))?;
    if bytes.len() <= threshold {
        return decode(display, bytes).map(Opened::Whole);
    }
    if let Some(big_endian) = utf16_bom(&bytes) {
        return Err(InputError {
            path: display.to_string(),
            kind: InputErrorKind::Utf16 { big_endian },
        });
    }
    Ok(Opened::Pieces(PieceReader::with_start(
        reader, display, kind, piece, bytes,
    )))
}

/// Reads a text input piece by piece (see [`tadqiq_core::chunked`]), checking that it is UTF-8 as it
/// goes: memory stays at a few pieces whatever the size of the input. Each item is a piece, or
/// the error that ends the input (the first invalid UTF-8 byte, named by its offset, line and
/// column in the input, or a read error). Pieces never split a char or a `\r\n`, and carry
/// their position in the input ([`Piece::base`]).
pub struct PieceReader<R> {
    reader: R,
    display: String,
    splitter: Splitter,
    buf: Vec<u8>,
    /// Where the next piece starts.
    base: Base,
    eof: bool,
    done: bool,
}

impl<R: Read> PieceReader<R> {
    /// Read `reader` (the whole input, shown as `display`) in pieces of about `piece` bytes.
    /// No sniffing for binary or UTF-16 is done here (see [`open_reader`]).
    pub fn new(reader: R, display: &str, kind: SourceKind, piece: usize) -> Self {
        Self::with_start(reader, display, kind, piece, Vec::new())
    }

    /// As [`Self::new`], when the input's first bytes, `start`, were already read from `reader`.
    pub fn with_start(
        reader: R,
        display: &str,
        kind: SourceKind,
        piece: usize,
        start: Vec<u8>,
    ) -> Self {
        Self {
            reader,
            display: display.to_string(),
            splitter: Splitter::new(kind, piece),
            buf: start,
            base: Base::default(),
            eof: false,
            done: false,
        }
    }

    /// Bytes read into pieces so far.
    pub fn offset(&self) -> usize {
        self.base.offset
    }

    fn fill(&mut self, want: usize) -> Result<(), InputError> {
        let mut block = vec![0u8; 64 * 1024];
        while !self.eof && self.buf.len() < want {
            match self.reader.read(&mut block) {
                Ok(0) => self.eof = true,
                Ok(n) => self.buf.extend_from_slice(&block[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(InputError::io(&self.display, e)),
            }
        }
        Ok(())
    }

    fn next_piece(&mut self) -> Result<Option<Piece>, InputError> {
        // More than a piece, and room to see what follows a `\r` or completes a char.
        self.fill(self.splitter.max() + 4)?;
        let valid = match std::str::from_utf8(&self.buf) {
            Ok(s) => s.len(),
            // A char cut by the end of the buffer: the rest of it is still to be read.
            Err(e) if e.error_len().is_none() && !self.eof => e.valid_up_to(),
            Err(e) => return Err(self.invalid_utf8(e.valid_up_to())),
        };
        if valid == 0 {
            return Ok(None);
        }
        let at_end = self.eof && valid == self.buf.len();
        let text = std::str::from_utf8(&self.buf[..valid]).unwrap_or_default();
        let fence = self.splitter.fence();
        let cut = self.splitter.cut(text, at_end);
        let text = text[..cut].to_string();
        self.buf.drain(..cut);
        let base = self.base;
        self.base = next_base(base, &text);
        Ok(Some(Piece { text, base, fence }))
    }

    /// The error for an invalid byte at `at` in the buffer.
    fn invalid_utf8(&self, at: usize) -> InputError {
        let valid = std::str::from_utf8(&self.buf[..at]).unwrap_or_default();
        let after = next_base(self.base, valid);
        InputError {
            path: self.display.clone(),
            kind: InputErrorKind::InvalidUtf8 {
                offset: after.offset,
                byte: self.buf[at],
                line: after.line + 1,
                column: after.column + 1,
                windows_1256: encoding::looks_like_windows_1256(&self.buf[at..]),
            },
        }
    }
}

/// The base of what follows `text`, which starts at `base`.
fn next_base(base: Base, text: &str) -> Base {
    let (lines, column) = lines_and_column(text);
    let bom = usize::from(base.offset == 0 && text.starts_with(BOM));
    Base {
        offset: base.offset + text.len(),
        line: base.line + lines,
        column: if lines > 0 {
            column
        } else {
            base.column + column - bom
        },
    }
}

impl<R: Read> Iterator for PieceReader<R> {
    type Item = Result<Piece, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_piece();
        if !matches!(next, Ok(Some(_))) {
            self.done = true;
        }
        next.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> String {
        decode("a/b.txt", bytes.to_vec()).unwrap_err().to_string()
    }

    #[test]
    fn text_is_kept_as_is() {
        let text = "\u{FEFF}سطر\r\nآخر";
        assert_eq!(
            decode("x", text.as_bytes().to_vec()).unwrap(),
            Input::Text(text.to_string())
        );
        assert_eq!(decode("x", vec![]).unwrap(), Input::Text(String::new()));
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let mut b = "سطر\nأب".as_bytes().to_vec();
        let at = b.len();
        b.extend_from_slice(&[0xC3, 0x28, b'x']);
        assert_eq!(
            err(&b),
            format!(
                "a/b.txt: invalid UTF-8 at byte offset {at} (byte 0xC3, line 2, column 3); \
                 tadqiq reads UTF-8 unless told otherwise (`--encoding`: utf-8, windows-1256, \
                 iso-8859-6, utf-16, utf-16le, utf-16be)"
            )
        );
        assert!(err(&[0xFF]).contains("byte offset 0 (byte 0xFF, line 1, column 1)"));
        // A truncated character at the very end.
        let mut b = "ب".as_bytes().to_vec();
        b.push(0xD8);
        assert!(err(&b).contains("byte offset 2 "));
        // A BOM is not a column.
        let mut b = "\u{FEFF}ب".as_bytes().to_vec();
        b.push(0x80);
        assert!(err(&b).contains("line 1, column 2"), "{}", err(&b));
    }

    #[test]
    fn binary_and_utf16_are_told_apart() {
        assert_eq!(
            decode("x", b"PK\x03\x04\x00\x00".to_vec()).unwrap(),
            Input::Binary
        );
        // A NUL past the sniffed prefix is text (and valid UTF-8).
        let mut b = vec![b'a'; BINARY_SNIFF_LEN];
        b.push(0);
        assert!(matches!(decode("x", b).unwrap(), Input::Text(_)));
        assert!(err(&[0xFF, 0xFE, b'a', 0]).contains("UTF-16 (little-endian"));
        assert!(err(&[0xFE, 0xFF, 0, b'a']).contains("UTF-16 (big-endian"));
    }

    #[test]
    fn windows_1256_is_named_and_read_when_asked() {
        let text = "قال الوزير إن اللقاء مهم.\r\n";
        let bytes = encoding::encode(text, TextEncoding::Windows1256).unwrap();
        let e = err(&bytes);
        assert!(
            e.starts_with("a/b.txt: invalid UTF-8 at byte offset 0 ")
                && e.contains("look like Windows-1256")
                && e.contains("`--encoding windows-1256`"),
            "{e}"
        );
        assert_eq!(
            decode_as("x", bytes, Some(TextEncoding::Windows1256)).unwrap(),
            Input::Text(text.to_string())
        );
        // UTF-16 is read when asked, its BOM kept as U+FEFF.
        let b = [0xFF, 0xFE, 0x45, 0x06, 0x0A, 0x00];
        assert!(err(&b).contains("`--encoding utf-16`"), "{}", err(&b));
        assert_eq!(
            decode_as("x", b.to_vec(), Some(TextEncoding::Utf16)).unwrap(),
            Input::Text("\u{FEFF}م\n".to_string())
        );
        // Bytes an encoding has no character for.
        let e = decode_as("a.txt", vec![b'a', 0xA1], Some(TextEncoding::Iso8859_6)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt: not valid iso-8859-6 at byte offset 1 (the encoding comes from `--encoding` \
             or `encoding` in tadqiq.toml)"
        );
    }

    #[test]
    fn io_errors_name_the_path() {
        let e = read_file(Path::new("/nonexistent/tadqiq"), "/nonexistent/tadqiq").unwrap_err();
        assert_eq!(
            e.to_string(),
            "/nonexistent/tadqiq: no such file or directory"
        );
    }
}
