//! `regard analyze` (language-v2.md 2.14): what a drafter asks of a draft edition before
//! it is published. Can any council comply with all of it at once (E0310 when none of the
//! bound can, with the smallest set of clauses that conflict)? Can each clause ever fire
//! (W0311 when no council can break it)? Does the rest of its guidance already imply it
//! (I0312)? With no conflict, a smallest council that meets everything, as regard source
//! (the witness), which the ordinary checker checks before it is shown.
//!
//! The questions are SAT problems over a bounded council (`encode.rs`), solved with
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

/// The default bound: one post per role the clauses mention, plus two; two records.
pub fn default_bounds(clauses: &[ClauseRef<'_>]) -> Bounds {
    let mut roles: Vec<&str> = Vec::new();
    for c in clauses {
        let mut names = Vec::new();
        mentioned_roles(c.clause, &mut names);
        for n in names {
            if !roles.contains(&n) {
                roles.push(n);
            }
        }
    }
    Bounds {
        posts: roles.len() + 2,
        records: 2,
    }
}

fn mentioned_roles<'c>(clause: &'c hir::Clause, out: &mut Vec<&'c str>) {
    match &clause.selector {
        hir::Selector::Role(r) => out.push(r),
        hir::Selector::Combine { roles, .. } => out.extend(roles.iter().map(|r| r.as_str())),
        hir::Selector::Assurance | hir::Selector::Council => {}
    }
    fn walk<'c>(cond: &'c hir::Cond, out: &mut Vec<&'c str>) {
        match cond {
            hir::Cond::Not(c) => walk(c, out),
            hir::Cond::And(cs) | hir::Cond::Or(cs) => cs.iter().for_each(|c| walk(c, out)),
            hir::Cond::Holds { role, .. } | hir::Cond::Covers(role) => out.push(role),
            hir::Cond::Relation {
                kind: crate::syntax::ast::TargetKind::Post,
                target,
                ..
            } => out.extend(target.names.iter().map(|n| n.as_str())),
            _ => {}
        }
    }
    for cond in [&clause.condition, &clause.when, &clause.unless].into_iter().flatten() {
        walk(cond, out);
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
    match e.solve(&switches) {
        Some(true) => {
            witness = smallest(&mut e, &switches, guidance, as_of);
            for (i, c) in clauses.iter().enumerate() {
                match e.solve(&[broken[i]]) {
                    Some(false) => findings.push(Finding::NeverFires(c.clone())),
                    Some(true) => {
                        // Implied: the other clauses of the same guidance, met, leave no room
                        // to break it.
                        let mut assume: Vec<_> = clauses
                            .iter()
                            .enumerate()
                            .filter(|(j, o)| *j != i && std::ptr::eq(o.guidance, c.guidance))
                            .map(|(j, _)| switches[j])
                            .collect();
                        assume.push(broken[i]);
                        match e.solve(&assume) {
                            Some(false) => findings.push(Finding::Implied(c.clone())),
                            Some(true) => {}
                            None => gave_up = true,
                        }
                    }
                    None => gave_up = true,
                }
            }
        }
        Some(false) => {
            // The core, made minimal by dropping each clause that is not needed.
            let mut core: Vec<usize> = e
                .core()
                .into_iter()
                .filter_map(|lit| switches.iter().position(|&s| s == lit || s == !lit))
                .collect();
            core.sort_unstable();
            let mut k = 0;
            while k < core.len() {
                let without: Vec<_> = core
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, &i)| switches[i])
                    .collect();
                match e.solve(&without) {
                    Some(false) => {
                        core.remove(k);
                    }
                    Some(true) => k += 1,
                    None => {
                        gave_up = true;
                        k += 1;
                    }
                }
            }
            findings.push(Finding::Unsatisfiable(
                core.into_iter().map(|i| clauses[i].clone()).collect(),
            ));
        }
        None => gave_up = true,
    }
    Analysis {
        bounds,
        findings,
        witness,
        gave_up,
    }
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
    assume.extend(e.shared.iter().map(|&s| !s));
    let future = e.universe.future();
    assume.extend(e.class.iter().map(|classes| !classes[future]));
    if e.solve(&assume) != Some(true) {
        return None;
    }
    for p in 0..e.bounds.posts {
        let mut tried = assume.clone();
        tried.push(!e.exists[p]);
        if e.solve(&tried) == Some(true) {
            assume = tried;
            break;
        }
    }
    for m in 0..e.bounds.records {
        let mut tried = assume.clone();
        tried.push(!e.record[m]);
        if e.solve(&tried) == Some(true) {
            assume = tried;
            break;
        }
    }
    let _ = e.solve(&assume);
    let ids: Vec<String> = guidance.iter().map(|g| g.name.to_string()).collect();
    Some(witness::source(e, "witness", &ids, as_of))
}

/// What the ordinary checker says of a witness, checked with the files it was found
/// from: a witness it finds anything in is a bug of the encoding, reported as such.
pub fn recheck(
    inputs: Vec<crate::Input>,
    options: crate::Options,
    witness: &str,
) -> Vec<crate::diagnostics::Diagnostic> {
    const PATH: &str = "<witness>.regard";
    let mut inputs = inputs;
    inputs.push(crate::Input::text(PATH, witness.to_string()));
    let mut session = crate::Session::new(inputs, options);
    session
        .diagnostics()
        .into_iter()
        .filter(|d| d.file.path(&session.db) == PATH)
        .collect()
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

/// What `regard analyze` was asked.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The guidance to analyse together; empty for every guidance in force.
    pub guidance: Vec<String>,
    pub posts: Option<usize>,
    pub records: Option<usize>,
}

/// What `regard analyze` says: its diagnostics, the bound, and the witness (already
/// checked by the ordinary checker).
pub struct Outcome {
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
    pub bounds: Bounds,
    /// The guidance analysed, by id.
    pub guidance: Vec<String>,
    pub witness: Option<String>,
    /// What the ordinary checker found in the witness: empty, or a bug of the encoding.
    pub witness_findings: Vec<crate::diagnostics::Diagnostic>,
    /// Every council of the bound meeting everything needs a post shared with another
    /// council, so no witness is written.
    pub witness_needs_partner: bool,
    pub gave_up: bool,
}

/// The clause where it is, for a finding.
fn clause_at(c: &ClauseRef<'_>) -> hir::finding::ClauseAt {
    hir::finding::ClauseAt {
        file: c.guidance.file,
        span: c.clause.span,
        guidance: c.guidance.name.clone(),
        rule: c.rule.name.clone(),
        text: c.clause.text.clone(),
        notes: c.rule.notes(),
    }
}

/// Runs `regard analyze` over the session's guidance. `Err` names guidance that is not
/// there.
pub fn run(
    session: &crate::Session,
    inputs: Vec<crate::Input>,
    options: crate::Options,
    request: &Request,
) -> Result<Outcome, String> {
    let ws = session.workspace;
    let db = &session.db;
    let as_of = ws.as_of(db);
    let all = session.guidance();
    let mut chosen: Vec<&hir::Guidance> = Vec::new();
    for id in &request.guidance {
        match all.iter().find(|g| g.name == id.as_str()) {
            Some(g) => chosen.push(g),
            None => {
                let known: Vec<&str> = all.iter().map(|g| g.name.as_str()).collect();
                let help = match crate::hir::defs::closest(id, known) {
                    Some(near) => format!("; did you mean `{near}`?"),
                    None => String::new(),
                };
                return Err(format!(
                    "no guidance `{id}` in the files given or the standard library{help}"
                ));
            }
        }
    }
    if request.guidance.is_empty() {
        chosen = all.iter().copied().filter(|g| g.in_force.contains(as_of)).collect();
    }
    let clauses = clauses(&chosen, as_of);
    let mut bounds = default_bounds(&clauses);
    if let Some(n) = request.posts {
        bounds.posts = n;
    }
    if let Some(m) = request.records {
        bounds.records = m;
    }
    let defs = ws.defs(db);
    let analysis = analyze(defs, &chosen, bounds, as_of);
    let found = |c: &ClauseRef<'_>| clause_at(c);
    let typed: Vec<hir::finding::AnalysisFinding> = analysis
        .findings
        .iter()
        .map(|f| match f {
            Finding::Unsatisfiable(core) => hir::finding::AnalysisFinding::Unsatisfiable {
                clauses: core.iter().map(found).collect(),
                posts: bounds.posts,
                records: bounds.records,
            },
            Finding::NeverFires(c) => hir::finding::AnalysisFinding::NeverFires {
                clause: found(c),
                posts: bounds.posts,
                records: bounds.records,
            },
            Finding::Implied(c) => hir::finding::AnalysisFinding::Implied {
                clause: found(c),
                posts: bounds.posts,
                records: bounds.records,
            },
        })
        .collect();
    let diagnostics: Vec<crate::diagnostics::Diagnostic> =
        typed.iter().filter_map(crate::messages::analysis_diagnostic).collect();
    let satisfiable = !analysis.findings.iter().any(|f| matches!(f, Finding::Unsatisfiable(_)));
    let witness_findings = match &analysis.witness {
        Some(w) => recheck(inputs, options, w),
        None => Vec::new(),
    };
    Ok(Outcome {
        diagnostics,
        bounds,
        guidance: chosen.iter().map(|g| g.name.to_string()).collect(),
        witness_needs_partner: satisfiable && analysis.witness.is_none() && !analysis.gave_up,
        witness: analysis.witness,
        witness_findings,
        gave_up: analysis.gave_up,
    })
}

/// What the human output says after the diagnostics: the bound, and the witness (or why
/// there is none).
pub fn human_tail(outcome: &Outcome) -> String {
    let guidance = outcome
        .guidance
        .iter()
        .map(|g| format!("`{g}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let bound = format!(
        "up to {} posts and {} assurance records",
        outcome.bounds.posts, outcome.bounds.records
    );
    let mut out = String::new();
    if outcome.gave_up {
        out.push_str("the solver gave up on some question; the findings above may be incomplete\n");
    }
    if !outcome.witness_findings.is_empty() {
        out.push_str(&format!(
            "bug: the checker finds {} in the witness below, which the analysis says meets everything; please report it\n",
            outcome
                .witness_findings
                .iter()
                .map(|d| format!("{} ({})", d.code, d.message))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    match (&outcome.witness, outcome.witness_needs_partner) {
        (Some(witness), _) => {
            out.push_str(&format!(
                "analysed {guidance} over every council of {bound}; a smallest council that meets every `must` and `should`, which `regard check` passes:\n\n"
            ));
            out.push_str(witness);
        }
        (None, true) => out.push_str(&format!(
            "analysed {guidance} over every council of {bound}; every council that meets it needs a post shared with another council, and regard does not write such a witness\n"
        )),
        (None, false) => out.push_str(&format!(
            "analysed {guidance} over every council of {bound}; no council of that size meets every `must` and `should`\n"
        )),
    }
    out
}
