//! The meaning of every condition form (design section 4.1), in one place per form: its
//! verdict of a subject (whether it holds, and whether that is uncertain because a line
//! of the council did not resolve) and why it has that verdict: a typed [`Reason`]
//! (worded in `crate::messages`), with the line to point at and the edit that would
//! change it. The connectives are handled once, in
//! [`Evaluator::verdict`] and [`Evaluator::why`]; each kind of form (said of posts,
//! records or the council) is one `impl Form`, whose two matches the compiler holds to
//! every form of the kind.

use crate::hir::{
    Cond, CouncilForm, Flag, Group, HeldRole, Post, PostForm, RecordForm, RelationStmt, Selector, Target, TargetRef,
};
use crate::syntax::Name;
use crate::syntax::ast::Duration;
use crate::syntax::ast::{PostKind, TargetKind, TargetMode};
use jiff::civil::Date;

use super::explanation::Why;
use super::{Evaluator, Subject, earliest_within};

/// Why a condition has the value it has for a subject: the facts its words need, recorded
/// by the forms' `why` below. Each variant is one explanation of one form (or of the
/// connectives); its words and the fix they suggest are written in `crate::messages`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Every part of an `and` that holds (`all`) or of an `or` that fails.
    Joined { parts: Vec<Reason>, all: bool },
    /// No part decides (an empty `and` or `or`): the subject meets the condition or not.
    Undecided { holds: bool },
    /// The subject holds what the clause rules out, and nothing more is to be said.
    Held(HeldFix),

    /// The council lacks `is FLAG`; `own` when the condition is said of the council
    /// itself, else of a post or record that belongs to it.
    CouncilUnflagged { flag: Name, council: Name, own: bool },
    /// The council is marked `is FLAG`.
    CouncilFlagged { flag: Name, own: bool },

    /// A post has no line relating it to a post that holds a target role, and holds one
    /// itself: `own` are the target roles it holds, `roles` those to separate.
    HoldsTargetItself {
        relation: Name,
        own: Vec<Name>,
        roles: Vec<Name>,
        has_line: bool,
    },
    /// A post has no `relation` line to a post; `holder` is the one post that holds
    /// the missing roles, if there is exactly one.
    NoRelationLine {
        relation: Name,
        post: Name,
        holder: Option<Name>,
        missing: Vec<Name>,
        any: bool,
    },
    /// A post's `relation` line names posts that do not hold the missing roles.
    RelationNamesOthers {
        relation: Name,
        named: Vec<Name>,
        holder: Option<Name>,
        missing: Vec<Name>,
        any: bool,
    },
    /// A post's `relation` lines do not name the missing items.
    LacksItems {
        relation: Name,
        post: Name,
        missing: Vec<Name>,
        any: bool,
        has_line: bool,
    },
    /// A post's `relation` line names `target`, a post that holds `role`.
    RelatesToHolder {
        relation: Name,
        implied_by: Option<Name>,
        target: Name,
        role: Name,
    },
    /// A post's `relation` line names the item `item`.
    RelatesToItem {
        relation: Name,
        implied_by: Option<Name>,
        item: Name,
    },
    /// A post has the relation, without a line to show.
    HasRelation { relation: Name },

    /// A post holds `role` but is vacant.
    HoldsButVacant { role: Name },
    /// A vacant post takes part in no relation for the rules, whatever its lines say.
    RelationButVacant { relation: Name },
    /// A post holds `role`, but not on an interim basis.
    HoldsNotInterim { role: Name },
    /// A post does not hold `role` (on an interim basis, with `interim`).
    /// `subject`: the role the clause selects the post by, when it is another.
    DoesNotHold {
        role: Name,
        interim: bool,
        post: Name,
        subject: Option<Name>,
    },
    /// A post holds `role` (on an interim basis, with `interim`).
    AlsoHolds { role: Name, interim: bool },
    /// A post is not what `is FLAG` asks.
    NotFlagged { flag: Flag, post: Name },
    /// A post is what `is FLAG` says; `partners` for `shared`.
    Flagged { flag: Flag, partners: Vec<Name> },
    /// A post holds no role outside the group.
    HoldsNoneOutside { group: Name },
    /// A post holds `role` (if known), which is outside the group.
    HoldsOutside { role: Option<Name>, group: Name },
    /// A post's `relation` lines name nothing outside the group.
    NoRelationOutside { relation: Name, group: Name },
    /// A post's `relation` line names `item` (if known), which is outside the group.
    RelationOutside {
        relation: Name,
        implied_by: Option<Name>,
        item: Option<Name>,
        group: Name,
    },

    /// Assurance taken together, for a post or the council.
    Assurance(AssuranceReason),
    /// A form said of an assurance record.
    Record(RecordReason),
}

/// Why assurance taken together (language-v2.md 2.4) does or does not hold of a post or
/// the council.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssuranceReason {
    /// No assurance record covers the post (`Some`), or the council has none (`None`).
    None { post: Option<Name> },
    /// No record about the post (`about_post`) or the council counts on the check date.
    NoneDated {
        about_post: bool,
        within: Option<Duration>,
        as_of: Date,
        latest: Latest,
    },
    /// The records that count do not, together, address `unaddressed`.
    NotAddressed {
        about_post: bool,
        within: Option<Duration>,
        records: Vec<Name>,
        unaddressed: Vec<Name>,
    },
    /// The records that count.
    Assured { about_post: bool, records: Vec<Name> },
}

/// Why a form said of an assurance record has its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordReason {
    /// A record is dated more than `within` before the check date, or not at all.
    DatedBefore {
        date: Option<Date>,
        within: Duration,
        as_of: Date,
    },
    /// A record is dated within `within` of the check date.
    DatedWithin {
        date: Option<Date>,
        within: Duration,
        as_of: Date,
    },
    /// A record does not address the missing elements.
    AddressesNot {
        record: Name,
        missing: Vec<Name>,
        any: bool,
        has_line: bool,
    },
    /// A record addresses `present`.
    AddressesSome { present: Vec<Name> },
    /// A record covers no post that holds `role`.
    CoversNone { role: Name, record: Name },
    /// A record covers a post that holds `role`.
    Covers { role: Name },
}

impl From<AssuranceReason> for Reason {
    fn from(r: AssuranceReason) -> Reason {
        Reason::Assurance(r)
    }
}

impl From<RecordReason> for Reason {
    fn from(r: RecordReason) -> Reason {
        Reason::Record(r)
    }
}

/// What to do about a subject that holds what a clause rules out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeldFix {
    /// Remove `role` from the post's `holds` line.
    RemoveRole { role: Name, post: Name },
    /// Give the roles to separate posts.
    Separate,
    /// Nothing to suggest (a record or the council).
    Nothing,
}

/// The record that comes nearest to counting, when none does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Latest {
    /// The latest record dated by the check date.
    Past { record: Name, dated: Date },
    /// The earliest record, dated after the check date.
    Future { record: Name, dated: Date },
    /// No record has a date.
    None,
}

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
                        None => Why::new(Reason::Undecided { holds }, None),
                    };
                }
                let whys: Vec<Why> = cs.iter().map(|c| self.why(c, s, holds)).collect();
                let span = whys.iter().find_map(|w| w.span);
                let parts = whys.into_iter().map(|w| w.reason).collect();
                Why::new(Reason::Joined { parts, all }, span)
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
            // A vacant post takes part in no relation for the rules.
            PostForm::Relation { relation, kind, target } => (
                post.vacant.is_none() && e.missing_targets(p, relation, *kind, target).is_empty(),
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
                post.vacant.is_none() && e.target_outside(p, relation, group).is_some(),
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
            (PostForm::Relation { relation, .. } | PostForm::RelationOtherThan { relation, .. }, false)
                if e.post(p).vacant.is_some() =>
            {
                Why::new(
                    Reason::RelationButVacant {
                        relation: relation.clone(),
                    },
                    e.post(p).vacant,
                )
            }
            (PostForm::Relation { relation, kind, target }, false) => e.relation_false(p, relation, *kind, target),
            (PostForm::Relation { relation, kind, target }, true) => e.relation_true(p, relation, *kind, target),
            (PostForm::Holds { role, interim }, false) => e.holds_false(p, role, *interim),
            (PostForm::Holds { role, interim }, true) => Why::new(
                Reason::AlsoHolds {
                    role: role.clone(),
                    interim: *interim,
                },
                e.post(p).holds_span(Some(role)),
            ),
            (PostForm::Is(flag), false) => e.flag_false(p, flag),
            (PostForm::Is(flag), true) => e.flag_true(p, flag),
            (PostForm::CouncilIs(f), false) => e.council_unflagged(f, false),
            (PostForm::CouncilIs(f), true) => e.council_flagged(f, false),
            (PostForm::HoldsOtherThan(group), false) => Why::new(
                Reason::HoldsNoneOutside {
                    group: group.name.clone(),
                },
                None,
            ),
            (PostForm::HoldsOtherThan(group), true) => {
                let held = e.role_outside(p, group);
                Why::new(
                    Reason::HoldsOutside {
                        role: held.map(|h| h.role.clone()),
                        group: group.name.clone(),
                    },
                    held.map(|h| h.stmt),
                )
            }
            (PostForm::RelationOtherThan { relation, group, .. }, false) => Why::new(
                Reason::NoRelationOutside {
                    relation: relation.clone(),
                    group: group.name.clone(),
                },
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
        let as_of = e.ctx.as_of;
        match (self, holds) {
            (RecordForm::DatedWithin(d), false) => Why::new(
                RecordReason::DatedBefore {
                    date: record.dated.map(|(date, _)| date),
                    within: *d,
                    as_of,
                },
                record.dated.map(|(_, span)| span),
            ),
            (RecordForm::DatedWithin(d), true) => Why::new(
                RecordReason::DatedWithin {
                    date: record.dated.map(|(date, _)| date),
                    within: *d,
                    as_of,
                },
                record.dated.map(|(_, span)| span),
            ),
            (RecordForm::Addresses(target), false) => e.addresses_false(r, target),
            (RecordForm::Addresses(target), true) => {
                let present = target
                    .names
                    .iter()
                    .filter(|n| record.addresses.contains(n))
                    .cloned()
                    .collect();
                Why::new(RecordReason::AddressesSome { present }, record.addresses_span)
            }
            (RecordForm::Covers(role), false) => Why::new(
                RecordReason::CoversNone {
                    role: role.clone(),
                    record: record.name.clone(),
                },
                record.covers_span,
            ),
            (RecordForm::Covers(role), true) => {
                Why::new(RecordReason::Covers { role: role.clone() }, record.covers_span)
            }
            (RecordForm::CouncilIs(f), false) => e.council_unflagged(f, false),
            (RecordForm::CouncilIs(f), true) => e.council_flagged(f, false),
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
            (CouncilForm::Is(f) | CouncilForm::CouncilIs(f), false) => e.council_unflagged(f, true),
            (CouncilForm::Is(f) | CouncilForm::CouncilIs(f), true) => e.council_flagged(f, true),
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
/// rules, so no selector of roles matches it; `post` selects it.
pub(super) fn selects(selector: &Selector, post: &Post) -> bool {
    match selector {
        Selector::Post => true,
        _ if post.vacant.is_some() => false,
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
