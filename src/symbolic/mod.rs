//! Symbolic analysis of guidance (language-v2.md 2.14): the questions a drafter asks of a
//! draft edition, answered over every council of a bound rather than the councils on
//! disk. Can any council comply with all of it at once (the smallest set of clauses that
//! conflict when none can)? Can each clause ever fire? Does the rest of its guidance
//! already imply it? With no conflict, a smallest council that meets everything (the
//! witness). `regard analyze` (`crate::analyze`) and `regard impact --symbolic`
//! (`crate::impact`) ask them and have the ordinary checker confirm every council they
//! show.
//!
//! The questions are SAT problems over a bounded council (`encode/`), solved with
//! BatSat, a pure-Rust CDCL solver, through RustSAT (docs/analyze.md says why).

pub mod encode;
pub mod witness;

use jiff::civil::Date;
use rustsat_batsat::BasicSolver;

use crate::hir::{self, DefMap};
use crate::syntax::ast::Modality;
use encode::{Bounds, Encoding, Universe};

/// A clause of the guidance analysed, by where it is.
#[derive(Clone, Debug)]
pub struct ClauseRef<'a> {
    pub guidance: &'a hir::Guidance,
    pub rule: &'a hir::Rule,
    pub clause: &'a hir::Clause,
}

/// What the analysis found.
#[derive(Debug)]
pub enum Finding<'a> {
    /// No council within the bound meets every clause; these clauses already conflict
    /// (a minimal set: without any one of them, the rest can be met).
    Unsatisfiable(Vec<ClauseRef<'a>>),
    /// No council within the bound breaks the clause.
    NeverFires(ClauseRef<'a>),
    /// The other clauses of its guidance imply it: no council within the bound meets them
    /// and breaks it.
    Implied(ClauseRef<'a>),
    /// No council of this kind within the bound meets every clause, though a council of
    /// another kind does; these clauses conflict for it (a minimal set).
    KindUnsatisfiable(Kind, Vec<ClauseRef<'a>>),
}

/// A dimension along which councils differ in kind (language-v3 3.7): a council flag, or
/// whether some post holds a role that a condition of the clauses names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Flag(crate::syntax::Name),
    Role(crate::syntax::Name),
}

/// A kind of council: the dimensions it fixes, each with its value.
pub type Kind = Vec<(Dimension, bool)>;

/// The most kinds of council an analysis asks about (language-v3 3.7).
pub const MAX_KINDS: usize = 256;

/// The dimensions of the kinds of council for `clauses`: the council flags they name
/// (a flag no clause names cannot make a kind fail), and the roles their conditions,
/// `when` and `unless` name. A role dimension is only ever fixed as held: a kind "with no
/// post holding X" would fail wherever the guidance asks for an X, which says nothing.
pub fn dimensions(defs: &DefMap, clauses: &[ClauseRef<'_>]) -> Vec<Dimension> {
    let mut flags: Vec<crate::syntax::Name> = Vec::new();
    let mut roles: Vec<crate::syntax::Name> = Vec::new();
    let council_flags: Vec<&str> = defs.names_of(hir::DefKind::CouncilFlag).collect();
    for c in clauses {
        for word in c.clause.text.split(|ch: char| !(ch.is_alphanumeric() || ch == '_')) {
            if council_flags.contains(&word) && !flags.iter().any(|f| f == word) {
                flags.push(crate::syntax::Name::from(word));
            }
        }
        for f in c.clause.about.facts() {
            for r in f.roles() {
                if !roles.contains(r) {
                    roles.push(r.clone());
                }
            }
        }
    }
    flags
        .into_iter()
        .map(Dimension::Flag)
        .chain(roles.into_iter().map(Dimension::Role))
        .collect()
}

/// How many kinds `dimensions` make: each flag fixed either way or not at all, each role
/// fixed as held or not at all, less the kind that fixes nothing.
fn kinds_in_all(dimensions: &[Dimension]) -> u128 {
    dimensions
        .iter()
        .fold(1u128, |n, d| {
            n.saturating_mul(match d {
                Dimension::Flag(_) => 3,
                Dimension::Role(_) => 2,
            })
        })
        .saturating_sub(1)
}

/// Every kind of `size` dimensions among `dimensions`, in order.
fn kinds_of_size(dimensions: &[Dimension], size: usize) -> Vec<Kind> {
    fn go(dims: &[Dimension], size: usize, from: usize, current: &mut Kind, out: &mut Vec<Kind>) {
        if current.len() == size {
            out.push(current.clone());
            return;
        }
        for i in from..dims.len() {
            let values: &[bool] = match dims[i] {
                Dimension::Flag(_) => &[true, false],
                Dimension::Role(_) => &[true],
            };
            for &v in values {
                current.push((dims[i].clone(), v));
                go(dims, size, i + 1, current, out);
                current.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(dimensions, size, 0, &mut Vec::new(), &mut out);
    out
}

/// The analysis of some guidance over councils of a bound.
#[derive(Debug)]
pub struct Analysis<'a> {
    pub bounds: Bounds,
    pub findings: Vec<Finding<'a>>,
    /// A smallest council meeting every clause, as regard source, when there is one.
    pub witness: Option<String>,
    /// The solver gave up on some question (it never has on the standard library).
    pub gave_up: bool,
    /// Kinds of council beyond [`MAX_KINDS`] that were not asked about.
    pub kinds_left_out: u128,
}

/// The clauses a council would be held to: every `must` and `should` of `guidance`, of
/// the rules in force on `as_of`.
pub fn clauses<'a>(guidance: &[&'a hir::Guidance], as_of: Date) -> Vec<ClauseRef<'a>> {
    guidance
        .iter()
        .flat_map(|&g| {
            g.rules
                .iter()
                .filter(move |r| r.in_force.contains(as_of))
                .flat_map(move |r| {
                    r.clauses
                        .iter()
                        .filter(|c| c.modality != Modality::May)
                        .map(move |c| ClauseRef {
                            guidance: g,
                            rule: r,
                            clause: c,
                        })
                })
        })
        .collect()
}

/// The facts of law in force on `as_of` (language-v3 3.1) among `all`, but those named in
/// `except`: the axioms every council of an analysis meets.
pub fn law_in_force<'a>(
    defs: &DefMap,
    all: &[&'a hir::Guidance],
    as_of: Date,
    except: &[&str],
) -> Vec<&'a hir::Guidance> {
    defs.current_law(as_of)
        .iter()
        .filter(|name| !except.contains(&name.as_str()))
        .filter_map(|name| all.iter().copied().find(|g| g.name == *name))
        .collect()
}

/// The most posts a bound may have (`--posts`): the encoding grows with the square of
/// the posts, and every clause is encoded for each pair of posts, so a thousand posts
/// would not finish. A hundred is more than twice the default bound of the standard
/// library (9) and of drafts of a few hundred rules over its vocabulary.
pub const MAX_POSTS: usize = 100;

/// The most assurance records a bound may have (`--records`).
pub const MAX_RECORDS: usize = 16;

/// The most literals and clause terms an encoding is estimated to need before it is
/// built; above it the analysis is refused rather than left to exhaust memory.
pub const MAX_ENCODING: u64 = 20_000_000;

/// An error when `bounds` is above the limits, or the encoding of `clauses` over it is
/// estimated to be larger than [`MAX_ENCODING`]: posts times (their roles, flags and
/// item relations), the relations and the clauses for every pair of posts, and the
/// records times what they cover and address.
pub fn bounds_error(defs: &DefMap, clauses: &[ClauseRef<'_>], bounds: Bounds, as_of: Date) -> Option<String> {
    if bounds.posts > MAX_POSTS || bounds.records > MAX_RECORDS {
        return Some(format!(
            "the analysis is bounded at {MAX_POSTS} posts and {MAX_RECORDS} assurance records, and this one would be over {} posts and {} records (by default one post per role the clauses mention and per clause that counts posts, plus two); analyse fewer guidance at once, or give `--posts`",
            bounds.posts, bounds.records
        ));
    }
    let plain: Vec<&hir::Clause> = clauses.iter().map(|c| c.clause).collect();
    let u = Universe::new(defs, &plain, as_of);
    let (posts, records) = (bounds.posts as u64, bounds.records as u64);
    let items: u64 = u.item_relations.iter().map(|(_, items)| items.len() as u64).sum();
    let per_post = 4 + 2 * u.roles.len() as u64 + u.flags.len() as u64 + items;
    let pairs = posts * posts * (u.post_relations.len() as u64 + clauses.len() as u64);
    let per_record = posts + u.elements.len() as u64 + u.boundaries.len() as u64 + 1;
    let estimate = posts * per_post + pairs + records * per_record;
    (estimate > MAX_ENCODING).then(|| {
        format!(
            "the analysis over {} posts would need about {estimate} literals and terms, more than the {MAX_ENCODING} it may use; give a smaller `--posts`",
            bounds.posts
        )
    })
}

/// The default bound (docs/analyze.md, "The bound"): one post per role the clauses
/// mention, one more for each clause that counts posts (`exists`, `one`: the posts it
/// counts may hold none of the roles), plus two; and one record per clause about the
/// records themselves, and one per period of time the clauses tell records apart by
/// (within each duration they name, or older), at least two. One record can cover every
/// post and address every element, so clauses that only ask for assurance need no more.
pub fn default_bounds(clauses: &[ClauseRef<'_>]) -> Bounds {
    use crate::syntax::ast::Quantifier;
    let mut roles: Vec<&str> = Vec::new();
    let mut counting = 0;
    let mut about_records = 0;
    let mut durations = Vec::new();
    for c in clauses {
        for n in c.clause.about.roles().into_iter().map(|r| r.as_str()) {
            if !roles.contains(&n) {
                roles.push(n);
            }
        }
        let counts_posts = matches!(c.clause.about, hir::About::Posts { .. })
            && matches!(c.clause.quantifier, Quantifier::Exists | Quantifier::One)
            && !c.clause.negated;
        counting += usize::from(counts_posts);
        about_records += usize::from(matches!(c.clause.about, hir::About::Records(_)));
        for d in c.clause.about.facts().iter().filter_map(|f| f.within()) {
            if !durations.contains(&d) {
                durations.push(d);
            }
        }
    }
    Bounds {
        posts: roles.len() + counting + 2,
        records: (about_records + durations.len() + 1).max(2),
    }
}

/// Analyses `guidance` together over councils of `bounds`, on `as_of`.
pub fn analyze<'a>(defs: &DefMap, guidance: &[&'a hir::Guidance], bounds: Bounds, as_of: Date) -> Analysis<'a> {
    let clauses = clauses(guidance, as_of);
    let plain: Vec<&hir::Clause> = clauses.iter().map(|c| c.clause).collect();
    let universe = Universe::new(defs, &plain, as_of);
    let mut e = Encoding::new(BasicSolver::default(), &universe, defs, bounds);
    let broken: Vec<_> = clauses.iter().map(|c| e.broken(c.clause, as_of)).collect();
    // One switch per clause: with it on, the clause is met.
    let switches: Vec<_> = broken
        .iter()
        .map(|&b| {
            let switch = e.fresh_lit();
            e.add(&[!switch, !b]);
            switch
        })
        .collect();
    let mut findings = Vec::new();
    let mut gave_up = false;
    let mut witness = None;
    let mut satisfiable = false;
    match e.solve(&switches) {
        Some(true) => {
            satisfiable = true;
            witness = smallest(&mut e, &switches, guidance, as_of);
        }
        Some(false) => {
            let core = minimal_core(&mut e, &switches, &[], &mut gave_up);
            findings.push(Finding::Unsatisfiable(
                core.into_iter().map(|i| clauses[i].clone()).collect(),
            ));
        }
        None => gave_up = true,
    }
    // Dead and implied clauses, whether or not the clauses conflict (language-v3 3.7):
    // whether a clause can fire is a question about it and the facts of law alone.
    let law = |j: usize| clauses[j].guidance.status == crate::syntax::ast::Status::Law;
    // What the councils found so far show, so that a question they answer is not put to
    // the solver: a lawful council that breaks a clause shows it can fire; one that also
    // meets every other clause of the clause's guidance shows it is not implied.
    let mut fires = vec![false; clauses.len()];
    let mut not_implied = vec![false; clauses.len()];
    let note = |e: &Encoding<'_, BasicSolver>, fires: &mut Vec<bool>, not_implied: &mut Vec<bool>| {
        let b: Vec<bool> = broken.iter().map(|&l| e.value(l)).collect();
        let lawless: Vec<usize> = (0..clauses.len()).filter(|&j| law(j) && b[j]).collect();
        for j in (0..clauses.len()).filter(|&j| b[j]) {
            if lawless.iter().any(|&k| k != j) {
                continue;
            }
            fires[j] = true;
            let alone = (0..clauses.len())
                .filter(|&k| k != j && b[k])
                .all(|k| !std::ptr::eq(clauses[k].guidance, clauses[j].guidance));
            if alone {
                not_implied[j] = true;
            }
        }
    };
    for (i, c) in clauses.iter().enumerate() {
        // The facts of law are axioms: only councils that meet them count.
        let axioms: Vec<_> = (0..clauses.len())
            .filter(|&j| j != i && law(j))
            .map(|j| switches[j])
            .collect();
        if !fires[i] {
            let mut alone = axioms.clone();
            alone.push(broken[i]);
            match e.solve(&alone) {
                Some(false) => {
                    findings.push(Finding::NeverFires(c.clone()));
                    continue;
                }
                Some(true) => note(&e, &mut fires, &mut not_implied),
                None => {
                    gave_up = true;
                    continue;
                }
            }
        }
        if not_implied[i] {
            continue;
        }
        // Implied: the other clauses of the same guidance, met, leave no room to break
        // it. Only asked where the others can be met together (as they can when every
        // clause can): otherwise every clause would be implied, vacuously.
        let mut assume: Vec<_> = clauses
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != i && std::ptr::eq(o.guidance, c.guidance))
            .map(|(j, _)| switches[j])
            .collect();
        assume.extend(axioms.iter().copied());
        if !satisfiable && e.solve(&assume) != Some(true) {
            continue;
        }
        assume.push(broken[i]);
        match e.solve(&assume) {
            Some(false) => findings.push(Finding::Implied(c.clone())),
            Some(true) => note(&e, &mut fires, &mut not_implied),
            None => gave_up = true,
        }
    }
    // Kinds of council (language-v3 3.7): where some council meets everything, the
    // smallest kinds of council consistent with the facts of law for which none does.
    let mut kinds_left_out = 0;
    if satisfiable {
        // The facts of law are axioms, not analysed: their conditions make no kinds.
        let analysed: Vec<ClauseRef<'_>> = clauses
            .iter()
            .filter(|c| c.guidance.status != crate::syntax::ast::Status::Law)
            .cloned()
            .collect();
        let dims = dimensions(defs, &analysed);
        let law_switches: Vec<_> = (0..clauses.len())
            .filter(|&j| clauses[j].guidance.status == crate::syntax::ast::Status::Law)
            .map(|j| switches[j])
            .collect();
        let mut lit_of = Vec::new();
        for d in &dims {
            let lit = match d {
                Dimension::Flag(f) => match e.universe.council_flags.iter().position(|x| x == f) {
                    Some(i) => e.council_flag[i],
                    None => e.falsity(),
                },
                Dimension::Role(r) => {
                    let held: Vec<_> = (0..e.bounds.posts)
                        .map(|p| {
                            let h = e.holds(p, r);
                            let x = e.exists[p];
                            e.and(&[x, h])
                        })
                        .collect();
                    e.or(&held)
                }
            };
            lit_of.push(lit);
        }
        // The kinds of the councils found meeting everything so far: a kind one of them
        // is of needs no question of the solver.
        let mut met: Vec<Vec<bool>> = Vec::new();
        if e.solve(&switches) == Some(true) {
            met.push(lit_of.iter().map(|&l| e.value(l)).collect());
        }
        let mut failing: Vec<Kind> = Vec::new();
        let mut asked = 0usize;
        let mut considered: u128 = 0;
        'sizes: for size in 1..=dims.len() {
            for kind in kinds_of_size(&dims, size) {
                if failing.iter().any(|f| f.iter().all(|x| kind.contains(x))) {
                    considered += 1;
                    continue;
                }
                if asked == MAX_KINDS {
                    break 'sizes;
                }
                asked += 1;
                considered += 1;
                let at: Vec<(usize, bool)> = kind
                    .iter()
                    .map(|(d, v)| (dims.iter().position(|x| x == d).unwrap_or(0), *v))
                    .collect();
                if met.iter().any(|m| at.iter().all(|&(i, v)| m[i] == v)) {
                    continue;
                }
                let fixed: Vec<_> = at
                    .iter()
                    .map(|&(i, v)| if v { lit_of[i] } else { !lit_of[i] })
                    .collect();
                let mut lawful = law_switches.clone();
                lawful.extend(fixed.iter().copied());
                if e.solve(&lawful) != Some(true) {
                    continue;
                }
                let mut all = switches.clone();
                all.extend(fixed.iter().copied());
                match e.solve(&all) {
                    Some(false) => {}
                    Some(true) => {
                        met.push(lit_of.iter().map(|&l| e.value(l)).collect());
                        continue;
                    }
                    None => {
                        gave_up = true;
                        continue;
                    }
                }
                let core = minimal_core(&mut e, &switches, &fixed, &mut gave_up);
                // A kind that one clause of the guidance rules out on its own (`must not
                // Leader when council is executive_mayor`, for a mayoral council with a
                // Leader) is one the guidance says should not exist: no conflict.
                let alone = core.len() == 1 && clauses[core[0]].guidance.status != crate::syntax::ast::Status::Law;
                if !alone {
                    findings.push(Finding::KindUnsatisfiable(
                        kind.clone(),
                        core.into_iter().map(|i| clauses[i].clone()).collect(),
                    ));
                }
                failing.push(kind);
            }
        }
        kinds_left_out = kinds_in_all(&dims).saturating_sub(considered);
    }
    Analysis {
        bounds,
        findings,
        witness,
        gave_up,
        kinds_left_out,
    }
}

/// Whether some council of `bounds` meets every clause of `guidance` on `as_of` (`None`
/// when the solver gives up): asked again at a larger bound when the analysis finds a
/// conflict, to name the bound that matters in its help.
pub fn satisfiable(defs: &DefMap, guidance: &[&hir::Guidance], bounds: Bounds, as_of: Date) -> Option<bool> {
    let clauses = clauses(guidance, as_of);
    let plain: Vec<&hir::Clause> = clauses.iter().map(|c| c.clause).collect();
    let universe = Universe::new(defs, &plain, as_of);
    let mut e = Encoding::new(BasicSolver::default(), &universe, defs, bounds);
    let met: Vec<_> = clauses.iter().map(|c| !e.broken(c.clause, as_of)).collect();
    e.solve(&met)
}

/// The clauses (by index into `switches`) of the solver's last core, made minimal by
/// dropping each one that is not needed while `fixed` (a kind of council) stays assumed:
/// without any one of them, the rest can be met. The last solve must have failed.
fn minimal_core<S: rustsat::solvers::Solve + rustsat::solvers::SolveIncremental>(
    e: &mut Encoding<'_, S>,
    switches: &[rustsat::types::Lit],
    fixed: &[rustsat::types::Lit],
    gave_up: &mut bool,
) -> Vec<usize> {
    let mut core: Vec<usize> = e
        .core()
        .into_iter()
        .filter_map(|lit| switches.iter().position(|&s| s == lit || s == !lit))
        .collect();
    core.sort_unstable();
    core.dedup();
    let mut k = 0;
    while k < core.len() {
        let mut without: Vec<_> = core
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, &i)| switches[i])
            .collect();
        without.extend(fixed.iter().copied());
        match e.solve(&without) {
            Some(false) => {
                core.remove(k);
            }
            Some(true) => k += 1,
            None => {
                *gave_up = true;
                k += 1;
            }
        }
    }
    core
}

/// The assumptions that keep a council writable as a file that checks clean: no post
/// shared with another council (a partner would have to declare it back) and no record
/// dated after the check date (W0208).
fn writable<S: rustsat::solvers::Solve + rustsat::solvers::SolveIncremental>(
    e: &Encoding<'_, S>,
) -> Vec<rustsat::types::Lit> {
    let future = e.universe.future();
    e.shared
        .iter()
        .map(|&s| !s)
        .chain(e.class.iter().map(|classes| !classes[future]))
        .collect()
}

/// Narrows `assume` to a smallest council: the fewest posts, then the fewest records,
/// then no line it does not need ([`tidy`]). `assume` must be satisfiable.
fn fewest<S: rustsat::solvers::Solve + rustsat::solvers::SolveIncremental>(
    e: &mut Encoding<'_, S>,
    assume: &mut Vec<rustsat::types::Lit>,
) {
    for p in 0..e.bounds.posts {
        let mut tried = assume.clone();
        tried.push(!e.exists[p]);
        if e.solve(&tried) == Some(true) {
            *assume = tried;
            break;
        }
    }
    for m in 0..e.bounds.records {
        let mut tried = assume.clone();
        tried.push(!e.record[m]);
        if e.solve(&tried) == Some(true) {
            *assume = tried;
            break;
        }
    }
    tidy(e, assume);
}

/// Leaves out every line the council does not need: each optional fact the model makes
/// true (a role, a flag, a line, a cover, an element, a council property) is made false
/// where the assumptions still hold without it, one at a time, so that a witness shows
/// only what matters.
fn tidy<S: rustsat::solvers::Solve + rustsat::solvers::SolveIncremental>(
    e: &mut Encoding<'_, S>,
    assume: &mut Vec<rustsat::types::Lit>,
) {
    let mut optional: Vec<rustsat::types::Lit> = Vec::new();
    optional.extend(e.council_flag.iter().copied());
    for p in 0..e.bounds.posts {
        optional.push(e.vacant[p]);
        optional.extend(e.interim[p].iter().copied());
        optional.extend(e.declares[p].iter().copied());
        optional.extend(e.flag[p].iter().copied());
        for lines in &e.post_line {
            optional.extend(lines[p].iter().copied());
        }
        for lines in &e.item_line {
            optional.extend(lines[p].iter().copied());
        }
    }
    for m in 0..e.bounds.records {
        optional.extend(e.covers[m].iter().copied());
        optional.extend(e.addresses[m].iter().copied());
    }
    if e.solve(assume) != Some(true) {
        return;
    }
    for lit in optional {
        // A fact already false stays so: what is decided is never undone by a later
        // model, so no fact the witness shows can be removed (language-v3 3.7).
        if !e.value(lit) {
            assume.push(!lit);
            continue;
        }
        assume.push(!lit);
        if e.solve(assume) != Some(true) {
            assume.pop();
            assume.push(lit);
            let _ = e.solve(assume);
        }
    }
    let _ = e.solve(assume);
}

/// The smallest council meeting every clause, with no post shared with another council
/// (a partner would have to declare it back, and meet the guidance too): the fewest
/// posts, then the fewest records. `None` when every such council needs a shared post.
fn smallest<S: rustsat::solvers::Solve + rustsat::solvers::SolveIncremental>(
    e: &mut Encoding<'_, S>,
    switches: &[rustsat::types::Lit],
    guidance: &[&hir::Guidance],
    as_of: Date,
) -> Option<String> {
    let mut assume = switches.to_vec();
    assume.extend(writable(e));
    if e.solve(&assume) != Some(true) {
        return None;
    }
    fewest(e, &mut assume);
    let ids: Vec<String> = guidance.iter().map(|g| g.name.to_string()).collect();
    Some(witness::source(e, "witness", &ids, as_of))
}

/// Which rules of `guidance` the encoding says `council` breaks on `as_of`, by code
/// (`guidance.rule`): the encoding run on a council of the files rather than a free one.
/// `None` when the council is outside what the encoding describes (see
/// [`Encoding::facts`]). The checker must say the same; `tests/analyze.rs` holds them to
/// each other.
pub fn rules_broken(
    defs: &DefMap,
    guidance: &[&hir::Guidance],
    council: &hir::Council,
    as_of: Date,
) -> Option<Vec<(String, bool)>> {
    let clauses = clauses(guidance, as_of);
    let plain: Vec<&hir::Clause> = clauses.iter().map(|c| c.clause).collect();
    let universe = Universe::new(defs, &plain, as_of);
    let bounds = Bounds {
        posts: council.posts.len().max(1),
        records: council.records.len().max(1),
    };
    let mut e = Encoding::new(BasicSolver::default(), &universe, defs, bounds);
    let broken: Vec<_> = clauses.iter().map(|c| e.broken(c.clause, as_of)).collect();
    let facts = e.facts(council, as_of)?;
    if e.solve(&facts) != Some(true) {
        return None;
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (c, &b) in clauses.iter().zip(&broken) {
        let code = format!("{}.{}", c.guidance.name, c.rule.name);
        let value = e.value(b);
        match out.iter_mut().find(|(k, _)| *k == code) {
            Some((_, any)) => *any |= value,
            None => out.push((code, value)),
        }
    }
    Some(out)
}

/// The severity a broken clause is reported with (the checker's `severity`): an error
/// for a statutory `must`, a warning for a statutory `should`, information for advisory
/// guidance.
fn severity(c: &ClauseRef<'_>) -> crate::diagnostics::Severity {
    crate::diagnostics::Severity::of_clause(c.guidance.status, c.clause.modality)
}

/// A smallest council (fewest posts, then records) whose verdict under `old` differs
/// from its verdict under `new`: errors in one and not the other, or, with no error in
/// either, warnings in one and not the other. As regard source following `id`; `None`
/// when no council of the bound has one (or every such council needs a shared post).
#[allow(clippy::too_many_arguments)]
pub fn verdict_changes(
    defs: &DefMap,
    old: &hir::Guidance,
    new: &hir::Guidance,
    law: &[&hir::Guidance],
    bounds: Option<Bounds>,
    as_of: Date,
    id: &str,
) -> (Bounds, Option<String>) {
    use crate::diagnostics::Severity;
    let (before, after) = (clauses(&[old], as_of), clauses(&[new], as_of));
    let both: Vec<ClauseRef<'_>> = before.iter().chain(&after).cloned().collect();
    // The facts of law are axioms: the council offered meets every one of them.
    let axioms = clauses(law, as_of);
    let bounds = bounds.unwrap_or_else(|| default_bounds(&both));
    let plain: Vec<&hir::Clause> = both.iter().chain(&axioms).map(|c| c.clause).collect();
    let universe = Universe::new(defs, &plain, as_of);
    let mut e = Encoding::new(BasicSolver::default(), &universe, defs, bounds);
    let mut lawful = Vec::new();
    for c in &axioms {
        let b = e.broken(c.clause, as_of);
        lawful.push(!b);
    }
    let verdict = |e: &mut Encoding<'_, BasicSolver>, side: &[ClauseRef<'_>]| {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for c in side {
            let b = e.broken(c.clause, as_of);
            match severity(c) {
                Severity::Error => errors.push(b),
                Severity::Warning => warnings.push(b),
                Severity::Info | Severity::Note => {}
            }
        }
        let error = e.or(&errors);
        let warning = e.or(&warnings);
        let only_warnings = e.and(&[!error, warning]);
        (error, only_warnings)
    };
    let (e1, w1) = verdict(&mut e, &before);
    let (e2, w2) = verdict(&mut e, &after);
    let xor = |e: &mut Encoding<'_, BasicSolver>, a, b| {
        let either = e.or(&[a, b]);
        let both = e.and(&[a, b]);
        e.and(&[either, !both])
    };
    let de = xor(&mut e, e1, e2);
    let dw = xor(&mut e, w1, w2);
    let differs = e.or(&[de, dw]);
    let mut assume = vec![differs];
    assume.extend(lawful);
    assume.extend(writable(&e));
    if e.solve(&assume) != Some(true) {
        return (bounds, None);
    }
    fewest(&mut e, &mut assume);
    (bounds, Some(witness::source(&e, "example", &[id.to_string()], as_of)))
}

/// A smallest council that breaks rule `rule` of `guidance` while meeting the guidance's
/// other rules where it can (else breaking them as it must), as regard source following
/// the guidance; `None` when no council of the default bound breaks it. For the editor's
/// "generate a council that breaks this rule".
pub fn breaking(
    defs: &DefMap,
    guidance: &hir::Guidance,
    law: &[&hir::Guidance],
    rule: &str,
    as_of: Date,
) -> Option<String> {
    let all = clauses(&[guidance], as_of);
    // The facts of law are axioms: the council offered meets every one of them.
    let axioms = clauses(law, as_of);
    let bounds = default_bounds(&all);
    let plain: Vec<&hir::Clause> = all.iter().chain(&axioms).map(|c| c.clause).collect();
    let universe = Universe::new(defs, &plain, as_of);
    let mut e = Encoding::new(BasicSolver::default(), &universe, defs, bounds);
    let mut mine = Vec::new();
    let mut others = Vec::new();
    for c in &all {
        let b = e.broken(c.clause, as_of);
        match c.rule.name == rule {
            true => mine.push(b),
            false => others.push(b),
        }
    }
    let target = e.or(&mine);
    let mut assume = vec![target];
    for c in &axioms {
        let b = e.broken(c.clause, as_of);
        assume.push(!b);
    }
    assume.extend(writable(&e));
    if e.solve(&assume) != Some(true) {
        return None;
    }
    // Meet each other rule that can be met alongside.
    for b in others {
        assume.push(!b);
        if e.solve(&assume) != Some(true) {
            assume.pop();
        }
    }
    fewest(&mut e, &mut assume);
    Some(witness::source(
        &e,
        "breaks_the_rule",
        &[guidance.name.to_string()],
        as_of,
    ))
}
