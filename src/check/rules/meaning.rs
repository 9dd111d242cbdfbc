//! The meaning of every condition form (design section 4.1), in one place per form: its
//! verdict of a subject (whether it holds, and whether that is uncertain because a line
//! of the council did not resolve) and why it has that verdict, in words, with the line
//! to point at and the edit that would change it. The connectives are handled once, in
//! [`Evaluator::verdict`] and [`Evaluator::why`]; each kind of form (said of posts,
//! records or the council) is one `impl Form`, whose two matches the compiler holds to
//! every form of the kind.

use crate::hir::{
    Cond, CouncilForm, Flag, Group, HeldRole, Post, PostForm, RecordForm, RelationStmt, Selector, Target, TargetRef,
};
use crate::syntax::Name;
use crate::syntax::ast::{PostKind, TargetKind, TargetMode};

use super::explanation::Why;
use super::{Evaluator, Subject, earliest_within, ticked};

/// What a condition comes to for one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Verdict {
    pub(super) holds: bool,
    /// The value rests on something that did not lower (an unknown name, a bad line), so
    /// that a violation could be a cascade of an error already reported.
    pub(super) uncertain: bool,
}

/// What a verdict must answer: whether the condition holds, or also whether that is
/// uncertain. Uncertainty is asked only when it would change the outcome (a violation
/// that rests on a line that did not resolve is not reported), so most evaluations skip
/// it, and `and` and `or` stop at the first part that decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ask {
    Holds,
    AndUncertain,
}

impl Ask {
    /// `uncertain()`, when uncertainty is asked; else false, without computing it.
    fn uncertain(self, uncertain: impl FnOnce() -> bool) -> bool {
        self == Ask::AndUncertain && uncertain()
    }
}

/// A post of the council, by index.
#[derive(Clone, Copy, Debug)]
pub(super) struct PostAt(pub(super) usize);
/// An assurance record of the council, by index.
#[derive(Clone, Copy, Debug)]
pub(super) struct RecordAt(pub(super) usize);
/// The council itself.
#[derive(Clone, Copy, Debug)]
pub(super) struct TheCouncil;

impl From<PostAt> for Subject {
    fn from(p: PostAt) -> Subject {
        Subject::Post(p.0)
    }
}
impl From<RecordAt> for Subject {
    fn from(r: RecordAt) -> Subject {
        Subject::Record(r.0)
    }
}
impl From<TheCouncil> for Subject {
    fn from(_: TheCouncil) -> Subject {
        Subject::Council
    }
}

/// A kind of form, said of subjects of one kind.
pub(super) trait Form {
    type Of: Copy + Into<Subject>;
    /// Whether the form holds of `s`, and (when asked) whether that is uncertain.
    fn verdict(&self, e: &Evaluator<'_, '_>, s: Self::Of, ask: Ask) -> Verdict;
    /// Why the form's value of `s` is `holds`.
    fn why(&self, e: &Evaluator<'_, '_>, s: Self::Of, holds: bool) -> Why;
}

impl<'c, 'a> Evaluator<'c, 'a> {
    /// The verdict of `cond` for `s`: `not`, `and` and `or` over the forms' verdicts; a
    /// verdict is uncertain when any part's is.
    pub(super) fn verdict<F: Form>(&self, cond: &Cond<F>, s: F::Of, ask: Ask) -> Verdict {
        match cond {
            Cond::Not(c) => {
                let v = self.verdict(c, s, ask);
                Verdict { holds: !v.holds, ..v }
            }
            Cond::And(cs) | Cond::Or(cs) => {
                let all = matches!(cond, Cond::And(_));
                let mut verdict = Verdict {
                    holds: all,
                    uncertain: false,
                };
                for c in cs {
                    let v = self.verdict(c, s, ask);
                    verdict.uncertain |= v.uncertain;
                    if v.holds != all {
                        verdict.holds = !all;
                        // The value is decided; only uncertainty may still be asked.
                        if ask == Ask::Holds {
                            break;
                        }
                    }
                }
                verdict
            }
            Cond::Form(f) => f.verdict(self, s, ask),
        }
    }

    /// Whether `cond` holds of `s` (its uncertainty not asked).
    pub(super) fn holds<F: Form>(&self, cond: &Cond<F>, s: F::Of) -> bool {
        self.verdict(cond, s, Ask::Holds).holds
    }

    /// Why `cond` is `holds` for `s`. Where one part decides (the first false part of an
    /// `and` that fails, the first true part of an `or` that holds) that part is the
    /// reason; otherwise every part is, joined.
    pub(super) fn why<F: Form>(&self, cond: &Cond<F>, s: F::Of, holds: bool) -> Why {
        match cond {
            Cond::Not(c) => self.why(c, s, !holds),
            Cond::And(cs) | Cond::Or(cs) => {
                let all = matches!(cond, Cond::And(_));
                if holds != all {
                    // An `and` that fails, an `or` that holds: the first part that decides.
                    return match cs.iter().find(|c| self.holds(c, s) == holds) {
                        Some(c) => self.why(c, s, holds),
                        None if holds => Why::new("meets the condition".into(), None, None),
                        None => Why::new("does not meet the condition".into(), None, None),
                    };
                }
                let whys: Vec<Why> = cs.iter().map(|c| self.why(c, s, holds)).collect();
                let joiner = if all { " and " } else { ", and " };
                let text = whys.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(joiner);
                let span = whys.iter().find_map(|w| w.span);
                let fix = whys.into_iter().find_map(|w| w.fix);
                Why::new(text, span, fix)
            }
            Cond::Form(f) => f.why(self, s, holds),
        }
    }
}

impl Form for PostForm {
    type Of = PostAt;

    fn verdict(&self, e: &Evaluator<'_, '_>, PostAt(p): PostAt, ask: Ask) -> Verdict {
        let post = e.post(p);
        let (holds, uncertain) = match self {
            PostForm::Relation { relation, kind, target } => (
                e.missing_targets(p, relation, *kind, target).is_empty(),
                ask.uncertain(|| {
                    post.unknown.relation(relation)
                        || (*kind == TargetKind::Post
                            && post
                                .relations
                                .iter()
                                .filter(|r| r.relation == *relation)
                                .flat_map(|r| &r.targets)
                                .any(|t| {
                                    matches!(t, TargetRef::Post(q) if target.names.iter().any(|n| e.post(*q).unknown.might_hold(n)))
                                }))
                }),
            ),
            PostForm::Holds { role, interim: false } => {
                (post.holds(role), ask.uncertain(|| post.unknown.might_hold(role)))
            }
            PostForm::Holds { role, interim: true } => {
                (post.holds_interim(role), ask.uncertain(|| post.unknown.might_hold(role)))
            }
            PostForm::Is(flag) => (
                has_flag(post, flag),
                ask.uncertain(|| match flag {
                    Flag::Named(_) => post.unknown.flags,
                    Flag::Shared => post.unknown.shared,
                    // A post's kind and vacancy are known for certain.
                    Flag::Officer | Flag::Member | Flag::Vacant => false,
                }),
            ),
            PostForm::CouncilIs(f) => (e.council().has_flag(f), ask.uncertain(|| e.council().flags_uncertain)),
            PostForm::HoldsOtherThan(group) => (
                e.role_outside(p, group).is_some(),
                ask.uncertain(|| post.unknown.any_holds()),
            ),
            PostForm::RelationOtherThan { relation, group, .. } => (
                e.target_outside(p, relation, group).is_some(),
                ask.uncertain(|| post.unknown.relation(relation)),
            ),
            PostForm::Assurance { within, addresses } => (
                e.assured(Some(p), *within, addresses.as_ref()),
                ask.uncertain(|| e.records_uncertain()),
            ),
        };
        Verdict {
            holds,
            uncertain: uncertain || ask.uncertain(|| post.unknown.anything),
        }
    }

    fn why(&self, e: &Evaluator<'_, '_>, PostAt(p): PostAt, holds: bool) -> Why {
        match (self, holds) {
            (PostForm::Relation { relation, kind, target }, false) => e.relation_false(p, relation, *kind, target),
            (PostForm::Relation { relation, kind, target }, true) => e.relation_true(p, relation, *kind, target),
            (PostForm::Holds { role, interim }, false) => e.holds_false(p, role, *interim),
            (PostForm::Holds { role, interim }, true) => Why::new(
                format!(
                    "also holds `{role}`{}",
                    if *interim { " on an interim basis" } else { "" }
                ),
                e.post(p).holds_span(Some(role)),
                Some(format!("give `{role}` to another post")),
            ),
            (PostForm::Is(flag), false) => e.flag_false(p, flag),
            (PostForm::Is(flag), true) => e.flag_true(p, flag),
            (PostForm::CouncilIs(f), false) => e.council_unflagged(f, "council is not"),
            (PostForm::CouncilIs(f), true) => e.council_flagged(f, "belongs to a council marked"),
            (PostForm::HoldsOtherThan(group), false) => {
                Why::new(format!("holds no role outside `{}`", group.name), None, None)
            }
            (PostForm::HoldsOtherThan(group), true) => match e.role_outside(p, group) {
                Some(h) => Why::new(
                    format!("also holds `{}`, which is not in `{}`", h.role, group.name),
                    Some(h.stmt),
                    Some(format!("give `{}` to another post", h.role)),
                ),
                None => Why::new(format!("holds a role outside `{}`", group.name), None, None),
            },
            (PostForm::RelationOtherThan { relation, group, .. }, false) => Why::new(
                format!("has no `{relation}` line naming anything outside `{}`", group.name),
                None,
                None,
            ),
            (PostForm::RelationOtherThan { relation, group, .. }, true) => e.relation_outside(p, relation, group),
            (PostForm::Assurance { within, addresses }, false) => e.why_unassured(Some(p), *within, addresses.as_ref()),
            (PostForm::Assurance { within, .. }, true) => e.why_assured(Some(p), *within),
        }
    }
}

impl Form for RecordForm {
    type Of = RecordAt;

    fn verdict(&self, e: &Evaluator<'_, '_>, RecordAt(r): RecordAt, ask: Ask) -> Verdict {
        let record = e.record(r);
        let (holds, uncertain) = match self {
            RecordForm::DatedWithin(d) => (
                record
                    .dated
                    .is_some_and(|(date, _)| date >= earliest_within(e.ctx.as_of, *d)),
                false,
            ),
            RecordForm::Addresses(target) => (e.missing_elements(r, target).is_empty(), false),
            RecordForm::Covers(role) => (
                record.covers.iter().any(|&p| e.post(p).holds(role)),
                ask.uncertain(|| record.covers.iter().any(|&p| e.post(p).unknown.might_hold(role))),
            ),
            RecordForm::CouncilIs(f) => (e.council().has_flag(f), ask.uncertain(|| e.council().flags_uncertain)),
        };
        Verdict {
            holds,
            uncertain: uncertain || ask.uncertain(|| record.incomplete),
        }
    }

    fn why(&self, e: &Evaluator<'_, '_>, RecordAt(r): RecordAt, holds: bool) -> Why {
        let record = e.record(r);
        match (self, holds) {
            (RecordForm::DatedWithin(d), false) => match record.dated {
                Some((date, span)) => Why::new(
                    format!("is dated {date}, more than {d} before {}", e.ctx.as_of),
                    Some(span),
                    Some("review the arrangements again and record the new assurance with its date".into()),
                ),
                None => Why::new("has no date".into(), None, Some("add `dated YYYY-MM-DD`".into())),
            },
            (RecordForm::DatedWithin(d), true) => {
                let date = record.dated.map(|(d, _)| d.to_string()).unwrap_or_default();
                Why::new(
                    format!("is dated {date}, within {d} of {}", e.ctx.as_of),
                    record.dated.map(|d| d.1),
                    None,
                )
            }
            (RecordForm::Addresses(target), false) => e.addresses_false(r, target),
            (RecordForm::Addresses(target), true) => {
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
            (RecordForm::Covers(role), false) => Why::new(
                format!("covers no post that holds `{role}`"),
                record.covers_span,
                Some(format!(
                    "add the post that holds `{role}` to the `covers` line of `{}`",
                    record.name
                )),
            ),
            (RecordForm::Covers(role), true) => {
                Why::new(format!("covers a post that holds `{role}`"), record.covers_span, None)
            }
            (RecordForm::CouncilIs(f), false) => e.council_unflagged(f, "council is not"),
            (RecordForm::CouncilIs(f), true) => e.council_flagged(f, "belongs to a council marked"),
        }
    }
}

impl Form for CouncilForm {
    type Of = TheCouncil;

    fn verdict(&self, e: &Evaluator<'_, '_>, _: TheCouncil, ask: Ask) -> Verdict {
        match self {
            CouncilForm::Is(f) | CouncilForm::CouncilIs(f) => Verdict {
                holds: e.council().has_flag(f),
                uncertain: ask.uncertain(|| e.council().flags_uncertain),
            },
            CouncilForm::Assurance { within, addresses } => Verdict {
                holds: e.assured(None, *within, addresses.as_ref()),
                uncertain: ask.uncertain(|| e.records_uncertain()),
            },
        }
    }

    fn why(&self, e: &Evaluator<'_, '_>, _: TheCouncil, holds: bool) -> Why {
        match (self, holds) {
            (CouncilForm::Is(f) | CouncilForm::CouncilIs(f), false) => e.council_unflagged(f, "is not"),
            (CouncilForm::Is(f) | CouncilForm::CouncilIs(f), true) => e.council_flagged(f, "is marked"),
            (CouncilForm::Assurance { within, addresses }, false) => e.why_unassured(None, *within, addresses.as_ref()),
            (CouncilForm::Assurance { within, .. }, true) => e.why_assured(None, *within),
        }
    }
}

impl<'c, 'a> Evaluator<'c, 'a> {
    /// Whether an assurance record of the council did not lower or parse, so that
    /// "no assurance" may be a cascade.
    fn records_uncertain(&self) -> bool {
        self.council().records.iter().any(|r| r.incomplete) || self.council().records_uncertain
    }

    /// A role the post holds for the rules that is not in `group`, with its `holds` line.
    pub(super) fn role_outside(&self, post: usize, group: &Group) -> Option<&'a HeldRole> {
        let post = self.post(post);
        if post.vacant.is_some() {
            return None;
        }
        post.roles.iter().find(|h| !group.contains(&h.role))
    }

    /// A line of the post's `relation` (declared or implied) naming a body or function
    /// not in `group`, with that name.
    pub(super) fn target_outside(
        &self,
        post: usize,
        relation: &str,
        group: &Group,
    ) -> Option<(&'a RelationStmt, Name)> {
        self.post(post)
            .relations
            .iter()
            .filter(|r| r.relation == relation)
            .find_map(|r| {
                r.targets.iter().find_map(|t| match t {
                    TargetRef::Item(n) if !group.contains(n) => Some((r, n.clone())),
                    _ => None,
                })
            })
    }

    /// The names of `target` the post's `relation` lines do not reach. For `(A or B)`
    /// that is both when neither is reached, else none.
    pub(super) fn missing_targets(&self, post: usize, relation: &str, kind: TargetKind, target: &Target) -> Vec<Name> {
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

    pub(super) fn missing_elements(&self, record: usize, target: &Target) -> Vec<Name> {
        let r = self.record(record);
        missing(target, |e| r.addresses.iter().any(|a| a == e))
    }
}

/// Whether the post is one the selector is about. A vacant post holds no role for the
/// rules, so no selector of roles matches it.
pub(super) fn selects(selector: &Selector, post: &Post) -> bool {
    if post.vacant.is_some() {
        return false;
    }
    match selector {
        Selector::Role(r) => post.holds(r),
        Selector::Combine { roles, others, except } => {
            let other = |h: &&HeldRole| !roles.contains(&h.role);
            roles.iter().all(|r| post.holds(r))
                && (!*others || post.roles.iter().any(|h| other(&h)))
                && except
                    .iter()
                    .all(|g| post.roles.iter().filter(other).any(|h| !g.contains(&h.role)))
        }
    }
}

pub(super) fn has_flag(post: &Post, flag: &Flag) -> bool {
    match flag {
        Flag::Officer => post.kind == PostKind::Officer,
        Flag::Member => post.kind == PostKind::Member,
        Flag::Shared => !post.shared_with.is_empty() || post.unknown.shared,
        Flag::Vacant => post.vacant.is_some(),
        Flag::Named(f) => post.has_flag(f),
    }
}

/// The names of a target group that `reaches` does not reach: for `(A or B)` all of
/// them when none is reached, else none.
pub(super) fn missing(target: &Target, reaches: impl Fn(&str) -> bool) -> Vec<Name> {
    let missing: Vec<Name> = target.names.iter().filter(|n| !reaches(n)).cloned().collect();
    match target.mode {
        TargetMode::Any if missing.len() < target.names.len() => Vec::new(),
        _ => missing,
    }
}
