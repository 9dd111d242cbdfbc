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

pub const EXPLANATIONS: &[crate::diagnostics::Explanation] = &[crate::diagnostics::Explanation {
    code: Builtin::W0208,
    title: "an assurance record from the future",
    meaning: "An assurance record's `dated` line is later than the date of the check (`--as-of`, or today).",
    why: "An assurance cannot have been carried out yet; the date is almost always a typing mistake. It also counts as recent for `dated within`, so it would hide an assurance that is out of date.",
    failing: crate::diagnostics::Example::text(
        "council ashford \"Ashford Council\" {\n  officer director \"Director of People\" {\n    holds DCS, DASS\n  }\n\n  assurance people_review \"Local test of assurance\" {\n    covers director\n    dated 2099-03-14\n  }\n}\n",
    ),
    passing: crate::diagnostics::Example::text(
        "council ashford \"Ashford Council\" {\n  officer director \"Director of People\" {\n    holds DCS, DASS\n  }\n\n  assurance people_review \"Local test of assurance\" {\n    covers director\n    dated 2025-03-14\n  }\n}\n",
    ),
    fix: "Correct the date. If it is right (a review planned ahead), record it once it has happened, or check with `--as-of` on or after that date.",
}];
