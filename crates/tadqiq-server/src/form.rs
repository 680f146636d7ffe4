//! `application/x-www-form-urlencoded` bodies and query strings, decoded strictly: a malformed
//! percent escape or a value that is not UTF-8 is an error naming the parameter, never a
//! silently replaced character (a checker must not check a text the client did not send).

use std::fmt;

/// Why a form could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// `%` not followed by two hexadecimal digits.
    BadEscape { name: String },
    /// The decoded bytes of a name or value are not UTF-8.
    NotUtf8 { name: String },
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadEscape { name } => write!(
                f,
                "malformed form data: parameter '{name}' has a '%' not followed by two hex digits"
            ),
            Self::NotUtf8 { name } => {
                write!(f, "parameter '{name}' is not valid UTF-8 text")
            }
        }
    }
}

/// Decoded name/value pairs, in order. The body itself may hold raw UTF-8 (as some clients
/// send) or only ASCII with percent escapes (as browsers and `requests` send).
pub fn parse(body: &[u8]) -> Result<Vec<(String, String)>, FormError> {
    let mut out = Vec::new();
    for pair in body.split(|&b| b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        // The name first, lossily, only to name it in an error about itself or its value.
        let shown =
            String::from_utf8_lossy(&decode(name).unwrap_or_else(|| name.to_vec())).into_owned();
        let name = decode(name)
            .ok_or_else(|| FormError::BadEscape {
                name: shown.clone(),
            })
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| FormError::NotUtf8 {
                    name: shown.clone(),
                })
            })?;
        let value = decode(value)
            .ok_or_else(|| FormError::BadEscape { name: name.clone() })
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| FormError::NotUtf8 { name: name.clone() })
            })?;
        out.push((name, value));
    }
    Ok(out)
}

/// `+` is a space, `%XX` a byte; `None` for a malformed escape.
fn decode(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = hex(*s.get(i + 1)?)?;
                let lo = hex(*s.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_plus_and_raw_utf8() {
        let body = "text=%D8%A7%D9%84%D9%82%D8%A7%D8%A1+%F0%9F%93%B0&language=ar&x&=v&&raw=قول";
        let got = parse(body.as_bytes()).unwrap();
        assert_eq!(
            got,
            vec![
                ("text".to_string(), "القاء 📰".to_string()),
                ("language".to_string(), "ar".to_string()),
                ("x".to_string(), String::new()),
                (String::new(), "v".to_string()),
                ("raw".to_string(), "قول".to_string()),
            ]
        );
    }

    #[test]
    fn refuses_bad_escapes_and_bad_utf8() {
        assert_eq!(
            parse(b"language=ar&text=%D8%Z1"),
            Err(FormError::BadEscape {
                name: "text".into()
            })
        );
        assert_eq!(
            parse(b"text=abc%"),
            Err(FormError::BadEscape {
                name: "text".into()
            })
        );
        // A lone continuation byte, escaped and raw.
        assert_eq!(
            parse(b"text=%80"),
            Err(FormError::NotUtf8 {
                name: "text".into()
            })
        );
        assert_eq!(
            parse(b"text=\xD8"),
            Err(FormError::NotUtf8 {
                name: "text".into()
            })
        );
        let e = parse(b"te%FFxt=1").unwrap_err();
        assert!(e.to_string().contains("te\u{FFFD}xt"), "{e}");
    }
}
