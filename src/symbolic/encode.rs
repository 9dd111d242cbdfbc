//! The guidance as a SAT problem over a bounded council (language-v2.md 2.14): a council
//! of up to N posts and M assurance records, every name of the vocabulary free to be held,
//! named in a line, flagged or addressed, and dates reduced to the classes the clauses
//! distinguish. Each clause gets a literal that is true exactly when the council the
//! model describes breaks it, following the checker's meaning of every form
//! (`check/rules/meaning.rs`, `check/rules/mod.rs`) arm by arm; a model decodes to a
//! council ([`Model`]) that `witness.rs` writes as regard source.
//!
//! What the bound leaves out, by design: records not dated (E0001) and `reports_to`
//! lines that go round in a circle (E0202), which are errors. A record dated after the
//! check date (W0208) is a class of its own, left out of witnesses. A post may be shared with another council; a
//! witness is looked for without shared posts first (a partner council must declare a
//! joint post back), and written with its partner when it needs one.

use jiff::civil::Date;
use rustsat::solvers::{Solve, SolveIncremental, SolverResult};
use rustsat::types::{Clause as Cnf, Lit, TernaryVal};

use crate::check::rules::earliest_within;
use crate::hir::{self, Cond, DefKind, DefMap, Flag, Group, Selector, Target};
use crate::syntax::Name;
use crate::syntax::ast::{Duration, Quantifier, TargetKind, TargetMode};

/// How large a council the analysis considers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub posts: usize,
    pub records: usize,
}

/// The names a council may use: every one the vocabulary declares.
pub struct Universe {
    pub roles: Vec<Name>,
    pub flags: Vec<Name>,
    pub council_flags: Vec<Name>,
    pub elements: Vec<Name>,
    /// Relations from posts to posts, and from posts to bodies or functions, with the
    /// items of their target kind.
    pub post_relations: Vec<Name>,
    pub item_relations: Vec<(Name, Vec<Name>)>,
    /// The dates that split records into classes: the earliest date within each
    /// duration the clauses name, newest first, without repeats.
    pub boundaries: Vec<Date>,
}

impl Universe {
    pub fn new(defs: &DefMap, clauses: &[&hir::Clause], as_of: Date) -> Universe {
        let names = |kind| defs.names_of(kind).map(Name::from).collect::<Vec<Name>>();
        let mut post_relations = Vec::new();
        let mut item_relations = Vec::new();
        for r in defs.names_of(DefKind::Relation) {
            match defs.get_kind(r, DefKind::Relation).and_then(|d| d.target) {
                Some(TargetKind::Post) => post_relations.push(Name::from(r)),
                Some(TargetKind::Body) => item_relations.push((Name::from(r), names(DefKind::Body))),
                Some(TargetKind::Function) => item_relations.push((Name::from(r), names(DefKind::Function))),
                None => {}
            }
        }
        let mut durations = Vec::new();
        for clause in clauses {
            for cond in [&clause.condition, &clause.when, &clause.unless].into_iter().flatten() {
                durations_in(cond, &mut durations);
            }
        }
        let mut boundaries: Vec<Date> = durations.iter().map(|d| earliest_within(as_of, *d)).collect();
        boundaries.sort_unstable_by(|a, b| b.cmp(a));
        boundaries.dedup();
        Universe {
            roles: names(DefKind::Role),
            flags: names(DefKind::Flag),
            council_flags: names(DefKind::CouncilFlag),
            elements: names(DefKind::Element),
            post_relations,
            item_relations,
            boundaries,
        }
    }

    /// How many date classes a record can fall in: one per boundary, older than them
    /// all, and (the last) after the check date.
    pub fn classes(&self) -> usize {
        self.boundaries.len() + 2
    }

    /// The class of dates after the check date: such a record counts for nothing
    /// (W0208), though it is "dated within" any duration.
    pub fn future(&self) -> usize {
        self.boundaries.len() + 1
    }

    /// The class of a record dated `date`: the number of boundaries after it, or
    /// [`Universe::future`].
    pub fn class_of(&self, date: Date, as_of: Date) -> usize {
        match date > as_of {
            true => self.future(),
            false => self.boundaries.iter().take_while(|b| date < **b).count(),
        }
    }

    /// A date in class `class`, for a witness: the boundary itself, or the day before
    /// the oldest for the last class.
    pub fn date_in(&self, class: usize, as_of: Date) -> Date {
        if class == self.future() {
            return as_of.tomorrow().unwrap_or(as_of);
        }
        match self.boundaries.get(class) {
            Some(&b) => b,
            None => match self.boundaries.last() {
                Some(&oldest) => oldest.yesterday().unwrap_or(oldest),
                None => as_of,
            },
        }
    }
}

/// The durations a condition counts back from the check date: each splits records'
/// dates into classes.
fn durations_in(cond: &Cond, out: &mut Vec<Duration>) {
    for form in cond.forms() {
        match form {
            Cond::Assurance { within: Some(d), .. } | Cond::DatedWithin(d) => out.push(*d),
            Cond::Assurance { within: None, .. }
            | Cond::Relation { .. }
            | Cond::Holds { .. }
            | Cond::Is(_)
            | Cond::CouncilIs(_)
            | Cond::HoldsOtherThan(_)
            | Cond::RelationOtherThan { .. }
            | Cond::Addresses(_)
            | Cond::Covers(_) => {}
            // `forms` gives no connective.
            Cond::Not(_) | Cond::And(_) | Cond::Or(_) => {}
        }
    }
}

/// A post or a record of the symbolic council, or the council.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Post(usize),
    Record(usize),
    Council,
}

/// The variables of a council of `bounds` over `universe`, and the clauses that make any
/// assignment of them a council that can be written down.
pub struct Encoding<'u, S> {
    pub solver: S,
    pub universe: &'u Universe,
    pub bounds: Bounds,
    defs: &'u DefMap,
    next: u32,
    pub exists: Vec<Lit>,
    pub officer: Vec<Lit>,
    pub vacant: Vec<Lit>,
    /// The post is shared with another council (`shared_with`).
    pub shared: Vec<Lit>,
    /// `declares[p][r]`: a `holds` line of post p names role r.
    pub declares: Vec<Vec<Lit>>,
    pub interim: Vec<Vec<Lit>>,
    pub flag: Vec<Vec<Lit>>,
    /// `post_line[rel][p][q]`: post p has a declared `rel` line naming post q.
    pub post_line: Vec<Vec<Vec<Lit>>>,
    /// `item_line[rel][p][i]`: post p has a declared `rel` line naming item i.
    pub item_line: Vec<Vec<Vec<Lit>>>,
    pub council_flag: Vec<Lit>,
    pub record: Vec<Lit>,
    pub covers: Vec<Vec<Lit>>,
    pub addresses: Vec<Vec<Lit>>,
    /// `class[m][k]`: record m is dated in class k (exactly one, for a record).
    pub class: Vec<Vec<Lit>>,
    truth: Lit,
}

impl<'u, S: Solve + SolveIncremental> Encoding<'u, S> {
    pub fn new(mut solver: S, universe: &'u Universe, defs: &'u DefMap, bounds: Bounds) -> Encoding<'u, S> {
        let mut next = 0u32;
        let mut fresh = || {
            let lit = Lit::positive(next);
            next += 1;
            lit
        };
        let truth = fresh();
        let n = bounds.posts;
        let m = bounds.records;
        let mut grid = |rows: usize, cols: usize| -> Vec<Vec<Lit>> {
            (0..rows).map(|_| (0..cols).map(|_| fresh()).collect()).collect()
        };
        let declares = grid(n, universe.roles.len());
        let interim = grid(n, universe.roles.len());
        let flag = grid(n, universe.flags.len());
        let covers = grid(m, n);
        let addresses = grid(m, universe.elements.len());
        let class = grid(m, universe.classes());
        let post_line: Vec<Vec<Vec<Lit>>> = universe.post_relations.iter().map(|_| grid(n, n)).collect();
        let item_line: Vec<Vec<Vec<Lit>>> = universe
            .item_relations
            .iter()
            .map(|(_, items)| grid(n, items.len()))
            .collect();
        let mut line = |count: usize| -> Vec<Lit> { (0..count).map(|_| fresh()).collect() };
        let exists = line(n);
        let officer = line(n);
        let vacant = line(n);
        let shared = line(n);
        let council_flag = line(universe.council_flags.len());
        let record = line(m);
        let _ = solver.add_unit(truth);
        let mut e = Encoding {
            solver,
            universe,
            bounds,
            defs,
            next,
            exists,
            officer,
            vacant,
            shared,
            declares,
            interim,
            flag,
            post_line,
            item_line,
            council_flag,
            record,
            covers,
            addresses,
            class,
            truth,
        };
        e.domain();
        e
    }

    /// A new variable's positive literal.
    pub fn fresh_lit(&mut self) -> Lit {
        self.fresh()
    }

    fn fresh(&mut self) -> Lit {
        let lit = Lit::positive(self.next);
        self.next += 1;
        lit
    }

    pub fn add(&mut self, lits: &[Lit]) {
        let _ = self.solver.add_clause(lits.iter().copied().collect::<Cnf>());
    }

    /// What every council of the bound is: posts and records numbered from the first
    /// (so that "up to N" is a prefix), nothing about a post or record that is not there,
    /// an interim holding only of a role held, lines only between posts that exist and
    /// never to the post itself, `reports_to` only to an earlier post (so never a
    /// circle), and each record in exactly one date class.
    fn domain(&mut self) {
        let n = self.bounds.posts;
        for p in 1..n {
            self.add(&[!self.exists[p], self.exists[p - 1]]);
        }
        for m in 1..self.bounds.records {
            self.add(&[!self.record[m], self.record[m - 1]]);
        }
        for p in 0..n {
            let here = self.exists[p];
            let mut owned: Vec<Lit> = vec![self.officer[p], self.vacant[p], self.shared[p]];
            owned.extend(self.flag[p].clone());
            owned.extend(self.declares[p].clone());
            for r in 0..self.universe.roles.len() {
                self.add(&[!self.interim[p][r], self.declares[p][r]]);
            }
            for lines in self.item_line.clone() {
                owned.extend(lines[p].clone());
            }
            for (k, rel) in self.universe.post_relations.clone().iter().enumerate() {
                for q in 0..n {
                    let lit = self.post_line[k][p][q];
                    owned.push(lit);
                    self.add(&[!lit, self.exists[q]]);
                    let backwards = rel.as_str() == crate::check::reporting::REPORTING_RELATION && q >= p;
                    if q == p || backwards {
                        self.add(&[!lit]);
                    }
                }
            }
            for lit in owned {
                self.add(&[!lit, here]);
            }
        }
        for m in 0..self.bounds.records {
            let here = self.record[m];
            let mut owned: Vec<Lit> = self.covers[m].clone();
            owned.extend(self.addresses[m].clone());
            for (p, &c) in self.covers[m].clone().iter().enumerate() {
                self.add(&[!c, self.exists[p]]);
            }
            let classes = self.class[m].clone();
            // A record is in exactly one class; no class without the record.
            let mut one: Vec<Lit> = vec![!here];
            one.extend(classes.iter().copied());
            self.add(&one);
            for i in 0..classes.len() {
                self.add(&[!classes[i], here]);
                for j in i + 1..classes.len() {
                    self.add(&[!classes[i], !classes[j]]);
                }
            }
            for lit in owned {
                self.add(&[!lit, here]);
            }
        }
    }

    // ─── Gates ────────────────────────────────────────────────────────────────

    pub fn truth(&self) -> Lit {
        self.truth
    }

    fn falsity(&self) -> Lit {
        !self.truth
    }

    pub fn and(&mut self, lits: &[Lit]) -> Lit {
        match lits {
            [] => self.truth,
            [one] => *one,
            _ => {
                let out = self.fresh();
                for &l in lits {
                    self.add(&[!out, l]);
                }
                let mut back: Vec<Lit> = lits.iter().map(|&l| !l).collect();
                back.push(out);
                self.add(&back);
                out
            }
        }
    }

    pub fn or(&mut self, lits: &[Lit]) -> Lit {
        let negated: Vec<Lit> = lits.iter().map(|&l| !l).collect();
        !self.and(&negated)
    }

    /// True when at least two of `lits` are.
    fn at_least_two(&mut self, lits: &[Lit]) -> Lit {
        let mut pairs = Vec::new();
        for i in 0..lits.len() {
            for j in i + 1..lits.len() {
                pairs.push(self.and(&[lits[i], lits[j]]));
            }
        }
        self.or(&pairs)
    }

    // ─── The council's facts, as the checker reads them ───────────────────────

    fn role(&self, name: &str) -> Option<usize> {
        self.universe.roles.iter().position(|r| r == name)
    }

    /// `post.holds(role)`: a `holds` line names it and the post is not vacant.
    pub fn holds(&mut self, p: usize, role: &str) -> Lit {
        match self.role(role) {
            Some(r) => {
                let (d, v) = (self.declares[p][r], self.vacant[p]);
                self.and(&[d, !v])
            }
            None => self.falsity(),
        }
    }

    fn holds_interim(&mut self, p: usize, role: &str) -> Lit {
        match self.role(role) {
            Some(r) => {
                let (i, v) = (self.interim[p][r], self.vacant[p]);
                self.and(&[i, !v])
            }
            None => self.falsity(),
        }
    }

    /// Whether post p has a `relation` line (declared, or through a relation that
    /// implies it) naming post q.
    fn reaches_post(&mut self, p: usize, relation: &str, q: usize) -> Lit {
        let mut lits = Vec::new();
        for (k, rel) in self.universe.post_relations.iter().enumerate() {
            if rel == relation || self.defs.implied(rel).iter().any(|i| i == relation) {
                lits.push(self.post_line[k][p][q]);
            }
        }
        self.or(&lits)
    }

    /// Whether post p has a `relation` line (declared or implied) naming item `item`.
    fn reaches_item(&mut self, p: usize, relation: &str, item: &str) -> Lit {
        let mut lits = Vec::new();
        for (k, (rel, items)) in self.universe.item_relations.iter().enumerate() {
            let counts = rel == relation || self.defs.implied(rel).iter().any(|i| i == relation);
            if let Some(i) = items.iter().position(|x| x == item).filter(|_| counts) {
                lits.push(self.item_line[k][p][i]);
            }
        }
        self.or(&lits)
    }

    /// The items of relation `relation`'s target kind.
    fn items_of(&self, relation: &str) -> Vec<Name> {
        self.universe
            .item_relations
            .iter()
            .find(|(r, _)| r == relation)
            .map(|(_, items)| items.clone())
            .unwrap_or_default()
    }

    /// `missing(target, reaches).is_empty()`: all names reached, or any for `(A or B)`.
    fn target(&mut self, target: &Target, mut reaches: impl FnMut(&mut Self, &str) -> Lit) -> Lit {
        let lits: Vec<Lit> = target.names.iter().map(|n| reaches(self, n)).collect();
        match target.mode {
            TargetMode::Any => self.or(&lits),
            TargetMode::One | TargetMode::All => self.and(&lits),
        }
    }

    /// Whether record m counts for `assurance [within N]`: any class but the future
    /// without `within`, else a class no older than N's boundary.
    fn counts(&mut self, m: usize, within: Option<Duration>, as_of: Date) -> Lit {
        match within {
            None => {
                let (here, future) = (self.record[m], self.class[m][self.universe.future()]);
                self.and(&[here, !future])
            }
            Some(d) => {
                let boundary = earliest_within(as_of, d);
                let last = self
                    .universe
                    .boundaries
                    .iter()
                    .position(|b| *b == boundary)
                    .unwrap_or(0);
                let classes: Vec<Lit> = self.class[m][..=last].to_vec();
                self.or(&classes)
            }
        }
    }

    /// The checker's `eval(cond, s)`.
    pub fn cond(&mut self, cond: &Cond, s: Subject, as_of: Date) -> Lit {
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
            Cond::Relation { relation, kind, target } => match s {
                Subject::Post(p) => match kind {
                    TargetKind::Post => self.target(target, |e, role| {
                        let mut via = Vec::new();
                        for q in 0..e.bounds.posts {
                            let line = e.reaches_post(p, relation, q);
                            let holds = e.holds(q, role);
                            via.push(e.and(&[line, holds]));
                        }
                        e.or(&via)
                    }),
                    TargetKind::Body | TargetKind::Function => {
                        self.target(target, |e, item| e.reaches_item(p, relation, item))
                    }
                },
                Subject::Record(_) | Subject::Council => self.falsity(),
            },
            Cond::Holds { role, interim } => match s {
                Subject::Post(p) if *interim => self.holds_interim(p, role),
                Subject::Post(p) => self.holds(p, role),
                Subject::Record(_) | Subject::Council => self.falsity(),
            },
            Cond::Is(flag) => match (s, flag) {
                (Subject::Post(p), Flag::Officer) => self.officer[p],
                (Subject::Post(p), Flag::Member) => !self.officer[p],
                (Subject::Post(p), Flag::Shared) => self.shared[p],
                (Subject::Post(p), Flag::Vacant) => self.vacant[p],
                (Subject::Post(p), Flag::Named(f)) => match self.universe.flags.iter().position(|x| x == f) {
                    Some(i) => self.flag[p][i],
                    None => self.falsity(),
                },
                (Subject::Council, Flag::Named(f)) => self.council_flag_lit(f),
                (Subject::Council, _) | (Subject::Record(_), _) => self.falsity(),
            },
            Cond::CouncilIs(f) => self.council_flag_lit(f),
            Cond::HoldsOtherThan(group) => match s {
                Subject::Post(p) => {
                    let outside: Vec<Lit> = self
                        .universe
                        .roles
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !group.contains(r))
                        .map(|(i, _)| self.declares[p][i])
                        .collect();
                    let any = self.or(&outside);
                    let v = self.vacant[p];
                    self.and(&[any, !v])
                }
                Subject::Record(_) | Subject::Council => self.falsity(),
            },
            Cond::RelationOtherThan { relation, group, .. } => match s {
                Subject::Post(p) => {
                    let items = self.items_of(relation);
                    let outside: Vec<Lit> = items
                        .iter()
                        .filter(|i| !group.contains(i))
                        .map(|i| self.reaches_item(p, relation, i))
                        .collect();
                    self.or(&outside)
                }
                Subject::Record(_) | Subject::Council => self.falsity(),
            },
            Cond::Assurance { within, addresses } => match s {
                Subject::Post(p) => self.assured(Some(p), *within, addresses.as_ref(), as_of),
                Subject::Council => self.assured(None, *within, addresses.as_ref(), as_of),
                Subject::Record(_) => self.falsity(),
            },
            Cond::DatedWithin(d) => match s {
                Subject::Record(m) => {
                    let within = self.counts(m, Some(*d), as_of);
                    let future = self.class[m][self.universe.future()];
                    self.or(&[within, future])
                }
                Subject::Post(_) | Subject::Council => self.falsity(),
            },
            Cond::Addresses(target) => match s {
                Subject::Record(m) => self.target(target, |e, el| e.address(m, el)),
                Subject::Post(_) | Subject::Council => self.falsity(),
            },
            Cond::Covers(role) => match s {
                Subject::Record(m) => {
                    let mut via = Vec::new();
                    for p in 0..self.bounds.posts {
                        let c = self.covers[m][p];
                        let h = self.holds(p, role);
                        via.push(self.and(&[c, h]));
                    }
                    self.or(&via)
                }
                Subject::Post(_) | Subject::Council => self.falsity(),
            },
        }
    }

    fn council_flag_lit(&self, flag: &str) -> Lit {
        match self.universe.council_flags.iter().position(|x| x == flag) {
            Some(i) => self.council_flag[i],
            None => self.falsity(),
        }
    }

    fn address(&mut self, m: usize, element: &str) -> Lit {
        match self.universe.elements.iter().position(|x| x == element) {
            Some(i) => self.addresses[m][i],
            None => self.falsity(),
        }
    }

    /// `assurance [within N] [addresses T]` about post p (or the council): some record
    /// about it counts, and the records that count address T between them.
    fn assured(
        &mut self,
        post: Option<usize>,
        within: Option<Duration>,
        addresses: Option<&Target>,
        as_of: Date,
    ) -> Lit {
        let relevant: Vec<Lit> = (0..self.bounds.records)
            .map(|m| {
                let counts = self.counts(m, within, as_of);
                match post {
                    Some(p) => {
                        let c = self.covers[m][p];
                        self.and(&[c, counts])
                    }
                    None => counts,
                }
            })
            .collect();
        let some = self.or(&relevant);
        match addresses {
            None => some,
            Some(target) => {
                let between = self.target(target, |e, el| {
                    let by: Vec<Lit> = relevant
                        .iter()
                        .enumerate()
                        .map(|(m, &r)| {
                            let a = e.address(m, el);
                            e.and(&[r, a])
                        })
                        .collect();
                    e.or(&by)
                });
                self.and(&[some, between])
            }
        }
    }

    /// `selects(selector, post)`: the post is not vacant and holds what the selector asks.
    fn selects(&mut self, selector: &Selector, p: usize) -> Lit {
        let here = self.exists[p];
        let not_vacant = !self.vacant[p];
        match selector {
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
                        .filter(|(_, r)| !roles.contains(r) && g.is_none_or(|g| !g.contains(r)))
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
            Selector::Assurance | Selector::Council => self.falsity(),
        }
    }

    /// The subjects a clause is about, each with the literal that it is one.
    fn subjects(&mut self, selector: &Selector) -> Vec<(Subject, Lit)> {
        match selector {
            Selector::Assurance => (0..self.bounds.records)
                .map(|m| (Subject::Record(m), self.record[m]))
                .collect(),
            Selector::Council => vec![(Subject::Council, self.truth)],
            selector => (0..self.bounds.posts)
                .map(|p| (Subject::Post(p), self.selects(selector, p)))
                .collect(),
        }
    }

    /// A literal true exactly when the council breaks `clause` (the checker's `run`).
    pub fn broken(&mut self, clause: &hir::Clause, as_of: Date) -> Lit {
        let subjects = self.subjects(&clause.selector);
        let mut exempt = Vec::new();
        let mut satisfies = Vec::new();
        for &(s, _) in &subjects {
            let mut why = Vec::new();
            if let Some(w) = &clause.when {
                why.push(!self.cond(w, s, as_of));
            }
            if let Some(u) = &clause.unless {
                why.push(self.cond(u, s, as_of));
            }
            exempt.push(self.or(&why));
            satisfies.push(match &clause.condition {
                Some(c) => self.cond(c, s, as_of),
                None => self.truth,
            });
        }
        let falsity = self.falsity();
        match (clause.quantifier, clause.negated) {
            (Quantifier::Each, false) => {
                if clause.condition.is_none() {
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
            (Quantifier::Exists, false) => {
                let good: Vec<Lit> = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, is))| self.and(&[is, satisfies[i]]))
                    .collect();
                !self.or(&good)
            }
            (Quantifier::One, false) => {
                let good: Vec<Lit> = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, is))| self.and(&[is, satisfies[i]]))
                    .collect();
                let none = !self.or(&good);
                let many = self.at_least_two(&good);
                self.or(&[none, many])
            }
            (Quantifier::One, true) => falsity,
        }
    }

    /// Solves under `assumptions`; `Some(true)` satisfiable, `Some(false)` not, `None`
    /// when the solver gave up.
    pub fn solve(&mut self, assumptions: &[Lit]) -> Option<bool> {
        match self.solver.solve_assumps(assumptions) {
            Ok(SolverResult::Sat) => Some(true),
            Ok(SolverResult::Unsat) => Some(false),
            _ => None,
        }
    }

    /// The assumptions of the last unsatisfiable call that it needed.
    pub fn core(&mut self) -> Vec<Lit> {
        self.solver.core().unwrap_or_default().into_iter().map(|l| !l).collect()
    }

    pub fn value(&self, lit: Lit) -> bool {
        matches!(self.solver.lit_val(lit), Ok(TernaryVal::True))
    }

    /// The assumptions that fix every variable to what `council` declares, so that each
    /// clause's literal says whether that council breaks it; `None` when the council is
    /// outside what the encoding describes (more posts or records than the bound, a shared
    /// post, a record not dated or dated after `as_of`, a name that did not resolve, or
    /// `reports_to` lines in a circle). Posts are numbered so that every `reports_to`
    /// line names an earlier one.
    pub fn facts(&mut self, council: &hir::Council, as_of: Date) -> Option<Vec<Lit>> {
        let n = council.posts.len();
        if n > self.bounds.posts || council.records.len() > self.bounds.records || council.flags_uncertain {
            return None;
        }
        if council.posts_uncertain || council.records_uncertain {
            return None;
        }
        let reporting = crate::check::reporting::REPORTING_RELATION;
        // Managers before their reports: a depth-first order on `reports_to`.
        let managers: Vec<Vec<usize>> = council
            .posts
            .iter()
            .map(|p| p.related_posts(reporting).map(|(q, _)| q).collect())
            .collect();
        let mut order: Vec<usize> = Vec::with_capacity(n);
        let mut state = vec![0u8; n];
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some((p, k)) = stack.pop() {
                match managers[p].get(k) {
                    Some(&q) => {
                        stack.push((p, k + 1));
                        match state[q] {
                            0 => {
                                state[q] = 1;
                                stack.push((q, 0));
                            }
                            1 => return None,
                            _ => {}
                        }
                    }
                    None => {
                        state[p] = 2;
                        order.push(p);
                    }
                }
            }
        }
        let mut at = vec![0usize; n];
        for (index, &p) in order.iter().enumerate() {
            at[p] = index;
        }
        let mut set: Vec<(Lit, bool)> = Vec::new();
        let universe = self.universe;
        for (i, post) in council.posts.iter().enumerate() {
            let p = at[i];
            let u = &post.unknown;
            if u.anything || u.any_relation || u.flags || u.shared || !u.holds.is_empty() || !u.relations.is_empty() {
                return None;
            }
            set.push((self.shared[p], !post.shared_with.is_empty()));
            set.push((self.officer[p], post.kind == crate::syntax::ast::PostKind::Officer));
            set.push((self.vacant[p], post.vacant.is_some()));
            for (r, role) in universe.roles.iter().enumerate() {
                set.push((self.declares[p][r], post.declares(role)));
                set.push((
                    self.interim[p][r],
                    post.roles.iter().any(|h| h.role == *role && h.interim),
                ));
            }
            for (f, flag) in universe.flags.iter().enumerate() {
                set.push((self.flag[p][f], post.has_flag(flag)));
            }
            let declared: Vec<&hir::RelationStmt> = post.relations.iter().filter(|r| r.implied_by.is_none()).collect();
            for line in &declared {
                let known = universe.post_relations.contains(&line.relation)
                    || universe.item_relations.iter().any(|(r, _)| *r == line.relation);
                if !known {
                    return None;
                }
            }
            for (k, rel) in universe.post_relations.iter().enumerate() {
                for (q, &slot) in at.iter().enumerate() {
                    let named = declared.iter().any(|l| {
                        l.relation == *rel
                            && l.targets
                                .iter()
                                .any(|t| matches!(t, hir::TargetRef::Post(x) if *x == q))
                    });
                    set.push((self.post_line[k][p][slot], named));
                }
            }
            for (k, (rel, items)) in universe.item_relations.iter().enumerate() {
                for (x, item) in items.iter().enumerate() {
                    let named = declared.iter().any(|l| {
                        l.relation == *rel
                            && l.targets
                                .iter()
                                .any(|t| matches!(t, hir::TargetRef::Item(y) if y == item))
                    });
                    set.push((self.item_line[k][p][x], named));
                }
            }
        }
        for p in 0..self.bounds.posts {
            set.push((self.exists[p], p < n));
        }
        for (f, flag) in universe.council_flags.iter().enumerate() {
            set.push((self.council_flag[f], council.has_flag(flag)));
        }
        for m in 0..self.bounds.records {
            let Some(record) = council.records.get(m) else {
                set.push((self.record[m], false));
                continue;
            };
            let (date, _) = record.dated?;
            if record.incomplete {
                return None;
            }
            set.push((self.record[m], true));
            for (i, _) in council.posts.iter().enumerate() {
                set.push((self.covers[m][at[i]], record.covers.contains(&i)));
            }
            for (e, element) in universe.elements.iter().enumerate() {
                set.push((self.addresses[m][e], record.addresses.contains(element)));
            }
            let class = universe.class_of(date, as_of);
            for k in 0..universe.classes() {
                set.push((self.class[m][k], k == class));
            }
        }
        Some(
            set.into_iter()
                .map(|(lit, value)| if value { lit } else { !lit })
                .collect(),
        )
    }
}
