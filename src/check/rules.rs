//! Rule evaluation: the meaning of every clause form (design section 4.1), for one
//! council, and the diagnostics of the clauses it breaks.
//!
//! Nothing here knows any particular rule: the standard library's rules are data. A
//! violation points at the line that is wrong when there is one (a `reports_to` to the
//! wrong post), else at the post's or record's id, or at the council's id for
//! `exists`/`one`; the clause it breaks is a second label.

use jiff::Span as Period;
use jiff::civil::Date;

use super::Context;
use crate::diagnostics::{Code, Diagnostic, Edit, Fix, Severity};
use crate::hir::{Clause, Cond, Council, Flag, Guidance, Post, Record, Rule, Selector, Target, TargetRef};
use crate::syntax::ast::{Duration, DurationUnit, Modality, PostKind, Quantifier, Status, TargetKind, TargetMode};
use crate::syntax::{Name, Span};

/// A post or an assurance record of the council, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Post(usize),
    Record(usize),
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
        for rule in &guidance.rules {
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

/// Why a condition has the value it has, for a message.
struct Why {
    text: String,
    /// The line that makes it so, if there is one.
    span: Option<Span>,
    fix: Option<String>,
    /// The edits that carry out `fix`, when they are mechanical.
    edits: Vec<Edit>,
}

impl Why {
    fn new(text: String, span: Option<Span>, fix: Option<String>) -> Why {
        Why {
            text,
            span,
            fix,
            edits: Vec::new(),
        }
    }

    fn with_edits(mut self, edits: impl IntoIterator<Item = Edit>) -> Why {
        self.edits.extend(edits);
        self
    }
}

/// Inserts `, names` at the end of a list line.
fn append(line: Span, names: &str) -> Edit {
    Edit {
        span: Span::new(line.end as usize, line.end as usize),
        text: format!(", {names}"),
    }
}

fn ticked<S: AsRef<str>>(names: &[S], joiner: &str) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {joiner} {last}", init.join(", ")),
    }
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
        let exempt = |s: Subject| clause.unless.as_ref().is_some_and(|u| self.eval(u, s));
        match (clause.quantifier, clause.negated) {
            (Quantifier::Each, false) => {
                let Some(cond) = &clause.condition else { return };
                for s in subjects {
                    if exempt(s) || self.eval(cond, s) || self.uncertain(cond, s) || self.unless_uncertain(s) {
                        continue;
                    }
                    let why = self.why_false(cond, s);
                    out.push(self.violation(Some(s), why));
                }
            }
            (Quantifier::Each | Quantifier::Exists, true) => {
                for s in subjects {
                    if exempt(s) || self.unless_uncertain(s) {
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

    // ─── Evaluation ────────────────────────────────────────────────────────────

    fn eval(&self, cond: &Cond, s: Subject) -> bool {
        match cond {
            Cond::Not(c) => !self.eval(c, s),
            Cond::And(cs) => cs.iter().all(|c| self.eval(c, s)),
            Cond::Or(cs) => cs.iter().any(|c| self.eval(c, s)),
            Cond::Relation { relation, kind, target } => match s {
                Subject::Post(p) => self.missing_targets(p, relation, *kind, target).is_empty(),
                Subject::Record(_) => false,
            },
            Cond::Holds(role) => matches!(s, Subject::Post(p) if self.post(p).holds(role)),
            Cond::Is(flag) => match s {
                Subject::Post(p) => has_flag(self.post(p), flag),
                Subject::Record(_) => false,
            },
            Cond::Assurance(within) => match s {
                Subject::Post(p) => self.covering_record(p, *within).is_some(),
                Subject::Record(_) => false,
            },
            Cond::DatedWithin(d) => match s {
                Subject::Record(r) => self
                    .record(r)
                    .dated
                    .is_some_and(|(date, _)| date >= earliest_within(self.ctx.as_of, *d)),
                Subject::Post(_) => false,
            },
            Cond::Addresses(target) => match s {
                Subject::Record(r) => self.missing_elements(r, target).is_empty(),
                Subject::Post(_) => false,
            },
            Cond::Covers(role) => match s {
                Subject::Record(r) => self.record(r).covers.iter().any(|&p| self.post(p).holds(role)),
                Subject::Post(_) => false,
            },
        }
    }

    /// The names of `target` the post's `relation` lines do not reach. For `(A or B)`
    /// that is both when neither is reached, else none.
    fn missing_targets(&self, post: usize, relation: &str, kind: TargetKind, target: &Target) -> Vec<Name> {
        let reached: Vec<&TargetRef> = self
            .post(post)
            .relations
            .iter()
            .filter(|r| r.relation == relation)
            .flat_map(|r| &r.targets)
            .collect();
        let reaches = |name: &str| {
            reached.iter().any(|t| match t {
                TargetRef::Post(p) if kind == TargetKind::Post => self.post(*p).holds(name),
                TargetRef::Item(item) => item == name,
                TargetRef::Post(_) => false,
            })
        };
        missing(target, reaches)
    }

    fn missing_elements(&self, record: usize, target: &Target) -> Vec<Name> {
        let r = self.record(record);
        missing(target, |e| r.addresses.iter().any(|a| a == e))
    }

    /// An assurance record covering the post (dated within `within`, if given).
    fn covering_record(&self, post: usize, within: Option<Duration>) -> Option<&'a Record> {
        self.council().records.iter().find(|r| {
            r.covers.contains(&post)
                && within.is_none_or(|d| {
                    r.dated
                        .is_some_and(|(date, _)| date >= earliest_within(self.ctx.as_of, d))
                })
        })
    }

    /// Whether the value of `cond` for `s` rests on something that did not lower (an
    /// unknown name, a bad line), so that a violation could be a cascade of an error
    /// already reported.
    fn uncertain(&self, cond: &Cond, s: Subject) -> bool {
        match (cond, s) {
            (_, Subject::Post(p)) if self.post(p).unknown.anything => true,
            (_, Subject::Record(r)) if self.record(r).incomplete => true,
            (Cond::Not(c), _) => self.uncertain(c, s),
            (Cond::And(cs) | Cond::Or(cs), _) => cs.iter().any(|c| self.uncertain(c, s)),
            (Cond::Relation { relation, kind, .. }, Subject::Post(p)) => {
                let post = self.post(p);
                post.unknown.relation(relation)
                    || (*kind == TargetKind::Post
                        && post
                            .relations
                            .iter()
                            .filter(|r| r.relation == relation)
                            .flat_map(|r| &r.targets)
                            .any(|t| matches!(t, TargetRef::Post(q) if target_names(cond).iter().any(|n| self.post(*q).unknown.might_hold(n)))))
            }
            (Cond::Holds(role), Subject::Post(p)) => self.post(p).unknown.might_hold(role),
            (Cond::Is(Flag::Named(_)), Subject::Post(p)) => self.post(p).unknown.flags,
            (Cond::Is(Flag::Shared), Subject::Post(p)) => self.post(p).unknown.shared,
            (Cond::Assurance(_), Subject::Post(_)) => {
                self.council().records.iter().any(|r| r.incomplete) || self.council().records_uncertain
            }
            (Cond::Covers(role), Subject::Record(r)) => self
                .record(r)
                .covers
                .iter()
                .any(|&p| self.post(p).unknown.might_hold(role)),
            _ => false,
        }
    }

    fn unless_uncertain(&self, s: Subject) -> bool {
        self.clause.unless.as_ref().is_some_and(|u| self.uncertain(u, s))
    }

    /// Whether "no post matches" may be a cascade of a post or record that did not lower.
    fn none_uncertain(&self) -> bool {
        let council = self.council();
        match &self.clause.selector {
            Selector::Assurance => council.records_uncertain || council.records.iter().any(|r| r.incomplete),
            Selector::Role(r) => council.role_uncertain(r),
            Selector::Combine { roles, .. } => roles.iter().any(|r| council.role_uncertain(r)),
        }
    }

    // ─── Explanations ──────────────────────────────────────────────────────────

    fn post_name(&self, p: usize) -> String {
        format!("`{}`", self.post(p).name)
    }

    /// Why `cond` is false for `s`.
    fn why_false(&self, cond: &Cond, s: Subject) -> Why {
        match (cond, s) {
            (Cond::Not(c), _) => self.why_true(c, s),
            (Cond::And(cs), _) => match cs.iter().find(|c| !self.eval(c, s)) {
                Some(c) => self.why_false(c, s),
                None => Why::new("does not meet the condition".into(), None, None),
            },
            (Cond::Or(cs), _) => {
                let whys: Vec<Why> = cs.iter().map(|c| self.why_false(c, s)).collect();
                let text = whys.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(", and ");
                let span = whys.iter().find_map(|w| w.span);
                let fix = whys.into_iter().find_map(|w| w.fix);
                Why::new(text, span, fix)
            }
            (Cond::Relation { relation, kind, target }, Subject::Post(p)) => {
                self.relation_false(p, relation, *kind, target)
            }
            (Cond::Holds(role), Subject::Post(p)) => Why::new(
                format!("does not hold `{role}`"),
                None,
                Some(format!("add `holds {role}` to {}", self.post_name(p))),
            ),
            (Cond::Is(flag), Subject::Post(p)) => {
                let post = self.post(p);
                match flag {
                    Flag::Officer => Why::new(
                        "is declared as a `member` (a councillor), not an `officer`".into(),
                        None,
                        Some(format!(
                            "give the role to an officer's post, or declare {} with `officer`",
                            self.post_name(p)
                        )),
                    ),
                    Flag::Member => Why::new(
                        "is declared as an `officer`, not a `member` (a councillor)".into(),
                        None,
                        Some(format!(
                            "give the role to a councillor's post, or declare {} with `member`",
                            self.post_name(p)
                        )),
                    ),
                    Flag::Shared => Why::new(
                        "is not shared with another council".into(),
                        None,
                        Some(format!("add `shared with COUNCIL` to {}", self.post_name(p))),
                    ),
                    Flag::Named(f) => {
                        let edit = match post.flags.first() {
                            Some(line) => Some(append(line.stmt, f)),
                            None => post.insert_at.as_ref().map(|at| at.line(&format!("is {f}"))),
                        };
                        Why::new(
                            format!("is not marked `is {f}`"),
                            post.flags.first().map(|f| f.stmt),
                            Some(format!("add `is {f}` to {}, if that is the case", self.post_name(p))),
                        )
                        .with_edits(edit)
                    }
                }
            }
            (Cond::Assurance(within), Subject::Post(p)) => {
                let dated = within.map(|d| format!(" dated within {d}")).unwrap_or_default();
                Why::new(
                    format!("no assurance record{dated} covers it"),
                    None,
                    Some(format!(
                        "carry out a local test of assurance and record it with `assurance NAME \"...\" {{ covers {} ... }}`",
                        self.post(p).name
                    )),
                )
            }
            (Cond::DatedWithin(d), Subject::Record(r)) => {
                let record = self.record(r);
                match record.dated {
                    Some((date, span)) => Why::new(
                        format!("is dated {date}, more than {d} before {}", self.ctx.as_of),
                        Some(span),
                        Some("review the arrangements again and record the new assurance with its date".into()),
                    ),
                    None => Why::new("has no date".into(), None, Some("add `dated YYYY-MM-DD`".into())),
                }
            }
            (Cond::Addresses(target), Subject::Record(r)) => {
                let record = self.record(r);
                let missing = self.missing_elements(r, target);
                let text = if target.mode == TargetMode::Any {
                    format!("addresses none of {}", ticked(&missing, "or"))
                } else {
                    format!("does not address {}", ticked(&missing, "and"))
                };
                let list = match target.mode {
                    TargetMode::Any => missing.first().map(Name::to_string).unwrap_or_default(),
                    _ => missing.join(", "),
                };
                let (fix, edit) = match record.addresses_span {
                    Some(line) => (
                        format!(
                            "add `{list}` to the `addresses` line of `{}`, once the assurance covers it",
                            record.name
                        ),
                        Some(append(line, &list)),
                    ),
                    None => (
                        format!(
                            "add `addresses {list}` to `{}`, once the assurance covers it",
                            record.name
                        ),
                        record
                            .insert_at
                            .as_ref()
                            .map(|at| at.line(&format!("addresses {list}"))),
                    ),
                };
                Why::new(text, record.addresses_span, Some(fix)).with_edits(edit)
            }
            (Cond::Covers(role), Subject::Record(r)) => Why::new(
                format!("covers no post that holds `{role}`"),
                self.record(r).covers_span,
                Some(format!(
                    "add the post that holds `{role}` to the `covers` line of `{}`",
                    self.record(r).name
                )),
            ),
            _ => Why::new("does not meet the condition".into(), None, None),
        }
    }

    fn relation_false(&self, p: usize, relation: &str, kind: TargetKind, target: &Target) -> Why {
        let post = self.post(p);
        let lines: Vec<&crate::hir::RelationStmt> = post.relations.iter().filter(|r| r.relation == relation).collect();
        let missing = self.missing_targets(p, relation, kind, target);
        let joiner = if target.mode == TargetMode::Any { "or" } else { "and" };
        if kind == TargetKind::Post {
            // Which post of the council the line should name.
            let holders: Vec<&Post> = self
                .council()
                .posts
                .iter()
                .enumerate()
                .filter(|(i, q)| *i != p && target.names.iter().any(|n| q.holds(n)))
                .map(|(_, q)| q)
                .collect();
            let wanted = ticked(&missing, joiner);
            let fix_target = match holders.as_slice() {
                [one] => format!("`{relation} {}`", one.name),
                _ => format!("a `{relation}` line naming the post that holds {wanted}"),
            };
            let unique = match holders.as_slice() {
                [one] => Some(one.name.clone()),
                _ => None,
            };
            match lines.first() {
                None => Why::new(
                    format!("has no `{relation}` line"),
                    None,
                    Some(format!("add {fix_target} to {}", self.post_name(p))),
                )
                .with_edits(
                    unique
                        .zip(post.insert_at.as_ref())
                        .map(|(q, at)| at.line(&format!("{relation} {q}"))),
                ),
                Some(first) => {
                    let named: Vec<Name> = lines
                        .iter()
                        .flat_map(|l| &l.targets)
                        .filter_map(|t| match t {
                            TargetRef::Post(q) => Some(self.post(*q).name.clone()),
                            TargetRef::Item(_) => None,
                        })
                        .collect();
                    let verb = relation.replace('_', " ");
                    let which = if named.len() == 1 {
                        "which does not hold"
                    } else {
                        "which do not hold"
                    };
                    Why::new(
                        format!("{verb} {}, {which} {wanted}", ticked(&named, "and")),
                        Some(first.span),
                        Some(match &unique {
                            Some(q) => format!("change the line to `{relation} {q}`"),
                            None => format!("make the line name the post that holds {wanted}"),
                        }),
                    )
                    .with_edits(unique.map(|q| Edit {
                        span: first.span,
                        text: format!("{relation} {q}"),
                    }))
                }
            }
        } else {
            let wanted = match target.mode {
                TargetMode::Any => format!("`{relation}` naming {}", ticked(&missing, "or")),
                _ => format!("`{relation} {}`", missing.join(", ")),
            };
            let list = match target.mode {
                TargetMode::Any => missing.first().map(Name::to_string).unwrap_or_default(),
                _ => missing.join(", "),
            };
            match lines.first() {
                None => Why::new(
                    format!("has no {wanted}"),
                    None,
                    Some(format!("add `{relation} {list}` to {}", self.post_name(p))),
                )
                .with_edits(post.insert_at.as_ref().map(|at| at.line(&format!("{relation} {list}")))),
                Some(first) => Why::new(
                    format!("has no {wanted}"),
                    Some(first.span),
                    Some(format!("add `{list}` to its `{relation}` line")),
                )
                .with_edits([append(first.span, &list)]),
            }
        }
    }

    /// Why `cond` is true for `s` (for clauses that forbid it).
    fn why_true(&self, cond: &Cond, s: Subject) -> Why {
        match (cond, s) {
            (Cond::Not(c), _) => self.why_false(c, s),
            (Cond::Or(cs), _) => match cs.iter().find(|c| self.eval(c, s)) {
                Some(c) => self.why_true(c, s),
                None => Why::new("meets the condition".into(), None, None),
            },
            (Cond::And(cs), _) => {
                let whys: Vec<Why> = cs.iter().map(|c| self.why_true(c, s)).collect();
                let text = whys.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" and ");
                let span = whys.iter().find_map(|w| w.span);
                let fix = whys.into_iter().find_map(|w| w.fix);
                Why::new(text, span, fix)
            }
            (Cond::Relation { relation, kind, target }, Subject::Post(p)) => {
                let post = self.post(p);
                let reaches = |t: &TargetRef| match t {
                    TargetRef::Post(q) => target.names.iter().find(|n| self.post(*q).holds(n)).cloned(),
                    TargetRef::Item(i) => target.names.iter().find(|n| *n == i).cloned(),
                };
                let line = post
                    .relations
                    .iter()
                    .filter(|r| r.relation == relation)
                    .find_map(|r| r.targets.iter().find_map(|t| reaches(t).map(|n| (r, t.clone(), n))));
                match line {
                    Some((line, TargetRef::Post(q), role)) if *kind == TargetKind::Post => Why::new(
                        format!(
                            "{} `{}`, which holds `{role}`",
                            relation.replace('_', " "),
                            self.post(q).name
                        ),
                        Some(line.span),
                        Some(format!("remove `{}` from the `{relation}` line", self.post(q).name)),
                    ),
                    Some((line, _, name)) => Why::new(
                        format!("has `{relation} {name}`"),
                        Some(line.span),
                        Some(format!("remove `{name}` from its `{relation}` line")),
                    ),
                    None => Why::new(format!("has `{relation}`"), None, None),
                }
            }
            (Cond::Holds(role), Subject::Post(p)) => Why::new(
                format!("also holds `{role}`"),
                self.post(p).holds_span(Some(role)),
                Some(format!("give `{role}` to another post")),
            ),
            (Cond::Is(flag), Subject::Post(p)) => {
                let post = self.post(p);
                match flag {
                    Flag::Officer => Why::new("is an `officer`".into(), None, None),
                    Flag::Member => Why::new("is a `member` (a councillor)".into(), None, None),
                    Flag::Shared => {
                        let partners: Vec<Name> = post.shared_with.iter().map(|s| s.council.clone()).collect();
                        Why::new(
                            format!("is shared with {}", ticked(&partners, "and")),
                            post.shared_with.first().map(|s| s.span),
                            None,
                        )
                    }
                    Flag::Named(f) => Why::new(
                        format!("is marked `is {f}`"),
                        post.flags.iter().find(|x| x.flag == f).map(|x| x.stmt),
                        Some(format!("remove `{f}` from its `is` line, if it no longer applies")),
                    ),
                }
            }
            (Cond::Assurance(_), Subject::Post(p)) => {
                let name = self
                    .covering_record(p, None)
                    .map(|r| r.name.clone())
                    .unwrap_or_default();
                Why::new(format!("is covered by assurance record `{name}`"), None, None)
            }
            (Cond::DatedWithin(d), Subject::Record(r)) => {
                let date = self.record(r).dated.map(|(d, _)| d.to_string()).unwrap_or_default();
                Why::new(
                    format!("is dated {date}, within {d} of {}", self.ctx.as_of),
                    self.record(r).dated.map(|d| d.1),
                    None,
                )
            }
            (Cond::Addresses(target), Subject::Record(r)) => {
                let record = self.record(r);
                let present: Vec<Name> = target
                    .names
                    .iter()
                    .filter(|n| record.addresses.contains(n))
                    .cloned()
                    .collect();
                Why::new(
                    format!("addresses {}", ticked(&present, "and")),
                    record.addresses_span,
                    None,
                )
            }
            (Cond::Covers(role), Subject::Record(r)) => Why::new(
                format!("covers a post that holds `{role}`"),
                self.record(r).covers_span,
                None,
            ),
            _ => Why::new("meets the condition".into(), None, None),
        }
    }

    /// For `not S` with no condition: the post holds the roles it must not.
    fn held(&self, s: Subject) -> Why {
        match s {
            Subject::Post(p) => {
                let post = self.post(p);
                let span = match &self.clause.selector {
                    Selector::Role(r) => post.holds_span(Some(r)),
                    Selector::Combine { roles, .. } => post.holds_span(roles.first().map(Name::as_str)),
                    Selector::Assurance => None,
                };
                let fix = match &self.clause.selector {
                    Selector::Role(r) => format!("remove `{r}` from the `holds` line of `{}`", post.name),
                    _ => "give these roles to separate posts".to_string(),
                };
                Why::new(String::new(), span, Some(fix))
            }
            Subject::Record(r) => Why::new(String::new(), Some(self.record(r).name_span), None),
        }
    }

    /// "`director` holds `DCS`", "`director` holds `DCS` and `DASS`", "assurance record `x`".
    fn subject_text(&self, s: Subject) -> String {
        match s {
            Subject::Record(r) => format!("assurance record `{}`", self.record(r).name),
            Subject::Post(p) => {
                let post = self.post(p);
                match &self.clause.selector {
                    Selector::Role(r) => format!("`{}` holds `{r}`", post.name),
                    Selector::Combine { roles, others } => {
                        let mut all = roles.clone();
                        if *others {
                            all.extend(post.roles.iter().map(|h| h.role.clone()).filter(|r| !roles.contains(r)));
                        }
                        let both = if all.len() == 2 { "both " } else { "" };
                        format!("`{}` holds {both}{}", post.name, ticked(&all, "and"))
                    }
                    Selector::Assurance => format!("`{}`", post.name),
                }
            }
        }
    }

    /// "a post that holds `DCS`", for `exists` and `one`.
    fn wanted_text(&self) -> String {
        let what = match &self.clause.selector {
            Selector::Role(r) => format!("post that holds `{r}`"),
            Selector::Combine { roles, others } => {
                let roles = ticked(roles, "and");
                if *others {
                    format!("post that holds {roles} together with another role")
                } else {
                    format!("post that holds {roles}")
                }
            }
            Selector::Assurance => "assurance record".to_string(),
        };
        match &self.clause.condition_text {
            Some(c) => format!("{what} and meets `{c}`"),
            None => what,
        }
    }

    // ─── Diagnostics ───────────────────────────────────────────────────────────

    fn severity(&self) -> Severity {
        match (self.guidance.status, self.clause.modality) {
            (Status::Advisory, _) => Severity::Info,
            (Status::Statutory, Modality::Must) => Severity::Error,
            (Status::Statutory, _) => Severity::Warning,
        }
    }

    /// Whether a departure can excuse this clause (not a statutory `must`).
    fn departable(&self) -> bool {
        !(self.guidance.status == Status::Statutory && self.clause.modality == Modality::Must)
    }

    /// The rule's name as a `depart` line should write it.
    fn depart_name(&self) -> String {
        let ambiguous = self
            .ctx
            .council
            .follows
            .iter()
            .filter(|f| f.guidance != self.guidance.name)
            .filter_map(|f| self.ctx.guidance.guidance(&f.guidance))
            .any(|g| g.rule(&self.rule.name).is_some());
        if ambiguous {
            format!("{}.{}", self.guidance.name, self.rule.name)
        } else {
            self.rule.name.to_string()
        }
    }

    /// The fix, with the exemption the clause allows.
    fn fix(&self, fix: Option<String>) -> Option<String> {
        let mut help = fix.unwrap_or_default();
        if let Some(u) = &self.clause.unless_text {
            let sep = if help.is_empty() { "" } else { " " };
            help.push_str(&format!("{sep}(the guidance allows it when `{u}`)"));
        }
        (!help.is_empty()).then_some(help)
    }

    /// The fix, and how to record a departure where one is possible.
    fn help(&self, fix: Option<String>, s: Option<Subject>) -> Option<String> {
        let mut help = self.fix(fix).unwrap_or_default();
        if self.departable() {
            let for_post = match s {
                Some(Subject::Post(p)) => format!(" for {}", self.post(p).name),
                _ => String::new(),
            };
            let depart = format!(
                "record a departure with `depart {}{for_post} because \"...\"`",
                self.depart_name()
            );
            help = if help.is_empty() {
                depart
            } else {
                format!("{help}, or {depart}")
            };
        }
        (!help.is_empty()).then_some(help)
    }

    fn diagnostic(&self, span: Span, message: String, help: Option<String>) -> Diagnostic {
        let label = match self.clause.negated {
            false => "required by this clause",
            true => "ruled out by this clause",
        };
        let mut d = Diagnostic {
            code: Code::Rule {
                guidance: self.guidance.name.to_string(),
                rule: self.rule.name.to_string(),
            },
            severity: self.severity(),
            message,
            file: self.council().file,
            span,
            label: Some(match &self.rule.title {
                Some(title) => format!("the guidance expects: {title}"),
                None => format!("breaks `{}.{}`", self.guidance.name, self.rule.name),
            }),
            labels: Vec::new(),
            notes: self.rule.notes(),
            help,
            council: Some(self.council().name.to_string()),
            departure: None,
            fixes: Vec::new(),
        };
        d = d.with_label(self.guidance.file, self.clause.span, label);
        d
    }

    /// The fixes an editor can offer: the mechanical edits of `why`, and recording a
    /// departure (with the cursor in its reason) where one is possible.
    fn fixes(&self, s: Option<Subject>, fix: Option<&str>, edits: Vec<Edit>) -> Vec<Fix> {
        let mut out = Vec::new();
        if !edits.is_empty() {
            out.push(Fix {
                title: fix.unwrap_or("fix it").to_string(),
                edits,
                cursor: None,
            });
        }
        if self.departable()
            && let Some(at) = &self.council().insert_at
        {
            let for_post = match s {
                Some(Subject::Post(p)) => format!(" for {}", self.post(p).name),
                _ => String::new(),
            };
            let statement = format!("depart {}{for_post} because \"\"", self.depart_name());
            let edit = at.line(&statement);
            // Inside the empty reason: the indentation, the statement but its final quote.
            let cursor = (at.indent.len() + statement.len() - 1) as u32;
            out.push(Fix {
                title: format!("record a departure from `{}`", self.depart_name()),
                edits: vec![edit],
                cursor: Some(cursor),
            });
        }
        out
    }

    fn violation(&self, s: Option<Subject>, why: Why) -> Violation<'a> {
        let (subject, fallback) = match s {
            Some(Subject::Post(p)) => (self.subject_text(Subject::Post(p)), self.post(p).name_span),
            Some(Subject::Record(r)) => (self.subject_text(Subject::Record(r)), self.record(r).name_span),
            None => (format!("`{}`", self.council().name), self.council().name_span),
        };
        let message = match s {
            _ if why.text.is_empty() => subject,
            Some(Subject::Record(_)) => format!("{subject} {}", why.text),
            _ => format!("{subject} but {}", why.text),
        };
        let span = why.span.unwrap_or(fallback);
        let help = self.help(why.fix.clone(), s);
        let mut diagnostic = self.diagnostic(span, message, help);
        diagnostic.fixes = self.fixes(s, why.fix.as_deref(), why.edits);
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            subject: s,
            diagnostic,
            fix: self.fix(why.fix),
        }
    }

    fn none_violation(&self) -> Violation<'a> {
        let council = self.council();
        let message = format!("`{}` has no {}", council.name, self.wanted_text());
        let fix = match &self.clause.selector {
            Selector::Role(r) => format!("add `holds {r}` to the post that holds the role, or declare that post"),
            Selector::Combine { roles, .. } => {
                format!("add `holds {}` to the post that combines the roles", roles.join(", "))
            }
            Selector::Assurance => "record the council's assurance with an `assurance` block".into(),
        };
        let mut diagnostic = self.diagnostic(council.name_span, message, self.help(Some(fix.clone()), None));
        diagnostic.fixes = self.fixes(None, None, Vec::new());
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            subject: None,
            diagnostic,
            fix: self.fix(Some(fix)),
        }
    }

    fn extra_violation(&self, first: Subject, extra: Subject) -> Violation<'a> {
        let (Subject::Post(f), Subject::Post(e)) = (first, extra) else {
            // Several assurance records where one was required.
            let (Subject::Record(f), Subject::Record(e)) = (first, extra) else {
                unreachable!("subjects are all posts or all records")
            };
            let message = format!(
                "assurance record `{}` is one more where only one is expected, besides `{}`",
                self.record(e).name,
                self.record(f).name
            );
            let mut v = Violation {
                guidance: self.guidance,
                rule: self.rule,
                clause: self.clause,
                subject: Some(extra),
                diagnostic: self.diagnostic(self.record(e).name_span, message, self.help(None, Some(extra))),
                fix: self.fix(None),
            };
            v.diagnostic = v
                .diagnostic
                .with_label(self.council().file, self.record(f).name_span, "the first one");
            return v;
        };
        let roles = match &self.clause.selector {
            Selector::Role(r) => format!("`{r}`"),
            Selector::Combine { roles, .. } => ticked(roles, "and"),
            Selector::Assurance => String::new(),
        };
        let key = match &self.clause.selector {
            Selector::Role(r) => Some(r.as_str()),
            Selector::Combine { roles, .. } => roles.first().map(Name::as_str),
            Selector::Assurance => None,
        };
        let (fp, ep) = (self.post(f), self.post(e));
        let message = format!(
            "`{}` holds {roles}, but so does `{}`: there should be only one",
            ep.name, fp.name
        );
        let span = ep.holds_span(key).unwrap_or(ep.name_span);
        let fix = format!("keep {roles} on one post only");
        let mut d = self.diagnostic(span, message, self.help(Some(fix.clone()), Some(extra)));
        if let Some(first_span) = fp.holds_span(key) {
            d.labels.insert(
                0,
                crate::diagnostics::Label {
                    file: self.council().file,
                    span: first_span,
                    message: format!("`{}` holds {roles} here", fp.name),
                },
            );
        }
        Violation {
            guidance: self.guidance,
            rule: self.rule,
            clause: self.clause,
            subject: Some(extra),
            diagnostic: d,
            fix: self.fix(Some(fix)),
        }
    }
}

/// A clause in words: "every post that holds `DCS` has a `reports_to` line naming a
/// post that holds `ChiefExecutive`, unless it holds `ChiefExecutive` and is `interim`".
pub fn describe_clause(clause: &Clause) -> String {
    let cond = clause.condition.as_ref().map(describe_cond);
    let (noun, holding) = match &clause.selector {
        Selector::Assurance => ("assurance record".to_string(), String::new()),
        Selector::Role(r) => ("post".to_string(), format!(" that holds `{r}`")),
        Selector::Combine { roles, others } => {
            let roles = ticked(roles, "and");
            let others = if *others { " together with another role" } else { "" };
            ("post".to_string(), format!(" that holds {roles}{others}"))
        }
    };
    let mut text = match (clause.quantifier, clause.negated, cond) {
        (Quantifier::Each, false, Some(c)) => format!("every {noun}{holding} {c}"),
        (Quantifier::Each, false, None) => format!("a {noun}{holding} is allowed"),
        (Quantifier::Each | Quantifier::Exists, true, None) => format!("no {noun}{holding} exists"),
        (Quantifier::Each | Quantifier::Exists, true, Some(c)) => format!("no {noun}{holding} {c}"),
        (Quantifier::Exists, false, None) => format!("the council has at least one {noun}{holding}"),
        (Quantifier::Exists, false, Some(c)) => format!("the council has at least one {noun}{holding} that {c}"),
        (Quantifier::One, false, None) => format!("the council has exactly one {noun}{holding}"),
        (Quantifier::One, false, Some(c)) => format!("the council has exactly one {noun}{holding} that {c}"),
        (Quantifier::One, true, _) => "(`not one` has no meaning)".to_string(),
    };
    if let Some(u) = &clause.unless {
        text.push_str(&format!(", unless it {}", describe_cond(u)));
    }
    text
}

/// A condition in words, said of a post or a record ("holds `DCS`").
fn describe_cond(cond: &Cond) -> String {
    let names = |t: &Target| {
        let joiner = if t.mode == TargetMode::Any { "or" } else { "and" };
        ticked(&t.names, joiner)
    };
    match cond {
        Cond::Not(inner) => match inner.as_ref() {
            Cond::Holds(r) => format!("does not hold `{r}`"),
            Cond::Is(Flag::Named(f)) => format!("is not `{f}`"),
            Cond::Is(Flag::Officer) => "is not an officer".into(),
            Cond::Is(Flag::Member) => "is not a councillor".into(),
            Cond::Is(Flag::Shared) => "is not shared with another council".into(),
            other => format!("does not meet this: {}", describe_cond(other)),
        },
        Cond::And(cs) => cs.iter().map(describe_cond).collect::<Vec<_>>().join(" and "),
        Cond::Or(cs) => cs.iter().map(describe_cond).collect::<Vec<_>>().join(" or "),
        Cond::Relation {
            relation,
            kind: TargetKind::Post,
            target,
        } => {
            format!("has a `{relation}` line naming a post that holds {}", names(target))
        }
        Cond::Relation { relation, target, .. } if target.mode == TargetMode::One => {
            format!("has `{relation} {}`", target.names.join(""))
        }
        Cond::Relation { relation, target, .. } => format!("has `{relation}` naming {}", names(target)),
        Cond::Holds(r) => format!("holds `{r}`"),
        Cond::Is(Flag::Officer) => "is an officer".into(),
        Cond::Is(Flag::Member) => "is a councillor (`member`)".into(),
        Cond::Is(Flag::Shared) => "is shared with another council".into(),
        Cond::Is(Flag::Named(f)) => format!("is `{f}`"),
        Cond::Assurance(None) => "is covered by an assurance record".into(),
        Cond::Assurance(Some(d)) => format!("is covered by an assurance record dated within {d}"),
        Cond::DatedWithin(d) => format!("is dated within {d} of the check date"),
        Cond::Addresses(t) => format!("addresses {}", names(t)),
        Cond::Covers(r) => format!("covers a post that holds `{r}`"),
    }
}

/// The names a relation condition points at.
fn target_names(cond: &Cond) -> &[Name] {
    match cond {
        Cond::Relation { target, .. } => &target.names,
        _ => &[],
    }
}

fn selects(selector: &Selector, post: &Post) -> bool {
    match selector {
        Selector::Role(r) => post.holds(r),
        Selector::Combine { roles, others } => {
            roles.iter().all(|r| post.holds(r)) && (!*others || post.roles.iter().any(|h| !roles.contains(&h.role)))
        }
        Selector::Assurance => false,
    }
}

fn has_flag(post: &Post, flag: &Flag) -> bool {
    match flag {
        Flag::Officer => post.kind == PostKind::Officer,
        Flag::Member => post.kind == PostKind::Member,
        Flag::Shared => !post.shared_with.is_empty() || post.unknown.shared,
        Flag::Named(f) => post.has_flag(f),
    }
}

/// The names of a target group that `reaches` does not reach: for `(A or B)` all of
/// them when none is reached, else none.
fn missing(target: &Target, reaches: impl Fn(&str) -> bool) -> Vec<Name> {
    let missing: Vec<Name> = target.names.iter().filter(|n| !reaches(n)).cloned().collect();
    match target.mode {
        TargetMode::Any if missing.len() < target.names.len() => Vec::new(),
        _ => missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Span;

    fn months(n: u32) -> Duration {
        Duration {
            amount: n,
            unit: DurationUnit::Months,
            span: Span::default(),
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_the_end_of_shorter_months() {
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(earliest_within(d(2025, 3, 31), months(1)), d(2025, 2, 28));
        assert_eq!(earliest_within(d(2024, 2, 29), months(12)), d(2023, 2, 28));
        assert_eq!(
            earliest_within(
                d(2024, 2, 29),
                Duration {
                    amount: 1,
                    unit: DurationUnit::Years,
                    span: Span::default()
                }
            ),
            d(2023, 2, 28)
        );
        assert_eq!(earliest_within(d(2025, 6, 1), months(12)), d(2024, 6, 1));
        assert_eq!(
            earliest_within(
                d(2025, 3, 1),
                Duration {
                    amount: 1,
                    unit: DurationUnit::Days,
                    span: Span::default()
                }
            ),
            d(2025, 2, 28)
        );
        let far = Duration {
            amount: 100_000,
            unit: DurationUnit::Years,
            span: Span::default(),
        };
        assert_eq!(earliest_within(d(2025, 3, 1), far), Date::MIN);
    }
}
