//! The organisation chart: a council's reporting lines as a tree, drawn as SVG (for the
//! HTML report and `regard graph`) or written as Graphviz DOT.
//!
//! The layout is a tidy tree in the style of an organisation chart, of our own: general
//! graph layout crates (layered, Sugiyama-style) put every post reporting to the same
//! manager on one row, which for a Chief Executive with twenty reports makes a chart
//! thousands of pixels wide. Here a manager's reports who manage nobody are stacked in a
//! column under it, and only those who manage others spread sideways, so a council of 60
//! posts stays a few screens wide at most. Each post's first `reports_to` line makes the
//! tree; further lines, and a line that closes a circle, are drawn dashed. Nothing here
//! recurses: a chain of 10,000 posts is laid out in linear time.

use std::fmt::Write;

use std::collections::HashMap;

use super::PostEntry;

/// The width of a post's box; its height grows with the lines its text wraps to.
pub const BOX_W: i64 = 240;
/// The height of a box of one line, and of each further line.
const PAD: i64 = 10;
const LINE_H: i64 = 16;
const H_GAP: i64 = 28;
const V_GAP: i64 = 44;
const STACK_GAP: i64 = 14;
const STACK_INDENT: i64 = 26;
const MARGIN: i64 = 16;

mod dot;
mod layout;
mod svg;

pub use dot::dot;
pub use layout::layout;
use layout::layout_with;
pub use svg::{Part, parts, svg};

/// Text for XML and HTML: markup escaped, characters XML forbids replaced.
pub use crate::diagnostics::escape::xml as escape;

/// Charts wider than this are split by directorate for print: scaled to an A4 page, a
/// wider one would set its text below a legible size.
pub const SPLIT_WIDTH: i64 = 1200;

/// Where each post is drawn, and the lines between them.
pub struct Layout {
    /// The top-left corner of each post's box, in the order of the posts.
    pub boxes: Vec<(i64, i64)>,
    /// The height of each post's box.
    pub heights: Vec<i64>,
    /// Each post's manager in the tree (its first `reports_to` line, unless that closes
    /// a circle).
    pub parent: Vec<Option<usize>>,
    pub edges: Vec<Edge>,
    pub width: i64,
    pub height: i64,
}

pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Part of the tree (the post's first `reports_to` line), or drawn dashed.
    pub tree: bool,
    /// For a report stacked under its manager, the x of the line down the stack's side.
    pub trunk: Option<i64>,
}

/// A line of text in a post's box, with its class.
struct Line {
    class: &'static str,
    text: String,
}

/// What a post's box says, wrapped to its width: the title in full, the holder, the roles
/// by their titles (and whether the post is vacant), the partner councils, and the
/// numbers of the findings about it; then `note` (where its team continues, in a chart
/// split for print).
fn lines_of(post: &PostEntry, note: Option<&str>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut add = |class: &'static str, text: &str, width: usize| {
        lines.extend(wrap(text, width).into_iter().map(|text| Line { class, text }));
    };
    add("title", post.label(), 28);
    if let Some(holder) = &post.holder {
        add("holder", holder, 34);
    }
    let mut roles = post.roles_shown.join(" · ");
    if post.vacant {
        roles = match roles.is_empty() {
            true => "Vacant".into(),
            false => format!("{roles} · vacant"),
        };
    }
    if !roles.is_empty() {
        add(if post.is_combined() { "roles combined" } else { "roles" }, &roles, 30);
    }
    if !post.shared_with.is_empty() {
        let partners: Vec<&str> = post.shared_with.iter().map(|p| p.label()).collect();
        add("shared", &format!("Shared with {}", partners.join(", ")), 34);
    }
    if !post.findings.is_empty() {
        add("codes", &format!("⚠ {}", numbers("finding", &post.findings)), 32);
    }
    if !post.departed.is_empty() {
        add(
            "departed",
            &format!("Departed: {}", numbers("finding", &post.departed)),
            34,
        );
    }
    if let Some(note) = note {
        add("note", note, 34);
    }
    lines
}

/// "finding 3", "findings 2, 4".
pub fn numbers(word: &str, numbers: &[usize]) -> String {
    let list: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    match numbers.len() {
        1 => format!("{word} {}", list[0]),
        _ => format!("{word}s {}", list.join(", ")),
    }
}

fn box_height(lines: &[Line]) -> i64 {
    2 * PAD + LINE_H * (lines.len().max(1) as i64)
}

/// `text` in lines of at most about `width` characters, broken between words (a word
/// longer than a line is broken where it must be). Nothing is left out.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let room = width.saturating_sub(line.chars().count() + usize::from(!line.is_empty()));
            if word.chars().count() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
