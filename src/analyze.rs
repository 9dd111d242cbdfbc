//! `regard analyze`: the symbolic analysis of the guidance in force (or the guidance
//! named) as diagnostics, with the bound stated and the witness checked by the ordinary
//! checker before it is shown (a witness the checker finds anything in is a bug of the
//! encoding, reported as such). The analysis itself is `crate::symbolic`.

use crate::hir;
use crate::symbolic::encode::Bounds;
use crate::symbolic::{ClauseRef, Finding, analyze, clauses, default_bounds};
use crate::syntax::ast::{Quantifier, Status};

/// What the ordinary checker says of a witness, checked with the files it was found
/// from: a witness it finds anything in is a bug of the encoding, reported as such. W0204
/// and W0209 are left out: they say that the guidance analysed is superseded or not in
/// force on the date, which the drafter chose, not something the council could change.
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
        .filter(|d| {
            !matches!(
                d.code,
                crate::diagnostics::Code::Builtin(
                    crate::diagnostics::Builtin::W0204 | crate::diagnostics::Builtin::W0209
                )
            )
        })
        .collect()
}

/// Why the code lens's command offers no council that breaks a rule.
#[derive(Debug)]
pub enum NoBreakingCouncil {
    /// No council of the bound breaks it (or there is no such rule).
    NoneInBound,
    /// The analysis wrote a council that the ordinary checker does not find breaking the
    /// rule, or finds an error in: a bug of the encoding, never offered to the user. The
    /// checker's findings in that council.
    Unconfirmed(Vec<crate::diagnostics::Diagnostic>),
}

/// The code lens's command: a smallest council that breaks `guidance.rule`, from the
/// analysis (`ide::lens::council_that_breaks`), offered only once the ordinary checker,
/// run over the session's own files and the council, finds the rule broken in it and no
/// error of another kind.
pub fn council_that_breaks(session: &crate::Session, guidance: &str, rule: &str) -> Result<String, NoBreakingCouncil> {
    let (db, ws) = (&session.db, session.workspace);
    let witness =
        crate::ide::lens::council_that_breaks(db, ws, guidance, rule).ok_or(NoBreakingCouncil::NoneInBound)?;
    confirm_breaking(session, guidance, rule, witness)
}

/// `witness` when the ordinary checker, run over the session's own files and it, finds
/// `guidance.rule` broken in it and no built-in error; else what it found.
pub fn confirm_breaking(
    session: &crate::Session,
    guidance: &str,
    rule: &str,
    witness: String,
) -> Result<String, NoBreakingCouncil> {
    let (db, ws) = (&session.db, session.workspace);
    let inputs = session
        .user_files()
        .into_iter()
        .map(|f| crate::Input {
            path: f.path(db).clone(),
            contents: f.contents(db).clone(),
        })
        .collect();
    let options = crate::Options {
        as_of: ws.as_of(db),
        stdlib: ws.files(db).iter().any(|f| f.origin(db) == crate::base::Origin::Stdlib),
        as_of_given: false,
    };
    let found = recheck(inputs, options, &witness);
    let breaks = found.iter().any(
        |d| matches!(&d.code, crate::diagnostics::Code::Rule { guidance: g, rule: r } if g == guidance && r == rule),
    );
    let errors = found.iter().any(|d| {
        matches!(d.code, crate::diagnostics::Code::Builtin(_)) && d.severity == crate::diagnostics::Severity::Error
    });
    match breaks && !errors {
        true => Ok(witness),
        false => Err(NoBreakingCouncil::Unconfirmed(found)),
    }
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
        law: c.guidance.status == crate::syntax::ast::Status::Law,
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
        chosen.push(session.guidance_named(id)?);
    }
    if request.guidance.is_empty() {
        chosen = all.iter().copied().filter(|g| g.in_force.contains(as_of)).collect();
        if chosen.is_empty() {
            return Err(format!(
                "no guidance in force on {as_of} to analyse; name one with `--guidance`"
            ));
        }
    }
    // The facts of law are axioms (language-v3 3.1): the councils considered are those
    // that meet every fact of law in force, named or not. Whether a fact of law can fire,
    // or is implied, is only asked when a fact of law is named.
    let law_named = chosen.iter().any(|g| g.status == Status::Law) && !request.guidance.is_empty();
    let defs = ws.defs(db);
    let named: Vec<&str> = chosen.iter().map(|g| g.name.as_str()).collect();
    let law = crate::symbolic::law_in_force(defs, &all, as_of, &named);
    chosen.extend(law);
    let clauses = clauses(&chosen, as_of);
    // A fact of law about each post only rules councils out: it needs no post of its
    // own, so the bound counts the analysed clauses and the facts that count posts.
    let analysed: Vec<ClauseRef<'_>> = clauses
        .iter()
        .filter(|c| law_named || c.guidance.status != Status::Law || c.clause.quantifier != Quantifier::Each)
        .cloned()
        .collect();
    let mut bounds = default_bounds(&analysed);
    if let Some(n) = request.posts {
        bounds.posts = n;
    }
    if let Some(m) = request.records {
        bounds.records = m;
    }
    if let Some(message) = crate::symbolic::bounds_error(defs, &clauses, bounds, as_of) {
        return Err(message);
    }
    let analysis = analyze(defs, &chosen, bounds, as_of);
    let found = |c: &ClauseRef<'_>| clause_at(c);
    let about_law = |c: &ClauseRef<'_>| c.guidance.status == Status::Law && !law_named;
    let typed: Vec<hir::finding::AnalysisFinding> = analysis
        .findings
        .iter()
        .filter(|f| match f {
            Finding::NeverFires(c) | Finding::Implied(c) => !about_law(c),
            Finding::Unsatisfiable(_) => true,
        })
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

/// `regard analyze --format json` (version 1, docs/schema/analyze.schema.json): the check's JSON
/// of the diagnostics (`diagnostics`, `summary`), with what was analysed, the bound and
/// the witness.
pub fn json(check_json: &str, outcome: &Outcome, as_of: jiff::civil::Date) -> String {
    let check: serde_json::Value = serde_json::from_str(check_json).unwrap_or(serde_json::Value::Null);
    let value = serde_json::json!({
        "version": 1,
        "as_of": as_of.to_string(),
        "guidance": outcome.guidance,
        "bound": {"posts": outcome.bounds.posts, "records": outcome.bounds.records},
        "diagnostics": check["diagnostics"],
        "summary": check["summary"],
        "witness": outcome.witness,
        "witness_findings": outcome
            .witness_findings
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect::<Vec<_>>(),
        "gave_up": outcome.gave_up,
    });
    crate::diagnostics::escape::json(&value) + "\n"
}
