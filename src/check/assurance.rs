//! W0208: an assurance record dated after the check date.
//!
//! An assurance from the future is usually a typing mistake in the date; it also counts
//! as recent for `dated within`, so the mistake would otherwise hide a stale review.

use super::Context;
use super::finding::CouncilFinding;

pub fn check(ctx: &Context<'_>, out: &mut Vec<CouncilFinding>) {
    let council = ctx.council;
    for record in &council.records {
        let Some((date, span)) = record.dated else { continue };
        if date > ctx.as_of {
            out.push(CouncilFinding::FutureRecord {
                span,
                record: record.name.clone(),
                dated: date,
                as_of: ctx.as_of,
                own: council.own_as_of.is_some_and(|(d, _)| d == ctx.as_of),
            });
        }
    }
}
