//! W0204: a council follows guidance that another edition replaces.
//!
//! Councils must have regard to the current guidance; following a superseded edition is
//! allowed (it is still checked) but almost always a mistake.

use super::Context;
use super::finding::CouncilFinding;

pub fn check(ctx: &Context<'_>, out: &mut Vec<CouncilFinding>) {
    let council = ctx.council;
    for followed in &council.follows {
        let Some(span) = followed.span else { continue };
        let Some(newer) = ctx.defs.replaced_by(&followed.guidance) else {
            continue;
        };
        out.push(CouncilFinding::Superseded {
            span,
            guidance: followed.guidance.clone(),
            newer: newer.name.clone(),
        });
    }
}
