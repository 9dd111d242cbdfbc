//! E0202: reporting lines that go round in a circle.
//!
//! Every post reports up a chain that ends somewhere; a chain that returns to a post it
//! has passed (or a post that reports to itself) makes "who is accountable to whom"
//! meaningless. One diagnostic per cycle, on the `reports_to` line of the cycle's first
//! post in file order, with labels on the other posts' lines.

use super::Context;
use crate::diagnostics::{Builtin, Diagnostic};
use crate::graph;
use crate::hir::Council;
use crate::syntax::Span;

/// The relation whose cycles are reported.
pub const REPORTING_RELATION: &str = "reports_to";

/// The posts `post` reports to, with the line that says so.
fn reports_to(council: &Council, post: usize) -> Vec<(usize, Span)> {
    council.posts[post].related_posts(REPORTING_RELATION).collect()
}

/// A circle longer than this is shown by its first lines only: a report that marks
/// thousands of lines helps no one.
const SHOWN: usize = 12;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let council = ctx.council;
    let successors = |p: usize| reports_to(council, p).into_iter().map(|(q, _)| q).collect::<Vec<_>>();
    for cycle in graph::cycles(council.posts.len(), &successors) {
        let first = cycle[0];
        let path = graph::cycle_through(first, &cycle, &successors);
        let line = |from: usize, to: usize| {
            reports_to(council, from)
                .into_iter()
                .find(|(q, _)| *q == to)
                .map(|(_, span)| span)
                .unwrap_or(council.posts[from].name_span)
        };
        let next = |i: usize| path[(i + 1) % path.len()];
        let name = |p: usize| format!("`{}`", council.posts[p].name);
        let message = if path.len() == 1 {
            format!("{} reports to itself", name(first))
        } else if path.len() <= SHOWN {
            let chain: Vec<String> = path.iter().chain([&first]).map(|&p| name(p)).collect();
            format!("reporting lines go round in a circle: {}", chain.join(" → "))
        } else {
            let chain: Vec<String> = path.iter().take(SHOWN).map(|&p| name(p)).collect();
            format!(
                "reporting lines go round in a circle of {} posts: {} → … → {}",
                path.len(),
                chain.join(" → "),
                name(first)
            )
        };
        let mut d = Diagnostic::builtin(Builtin::E0202, council.file, line(first, next(0)), message);
        for (i, &p) in path.iter().enumerate().skip(1).take(SHOWN - 1) {
            d = d.with_label(
                council.file,
                line(p, next(i)),
                format!("{} reports to {}", name(p), name(next(i))),
            );
        }
        if path.len() > SHOWN {
            d = d.with_note(format!(
                "the circle has {} `reports_to` lines; the first {SHOWN} are marked",
                path.len()
            ));
        }
        d.help = Some(if path.len() == 1 {
            format!("make {} report to the post above it", name(first))
        } else {
            "one of these posts must report to a post outside the circle; correct its `reports_to` line".into()
        });
        out.push(d);
    }
}
