//! The checker: everything that is wrong with a council once its names resolve.
//!
//! One module per family of checks: rule evaluation ([`rules`]), reporting cycles
//! ([`reporting`]), shared posts ([`shared`]), superseded guidance ([`follows`]),
//! departures ([`departures`]) and assurance dates ([`assurance`]). Each takes the
//! council in the resolved model and returns typed findings (`finding.rs`), or, for
//! rules, violations; none reads files or the clock (the check date comes in
//! [`Context`]).

pub mod assurance;
pub mod departures;
pub mod finding;
pub mod follows;
pub mod reporting;
pub mod rules;
pub mod shared;

use jiff::civil::Date;

use crate::hir::lower::GuidanceLookup;
use crate::hir::{Council, DefMap};
use finding::CouncilFinding;

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

/// What checking one council found: the findings of the built-in checks and the
/// violations of the rules it breaks, both worded by `crate::messages`.
pub struct Checked<'a> {
    pub findings: Vec<CouncilFinding>,
    pub violations: Vec<rules::Violation<'a>>,
}

/// Checks one council.
pub fn check_council<'a>(ctx: &Context<'a>) -> Checked<'a> {
    let mut findings = Vec::new();
    reporting::check(ctx, &mut findings);
    shared::check(ctx, &mut findings);
    follows::check(ctx, &mut findings);
    assurance::check(ctx, &mut findings);
    let mut violations = rules::evaluate(ctx);
    departures::check(ctx, &mut violations, &mut findings);
    Checked { findings, violations }
}
