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

pub const EXPLANATIONS: &[crate::diagnostics::Explanation] = &[crate::diagnostics::Explanation {
    code: Builtin::W0204,
    title: "following superseded guidance",
    meaning: "A council's `follows` line names a guidance that a newer guidance `replaces`. The council is still checked against it.",
    why: "Councils must have regard to the current guidance: the 2013 edition replaced those of 2005 and 2009 (para 2). Following a superseded edition is usually left over from an old declaration.",
    failing: crate::diagnostics::Example::text(
        "guidance protocol_2024 \"Local protocol, 2024\" {\n  status advisory\n}\n\nguidance protocol_2025 \"Local protocol, 2025\" {\n  status advisory\n  replaces protocol_2024\n}\n\ncouncil ashford \"Ashford Council\" {\n  follows protocol_2024\n}\n",
    ),
    passing: crate::diagnostics::Example::text(
        "guidance protocol_2024 \"Local protocol, 2024\" {\n  status advisory\n}\n\nguidance protocol_2025 \"Local protocol, 2025\" {\n  status advisory\n  replaces protocol_2024\n}\n\ncouncil ashford \"Ashford Council\" {\n  follows protocol_2025\n}\n",
    ),
    fix: "Follow the newer guidance, or remove the `follows` line: a council without one follows every guidance that no other replaces.",
}];
