//! The editor's formatting edits: the smallest whole-line edits from a file to its
//! formatted text, found in one pass in time linear in the text.

use crate::syntax::Span;

/// The smallest whole-line edits that turn `before` into `after`, each a span of
/// `before` and its replacement, in order: what an editor applies so that the lines
/// formatting leaves alone (and the cursor on them) stay put.
pub fn line_edits(before: &str, after: &str) -> Vec<(Span, String)> {
    let (old_lines, new_lines) = (lines_of(before), lines_of(after));
    let mut starts = Vec::with_capacity(old_lines.len() + 1);
    let mut offset = 0;
    for line in &old_lines {
        starts.push(offset);
        offset += line.len();
    }
    starts.push(offset);
    line_ops(&old_lines, &new_lines)
        .into_iter()
        .filter(|op| !matches!(op, similar::DiffOp::Equal { .. }))
        .map(|op| {
            let (old, new) = (op.old_range(), op.new_range());
            (Span::new(starts[old.start], starts[old.end]), new_lines[new].concat())
        })
        .collect()
}

/// A text's lines, each with its line break.
pub(super) fn lines_of(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// How `before`'s lines become `after`'s, where `after` is `before` formatted: in one
/// pass, in time linear in the text (a general diff takes time quadratic in the lines
/// changed, which for a large file no one wants to wait for).
///
/// The formatter keeps every line's words in order: it re-spaces lines, adds and removes
/// blank lines, and joins a statement that ran on over several lines. So lines are
/// paired by their words (the line without its spaces): a pair that differs only in
/// spacing is a changed line, a blank line on one side only is inserted or deleted, and
/// several lines whose words together make one line's are joined. Anything else (a
/// recounted `//~^` annotation) pairs the two lines as one changed line. Neighbouring
/// changes are merged, so the operations are what a unified diff shows.
pub(super) fn line_ops(old: &[&str], new: &[&str]) -> Vec<similar::DiffOp> {
    use similar::DiffOp;
    let same_words = |a: &str, b: &str| words(a).eq(words(b));
    let blank = |line: &str| words(line).next().is_none();
    // Runs of (old lines, new lines, whether they are equal).
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let run = if i == old.len() {
            (0, 1, false)
        } else if j == new.len() {
            (1, 0, false)
        } else if old[i] == new[j] {
            (1, 1, true)
        } else if same_words(old[i], new[j]) {
            (1, 1, false)
        } else if blank(old[i]) {
            (1, 0, false)
        } else if blank(new[j]) {
            (0, 1, false)
        } else if let Some(k) = joined(&old[i..], new[j]) {
            (k, 1, false)
        } else if let Some(k) = joined(&new[j..], old[i]) {
            (1, k, false)
        } else {
            (1, 1, false)
        };
        runs.push(run);
        (i, j) = (i + run.0, j + run.1);
    }
    let mut ops: Vec<DiffOp> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (di, dj, equal) in runs {
        let merged = match (ops.last_mut(), equal) {
            (Some(DiffOp::Equal { len, .. }), true) => {
                *len += 1;
                true
            }
            (Some(DiffOp::Replace { old_len, new_len, .. }), false) => {
                *old_len += di;
                *new_len += dj;
                true
            }
            _ => false,
        };
        if !merged {
            ops.push(match equal {
                true => DiffOp::Equal {
                    old_index: i,
                    new_index: j,
                    len: 1,
                },
                false => DiffOp::Replace {
                    old_index: i,
                    old_len: di,
                    new_index: j,
                    new_len: dj,
                },
            });
        }
        (i, j) = (i + di, j + dj);
    }
    // A change with nothing on one side is an insertion or a deletion.
    ops.into_iter()
        .map(|op| match op {
            DiffOp::Replace {
                old_index,
                old_len: 0,
                new_index,
                new_len,
            } => DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            },
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len: 0,
            } => DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            },
            op => op,
        })
        .collect()
}

/// A line's words: its characters other than spaces, tabs and line breaks.
fn words(line: &str) -> impl Iterator<Item = char> + '_ {
    line.chars().filter(|c| !c.is_whitespace())
}

/// How many of `lines`, from the first, make `whole` when their words are joined (at
/// least two); `None` if they do not. Looks at no more characters than `whole` has.
fn joined(lines: &[&str], whole: &str) -> Option<usize> {
    let mut wanted = words(whole).peekable();
    for (k, line) in lines.iter().enumerate() {
        for c in words(line) {
            if wanted.next() != Some(c) {
                return None;
            }
        }
        if wanted.peek().is_none() {
            return (k >= 1).then_some(k + 1);
        }
    }
    None
}
