//! The words of a file that cannot be read as text (E0002): the file system's reason, or
//! where the bytes stop being UTF-8.

use crate::base::{Contents, SourceFile};
use crate::diagnostics::{Builtin, Diagnostic};
use crate::syntax::Span;

/// E0002 for a file whose contents are not text; `None` for text (and for a file too
/// large, which is a syntax error of its own).
pub(super) fn diagnostic(file: SourceFile, contents: &Contents) -> Option<Diagnostic> {
    match contents {
        Contents::Text(_) | Contents::TooLarge(_) => None,
        Contents::Unreadable(reason) => Some(Diagnostic::builtin(
            Builtin::E0002,
            file,
            Span::default(),
            format!("cannot read this file: {reason}"),
        )),
        Contents::NotUtf8 { valid_up_to, .. } => Some(
            Diagnostic::builtin(
                Builtin::E0002,
                file,
                Span::default(),
                format!("this file is not UTF-8 text (the byte at offset {valid_up_to} is not valid UTF-8)"),
            )
            .with_help("save the file as UTF-8"),
        ),
    }
}
