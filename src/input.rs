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

/// A file is binary if this many first bytes hold a NUL (what git and ripgrep look at).
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// The UTF-8 byte-order mark.
pub const BOM: char = '\u{FEFF}';

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
    },
    /// A UTF-16 byte-order mark: the text is UTF-16, which tadqiq does not read.
    Utf16 { big_endian: bool },
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
            } => write!(
                f,
                "{path}: invalid UTF-8 at byte offset {offset} (byte 0x{byte:02X}, line {line}, \
                 column {column}); tadqiq reads UTF-8 text only"
            ),
            InputErrorKind::Utf16 { big_endian } => {
                write!(
                f,
                "{path}: the file is UTF-16 ({} byte-order mark at offset 0); tadqiq reads UTF-8 \
                 text only (convert it with e.g. `iconv -f UTF-16 -t UTF-8`)",
                if *big_endian { "big-endian" } else { "little-endian" }
            )
            }
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
                },
            })
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
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| InputError::io(display, e))?;
    decode(display, bytes)
}

/// Read and decode everything from `reader` (standard input), shown to the user as `display`.
pub fn read_from(mut reader: impl Read, display: &str) -> Result<Input, InputError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(display, e))?;
    decode(display, bytes)
}

/// Length in bytes of a leading BOM (3) or 0.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
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
                 tadqiq reads UTF-8 text only"
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
    fn io_errors_name_the_path() {
        let e = read_file(Path::new("/nonexistent/tadqiq"), "/nonexistent/tadqiq").unwrap_err();
        assert_eq!(
            e.to_string(),
            "/nonexistent/tadqiq: no such file or directory"
        );
    }
}
