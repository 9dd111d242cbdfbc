//! Positions in a file: byte spans, names and the file size limit that keeps every
//! offset in a `u32`. Pure data, with no database and no diagnostics, so that the
//! syntax layer can use it.

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
