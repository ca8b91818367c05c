//! Is the upstream body exactly one JSON object? A validating scan (RFC 8259 grammar) that builds
//! no value and allocates nothing.
//!
//! It replaces deserialising the body with serde_json into a map of ignored values, which was
//! the largest single cost of a proxied request (≈ 35 % of the proxy's instructions per request
//! on a 7.6 KB page; this scan takes about 60 % of serde_json's instructions). It refuses what
//! serde_json refused, and more: the whole body must be UTF-8 (serde_json did not check the
//! inside of strings it skipped). Strings may hold no raw control characters and only the JSON
//! escapes, numbers follow the JSON grammar, nothing but whitespace may follow the object, and
//! nesting deeper than [`MAX_DEPTH`] is refused (serde_json skipped ignored values of any depth;
//! a List Tasks page nests 4 deep). The one thing it accepts that serde_json refused is a lone
//! UTF-16 surrogate escape (`"\ud800"`) in a member name: valid JSON grammar, which browsers'
//! `JSON.parse` accepts too.

/// Deepest nesting of objects and arrays accepted, the outermost object included.
pub const MAX_DEPTH: u32 = 128;

/// True when `body` is one JSON object, optionally surrounded by JSON whitespace.
pub fn is_json_object(body: &[u8]) -> bool {
    scan_object(body, |_| false) == Scan::Object
}

/// What [`scan_object`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// One JSON object.
    Object,
    /// Anything else.
    NotObject,
    /// The visitor refused a string.
    Refused,
}

/// Scans `body` as [`is_json_object`] does, and hands the contents of every string (member
/// names too) that holds an escape to `refuse`, raw and between its quotes, once the string is
/// known to be valid; the scan stops at the first string `refuse` returns true for. Strings
/// without escapes are not visited: their raw bytes are what they decode to.
pub fn scan_object(body: &[u8], mut refuse: impl FnMut(&[u8]) -> bool) -> Scan {
    if std::str::from_utf8(body).is_err() {
        return Scan::NotObject;
    }
    let mut refused = false;
    let mut visit = |content: &[u8]| {
        refused = refuse(content);
        !refused
    };
    match scan(body, &mut visit) {
        Some(()) => Scan::Object,
        None if refused => Scan::Refused,
        None => Scan::NotObject,
    }
}

/// Called with each escaped string's contents; false stops the scan.
type Visit<'v> = dyn FnMut(&[u8]) -> bool + 'v;

fn scan(b: &[u8], visit: &mut Visit<'_>) -> Option<()> {
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    // `arrays[d]` tells whether the container at depth `d + 1` is an array or an object.
    let mut arrays = [false; MAX_DEPTH as usize];
    let mut depth = 0;
    loop {
        // `i` is at the first byte of a value.
        match *b.get(i)? {
            open @ (b'{' | b'[') => {
                let is_array = open == b'[';
                *arrays.get_mut(depth)? = is_array;
                depth += 1;
                i = skip_ws(b, i + 1);
                let close = if is_array { b']' } else { b'}' };
                if b.get(i) == Some(&close) {
                    i += 1;
                    depth -= 1;
                } else {
                    if !is_array {
                        i = member_name(b, i, visit)?;
                    }
                    continue;
                }
            }
            b'"' => i = string(b, i, visit)?,
            b't' => i = literal(b, i, b"true")?,
            b'f' => i = literal(b, i, b"false")?,
            b'n' => i = literal(b, i, b"null")?,
            b'-' | b'0'..=b'9' => i = number(b, i)?,
            _ => return None,
        }
        // After a value: close containers until the next value starts, or the body ends.
        loop {
            if depth == 0 {
                return if skip_ws(b, i) == b.len() {
                    Some(())
                } else {
                    None
                };
            }
            i = skip_ws(b, i);
            let in_array = arrays[depth - 1];
            match (*b.get(i)?, in_array) {
                (b',', true) => {
                    i = skip_ws(b, i + 1);
                    break;
                }
                (b',', false) => {
                    i = member_name(b, skip_ws(b, i + 1), visit)?;
                    break;
                }
                (b']', true) | (b'}', false) => {
                    i += 1;
                    depth -= 1;
                }
                _ => return None,
            }
        }
    }
}

// The helpers below are `inline(always)` and written with plain index loops because the release
// profile optimises for size (`opt-level = "z"`, for the wasm), which otherwise leaves iterator
// adapters and small helpers as calls on this hot path.

#[inline(always)]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = b.get(i) {
        i += 1;
    }
    i
}

/// `"name" :` at `i`; returns the index of the member's value.
#[inline(always)]
fn member_name(b: &[u8], i: usize, visit: &mut Visit<'_>) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let i = skip_ws(b, string(b, i, visit)?);
    if b.get(i) != Some(&b':') {
        return None;
    }
    Some(skip_ws(b, i + 1))
}

/// The string starting with the quote at `i`; returns the index after its closing quote.
/// A string with an escape is handed to `visit` (see [`scan_object`]).
#[inline(always)]
fn string(b: &[u8], mut i: usize, visit: &mut Visit<'_>) -> Option<usize> {
    let start = i + 1;
    let mut escaped = false;
    i = start;
    loop {
        i = skip_plain(b, i);
        match *b.get(i)? {
            b'"' => {
                if escaped && !visit(&b[start..i]) {
                    return None;
                }
                return Some(i + 1);
            }
            b'\\' => {
                escaped = true;
                i += 1;
                match *b.get(i)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 1,
                    b'u' => {
                        let end = i + 5;
                        if end > b.len() {
                            return None;
                        }
                        i += 1;
                        while i < end {
                            if !b[i].is_ascii_hexdigit() {
                                return None;
                            }
                            i += 1;
                        }
                    }
                    _ => return None,
                }
            }
            // A raw control character.
            _ => return None,
        }
    }
}

/// The index of the first `"`, `\` or control character at or after `i` (or the end).
#[inline(always)]
fn skip_plain(b: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time (Mycroft's zero-byte test): the lowest flagged byte is always a
    // real match, so the scan jumps straight to it.
    while let Some(word) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let special = special_bytes(u64::from_le_bytes(*word));
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !is_special(b[i]) {
        i += 1;
    }
    i
}

#[inline(always)]
fn is_special(c: u8) -> bool {
    c == b'"' || c == b'\\' || c < 0x20
}

/// The high bit of each byte of `word` that is `"`, `\` or below 0x20 (and possibly of bytes
/// above the lowest such byte: only the lowest set bit is exact).
#[inline(always)]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash) & HIGH
}

#[inline(always)]
fn literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    let end = i + word.len();
    if b.get(i..end)? == word {
        Some(end)
    } else {
        None
    }
}

#[inline(always)]
fn digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` at `i`; returns the index after it.
#[inline(always)]
fn number(b: &[u8], mut i: usize) -> Option<usize> {
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match *b.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = digits(b, i + 1),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        let end = digits(b, i + 1);
        if end == i + 1 {
            return None;
        }
        i = end;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let end = digits(b, i);
        if end == i {
            return None;
        }
        i = end;
    }
    Some(i)
}

#[cfg(test)]
mod tests;
