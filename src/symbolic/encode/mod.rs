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
use crate::hir::{
    self, About, Cond, Conditions, CouncilForm, DefKind, DefMap, Flag, Group, PostForm, RecordForm, Selector, Target,
};
use crate::syntax::Name;
use crate::syntax::ast::{Duration, Quantifier, TargetKind, TargetMode};

mod clauses;
mod facts;
mod universe;

pub use clauses::Encode;
pub use universe::Universe;

/// How large a council the analysis considers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub posts: usize,
    pub records: usize,
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

    pub(super) fn fresh(&mut self) -> Lit {
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
    pub(super) fn domain(&mut self) {
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

    pub fn falsity(&self) -> Lit {
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
    pub(super) fn at_least_two(&mut self, lits: &[Lit]) -> Lit {
        let mut pairs = Vec::new();
        for i in 0..lits.len() {
            for j in i + 1..lits.len() {
                pairs.push(self.and(&[lits[i], lits[j]]));
            }
        }
        self.or(&pairs)
    }

    // ─── The council's facts, as the checker reads them ───────────────────────

    pub(super) fn role(&self, name: &str) -> Option<usize> {
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

    pub(super) fn holds_interim(&mut self, p: usize, role: &str) -> Lit {
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
    pub(super) fn reaches_post(&mut self, p: usize, relation: &str, q: usize) -> Lit {
        let mut lits = Vec::new();
        for (k, rel) in self.universe.post_relations.iter().enumerate() {
            if rel == relation || self.defs.implied(rel).iter().any(|i| i == relation) {
                lits.push(self.post_line[k][p][q]);
            }
        }
        self.or(&lits)
    }

    /// Whether post p has a `relation` line (declared or implied) naming item `item`.
    pub(super) fn reaches_item(&mut self, p: usize, relation: &str, item: &str) -> Lit {
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
    pub(super) fn items_of(&self, relation: &str) -> Vec<Name> {
        self.universe
            .item_relations
            .iter()
            .find(|(r, _)| r == relation)
            .map(|(_, items)| items.clone())
            .unwrap_or_default()
    }

    /// `missing(target, reaches).is_empty()`: all names reached, or any for `(A or B)`.
    pub(super) fn target(&mut self, target: &Target, mut reaches: impl FnMut(&mut Self, &str) -> Lit) -> Lit {
        let lits: Vec<Lit> = target.names.iter().map(|n| reaches(self, n)).collect();
        match target.mode {
            TargetMode::Any => self.or(&lits),
            TargetMode::One | TargetMode::All => self.and(&lits),
        }
    }

    /// Whether record m counts for `assurance [within N]`: any class but the future
    /// without `within`, else a class no older than N's boundary.
    pub(super) fn counts(&mut self, m: usize, within: Option<Duration>, as_of: Date) -> Lit {
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

    pub(super) fn council_flag_lit(&self, flag: &str) -> Lit {
        match self.universe.council_flags.iter().position(|x| x == flag) {
            Some(i) => self.council_flag[i],
            None => self.falsity(),
        }
    }

    pub(super) fn address(&mut self, m: usize, element: &str) -> Lit {
        match self.universe.elements.iter().position(|x| x == element) {
            Some(i) => self.addresses[m][i],
            None => self.falsity(),
        }
    }

    /// `assurance [within N] [addresses T]` about post p (or the council): some record
    /// about it counts, and the records that count address T between them.
    pub(super) fn assured(
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
}
