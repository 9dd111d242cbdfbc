//! The checker: everything that is wrong with a council once its names resolve.
//!
//! One module per family of checks: rule evaluation ([`rules`]), reporting cycles
//! ([`reporting`]), shared posts ([`shared`]), superseded guidance ([`follows`]),
//! departures ([`departures`]) and assurance dates ([`assurance`]). Each takes the
//! council in the resolved model and returns diagnostics; none reads files or the clock
//! (the check date comes in [`Context`]).

pub mod assurance;
pub mod departures;
pub mod follows;
pub mod reporting;
pub mod rules;
pub mod shared;

use jiff::civil::Date;

use crate::diagnostics::Diagnostic;
use crate::hir::lower::GuidanceLookup;
use crate::hir::{Council, DefMap};

/// Finds a council of the workspace by name (for shared posts).
pub trait CouncilLookup {
    fn council(&self, name: &str) -> Option<&Council>;
}

/// What checking a council reads besides the council.
pub struct Context<'a> {
    pub council: &'a Council,
    /// The text of the council's file, for fixes.
    pub text: &'a str,
    pub as_of: Date,
    pub defs: &'a DefMap,
    pub guidance: &'a dyn GuidanceLookup,
    pub councils: &'a dyn CouncilLookup,
}

/// Every diagnostic of one council.
pub fn check_council(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    reporting::check(ctx, &mut out);
    shared::check(ctx, &mut out);
    follows::check(ctx, &mut out);
    assurance::check(ctx, &mut out);
    let mut violations = rules::evaluate(ctx);
    departures::check(ctx, &mut violations, &mut out);
    out.extend(violations.into_iter().map(|v| v.diagnostic));
    for d in &mut out {
        d.council.get_or_insert_with(|| ctx.council.name.to_string());
    }
    out
}
