//! The unified diff `regard fmt --check` prints for a file it would change, with every
//! character unsafe in a terminal escaped.

use super::edits::{line_ops, lines_of};

/// A unified diff from `before` to `after`, both headed by `path`, with three lines of
/// context: what `regard fmt --check` prints for a file it would change.
pub fn diff(path: &str, before: &str, after: &str) -> String {
    use std::fmt::Write;
    let (old, new) = (lines_of(before), lines_of(after));
    let ops = line_ops(&old, &new);
    let mut out = String::new();
    let path = crate::diagnostics::escape::for_terminal(path);
    let _ = write!(out, "--- {path}\n+++ {path}\n");
    // A line is shown with its characters unsafe in a terminal escaped, and so is a
    // carriage return inside it (which would send the cursor back over the line).
    let line = |out: &mut String, sign: char, text: &str| {
        let body = text.strip_suffix('\n').unwrap_or(text);
        let (body, crlf) = match body.strip_suffix('\r') {
            Some(body) if text.ends_with('\n') => (body, "\r"),
            _ => (body, ""),
        };
        let shown = crate::diagnostics::escape::for_terminal(body).replace('\r', "\\u{d}");
        let _ = writeln!(out, "{sign}{shown}{crlf}");
        if !text.ends_with('\n') {
            out.push_str("\\ No newline at end of file\n");
        }
    };
    for group in similar::group_diff_ops(ops, 3) {
        let _ = writeln!(out, "{}", similar::udiff::UnifiedHunkHeader::new(&group));
        for op in &group {
            for change in op.iter_changes(&old, &new) {
                let sign = match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                };
                line(&mut out, sign, change.value());
            }
        }
    }
    out
}
