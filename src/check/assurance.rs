//! W0208: an assurance record dated after the check date.
//!
//! An assurance from the future is usually a typing mistake in the date; it also counts
//! as recent for `dated within`, so the mistake would otherwise hide a stale review.

use super::Context;
use crate::diagnostics::{Builtin, Diagnostic};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let council = ctx.council;
    for record in &council.records {
        let Some((date, span)) = record.dated else { continue };
        if date > ctx.as_of {
            let d = Diagnostic::builtin(
                Builtin::W0208,
                council.file,
                span,
                format!(
                    "assurance record `{}` is dated {date}, after the check date {}",
                    record.name, ctx.as_of
                ),
            )
            .with_help("correct the date; if it is right, check again on or after it (`--as-of`)");
            out.push(d);
        }
    }
}
