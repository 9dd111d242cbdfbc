//! Byte offsets to protocol positions and back, in the negotiated encoding (UTF-8 or
//! UTF-16 code units), and paths to URIs and back.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::diagnostics::lines::{Lines, Unit};
use crate::syntax::Span;

/// How the client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A text and its line starts: the same line index as every other output, so that a
/// finding is on the same line in the editor as in the terminal.
pub struct Text<'a> {
    lines: Lines<'a>,
    unit: Unit,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Text<'a> {
        Text {
            lines: Lines::new(text),
            unit: match encoding {
                Encoding::Utf8 => Unit::Utf8,
                Encoding::Utf16 => Unit::Utf16,
            },
        }
    }

    pub fn position(&self, offset: u32) -> Position {
        let (line, character) = self.lines.line_col(offset as usize, self.unit);
        Position::new(line, character)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; a position past the end of its line or of the
    /// text is clamped to that end.
    pub fn offset(&self, position: Position) -> u32 {
        self.lines.offset(position.line, position.character, self.unit) as u32
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
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a\rb\r\nc";
        let t = Text::new(text, Encoding::Utf16);
        assert_eq!(t.position(2), Position::new(1, 0));
        assert_eq!(t.position(5), Position::new(2, 0));
        assert_eq!(t.offset(Position::new(1, 9)), 3);
    }

    #[test]
    fn paths_and_uris_round_trip() {
        let path = Path::new("/tmp/a b/Children’s.regard");
        let uri = uri_of(path).unwrap();
        assert_eq!(path_of(&uri).unwrap(), path);
    }
}
