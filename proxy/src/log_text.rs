//! Log fields bounded in length: an upstream's error message can be as long as the body cap
//! (a 900 KB message made one 900 KB log line), so what goes into a line is cut at 1 KB.

use std::fmt;

/// Most bytes of one field written to a log line.
pub const MAX_LOG_FIELD_BYTES: usize = 1024;

/// Displays a value's `Display` text cut to [`MAX_LOG_FIELD_BYTES`] (at a character boundary),
/// followed by how long it was. Nothing is allocated: the text is cut as it is written.
#[derive(Debug, Clone, Copy)]
pub struct Capped<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Display + ?Sized> fmt::Display for Capped<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut writer = CutWriter {
            out: f,
            written: 0,
            total: 0,
        };
        fmt::write(&mut writer, format_args!("{}", self.0))?;
        let (written, total) = (writer.written, writer.total);
        if total > written {
            write!(f, "… [{total} bytes]")?;
        }
        Ok(())
    }
}

struct CutWriter<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    written: usize,
    total: usize,
}

impl fmt::Write for CutWriter<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.total += s.len();
        let room = MAX_LOG_FIELD_BYTES - self.written;
        if room == 0 {
            return Ok(());
        }
        let mut end = s.len().min(room);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.written += end;
        self.out.write_str(&s[..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_character_boundary_with_its_length() {
        let long = format!("a{}", "é".repeat(600));
        let text = Capped(&long).to_string();
        let (head, tail) = text.split_once('…').expect("cut");
        assert!(head.len() <= MAX_LOG_FIELD_BYTES && head.len() >= MAX_LOG_FIELD_BYTES - 1);
        assert_eq!(tail, " [1201 bytes]");
        assert_eq!(Capped("short").to_string(), "short");
        let exact = "x".repeat(MAX_LOG_FIELD_BYTES);
        assert_eq!(Capped(&exact).to_string(), exact);
    }
}
