//! Byte offsets to lines and columns, and back: the one line index every output uses
//! (terminal, JSON, SARIF, GitHub, reports, `regard test` and the language server), so
//! that they all agree on where a finding is.
//!
//! A line ends where the language ends one: at a line feed, a carriage return followed
//! by a line feed, or a carriage return alone (the grammar's `NEWLINE`, and the Language
//! Server Protocol's definition). Nothing else ends a line: a vertical tab or U+2028 is
//! an ordinary character here (the terminal renderer shows such characters as visible
//! placeholders, so that ariadne does not break lines there either).

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the language server's default).
    Utf16,
    /// Unicode scalar values (characters): what people and ariadne count.
    Char,
}

impl Unit {
    fn width(self, c: char) -> usize {
        match self {
            Unit::Utf8 => c.len_utf8(),
            Unit::Utf16 => c.len_utf16(),
            Unit::Char => 1,
        }
    }
}

/// Line starts of one text, for turning byte offsets into positions and back.
pub struct Lines<'a> {
    text: &'a str,
    /// The byte offset where each line starts; the first is 0.
    starts: Vec<u32>,
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr_lines(bytes) {
            starts.push(i as u32);
        }
        Lines { text, starts }
    }

    /// The nearest char boundary at or before `offset`, within the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 0-based line holding the byte at `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = self.clamp(offset) as u32;
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of a 0-based line without its line break, or `None` past the end.
    pub fn line_content(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)? as usize;
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&s| s as usize);
        let content = self.text[start..end].trim_end_matches('\n').trim_end_matches('\r');
        Some(start..start + content.len())
    }

    /// The 0-based line and 0-based column of `offset` (clamped), the column in `unit`s.
    pub fn line_col(&self, offset: usize, unit: Unit) -> (u32, u32) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let column: usize = match unit {
            Unit::Utf8 => offset - start,
            _ => self.text[start..offset].chars().map(|c| unit.width(c)).sum(),
        };
        (line as u32, column as u32)
    }

    /// The 1-based line and character column of `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let (line, column) = self.line_col(offset, Unit::Char);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The byte offset of a 0-based line and a column in `unit`s. A column past the end
    /// of its line is clamped to that end (before the line break), a line past the end of
    /// the text to the end of the text, and a column inside a character to its start.
    pub fn offset(&self, line: u32, column: u32, unit: Unit) -> usize {
        let Some(range) = self.line_content(line as usize) else {
            return self.text.len();
        };
        let mut counted = 0usize;
        for (i, c) in self.text[range.clone()].char_indices() {
            let next = counted + unit.width(c);
            if next > column as usize {
                return range.start + i;
            }
            counted = next;
        }
        range.end
    }
}

/// The byte offsets where lines after the first start: after each `\n`, and after each
/// `\r` not followed by `\n`.
fn memchr_lines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

/// Character offsets for many byte offsets in one text, in linear time overall: the
/// character count of each line start is computed once, on first use.
pub struct CharOffsets<'a> {
    lines: Lines<'a>,
    line_chars: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        let lines = Lines::new(text);
        let mut line_chars = Vec::with_capacity(lines.starts.len());
        let (mut at, mut chars) = (0usize, 0usize);
        for &start in &lines.starts {
            let start = start as usize;
            chars += text.as_bytes()[at..start]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            at = start;
            line_chars.push(chars);
        }
        CharOffsets { lines, line_chars }
    }

    /// The character offset of the byte `offset` (clamped to a char boundary).
    pub fn of(&self, offset: usize) -> usize {
        let offset = self.lines.clamp(offset);
        let line = self.lines.line_of(offset);
        let start = self.lines.starts[line] as usize;
        self.line_chars[line] + self.lines.text[start..offset].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "quote \"Children’s\" x\nnext";
        let lines = Lines::new(text);
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(lines.position(x), Position { line: 1, column: 20 });
        assert_eq!(
            lines.position(text.find("next").unwrap()),
            Position { line: 2, column: 1 }
        );
        // An offset inside a multi-byte character falls back to its start.
        let inside = text.find('’').unwrap() + 1;
        assert_eq!(lines.position(inside), Position { line: 1, column: 16 });
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        let text = "a\nb\r\nc\rd\u{2028}e\x0bf";
        let lines = Lines::new(text);
        assert!(lines.line_content(3).is_some() && lines.line_content(4).is_none());
        assert_eq!(lines.position(text.find('b').unwrap()).line, 2);
        assert_eq!(lines.position(text.find('c').unwrap()).line, 3);
        // Only LF, CRLF and CR end lines.
        assert_eq!(lines.position(text.find('f').unwrap()), Position { line: 4, column: 5 });
        assert_eq!(lines.line_content(1), Some(2..3));
        assert_eq!(lines.offset(2, 99, Unit::Utf16), text.rfind('\r').unwrap());
    }

    #[test]
    fn char_offsets_agree_with_counting() {
        let text = "é\r\nü\rx€\ny";
        let offsets = CharOffsets::new(text);
        for (i, _) in text.char_indices() {
            assert_eq!(offsets.of(i), text[..i].chars().count());
        }
    }

    #[test]
    fn offsets_and_columns_round_trip() {
        let text = "quote \"Children’s 🧒\" x\rnext";
        let lines = Lines::new(text);
        for unit in [Unit::Utf8, Unit::Utf16, Unit::Char] {
            for (i, _) in text.char_indices() {
                let (line, column) = lines.line_col(i, unit);
                assert_eq!(lines.offset(line, column, unit), i, "{unit:?} at {i}");
            }
        }
    }
}
