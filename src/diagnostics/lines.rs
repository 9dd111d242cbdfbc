//! Byte offsets to lines and columns, at the edge where diagnostics are rendered.

use line_index::{LineIndex, TextSize, WideEncoding};

/// Line starts of one text, for turning byte offsets into positions.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            index: LineIndex::new(text),
        }
    }

    /// The nearest char boundary at or before `offset`, within the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.clamp(offset);
        let line_col = self.index.line_col(TextSize::from(offset as u32));
        let column = self
            .index
            .to_wide(WideEncoding::Utf32, line_col)
            .map_or(line_col.col, |w| w.col);
        Position {
            line: line_col.line + 1,
            column: column + 1,
        }
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
}
