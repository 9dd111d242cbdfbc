//! The bottom layer, which every other layer may use and which uses none of them (in
//! the manner of rust-analyzer's `base_db`): positions (`span.rs`, pure data, which is
//! all the syntax layer takes from here) and the file handle (`file.rs`, a salsa input).

pub mod file;
pub mod span;

pub use file::{Contents, Origin, SourceFile};
pub use span::{MAX_FILE_SIZE, Name, Span};
