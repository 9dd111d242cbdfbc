//! The meaning of every condition form (design section 4.1): whether it holds of a post
//! or a record, and whether the answer is uncertain because a line of the council did
//! not resolve. One arm per form in `eval` and in `uncertain`.

use crate::hir::{Cond, Flag, Group, HeldRole, Post, RelationStmt, Selector, Target, TargetRef};
use crate::syntax::Name;
use crate::syntax::ast::{PostKind, TargetKind, TargetMode};

use super::{Evaluator, Subject, earliest_within};

impl<'c, 'a> Evaluator<'c, 'a> {
    // ─── Evaluation ────────────────────────────────────────────────────────────

    pub(super) fn eval(&self, cond: &Cond, s: Subject) -> bool {
        match cond {
            Cond::Not(c) => !self.eval(c, s),
            Cond::And(cs) => cs.iter().all(|c| self.eval(c, s)),
            Cond::Or(cs) => cs.iter().any(|c| self.eval(c, s)),
            Cond::Relation { relation, kind, target } => match s {
                Subject::Post(p) => self.missing_targets(p, relation, *kind, target).is_empty(),
                Subject::Record(_) | Subject::Council => false,
            },
            Cond::Holds { role, interim: false } => matches!(s, Subject::Post(p) if self.post(p).holds(role)),
            Cond::Holds { role, interim: true } => matches!(s, Subject::Post(p) if self.post(p).holds_interim(role)),
            Cond::Is(flag) => match (s, flag) {
                (Subject::Post(p), flag) => has_flag(self.post(p), flag),
                (Subject::Council, Flag::Named(f)) => self.council().has_flag(f),
                (Subject::Council, _) | (Subject::Record(_), _) => false,
            },
            Cond::CouncilIs(f) => self.council().has_flag(f),
            Cond::HoldsOtherThan(group) => match s {
                Subject::Post(p) => self.role_outside(p, group).is_some(),
                Subject::Record(_) | Subject::Council => false,
            },
            Cond::RelationOtherThan { relation, group, .. } => match s {
                Subject::Post(p) => self.target_outside(p, relation, group).is_some(),
                Subject::Record(_) | Subject::Council => false,
            },
            Cond::Assurance { within, addresses } => match s {
                Subject::Post(p) => self.assured(Some(p), *within, addresses.as_ref()),
                Subject::Council => self.assured(None, *within, addresses.as_ref()),
                Subject::Record(_) => false,
            },
            Cond::DatedWithin(d) => match s {
                Subject::Record(r) => self
                    .record(r)
                    .dated
                    .is_some_and(|(date, _)| date >= earliest_within(self.ctx.as_of, *d)),
                Subject::Post(_) | Subject::Council => false,
            },
            Cond::Addresses(target) => match s {
                Subject::Record(r) => self.missing_elements(r, target).is_empty(),
                Subject::Post(_) | Subject::Council => false,
            },
            Cond::Covers(role) => match s {
                Subject::Record(r) => self.record(r).covers.iter().any(|&p| self.post(p).holds(role)),
                Subject::Post(_) | Subject::Council => false,
            },
        }
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

    /// Whether the value of `cond` for `s` rests on something that did not lower (an
    /// unknown name, a bad line), so that a violation could be a cascade of an error
    /// already reported.
    pub(super) fn uncertain(&self, cond: &Cond, s: Subject) -> bool {
        match (cond, s) {
            (_, Subject::Post(p)) if self.post(p).unknown.anything => true,
            (_, Subject::Record(r)) if self.record(r).incomplete => true,
            (Cond::Not(c), _) => self.uncertain(c, s),
            (Cond::CouncilIs(_), _) | (Cond::Is(Flag::Named(_)), Subject::Council) => self.council().flags_uncertain,
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
            (Cond::Holds { role, .. }, Subject::Post(p)) => self.post(p).unknown.might_hold(role),
            (Cond::HoldsOtherThan(_), Subject::Post(p)) => self.post(p).unknown.any_holds(),
            (Cond::RelationOtherThan { relation, .. }, Subject::Post(p)) => self.post(p).unknown.relation(relation),
            (Cond::Is(Flag::Named(_)), Subject::Post(p)) => self.post(p).unknown.flags,
            (Cond::Is(Flag::Shared), Subject::Post(p)) => self.post(p).unknown.shared,
            (Cond::Assurance { .. }, Subject::Post(_) | Subject::Council) => {
                self.council().records.iter().any(|r| r.incomplete) || self.council().records_uncertain
            }
            (Cond::Covers(role), Subject::Record(r)) => self
                .record(r)
                .covers
                .iter()
                .any(|&p| self.post(p).unknown.might_hold(role)),
            // Known for certain: a post's kind, and a complete record's date and elements.
            (Cond::Is(Flag::Officer | Flag::Member | Flag::Vacant), Subject::Post(_))
            | (Cond::DatedWithin(_) | Cond::Addresses(_), Subject::Record(_)) => false,
            // A condition about another kind of subject: lowering refuses it (E0102).
            (Cond::Relation { .. } | Cond::Holds { .. } | Cond::Is(_) | Cond::Assurance { .. }, Subject::Record(_))
            | (Cond::DatedWithin(_) | Cond::Addresses(_) | Cond::Covers(_), Subject::Post(_) | Subject::Council)
            | (Cond::Relation { .. } | Cond::Holds { .. } | Cond::Is(_), Subject::Council)
            | (Cond::HoldsOtherThan(_) | Cond::RelationOtherThan { .. }, Subject::Record(_) | Subject::Council) => {
                false
            }
        }
    }

    /// Whether it is uncertain that `s` is exempt (by `when` or `unless`).
    pub(super) fn exemption_uncertain(&self, s: Subject) -> bool {
        let clause = self.clause;
        clause.when.iter().chain(&clause.unless).any(|c| self.uncertain(c, s))
    }

    /// Whether "no post matches" may be a cascade of a post or record that did not lower.
    pub(super) fn none_uncertain(&self) -> bool {
        let council = self.council();
        match &self.clause.selector {
            Selector::Assurance => council.records_uncertain || council.records.iter().any(|r| r.incomplete),
            Selector::Role(r) => council.role_uncertain(r),
            Selector::Combine { roles, .. } => roles.iter().any(|r| council.role_uncertain(r)),
            Selector::Council => false,
        }
    }
}

/// The names a relation condition points at.
pub(super) fn target_names(cond: &Cond) -> &[Name] {
    match cond {
        Cond::Relation { target, .. } => &target.names,
        _ => &[],
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
        Selector::Assurance | Selector::Council => false,
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
