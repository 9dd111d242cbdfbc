//! What the built-in checks find wrong with a council, as typed values: a circle of
//! reporting lines, a joint post not declared back, superseded guidance, a departure
//! that cannot stand or excuses nothing, an assurance record from the future. The checks
//! record the facts; `crate::messages` words them. (A broken rule is a `Violation`,
//! worded by `rules/violation.rs`.)

use jiff::civil::Date;

use crate::base::{Name, SourceFile, Span};
use crate::hir::Period;

/// A finding of the built-in checks about one council; every finding is in the file of
/// the council it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CouncilFinding {
    /// E0202: reporting lines in a circle. Each post of the circle in order, from the
    /// first in file order, with its `reports_to` line naming the next (or its name).
    ReportingCycle { posts: Vec<(Name, Span)> },
    /// E0203: a joint post that the partner council does not declare back, or declares
    /// with other roles.
    NotDeclaredBack {
        post: Name,
        roles: Vec<Name>,
        council: Name,
        /// The partner's name in `shared with`.
        span: Span,
        partner: Name,
        partner_file: SourceFile,
        partner_span: Span,
        /// The partner's view of the joint post, if it has one: its name and roles.
        partner_view: Option<(Name, Vec<Name>)>,
    },
    /// W0204: a `follows` line naming guidance that `newer` replaces.
    Superseded { span: Span, guidance: Name, newer: Name },
    /// W0209: a `follows` line naming guidance not in force on the check date.
    NotInForce {
        span: Span,
        guidance: Name,
        in_force: Period,
        as_of: Date,
    },
    /// E0205: a departure from a statutory `must`.
    DepartsFromDuty {
        span: Span,
        rule: String,
        clause_file: SourceFile,
        clause: Span,
    },
    /// E0206: a departure whose reason is too short.
    UnclearReason {
        span: Span,
        rule: String,
        reason: Span,
        /// The fewest characters a reason has.
        least: usize,
    },
    /// W0207: a departure that matches no violation.
    ExcusesNothing {
        span: Span,
        rule: String,
        for_post: Option<Name>,
        /// The rule has a finding about the council itself, which a departure `for` a
        /// post does not cover.
        council_finding: bool,
    },
    /// W0208: an assurance record dated after the check date.
    FutureRecord {
        span: Span,
        record: Name,
        dated: Date,
        as_of: Date,
    },
}

impl CouncilFinding {
    /// The most posts of a reporting circle a finding marks: a report that marks
    /// thousands of lines helps no one.
    pub const SHOWN: usize = 12;
}
