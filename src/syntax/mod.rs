//! Text to syntax tree: the first phase of the pipeline.
//!
//! [`parse`] never fails: it returns the tree of everything that parsed *and* the syntax
//! errors of everything that did not, so later phases analyse the rest of the file. It
//! knows nothing of the database, the workspace or names; it is a pure function of one
//! file's text.

pub mod ast;
mod errors;
mod grammar;
mod keywords;
pub mod layout;
mod reader;

use crate::diagnostics::Builtin;

pub use errors::EXPLANATIONS;
pub use keywords::{KEYWORDS, is_keyword};

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

/// A name as written (of a role, a post, a rule...). Names are short, and up to 24 bytes
/// are kept inline, without an allocation of their own: a national check holds millions.
pub type Name = compact_str::CompactString;

/// Files larger than this are refused (E0003) before parsing.
pub const MAX_FILE_SIZE: usize = 16 * 1024 * 1024;

/// A byte range in a file, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// INVARIANT: files are at most [`MAX_FILE_SIZE`] bytes, so offsets fit in `u32`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The span from the start of `self` to the end of `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A syntax error (E0001) or a refused input (E0003), before it is placed in a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SyntaxError {
    pub code: Builtin,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
}

impl SyntaxError {
    pub fn too_large(size: u64) -> SyntaxError {
        SyntaxError {
            code: Builtin::E0003,
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
