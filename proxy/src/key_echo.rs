//! Finding the API key in what the upstream sent, in any spelling JSON allows.
//!
//! A raw search misses a key the upstream wrote with escapes: `"\u0073k_live…"` or, for a key
//! with a `/`, `"sk\/live"` (PHP's `json_encode` default). A browser's `JSON.parse` turns either
//! back into the key. So besides the raw search, every JSON string that holds an escape is
//! decoded as it is scanned and the decoded bytes run through a streaming matcher (Knuth–Morris–
//! Pratt): no buffer, no allocation, one pass.

use crate::json_check;
use std::fmt;

/// Searches upstream bytes for the key. `Debug` is redacted: it holds the key's bytes.
pub struct KeyEcho {
    finder: memchr::memmem::Finder<'static>,
    key: Box<[u8]>,
    /// KMP failure function: `fail[i]` is the length of the longest proper prefix of
    /// `key[..=i]` that is also its suffix.
    fail: Box<[usize]>,
}

impl fmt::Debug for KeyEcho {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyEcho([redacted])")
    }
}

/// What [`KeyEcho::check_json_object`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonVerdict {
    /// One JSON object, and the key in no spelling.
    Clean,
    /// Not one JSON object.
    Malformed,
    /// The key, raw or once a string's escapes are decoded.
    KeyEchoed,
}

impl KeyEcho {
    /// A searcher for `key` (not empty).
    pub fn new(key: &[u8]) -> Self {
        let mut fail = vec![0; key.len()];
        let mut len = 0;
        for i in 1..key.len() {
            while len > 0 && key[i] != key[len] {
                len = fail[len - 1];
            }
            if key[i] == key[len] {
                len += 1;
            }
            fail[i] = len;
        }
        Self {
            finder: memchr::memmem::Finder::new(key).into_owned(),
            key: key.into(),
            fail: fail.into(),
        }
    }

    /// Whether `bytes` hold the key as it is.
    pub fn in_raw(&self, bytes: &[u8]) -> bool {
        self.finder.find(bytes).is_some()
    }

    /// Validates `body` as one JSON object and looks for the key in it, raw and in every string
    /// once decoded.
    pub fn check_json_object(&self, body: &[u8]) -> JsonVerdict {
        match json_check::scan_object(body, |content| self.in_escaped(content)) {
            json_check::Scan::NotObject => JsonVerdict::Malformed,
            json_check::Scan::Refused => JsonVerdict::KeyEchoed,
            // Unescaped strings (and anything else) hold the key only as it is.
            json_check::Scan::Object if self.in_raw(body) => JsonVerdict::KeyEchoed,
            json_check::Scan::Object => JsonVerdict::Clean,
        }
    }

    /// Whether the contents of one valid JSON string (between its quotes, escapes and all)
    /// decode to something that holds the key.
    pub fn in_escaped(&self, content: &[u8]) -> bool {
        let mut matched = 0;
        let mut feed = |byte: u8| {
            while matched > 0 && self.key[matched] != byte {
                matched = self.fail[matched - 1];
            }
            if self.key[matched] == byte {
                matched += 1;
            }
            if matched == self.key.len() {
                return true;
            }
            false
        };
        let mut i = 0;
        while i < content.len() {
            let byte = content[i];
            if byte != b'\\' {
                i += 1;
                if feed(byte) {
                    return true;
                }
                continue;
            }
            let (ch, used) = decode_escape(&content[i..]);
            i += used;
            let mut utf8 = [0; 4];
            for &b in ch.encode_utf8(&mut utf8).as_bytes() {
                if feed(b) {
                    return true;
                }
            }
        }
        false
    }
}

/// The character the escape at the start of `escape` (a `\`) stands for, and its length.
/// Surrogate pairs become one character; a lone surrogate or a malformed escape (which the
/// scanner has already refused) becomes U+FFFD, which no key contains.
fn decode_escape(escape: &[u8]) -> (char, usize) {
    let simple = match escape.get(1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return decode_unicode(escape),
        _ => return (char::REPLACEMENT_CHARACTER, escape.len().clamp(1, 2)),
    };
    (simple, 2)
}

fn decode_unicode(escape: &[u8]) -> (char, usize) {
    let Some(first) = hex4(escape.get(2..6)) else {
        return (char::REPLACEMENT_CHARACTER, escape.len().min(6));
    };
    if (0xD800..0xDC00).contains(&first)
        && escape.get(6..8) == Some(b"\\u")
        && let Some(second) = hex4(escape.get(8..12))
        && (0xDC00..0xE000).contains(&second)
    {
        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        return (
            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
            12,
        );
    }
    (
        char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER),
        6,
    )
}

fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let digits = digits?;
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk_live/ab+cd==";

    fn echo() -> KeyEcho {
        KeyEcho::new(KEY.as_bytes())
    }

    #[test]
    fn every_json_spelling_of_the_key_is_found() {
        let echo = echo();
        for body in [
            r#"{"k":"sk_live/ab+cd=="}"#,
            r#"{"k":"\u0073k_live/ab+cd=="}"#,
            r#"{"k":"sk_live\/ab+cd=="}"#,
            r#"{"k":"\u0073\u006B\u005f\u006c\u0069\u0076\u0065\u002f\u0061\u0062\u002b\u0063\u0064\u003d\u003d"}"#,
            r#"{"k":"x \"sk_live\/ab+cd==\" y"}"#,
            r#"{"sk_live\/ab+cd==":1}"#,
            r#"{"a":[{"b":"\n\u0073k_live\/ab+cd==\t"}]}"#,
        ] {
            assert_eq!(
                echo.check_json_object(body.as_bytes()),
                JsonVerdict::KeyEchoed,
                "{body}"
            );
        }
    }

    #[test]
    fn near_misses_and_other_json_pass() {
        let echo = echo();
        for body in [
            r#"{"k":"sk_live/ab+cd="}"#,
            r#"{"k":"sk_live\\/ab+cd=="}"#,
            r#"{"k":"sk_live\/ab+cd\u003e="}"#,
            r#"{"k":"\ud83d\ude00 sk_live\/ab"}"#,
            r#"{"k":"sk_live/ab", "l":"+cd=="}"#,
            r#"{"k":"\ud800 lone surrogate"}"#,
        ] {
            assert_eq!(
                echo.check_json_object(body.as_bytes()),
                JsonVerdict::Clean,
                "{body}"
            );
        }
        assert_eq!(
            echo.check_json_object(b"{\"k\":\"\\u00\"}"),
            JsonVerdict::Malformed
        );
    }

    #[test]
    fn the_matcher_handles_repeated_prefixes() {
        let echo = KeyEcho::new(b"aab");
        assert!(echo.in_escaped(br"aaa\u0061b"));
        assert!(!echo.in_escaped(br"aa\u0061a"));
        assert!(echo.in_raw(b"xaaby") && !echo.in_raw(b"xabay"));
        assert_eq!(format!("{echo:?}"), "KeyEcho([redacted])");
    }
}
