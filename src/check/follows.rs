//! W0204: a council follows guidance that another edition replaces.
//!
//! Councils must have regard to the current guidance; following a superseded edition is
//! allowed (it is still checked) but almost always a mistake.

use super::Context;
use crate::diagnostics::{Builtin, Diagnostic};

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let council = ctx.council;
    for followed in &council.follows {
        let Some(span) = followed.span else { continue };
        let Some(newer) = ctx.defs.replaced_by(&followed.guidance) else {
            continue;
        };
        let d = Diagnostic::builtin(
            Builtin::W0204,
            council.file,
            span,
            format!("`{}` is replaced by `{}`", followed.guidance, newer.name),
        )
        .with_help(format!(
            "follow `{}` instead, or remove the `follows` line to follow the current guidance",
            newer.name
        ));
        out.push(d);
    }
}
