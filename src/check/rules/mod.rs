//! Rule evaluation: the meaning of every clause form (design section 4.1), for one
//! council, and the diagnostics of the clauses it breaks.
//!
//! Nothing here knows any particular rule: the standard library's rules are data. A
//! violation points at the line that is wrong when there is one (a `reports_to` to the
//! wrong post), else at the post's or record's id, or at the council's id for
//! `exists`/`one`; the clause it breaks is a second label.

mod assurance;
mod explanation;
mod meaning;
mod violation;

use meaning::selects;

use jiff::Span as Period;
use jiff::civil::Date;

use super::Context;
use crate::diagnostics::Diagnostic;
use crate::hir::{Clause, Council, Guidance, Post, Record, Rule, Selector};
use crate::syntax::ast::{Duration, DurationUnit, Modality, Quantifier};

/// A post or an assurance record of the council, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Post(usize),
    Record(usize),
    /// The council itself (`should council ...`).
    Council,
}

/// A clause broken by the council, with its diagnostic.
pub struct Violation<'a> {
    pub guidance: &'a Guidance,
    pub rule: &'a Rule,
    pub clause: &'a Clause,
    pub subject: Option<Subject>,
    pub diagnostic: Diagnostic,
    /// The help without the suggestion to record a departure (for a departed violation).
    pub fix: Option<String>,
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

    fn subjects(&self) -> Vec<Subject> {
        match &self.clause.selector {
            Selector::Assurance => (0..self.council().records.len()).map(Subject::Record).collect(),
            Selector::Council => vec![Subject::Council],
            selector => (0..self.council().posts.len())
                .filter(|&i| selects(selector, self.post(i)))
                .map(Subject::Post)
                .collect(),
        }
    }

    fn run(&self, out: &mut Vec<Violation<'a>>) {
        let clause = self.clause;
        let subjects = self.subjects();
        let satisfies = |s: Subject| clause.condition.as_ref().is_none_or(|c| self.eval(c, s));
        // `when W` is `unless not (W)`: a subject outside W is exempt.
        let exempt = |s: Subject| {
            clause.when.as_ref().is_some_and(|w| !self.eval(w, s))
                || clause.unless.as_ref().is_some_and(|u| self.eval(u, s))
        };
        match (clause.quantifier, clause.negated) {
            (Quantifier::Each, false) => {
                let Some(cond) = &clause.condition else { return };
                for s in subjects {
                    if exempt(s) || self.eval(cond, s) || self.uncertain(cond, s) || self.exemption_uncertain(s) {
                        continue;
                    }
                    let why = self.why_false(cond, s);
                    out.push(self.violation(Some(s), why));
                }
            }
            (Quantifier::Each | Quantifier::Exists, true) => {
                for s in subjects {
                    if exempt(s) || self.exemption_uncertain(s) {
                        continue;
                    }
                    match &clause.condition {
                        None => out.push(self.violation(Some(s), self.held(s))),
                        Some(cond) => {
                            if self.eval(cond, s) && !self.uncertain(cond, s) {
                                let why = self.why_true(cond, s);
                                out.push(self.violation(Some(s), why));
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
                let matching: Vec<Subject> = subjects.into_iter().filter(|&s| satisfies(s)).collect();
                match matching.as_slice() {
                    [] if !self.none_uncertain() => out.push(self.none_violation()),
                    [] | [_] => {}
                    [first, extra @ ..] => {
                        for s in extra {
                            out.push(self.extra_violation(*first, *s));
                        }
                    }
                }
            }
            // `not one` is refused when lowering (E0301).
            (Quantifier::One, true) => {}
        }
    }
}

pub(crate) use crate::hir::describe::ticked;

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
