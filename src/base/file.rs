//! The file handle every later layer refers to: a salsa input holding a file's path as
//! shown, what reading it gave, and where it comes from.

/// Where a file comes from: the embedded standard library, or the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    Stdlib,
    User,
}

/// What reading a file gave.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Contents {
    Text(String),
    /// The file could not be read; the reason, for the diagnostic.
    Unreadable(String),
    /// The bytes are not UTF-8; where the first bad byte is, and the text with each bad
    /// byte replaced (for the `//~` annotations of a test file, which are ASCII; never
    /// checked).
    NotUtf8 {
        valid_up_to: usize,
        lossy: String,
    },
    /// The file is larger than the limit; its size.
    TooLarge(u64),
}

impl Contents {
    pub fn text(&self) -> &str {
        match self {
            Contents::Text(t) => t,
            _ => "",
        }
    }
}

#[salsa::input(debug)]
pub struct SourceFile {
    /// The path as shown to users: as given on the command line, or `<stdlib>/NAME.regard`.
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub contents: Contents,
    #[returns(copy)]
    pub origin: Origin,
}

impl SourceFile {
    pub fn text(self, db: &dyn salsa::Database) -> &str {
        self.contents(db).text()
    }
}
