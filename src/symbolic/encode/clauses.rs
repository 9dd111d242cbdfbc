//! Clauses as literals, following the checker arm by arm: its quantifiers over the
//! subjects a clause is about (`check/rules/mod.rs`) and, in one `Encode` per kind of
//! form, each form's verdict (`check/rules/meaning.rs`).

use super::*;

impl<'u, S: Solve + SolveIncremental> Encoding<'u, S> {
    /// The checker's `verdict(cond, s).holds`: the connectives here, each form in its
    /// kind's `Encode`.
    pub fn cond<F: Encode>(&mut self, cond: &Cond<F>, s: F::Of, as_of: Date) -> Lit {
        match cond {
            Cond::Not(c) => !self.cond(c, s, as_of),
            Cond::And(cs) => {
                let lits: Vec<Lit> = cs.iter().map(|c| self.cond(c, s, as_of)).collect();
                self.and(&lits)
            }
            Cond::Or(cs) => {
                let lits: Vec<Lit> = cs.iter().map(|c| self.cond(c, s, as_of)).collect();
                self.or(&lits)
            }
            Cond::Form(f) => f.encode(self, s, as_of),
        }
    }

    /// `selects(selector, post)`: the post exists and, unless the selector is `post`, is
    /// not vacant and holds what the selector asks.
    pub(super) fn selects(&mut self, selector: &Selector, p: usize) -> Lit {
        let here = self.exists[p];
        let not_vacant = !self.vacant[p];
        match selector {
            Selector::Post => here,
            Selector::Role(r) => {
                let h = self.holds(p, r);
                self.and(&[here, h])
            }
            Selector::Combine { roles, others, except } => {
                let mut all: Vec<Lit> = vec![here, not_vacant];
                for r in roles {
                    all.push(self.holds(p, r));
                }
                let other = |e: &Self, g: Option<&Group>| -> Vec<Lit> {
                    e.universe
                        .roles
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !roles.contains(r) && g.is_none_or(|g| !e.universe.in_group(g, r)))
                        .map(|(i, _)| e.declares[p][i])
                        .collect()
                };
                if *others {
                    let lits = other(self, None);
                    all.push(self.or(&lits));
                }
                for g in except {
                    let lits = other(self, Some(g));
                    all.push(self.or(&lits));
                }
                self.and(&all)
            }
        }
    }

    /// A literal true exactly when the council breaks `clause` (the checker's `run`):
    /// it is in the clause's scope and breaks it there.
    pub fn broken(&mut self, clause: &hir::Clause, as_of: Date) -> Lit {
        let mut applies = Vec::new();
        if let Some(w) = &clause.scope.when {
            applies.push(self.cond(w, (), as_of));
        }
        if let Some(u) = &clause.scope.unless {
            let exempt = self.cond(u, (), as_of);
            applies.push(!exempt);
        }
        let broken = self.broken_within(clause, as_of);
        applies.push(broken);
        self.and(&applies)
    }

    /// Whether the council breaks `clause`, its scope aside.
    fn broken_within(&mut self, clause: &hir::Clause, as_of: Date) -> Lit {
        match &clause.about {
            About::Posts { selector, conditions } => {
                let subjects: Vec<(usize, Lit)> =
                    (0..self.bounds.posts).map(|p| (p, self.selects(selector, p))).collect();
                self.broken_over(clause, conditions, &subjects, as_of)
            }
            About::Records(conditions) => {
                let subjects: Vec<(usize, Lit)> = (0..self.bounds.records).map(|m| (m, self.record[m])).collect();
                self.broken_over(clause, conditions, &subjects, as_of)
            }
            About::Council(conditions) => {
                let subjects = [((), self.truth)];
                self.broken_over(clause, conditions, &subjects, as_of)
            }
        }
    }

    /// The checker's `run_over`: the clause's quantifier over `subjects`, each with the
    /// literal that it is one.
    pub(super) fn broken_over<F: Encode>(
        &mut self,
        clause: &hir::Clause,
        conditions: &Conditions<F>,
        subjects: &[(F::Of, Lit)],
        as_of: Date,
    ) -> Lit {
        let mut exempt = Vec::new();
        let mut satisfies = Vec::new();
        for &(s, _) in subjects {
            let mut why = Vec::new();
            if let Some(w) = &conditions.when {
                why.push(!self.cond(w, s, as_of));
            }
            if let Some(u) = &conditions.unless {
                why.push(self.cond(u, s, as_of));
            }
            exempt.push(self.or(&why));
            satisfies.push(match &conditions.condition {
                Some(c) => self.cond(c, s, as_of),
                None => self.truth,
            });
        }
        let falsity = self.falsity();
        match (clause.quantifier, clause.negated) {
            (Quantifier::Each, false) => {
                if conditions.condition.is_none() {
                    return falsity;
                }
                let bad: Vec<Lit> = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, is))| self.and(&[is, !exempt[i], !satisfies[i]]))
                    .collect();
                self.or(&bad)
            }
            (Quantifier::Each | Quantifier::Exists, true) => {
                let bad: Vec<Lit> = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, is))| self.and(&[is, !exempt[i], satisfies[i]]))
                    .collect();
                self.or(&bad)
            }
            (Quantifier::Exists | Quantifier::One, false) => {
                // The subjects that are ones the clause counts and meet its condition.
                let good: Vec<Lit> = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, is))| self.and(&[is, satisfies[i]]))
                    .collect();
                let none = !self.or(&good);
                if clause.quantifier != Quantifier::One {
                    return none;
                }
                let many = self.at_least_two(&good);
                self.or(&[none, many])
            }
            (Quantifier::One, true) => falsity,
        }
    }
}

/// A kind of form, encoded as the checker's `Form::verdict` evaluates it, arm by arm.
pub trait Encode {
    /// The subject: a post's or a record's index, or `()` for the council.
    type Of: Copy;
    fn encode<S: Solve + SolveIncremental>(&self, e: &mut Encoding<'_, S>, s: Self::Of, as_of: Date) -> Lit;
}

impl Encode for PostForm {
    type Of = usize;

    fn encode<S: Solve + SolveIncremental>(&self, e: &mut Encoding<'_, S>, p: usize, as_of: Date) -> Lit {
        match self {
            // A vacant post takes part in no relation for the rules.
            PostForm::Relation { relation, kind, target } => {
                let reached = match kind {
                    TargetKind::Post => e.target(target, |e, role| {
                        let mut via = Vec::new();
                        for q in 0..e.bounds.posts {
                            let line = e.reaches_post(p, relation, q);
                            let holds = e.holds(q, role);
                            via.push(e.and(&[line, holds]));
                        }
                        e.or(&via)
                    }),
                    TargetKind::Body | TargetKind::Function => {
                        e.target(target, |e, item| e.reaches_item(p, relation, item))
                    }
                };
                let v = e.vacant[p];
                e.and(&[reached, !v])
            }
            PostForm::Holds { role, interim: true } => e.holds_interim(p, role),
            PostForm::Holds { role, interim: false } => e.holds(p, role),
            PostForm::Is(Flag::Officer) => e.officer[p],
            PostForm::Is(Flag::Member) => !e.officer[p],
            PostForm::Is(Flag::Shared) => e.shared[p],
            PostForm::Is(Flag::Vacant) => e.vacant[p],
            PostForm::Is(Flag::Named(f)) => match e.universe.flags.iter().position(|x| x == f) {
                Some(i) => e.flag[p][i],
                None => e.falsity(),
            },
            PostForm::CouncilIs(f) => e.council_flag_lit(f),
            PostForm::HoldsOtherThan(group) => {
                let outside: Vec<Lit> = e
                    .universe
                    .roles
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !e.universe.in_group(group, r))
                    .map(|(i, _)| e.declares[p][i])
                    .collect();
                let any = e.or(&outside);
                let v = e.vacant[p];
                e.and(&[any, !v])
            }
            PostForm::RelationOtherThan { relation, group, .. } => {
                let items = e.items_of(relation);
                let outside: Vec<Lit> = items
                    .iter()
                    .filter(|i| !e.universe.in_group(group, i))
                    .map(|i| e.reaches_item(p, relation, i))
                    .collect();
                let any = e.or(&outside);
                let v = e.vacant[p];
                e.and(&[any, !v])
            }
            PostForm::Assurance { within, addresses } => e.assured(Some(p), *within, addresses.as_ref(), as_of),
        }
    }
}

impl Encode for RecordForm {
    type Of = usize;

    fn encode<S: Solve + SolveIncremental>(&self, e: &mut Encoding<'_, S>, m: usize, as_of: Date) -> Lit {
        match self {
            RecordForm::DatedWithin(d) => {
                let within = e.counts(m, Some(*d), as_of);
                let future = e.class[m][e.universe.future()];
                e.or(&[within, future])
            }
            RecordForm::Addresses(target) => e.target(target, |e, el| e.address(m, el)),
            RecordForm::Covers(role) => {
                let mut via = Vec::new();
                for p in 0..e.bounds.posts {
                    let c = e.covers[m][p];
                    let h = e.holds(p, role);
                    via.push(e.and(&[c, h]));
                }
                e.or(&via)
            }
            RecordForm::CouncilIs(f) => e.council_flag_lit(f),
        }
    }
}

impl Encode for CouncilForm {
    type Of = ();

    fn encode<S: Solve + SolveIncremental>(&self, e: &mut Encoding<'_, S>, _: (), as_of: Date) -> Lit {
        match self {
            CouncilForm::Is(f) | CouncilForm::CouncilIs(f) => e.council_flag_lit(f),
            CouncilForm::Assurance { within, addresses } => e.assured(None, *within, addresses.as_ref(), as_of),
        }
    }
}
