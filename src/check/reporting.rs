//! E0202: reporting lines that go round in a circle.
//!
//! Every post reports up a chain that ends somewhere; a chain that returns to a post it
//! has passed (or a post that reports to itself) makes "who is accountable to whom"
//! meaningless. One diagnostic per cycle, on the `reports_to` line of the cycle's first
//! post in file order, with labels on the other posts' lines.

use super::Context;
use super::finding::CouncilFinding;
use crate::graph;
use crate::hir::Council;
use crate::syntax::Span;

/// The relation whose cycles are reported.
pub const REPORTING_RELATION: &str = "reports_to";

/// The posts `post` reports to, with the line that says so.
fn reports_to(council: &Council, post: usize) -> Vec<(usize, Span)> {
    council.posts[post].related_posts(REPORTING_RELATION).collect()
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<CouncilFinding>) {
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
        let posts = path
            .iter()
            .enumerate()
            .map(|(i, &p)| (council.posts[p].name.clone(), line(p, path[(i + 1) % path.len()])))
            .collect();
        out.push(CouncilFinding::ReportingCycle { posts });
    }
}
