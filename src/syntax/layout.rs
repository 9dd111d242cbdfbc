//! The pass that runs before the grammar: limits and the layout of parentheses.
//!
//! The grammar is line-oriented, but the language lets a statement run onto further
//! lines while a `(` is open. Rather than teach every rule of the grammar about
//! newlines, this pass hands the grammar a copy of the text in which the newlines (and
//! comments) inside open parentheses are spaces. The copy has the same length, so every
//! byte offset the grammar produces is an offset into the user's text.
//!
//! The same linear scan enforces the nesting limit before any recursive code runs, and
//! finds the `(` left open when a line holding only `}` comes first: that statement is
//! one syntax error at its `(`, and the `}` closes the block as usual.

use std::borrow::Cow;

/// Brackets (`(` and `{` together) may nest this deep; one more is E0003.
pub const MAX_NESTING: usize = 256;

/// The text the grammar parses, and what the scan found on the way.
#[derive(Debug)]
pub struct Layout<'a> {
    /// The text with newlines and comments inside parentheses turned into spaces.
    pub text: Cow<'a, str>,
    /// Offsets of each `(` that was still open at a line holding only `}`.
    pub unclosed_parens: Vec<u32>,
}

/// Nesting went past [`MAX_NESTING`] at this byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: u32,
}

pub fn prepare(text: &str) -> Result<Layout<'_>, TooDeep> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    // A byte order mark is three bytes of nothing: spaces keep the offsets.
    if bytes.starts_with("\u{FEFF}".as_bytes()) {
        out.get_or_insert_with(|| bytes.to_vec())[..3].fill(b' ');
    }
    let mut depth = 0usize;
    let mut open_parens: Vec<usize> = Vec::new();
    let mut unclosed_parens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = line_end(bytes, i);
                if !open_parens.is_empty() {
                    let out = out.get_or_insert_with(|| bytes.to_vec());
                    out[i..end].fill(b' ');
                }
                i = end;
            }
            b @ (b'(' | b'{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(TooDeep { offset: i as u32 });
                }
                if b == b'(' {
                    open_parens.push(i);
                }
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                open_parens.pop();
                i += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'\n' | b'\r' if !open_parens.is_empty() => {
                let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                if line_holds_only_close_brace(bytes, next) {
                    // The statement ends here, unbalanced: the grammar reports it as a bad
                    // line, and the `}` closes the block.
                    unclosed_parens.push(open_parens[0] as u32);
                    depth = depth.saturating_sub(open_parens.len());
                    open_parens.clear();
                } else {
                    let out = out.get_or_insert_with(|| bytes.to_vec());
                    out[i..next].fill(b' ');
                }
                i = next;
            }
            _ => i += 1,
        }
    }
    let text = match out {
        // INVARIANT: only whole comments and ASCII newlines were replaced, by ASCII
        // spaces, so the bytes are still UTF-8.
        Some(bytes) => {
            Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
        None => Cow::Borrowed(text),
    };
    Ok(Layout { text, unclosed_parens })
}

/// Skips a string literal that starts at `start`; strings end at their closing quote or
/// at the end of the line.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => return i,
            b'\\' => {
                i += 1;
                if matches!(bytes.get(i), Some(b'\n' | b'\r') | None) {
                    return i;
                }
                i += 1;
            }
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| from + p)
}

/// Whether the line starting at `start` holds only `}` (with spaces and a comment).
fn line_holds_only_close_brace(bytes: &[u8], start: usize) -> bool {
    let end = line_end(bytes, start);
    let line = &bytes[start..end];
    let mut rest = line.iter().skip_while(|b| matches!(b, b' ' | b'\t'));
    if rest.next() != Some(&b'}') {
        return false;
    }
    let rest: Vec<u8> = rest.copied().skip_while(|b| matches!(b, b' ' | b'\t')).collect();
    rest.is_empty() || rest.starts_with(b"//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_inside_parentheses_become_spaces() {
        let text = "a (b // c\n or d)\ne\n";
        let layout = prepare(text).unwrap();
        assert_eq!(layout.text, "a (b       or d)\ne\n");
        assert_eq!(layout.text.len(), text.len());
        assert!(layout.unclosed_parens.is_empty());
    }

    #[test]
    fn a_byte_order_mark_becomes_spaces() {
        let layout = prepare("\u{FEFF}role A").unwrap();
        assert_eq!(layout.text, "   role A");
    }

    #[test]
    fn text_without_open_parentheses_is_borrowed() {
        let layout = prepare("role A \"(\" // (\nrole B\n").unwrap();
        assert!(matches!(layout.text, Cow::Borrowed(_)));
    }

    #[test]
    fn a_close_brace_line_ends_an_open_parenthesis() {
        let text = "x {\n  should A r (B or\n    C\n}\n";
        let layout = prepare(text).unwrap();
        assert_eq!(layout.unclosed_parens, vec![text.find('(').unwrap() as u32]);
        assert!(layout.text.ends_with("C\n}\n"));
    }

    #[test]
    fn nesting_past_the_limit_is_refused_at_the_bracket() {
        let text = format!("x {}", "(".repeat(MAX_NESTING + 5));
        let err = prepare(&text).unwrap_err();
        assert_eq!(err.offset as usize, 2 + MAX_NESTING);
        let ok = format!("{}{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(prepare(&ok).is_ok());
    }
}
