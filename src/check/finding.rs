//! What the built-in checks find wrong with a council, as typed values: a circle of
//! reporting lines, a joint post not declared back, superseded guidance, a departure
//! that cannot stand or excuses nothing, an assurance record from the future. The checks
//! record the facts; `crate::messages` words them. A broken rule is a `rules::Violation`
//! whose [`Breach`] says what breaks it and why (a `rules::Reason`), worded there too.

use jiff::civil::Date;

use crate::base::{Name, SourceFile, Span};
use crate::diagnostics::Edit;
use crate::hir::Period;

use super::rules::Reason;

/// A finding of the built-in checks about one council; every finding is in the file of
/// the council it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CouncilFinding {
    /// E0202: reporting lines in a circle. Each post of the circle in order, from the
    /// first in file order, with its `reports_to` line naming the next (or its name).
    ReportingCycle { posts: Vec<(Name, Span)> },
    /// E0203: a joint post that the partner council does not declare back, or whose
    /// partner's view holds no role in common with it; formerly: or declares
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
        /// The partner declares several posts shared back, none of this post's id.
        several: bool,
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
        /// The rule states a fact of law (guidance of `status law`), which no council
        /// may depart from, broken or not.
        law: bool,
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
        /// The rule is in no guidance the council follows on this date (language-v3
        /// 3.9).
        unfollowed: Option<Date>,
    },
    /// W0208: an assurance record dated after the check date.
    FutureRecord {
        span: Span,
        record: Name,
        dated: Date,
        as_of: Date,
        /// The council is checked as of its own `as_of`, not the command's date.
        own: bool,
    },
}

impl CouncilFinding {
    /// The most posts of a reporting circle a finding marks: a report that marks
    /// thousands of lines helps no one.
    pub const SHOWN: usize = 12;
}

/// What in a council breaks a clause of a rule, as facts: the subject and why it fails
/// (or meets what the clause rules out), the subject missing where one is required, or
/// one subject too many. `crate::messages` words it; the violation that carries it
/// (`rules::Violation`) says which rule, clause and council.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Breach {
    /// A post, record or the council that fails the clause, or meets what it rules out.
    Subject {
        subject: SubjectWords,
        reason: Reason,
        /// The edits that carry out the reason's fix, when they are mechanical.
        edits: Vec<Edit>,
    },
    /// No subject where `exists` or `one` requires one; `vacant` names the vacant posts
    /// that would otherwise count.
    Missing { wanted: Wanted, vacant: Vec<Name> },
    /// An assurance record beyond the one a `one` clause allows.
    ExtraRecord { extra: Name, first: Name, first_span: Span },
    /// A post beyond the one a `one` clause allows, holding `roles` as `first` does.
    ExtraPost {
        extra: Name,
        first: Name,
        roles: Vec<Name>,
        /// `first`'s `holds` line, if it has one.
        first_span: Option<Span>,
    },
}

/// Who or what a finding is about, as its message names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubjectWords {
    /// A post, with the roles the clause selects it by (none for a post named alone).
    Post {
        post: Name,
        roles: Vec<Name>,
    },
    Record(Name),
    Council(Name),
}

/// What an `exists` or `one` clause looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    pub kind: WantedKind,
    /// The clause's condition as written, if it has one.
    pub condition: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WantedKind {
    /// A post that holds the role.
    Role(Name),
    /// Any post (`exists post ...`).
    Post,
    /// A post that holds the roles, `with_other` another role besides.
    Combine {
        roles: Vec<Name>,
        with_other: bool,
    },
    Record,
    Council,
}

/// How a council would record a departure from the rule a violation breaks, when one
/// can excuse it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepartHint {
    /// The rule as a `depart` line writes it (qualified where the short name is
    /// ambiguous).
    pub rule: String,
    /// The post the departure is `for`, if the violation is about a post.
    pub for_post: Option<Name>,
    /// The edit that adds the `depart` line, and the cursor inside its empty reason.
    pub edit: Option<(Edit, u32)>,
}
