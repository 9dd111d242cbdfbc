//! W0204: a council follows guidance that another edition in force replaces; W0209: a
//! council follows guidance that is not in force on the check date.
//!
//! Councils must have regard to the current guidance; following a superseded edition, or
//! one not yet (or no longer) in force, is allowed (its rules are still applied, so that
//! a council can get ready for an edition before it starts) but worth saying. One
//! finding for one fact: where W0204 is given for a name, W0209 is not.

use super::Context;
use super::finding::CouncilFinding;
use crate::hir::DefKind;

pub fn check(ctx: &Context<'_>, out: &mut Vec<CouncilFinding>) {
    let council = ctx.council;
    for followed in &council.follows {
        let Some(span) = followed.span else { continue };
        if let Some(newer) = ctx.defs.replaced_by(&followed.guidance, ctx.as_of) {
            out.push(CouncilFinding::Superseded {
                span,
                guidance: followed.guidance.clone(),
                newer: newer.name.clone(),
            });
            continue;
        }
        let Some(def) = ctx.defs.get_kind(&followed.guidance, DefKind::Guidance) else {
            continue;
        };
        if !def.in_force.contains(ctx.as_of) {
            out.push(CouncilFinding::NotInForce {
                span,
                guidance: followed.guidance.clone(),
                in_force: def.in_force,
                as_of: ctx.as_of,
            });
        }
    }
}
