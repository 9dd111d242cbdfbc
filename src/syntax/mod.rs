//! Text to syntax tree: the first phase of the pipeline.
//!
//! [`parse`] never fails: it returns the tree of everything that parsed *and* the syntax
//! errors of everything that did not, so later phases analyse the rest of the file. It
//! knows nothing of the database, the workspace or names; it is a pure function of one
//! file's text.

pub mod ast;
mod errors;
mod grammar;
pub mod layout;
mod reader;

pub use errors::Context as Block;
pub use grammar::{KEYWORDS, is_keyword};

/// Whether `word` can name something: `[A-Za-z_][A-Za-z0-9_]*`, not a keyword and not a
/// lone `_`.
pub fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && word != "_"
        && !is_keyword(word)
}
pub use grammar::STACK_RED_ZONE;

pub use crate::base::{MAX_FILE_SIZE, Name, Span};

/// What kind of syntax error: the database layer gives each its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// Text that is not a statement of the language (E0001).
    Invalid,
    /// Input over a limit: too large, or nested too deep (E0003).
    OverLimit,
}

/// A syntax error, or a refused input, before it is placed in a file. This is the
/// syntax layer's own error type: it knows no diagnostic codes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
}

impl SyntaxError {
    pub fn too_large(size: u64) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::OverLimit,
            span: Span::default(),
            // A stream (a FIFO, a device) is read only one byte past the limit, so
            // that is all that can be said of its size.
            message: match size > MAX_FILE_SIZE as u64 + 1 {
                true => format!("this file is {size} bytes, over the limit of {MAX_FILE_SIZE} bytes (16 MiB)"),
                false => format!("this file is larger than the limit of {MAX_FILE_SIZE} bytes (16 MiB)"),
            },
            help: Some("split the declarations into several files".into()),
            note: None,
        }
    }
}

/// The result of parsing one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Parse {
    pub file: ast::File,
    pub errors: Vec<SyntaxError>,
}

/// Parses one file. Never panics, whatever the text.
///
/// A well-formed file is read by a hand-written fast path; anything else (and anything
/// the fast path is unsure of) goes to the grammar, which reports what is wrong. The
/// result is the same either way.
pub fn parse(text: &str) -> Parse {
    grammar::parse_file(text, true)
}

/// The fast path alone: its result, or `None` where it leaves the file to the grammar.
/// For tests and benchmarks.
pub fn parse_fast(text: &str) -> Option<Parse> {
    let layout = layout::prepare(text).ok()?;
    if text.len() > MAX_FILE_SIZE || !layout.unclosed_parens.is_empty() {
        return None;
    }
    stacker::maybe_grow(STACK_RED_ZONE, 32 << 20, || reader::parse(text, &layout.text))
}

/// Parses one file with the grammar alone, never the fast path: the reference that tests
/// and the fuzz target compare [`parse`] with.
pub fn parse_with_grammar(text: &str) -> Parse {
    grammar::parse_file(text, false)
}

/// The `///` doc comment on the lines directly above `offset`, without the slashes.
pub fn doc_comment_before(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let mut lines = Vec::new();
    let mut rest = &before[..line_start];
    loop {
        let trimmed = rest.trim_end_matches(['\n', '\r']);
        if trimmed.len() == rest.len() {
            break;
        }
        let start = trimmed.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line = trimmed[start..].trim_start();
        match line.strip_prefix("///") {
            Some(doc) if !doc.starts_with('/') => {
                lines.push(doc.strip_prefix(' ').unwrap_or(doc).trim_end().to_string())
            }
            _ => break,
        }
        rest = &trimmed[..start];
    }
    if lines.is_empty() {
        return None;
    }
    lines.reverse();
    Some(lines.join("\n"))
}
