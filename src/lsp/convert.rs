//! Byte offsets to protocol positions and back, in the negotiated encoding (UTF-8 or
//! UTF-16 code units), and paths to URIs and back.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use line_index::{LineCol, LineIndex, TextSize, WideEncoding, WideLineCol};
use lsp_types::{Position, Range, Uri};

use crate::syntax::Span;

/// How the client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A text and its line starts.
pub struct Text<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Text<'a> {
        Text {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    pub fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let lc = self.index.line_col(TextSize::from(offset as u32));
        let character = match self.encoding {
            Encoding::Utf8 => lc.col,
            Encoding::Utf16 => self.index.to_wide(WideEncoding::Utf16, lc).map_or(lc.col, |w| w.col),
        };
        Position::new(lc.line, character)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; a position past the end of its line or of the
    /// text is clamped to that end.
    pub fn offset(&self, position: Position) -> u32 {
        let Some(line) = self.index.line(position.line) else {
            return self.text.len() as u32;
        };
        let utf8 = match self.encoding {
            Encoding::Utf8 => Some(LineCol {
                line: position.line,
                col: position.character,
            }),
            Encoding::Utf16 => self.index.to_utf8(
                WideEncoding::Utf16,
                WideLineCol {
                    line: position.line,
                    col: position.character,
                },
            ),
        };
        let start = u32::from(line.start());
        // The line's range includes its line break; a position is never past it.
        let full = &self.text[start as usize..u32::from(line.end()) as usize];
        let content = full.trim_end_matches('\n').trim_end_matches('\r');
        let end = start + content.len() as u32;
        let mut offset = utf8.map_or(end, |lc| start.saturating_add(lc.col).min(end)) as usize;
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset as u32
    }
}

/// The path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file:` URI of a path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    Uri::from_str(url.as_str()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_code_units() {
        let text = "quote \"Children’s 🧒\" x\nnext";
        let t16 = Text::new(text, Encoding::Utf16);
        let t8 = Text::new(text, Encoding::Utf8);
        let x = text.find(" x").unwrap() as u32 + 1;
        // ’ is one UTF-16 unit (three bytes); the emoji two units (four bytes).
        assert_eq!(t16.position(x), Position::new(0, 22));
        assert_eq!(t8.position(x), Position::new(0, x));
        assert_eq!(t16.offset(Position::new(0, 22)), x);
        assert_eq!(t8.offset(Position::new(0, x)), x);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd";
        let t = Text::new(text, Encoding::Utf16);
        assert_eq!(t.offset(Position::new(0, 99)), 2);
        assert_eq!(t.offset(Position::new(9, 0)), 5);
        assert_eq!(t.position(99), Position::new(1, 2));
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let t = Text::new(text, encoding);
            assert_eq!(t.offset(Position::new(1, u32::MAX)), 5);
            assert_eq!(t.offset(Position::new(u32::MAX, u32::MAX)), 5);
        }
    }

    #[test]
    fn paths_and_uris_round_trip() {
        let path = Path::new("/tmp/a b/Children’s.regard");
        let uri = uri_of(path).unwrap();
        assert_eq!(path_of(&uri).unwrap(), path);
    }
}
