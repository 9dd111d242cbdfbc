//! Rule evaluation: the meaning of every clause form (design section 4.1), for one
//! council, and the violations of the clauses it breaks.
//!
//! Nothing here knows any particular rule: the standard library's rules are data. A
//! violation points at the line that is wrong when there is one (a `reports_to` to the
//! wrong post), else at the post's or record's id, or at the council's id for
//! `exists`/`one`; the clause it breaks is a second label.

mod assurance;
mod explanation;
mod meaning;
mod violation;

use meaning::{Ask, Form, PostAt, RecordAt, TheCouncil, selects};
pub use meaning::{AssuranceReason, HeldFix, Latest, Reason, RecordReason};

use jiff::Span as Period;
use jiff::civil::Date;

use super::Context;
use crate::check::finding::{Breach, DepartHint};
use crate::diagnostics::{DepartureNote, Severity};
use crate::hir::{About, Clause, Conditions, Council, Guidance, Post, Record, Rule, Selector};
use crate::syntax::Span;
use crate::syntax::ast::{Duration, DurationUnit, Modality, Quantifier};

/// A post or an assurance record of the council, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Post(usize),
    Record(usize),
    /// The council itself (`should council ...`).
    Council,
}

/// A clause broken by the council: which rule and clause, what breaks it (worded by
/// `crate::messages`), how severe it is and whether a departure excuses it.
pub struct Violation<'a> {
    pub guidance: &'a Guidance,
    pub rule: &'a Rule,
    pub clause: &'a Clause,
    pub council: &'a Council,
    pub subject: Option<Subject>,
    /// From the guidance's status and the clause's modality; a note once departed from.
    pub severity: Severity,
    /// The line that is wrong, else the subject's or the council's name.
    pub span: Span,
    pub breach: Breach,
    /// How a departure would be recorded, when one can excuse the clause.
    pub depart: Option<DepartHint>,
    /// The council's departure that excuses it, if there is one.
    pub departure: Option<DepartureNote>,
}

/// The earliest date that is "within" `duration` of `as_of`. Months and years keep the
/// day and clamp it to the end of a shorter month (2025-03-31 minus one month is
/// 2025-02-28).
pub fn earliest_within(as_of: Date, duration: Duration) -> Date {
    let amount = i64::from(duration.amount);
    let period: Result<Period, _> = match duration.unit {
        DurationUnit::Days => Period::new().try_days(amount),
        DurationUnit::Months => Period::new().try_months(amount),
        DurationUnit::Years => Period::new().try_months(amount.saturating_mul(12)),
    };
    period.ok().and_then(|p| as_of.checked_sub(p).ok()).unwrap_or(Date::MIN)
}

/// Evaluates every clause of every rule the council follows.
pub fn evaluate<'a>(ctx: &Context<'a>) -> Vec<Violation<'a>> {
    let mut violations = Vec::new();
    for followed in &ctx.council.follows {
        let Some(guidance) = ctx.guidance.guidance(&followed.guidance) else {
            continue;
        };
        // A rule not in force on the check date is not evaluated (the guidance itself is
        // applied whatever its dates: W0209 says when it is not in force).
        for rule in guidance.rules.iter().filter(|r| r.in_force.contains(ctx.as_of)) {
            for clause in &rule.clauses {
                if clause.modality == Modality::May {
                    continue;
                }
                let eval = Evaluator {
                    ctx,
                    guidance,
                    rule,
                    clause,
                };
                eval.run(&mut violations);
            }
        }
    }
    violations
}

struct Evaluator<'c, 'a> {
    ctx: &'c Context<'a>,
    guidance: &'a Guidance,
    rule: &'a Rule,
    clause: &'a Clause,
}

impl<'c, 'a> Evaluator<'c, 'a> {
    fn council(&self) -> &'a Council {
        self.ctx.council
    }

    fn post(&self, i: usize) -> &'a Post {
        &self.council().posts[i]
    }

    fn record(&self, i: usize) -> &'a Record {
        &self.council().records[i]
    }

    fn run(&self, out: &mut Vec<Violation<'a>>) {
        if !self.in_scope() {
            return;
        }
        match &self.clause.about {
            About::Posts { selector, conditions } => {
                let posts = (0..self.council().posts.len()).filter(|&i| selects(selector, self.post(i)));
                self.run_over(conditions, posts.map(PostAt).collect(), out);
            }
            About::Records(conditions) => {
                let records = (0..self.council().records.len()).map(RecordAt);
                self.run_over(conditions, records.collect(), out);
            }
            About::Council(conditions) => self.run_over(conditions, vec![TheCouncil], out),
        }
    }

    /// Whether the clause applies to the council: it meets the clause's `when` and is not
    /// exempted by its `unless` (language-v3 3.3). A scope that rests on a line that did
    /// not resolve leaves the council alone, as an exemption does.
    fn in_scope(&self) -> bool {
        let scope = &self.clause.scope;
        let outside = scope.when.as_ref().is_some_and(|w| !self.holds(w, TheCouncil))
            || scope.unless.as_ref().is_some_and(|u| self.holds(u, TheCouncil));
        !outside
            && !scope
                .all()
                .any(|c| self.verdict(c, TheCouncil, Ask::AndUncertain).uncertain)
    }

    /// The clause's quantifier over `subjects`, each judged by its conditions.
    fn run_over<F: Form>(&self, conditions: &Conditions<F>, subjects: Vec<F::Of>, out: &mut Vec<Violation<'a>>) {
        let clause = self.clause;
        let satisfies = |s: F::Of| conditions.condition.as_ref().is_none_or(|c| self.holds(c, s));
        // `when W` is `unless not (W)`: a subject outside W is exempt; one whose exemption
        // rests on a line that did not resolve is left alone.
        let exemption = |s: F::Of| {
            let exempt = conditions.when.as_ref().is_some_and(|w| !self.holds(w, s))
                || conditions.unless.as_ref().is_some_and(|u| self.holds(u, s));
            exempt
                || conditions
                    .when
                    .iter()
                    .chain(&conditions.unless)
                    .any(|c| self.verdict(c, s, Ask::AndUncertain).uncertain)
        };
        match (clause.quantifier, clause.negated) {
            (Quantifier::Each, false) => {
                let Some(cond) = &conditions.condition else { return };
                for s in subjects {
                    if self.holds(cond, s) || self.verdict(cond, s, Ask::AndUncertain).uncertain || exemption(s) {
                        continue;
                    }
                    let why = self.why(cond, s, false);
                    out.push(self.violation(s.into(), why));
                }
            }
            (Quantifier::Each | Quantifier::Exists, true) => {
                for s in subjects {
                    if exemption(s) {
                        continue;
                    }
                    match &conditions.condition {
                        None => out.push(self.violation(s.into(), self.held(s.into()))),
                        Some(cond) => {
                            if self.holds(cond, s) && !self.verdict(cond, s, Ask::AndUncertain).uncertain {
                                let why = self.why(cond, s, true);
                                out.push(self.violation(s.into(), why));
                            }
                        }
                    }
                }
            }
            (Quantifier::Exists, false) => {
                let matching = subjects.iter().filter(|&&s| satisfies(s)).count();
                if matching == 0 && !self.none_uncertain() {
                    out.push(self.none_violation());
                }
            }
            (Quantifier::One, false) => {
                let matching: Vec<F::Of> = subjects.into_iter().filter(|&s| satisfies(s)).collect();
                match matching.as_slice() {
                    [] if !self.none_uncertain() => out.push(self.none_violation()),
                    [] | [_] => {}
                    [first, extra @ ..] => {
                        for s in extra {
                            out.push(self.extra_violation((*first).into(), (*s).into()));
                        }
                    }
                }
            }
            // `not one` is refused when lowering (E0301).
            (Quantifier::One, true) => {}
        }
    }

    /// Whether "no post matches" may be a cascade of a post or record that did not lower.
    fn none_uncertain(&self) -> bool {
        let council = self.council();
        match &self.clause.about {
            About::Records(_) => council.records_uncertain || council.records.iter().any(|r| r.incomplete),
            About::Posts {
                selector: Selector::Role(r),
                ..
            } => council.role_uncertain(r),
            About::Posts {
                selector: Selector::Combine { roles, .. },
                ..
            } => roles.iter().any(|r| council.role_uncertain(r)),
            About::Posts {
                selector: Selector::Post,
                ..
            } => council.posts_uncertain,
            About::Council(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Span;

    fn duration(amount: u32, unit: DurationUnit) -> Duration {
        Duration {
            amount,
            unit,
            span: Span::default(),
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_the_end_of_shorter_months() {
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        let months = |n| duration(n, DurationUnit::Months);
        assert_eq!(earliest_within(d(2025, 3, 31), months(1)), d(2025, 2, 28));
        assert_eq!(earliest_within(d(2024, 2, 29), months(12)), d(2023, 2, 28));
        let one_year = duration(1, DurationUnit::Years);
        assert_eq!(earliest_within(d(2024, 2, 29), one_year), d(2023, 2, 28));
        assert_eq!(earliest_within(d(2025, 6, 1), months(12)), d(2024, 6, 1));
        let one_day = duration(1, DurationUnit::Days);
        assert_eq!(earliest_within(d(2025, 3, 1), one_day), d(2025, 2, 28));
        let far = duration(100_000, DurationUnit::Years);
        assert_eq!(earliest_within(d(2025, 3, 1), far), Date::MIN);
    }
}
